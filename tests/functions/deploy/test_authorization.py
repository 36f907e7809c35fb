"""The attacks of issue 22 against deploy's doors, each as a regression test, with an ordinary
developer token (``read deploy:execute``) unless said otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.contracts import args_hash
from klepaas_shared.projects import ProjectRepository, app_id
from klepaas_shared.store import get_store

from .conftest import member

DEV = ("read", "deploy:execute")
REPO = "/api/v1/deployments/K-Le-PaaS/test01"


@pytest.fixture
def token(make_token: Callable[..., str]) -> Callable[..., dict[str, str]]:
    def headers(sub: str, *scopes: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {make_token(scopes=scopes or DEV, sub=sub)}",
            "Content-Type": "application/json",
        }

    return headers


def _operate(client: Any, headers: dict[str, str], kind: str, **args: Any) -> Any:
    return client.post("/api/v1/operations", json={"type": kind, "args": args}, headers=headers)


def test_a_developer_cannot_touch_someone_elses_project(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    member("alice", "owner", creator="alice")
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    mallory = token("mallory")
    repo = {"github_owner": "K-Le-PaaS", "github_repo": "test01"}
    attempts = [
        client.post(f"{REPO}/scale", json={"replicas": 5}, headers=mallory),
        client.post(f"{REPO}/restart", json={}, headers=mallory),
        client.put(f"{REPO}/config", json={"replica_count": 9}, headers=mallory),
        client.post("/api/v1/rollback/previous", json={"owner": "K-Le-PaaS", "repo": "test01"}, headers=mallory),
        _operate(client, mallory, "deploy", **repo, image="evil/miner:1"),
    ]
    for answer in attempts:
        assert answer.status_code == 403, answer.get_json()
        assert "not a member" in answer.get_json()["error"]["message"]
    assert [r for r in cluster.requests if r.method in ("PATCH", "PUT", "POST")] == []
    denied = [d.data for d in get_store().query("audit") if d.data["result"] == "denied"]
    assert len(denied) == len(attempts) and {d["actor"] for d in denied} == {"mallory"}


def test_a_repository_nobody_connected_cannot_be_deployed_by_a_developer(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    answer = _operate(client, token("mallory"), "deploy", github_owner="victim", github_repo="app", image="x/y:1")
    assert answer.status_code == 403 and "connect it first" in answer.get_json()["error"]["message"]


@pytest.mark.parametrize("scopes", [DEV, ("read", "deploy:execute", "admin:read", "admin:write")], ids=["dev", "admin"])
def test_a_deploy_into_kube_system_is_refused_for_everyone(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]], scopes: tuple[str, ...]
) -> None:
    body = {
        "type": "deploy",
        "args": {"app_name": "evil", "namespace": "kube-system", "image": "evil/miner:1", "environment": "staging"},
    }
    answer = client.post("/api/v1/operations", json=body, headers=token("mallory", *scopes))
    assert answer.status_code == 403 and "system namespace" in answer.get_json()["error"]["message"]
    assert cluster.objects("deployments", "kube-system") == []
    assert ProjectRepository(get_store()).get(app_id("evil")) is None  # a refused deploy claims nothing


def test_a_mutation_naming_another_namespace_is_refused(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    dev = token("dev-1")
    first = _operate(client, dev, "deploy", app_name="web", image="registry.example/web:1", environment="staging")
    assert first.status_code == 200, first.get_json()
    assert ProjectRepository(get_store()).require(app_id("web")).owner == "dev-1"  # deploying by name claims it
    other = _operate(client, dev, "scale", app_name="web", namespace="team-b", replicas=2, environment="staging")
    assert other.status_code == 403 and "default" in other.get_json()["error"]["message"]
    stolen = _operate(client, token("mallory"), "deploy", app_name="web", image="evil/miner:1", environment="staging")
    assert stolen.status_code == 403


def test_an_owners_namespace_override_is_where_the_app_goes(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    dev = token("dev-1")
    assert _operate(client, dev, "deploy", app_name="web", image="registry.example/web:1").status_code == 200
    cluster.seed.namespace("web-staging")
    ProjectRepository(get_store()).set_settings(app_id("web"), namespaces={"staging": "web-staging"})
    again = _operate(client, dev, "deploy", app_name="web", image="registry.example/web:2")
    assert again.status_code == 200, again.get_json()
    assert cluster.get("deployments", "web-staging", "web") is not None
    assert _operate(client, dev, "restart", app_name="web", namespace="default").status_code == 403


def test_the_requester_cannot_approve_their_own_production_deploy(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    member("dev-1", "approver")  # even holding the approver role
    dev = token("dev-1")
    args = {"github_owner": "K-Le-PaaS", "github_repo": "test01", "environment": "production", "image": "r/t:1"}
    held = _operate(client, dev, "deploy", **args).get_json()["operation"]
    assert held["status"] == "pending"
    answer = client.post(
        f"/api/v1/operations/{held['id']}/approval", json={"approve": True, "args_hash": args_hash(args)}, headers=dev
    )
    assert answer.status_code == 403 and "another approver" in answer.get_json()["error"]["message"]
    assert client.get(f"/api/v1/operations/{held['id']}", headers=dev).get_json()["status"] == "pending"
    assert cluster.get("deployments", "default", "k-le-paas-test01") is None


@pytest.mark.parametrize(
    ("path", "body"),
    [(f"{REPO}/scale?environment=production", {"replicas": 4}), (f"{REPO}/restart?environment=production", {})],
)
def test_every_mutation_in_production_is_held_not_only_deploys(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]], path: str, body: dict[str, Any]
) -> None:
    member("dev-1", "developer")
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    answer = client.post(path, json=body, headers=token("dev-1"))
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["operation"]["status"] == "pending"
    assert [r for r in cluster.requests if r.method in ("PATCH", "PUT")] == []


def test_reading_a_system_namespace_needs_admin_read(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    refused = client.get("/api/v1/deployments/kube-system/coredns/pods", headers=token("dev-1", "read"))
    assert refused.status_code == 403 and "admin:read" in refused.get_json()["error"]["message"]
    cluster.seed.app("kube-system", "coredns", "registry.k8s.io/coredns:v1", replicas=1)
    allowed = client.get("/api/v1/deployments/kube-system/coredns/pods", headers=token("ops", "read", "admin:read"))
    assert allowed.status_code == 200


def test_a_webhook_triggered_deploy_follows_its_projects_protected_environments(cluster: KubeStandIn) -> None:
    from klepaas_shared.contracts import DeployRequest
    from klepaas_shared.projects import repository_id

    from .conftest import load_main
    from .test_approvals import approval_requests
    from .test_console import _event

    member("alice", "owner", creator="alice")
    ProjectRepository(get_store()).set_settings(
        repository_id("K-Le-PaaS", "test01"), protected_environments=["staging"], namespaces={"staging": "shop"}
    )
    cluster.seed.namespace("shop")
    deploy_main = load_main()

    def push(environment: str, sha: str) -> DeployRequest:
        request = DeployRequest(
            owner="K-Le-PaaS",
            repo="test01",
            environment=environment,  # type: ignore[arg-type]
            image=f"r/test01:{sha[:7]}",
            requested_by="alice",
            source="github_push",
            commit={"sha": sha},  # type: ignore[arg-type]
        )
        deploy_main.deploy_requests(_event(request, f"m-{sha[:4]}"))
        return request

    held = push("staging", "a" * 40)  # this project protects staging: held
    assert [r["operation_id"] for r in approval_requests()] == [held.request_id]
    assert cluster.get("deployments", "shop", "k-le-paas-test01") is None
    push("production", "b" * 40)  # and not production: released at once
    assert len(approval_requests()) == 1
    assert cluster.get("deployments", "default", "k-le-paas-test01") is not None


def test_a_refused_deploy_by_name_owns_nothing_afterwards(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    eve = token("eve")
    refused = _operate(client, eve, "deploy", app_name="shop", namespace="team-c", image="registry.example/shop:1")
    assert refused.status_code == 403, refused.get_json()
    assert ProjectRepository(get_store()).get(app_id("shop")) is None
    dry = client.post(
        "/api/v1/operations",
        json={"type": "deploy", "args": {"app_name": "shop", "image": "registry.example/shop:1"}, "dry_run": True},
        headers=eve,
    )
    assert dry.status_code == 200, dry.get_json()
    assert ProjectRepository(get_store()).get(app_id("shop")) is None  # a dry run claims nothing either


def test_an_app_already_running_without_a_project_is_adopted_only_by_an_admin(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    cluster.seed.app("default", "billing", "registry.example/billing:7", replicas=2)
    eve = token("eve")
    for attempt in (
        _operate(client, eve, "deploy", app_name="billing", image="evil/miner:1"),
        _operate(client, eve, "deploy", app_name="billing"),
    ):
        assert attempt.status_code == 403, attempt.get_json()
        assert "administrator must adopt it" in attempt.get_json()["error"]["message"]
    assert ProjectRepository(get_store()).get(app_id("billing")) is None
    assert _operate(client, eve, "scale", app_name="billing", replicas=0).status_code == 403
    assert cluster.get("deployments", "default", "billing")["spec"]["replicas"] == 2
    denied = [d.data for d in get_store().query("audit") if d.data["result"] == "denied"]
    assert any(d["details"].get("reason") == "unmanaged_app" for d in denied)

    admin = token("root", "read", "deploy:execute", "admin:write")
    adopted = _operate(client, admin, "deploy", app_name="billing")
    assert adopted.status_code == 200, adopted.get_json()
    assert ProjectRepository(get_store()).require(app_id("billing")).owner == "root"


def test_someone_elses_operation_that_names_no_project_is_an_admins_to_read(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    """An operation whose arguments name no app has no project whose members could read it: it was
    answered to anyone who had its id (a client may choose ids, so they can be guessed)."""
    from klepaas_shared.contracts import Operation, OperationKind
    from klepaas_shared.records.operations import Operations

    Operations(get_store()).create(
        Operation(id="op-1", kind=OperationKind.RESTART, args={"replicas": 2}, requested_by="alice")
    )
    assert client.get("/api/v1/operations/op-1", headers=token("alice")).status_code == 200
    refused = client.get("/api/v1/operations/op-1", headers=token("mallory"))
    assert refused.status_code == 403, refused.get_json()
    assert client.get("/api/v1/operations/op-1", headers=token("root", "read", "admin:read")).status_code == 200
    missing = client.get("/api/v1/operations/op-2", headers=token("alice")).get_json()["error"]
    assert missing["details"] == {"operation_id": "op-2"}  # what tells nlp an operation is lost, not a route
