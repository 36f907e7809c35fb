"""Mutations through the real `kubernetes` client against the stand-in: scale, restart, deploy, rollback."""

from __future__ import annotations

from typing import Any

from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.store import get_store

REPO = "/api/v1/deployments/K-Le-PaaS/test01"


def deploy(client: Any, headers: dict[str, str], image: str, sha: str, **extra: Any) -> dict[str, Any]:
    args = {
        "github_owner": "K-Le-PaaS",
        "github_repo": "test01",
        "image": image,
        "commit": {"sha": sha, "message": f"commit {sha[:7]}", "author": "dev"},
        **extra,
    }
    response = client.post("/api/v1/operations", json={"type": "deploy", "args": args}, headers=headers)
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def test_deploy_creates_deployment_service_and_ingress_and_records_history(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    body = deploy(client, headers, "registry.example/test01:abc1234", "abc1234" + "0" * 33)
    assert body["operation"]["status"] == "succeeded"
    assert body["data"]["deployment_status"] == "success"
    dep = cluster.get("deployments", "default", "k-le-paas-test01")
    assert (
        dep is not None
        and dep["spec"]["template"]["spec"]["containers"][0]["image"] == "registry.example/test01:abc1234"
    )
    assert cluster.get("services", "default", "k-le-paas-test01-svc") is not None
    assert cluster.get("ingresses", "default", "k-le-paas-test01") is not None
    doc = get_store().get("deployments", str(body["data"]["deployment_id"]))
    assert doc is not None and doc["status"] == "success"
    assert [doc["stages"][s]["status"] for s in ("sourcecommit", "sourcebuild", "sourcedeploy")] == ["success"] * 3
    assert doc["completed_at"].endswith("Z") and isinstance(doc["total_duration"], float)


def test_scale_patches_the_scale_subresource_and_reports_old_and_new(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    response = client.post(f"{REPO}/scale", json={"replicas": 3, "user_id": "u"}, headers=headers)
    assert response.status_code == 200, response.get_json()
    data = response.get_json()["data"]
    assert (data["old_replicas"], data["new_replicas"], data["status"]) == (1, 3, "success")
    assert cluster.get("deployments", "default", "k-le-paas-test01")["spec"]["replicas"] == 3
    patches = [r for r in cluster.requests if r.method == "PATCH"]
    assert patches[0].path.endswith("/scale") and patches[0].content_type == "application/strategic-merge-patch+json"


def test_scale_beyond_the_policy_maximum_is_a_clear_400(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    response = client.post(f"{REPO}/scale", json={"replicas": 11}, headers=headers)
    assert response.status_code == 400
    assert "policy maximum of 10" in response.get_json()["error"]["message"]
    assert not [r for r in cluster.requests if r.method == "PATCH"]


def test_a_repeated_operation_id_runs_once(cluster: KubeStandIn, client: Any, headers: dict[str, str]) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    request = {
        "type": "scale",
        "operation_id": "op-123",
        "args": {"github_owner": "K-Le-PaaS", "github_repo": "test01", "replicas": 2},
    }
    first = client.post("/api/v1/operations", json=request, headers=headers).get_json()
    second = client.post("/api/v1/operations", json=request, headers=headers).get_json()
    assert first["operation"]["id"] == second["operation"]["id"] == "op-123"
    assert second["data"]["new_replicas"] == 2
    assert len([r for r in cluster.requests if r.method == "PATCH"]) == 1
    other = {**request, "args": {**request["args"], "replicas": 4}}
    assert client.post("/api/v1/operations", json=other, headers=headers).status_code == 409
    got = client.get("/api/v1/operations/op-123", headers=headers).get_json()
    assert got["status"] == "succeeded" and got["progress"]


def test_mutations_need_deploy_execute_and_are_audited_with_the_end_user(
    cluster: KubeStandIn, client: Any, read_headers: dict[str, str], make_token: Any
) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    assert client.post(f"{REPO}/restart", json={}, headers=read_headers).status_code == 403
    from klepaas_shared.auth import delegate, verify

    user = verify(make_token(sub="alice"))
    token = delegate(user, "nlp")
    # a delegation token opens only the operations API, the route other functions call
    assert client.post(f"{REPO}/restart", json={}, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    restart = {"type": "restart", "args": {"github_owner": "K-Le-PaaS", "github_repo": "test01"}}
    response = client.post("/api/v1/operations", json=restart, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_json()
    records = [d.data for d in get_store().query("audit")]
    assert any(r["actor"] == "alice" and r["via"] == "nlp" and r["action"] == "deploy.restart" for r in records)


def test_restart_retries_a_resource_version_conflict(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    cluster.fail_next(409, method="PUT", path="/apis/apps/v1/namespaces/default/deployments/*")
    response = client.post(f"{REPO}/restart", json={}, headers=headers)
    assert response.status_code == 200, response.get_json()
    template = cluster.get("deployments", "default", "k-le-paas-test01")["spec"]["template"]
    assert "kubectl.kubernetes.io/restartedAt" in template["metadata"]["annotations"]
    puts = [r for r in cluster.requests if r.method == "PUT"]
    assert [r.status for r in puts] == [409, 200]


def test_rollback_patches_the_earlier_image_without_rebuilding(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    deploy(client, headers, "registry.example/test01:aaaaaaa", "a" * 40)
    deploy(client, headers, "registry.example/test01:bbbbbbb", "b" * 40)
    listing = client.get(f"{REPO}/rollback/list?user_id=u&user_id=u", headers=headers).get_json()
    assert listing["current_state"]["commit_sha_short"] == "bbbbbbb"
    assert [v["steps_back"] for v in listing["available_versions"]] == [0, 1]
    response = client.post(
        "/api/v1/rollback/commit",
        json={"owner": "K-Le-PaaS", "repo": "test01", "target_commit_sha": "a" * 40},
        headers=headers,
    )
    assert response.status_code == 200, response.get_json()
    data = response.get_json()["data"]
    assert (data["target_commit"], data["previous_commit"]) == ("aaaaaaa", "bbbbbbb")
    image = cluster.get("deployments", "default", "k-le-paas-test01")["spec"]["template"]["spec"]["containers"][0][
        "image"
    ]
    assert image == "registry.example/test01:aaaaaaa"
    after = client.get(f"{REPO}/rollback/list", headers=headers).get_json()
    assert (
        after["current_state"]["is_rollback"] is True and after["rollback_history"][0]["commit_sha_short"] == "aaaaaaa"
    )
    too_far = client.post(
        "/api/v1/rollback/previous", json={"owner": "K-Le-PaaS", "repo": "test01", "steps_back": 11}, headers=headers
    )
    assert too_far.status_code == 400


def test_a_crashlooping_release_marks_the_deployment_failed(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    from klepaas_fakes.env import klepaas_env

    from .conftest import reset

    with klepaas_env({"KLEPAAS_ROLLOUT_WATCH_S": "1"}):
        reset()
        body = deploy(client, headers, "registry.example/test01:crashloop", "c" * 40)
        doc = get_store().get("deployments", str(body["data"]["deployment_id"]))
    assert body["operation"]["status"] == "failed"
    assert doc["status"] == "failed" and doc["stages"]["sourcedeploy"]["status"] == "failed"
    assert doc["error"]["stage"] == "sourcedeploy"


def test_a_repository_whose_deploys_only_failed_is_not_listed_as_connected(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    """The walk's dashboard listed a repository that never built as connected (FRONTEND_API D1)."""
    from klepaas_fakes.env import klepaas_env

    from .conftest import reset

    with klepaas_env({"KLEPAAS_ROLLOUT_WATCH_S": "1"}):
        reset()
        assert deploy(client, headers, "registry.example/test01:crashloop", "c" * 40)["operation"]["status"] == "failed"
        d1 = client.get("/api/v1/dashboard/overview", headers=headers).get_json()
        assert d1["connectedRepositories"] == []
        assert deploy(client, headers, "registry.example/test01:v2", "d" * 40)["operation"]["status"] == "succeeded"
        d1 = client.get("/api/v1/dashboard/overview", headers=headers).get_json()
    assert [r["fullName"] for r in d1["connectedRepositories"]] == ["K-Le-PaaS/test01"]
