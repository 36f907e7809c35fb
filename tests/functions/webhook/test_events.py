"""The Pub/Sub entry points: Google Cloud's events and deployment events, as Eventarc sends them."""

from __future__ import annotations

import json
from typing import Any

import functions_framework
from cloudevents.http import CloudEvent

from klepaas_fakes.github import FakeGitHub
from klepaas_shared.contracts import DeploymentEvent
from klepaas_shared.events import pubsub_envelope
from klepaas_shared.store import Store

from .conftest import ROOT, connect, payload, published


def _send(target: str, topic: str, data: dict[str, Any], attributes: dict[str, str] | None = None) -> int:
    app = functions_framework.create_app(target=target, source=str(ROOT / "functions/webhook/main.py"))
    ce_attributes, ce_data = pubsub_envelope("demo-test", topic, f"{target}-sub", json.dumps(data).encode(), attributes)
    event = CloudEvent(ce_attributes, ce_data)
    headers = {f"ce-{k}": str(v) for k, v in ce_attributes.items()}
    response = app.test_client().post(
        "/", data=json.dumps(event.data), headers=headers, content_type="application/json"
    )
    return int(response.status_code)


def test_an_image_pushed_to_a_watched_repository_becomes_a_deploy_request(store: Store) -> None:
    connect(store)
    assert _send("webhook_gcp_events", "gcr", payload("artifact_registry_insert")) == 200
    [request] = published("deploy-requests")
    assert request["image"] == "asia-northeast3-docker.pkg.dev/demo-test/apps/k-le-paas-test01:1.1"
    assert request["image_tags"] == ["1.1"] and request["source"] == "artifact_registry"


def test_images_elsewhere_deletes_and_switched_off_repositories_do_not_deploy(store: Store) -> None:
    connect(store, auto_deploy_enabled=False)
    insert = payload("artifact_registry_insert")
    assert _send("webhook_gcp_events", "gcr", insert) == 200
    connect(store, repo="test01", user_id="u2")
    other = {**insert, "tag": "us-docker.pkg.dev/elsewhere/apps/k-le-paas-test01:1.1"}
    assert _send("webhook_gcp_events", "gcr", other) == 200
    assert _send("webhook_gcp_events", "gcr", {**insert, "action": "DELETE"}) == 200
    assert published("deploy-requests") == []


def test_cloud_build_statuses_become_sourcebuild_stage_events(store: Store) -> None:
    store.set("deployments", "7", {"id": 7, "owner": "K-Le-PaaS", "repo": "test01", "status": "running"})
    for name, status in (
        ("cloud_build_working", "WORKING"),
        ("cloud_build_success", "SUCCESS"),
        ("cloud_build_failure", "FAILURE"),
    ):
        attributes = {"buildId": payload(name)["id"], "status": status}
        assert _send("webhook_gcp_events", "cloud-builds", payload(name), attributes) == 200
    started, succeeded, failed = published("deployment-events")
    assert started["type"] == "stage_started" and started["stage"] == "sourcebuild" and started["status"] == "running"
    assert succeeded["type"] == "stage_completed" and succeeded["status"] == "success"
    assert succeeded["deployment_id"] == 7 and succeeded["duration_s"] == 90.5
    assert failed["status"] == "failed" and "non-zero status" in failed["error"]["message"]


def test_a_build_of_no_deployment_publishes_nothing() -> None:
    build = {**payload("cloud_build_success"), "substitutions": {}, "tags": []}
    assert _send("webhook_gcp_events", "cloud-builds", build, {"buildId": "x", "status": "SUCCESS"}) == 200
    assert published("deployment-events") == []


def test_deployment_events_update_the_github_deployment_status(github: FakeGitHub, store: Store) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "c" * 40, "x", branch="main")
    from klepaas_webhook.deploys import Plan, publish
    from klepaas_webhook.github_api import CommitInfo

    request = publish(
        store,
        Plan(
            "K-Le-PaaS",
            "test01",
            "staging",
            "main",
            CommitInfo("c" * 40, "x", "", ""),
            ("ccccccc",),
            "manual",
            "user-1",
            77,
        ),
    )
    deployment_id = request.github_deployment_id
    assert deployment_id is not None
    base = {
        "deployment_id": 7,
        "owner": "K-Le-PaaS",
        "repo": "test01",
        "github_deployment_id": deployment_id,
        "github_installation_id": 77,
    }
    for fields in (
        {"type": "deployment_started"},
        {"type": "stage_completed", "stage": "sourcebuild", "status": "success"},
        {"type": "deployment_completed", "status": "success"},
    ):
        event = DeploymentEvent.model_validate({**base, **fields}).model_dump(mode="json")
        assert _send("webhook_deployment_events", "deployment-events", event) == 200
    states = [s["state"] for s in repo.deployment_statuses[deployment_id]]
    assert states == ["queued", "in_progress", "success"]


