"""The Prometheus HTTP API as deploy (M1–M5, PromQL operations) and notify (alert snapshots) read it:
instant queries, per-node metrics in the console's shape, and a guard for caller-written PromQL."""

from __future__ import annotations

import math
from typing import Any

from .errors import BadRequest, Unavailable, UpstreamError
from .outbound import Outbound

PER_NODE = {
    "cpu": '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])))',
    "load": 'node_load1 / on(instance) count by (instance) (node_cpu_seconds_total{mode="idle"})',
    "iowait": '100 * avg by (instance) (rate(node_cpu_seconds_total{mode="iowait"}[5m]))',
    "mem": "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)",
    "swap": "node_memory_SwapTotal_bytes - node_memory_SwapFree_bytes",
    "root": '100 * (1 - node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"})',
    "io_sat": "max by (instance) (rate(node_disk_io_time_weighted_seconds_total[5m]))",
    "readonly": 'max by (instance) (node_filesystem_readonly{mountpoint="/"})',
    # Bytes a second: the console prints rx_bps and tx_bps as "B/s" (it printed bits under that label).
    "rx": 'sum by (instance) (rate(node_network_receive_bytes_total{device!~"lo|veth.*"}[5m]))',
    "tx": 'sum by (instance) (rate(node_network_transmit_bytes_total{device!~"lo|veth.*"}[5m]))',
    "rx_errs": 'sum by (instance) (rate(node_network_receive_errs_total{device!~"lo|veth.*"}[5m]))',
    "rx_drops": 'sum by (instance) (rate(node_network_receive_drop_total{device!~"lo|veth.*"}[5m]))',
}
THRESHOLDS = {"cpu_pct": 85.0, "mem_pct": 90.0, "disk_root_pct": 85.0, "iowait_pct": 20.0, "io_sat": 1.0}


class PrometheusClient:
    """Instant queries against one Prometheus (``/api/v1/query``), retried once when it fails."""

    def __init__(self, base_url: str, timeout_s: float) -> None:
        if not base_url:
            raise Unavailable("no Prometheus is configured (KLEPAAS_PROMETHEUS_URL)")
        self.base, self.timeout_s = base_url.rstrip("/"), timeout_s
        self._http = Outbound("Prometheus", self.base, timeout_s=timeout_s, attempts=2, backoff_s=0.1)

    def data(self, query: str) -> dict[str, Any]:
        """The answer's ``data`` (``resultType`` and ``result``) as Prometheus gives it."""
        answer = self._http.send("GET", "/api/v1/query", params={"query": query})
        if answer.status in (400, 422):  # bad_data / execution error: the query's fault, not Prometheus's
            refusal = answer.json()
            reason = (
                str(refusal.get("error", "") if isinstance(refusal, dict) else "")[:300] or f"status {answer.status}"
            )
            raise BadRequest(f"Prometheus refused the query: {reason}")
        if not answer.ok:
            raise UpstreamError(f"Prometheus answered {answer.status} to a metrics query")
        body = answer.json()
        if not isinstance(body, dict) or body.get("status") != "success":
            raise UpstreamError("Prometheus answered something that is not a query result")
        data = body.get("data")
        return data if isinstance(data, dict) else {}

    def vector(self, query: str) -> list[tuple[dict[str, str], float]]:
        """``(labels, value)`` per series (NaN and malformed values dropped); a scalar expression's
        answer (``resultType: scalar``, ``result: [time, "value"]``) as one series without labels."""
        data = self.data(query)
        items = data.get("result") or []
        if data.get("resultType") == "scalar":
            items = [{"metric": {}, "value": items}]
        found = []
        for item in items:
            try:
                value = float(item["value"][1])
            except (KeyError, IndexError, TypeError, ValueError):
                continue
            if not math.isnan(value):
                found.append((dict(item.get("metric") or {}), value))
        return found

    def scalar(self, query: str) -> float:
        values = self.vector(query)
        return round(values[0][1], 2) if values else 0.0


def node_details(prom: PrometheusClient) -> list[dict[str, Any]]:
    """The console's ``nodes[]`` (M5, M7), with ``alerts`` when a threshold is crossed."""
    values = {key: {labels.get("instance", ""): v for labels, v in prom.vector(q)} for key, q in PER_NODE.items()}
    instances = sorted({i for per in values.values() for i in per if i})
    return [_node(inst, values) for inst in instances]


def _node(inst: str, values: dict[str, dict[str, float]]) -> dict[str, Any]:
    def v(key: str) -> float:
        return round(values[key].get(inst, 0.0), 3)

    node: dict[str, Any] = {
        "instance": inst,
        "cpu": {"utilization_pct": v("cpu"), "load_avg_per_core": v("load"), "iowait_pct": v("iowait")},
        "memory": {"usage_pct": v("mem"), "swap_used_bytes": v("swap")},
        "disk": {"root_usage_pct": v("root"), "io_saturation": v("io_sat"), "readonly": v("readonly") >= 1},
        "network": {"rx_bps": v("rx"), "tx_bps": v("tx"), "rx_errs_ps": v("rx_errs"), "rx_drops_ps": v("rx_drops")},
    }
    reasons = [
        f"{label} {value:.1f} ≥ {limit:g}"
        for label, value, limit in (
            ("CPU %", v("cpu"), THRESHOLDS["cpu_pct"]),
            ("memory %", v("mem"), THRESHOLDS["mem_pct"]),
            ("root disk %", v("root"), THRESHOLDS["disk_root_pct"]),
            ("iowait %", v("iowait"), THRESHOLDS["iowait_pct"]),
            ("IO saturation", v("io_sat"), THRESHOLDS["io_sat"]),
        )
        if value >= limit
    ]
    if v("readonly") >= 1:
        reasons.append("root filesystem is read-only")
    if reasons:
        node["alerts"] = {"severity": "critical" if len(reasons) > 1 else "warning", "reasons": reasons}
    return node
