"""Status of pods, a service or a deployment (with problem reasons), pod logs, and an app's endpoint."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import BadRequest, NotFound

from ..cluster.kube import Kube
from ..cluster.workloads import pod_summary, pods_of, replicas_of, selector_of
from ..pipeline.refs import dns_name
from .listing import ingress_row, service_row

MAX_LOG_LINES = 1000


def _name(args: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        if args.get(key):
            return dns_name(str(args[key]).lower(), key)
    return None


def pod_status(kube: Kube, namespace: str, name: str) -> dict[str, Any]:
    """The pod of exactly that name, else the pods of the app (label app=<name>), with their problems.

    Never by prefix: web-1 is not web-10."""
    found = pods_of(kube, namespace, None)
    items = [p for p in found if p["metadata"]["name"] == name]
    selector = f"metadata.name={name}"
    if not items:
        selector = f"app={name}"
        items = [p for p in found if (p["metadata"].get("labels") or {}).get("app") == name]
    if not items:
        raise NotFound(
            f"no pod {name} (nor pods of app {name}) in namespace {namespace}\ncheck the name with 'list pods'"
        )
    pods = [pod_summary(p) for p in items]
    problems = [p for p in pods if p["problem_reason"]]
    counts = {k: sum(1 for p in pods if p["phase"].lower() == k) for k in ("running", "pending", "failed")}
    return {
        "resource_type": "pod",
        "namespace": namespace,
        "label_selector": selector,
        "total_pods": len(pods),
        **counts,
        "pods": pods,
        "problem_pods": problems,
        "is_healthy": not problems and all(p["is_ready"] for p in pods),
    }


def service_status(kube: Kube, namespace: str, name: str) -> dict[str, Any]:
    svc = kube.read(kube.core.read_namespaced_service, f"read service {name}", name, namespace)
    ep = kube.read(kube.core.read_namespaced_endpoints, f"read endpoints of {name}", name, namespace)
    ready = sum(len(s.get("addresses") or []) for s in ep.get("subsets") or [])
    return {"resource_type": "service", **service_row(svc), "ready_endpoints": ready, "is_healthy": ready > 0}


def deployment_status(kube: Kube, namespace: str, name: str) -> dict[str, Any]:
    dep = kube.read(kube.apps.read_namespaced_deployment, f"read deployment {name}", name, namespace)
    replicas = replicas_of(dep)
    pods = [pod_summary(p) for p in pods_of(kube, namespace, selector_of(dep))]
    conditions = [
        {
            "type": c.get("type"),
            "status": c.get("status"),
            "reason": c.get("reason", ""),
            "message": c.get("message", ""),
        }
        for c in dep.get("status", {}).get("conditions") or []
    ]
    return {
        "resource_type": "deployment",
        "name": name,
        "namespace": namespace,
        "replicas": replicas,
        "conditions": conditions,
        "pods": pods,
        "problem_pods": [p for p in pods if p["problem_reason"]],
        "ready": replicas["ready"],
        "desired": replicas["desired"],
        "is_healthy": replicas["ready"] >= replicas["desired"] and not any(p["problem_reason"] for p in pods),
    }


def status(kube: Kube, args: dict[str, Any], default_name: str | None) -> dict[str, Any]:
    kind = args.get("resource_type") or "pod"
    namespace = str(args.get("namespace") or "default")
    if kind == "service":
        name = _name(args, "service_name") or (f"{default_name}-svc" if default_name else None)
        if name:
            return service_status(kube, namespace, name)
    elif kind == "deployment":
        name = _name(args, "deployment_name") or default_name
        if name:
            return deployment_status(kube, namespace, name)
    elif kind == "pod":
        name = _name(args, "pod_name") or default_name
        if name:
            return pod_status(kube, namespace, name)
    else:
        raise BadRequest("resource_type must be pod, service or deployment")
    raise BadRequest(f"name the {kind}: {kind}_name, or a target")


def _has_ended_before(pod: dict[str, Any], container: str | None) -> bool:
    """Whether the container the logs are read from (the one named, else the one Kubernetes picks: the
    pod's default-container annotation, else its first) has a terminated run before the current one."""
    annotations = (pod.get("metadata") or {}).get("annotations") or {}
    containers = (pod.get("spec") or {}).get("containers") or [{}]
    read = container or annotations.get("kubectl.kubernetes.io/default-container") or containers[0].get("name")
    statuses = (pod.get("status") or {}).get("containerStatuses") or []
    return any(
        ((status.get("lastState") or {}).get("terminated") is not None or int(status.get("restartCount") or 0) > 0)
        and status.get("name") == read
        for status in statuses
    )


def logs(
    kube: Kube,
    namespace: str,
    pod: str,
    lines: int,
    previous: bool,
    container: str | None = None,
    since_seconds: int | None = None,
) -> dict[str, Any]:
    """The last ``lines`` of the pod named exactly ``pod``, else of the app's first pod (never by prefix)."""
    if not 1 <= lines <= MAX_LOG_LINES:
        raise BadRequest(f"lines must be from 1 to {MAX_LOG_LINES}")
    found = kube.read(kube.core.list_namespaced_pod, f"list pods in {namespace}", namespace)["items"]
    names = [p["metadata"]["name"] for p in found]
    chosen = next((p for p in found if p["metadata"]["name"] == pod), None) or next(
        (p for p in found if (p["metadata"].get("labels") or {}).get("app") == pod),
        None,
    )
    if chosen is None:
        raise NotFound(f"no pod {pod} in namespace {namespace} (pods: {', '.join(names[:10]) or 'none'})")
    name = chosen["metadata"]["name"]
    summary = pod_summary(chosen)
    warning = f"the pod is in {summary['problem_reason']}" if summary["problem_reason"] else None
    if previous and not _has_ended_before(chosen, container):
        # Kubernetes answers 400 for the logs of a container that never ended: the person asked a
        # fair question whose answer is "there are none yet", not an error.
        log_lines: list[str] = []
        warning = (
            "이전 로그가 없습니다: 파드가 시작된 뒤 컨테이너가 재시작된 적이 없습니다"
            " (no previous logs: the container has not restarted since the pod started)"
        )
    else:
        kwargs: dict[str, Any] = {"tail_lines": lines, "previous": previous}
        if container:
            kwargs["container"] = container
        if since_seconds:
            kwargs["since_seconds"] = since_seconds
        text = kube.text(kube.core.read_namespaced_pod_log, f"read the logs of pod {name}", name, namespace, **kwargs)
        log_lines = text.splitlines()[-lines:]
    return {
        "pod_name": name,
        "namespace": namespace,
        "lines": lines,
        "previous": previous,
        "container": container,
        "log_lines": log_lines,
        "logs": "\n".join(log_lines),
        "total_lines": len(log_lines),
        "pod_status": summary["status"],
        "warning": warning,
    }


def endpoint(kube: Kube, args: dict[str, Any], default_name: str | None) -> dict[str, Any]:
    namespace = str(args.get("namespace") or "default")
    name = _name(args, "service_name") or (f"{default_name}-svc" if default_name else None)
    if not name:
        raise BadRequest("name the service: service_name, or a target")
    row = service_row(kube.read(kube.core.read_namespaced_service, f"read service {name}", name, namespace))
    ings = [
        ingress_row(i) for i in kube.read(kube.networking.list_namespaced_ingress, "list ingresses", namespace)["items"]
    ]
    ing = next((i for i in ings if i["service_name"] == name and i["hosts"]), None)
    ports = ", ".join(f"{p['port']}/{p['protocol']}" for p in row["ports"])
    return {
        "status": "success",
        "service_name": name,
        "namespace": namespace,
        "ports": ports,
        "service_endpoint": f"{name}.{namespace}.svc.cluster.local",
        "ingress_domain": ing["hosts"][0] if ing else None,
        "ingress_has_tls": bool(ing and ing["has_tls"]),
        "ingress_port": ing["port"] if ing else None,
        "ingress_path": ing["path"] if ing else None,
        "accessible_url": ing["urls"][0] if ing else (f"http://{row['external_ip']}" if row["external_ip"] else None),
    }
