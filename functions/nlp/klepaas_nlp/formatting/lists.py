"""List renderers: every `formatted` is an array, every nested list an array."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Shaped = tuple[str, Any, dict[str, Any]]


def _items(data: dict[str, Any]) -> list[dict[str, Any]]:
    items = data.get("items")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _ns(data: dict[str, Any], args: dict[str, Any]) -> str:
    return str(data.get("namespace") or args.get("namespace") or "default")


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def pods(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    rows: list[dict[str, Any]] = [
        {
            "name": str(p.get("name", "")),
            "status": str(p.get("status") or p.get("phase") or "Unknown"),
            "ready": str(p.get("ready", "0/0")),
            "restarts": int(p.get("restarts", 0)),
            "age": str(p.get("age", "")),
            "node": str(p.get("node") or ""),
            "namespace": str(p.get("namespace") or _ns(data, args)),
        }
        for p in _items(data)
    ]
    counts = {k: sum(1 for r in rows if r["status"].lower() == k) for k in ("running", "pending", "failed")}
    return "list_pods", rows, {"namespace": _ns(data, args), "total": len(rows), **counts}


def _plain(kind: str, fields: dict[str, Callable[[Any], Any]]) -> Callable[[dict[str, Any], dict[str, Any]], Shaped]:
    def shape(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
        rows = [{key: cast(item.get(key)) for key, cast in fields.items()} for item in _items(data)]
        return kind, rows, {"namespace": _ns(data, args), "total": len(rows)}

    return shape


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _opt(value: Any) -> Any:
    return value


LISTS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Shaped]] = {
    "list_pods": pods,
    "list_deployments": _plain(
        "list_deployments",
        {
            "name": _str,
            "namespace": _str,
            "ready": lambda v: _str(v) or "0/0",
            "up_to_date": _int,
            "available": _int,
            "age": _str,
        },
    ),
    "list_services": _plain(
        "list_services",
        {
            "name": _str,
            "namespace": _str,
            "type": lambda v: _str(v) or "ClusterIP",
            "cluster_ip": _str,
            "external_ip": _str,
            "ports": _list,
        },
    ),
    "list_ingresses": _plain(
        "list_ingresses",
        {
            "name": _str,
            "namespace": _str,
            "service_name": _str,
            "has_tls": bool,
            "port": _opt,
            "path": lambda v: _str(v) or "/",
            "urls": _list,
            "hosts": _list,
            "class": _str,
            "address": _str,
        },
    ),
    "list_namespaces": _plain("list_namespaces", {"name": _str, "status": lambda v: _str(v) or "Active", "age": _str}),
    "list_endpoints": _plain(
        "list_endpoints",
        {
            "service_name": _str,
            "service_type": lambda v: _str(v) or "ClusterIP",
            "cluster_ip": _str,
            "ports": _list,
            "service_endpoint": _opt,
            "ingress_domains": _list,
            "external_access": _opt,
        },
    ),
}
