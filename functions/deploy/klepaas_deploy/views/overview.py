"""The cluster overview (report sections) and the monthly cost estimate in KRW."""

from __future__ import annotations

from typing import Any

from ..cluster.kube import Kube
from ..cluster.workloads import pod_summary
from ..settings import DeploySettings

_UNITS = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "K": 10**3, "M": 10**6, "G": 10**9}


def cpu_cores(text: str | None) -> float:
    if not text:
        return 0.0
    return float(text[:-1]) / 1000 if text.endswith("m") else float(text)


def memory_gib(text: str | None) -> float:
    if not text:
        return 0.0
    for suffix, size in _UNITS.items():
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * size / 2**30
    return float(text) / 2**30


def overview(kube: Kube, args: dict[str, Any], settings: DeploySettings) -> dict[str, Any]:
    nodes = kube.read(kube.core.list_node, "list nodes")["items"]
    scope = args.get("namespace")
    if scope:
        deps = kube.read(kube.apps.list_namespaced_deployment, "list deployments", scope)["items"]
        pods = kube.read(kube.core.list_namespaced_pod, "list pods", scope)["items"]
        svcs = kube.read(kube.core.list_namespaced_service, "list services", scope)["items"]
    else:
        deps = kube.read(kube.apps.list_deployment_for_all_namespaces, "list deployments")["items"]
        pods = kube.read(kube.core.list_pod_for_all_namespaces, "list pods")["items"]
        svcs = kube.read(kube.core.list_service_for_all_namespaces, "list services")["items"]

    def ready(node: dict[str, Any]) -> str:
        cond: dict[str, Any] = next(
            (c for c in node.get("status", {}).get("conditions") or [] if c.get("type") == "Ready"), {}
        )
        return "Ready" if cond.get("status") == "True" else "NotReady"

    critical: list[dict[str, Any]] = []
    for d in deps:
        want, have = int(d["spec"].get("replicas", 0)), int(d.get("status", {}).get("readyReplicas", 0))
        if have < want:
            critical.append(
                {
                    "type": "deployment_warning",
                    "namespace": d["metadata"]["namespace"],
                    "name": d["metadata"]["name"],
                    "ready": f"{have}/{want}",
                }
            )
    summaries = [pod_summary(p) for p in pods]
    for p in summaries:
        if p["phase"] == "Pending":
            critical.append({"type": "pending_pod", "namespace": p["namespace"], "name": p["name"]})
        elif p["phase"] == "Failed" or p["problem_reason"]:
            critical.append(
                {"type": "failed_pod", "namespace": p["namespace"], "name": p["name"], "status": p["status"]}
            )
    warning = [
        {"namespace": p["namespace"], "name": p["name"], "restarts": p["restarts"]}
        for p in summaries
        if p["restarts"] > 0
    ]
    spaces = sorted({d["metadata"]["namespace"] for d in deps} | {p["namespace"] for p in summaries})
    workloads = [
        {
            "namespace": ns,
            "deployments": sum(1 for d in deps if d["metadata"]["namespace"] == ns),
            "pods": sum(1 for p in summaries if p["namespace"] == ns),
        }
        for ns in spaces
    ]
    external = {
        "load_balancer": [
            {"namespace": s["metadata"]["namespace"], "name": s["metadata"]["name"]}
            for s in svcs
            if s.get("spec", {}).get("type") == "LoadBalancer"
        ],
        "node_port": [
            {"namespace": s["metadata"]["namespace"], "name": s["metadata"]["name"]}
            for s in svcs
            if s.get("spec", {}).get("type") == "NodePort"
        ],
    }
    return {
        "report_sections": [
            {
                "title": "클러스터 정보",
                "type": "cluster_info",
                "data": {
                    "cluster_name": settings.cluster_name,
                    "total_nodes": len(nodes),
                    "nodes": [{"name": n["metadata"]["name"], "status": ready(n)} for n in nodes],
                },
            },
            {"title": "긴급 조치 필요", "type": "critical", "items": critical},
            {"title": "주의 필요", "type": "warning", "items": warning},
            {"title": "워크로드", "type": "workloads", "data": workloads},
            {"title": "외부 서비스", "type": "external_services", "data": external},
        ]
    }


def cost(kube: Kube, args: dict[str, Any], settings: DeploySettings) -> dict[str, Any]:
    """Requested CPU and memory of running pods (and load balancers) priced per month in KRW."""
    namespace = args.get("namespace")
    pods = (
        kube.read(kube.core.list_namespaced_pod, "list pods", namespace)
        if namespace
        else kube.read(kube.core.list_pod_for_all_namespaces, "list pods")
    )["items"]
    cpu = mem = 0.0
    unrequested: list[str] = []
    for p in pods:
        if p.get("status", {}).get("phase") not in ("Running", "Pending"):
            continue
        for c in p.get("spec", {}).get("containers") or []:
            requests = (c.get("resources") or {}).get("requests") or {}
            if not requests:
                unrequested.append(p["metadata"]["name"])
            cpu += cpu_cores(requests.get("cpu") or "100m")
            mem += memory_gib(requests.get("memory") or "128Mi")
    svcs = (
        kube.read(kube.core.list_namespaced_service, "list services", namespace)
        if namespace
        else kube.read(kube.core.list_service_for_all_namespaces, "list services")
    )["items"]
    lbs = sum(1 for s in svcs if s.get("spec", {}).get("type") == "LoadBalancer")
    breakdown = {
        "cpu": round(cpu * settings.price_cpu_core_month_krw),
        "memory": round(mem * settings.price_memory_gib_month_krw),
        "load_balancers": round(lbs * settings.price_load_balancer_month_krw),
    }
    optimizations = [
        {
            "type": "set_requests",
            "target": name,
            "description": f"{name} has no resource requests; its cost is estimated from defaults",
        }
        for name in sorted(set(unrequested))[:20]
    ]
    return {
        "current_cost": sum(breakdown.values()),
        "currency": "KRW",
        "period": "month",
        "breakdown": breakdown,
        "cpu_cores": round(cpu, 3),
        "memory_gib": round(mem, 3),
        "load_balancers": lbs,
        "analysis_type": args.get("analysis_type") or "usage",
        "namespace": namespace or "all",
        "optimizations": optimizations,
    }