def test_a_deployment_event_finds_its_github_deployment_through_the_history(github: FakeGitHub, store: Store) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "d" * 40, "x", branch="main")
    from klepaas_webhook.deploys import Plan, publish
    from klepaas_webhook.github_api import CommitInfo

    request = publish(
        store,
        Plan(
            "K-Le-PaaS",
            "test01",
            "staging",
            "main",
            CommitInfo("d" * 40, "x", "", ""),
            ("ddddddd",),
            "manual",
            "user-1",
            77,
        ),
    )
    store.set("deployments", "12", {"id": 12, "owner": "K-Le-PaaS", "repo": "test01", "request_id": request.request_id})
    event = DeploymentEvent(
        deployment_id=12, type="deployment_completed", owner="K-Le-PaaS", repo="test01", status="failed"
    )
    assert _send("webhook_deployment_events", "deployment-events", event.model_dump(mode="json")) == 200
    assert [s["state"] for s in repo.deployment_statuses[request.github_deployment_id or 0]] == ["queued", "failure"]


def test_an_undecodable_event_is_acked_without_effect() -> None:
    app = functions_framework.create_app(target="webhook_gcp_events", source=str(ROOT / "functions/webhook/main.py"))
    headers = {
        "ce-specversion": "1.0",
        "ce-type": "google.cloud.pubsub.topic.v1.messagePublished",
        "ce-source": "//pubsub.googleapis.com/projects/demo-test/topics/gcr",
        "ce-id": "1",
    }
    response = app.test_client().post(
        "/", data=json.dumps({"message": {"data": "!!!"}}), headers=headers, content_type="application/json"
    )
    assert response.status_code == 200
    assert published("deploy-requests") == []


def _plan(sha: str) -> Any:
    from klepaas_webhook.deploys import Plan
    from klepaas_webhook.github_api import CommitInfo

    return Plan("K-Le-PaaS", "test01", "staging", "main", CommitInfo(sha, "x", "", ""), (sha[:7],), "manual", "u", 77)


def test_a_late_in_progress_never_replaces_the_final_status(github: FakeGitHub, store: Store) -> None:
    """Issue 16, item 6: statuses follow the deployment's state, not the order events arrive in."""
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "e" * 40, "x", branch="main")
    from klepaas_webhook.deploys import publish

    deployment_id = publish(store, _plan("e" * 40)).github_deployment_id
    base = {"deployment_id": 8, "owner": "K-Le-PaaS", "repo": "test01"}
    base |= {"github_deployment_id": deployment_id, "github_installation_id": 77}
    for fields in (
        {"type": "deployment_started"},
        {"type": "deployment_completed", "status": "success"},
        {"type": "stage_started", "stage": "sourcedeploy"},  # delivered late
        {"type": "deployment_completed", "status": "failed"},  # a stray second ending
    ):
        event = DeploymentEvent.model_validate({**base, **fields}).model_dump(mode="json")
        assert _send("webhook_deployment_events", "deployment-events", event) == 200
    assert [s["state"] for s in repo.deployment_statuses[deployment_id or 0]] == ["queued", "in_progress", "success"]


def test_a_push_and_a_merge_arriving_together_create_one_github_deployment(github: FakeGitHub, store: Store) -> None:
    """Issue 16, item 7: the request id is claimed before GitHub is asked to create anything."""
    from concurrent.futures import ThreadPoolExecutor

    from klepaas_webhook.deploys import publish

    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "f" * 40, "x", branch="main")
    with ThreadPoolExecutor(6) as pool:
        requests = list(pool.map(lambda _: publish(store, _plan("f" * 40)), range(6)))
    assert len(repo.deployments) == 1
    created = next(iter(repo.deployments))
    assert {r.github_deployment_id for r in requests} <= {created, None}
    assert len({r.request_id for r in requests}) == 1
    assert publish(store, _plan("f" * 40)).github_deployment_id == created  # afterwards: the one recorded


