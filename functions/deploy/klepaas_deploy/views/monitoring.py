"""M1–M5: cluster CPU, memory, disk, network and per-node details from Prometheus."""

from __future__ import annotations

from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.http import Req

from ..cluster.prometheus import CPU, DISK, MEMORY, NET_IN, NET_OUT, THRESHOLDS, Prometheus, node_details
from ..settings import deploy_settings


def _prom() -> Prometheus:
    return Prometheus(deploy_settings())


def _gauge(query: str, metric: str) -> dict[str, Any]:
    return {
        "status": "success",
        "metric": metric,
        "value": _prom().scalar(query),
        "unit": "%",
        "cluster": deploy_settings().cluster_name,
        "timestamp": now_iso(),
    }


def cpu(req: Req) -> dict[str, Any]:
    return _gauge(CPU, "cpu_usage")


def memory(req: Req) -> dict[str, Any]:
    return _gauge(MEMORY, "memory_usage")


def disk(req: Req) -> dict[str, Any]:
    return _gauge(DISK, "disk_usage")


def network(req: Req) -> dict[str, Any]:
    prom = _prom()
    return {
        "status": "success",
        "inbound_mbps": prom.scalar(NET_IN),
        "outbound_mbps": prom.scalar(NET_OUT),
        "unit": "MB/s",  # megabytes a second, as the console labels the figures (the names say mbps)
        "cluster": deploy_settings().cluster_name,
        "timestamp": now_iso(),
    }


def details(req: Req) -> dict[str, Any]:
    return {
        "status": "success",
        "cluster": deploy_settings().cluster_name,
        "nodes": node_details(_prom()),
        "thresholds": THRESHOLDS,
        "generated_at": now_iso(),
    }
