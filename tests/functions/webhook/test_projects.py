"""Projects: connecting claims a repository for good; owners manage members, roles and settings;
each repository has its own webhook secret, shown once and rotatable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flask.testing

from klepaas_fakes.github import FakeGitHub
from klepaas_shared.store import Store

from .conftest import Deliver, payload, published

PROJECT = "/api/v1/projects/repo:k-le-paas~test01"


def _as(make_token: Callable[..., str], sub: str, *scopes: str) -> dict[str, str]:
    token = make_token(scopes=scopes or ("read", "deploy:execute"), sub=sub)
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def _connect(client: flask.testing.FlaskClient, headers: dict[str, str]) -> Any:
    return client.post(
        "/api/v1/projects/github/connect", json={"owner": "K-Le-PaaS", "repo": "test01"}, headers=headers
    )


def test_nobody_else_can_connect_or_take_over_a_connected_repository(
    client: flask.testing.FlaskClient, make_token: Callable[..., str], store: Store
) -> None:
    alice, mallory = _as(make_token, "alice"), _as(make_token, "mallory")
    first = _connect(client, alice)
    assert first.status_code == 200 and first.get_json()["project_id"] == "repo:k-le-paas~test01"
    taken = _connect(client, mallory)
    assert taken.status_code == 403 and "not a member" in taken.get_json()["error"]["message"]
    [integration] = [d.data for d in store.query("integrations")]
    assert integration["user_id"] == "alice"
    deploy = client.post(
        "/api/v1/github/manual-deploy", json={"github_owner": "K-Le-PaaS", "github_repo": "test01"}, headers=mallory
    )
    assert deploy.status_code == 403 and published("deploy-requests") == []
    switch = client.put(f"/api/v1/github/webhook/{integration['id']}?enabled=false", headers=mallory)
    assert switch.status_code == 403
    assert client.get("/api/v1/github/repositories/connected", headers=mallory).get_json()["total"] == 0


def test_the_secret_shown_at_connect_signs_that_repositorys_pushes_and_is_never_shown_again(
    client: flask.testing.FlaskClient, make_token: Callable[..., str], deliver: Deliver
) -> None:
    answer = _connect(client, _as(make_token, "alice")).get_json()
    secret = answer["webhook"]["secret"]
    assert answer["webhook"]["url"].endswith("/api/v1/cicd/webhook") and secret.startswith("whsec_")
    listed = client.get("/api/v1/github/repositories/connected", headers=_as(make_token, "alice")).get_json()
    assert secret not in str(listed)
    assert secret not in str(client.get(PROJECT, headers=_as(make_token, "alice")).get_json())
    assert deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=secret).status_code == 200


def test_owners_manage_members_and_members_then_act_by_their_role(
    client: flask.testing.FlaskClient, make_token: Callable[..., str]
) -> None:
    alice, bob = _as(make_token, "alice"), _as(make_token, "bob")
    _connect(client, alice)
    assert client.put(f"{PROJECT}/members/bob", json={"role": "viewer"}, headers=bob).status_code == 403
    added = client.put(f"{PROJECT}/members/bob", json={"role": "viewer"}, headers=alice)
    assert added.status_code == 200
    assert {"user_id": "bob", "role": "viewer"} in added.get_json()["project"]["members"]
    seen = client.get("/api/v1/projects", headers=bob).get_json()["projects"]
    assert [(p["id"], p["role"]) for p in seen] == [("repo:k-le-paas~test01", "viewer")]
    deploy = {"github_owner": "K-Le-PaaS", "github_repo": "test01"}
    assert client.post("/api/v1/github/manual-deploy", json=deploy, headers=bob).status_code == 403
    client.put(f"{PROJECT}/members/bob", json={"role": "developer"}, headers=alice)
    assert client.post("/api/v1/github/manual-deploy", json=deploy, headers=bob).status_code == 200
    assert client.put(f"{PROJECT}/members/carol", json={"role": "approver"}, headers=bob).status_code == 403
    assert client.put(f"{PROJECT}/members/bob", json={"role": "god"}, headers=alice).status_code == 400
    last_owner = client.delete(f"{PROJECT}/members/alice", headers=alice)
    assert last_owner.status_code == 409 and "at least one owner" in last_owner.get_json()["error"]["message"]
    assert client.delete(f"{PROJECT}/members/bob", headers=alice).status_code == 200
    assert client.get(PROJECT, headers=bob).status_code == 403


def test_settings_are_the_owners_and_are_validated(
    client: flask.testing.FlaskClient, make_token: Callable[..., str]
) -> None:
    alice = _as(make_token, "alice")
    _connect(client, alice)
    changed = client.put(
        f"{PROJECT}/settings",
        json={"protected_environments": ["production", "staging"], "namespaces": {"production": "shop-prod"}},
        headers=alice,
    )
    assert changed.status_code == 200, changed.get_json()
    project = changed.get_json()["project"]
    assert project["protected_environments"] == ["production", "staging"]
    assert project["namespaces"] == {"production": "shop-prod"}
    for bad in (
        {"namespaces": {"production": "kube-system"}},
        {"namespaces": {"production": "klepaas-system"}},
        {"namespaces": {"qa": "x"}},
        {"protected_environments": ["everywhere"]},
        {"owner": "mallory"},
    ):
        assert client.put(f"{PROJECT}/settings", json=bad, headers=alice).status_code == 400, bad
    client.put(f"{PROJECT}/members/bob", json={"role": "approver"}, headers=alice)
    bob = _as(make_token, "bob")
    assert client.put(f"{PROJECT}/settings", json={"protected_environments": []}, headers=bob).status_code == 403


def test_a_namespace_override_is_the_owners_alone_and_never_another_projects(
    client: flask.testing.FlaskClient, make_token: Callable[..., str]
) -> None:
    from klepaas_shared.projects import ProjectRepository, app_id
    from klepaas_shared.store import get_store

    alice, mallory = _as(make_token, "alice"), _as(make_token, "mallory")
    _connect(client, alice)
    client.put(f"{PROJECT}/members/mallory", json={"role": "developer"}, headers=alice)
    take = {"namespaces": {"production": "shop-prod"}}
    assert client.put(f"{PROJECT}/settings", json=take, headers=mallory).status_code == 403  # a developer
    assert client.put(f"{PROJECT}/settings", json=take, headers=alice).status_code == 200
    other = app_id("evil")
    ProjectRepository(get_store()).claim(other, "app", "evil", "mallory")
    mine = f"/api/v1/projects/{other}/settings"
    stolen = client.put(mine, json={"namespaces": {"staging": "shop-prod"}}, headers=mallory)
    assert stolen.status_code == 409 and "another project" in stolen.get_json()["error"]["message"]
    for shared in ("default",):
        refused = client.put(mine, json={"namespaces": {"staging": shared}}, headers=mallory)
        assert refused.status_code == 400 and "shared" in refused.get_json()["error"]["message"], shared
    # alice moves her app elsewhere: the namespace is free, and the first to ask gets it
    assert client.put(f"{PROJECT}/settings", json={"namespaces": {}}, headers=alice).status_code == 200
    assert client.put(mine, json={"namespaces": {"staging": "shop-prod"}}, headers=mallory).status_code == 200
    back = client.put(f"{PROJECT}/settings", json=take, headers=alice)
    assert back.status_code == 409


def test_rotating_the_webhook_secret_shows_the_new_one_once(
    client: flask.testing.FlaskClient, make_token: Callable[..., str], deliver: Deliver
) -> None:
    alice = _as(make_token, "alice")
    old = _connect(client, alice).get_json()["webhook"]["secret"]
    rotated = client.post(f"{PROJECT}/webhook-secret", headers=alice)
    assert rotated.status_code == 200
    new = rotated.get_json()["webhook"]["secret"]
    assert new != old and rotated.get_json()["webhook"]["previous_valid_for_s"] == 86_400
    assert deliver("push", payload("push"), path="/api/v1/cicd/webhook", secret=new).status_code == 200
    assert client.post(f"{PROJECT}/webhook-secret", headers=_as(make_token, "mallory")).status_code == 403
    assert client.get("/api/v1/projects/repo:nope", headers=alice).status_code == 400


def test_only_an_owner_disconnects_and_then_the_repository_is_free(
    client: flask.testing.FlaskClient, make_token: Callable[..., str], store: Store
) -> None:
    alice, bob = _as(make_token, "alice"), _as(make_token, "bob")
    _connect(client, alice)
    client.put(f"{PROJECT}/members/bob", json={"role": "approver"}, headers=alice)
    assert client.delete(PROJECT, headers=bob).status_code == 403
    gone = client.delete(PROJECT, headers=alice)
    assert gone.status_code == 200 and gone.get_json()["disconnected"] == 1
    assert store.query("integrations") == [] and store.query("projects") == []
    assert _connect(client, bob).status_code == 200


def test_a_github_user_with_push_access_acts_as_a_developer_without_an_invitation(
    client: flask.testing.FlaskClient, make_token: Callable[..., str], github: FakeGitHub
) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "a" * 40, "initial", branch="main")
    github.users.update({583231: "octocat", 1001: "reader"})
    repo.collaborators.update({"octocat": "maintain", "reader": "read"})
    alice = _as(make_token, "alice")
    connected = client.post(
        "/api/v1/projects/github/connect",
        json={"owner": "K-Le-PaaS", "repo": "test01", "install_workflow": False},
        headers=alice,
    )
    assert connected.status_code == 200, connected.get_json()

    def as_github(account: str) -> dict[str, str]:
        token = make_token(scopes=("read", "deploy:execute"), sub=account, extra={"provider": "github"})
        return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    deploy = {"github_owner": "K-Le-PaaS", "github_repo": "test01"}
    pusher = client.post("/api/v1/github/manual-deploy", json=deploy, headers=as_github("583231"))
    assert pusher.status_code == 200, pusher.get_json()
    assert client.post("/api/v1/github/manual-deploy", json=deploy, headers=as_github("1001")).status_code == 403
    assert client.put(f"{PROJECT}/members/x", json={"role": "viewer"}, headers=as_github("583231")).status_code == 403
    asked = [path for _, path in github.requests if path.endswith("/permission")]
    repo.collaborators["octocat"] = "read"  # revoked on GitHub: trusted until the cache expires
    assert client.post("/api/v1/github/manual-deploy", json=deploy, headers=as_github("583231")).status_code == 200
    assert [path for _, path in github.requests if path.endswith("/permission")] == asked  # served from the cache