def test_a_deployment_whose_creator_died_before_recording_it_is_adopted_not_created_again(
    github: FakeGitHub, store: Store
) -> None:
    """Issue 16, item 7, under a crash: GitHub created the Deployment, then the process died before
    the store learned its id. Whoever takes the claim over after its lease finds that Deployment
    (by the request id in its payload) instead of creating a second one."""
    import pytest

    from klepaas_shared.clock import iso, now
    from klepaas_webhook.deploys import GITHUB_DEPLOYMENTS, publish

    from ...e2e.faults_support import Crash, FailingWrites

    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "a" * 40, "x", branch="main")
    github.add_commit(repo, "b" * 40, "y", branch="main")
    other = publish(store, _plan("b" * 40)).github_deployment_id  # another commit's, in the same environment
    with FailingWrites(store, 2, only=(GITHUB_DEPLOYMENTS,)).armed(), pytest.raises(Crash):
        publish(store, _plan("a" * 40))  # the claim is written; recording the created id is not
    [created] = [d for d in repo.deployments if d != other]
    [request_id] = [d.id for d in store.query(GITHUB_DEPLOYMENTS) if d.data.get("github_deployment_id") is None]
    store.update(GITHUB_DEPLOYMENTS, request_id, {"lease_until": iso(now())})  # the dead claimer's lease ran out
    assert publish(store, _plan("a" * 40)).github_deployment_id == created
    assert sorted(repo.deployments) == sorted([other, created])
    assert store.get(GITHUB_DEPLOYMENTS, request_id)["github_deployment_id"] == created


def test_a_status_arriving_before_its_github_deployment_is_recorded_is_delivered_later(
    github: FakeGitHub, store: Store
) -> None:
    """Issue 16, items 6 and 7: an event for a request whose GitHub Deployment is still being
    created (its claim held, no id recorded) is retried by Pub/Sub, not dropped; once the claim's
    lease has run out (its creator died after GitHub created it), the Deployment is adopted by the
    request id in its payload, and statuses still only move forward."""
    import pytest

    from klepaas_shared.clock import iso, now
    from klepaas_webhook.deploys import GITHUB_DEPLOYMENTS, publish

    from ...e2e.faults_support import Crash, FailingWrites

    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "9" * 40, "x", branch="main")
    with FailingWrites(store, 2, only=(GITHUB_DEPLOYMENTS,)).armed(), pytest.raises(Crash):
        publish(store, _plan("9" * 40))  # claimed and created on GitHub; the id is never recorded
    [created] = repo.deployments
    [request_id] = [d.id for d in store.query(GITHUB_DEPLOYMENTS)]
    store.set("deployments", "21", {"id": 21, "owner": "K-Le-PaaS", "repo": "test01", "request_id": request_id})
    base = {"deployment_id": 21, "owner": "K-Le-PaaS", "repo": "test01", "commit": {"sha": "9" * 40}}
    started = DeploymentEvent.model_validate({**base, "type": "deployment_started"}).model_dump(mode="json")
    assert _send("webhook_deployment_events", "deployment-events", started) == 500  # Pub/Sub brings it back
    assert [s["state"] for s in repo.deployment_statuses[created]] == ["queued"]

    store.update(GITHUB_DEPLOYMENTS, request_id, {"lease_until": iso(now())})  # the creator's lease ran out
    assert _send("webhook_deployment_events", "deployment-events", started) == 200  # the redelivery
    assert store.get(GITHUB_DEPLOYMENTS, request_id)["github_deployment_id"] == created  # adopted, recorded
    done = DeploymentEvent.model_validate({**base, "type": "deployment_completed", "status": "success"})
    assert _send("webhook_deployment_events", "deployment-events", done.model_dump(mode="json")) == 200
    late = DeploymentEvent.model_validate({**base, "type": "stage_started", "stage": "sourcedeploy"})
    assert _send("webhook_deployment_events", "deployment-events", late.model_dump(mode="json")) == 200
    assert [s["state"] for s in repo.deployment_statuses[created]] == ["queued", "in_progress", "success"]
    assert list(repo.deployments) == [created]
