"""Malformed, hostile or replayed DeployRequests on the deploy_requests entry point with the NCP
pipeline configured: never an unhandled error, never a deployment left running, and no build for
a request whose commit or names do not fit."""

from __future__ import annotations

import uuid
from typing import Any

from cloudevents.http import CloudEvent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.ncp import NcpFake
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS
from klepaas_shared.events import pubsub_envelope
from klepaas_shared.store import get_store

from .test_pipeline_ncp import OLD_IMAGE, load_main, ncp, running_image  # noqa: F401 - ncp is a fixture

NAMES = st.one_of(st.sampled_from(["K-Le-PaaS", "test01", "../etc", "-x", "a" * 120, ""]), st.text(max_size=20))
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "request_id": st.text(max_size=40),
        "owner": NAMES,
        "repo": NAMES,
        "environment": st.sampled_from(["staging", "production", "qa", 3]),
        "branch": st.sampled_from(["main", "--upload-pack=touch /tmp/x", "no-such-branch", "a\nb"]),
        "commit": st.one_of(
            st.fixed_dictionaries({"sha": st.sampled_from(["", "zzz", "-c core.x", "f" * 40, "0123abc"])}),
            st.text(max_size=5),
        ),
        "image_tags": st.lists(st.sampled_from(["v1.2.3", "v1", "latest-prod", "x y"]), max_size=3),
        "requested_by": st.sampled_from(["webhook", ""]),
        "target": st.sampled_from(["ncp", "gcp", "aws", None]),
    },
)


def _event(payload: bytes) -> Any:
    attributes, data = pubsub_envelope(
        "demo-test", TOPIC_DEPLOY_REQUESTS, "deploy", payload, message_id=uuid.uuid4().hex
    )
    return CloudEvent(attributes, data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=FIELDS, raw=st.one_of(st.none(), st.binary(max_size=64)))
def test_malformed_deploy_requests_never_leave_a_deployment_running_or_build_a_bad_commit(
    ncp: tuple[NcpFake, str],  # noqa: F811
    cluster: KubeStandIn,
    fields: dict[str, Any],
    raw: bytes | None,
) -> None:
    import json

    fake, _ = ncp
    builds = len(fake.state.builds)
    payload = raw if raw is not None else json.dumps(fields).encode()
    load_main().deploy_requests(_event(payload))  # a non-retryable problem is acked, never raised
    for doc in (d.data for d in get_store().query("deployments")):
        # target=gcp without Cloud Build settings waits, by design, for a build made elsewhere (the
        # webhook reports it; deploy_maintenance ends it if none comes): nothing has started yet
        waiting = doc["status"] == "running" and not any(s["started_at"] for s in doc["stages"].values())
        assert doc["status"] in ("success", "failed") or waiting, doc
        if doc["status"] == "failed" and doc["error"]["stage"] == "sourcecommit":
            assert len(fake.state.builds) == builds
    assert running_image(cluster) == OLD_IMAGE
