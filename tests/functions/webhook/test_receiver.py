"""The GitHub webhook endpoints: signatures, delivery records with outcomes, deploy requests."""

from __future__ import annotations

import json
from typing import Any

import flask
import pytest

from klepaas_fakes.github import FakeGitHub
from klepaas_shared.store import Store
from klepaas_webhook import settings
from klepaas_webhook.signature import sign

from .conftest import REPO_SECRET, Deliver, connect, payload, published, repo_secret


def test_ping_answers_pong(deliver: Deliver, store: Store) -> None:
    secret = repo_secret(connect(store))
    response = deliver("ping", payload("ping"), path="/api/v1/cicd/webhook", secret=secret)
    assert response.status_code == 200
    assert response.get_json()["status"] == "pong"


def test_push_to_the_branch_publishes_a_staging_deploy_request(deliver: Deliver, store: Store) -> None:
    connect(store)
    response = deliver("push", payload("push"), guid="guid-push-1")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "queued" and body["environment"] == "staging"
    [request] = published("deploy-requests")
    assert request["owner"] == "K-Le-PaaS" and request["repo"] == "test01"
    assert request["image_tags"] == ["6113728", "latest-staging"]
    assert request["commit"]["message"] == "Add the health endpoint"
    assert request["source"] == "github_push" and request["requested_by"] == "user-1"
    assert request["delivery_id"] == "guid-push-1"
    record = store.get("deliveries", "guid-push-1")
    assert record is not None and record["status"] == "succeeded" and record["outcome"]["status"] == "queued"


def test_push_to_another_branch_is_ignored_with_a_reason(deliver: Deliver, store: Store) -> None:
    connect(store)
    response = deliver("push", {**payload("push"), "ref": "refs/heads/feature"})
    assert response.status_code == 202
    assert "feature" in response.get_json()["reason"]
    assert published("deploy-requests") == []


def test_push_deploys_the_branch_the_integration_names(deliver: Deliver, store: Store) -> None:
    connect(store, branch="develop")
    assert deliver("push", payload("push")).status_code == 202
    assert deliver("push", {**payload("push"), "ref": "refs/heads/develop"}).status_code == 200


def test_push_of_an_unconnected_repository_is_ignored(deliver: Deliver) -> None:
    response = deliver("push", payload("push"))
    assert response.status_code == 202
    assert "not connected" in response.get_json()["reason"]


def test_auto_deploy_off_is_recorded_as_skipped(deliver: Deliver, store: Store) -> None:
    connect(store, auto_deploy_enabled=False)
    response = deliver("push", payload("push"), guid="guid-off")
    assert response.status_code == 202
    assert response.get_json()["status"] == "skipped"
    record = store.get("deliveries", "guid-off")
    assert record is not None and record["outcome"]["status"] == "skipped"
    assert published("deploy-requests") == []


def test_published_release_deploys_to_production_with_semver_tags(deliver: Deliver, store: Store) -> None:
    connect(store)
    response = deliver("release", payload("release"))
    assert response.status_code == 200
    [request] = published("deploy-requests")
    assert request["environment"] == "production"
    assert request["image_tags"] == ["v1.2.3", "v1.2", "v1", "latest-prod"]
    assert request["source"] == "github_release"


def test_a_prerelease_or_an_edited_release_does_not_deploy(deliver: Deliver, store: Store) -> None:
    connect(store)
    pre = payload("release")
    pre["release"]["prerelease"] = True
    assert deliver("release", pre).status_code == 202
    assert deliver("release", {**payload("release"), "action": "edited"}).status_code == 202
    assert published("deploy-requests") == []


def test_merged_pull_request_into_the_branch_deploys_its_merge_commit(deliver: Deliver, store: Store) -> None:
    connect(store)
    assert deliver("pull_request", payload("pull_request")).status_code == 200
    [request] = published("deploy-requests")
    assert request["commit"]["sha"] == "c4295bd74fb0f4d0e8f1c1a7a3c1f5b2a7f6e9d1"
    assert request["image_tags"] == ["c4295bd", "latest-staging"]
    closed = payload("pull_request")
    closed["pull_request"]["merged"] = False
    assert deliver("pull_request", closed).status_code == 202
    assert len(published("deploy-requests")) == 1


def test_a_succeeded_delivery_redelivered_is_a_duplicate_and_not_processed_twice(
    deliver: Deliver, store: Store
) -> None:
    connect(store)
    assert deliver("push", payload("push"), guid="guid-dup").status_code == 200
    again = deliver("push", payload("push"), guid="guid-dup")
    assert again.status_code == 200
    assert again.get_json()["duplicate"] is True
    assert len(published("deploy-requests")) == 1


def test_a_failed_delivery_redelivered_is_processed_again(deliver: Deliver, store: Store, github: FakeGitHub) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=2311213)
    github.add_commit(repo, "6113728f27ae82c7b1a177c8d03f9e96e0adf246", "Add the health endpoint", branch="main")
    connect(store, installation_id=2311213)
    github.fail_next = [502] * 3  # the installation-token fetch, and the two tries the App's token cache adds
    failed = deliver("push", payload("push"), guid="guid-retry")
    assert failed.status_code == 502
    record = store.get("deliveries", "guid-retry")
    assert record is not None and record["status"] == "failed"
    assert published("deploy-requests") == []
    retried = deliver("push", payload("push"), guid="guid-retry")
    assert retried.status_code == 200 and "duplicate" not in retried.get_json()
    record = store.get("deliveries", "guid-retry")
    assert record is not None and record["status"] == "succeeded" and record["attempts"] == 2
    assert len(published("deploy-requests")) == 1


