"""Deploys that need approval: held, announced, run exactly once on approval, cancelled on rejection."""

from __future__ import annotations

import json
from typing import Any

import pytest

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, TOPIC_DEPLOYMENT_EVENTS, DeployRequest, args_hash
from klepaas_shared.events import pubsub_envelope
from klepaas_shared.store import get_store

from .conftest import load_main, reset
from .test_console import _event

APP = "k-le-paas-test01"
ARGS = {
    "github_owner": "K-Le-PaaS",
    "github_repo": "test01",
    "environment": "production",
    "image": "registry.example/test01:abc1234",
    "commit": {"sha": "abc1234" + "0" * 33, "message": "ship it", "author": "dev"},
}


def approval_requests() -> list[dict[str, Any]]:
    return [
        json.loads(data)
        for topic, _, data, attributes in local_bus().published
        if topic == TOPIC_DEPLOYMENT_EVENTS and attributes.get("kind") == "approval_requested"
    ]


def follow_rollouts() -> None:
    """Deliver the rollout-watch continuations to the deploy_requests entry point until none is left."""
    deploy_main = load_main()
    local_bus().subscribe(TOPIC_DEPLOY_REQUESTS, "deploy", deploy_main.deploy_requests)
    for _, message_id, data, attributes in [p for p in local_bus().published if p[0] == TOPIC_DEPLOY_REQUESTS]:
        deploy_main.deploy_requests(_cloud_event(data, attributes, message_id))
    assert local_bus().drain(15)


def _cloud_event(data: bytes, attributes: dict[str, str], message_id: str) -> Any:
    from cloudevents.http import CloudEvent

    ce_attributes, ce_data = pubsub_envelope(
        "demo-test", TOPIC_DEPLOY_REQUESTS, "deploy", data, attributes, message_id=message_id
    )
    return CloudEvent(ce_attributes, ce_data)


def hold(client: Any, headers: dict[str, str], **extra: Any) -> dict[str, Any]:
    body = {"type": "deploy", "args": ARGS, **extra}
    response = client.post("/api/v1/operations", json=body, headers=headers)
    assert response.status_code == 200, response.get_json()
    answer: dict[str, Any] = response.get_json()
    return answer


def decide(client: Any, headers: dict[str, str], operation_id: str, approve: bool, digest: str) -> Any:
    return client.post(
        f"/api/v1/operations/{operation_id}/approval", json={"approve": approve, "args_hash": digest}, headers=headers
    )


