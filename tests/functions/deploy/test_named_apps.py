"""Apps deployed by name (issue 17): recorded and addressed as ``_apps/<app>``, rolled back by image
tag, and shown with the replicas their cluster has, not the ones recorded at deploy time."""

from __future__ import annotations

import time
from typing import Any

from kubernetes.client import AppsV1Api

from klepaas_fakes.kube import KubeStandIn

from .conftest import member


def _deploy(client: Any, headers: dict[str, str], **args: Any) -> Any:
    return client.post("/api/v1/operations", json={"type": "deploy", "args": args}, headers=headers)


def _card(client: Any, headers: dict[str, str], repo: str) -> dict[str, Any]:
    cards = client.get("/api/v1/deployment-histories/repositories/latest?t=1", headers=headers).get_json()
    found: dict[str, Any] = next(c for c in cards["repositories"] if c["repo"] == repo)
    return found


def test_an_app_by_name_that_is_not_running_and_has_no_image_is_refused_at_once(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    answer = _deploy(client, headers, app_name="web-app", environment="staging", replicas=3)
    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert "web-app is not running" in error["message"] and "이미지로 배포해줘" in error["message"]
    # Each language on its own too: a Korean chat says only the Korean (the walk read the English first).
    assert "with image nginx" in error["details"]["reason"] and "배포" not in error["details"]["reason"]
    assert error["details"]["reason_ko"].startswith("web-app은 default 네임스페이스에서 실행 중이 아니고")
    cards = client.get("/api/v1/deployment-histories/repositories/latest", headers=headers).get_json()
    assert cards["repositories"] == []  # nothing half-written


def test_an_app_by_name_is_the_card_apps_slash_name_and_its_card_calls_reach_it(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "web-app", "registry.test/web-app:v1")
    answer = _deploy(client, headers, app_name="web-app", replicas=2)  # no image: the one it runs
    assert answer.status_code == 200, answer.get_json()
    card = _card(client, headers, "web-app")
    assert (card["owner"], card["full_name"]) == ("_apps", "_apps/web-app")
    latest = card["latest_deployment"]
    assert latest["image"]["url"] == "registry.test/web-app:v1"
    hosts = {rule["host"] for ing in cluster.objects("ingresses") for rule in ing["spec"]["rules"]}
    assert latest["service_url"] == "https://web-app-staging.klepaas.app" and "web-app-staging.klepaas.app" in hosts
    config = client.get("/api/v1/deployments/_apps/web-app/config?user_id=u&user_id=u", headers=headers)
    assert config.get_json()["replica_count"] == 2
    pods = client.get("/api/v1/deployments/default/_apps-web-app/pods", headers=headers).get_json()
    assert pods["app"] == "web-app" and pods["pods"]
    scaled = client.post("/api/v1/deployments/_apps/web-app/scale", json={"replicas": 3}, headers=headers)
    assert scaled.status_code == 200, scaled.get_json()
    assert cluster.get("deployments", "default", "web-app")["spec"]["replicas"] == 3


def test_the_card_shows_the_replicas_the_cluster_has(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "web-app", "registry.test/web-app:v1")
    assert _deploy(client, headers, app_name="web-app", replicas=1).status_code == 200
    with cluster.api_client() as api:  # scaled behind our back (kubectl, an autoscaler)
        AppsV1Api(api).patch_namespaced_deployment_scale("web-app", "default", {"spec": {"replicas": 4}})
    deadline = time.monotonic() + 10
    while True:
        replicas = _card(client, headers, "web-app")["latest_deployment"]["cluster"]["replicas"]
        if replicas == {"desired": 4, "ready": 4}:
            break
        assert time.monotonic() < deadline, replicas
        time.sleep(0.2)
    config = client.get("/api/v1/deployments/_apps/web-app/config", headers=headers).get_json()
    assert config["replica_count"] == 4


def test_deploys_without_a_commit_are_rolled_back_to_by_their_image_tag(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    for tag in ("1.25", "1.26", "1.27"):
        assert _deploy(client, headers, app_name="nginx", image=f"nginx:{tag}").status_code == 200
    listed = client.get("/api/v1/deployments/_apps/nginx/rollback/list", headers=headers).get_json()
    assert listed["current_state"]["commit_sha_short"] == "1.27"
    assert [(v["commit_sha"], v["steps_back"]) for v in listed["available_versions"]] == [
        ("1.27", 0),
        ("1.26", 1),
        ("1.25", 2),
    ]
    assert listed["total_available"] == 2
    body = {"owner": "_apps", "repo": "nginx", "target_commit_sha": "1.25"}
    assert client.post("/api/v1/rollback/commit", json=body, headers=headers).status_code == 200
    image = cluster.get("deployments", "default", "nginx")["spec"]["template"]["spec"]["containers"][0]["image"]
    assert image == "nginx:1.25"
    again = client.post("/api/v1/rollback/commit", json=body, headers=headers)
    assert again.status_code == 409  # 1.25 runs now
    unknown = client.post("/api/v1/rollback/commit", json={**body, "target_commit_sha": "9.99"}, headers=headers)
    assert unknown.status_code == 404
    bad = client.post("/api/v1/rollback/commit", json={**body, "target_commit_sha": "a b"}, headers=headers)
    assert bad.status_code == 400


def _status(client: Any, headers: dict[str, str], app: str) -> Any:
    status = {"type": "status", "args": {"app_name": app, "resource_type": "pod"}}
    return client.post("/api/v1/operations", json=status, headers=headers)


def test_an_app_called_by_its_repositorys_name_is_that_repositorys_app(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    """K-Le-PaaS/sample-app runs as k-le-paas-sample-app; its members say "sample-app" (the first-run walk's
    "sample-app pod 상태 확인해줘" found nothing)."""
    member("user-1", "owner", owner="K-Le-PaaS", repo="sample-app")
    cluster.seed.app("default", "k-le-paas-sample-app", "registry.test/sample-app:v1", replicas=2)
    answer = _status(client, headers, "Sample-App")
    assert answer.status_code == 200, answer.get_json()
    pods = answer.get_json()["data"]["pods"]
    assert len(pods) == 2 and all(p["name"].startswith("k-le-paas-sample-app-") for p in pods)


def test_a_repository_name_two_owners_share_or_a_stranger_asks_for_is_not_guessed(
    cluster: KubeStandIn, client: Any, headers: dict[str, str], make_token: Any
) -> None:
    member("user-1", "owner", owner="K-Le-PaaS", repo="sample-app")
    cluster.seed.app("default", "k-le-paas-sample-app", "registry.test/sample-app:v1")
    stranger = {"Authorization": f"Bearer {make_token(scopes=('read',), sub='outsider')}"}
    assert _status(client, stranger, "sample-app").status_code == 404  # not a member: the name is only a name
    member("user-1", "owner", owner="forked", repo="sample-app")
    assert _status(client, headers, "sample-app").status_code == 404  # which one? neither is guessed


def test_an_app_deployed_by_the_name_stays_that_app(cluster: KubeStandIn, client: Any, headers: dict[str, str]) -> None:
    cluster.seed.app("default", "web", "registry.test/web:v1")
    assert _deploy(client, headers, app_name="web").status_code == 200  # deployed by name: project app:web
    member("user-1", "owner", owner="K-Le-PaaS", repo="web")  # then a repository of that name was connected
    cluster.seed.app("default", "k-le-paas-web", "registry.test/k-le-paas-web:v1", replicas=3)
    pods = _status(client, headers, "web").get_json()["data"]["pods"]
    assert len(pods) == 1 and pods[0]["name"].startswith("web-")


def test_a_change_asked_by_the_repositorys_name_changes_the_repositorys_app(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    member("user-1", "owner", owner="K-Le-PaaS", repo="sample-app")
    cluster.seed.app("default", "k-le-paas-sample-app", "registry.test/sample-app:v1")
    scaled = client.post(
        "/api/v1/operations", json={"type": "scale", "args": {"app_name": "sample-app", "replicas": 3}}, headers=headers
    )
    assert scaled.status_code == 200, scaled.get_json()
    assert scaled.get_json()["operation"]["args"]["github_repo"] == "sample-app"  # recorded as what was changed
    assert cluster.get("deployments", "default", "k-le-paas-sample-app")["spec"]["replicas"] == 3


def test_a_pod_called_by_the_repositorys_name_is_the_repositorys_app(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    """The chat reads "sample-app pod 상태 확인해줘" as a pod named sample-app: the walk of a fresh make dev found
    nothing there after deploying K-Le-PaaS/sample-app."""
    member("user-1", "owner", owner="K-Le-PaaS", repo="sample-app")
    cluster.seed.app("default", "k-le-paas-sample-app", "registry.test/sample-app:v1", replicas=2)
    status = {"type": "status", "args": {"pod_name": "sample-app", "resource_type": "pod"}}
    answer = client.post("/api/v1/operations", json=status, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    assert len(answer.get_json()["data"]["pods"]) == 2
    logs = {"type": "logs", "args": {"pod_name": "sample-app", "lines": 5}}
    assert client.post("/api/v1/operations", json=logs, headers=headers).status_code == 200
    other = {"type": "status", "args": {"pod_name": "k-le-paas-sample-app-0", "resource_type": "pod"}}
    assert client.post("/api/v1/operations", json=other, headers=headers).status_code == 404  # a pod's name stays one


def test_for_an_admin_a_repository_deployed_but_not_connected_is_found_by_its_name(
    cluster: KubeStandIn, client: Any, make_token: Any
) -> None:
    """make dev's admin deploys K-Le-PaaS/sample-app without connecting it (no project, no membership): admin:read
    reads every app, so the repositories deployed under the name count; a reader without it is not guessed for."""
    from klepaas_shared.contracts import Commit
    from klepaas_shared.records.deployments import Deployments
    from klepaas_shared.store import get_store

    Deployments(get_store()).create(
        owner="K-Le-PaaS",
        repo="sample-app",
        environment="staging",
        namespace="default",
        commit=Commit(sha="5d03f9f" + "0" * 33, message="first", author="dev", url=""),
        image="registry.test/sample-app:v1",
        request_id="r-1",
        requested_by="admin",
    )
    cluster.seed.app("default", "k-le-paas-sample-app", "registry.test/sample-app:v1", replicas=2)
    admin = {"Authorization": f"Bearer {make_token(scopes=('read', 'admin:read'), sub='root')}"}
    reader = {"Authorization": f"Bearer {make_token(scopes=('read',), sub='reader')}"}
    assert len(_status(client, admin, "sample-app").get_json()["data"]["pods"]) == 2
    assert _status(client, reader, "sample-app").status_code == 404
