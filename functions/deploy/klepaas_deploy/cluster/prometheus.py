"""Cluster metrics for the console (M1–M5) through the Prometheus HTTP API."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import BadRequest
from klepaas_shared.prometheus import PER_NODE, THRESHOLDS, PrometheusClient, node_details
from klepaas_shared.promql import check

from ..settings import DeploySettings

__all__ = ["CPU", "DISK", "MEMORY", "NET_IN", "NET_OUT", "PER_NODE", "THRESHOLDS", "Prometheus", "node_details"]

CPU = '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5m])))'
MEMORY = "100 * (1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes))"
DISK = '100 * (1 - sum(node_filesystem_avail_bytes{mountpoint="/"}) / sum(node_filesystem_size_bytes{mountpoint="/"}))'
# Megabytes a second: the console prints inbound_mbps and outbound_mbps as "MB/s", whatever the
# field's name suggests (it printed megabits under that label).
NET_IN = 'sum(rate(node_network_receive_bytes_total{device!~"lo|veth.*"}[5m])) / 1e6'
NET_OUT = 'sum(rate(node_network_transmit_bytes_total{device!~"lo|veth.*"}[5m])) / 1e6'


class Prometheus(PrometheusClient):
    """The Prometheus deploy's settings name (``KLEPAAS_PROMETHEUS_URL``)."""

    def __init__(self, settings: DeploySettings) -> None:
        super().__init__(settings.prometheus_url, settings.prometheus_timeout_s)


def query(settings: DeploySettings, args: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The ``query_metrics`` read: a guarded PromQL instant query, answered as Prometheus's ``data``."""
    text = args.get("query")
    if not isinstance(text, str):
        raise BadRequest("query_metrics needs 'query': a PromQL expression")
    promql = check(text)
    data = Prometheus(settings).data(promql)
    count = len(data.get("result") or [])
    return {"query": promql, **data}, f"{count} series for {promql[:80]}"