def test_with_the_app_the_commit_is_reread_from_github_and_a_deployment_created(
    deliver: Deliver, store: Store, github: FakeGitHub
) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=2311213)
    github.add_commit(repo, "6113728f27ae82c7b1a177c8d03f9e96e0adf246", "the message GitHub has", branch="main")
    connect(store, installation_id=2311213)
    forged = payload("push")
    forged["head_commit"]["message"] = "a message the payload claims"
    assert deliver("push", forged).status_code == 200
    [request] = published("deploy-requests")
    assert request["commit"]["message"] == "the message GitHub has"
    assert request["github_installation_id"] == 2311213
    [deployment] = repo.deployments.values()
    assert request["github_deployment_id"] == deployment["id"]
    assert deployment["environment"] == "staging" and deployment["ref"] == request["commit"]["sha"]
    assert [s["state"] for s in repo.deployment_statuses[deployment["id"]]] == ["queued"]
    assert ("POST", "/app/installations/2311213/access_tokens") in github.requests


def test_a_commit_github_does_not_have_is_refused(deliver: Deliver, store: Store, github: FakeGitHub) -> None:
    github.add_repo("K-Le-PaaS", "test01", installation_id=2311213)
    connect(store, installation_id=2311213)
    response = deliver("push", payload("push"))
    assert response.status_code == 422
    assert published("deploy-requests") == []


def test_a_push_and_the_merge_of_its_pull_request_are_one_deploy_request_id(deliver: Deliver, store: Store) -> None:
    connect(store)
    push = payload("push")
    push["after"] = "c4295bd74fb0f4d0e8f1c1a7a3c1f5b2a7f6e9d1"
    deliver("push", push)
    deliver("pull_request", payload("pull_request"))
    first, second = published("deploy-requests")
    assert first["request_id"] == second["request_id"]


def test_the_sha1_signature_alone_is_refused(client: flask.testing.FlaskClient, store: Store) -> None:
    import hashlib
    import hmac

    raw = json.dumps(payload("push")).encode()
    sha1 = "sha1=" + hmac.new(b"app-webhook-secret-0123456789", raw, hashlib.sha1).hexdigest()
    headers = {"X-GitHub-Event": "push", "X-GitHub-Delivery": "g1", "X-Hub-Signature": sha1}
    response = client.post("/api/v1/github/webhook", data=raw, headers=headers, content_type="application/json")
    assert response.status_code == 401
    assert "SHA-1" in response.get_json()["error"]["message"]
    assert store.query("deliveries") == []


def test_each_endpoint_takes_only_its_own_secret(deliver: Deliver, store: Store) -> None:
    secret = repo_secret(connect(store))
    assert deliver("push", payload("push"), path="/api/v1/cicd/webhook").status_code == 401
    assert deliver("push", payload("push"), path="/api/v1/github/webhook", secret=secret).status_code == 401
    assert deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=secret).status_code == 200


def test_the_old_shared_repository_secret_is_refused_unless_the_migration_option_is_on(
    deliver: Deliver, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect(store)
    assert deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=REPO_SECRET).status_code == 401
    monkeypatch.setenv("KLEPAAS_GITHUB_WEBHOOK_SHARED_SECRET_FALLBACK", "true")
    settings.settings.cache_clear()
    answer = deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=REPO_SECRET)
    assert answer.status_code == 200, answer.get_json()


def test_a_push_signed_with_another_repositorys_secret_is_refused_with_401(deliver: Deliver, store: Store) -> None:
    connect(store)
    attacker = repo_secret(connect(store, owner="mallory", repo="own-repo", user_id="mallory"))
    forged = deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=attacker)
    assert forged.status_code == 401 and published("deploy-requests") == []
    assert store.query("deliveries") == []


def test_a_rotated_secret_keeps_working_for_the_grace_period_only(deliver: Deliver, store: Store) -> None:
    from klepaas_shared.records.integrations import Integrations
    from klepaas_webhook import repo_secrets

    doc = connect(store)
    old = repo_secret(doc)
    new = repo_secrets.rotate(store, doc)
    assert new != old
    assert deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=new).status_code == 200
    assert deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=old).status_code == 200
    Integrations(store).update(doc["id"], {"webhook_previous_until": "2000-01-01T00:00:00.000Z"})
    assert deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=old).status_code == 401


def test_a_body_over_25_mb_is_refused_with_413(client: flask.testing.FlaskClient) -> None:
    raw = b"{" + b" " * (25 * 1024 * 1024) + b"}"
    headers = {"X-GitHub-Event": "push", "X-GitHub-Delivery": "big", "X-Hub-Signature-256": sign(raw, "x")}
    response = client.post("/api/v1/github/webhook", data=raw, headers=headers, content_type="application/json")
    assert response.status_code == 413


def test_a_body_just_under_the_cap_passes_the_size_check(deliver: Deliver) -> None:
    raw = json.dumps({"zen": "big", "pad": "x" * (2 * 1024 * 1024)}).encode()
    assert deliver("ping", raw).status_code == 200


def test_installation_events_update_the_integrations(deliver: Deliver, store: Store) -> None:
    doc = connect(store)
    assert deliver("installation", payload("installation")).status_code == 200
    updated: Any = store.get("integrations", str(doc["id"]))
    assert updated["installation_id"] == 2311213 and updated["webhook_configured"] is True
    assert deliver("installation_repositories", payload("installation_repositories")).status_code == 200
    updated = store.get("integrations", str(doc["id"]))
    assert updated["installation_id"] is None and updated["webhook_configured"] is False
    deleted = {**payload("installation"), "action": "deleted"}
    assert deliver("installation", deleted).get_json()["repositories_removed"] == ["K-Le-PaaS/test01"]
