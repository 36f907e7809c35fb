"""Single-object renderers: status, logs, endpoint, overview, details, cost, rollback candidates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from klepaas_shared.clock import shown_in_korea

Shaped = tuple[str, Any, dict[str, Any]]
_STATUS_TYPES = {"pod": "pod_status", "service": "service_status", "deployment": "deployment_status"}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _ns(data: dict[str, Any], args: dict[str, Any]) -> str:
    return str(data.get("namespace") or args.get("namespace") or "default")


def status_type(args: dict[str, Any]) -> str:
    """`pod_status`, `service_status` or `deployment_status`, by the `resource_type` asked for."""
    return _STATUS_TYPES.get(str(args.get("resource_type") or "pod"), "pod_status")


def status(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    kind = status_type({"resource_type": data.get("resource_type") or args.get("resource_type")})
    formatted = dict(data)
    for key in ("pods", "problem_pods", "conditions", "ports"):
        if key in formatted or (key == "pods" and kind != "service_status"):
            formatted[key] = _list(formatted.get(key))
    healthy = bool(data.get("is_healthy", False))
    metadata: dict[str, Any] = {"is_healthy": healthy, "namespace": _ns(data, args)}
    replicas = data.get("replicas")
    if isinstance(replicas, dict):
        metadata |= {"ready": int(replicas.get("ready") or 0), "desired": int(replicas.get("desired") or 0)}
    return kind, formatted, metadata


def logs(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    lines = [str(line) for line in _list(data.get("log_lines"))]
    formatted = {
        "pod_name": str(data.get("pod_name") or args.get("pod_name") or ""),
        "namespace": _ns(data, args),
        "lines": int(data.get("lines") or args.get("lines") or len(lines)),
        "log_lines": lines,
        "total_lines": int(data.get("total_lines") or len(lines)),
    }
    return "logs", formatted, {"namespace": formatted["namespace"]}


def endpoint(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    formatted = dict(data)
    ports = formatted.get("ports")
    if isinstance(ports, list):
        formatted["ports"] = ", ".join(str(p.get("port", p)) if isinstance(p, dict) else str(p) for p in ports)
    return "endpoint", formatted, {"namespace": _ns(data, args)}


def overview(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    sections = [s for s in _list(data.get("report_sections")) if isinstance(s, dict)]
    return "overview", {**data, "report_sections": sections}, {"namespace": _ns(data, args)}


def cost(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    formatted = {
        **data,
        "current_cost": data.get("current_cost") or 0,
        "optimizations": _list(data.get("optimizations")),
    }
    return "cost_analysis", formatted, {"currency": "KRW"}


def rollback_list(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    current = data.get("current_state") or {}
    versions = [v for v in _list(data.get("available_versions")) if isinstance(v, dict)]
    formatted = {
        "current": {
            "commit": str(current.get("commit_sha_short") or ""),
            "date": shown_in_korea(current.get("deployed_at")),
            "is_rollback": bool(current.get("is_rollback", False)),
            "message": str(current.get("commit_message") or ""),
            "deployment_id": current.get("deployment_id"),
        },
        "versions": [
            {
                "steps_back": int(v.get("steps_back") or 0),
                "commit": str(v.get("commit_sha_short") or ""),
                "message": str(v.get("commit_message") or ""),
                "date": shown_in_korea(v.get("deployed_at")),
                "can_rollback": not v.get("is_current", False),
            }
            for v in versions
            if not v.get("is_current", False)
        ],
        "history": [
            {
                "commit": str(h.get("commit_sha_short") or ""),
                "message": str(h.get("commit_message") or ""),
                "date": shown_in_korea(h.get("rolled_back_at")),
            }
            for h in _list(data.get("rollback_history"))
            if isinstance(h, dict)
        ],
    }
    metadata = {
        "owner": data.get("owner") or args.get("github_owner"),
        "repo": data.get("repo") or args.get("github_repo"),
        "total_available": int(data.get("total_available") or 0),
        "total_rollbacks": int(data.get("total_rollbacks") or 0),
    }
    return "list_rollback", formatted, metadata


def _passthrough(kind: str) -> Callable[[dict[str, Any], dict[str, Any]], Shaped]:
    return lambda data, args: (kind, data, {"namespace": _ns(data, args)})


SINGLE: dict[str, Callable[[dict[str, Any], dict[str, Any]], Shaped]] = {
    "status": status,
    "logs": logs,
    "endpoint": endpoint,
    "overview": overview,
    "cost_analysis": cost,
    "list_rollback": rollback_list,
    "get_service": _passthrough("get_service"),
    "get_deployment": _passthrough("get_deployment"),
}
