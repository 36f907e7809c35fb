"""A dry run of a mutation (``"dry_run": true`` on ``POST /api/v1/operations``) is a check: the
policy decides, the target is read, and nothing is queued, recorded, audited as work, or changed.

The nlp function asks it before every confirmation question, so a check that left an operation, an
audit row, a deployment or a DeployRequest behind would look like work nobody confirmed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS
from klepaas_shared.store import get_store

from .conftest import member

REPOSITORY = {"github_owner": "K-Le-PaaS", "github_repo": "test01"}
APP = "k-le-paas-test01"
ADMIN = ("read", "deploy:execute", "admin:read", "admin:write")


@pytest.fixture
def token(make_token: Callable[..., str]) -> Callable[..., dict[str, str]]:
    def headers(sub: str, *scopes: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {make_token(scopes=scopes or ('read', 'deploy:execute'), sub=sub)}",
            "Content-Type": "application/json",
        }

    return headers


def _check(client: Any, headers: dict[str, str], kind: str, **args: Any) -> Any:
    return client.post("/api/v1/operations", json={"type": kind, "args": args, "dry_run": True}, headers=headers)


def _rows(collection: str) -> list[dict[str, Any]]:
    return [doc.data for doc in get_store().query(collection)]


def _writes(cluster: KubeStandIn) -> list[Any]:
    return [r for r in cluster.requests if r.method in ("PATCH", "PUT", "POST", "DELETE")]


def _left_nothing(cluster: KubeStandIn, *, deployments: int = 0, operations: int = 0, audit: int = 0) -> None:
    assert [p for p in local_bus().published if p[0] == TOPIC_DEPLOY_REQUESTS] == []
    assert len(_rows("deployments")) == deployments
    assert len(_rows("operations")) == operations
    assert len(_rows("audit")) == audit
    assert _writes(cluster) == []


def test_a_dry_run_deploy_without_an_image_queues_no_deploy_request(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    member("user-1", "owner")
    answer = _check(client, token("user-1"), "deploy", **REPOSITORY, environment="staging")
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert [p for p in local_bus().published if p[0] == TOPIC_DEPLOY_REQUESTS] == []
    assert body["operation"] is None
    assert body["data"]["dry_run"] is True and body["data"]["namespace"] == "default"
    assert body["message"].startswith("would deploy")
    _left_nothing(cluster)


def test_a_dry_run_deploy_of_an_image_releases_nothing(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    member("user-1", "owner")
    answer = _check(client, token("user-1"), "deploy", **REPOSITORY, image="registry.example/test01:v2")
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["data"]["image"] == "registry.example/test01:v2"
    assert cluster.get("deployments", "default", APP) is None
    _left_nothing(cluster)


def test_a_dry_run_scale_reads_the_replicas_and_records_nothing(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    member("user-1", "owner")
    cluster.seed.app("default", APP, "registry.example/test01:v1", replicas=2)
    answer = _check(client, token("user-1"), "scale", **REPOSITORY, replicas=4)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["data"]["old_replicas"] == 2
    assert cluster.get("deployments", "default", APP)["spec"]["replicas"] == 2
    _left_nothing(cluster)


def test_a_dry_run_restart_finds_out_that_the_app_does_not_exist(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    member("user-1", "owner")
    missing = _check(client, token("user-1"), "restart", **REPOSITORY)
    assert missing.status_code == 404, missing.get_json()
    cluster.seed.app("default", APP, "registry.example/test01:v1", replicas=1)
    found = _check(client, token("user-1"), "restart", **REPOSITORY)
    assert found.status_code == 200, found.get_json()
    assert "restartedAt" not in str(cluster.get("deployments", "default", APP)["spec"]["template"])
    _left_nothing(cluster)


def test_a_dry_run_rollback_records_no_deployment(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    member("user-1", "owner")
    owner = token("user-1")
    for tag in ("v1", "v2"):
        body = {"type": "deploy", "args": {**REPOSITORY, "image": f"registry.example/test01:{tag}"}}
        assert client.post("/api/v1/operations", json=body, headers=owner).status_code == 200
    before = (len(_rows("deployments")), len(_rows("operations")), len(_rows("audit")))
    cluster.clear_requests()
    answer = _check(client, owner, "rollback", **REPOSITORY, steps_back=1)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["data"]["target_commit"] == "v1"
    assert cluster.get("deployments", "default", APP)["spec"]["template"]["spec"]["containers"][0]["image"].endswith(
        ":v2"
    )
    _left_nothing(cluster, deployments=before[0], operations=before[1], audit=before[2])


def test_a_dry_run_into_a_system_namespace_answers_the_policys_refusal(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    answer = _check(client, token("admin", *ADMIN), "deploy", app_name="nginx", namespace="kube-system")
    assert answer.status_code == 403
    error = answer.get_json()["error"]
    assert "system namespace" in error["message"] and "시스템 네임스페이스" in error["message"]
    assert _rows("operations") == []
    [denied] = _rows("audit")  # refused before anything ran, and marked so
    assert denied["result"] == "denied" and denied["details"]["check"] is True
    assert _writes(cluster) == []


def test_an_admins_dry_run_on_someone_elses_project_leaves_no_override_in_the_audit(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    member("alice", "owner", creator="alice")
    cluster.seed.app("default", APP, "registry.example/test01:v1", replicas=1)
    answer = _check(client, token("root", *ADMIN), "scale", **REPOSITORY, replicas=2)
    assert answer.status_code == 200, answer.get_json()
    _left_nothing(cluster)


def test_a_policy_only_check_answers_the_policy_without_reading_the_target(
    cluster: KubeStandIn, client: Any, token: Callable[..., dict[str, str]]
) -> None:
    """nlp's interpret needs the policy's answer alone: a policy-only check reads no target (a
    restart of an app that is not there is allowed, not a 404) and asks GitHub nothing."""
    member("user-1", "owner")
    body = {"type": "restart", "args": REPOSITORY, "dry_run": True, "policy_only": True}
    allowed = client.post("/api/v1/operations", json=body, headers=token("user-1"))
    assert allowed.status_code == 200 and allowed.get_json()["data"]["allowed"] is True, allowed.get_json()
    assert cluster.requests == []
    system = {"type": "restart", "args": {"app_name": "coredns", "namespace": "kube-system"}, "dry_run": True}
    refused = client.post("/api/v1/operations", json=system | {"policy_only": True}, headers=token("admin", *ADMIN))
    assert refused.status_code == 403 and "system namespace" in refused.get_json()["error"]["message"]
    not_a_check = client.post("/api/v1/operations", json=body | {"dry_run": False}, headers=token("user-1"))
    assert not_a_check.status_code in (400, 422) and "policy_only" in not_a_check.get_json()["error"]["message"]
    _left_nothing(cluster, audit=1)  # the refusal is audited as a check, as any refusal
