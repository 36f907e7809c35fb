"""D1 reads the pull requests the webhook function stores from real, signed deliveries; D2 fills
each app's CPU and memory from Prometheus, or from its Deployment's requests and limits."""

from __future__ import annotations

import copy
import json
import os
import uuid
from pathlib import Path
from typing import Any

import functions_framework
import pytest

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.prometheus import PrometheusStandIn
from klepaas_shared.store import get_store

from .conftest import ROOT, reset
from .test_operations import deploy

SECRET = "dashboard-app-webhook-secret"
PAYLOAD = json.loads((Path(__file__).resolve().parents[1] / "webhook/payloads/pull_request.json").read_text())


def _deliver(body: dict[str, Any]) -> Any:
    from klepaas_webhook import settings
    from klepaas_webhook.signature import sign

    settings.settings.cache_clear()
    raw = json.dumps(body).encode()
    app = functions_framework.create_app(target="webhook_http", source=str(ROOT / "functions/webhook/main.py"))
    headers = {
        "X-GitHub-Event": "pull_request",
        "X-GitHub-Delivery": str(uuid.uuid4()),
        "X-Hub-Signature-256": sign(raw, SECRET),
    }
    return app.test_client().post("/api/v1/github/webhook", data=raw, headers=headers, content_type="application/json")


def _opened(number: int, title: str, created: str, repo: str = "K-Le-PaaS/test01") -> dict[str, Any]:
    body = copy.deepcopy(PAYLOAD)
    body["action"], body["repository"]["full_name"] = "opened", repo
    pull = body["pull_request"]
    pull.update(
        id=1000 + number,
        number=number,
        title=title,
        state="open",
        merged=False,
        merged_at=None,
        created_at=created,
        updated_at=created,
    )
    return body


def test_d1_lists_the_pull_requests_the_webhook_stored(client: Any, headers: dict[str, str]) -> None:
    from klepaas_webhook import integrations, settings

    with klepaas_env({"KLEPAAS_GITHUB_APP_WEBHOOK_SECRET": SECRET, "KLEPAAS_GITHUB_APP_ID": ""}):
        integrations.create(
            get_store(),
            user_id="user-1",
            owner="K-Le-PaaS",
            repo="test01",
            branch="main",
            installation_id=None,
            html_url="https://github.com/K-Le-PaaS/test01",
            repository_id=None,
        )
        assert _deliver(_opened(7, "Add a health check", "2026-01-02T03:04:05Z")).status_code == 202
        assert _deliver(_opened(8, "Newer change", "2026-01-03T00:00:00Z")).status_code == 202
        assert _deliver(_opened(9, "Not connected", "2026-01-04T00:00:00Z", repo="other/repo")).status_code == 202
        stale = _opened(7, "An old title", "2026-01-02T03:04:05Z")
        stale["pull_request"]["updated_at"] = "2026-01-01T00:00:00Z"
        _deliver(stale)  # an older delivery arriving late changes nothing
        d1 = client.get("/api/v1/dashboard/overview?user_id=user-1", headers=headers).get_json()
        settings.settings.cache_clear()
    assert [p["id"] for p in d1["pullRequests"]] == [1008, 1007]
    first = d1["pullRequests"][1]
    assert {k: first[k] for k in ("title", "author", "createdAt", "state")} == {
        "title": "Add a health check",
        "author": "Codertocat",
        "createdAt": "2026-01-02T03:04:05Z",
        "state": "open",
    }
    assert d1["connectedRepositories"][0]["fullName"] == "K-Le-PaaS/test01"


def _resources(client: Any, headers: dict[str, str]) -> dict[str, float]:
    d2 = client.get("/api/v1/deployment-histories/repositories/latest?t=1", headers=headers).get_json()
    resources: dict[str, float] = d2["repositories"][0]["latest_deployment"]["cluster"]["resources"]
    return resources


def test_d2_resources_without_prometheus_are_the_share_of_limits_the_requests_reserve(
    cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    deploy(client, headers, "r/test01:aaaaaaa", "a" * 40)  # 100m of 500m CPU, 128Mi of 512Mi
    assert _resources(client, headers) == {"cpu": 20.0, "memory": 25.0}


def test_d2_resources_with_prometheus_are_the_use_over_the_limits(
    cluster: KubeStandIn, prometheus: PrometheusStandIn, client: Any, headers: dict[str, str]
) -> None:
    from klepaas_deploy.views.usage import CPU_BY_POD, MEMORY_BY_POD

    deploy(client, headers, "r/test01:aaaaaaa", "a" * 40)
    pods = client.get("/api/v1/deployments/default/k-le-paas-test01/pods", headers=headers).get_json()["pods"]
    pod = pods[0]["name"]
    prometheus.set(
        CPU_BY_POD, ({"namespace": "default", "pod": pod}, 0.25), ({"namespace": "default", "pod": "x-1"}, 9)
    )
    prometheus.set(MEMORY_BY_POD, ({"namespace": "default", "pod": pod}, 384 * 2**20))
    assert _resources(client, headers) == {"cpu": 50.0, "memory": 75.0}
    prometheus.fail_status = 500
    assert _resources(client, headers) == {"cpu": 0.0, "memory": 0.0}  # Prometheus down: no figure, no error


def test_d2_against_a_slow_cluster_answers_zeros_soon_after_one_attempt(
    cluster: KubeStandIn, client: Any, headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    deploy(client, headers, "r/test01:aaaaaaa", "a" * 40)
    path = "/apis/apps/v1/namespaces/default/deployments"
    monkeypatch.setenv("KLEPAAS_GLANCE_TIMEOUT_S", "0.3")  # the store stays: only deploy's settings change
    reset()
    slow = cluster.delay_next(3.0, path=path, method="GET", times=5)
    started = time.monotonic()
    resources = _resources(client, headers)
    took = time.monotonic() - started
    attempts = slow.hits
    assert resources == {"cpu": 0.0, "memory": 0.0}  # a stale 0 rather than a slow answer
    assert attempts == 1 and took < 2.0, (attempts, took)


def test_d2_against_a_dead_port_answers_zeros_not_an_error(
    cluster: KubeStandIn, client: Any, headers: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket
    import time

    deploy(client, headers, "r/test01:aaaaaaa", "a" * 40)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    config = tmp_path / "dead-kubeconfig"
    config.write_text(
        Path(str(os.environ["KLEPAAS_NKS_KUBECONFIG"])).read_text().replace(cluster.url, f"http://127.0.0.1:{dead}")
    )
    monkeypatch.setenv("KLEPAAS_NKS_KUBECONFIG", str(config))
    reset()
    started = time.monotonic()
    resources = _resources(client, headers)
    took = time.monotonic() - started
    assert resources == {"cpu": 0.0, "memory": 0.0} and took < 1.0, took