def test_a_production_deploy_is_held_and_announced_without_touching_the_cluster(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    answer = hold(client, headers)
    operation = answer["operation"]
    assert operation["status"] == "pending" and answer["data"]["status"] == "pending_approval"
    assert cluster.get("deployments", "default", APP) is None
    assert get_store().query("deployments") == []
    [request] = approval_requests()
    assert request["operation_id"] == operation["id"] and request["args"] == ARGS
    assert (request["owner"], request["repo"], request["environment"]) == ("K-Le-PaaS", "test01", "production")
    assert request["commit_sha"] == ARGS["commit"]["sha"]  # type: ignore[index]
    again = hold(client, headers, operation_id=operation["id"])
    assert again["operation"]["status"] == "pending" and len(approval_requests()) == 1  # a retry is not a bypass


def test_approval_runs_the_exact_operation_once(
    cluster: KubeStandIn, client: Any, headers: dict[str, str], approver_headers: dict[str, str]
) -> None:
    operation_id = hold(client, headers)["operation"]["id"]
    assert decide(client, approver_headers, operation_id, True, "0" * 32).status_code == 409
    approved = decide(client, approver_headers, operation_id, True, args_hash(ARGS))
    assert approved.status_code == 200, approved.get_json()
    assert approved.get_json()["operation"]["status"] == "running"  # answered at once; watched by continuations
    follow_rollouts()
    assert client.get(f"/api/v1/operations/{operation_id}", headers=headers).get_json()["status"] == "succeeded"
    dep = cluster.get("deployments", "default", APP)
    assert dep["spec"]["template"]["spec"]["containers"][0]["image"] == ARGS["image"]
    [doc] = [d.data for d in get_store().query("deployments")]
    assert doc["status"] == "success" and doc["request_id"] == operation_id and doc["environment"] == "production"
    second = decide(client, approver_headers, operation_id, True, args_hash(ARGS))
    assert second.status_code == 409 and "already approved" in second.get_json()["error"]["message"]
    assert len([r for r in cluster.requests if r.method == "PATCH"]) == 1
    assert len(get_store().query("deployments")) == 1
    actions = [d.data["action"] for d in get_store().query("audit")]
    assert "deploy.approve" in actions


def test_rejection_cancels_and_nothing_runs(
    cluster: KubeStandIn,
    client: Any,
    headers: dict[str, str],
    read_headers: dict[str, str],
    approver_headers: dict[str, str],
) -> None:
    operation_id = hold(client, headers)["operation"]["id"]
    assert decide(client, read_headers, operation_id, True, args_hash(ARGS)).status_code == 403
    rejected = decide(client, approver_headers, operation_id, False, args_hash(ARGS))
    assert rejected.status_code == 200 and rejected.get_json()["operation"]["status"] == "cancelled"
    assert client.get(f"/api/v1/operations/{operation_id}", headers=headers).get_json()["status"] == "cancelled"
    late = decide(client, approver_headers, operation_id, True, args_hash(ARGS))
    assert late.status_code == 409 and "already rejected" in late.get_json()["error"]["message"]
    assert cluster.get("deployments", "default", APP) is None and not [
        r for r in cluster.requests if r.method in ("PATCH", "POST")
    ]
    assert decide(client, headers, "no-such-op", True, args_hash(ARGS)).status_code == 404


def test_staging_and_apps_overridden_off_deploy_at_once(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    staging = hold(client, headers, args={**ARGS, "environment": "staging"})
    assert staging["operation"]["status"] == "succeeded"
    with klepaas_env({"KLEPAAS_DEPLOY_APPROVAL_APPS": json.dumps({f"{APP}/production": False})}):
        reset()
        answer = client.post("/api/v1/operations", json={"type": "deploy", "args": ARGS}, headers=headers)
        assert answer.get_json()["operation"]["status"] == "succeeded"
    assert approval_requests() == []


def test_a_deploy_request_for_production_waits_and_runs_once_when_approved(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    deploy_main = load_main()
    request = DeployRequest(
        owner="K-Le-PaaS",
        repo="test01",
        environment="production",
        image="r/test01:v2",
        image_tags=("v2",),
        requested_by="webhook",
        source="github_release",
        github_deployment_id=77,
        commit={"sha": "d" * 40},
    )  # type: ignore[arg-type]
    deploy_main.deploy_requests(_event(request, "m-1"))
    deploy_main.deploy_requests(_event(request, "m-2"))  # a redelivery
    [approval] = approval_requests()
    assert approval["operation_id"] == request.request_id and approval["args"]["github_deployment_id"] == 77
    assert get_store().query("deployments") == [] and cluster.get("deployments", "default", APP) is None
    answer = decide(client, headers, request.request_id, True, args_hash(approval["args"]))
    assert answer.status_code == 200 and answer.get_json()["operation"]["status"] == "running"
    follow_rollouts()
    deploy_main.deploy_requests(_event(request, "m-3"))  # after approval: nothing more
    [doc] = [d.data for d in get_store().query("deployments")]
    assert doc["request_id"] == request.request_id and doc["status"] == "success"
    assert len(approval_requests()) == 1


def test_a_production_scale_is_held_and_runs_once_approved(
    cluster: KubeStandIn, client: Any, headers: dict[str, str], approver_headers: dict[str, str]
) -> None:
    cluster.seed.app("default", APP, "registry.example/test01:v1")
    args = {"github_owner": "K-Le-PaaS", "github_repo": "test01", "environment": "production", "replicas": 3}
    answer = client.post("/api/v1/operations", json={"type": "scale", "args": args}, headers=headers).get_json()
    operation = answer["operation"]
    assert operation["status"] == "pending" and answer["data"]["status"] == "pending_approval"
    assert not [r for r in cluster.requests if r.method == "PATCH"]
    [request] = approval_requests()
    assert request["operation_id"] == operation["id"] and request["args"] == args
    assert decide(client, headers, operation["id"], True, args_hash(args)).status_code == 403  # not the requester
    approved = decide(client, approver_headers, operation["id"], True, args_hash(args))
    assert approved.status_code == 200, approved.get_json()
    assert cluster.get("deployments", "default", APP)["spec"]["replicas"] == 3
    assert decide(client, approver_headers, operation["id"], True, args_hash(args)).status_code == 409


def test_a_held_deploy_answers_what_waits_where_it_is_approved_and_its_commit(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    """The answer to a held deploy names its operation and where it is decided (Slack, or the
    approval endpoint); the commit is the one asked for, and a commit not known yet links to the
    branch on GitHub, never an empty link."""
    answer = hold(client, headers)
    data, operation_id = answer["data"], answer["operation"]["id"]
    assert data["operation_id"] == operation_id
    assert data["approval_path"] == f"/api/v1/operations/{operation_id}/approval"
    assert data["args_hash"] == args_hash(ARGS)
    shown = client.get(f"/api/v1/operations/{operation_id}", headers=headers).get_json()
    assert shown["result"]["data"]["args_hash"] == args_hash(ARGS)  # what an approver sends to approval_path
    assert operation_id in data["message"] and data["approval_path"] in data["message"] and "Slack" in data["message"]
    assert (data["repository"], data["environment"], data["branch"]) == ("K-Le-PaaS/test01", "production", "main")
    sha = ARGS["commit"]["sha"]  # type: ignore[index]
    assert data["commit"] == {
        "sha": sha,
        "message": "ship it",
        "author": "dev",
        "url": f"https://github.com/K-Le-PaaS/test01/commit/{sha}",
    }
    unknown = {k: v for k, v in ARGS.items() if k != "commit"}
    response = client.post("/api/v1/operations", json={"type": "deploy", "args": unknown}, headers=headers)
    commit = response.get_json()["data"]["commit"]
    assert commit["sha"] == "" and commit["url"] == "https://github.com/K-Le-PaaS/test01/tree/main"


def test_a_held_rollback_names_the_version_it_waits_to_roll_back_to(
    cluster: KubeStandIn, client: Any, headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What waits is said: a held rollback's answer names the version it rolls back to and from
    (known before it is held), beside its operation and where it is approved."""
    monkeypatch.setenv("KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS", "")  # two releases to roll back between
    reset()
    for sha in ("a" * 40, "b" * 40):
        args = {**ARGS, "image": f"registry.example/test01:{sha[:7]}", "commit": {"sha": sha, "author": "dev"}}
        response = client.post("/api/v1/operations", json={"type": "deploy", "args": args}, headers=headers)
        assert response.status_code == 200 and response.get_json()["data"]["status"] != "pending_approval"
    monkeypatch.delenv("KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS")
    reset()
    args = {"github_owner": "K-Le-PaaS", "github_repo": "test01", "environment": "production"}
    body = {"type": "rollback", "args": {**args, "target_commit_sha": "a" * 40}}
    answer = client.post("/api/v1/operations", json=body, headers=headers).get_json()
    assert "data" in answer, answer
    data, operation_id = answer["data"], answer["operation"]["id"]
    assert data["status"] == "pending_approval" and answer["operation"]["status"] == "pending"
    assert (data["target_commit"], data["previous_commit"]) == ("aaaaaaa", "bbbbbbb")
    assert data["approval_path"] == f"/api/v1/operations/{operation_id}/approval" and data["args_hash"]
    image = cluster.get("deployments", "default", APP)["spec"]["template"]["spec"]["containers"][0]["image"]
    assert image == "registry.example/test01:bbbbbbb"
