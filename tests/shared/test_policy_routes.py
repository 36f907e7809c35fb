"""Every route of the routing table × who calls it: the token layer for every route, then, for
every route that changes or reads one project, each role × membership through the real entry
points; and the routes that list across projects (dashboard, histories, pipelines, connected
repositories, projects) show a project's rows to its members and to ``admin:read`` only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from klepaas_fakes.clients import function_client
from klepaas_shared import routes
from klepaas_shared.auth import (
    ADMIN_READ,
    ADMIN_WRITE,
    ALL_SCOPES,
    DEPLOY_EXECUTE,
    MCP_EXECUTE,
    READ,
    Principal,
    delegate,
    mint,
)
from klepaas_shared.projects import ProjectRepository, Role, repository_id
from klepaas_shared.store import get_store

ROOT = Path(__file__).resolve().parents[2]
PARAMS = {
    "owner": "acme",
    "repo": "shop",
    "project_id": "repo:acme~shop",
    "project": "repo:acme~shop",  # the resources routes (issue 20) name the same project
    "kind": "configmaps",
    "name": "cfg",
    "user_id": "dev-2",
    "operation_id": "op-1",
    "integration_id": "1",
    "deployment_id": "1",
    "alert_id": "a1",
    "namespace": "default",
    "app": "acme-shop",
    "provider": "p1",
    "grant_id": "g_1",
}


def _path(route: routes.Route, **override: str) -> str:
    values = {**PARAMS, **override}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], route.path)


@pytest.fixture(scope="module")
def clients() -> dict[str, Any]:
    return {fn: function_client(f"{fn}_http", str(ROOT / f"functions/{fn}/main.py")) for fn in routes.FUNCTIONS}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


GUARDED = [r for r in routes.ROUTES if r.scope is not None]


def _call(
    clients: dict[str, Any],
    route: routes.Route,
    headers: dict[str, str],
    params: dict[str, str] | None = None,
    **kwargs: Any,
) -> Any:
    return clients[route.function].open(_path(route, **(params or {})), method=route.method, headers=headers, **kwargs)


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.path}")
def test_every_guarded_route_refuses_a_missing_a_foreign_or_a_delegated_token(
    clients: dict[str, Any], route: routes.Route
) -> None:
    def refusals() -> list[dict[str, Any]]:
        found = [d.data for d in get_store().query("audit") if d.data["action"] == "auth.token.refused"]
        return [r for r in found if r["target"] == route.path]

    assert _call(clients, route, {}).status_code == 401
    assert refusals() == []  # no token: nothing worth a record
    mcp_token = mint("u", ALL_SCOPES, audience="klepaas-mcp")  # an MCP token opens only /mcp
    assert _call(clients, route, _bearer(mcp_token)).status_code == 401
    assert [(r["result"], r["details"]["reason"]) for r in refusals()] == [("denied", "wrong audience")]
    assert mcp_token.split(".")[2] not in str(refusals())
    internal = delegate(Principal("u", frozenset({READ})), "nlp")
    status = _call(clients, route, _bearer(internal), json={}).status_code
    if route.delegated:
        assert status != 401
    else:
        assert status == 401  # a klepaas-internal token opens only the routes other functions call
        assert len(refusals()) == 2  # and is audited where it is refused


@pytest.mark.parametrize("route", [r for r in GUARDED if r.scope != READ], ids=lambda r: f"{r.method} {r.path}")
def test_every_route_above_read_refuses_a_token_without_its_scope(clients: dict[str, Any], route: routes.Route) -> None:
    lower = {
        DEPLOY_EXECUTE: (READ, MCP_EXECUTE),
        ADMIN_READ: (READ, DEPLOY_EXECUTE),
        ADMIN_WRITE: (READ, DEPLOY_EXECUTE, ADMIN_READ),
    }
    token = mint("u", lower[str(route.scope)])
    assert _call(clients, route, _bearer(token), json={}).status_code == 403


# ---- membership: each route that changes a project, each role --------------------------------
OWNER = "owner-1"
REQUESTER = "requester-1"
MEMBERSHIPS = ["non-member", "viewer", "developer", "approver", "owner", "admin"]
# (method, path) -> (the role it needs, the request's keyword arguments)
PROJECT_ROUTES: dict[tuple[str, str], tuple[Role, dict[str, Any]]] = {
    ("PUT", "/api/v1/deployments/{owner}/{repo}/config"): (Role.DEVELOPER, {"json": {"replica_count": 2}}),
    ("POST", "/api/v1/rollback/commit"): (
        Role.DEVELOPER,
        {"json": {"owner": "acme", "repo": "shop", "target_commit_sha": "abcdef1"}},
    ),
    ("POST", "/api/v1/rollback/previous"): (
        Role.DEVELOPER,
        {"json": {"owner": "acme", "repo": "shop", "steps_back": 1}},
    ),
    ("POST", "/api/v1/deployments/{owner}/{repo}/scale"): (Role.DEVELOPER, {"json": {"replicas": 2}}),
    ("POST", "/api/v1/deployments/{owner}/{repo}/restart"): (Role.DEVELOPER, {"json": {}}),
    ("POST", "/api/v1/operations"): (
        Role.DEVELOPER,
        {"json": {"type": "deploy", "args": {"github_owner": "acme", "github_repo": "shop", "image": "r/shop:1"}}},
    ),
    ("POST", "/api/v1/operations/{operation_id}/approval"): (Role.APPROVER, {}),  # body: the held operation's hash
    ("POST", "/api/v1/projects/github/connect"): (Role.DEVELOPER, {"json": {"owner": "acme", "repo": "shop"}}),
    ("PUT", "/api/v1/github/webhook/{integration_id}"): (Role.DEVELOPER, {"query_string": {"enabled": "false"}}),
    ("POST", "/api/v1/github/manual-deploy"): (
        Role.DEVELOPER,
        {"json": {"github_owner": "acme", "github_repo": "shop"}},
    ),
    ("GET", "/api/v1/projects/{project_id}"): (Role.VIEWER, {}),
    ("GET", "/api/v1/deployments/{owner}/{repo}/config"): (Role.VIEWER, {}),
    ("GET", "/api/v1/deployments/{owner}/{repo}/rollback/list"): (Role.VIEWER, {}),
    ("GET", "/api/v1/deployments/{owner}/{repo}/scaling-history"): (Role.VIEWER, {}),
    ("GET", "/api/v1/operations/{operation_id}"): (Role.VIEWER, {}),
    ("DELETE", "/api/v1/projects/{project_id}"): (Role.OWNER, {}),
    ("PUT", "/api/v1/projects/{project_id}/members/{user_id}"): (Role.OWNER, {"json": {"role": "developer"}}),
    ("DELETE", "/api/v1/projects/{project_id}/members/{user_id}"): (Role.OWNER, {}),
    ("PUT", "/api/v1/projects/{project_id}/settings"): (
        Role.OWNER,
        {"json": {"protected_environments": ["production"]}},
    ),
    ("POST", "/api/v1/projects/{project_id}/webhook-secret"): (Role.OWNER, {}),
    ("GET", "/api/v1/projects/{project}/resources/{kind}"): (Role.VIEWER, {}),
    ("GET", "/api/v1/projects/{project}/resources/{kind}/{name}"): (Role.VIEWER, {}),
    ("POST", "/api/v1/projects/{project}/resources/apply"): (
        Role.DEVELOPER,
        {"json": {"manifest": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}}}},
    ),
    ("DELETE", "/api/v1/projects/{project}/resources/{kind}/{name}"): (Role.DEVELOPER, {}),
}
# Routes above read that change no project: what guards them instead.
NOT_PROJECT_SCOPED = {
    ("POST", "/api/v1/auth/token"): "admin:write",
    ("POST", "/api/v1/monitoring/alerts/{alert_id}/snapshot"): "deploy:execute (alerts belong to the cluster)",
    ("POST", "/api/v1/monitoring/alerts/{alert_id}/resolve"): "deploy:execute (alerts belong to the cluster)",
    ("POST", "/mcp/external/providers"): "admin:write",
    ("POST", "/mcp/external/providers/{provider}/call"): "admin:write",
    ("GET", "/mcp/external/providers"): "admin:read",
    ("GET", "/mcp/external/providers/{provider}/tools"): "admin:read",
    ("GET", "/mcp/external/providers/{provider}/health"): "admin:read",
    ("GET", "/mcp/external/metrics"): "admin:read",
}


def test_every_route_above_read_is_in_the_membership_table_or_says_what_guards_it() -> None:
    above_read = {(r.method, r.path) for r in GUARDED if r.scope != READ}
    assert above_read - set(PROJECT_ROUTES) - set(NOT_PROJECT_SCOPED) == set()
    assert set(PROJECT_ROUTES) <= {(r.method, r.path) for r in routes.ROUTES}


@pytest.fixture
def project(clients: dict[str, Any]) -> Iterator[dict[str, str]]:
    """acme/shop connected by owner-1, with dev-2 (viewer) and requester-1 (developer); a
    production deploy by requester-1 held for approval. Yields the ids the paths need."""
    from klepaas_deploy import settings
    from klepaas_deploy.cluster import kube, targets
    from klepaas_deploy.operations import deploying
    from klepaas_webhook import integrations
    from klepaas_webhook import settings as webhook_settings

    for cached in (settings.deploy_settings, targets.target, kube.kube_of, deploying.default_pipeline):
        cached.cache_clear()
    webhook_settings.settings.cache_clear()
    store = get_store()
    projects = ProjectRepository(store)
    projects.claim(repository_id("acme", "shop"), "repository", "acme/shop", OWNER)
    projects.set_role(repository_id("acme", "shop"), "dev-2", Role.VIEWER)
    projects.set_role(repository_id("acme", "shop"), REQUESTER, Role.DEVELOPER)
    connected = integrations.create(
        store,
        user_id=OWNER,
        owner="acme",
        repo="shop",
        branch="main",
        installation_id=None,
        html_url="",
        repository_id=None,
    )
    args = {"github_owner": "acme", "github_repo": "shop", "environment": "production", "image": "r/shop:1"}
    held = clients["deploy"].post(
        "/api/v1/operations",
        json={"type": "deploy", "args": args, "operation_id": "op-1"},
        headers=_bearer(mint(REQUESTER, (READ, DEPLOY_EXECUTE))),
    )
    assert held.status_code == 200 and held.get_json()["operation"]["status"] == "pending", held.get_json()
    yield {"operation_id": "op-1", "integration_id": str(connected["id"])}


def _caller(membership: str) -> str:
    if membership in ("non-member", "admin"):
        return f"user-{membership}"
    user = f"user-{membership}"
    ProjectRepository(get_store()).set_role(repository_id("acme", "shop"), user, Role.parse(membership))
    return user


@pytest.mark.parametrize("membership", MEMBERSHIPS)
@pytest.mark.parametrize("key", list(PROJECT_ROUTES), ids=lambda k: f"{k[0]} {k[1]}")
def test_each_role_and_membership_on_each_project_route(
    clients: dict[str, Any], project: dict[str, str], key: tuple[str, str], membership: str
) -> None:
    from klepaas_shared.contracts import args_hash

    needed, kwargs = PROJECT_ROUTES[key]
    route = next(r for r in routes.ROUTES if (r.method, r.path) == key)
    scopes = ALL_SCOPES if membership == "admin" else (READ, DEPLOY_EXECUTE)
    headers = {**_bearer(mint(_caller(membership), scopes)), "Content-Type": "application/json"}
    if key[1].endswith("/approval"):
        held = get_store().get("operations", project["operation_id"]) or {}
        kwargs = {"json": {"approve": False, "args_hash": args_hash(held["args"])}}
    answer = _call(clients, route, headers, project, **kwargs)
    allowed = membership == "admin" or (membership != "non-member" and Role.parse(membership) >= needed)
    if allowed:
        assert answer.status_code not in (401, 403), answer.get_json()
        if key[1] == "/api/v1/projects/github/connect":
            assert answer.status_code == 409  # connected already: a member is told so, nobody takes it over
    else:
        body = answer.get_json()
        assert answer.status_code == 403, body
        assert body["error"]["code"] == "forbidden" and body["error"]["message"]


# ---- lists across projects: a project's rows only for its members and admin:read ---------------
LIST_ROUTES = [
    ("deploy", "/api/v1/dashboard/overview"),
    ("deploy", "/api/v1/deployment-histories/repositories/latest"),
    ("deploy", "/api/v1/deployment-histories"),
    ("deploy", "/api/v1/deployment-histories/{deployment_id}"),
    ("webhook", "/api/v1/github/repositories/connected"),
    ("webhook", "/api/v1/github/pipelines"),
    ("webhook", "/api/v1/projects"),
]
LIST_CALLERS = {
    "non-member": (READ, DEPLOY_EXECUTE),
    "viewer": (READ,),
    "developer": (READ, DEPLOY_EXECUTE),
    "admin:read": (READ, ADMIN_READ),
}


def test_every_list_route_is_a_read_route_of_the_table() -> None:
    assert {(f, p) for f, p in LIST_ROUTES} <= {(r.function, r.path) for r in routes.ROUTES if r.method == "GET"}


@pytest.mark.parametrize("caller", list(LIST_CALLERS))
@pytest.mark.parametrize(("function", "path"), LIST_ROUTES, ids=lambda v: v)
def test_each_list_shows_a_project_only_to_its_members_and_admin_read(
    clients: dict[str, Any], project: dict[str, str], function: str, path: str, caller: str
) -> None:
    import json

    from klepaas_shared.contracts import Commit
    from klepaas_shared.records.deployments import Deployments

    shipped = Deployments(get_store()).create(
        owner="acme",
        repo="shop",
        environment="staging",
        namespace="default",
        commit=Commit(sha="abcdef1234567", message="ship", author="o"),
        image="r/shop:1",
        request_id="req-list",
        requested_by=OWNER,
    )
    user = "user-" + caller.replace(":", "-")
    if caller in ("viewer", "developer"):
        ProjectRepository(get_store()).set_role(repository_id("acme", "shop"), user, Role.parse(caller))
    answer = clients[function].get(
        path.replace("{deployment_id}", str(shipped["id"])), headers=_bearer(mint(user, LIST_CALLERS[caller]))
    )
    shown = answer.status_code == 200 and "acme/shop" in json.dumps(answer.get_json()).replace(
        "repo:acme~shop", "acme/shop"
    )
    if caller == "non-member":
        assert not shown, answer.get_json()
        assert answer.status_code in (200, 404)  # one deployment of another project: as if there were none
    else:
        assert shown, answer.get_json()


# ---- GitHub push access: a developer at the deploy doors without an invitation ----------------
@pytest.fixture
def github_app() -> Iterator[Any]:
    """The GitHub stand-in with the App installed on acme/shop; octocat (583231) may push, reader
    (1001) may only read. The deploy function is pointed at it."""
    from klepaas_deploy import settings
    from klepaas_fakes.env import klepaas_env
    from klepaas_fakes.github import github_standin

    with github_standin() as (github, key):
        repo = github.add_repo("acme", "shop", installation_id=91)
        github.users.update({583231: "octocat", 1001: "reader"})
        repo.collaborators.update({"octocat": "write", "reader": "read"})
        env = {"KLEPAAS_GITHUB_APP_ID": str(github.app_id), "KLEPAAS_GITHUB_APP_PRIVATE_KEY": key}
        with klepaas_env({**env, "KLEPAAS_GITHUB_API_URL": github.url}):
            settings.deploy_settings.cache_clear()
            yield github
        settings.deploy_settings.cache_clear()


@pytest.mark.parametrize("door", ["scale", "restart"])
def test_a_github_user_with_push_access_is_a_developer_at_the_deploy_doors(
    github_app: Any, clients: dict[str, Any], project: dict[str, str], door: str
) -> None:
    def as_github(account: str) -> dict[str, str]:
        token = mint(account, (READ, DEPLOY_EXECUTE), extra={"provider": "github"})
        return {**_bearer(token), "Content-Type": "application/json"}

    path = f"/api/v1/deployments/acme/shop/{door}"
    body = {"replicas": 2} if door == "scale" else {}
    pusher = clients["deploy"].post(path, json=body, headers=as_github("583231"))
    assert pusher.status_code not in (401, 403), pusher.get_json()
    reader = clients["deploy"].post(path, json=body, headers=as_github("1001"))
    assert reader.status_code == 403, reader.get_json()
    asked = [p for _, p in github_app.requests if p.endswith("/permission")]
    assert len(asked) == 2  # once each; the next answers come from the cache
    clients["deploy"].post(path, json=body, headers=as_github("583231"))
    assert [p for _, p in github_app.requests if p.endswith("/permission")] == asked
    stranger = mint("583231", (READ, DEPLOY_EXECUTE), extra={"provider": "google"})  # same id, not GitHub's
    refused = clients["deploy"].post(path, json=body, headers={**_bearer(stranger), "Content-Type": "application/json"})
    assert refused.status_code == 403
