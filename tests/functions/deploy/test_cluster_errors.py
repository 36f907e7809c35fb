"""Cluster failures become clear messages; only safe calls are retried."""

from __future__ import annotations

from typing import Any

from klepaas_fakes.kube import KubeStandIn

PODS = "/api/v1/deployments/default/k-le-paas-test01/pods"


def test_rbac_denial_is_a_403_that_names_the_missing_permission(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1")
    cluster.deny("patch", "deployments/scale")
    response = client.post("/api/v1/deployments/K-Le-PaaS/test01/scale", json={"replicas": 2}, headers=headers)
    assert response.status_code == 403
    message = response.get_json()["error"]["message"]
    assert "RBAC" in message and "scale deployment k-le-paas-test01" in message


def test_an_unknown_app_is_a_404(cluster: KubeStandIn, client: Any, headers: dict[str, str]) -> None:
    response = client.post("/api/v1/deployments/K-Le-PaaS/nothing/scale", json={"replicas": 2}, headers=headers)
    assert response.status_code == 404
    assert "k-le-paas-nothing" in response.get_json()["error"]["message"]


def test_a_read_is_retried_after_a_5xx(cluster: KubeStandIn, client: Any, headers: dict[str, str]) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1")
    cluster.fail_next(503, method="GET", path="/api/v1/namespaces/default/pods", times=2)
    response = client.get(PODS, headers=headers)
    assert response.status_code == 200
    assert response.get_json()["pods"][0]["phase"] == "Running"


def test_a_create_is_not_retried_blind_after_a_5xx(cluster: KubeStandIn, client: Any, headers: dict[str, str]) -> None:
    cluster.fail_next(500, method="POST", path="/apis/apps/v1/namespaces/default/deployments")
    response = client.post(
        "/api/v1/operations",
        headers=headers,
        json={"type": "deploy", "args": {"github_owner": "K-Le-PaaS", "github_repo": "test01", "image": "r/x:1"}},
    )
    assert response.status_code == 502
    assert "the cluster failed (500)" in response.get_json()["error"]["message"]
    posts = [r for r in cluster.requests if r.method == "POST" and r.path.endswith("/deployments")]
    assert len(posts) == 1


def test_a_slow_cluster_is_a_timeout_not_a_500(cluster: KubeStandIn, client: Any, headers: dict[str, str]) -> None:
    from klepaas_fakes.env import klepaas_env

    from .conftest import reset

    cluster.delay_next(1.0, method="GET", path="/api/v1/namespaces/default/pods", times=4)
    with klepaas_env({"KLEPAAS_KUBE_TIMEOUT_S": "0.3"}):
        reset()
        response = client.get(PODS, headers=headers)
    assert response.status_code in (503, 504)
    assert "did not answer in time" in response.get_json()["error"]["message"]


def test_a_persistently_failing_cluster_opens_the_circuit(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    cluster.fail_next(500, method="GET", times=100)
    assert client.get(PODS, headers=headers).status_code == 502
    client.get(PODS, headers=headers)
    calls = len(cluster.requests)
    response = client.get(PODS, headers=headers)
    assert len(cluster.requests) == calls  # the open circuit spares the cluster
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "circuit_open"


def test_without_a_cluster_the_dry_run_target_says_what_it_would_do(client: Any, headers: dict[str, str]) -> None:
    response = client.post("/api/v1/deployments/K-Le-PaaS/test01/scale", json={"replicas": 2}, headers=headers)
    assert response.status_code == 200
    data = response.get_json()["data"]
    assert data["dry_run"] is True and data["plan"][0]["resource"] == "deployments/scale"
    assert response.get_json()["message"].startswith("would scale k-le-paas-test01")
