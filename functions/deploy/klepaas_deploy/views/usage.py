"""D2's ``cluster.resources``: each app's CPU and memory in percent of what its Deployment allows.

With Prometheus, the use (cAdvisor's CPU rate and working set per pod) over the pods' limits (or
requests); without it, the share of the limits that the requests reserve. Both read the
Deployment's spec from the app's cluster, once with a short timeout; an unreachable or slow
cluster or Prometheus leaves zeros.
"""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import BadRequest, KlepaasError
from klepaas_shared.logs import get_logger, log_fields

from ..cluster.kube import glance_of
from ..cluster.prometheus import Prometheus
from ..cluster.targets import kind_for
from ..pipeline.refs import AppRef, resolve
from ..settings import DeploySettings
from .overview import cpu_cores, memory_gib

CPU_BY_POD = 'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="",container!="POD"}[5m]))'
MEMORY_BY_POD = 'sum by (namespace, pod) (container_memory_working_set_bytes{container!="",container!="POD"})'
log = get_logger("deploy.usage")


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
        kube = glance_of(kind)  # the console polls every 30 s: no retries, a short timeout
        try:
            listed = kube.read(kube.apps.list_namespaced_deployment, f"list deployments in {namespace}", namespace)
        except KlepaasError as exc:
            log.warning("no resources for the dashboard", extra=log_fields(namespace=namespace, error=exc.code))
            continue
        for item in listed.get("items", []):
            found[(namespace, item.get("metadata", {}).get("name", ""))] = item
    return found


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
    """Set ``latest_deployment.cluster.resources`` of each D2 item in place."""
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
            cluster["resources"] = _percent(deployment, used, ref)
