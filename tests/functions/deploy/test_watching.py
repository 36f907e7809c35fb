"""The rollout watch after a mutation: a quick HTTP answer, then bounded continuation slices."""

from __future__ import annotations

import json
from typing import Any

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, TOPIC_DEPLOYMENT_EVENTS
from klepaas_shared.store import get_store

from .conftest import reset
from .test_approvals import _cloud_event, follow_rollouts
from .test_operations import REPO, deploy


def _events(kind: str) -> list[dict[str, Any]]:
    found = [json.loads(d) for t, _, d, a in local_bus().published if t == TOPIC_DEPLOYMENT_EVENTS and not a]
    return [e for e in found if e["type"] == kind]


def _continuations() -> list[tuple[str, bytes, dict[str, str]]]:
    return [(m, d, a) for t, m, d, a in local_bus().published if t == TOPIC_DEPLOY_REQUESTS and a.get("kind")]


def test_a_mutation_answers_running_and_a_continuation_finishes_it_once(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    with klepaas_env({"KLEPAAS_ROLLOUT_INLINE_S": "0"}):
        reset()
        answer = client.post(f"{REPO}/scale", json={"replicas": 3}, headers=headers).get_json()
        assert answer["operation"]["status"] == "running" and answer["data"]["status"] == "running"
        assert cluster.get("deployments", "default", "k-le-paas-test01")["spec"]["replicas"] == 3
        [(_message_id, data, attributes)] = _continuations()
        assert json.loads(data) == {"watch_id": answer["operation"]["id"], "slice": 1}
        follow_rollouts()
        done = client.get(f"/api/v1/operations/{answer['operation']['id']}", headers=headers).get_json()
        assert done["status"] == "succeeded" and done["result"]["data"]["rollout"]["state"] == "complete"
        assert [e["status"] for e in _events("scaled")] == ["success"]
        from klepaas_deploy.requests import consume
        from klepaas_shared.events import decode

        consume(decode(_cloud_event(data, attributes, "redelivered-1")))  # a duplicate under a new id
        assert len(_events("scaled")) == 1


def test_a_rollout_that_never_ends_fails_after_its_deadline_across_slices(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    env = {"KLEPAAS_ROLLOUT_INLINE_S": "0", "KLEPAAS_ROLLOUT_WATCH_S": "2", "KLEPAAS_ROLLOUT_SLICE_S": "1"}
    cluster.cluster.progress_deadline_ticks = 10_000  # the cluster itself never gives up
    with klepaas_env(env):
        reset()
        body = deploy(client, headers, "registry.example/test01:neverready", "c" * 40)
        assert body["operation"]["status"] == "running"
        follow_rollouts()
        operation = client.get(f"/api/v1/operations/{body['operation']['id']}", headers=headers).get_json()
        doc = get_store().get("deployments", str(body["data"]["deployment_id"]))
        slices = len(_continuations())
        completed = [e["status"] for e in _events("deployment_completed")]
    assert operation["status"] == "failed" and operation["error"]["code"] == "rollout_timeout", operation
    assert "did not finish within 2s" in operation["error"]["message"]
    assert doc["status"] == "failed" and doc["stages"]["sourcedeploy"]["status"] == "failed"
    assert slices >= 2 and completed == ["failed"]  # more than one bounded slice, one announcement


def test_a_malformed_continuation_is_dropped_without_a_500(cluster: KubeStandIn) -> None:
    from klepaas_deploy.requests import consume
    from klepaas_shared.errors import BadRequest
    from klepaas_shared.events import decode

    for body in (b"{}", b'{"watch_id": 5, "slice": "x"}', b"[]"):
        try:
            consume(decode(_cloud_event(body, {"kind": "rollout_watch"}, "bad")))
        except BadRequest:
            continue
        raise AssertionError("a malformed continuation was accepted")
    assert get_store().query("rollout_watches") == []
