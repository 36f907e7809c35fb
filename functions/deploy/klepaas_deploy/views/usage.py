"""D2's ``cluster``: each app's replicas (desired and ready) as the cluster has them, and its CPU and
memory in percent of what its Deployment allows.

The Deployments are listed once per cluster and namespace and kept for a few seconds
(``SPEC_TTL_S``): every open console polls D2 and D3. With Prometheus, the use (cAdvisor's CPU
rate and working set per pod) over the pods' limits (or requests); without it, the share of the
limits that the requests reserve. An unreachable or slow cluster or Prometheus leaves the
recorded replicas and zeros.
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import Any

from klepaas_shared.errors import BadRequest, KlepaasError
from klepaas_shared.logs import get_logger, log_fields

from ..cluster.kube import Kube, glance_of
from ..cluster.prometheus import Prometheus
from ..cluster.targets import kind_for
from ..pipeline.refs import AppRef, resolve
from ..settings import DeploySettings, TargetKind
from .overview import cpu_cores, memory_gib

CPU_BY_POD = 'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="",container!="POD"}[5m]))'
MEMORY_BY_POD = 'sum by (namespace, pod) (container_memory_working_set_bytes{container!="",container!="POD"})'
log = get_logger("deploy.usage")
SPEC_TTL_S = 3.0
# per cluster (its glance client: forgotten with its target), per namespace: (kept until, Deployments)
_listed: weakref.WeakKeyDictionary[Kube, dict[str, tuple[float, list[dict[str, Any]]]]] = weakref.WeakKeyDictionary()
_listed_lock = threading.Lock()


def per_pod(deployment: dict[str, Any], key: str, amount: Any) -> tuple[float, float]:
    """(requests, limits) of one pod for ``key`` (cpu or memory), summed over its containers."""
    containers = deployment.get("spec", {}).get("template", {}).get("spec", {}).get("containers") or []
    requests = sum(amount((c.get("resources") or {}).get("requests", {}).get(key)) for c in containers)
    limits = sum(amount((c.get("resources") or {}).get("limits", {}).get(key)) for c in containers)
    return requests, limits


def _pct(part: float, whole: float) -> float:
    return round(100 * part / whole, 1) if whole > 0 else 0.0


def _specs(settings: DeploySettings, refs: list[AppRef]) -> dict[tuple[str, str], dict[str, Any]]:
    """The Deployment of each ``(namespace, app)``: one list per cluster and namespace."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for kind, namespace in {(kind_for(settings, r.app, r.environment), r.namespace) for r in refs}:
        if kind == "dry-run":
            continue
        for item in _deployments(kind, namespace):
            found[(namespace, item.get("metadata", {}).get("name", ""))] = item
    return found


def _deployments(kind: TargetKind, namespace: str) -> list[dict[str, Any]]:
    """The Deployments of ``namespace`` on cluster ``kind``, listed at most every ``SPEC_TTL_S``."""
    kube = glance_of(kind)  # the console polls: no retries, a short timeout
    with _listed_lock:
        kept = _listed.get(kube, {}).get(namespace)
    if kept is not None and kept[0] > time.monotonic():
        return kept[1]
    try:
        listed = kube.read(kube.apps.list_namespaced_deployment, f"list deployments in {namespace}", namespace)
    except KlepaasError as exc:
        log.warning("no cluster state for the dashboard", extra=log_fields(namespace=namespace, error=exc.code))
        return []
    items: list[dict[str, Any]] = listed.get("items", [])
    with _listed_lock:
        _listed.setdefault(kube, {})[namespace] = (time.monotonic() + SPEC_TTL_S, items)
    return items


def forget(settings: DeploySettings, ref: AppRef) -> None:
    """Drop what is kept of ``ref``'s namespace: after a change of ours the next poll shows it."""
    kind = kind_for(settings, ref.app, ref.environment)
    if kind == "dry-run":
        return
    with _listed_lock:
        _listed.get(glance_of(kind), {}).pop(ref.namespace, None)


def live_replicas(settings: DeploySettings, ref: AppRef) -> dict[str, int] | None:
    """``{desired, ready}`` of ``ref`` as its cluster has them now (kept briefly); None when unknown."""
    kind = kind_for(settings, ref.app, ref.environment)
    if kind == "dry-run":
        return None
    found = next((d for d in _deployments(kind, ref.namespace) if d.get("metadata", {}).get("name") == ref.app), None)
    return None if found is None else _replicas(found)


def _replicas(deployment: dict[str, Any]) -> dict[str, int]:
    spec, status = deployment.get("spec", {}), deployment.get("status", {})
    return {"desired": int(spec.get("replicas") or 0), "ready": int(status.get("readyReplicas") or 0)}


def _used(settings: DeploySettings) -> dict[str, dict[tuple[str, str], float]]:
    """Use per ``(namespace, pod)``: CPU in cores, memory in GiB (empty without Prometheus)."""
    if not settings.prometheus_url:
        return {}
    try:
        prom = Prometheus(settings)
        cpu, memory = prom.vector(CPU_BY_POD), prom.vector(MEMORY_BY_POD)
    except KlepaasError as exc:
        log.warning("no usage for the dashboard", extra=log_fields(error=exc.code))
        return {"cpu": {}, "memory": {}}
    return {
        "cpu": {(m.get("namespace", ""), m.get("pod", "")): v for m, v in cpu},
        "memory": {(m.get("namespace", ""), m.get("pod", "")): v / 2**30 for m, v in memory},
    }


def _percent(
    deployment: dict[str, Any], used: dict[str, dict[tuple[str, str], float]], ref: AppRef
) -> dict[str, float]:
    shares = {}
    for key, amount in (("cpu", cpu_cores), ("memory", memory_gib)):
        requests, limits = per_pod(deployment, key, amount)
        if key not in used:
            shares[key] = _pct(requests, limits)
            continue
        pods = [v for (ns, pod), v in used[key].items() if ns == ref.namespace and pod.startswith(f"{ref.app}-")]
        shares[key] = _pct(sum(pods), (limits or requests) * len(pods))
    return shares


def fill(settings: DeploySettings, repositories: list[dict[str, Any]]) -> None:
    """Set ``latest_deployment.cluster.replicas`` and ``.resources`` of each D2 item in place, from its cluster."""
    targets: list[tuple[AppRef, dict[str, Any]]] = []
    for item in repositories:
        latest = item.get("latest_deployment")
        if not latest:
            continue
        cluster = latest["cluster"]
        args = {"github_owner": item["owner"], "github_repo": item["repo"], "namespace": cluster["namespace"]}
        try:
            ref = resolve({**args, "environment": latest.get("environment") or "staging"}, settings)
        except BadRequest:
            continue
        targets.append((ref, cluster))
    if not targets:
        return
    specs = _specs(settings, [ref for ref, _ in targets])
    used = _used(settings) if specs else {}
    for ref, cluster in targets:
        deployment = specs.get((ref.namespace, ref.app))
        if deployment is not None:
            cluster["replicas"] = _replicas(deployment)
            cluster["resources"] = _percent(deployment, used, ref)
