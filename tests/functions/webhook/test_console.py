"""The console's GitHub endpoints with the exact fields FRONTEND_API.md §1.5, D6 and K7 list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flask

from klepaas_fakes.github import FakeGitHub
from klepaas_shared.store import Store

from .conftest import connect, published

Headers = dict[str, str]


def test_connected_repositories_have_every_field_the_console_reads(
    client: flask.testing.FlaskClient, store: Store, make_token: Callable[..., str]
) -> None:
    doc = connect(store)
    connect(store, repo="other", user_id="someone-else")
    developer = {"Authorization": f"Bearer {make_token(('read', 'deploy:execute'))}"}  # admin:read would see both
    response = client.get("/api/v1/github/repositories/connected?t=1&user_id=user-1&user_id=user-1", headers=developer)
    assert response.status_code == 200
    [item] = response.get_json()["repositories"]
    assert int(item["id"]) == doc["id"] and item["integration_id"] == doc["id"]
    assert item["name"] == "test01" and item["fullName"] == "K-Le-PaaS/test01"
    assert item["branch"] == "main" and item["connected"] is True
    assert item["autoDeployEnabled"] is True and item["auto_deploy_enabled"] is True
    assert item["lastSync"].endswith("Z") and "webhookConfigured" in item and item["htmlUrl"]


def test_connect_without_the_app_installed_is_401_with_the_text_the_console_looks_for(
    client: flask.testing.FlaskClient, github: FakeGitHub, auth_headers: Headers
) -> None:
    github.add_repo("K-Le-PaaS", "test01", installation_id=None)
    response = client.post(
        "/api/v1/projects/github/connect", json={"owner": "K-Le-PaaS", "repo": "test01"}, headers=auth_headers
    )
    assert response.status_code == 401
    assert "GitHub App이 레포지토리" in response.get_data(as_text=True)


def test_connect_with_the_app_proposes_the_ci_workflow_in_a_pull_request(
    client: flask.testing.FlaskClient, github: FakeGitHub, store: Store, auth_headers: Headers
) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "a" * 40, "initial", branch="main")
    response = client.post(
        "/api/v1/projects/github/connect",
        json={"owner": "K-Le-PaaS", "repo": "test01", "user_id": "user-1"},
        headers=auth_headers,
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["repository"]["webhookConfigured"] is True and body["repository"]["installation_id"] == 77
    assert body["onboarding"]["status"] == "proposed"
    [pull] = repo.pulls
    assert pull["head"] == "klepaas/ci-workflow" and pull["base"] == "main"
    assert (("klepaas/ci-workflow", ".github/workflows/klepaas.yml")) in repo.files
    assert ("main", ".github/workflows/klepaas.yml") not in repo.files
    assert repo.branches["main"] == "a" * 40
    again = client.post(
        "/api/v1/projects/github/connect", json={"owner": "K-Le-PaaS", "repo": "test01"}, headers=auth_headers
    )
    assert again.status_code == 409 and "already connected" in again.get_data(as_text=True)


def test_connect_without_the_app_configured_records_a_repository_webhook_integration(
    client: flask.testing.FlaskClient, store: Store, auth_headers: Headers
) -> None:
    response = client.post(
        "/api/v1/projects/github/connect", json={"owner": "K-Le-PaaS", "repo": "test01"}, headers=auth_headers
    )
    assert response.status_code == 200
    assert isinstance(response.get_json()["repository"]["integration_id"], int)
    assert store.query("audit", where=[("action", "==", "github.connect")])


def test_connect_refuses_a_viewer_and_a_bad_name(
    client: flask.testing.FlaskClient, make_token: Callable[..., str], auth_headers: Headers
) -> None:
    viewer = {"Authorization": f"Bearer {make_token(scopes=('read',))}"}
    assert (
        client.post("/api/v1/projects/github/connect", json={"owner": "a", "repo": "b"}, headers=viewer).status_code
        == 403
    )
    bad = client.post("/api/v1/projects/github/connect", json={"owner": "a/b", "repo": "c"}, headers=auth_headers)
    assert bad.status_code == 400


def test_the_auto_deploy_switch_takes_the_integer_id_and_answers_success(
    client: flask.testing.FlaskClient, store: Store, auth_headers: Headers
) -> None:
    doc = connect(store)
    response = client.put(f"/api/v1/github/webhook/{doc['id']}?enabled=false&user_id=user-1", headers=auth_headers)
    assert response.status_code == 200
    assert response.get_json() == {"status": "success", "integration_id": doc["id"], "auto_deploy_enabled": False}
    assert store.get("integrations", str(doc["id"]))["auto_deploy_enabled"] is False  # type: ignore[index]
    assert client.put("/api/v1/github/webhook/abc?enabled=true", headers=auth_headers).status_code == 400
    assert client.put(f"/api/v1/github/webhook/{doc['id']}?enabled=maybe", headers=auth_headers).status_code == 400
    assert client.put("/api/v1/github/webhook/999?enabled=true", headers=auth_headers).status_code == 404


def test_the_switch_of_another_users_integration_is_forbidden(
    client: flask.testing.FlaskClient, store: Store, make_token: Any
) -> None:
    doc = connect(store, user_id="someone-else")
    developer = {"Authorization": f"Bearer {make_token(scopes=('read', 'deploy:execute'), sub='user-1')}"}
    refused = client.put(f"/api/v1/github/webhook/{doc['id']}?enabled=false", headers=developer)
    assert refused.status_code == 403 and "not a member" in refused.get_json()["error"]["message"]


def test_pull_requests_carry_both_spellings_and_the_ci_status(
    client: flask.testing.FlaskClient, github: FakeGitHub, store: Store, auth_headers: Headers
) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_pull(repo, 1, "green", head="feat-a", head_sha="1" * 40, author="alice")
    github.add_pull(repo, 2, "red", head="feat-b", head_sha="2" * 40, state="closed", merged_at="2024-05-02T10:00:00Z")
    github.add_pull(repo, 3, "waiting", head="feat-c", head_sha="3" * 40)
    repo.statuses["1" * 40] = [{"state": "success", "context": "ci/lint"}]
    repo.check_runs["1" * 40] = [{"id": 1, "name": "build", "status": "completed", "conclusion": "success"}]
    repo.check_runs["2" * 40] = [{"id": 2, "name": "build", "status": "completed", "conclusion": "failure"}]
    repo.check_runs["3" * 40] = [{"id": 3, "name": "build", "status": "in_progress", "conclusion": None}]
    connect(store, installation_id=77)
    response = client.get(
        "/api/v1/github/pull-requests?t=1&repository=K-Le-PaaS/test01&user_id=user-1", headers=auth_headers
    )
    assert response.status_code == 200
    [entry] = response.get_json()["repositories"]
    pulls = {p["number"]: p for p in entry["pullRequests"]}
    green = pulls[1]
    for key in ("id", "number", "title", "author", "status", "created_at", "createdAt", "merged_at", "htmlUrl"):
        assert key in green
    assert green["user"]["login"] == "alice" and green["author"] == "alice"
    assert green["head"]["ref"] == green["branch"] == "feat-a"
    assert green["base"]["ref"] == green["targetBranch"] == "main"
    assert green["status"] == "open" and green["merged_at"] is None
    assert green["created_at"] == "2024-05-01T10:00:00Z"
    assert [pulls[n]["ciStatus"] for n in (1, 2, 3)] == ["success", "failure", "pending"]
    assert pulls[2]["merged_at"] == "2024-05-02T10:00:00Z" and pulls[2]["status"] == "closed"


def test_manual_deploy_publishes_a_request_for_the_branch_head(
    client: flask.testing.FlaskClient, github: FakeGitHub, store: Store, auth_headers: Headers
) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "b" * 40, "the head of main", author="bob", branch="main")
    connect(store, installation_id=77)
    body = {"github_owner": "K-Le-PaaS", "github_repo": "test01", "branch": "main", "user_id": "user-1"}
    response = client.post("/api/v1/github/manual-deploy", json=body, headers=auth_headers)
    assert response.status_code == 200
    [request] = published("deploy-requests")
    assert request["commit"]["sha"] == "b" * 40 and request["commit"]["author"] == "bob"
    assert request["image_tags"] == ["bbbbbbb", "latest-staging"] and request["source"] == "manual"
    assert request["requested_by"] == "user-1" and request["github_deployment_id"] in repo.deployments
    second = client.post("/api/v1/github/manual-deploy", json=body, headers=auth_headers)
    assert second.status_code == 200 and len(published("deploy-requests")) == 2


def test_manual_deploy_of_an_unconnected_repository_is_404(
    client: flask.testing.FlaskClient, auth_headers: Headers
) -> None:
    body = {"github_owner": "K-Le-PaaS", "github_repo": "nope", "branch": "main"}
    assert client.post("/api/v1/github/manual-deploy", json=body, headers=auth_headers).status_code == 404


def _history(**fields: Any) -> dict[str, Any]:
    return {
        "id": 7,
        "owner": "K-Le-PaaS",
        "repo": "test01",
        "status": "running",
        "commit": {"sha": "6113728f", "message": "Add", "author": "Codertocat", "url": "https://github.com/x"},
        "stages": {
            "sourcecommit": {
                "status": "success",
                "duration": 3.5,
                "started_at": "2024-05-01T10:00:00Z",
                "completed_at": "2024-05-01T10:00:03Z",
            },
            "sourcebuild": {
                "status": "running",
                "duration": None,
                "started_at": "2024-05-01T10:00:04Z",
                "completed_at": None,
            },
            "sourcedeploy": {"status": None, "duration": None, "started_at": None, "completed_at": None},
        },
        "error": None,
        "started_at": "2024-05-01T10:00:00Z",
        "completed_at": None,
        "updated_at": "2024-05-01T10:00:04Z",
        "total_duration": None,
        **fields,
    }


def test_pipelines_list_deployments_with_null_for_unfinished_stages(
    client: flask.testing.FlaskClient, store: Store, auth_headers: Headers, make_token: Callable[..., str]
) -> None:
    connect(store)
    store.set("deployments", "7", _history())
    store.set(
        "deployments",
        "8",
        {
            "id": 8,
            "owner": "K-Le-PaaS",
            "repo": "test01",
            "status": "failed",
            "error": {"message": "build failed", "stage": "sourcebuild"},
        },
    )
    store.set("deployments", "9", _history(id=9, repo="not-mine"))
    response = client.get(
        "/api/v1/github/pipelines?t=1&repository=K-Le-PaaS/test01&user_id=user-1", headers=auth_headers
    )
    assert response.status_code == 200
    newest, running = response.get_json()["deployments"]
    assert running["id"] == 7 and running["repository"] == "K-Le-PaaS/test01" and running["status"] == "running"
    assert running["stages"]["sourcecommit"] == {"status": "success", "duration": 3.5}
    assert running["stages"]["sourcebuild"] == {"status": None, "duration": None}
    assert running["commit"] == {
        "sha": "6113728f",
        "author": "Codertocat",
        "message": "Add",
        "url": "https://github.com/x",
    }
    assert running["timing"] == {"started_at": "2024-05-01T10:00:00Z", "completed_at": None, "total_duration": None}
    assert running["auto_deploy_enabled"] is True and running["error"] is None and "logs_url" in running
    assert newest["id"] == 8 and newest["error"] == {"message": "build failed", "stage": "sourcebuild"}
    assert newest["stages"]["sourcedeploy"] == {"status": None, "duration": None}
    assert newest["commit"] == {"sha": None, "author": None, "message": None, "url": None}
    developer = {"Authorization": f"Bearer {make_token(('read', 'deploy:execute'))}"}
    everything = client.get("/api/v1/github/pipelines?repository=all", headers=developer).get_json()
    assert [d["id"] for d in everything["deployments"]] == [8, 7]
    admin = client.get("/api/v1/github/pipelines?repository=all", headers=auth_headers).get_json()
    assert [d["id"] for d in admin["deployments"]] == [9, 8, 7]  # admin:read sees every project's
