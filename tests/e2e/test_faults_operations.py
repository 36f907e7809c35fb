"""Operations under faults: the cluster failing, slow or refusing, and the store crashing at any
write. The caller gets a clear answer (an envelope), a retry with the same operation id never runs
the mutation twice, no operation is left pending, and every finished operation has its audit record."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from klepaas_deploy import settings
from klepaas_deploy.cluster import kube, targets
from klepaas_deploy.operations import deploying
from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.store import get_store

from .faults_support import FailingWrites, assert_envelope, audit_of, http_client

APP = "k-le-paas-test01"
SCALE_PATH = f"/apis/apps/v1/namespaces/default/deployments/{APP}/scale"


def _reset() -> None:
    settings.deploy_settings.cache_clear()
    targets.target.cache_clear()
    kube.kube_of.cache_clear()
    deploying.default_pipeline.cache_clear()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[KubeStandIn]:
    with KubeStandIn(tick_interval_s=0.02) as standin:
        config = standin.write_kubeconfig(tmp_path / "kubeconfig")
        env = {"KLEPAAS_NKS_KUBECONFIG": str(config), "KLEPAAS_ROLLOUT_WATCH_S": "5", "KLEPAAS_KUBE_TIMEOUT_S": "1"}
        with klepaas_env(env):
            _reset()
            standin.seed.app("default", APP, "registry.example/test01:v1")
            yield standin
        _reset()
        assert standin.internal_errors == []


@pytest.fixture
def post(make_token: Callable[..., str]) -> Callable[..., Any]:
    client = http_client("deploy")
    headers = {"Authorization": f"Bearer {make_token(sub='operator')}"}

    def send(replicas: int, operation_id: str) -> Any:
        body = {
            "type": "scale",
            "args": {"github_owner": "K-Le-PaaS", "github_repo": "test01", "replicas": replicas},
            "operation_id": operation_id,
        }
        return client.post("/api/v1/operations", json=body, headers=headers)

    return send


def _operation(operation_id: str) -> dict[str, Any]:
    found = get_store().get("operations", operation_id)
    assert found is not None, operation_id
    return found


def _audited(operation_id: str) -> list[dict[str, Any]]:
    return [a for a in audit_of("deploy.scale") if a["details"].get("operation_id") == operation_id]


def _scale_patches(cluster: KubeStandIn) -> int:
    return sum(1 for r in cluster.requests if r.path == SCALE_PATH and r.method in ("PATCH", "PUT") and r.status < 400)


@pytest.mark.parametrize(
    ("status", "expected"), [(500, 502), (503, 502), (429, 429), (409, 409), (403, 403), (504, 504)]
)
def test_a_failing_cluster_fails_the_operation_clearly_with_its_audit_and_a_new_try_succeeds_once(
    cluster: KubeStandIn, post: Callable[..., Any], status: int, expected: int
) -> None:
    cluster.fail_next(status, method="PATCH", path=SCALE_PATH, times=20)
    response = post(3, "op-fail")
    body = assert_envelope(response)
    assert response.status_code == expected, body
    assert _operation("op-fail")["status"] == "failed"
    assert [a["result"] for a in _audited("op-fail")] == ["failed"]
    assert post(3, "op-fail").get_json()["operation"]["status"] == "failed"  # replayed, not rerun
    cluster.clear_faults()
    cluster.clear_requests()
    _reset()  # a fresh instance: the circuit of the failed one does not carry over
    retry = post(3, "op-retry")
    assert retry.status_code == 200, retry.get_json()
    assert _operation("op-retry")["status"] == "succeeded"
    assert [a["result"] for a in _audited("op-retry")] == ["succeeded"]
    assert _scale_patches(cluster) == 1


def test_a_slow_cluster_times_out_clearly_and_is_audited(cluster: KubeStandIn, post: Callable[..., Any]) -> None:
    cluster.delay_next(2.5, method="PATCH", path=SCALE_PATH, times=5)
    response = post(2, "op-slow")
    assert_envelope(response, 502, 503, 504)
    assert _operation("op-slow")["status"] == "failed"
    assert [a["result"] for a in _audited("op-slow")] == ["failed"]


def test_a_store_crash_at_any_write_of_an_operation_never_leaves_it_pending_nor_runs_it_twice(
    cluster: KubeStandIn, post: Callable[..., Any]
) -> None:
    counter = FailingWrites(get_store(), nth=10**6)
    with counter.armed():
        assert post(2, "op-probe").status_code == 200
    total = counter.count
    assert total >= 3
    for nth in range(1, total + 1):
        operation_id = f"op-{nth}"
        cluster.clear_requests()
        with FailingWrites(get_store(), nth).armed() as faults:
            first = post(nth % 4 + 1, operation_id)
        assert faults.failed
        if first.status_code != 200:
            assert_envelope(first, 503)
        again = post(nth % 4 + 1, operation_id)  # the client retries with the same operation id
        saved = get_store().get("operations", operation_id)
        if saved is None:  # the crash came before the operation was recorded: the retry ran it
            pytest.fail(f"write {nth}: the retry did not record the operation")
        assert saved["status"] in ("succeeded", "failed"), (nth, saved["status"], again.get_json())
        assert _scale_patches(cluster) <= 1, nth  # never twice
        assert [a["result"] for a in _audited(operation_id)] == [saved["status"]], nth  # the trail is whole
        if saved["status"] == "succeeded":
            assert _scale_patches(cluster) == 1, nth
