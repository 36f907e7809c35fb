"""Hostile input on the approval endpoint (bodies, ids, hashes, tokens and scopes) and on the
deploy_requests entry point (malformed continuations and DeployRequests): never a 500 nor a
crash, a 4xx envelope, retryable only where a retry can succeed, and nothing half-written."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.contracts import args_hash
from klepaas_shared.store import get_store

from .conftest import load_main
from .test_approvals import ARGS, hold
from .test_watching import _cloud_event

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HASH = args_hash(ARGS)
hashes = st.one_of(st.just(HASH), st.just(HASH.upper()), st.text(max_size=40), st.integers(), st.none())
bodies = st.one_of(
    st.fixed_dictionaries({}, optional={"approve": st.one_of(st.booleans(), st.text(max_size=5)), "args_hash": hashes}),
    st.fixed_dictionaries({"approve": st.booleans(), "args_hash": hashes, "extra": st.integers()}),
    st.lists(st.integers(), max_size=2),
    st.text(max_size=20),
)
tokens = st.sampled_from(["none", "forged", "read", "execute"])


@FUZZ
@given(body=bodies, token=tokens, other_id=st.one_of(st.none(), st.text(min_size=1, max_size=200)))
def test_the_approval_endpoint_answers_hostile_decisions_with_a_4xx_and_leaves_the_hold_intact(
    cluster: KubeStandIn,
    client: Any,
    headers: dict[str, str],
    make_token: Callable[..., str],
    body: Any,
    token: str,
    other_id: str | None,
) -> None:
    operation_id = hold(client, headers)["operation"]["id"]
    before = get_store().get("operations", operation_id)
    auth = {
        "none": {},
        "forged": {"Authorization": "Bearer " + make_token()[:-4] + "AAAA"},
        "read": {"Authorization": f"Bearer {make_token(scopes=('read',))}"},
        "execute": {"Authorization": f"Bearer {make_token(scopes=('read', 'deploy:execute'))}"},
    }[token]
    target = operation_id if other_id is None else other_id.replace("/", "_").replace("?", "_").replace("#", "_")
    response = client.post(f"/api/v1/operations/{target}/approval", data=json.dumps(body), headers=auth)
    assert response.status_code < 500, response.get_data(as_text=True)
    after = get_store().get("operations", operation_id)
    if response.status_code >= 400:
        assert set(response.get_json()["error"]) >= {"code", "message"}
        assert after == before  # a refused decision changes nothing
    else:  # only the exact hash, from someone allowed to deploy, decides
        assert token == "execute" and target == operation_id and body.get("args_hash") == HASH
        assert after["approval"]["state"] in ("approved", "rejected") and after["status"] != "pending"
    if target == operation_id and token in ("none", "forged"):
        assert response.status_code == 401


continuations = st.one_of(
    st.binary(max_size=40),
    st.fixed_dictionaries(
        {},
        optional={
            "watch_id": st.one_of(st.text(max_size=200), st.integers(), st.none(), st.just("deployment-1")),
            "slice": st.one_of(st.integers(-(2**70), 2**70), st.text(max_size=4), st.floats(allow_nan=False)),
        },
    ).map(lambda d: json.dumps(d).encode()),
)


@FUZZ
@given(data=continuations, as_watch=st.booleans())
def test_malformed_continuations_and_requests_are_acked_and_write_nothing(
    cluster: KubeStandIn, data: bytes, as_watch: bool
) -> None:
    attributes = {"kind": "rollout_watch"} if as_watch else {}
    load_main().deploy_requests(_cloud_event(data, attributes, uuid.uuid4().hex))  # acked: never raised
    store = get_store()
    assert store.query("rollout_watches") == [] and store.query("deployments") == []
    assert store.query("operations") == []
