"""Issue 5: scale and status operations per second (p50/p99) through the operations engine against
the Kubernetes stand-in, beside the same calls made directly with the `kubernetes` client in the
same run; the overhead ratio (ours / direct, per operation) should stay at or under 1.3.

The scale operation's rollout watch is off here (the stand-in's rollout time is not ours to
measure): both loops read the scale subresource and patch it; status reads the deployment and
lists its pods.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn

N = 200
APP, NS = "k-le-paas-bench", "default"


def _timed(fn: Callable[[int], Any], n: int) -> list[float]:
    fn(0)  # warm up (connections, first imports)
    samples = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - start)
    return samples


def _figures(name: str, ours: list[float], direct: list[float]) -> list[dict[str, Any]]:
    def q(samples: list[float], p: float) -> float:
        return statistics.quantiles(samples, n=100)[int(p) - 1] * 1000

    ratio = statistics.median(ours) / statistics.median(direct)
    return [
        {
            "issue": 5,
            "figure": f"{name} ops/s",
            "value": len(ours) / sum(ours),
            "unit": "ops/s",
            "baseline": len(direct) / sum(direct),
            "target": None,
            "ok": None,
        },
        {
            "issue": 5,
            "figure": f"{name} p50",
            "value": q(ours, 50),
            "unit": "ms",
            "baseline": q(direct, 50),
            "target": None,
            "ok": None,
        },
        {
            "issue": 5,
            "figure": f"{name} p99",
            "value": q(ours, 99),
            "unit": "ms",
            "baseline": q(direct, 99),
            "target": None,
            "ok": None,
        },
        {
            "issue": 5,
            "figure": f"{name} overhead ratio (p50)",
            "value": ratio,
            "unit": "x",
            "baseline": 1.0,
            "target": 1.3,
            "ok": ratio <= 1.3,
        },
    ]


def run() -> list[dict[str, Any]]:
    from kubernetes import client as k8s

    with KubeStandIn() as kube, tempfile.TemporaryDirectory() as tmp:
        config = kube.write_kubeconfig(Path(tmp) / "kubeconfig")
        env = {
            "KLEPAAS_ENV": "test",
            "KLEPAAS_JWT_SECRET": "bench-secret-0123456789-abcdefghijklmnop",
            "KLEPAAS_STORE": "sqlite",
            "KLEPAAS_SQLITE_PATH": ":memory:",
            "KLEPAAS_EVENTS": "local",
            "KLEPAAS_NKS_KUBECONFIG": str(config),
        }
        with klepaas_env(env):
            from klepaas_deploy import engine, finishing, settings
            from klepaas_shared.auth import Principal
            from klepaas_shared.operations import OperationRequest
            from klepaas_shared.store import get_store

            settings.deploy_settings.cache_clear()
            kube.seed_app(NS, APP, "r/bench:1", replicas=1)
            principal = Principal(sub="bench", scopes=frozenset({"read", "deploy:execute"}))
            store, conf = get_store(), settings.deploy_settings()
            watch = finishing._watch
            finishing._watch = lambda ctx, outcome: None  # type: ignore[assignment]
            try:

                def ours_scale(i: int) -> None:
                    engine.run(
                        store,
                        conf,
                        OperationRequest(
                            type="scale",
                            operation_id=None,
                            args={"app_name": APP, "namespace": NS, "replicas": 1 + i % 3},
                        ),
                        principal,
                    )

                def ours_status(i: int) -> None:
                    engine.run(
                        store,
                        conf,
                        OperationRequest(
                            type="status",
                            operation_id=None,
                            args={"resource_type": "deployment", "deployment_name": APP, "namespace": NS},
                        ),
                        principal,
                    )

                with kube.api_client() as api:
                    apps, core = k8s.AppsV1Api(api), k8s.CoreV1Api(api)

                    def direct_scale(i: int) -> None:
                        apps.read_namespaced_deployment_scale(APP, NS)
                        apps.patch_namespaced_deployment_scale(APP, NS, {"spec": {"replicas": 1 + i % 3}})

                    def direct_status(i: int) -> None:
                        dep = apps.read_namespaced_deployment(APP, NS)
                        core.list_namespaced_pod(NS, label_selector=f"app={dep.metadata.name}")

                    results = _figures("scale", _timed(ours_scale, N), _timed(direct_scale, N))
                    results += _figures("status", _timed(ours_status, N), _timed(direct_status, N))
            finally:
                finishing._watch = watch  # type: ignore[assignment]
        os.environ.pop("KLEPAAS_NKS_KUBECONFIG", None)
        return results


if __name__ == "__main__":
    for figure in run():
        print(figure)
