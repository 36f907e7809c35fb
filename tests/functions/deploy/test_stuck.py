"""deploy_maintenance: operations and deployments left running past their deadline (a lost
continuation, an instance that died mid-watch) end as ``timed_out``, announced once, through the
real entry point as Eventarc delivers Cloud Scheduler's tick."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import functions_framework
from cloudevents.http import CloudEvent

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.bus import local_bus
from klepaas_shared.clock import iso, now
from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS, TOPIC_MAINTENANCE
from klepaas_shared.events import pubsub_envelope
from klepaas_shared.store import get_store

from .conftest import ROOT, reset
from .test_approvals import ARGS, follow_rollouts, hold
from .test_operations import REPO, deploy

LONG_AGO = iso(now() - timedelta(days=1))


def tick(body: Any) -> int:
    """One scheduler message on the maintenance topic; the HTTP status of the entry point."""
    app = functions_framework.create_app(target="deploy_maintenance", source=str(ROOT / "functions/deploy/main.py"))
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    attributes, envelope = pubsub_envelope("demo-test", TOPIC_MAINTENANCE, "sub", data)
    headers = {f"ce-{k}": str(v) for k, v in attributes.items()}
    event = CloudEvent(attributes, envelope)
    body_json = json.dumps(event.data)
    response = app.test_client().post("/", data=body_json, headers=headers, content_type="application/json")
    return int(response.status_code)


def events(kind: str) -> list[dict[str, Any]]:
    found = [json.loads(d) for t, _, d, a in local_bus().published if t == TOPIC_DEPLOYMENT_EVENTS and not a]
    return [e for e in found if e["type"] == kind]


def backdate(collection: str, doc_id: str, **paths: str) -> None:
    get_store().update(collection, doc_id, {path.replace("__", "."): value for path, value in paths.items()})


def test_a_scale_whose_continuation_was_lost_ends_timed_out_and_is_announced_once(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    with klepaas_env({"KLEPAAS_ROLLOUT_INLINE_S": "0"}):
        reset()
        answer = client.post(f"{REPO}/scale", json={"replicas": 2}, headers=headers).get_json()
        operation_id = answer["operation"]["id"]
        assert tick({"task": "end_stuck_work"}) == 200
        assert get_store().get("operations", operation_id)["status"] == "running"  # within its deadline
        backdate("operations", operation_id, watch__deadline_at=LONG_AGO)  # the continuation never came
        assert tick({"task": "end_stuck_work"}) == 200
        assert tick({"task": "end_stuck_work"}) == 200  # a second tick finds nothing more to end
        follow_rollouts()  # the lost continuation turns up late: it must not end the operation again
        done = client.get(f"/api/v1/operations/{operation_id}", headers=headers).get_json()
        scaled = [e["status"] for e in events("scaled")]
    assert done["status"] == "failed" and done["error"]["code"] == "timed_out", done
    assert "past its deadline" in done["error"]["message"]
    assert scaled == ["failed"]


def test_a_deployment_left_running_fails_with_its_operation_and_one_event(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.cluster.progress_deadline_ticks = 10_000  # the rollout never ends by itself
    with klepaas_env({"KLEPAAS_ROLLOUT_INLINE_S": "0"}):
        reset()
        body = deploy(client, headers, "registry.example/test01:neverready", "d" * 40)
        deployment_id = str(body["data"]["deployment_id"])
        backdate("deployments", deployment_id, started_at=LONG_AGO)
        assert tick({"task": "end_stuck_work"}) == 200
        assert tick({"task": "end_stuck_work"}) == 200
        completed = events("deployment_completed")
        doc = get_store().get("deployments", deployment_id)
        operation = get_store().get("operations", body["operation"]["id"])
    assert doc["status"] == "failed" and doc["error"]["code"] == "timed_out"
    assert doc["stages"]["sourcedeploy"]["status"] == "failed" and doc["completed_at"]
    assert operation["status"] == "failed" and operation["error"]["code"] == "timed_out"
    assert [(e["status"], e["error"]["code"]) for e in completed] == [("failed", "timed_out")]


def test_work_held_for_approval_or_within_its_deadline_is_never_touched(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    with klepaas_env({"KLEPAAS_ROLLOUT_INLINE_S": "0"}):
        reset()
        held = hold(client, headers)["operation"]["id"]
        backdate("operations", held, created_at=LONG_AGO)  # waiting a day for a human is fine
        fresh = deploy(client, headers, "registry.example/test01:v2", "e" * 40)
        assert tick({"task": "end_stuck_work"}) == 200
        completed = events("deployment_completed")
        statuses = [
            get_store().get("operations", held)["status"],
            get_store().get("operations", fresh["operation"]["id"])["status"],
            get_store().get("deployments", str(fresh["data"]["deployment_id"]))["status"],
        ]
    assert statuses == ["pending", "running", "running"]
    assert completed == []
    assert ARGS["environment"] == "production"  # the held one needed its approval


def test_other_consumers_tasks_are_skipped_and_malformed_ticks_are_acked(cluster: KubeStandIn) -> None:
    for body in ({"task": "prune_expired"}, {"task": "redeliver_failed_deliveries"}, {}, {"task": ["x"]}, b"\xff"):
        assert tick(body) == 200  # acked: a scheduler tick that cannot succeed is never retried
    assert events("deployment_completed") == [] and get_store().query("operations") == []
