"""Prometheus for `make dev`: the node_exporter figures the console shows, derived from the stand-in
cluster's pods (every few seconds), so scaling an app up moves CPU, memory and traffic on the dashboard.

A pod is taken to use what its containers request (a quarter core and 256 MiB when they request
nothing); a node's figures are the sum over its running pods against its capacity, on top of a small
idle floor. The cluster-wide answers (M1–M4) are the same sums over every node.
"""

from __future__ import annotations

import threading
from typing import Any

from klepaas_shared.prometheus import PER_NODE

from ..kube import KubeStandIn
from ..prometheus import PrometheusStandIn

IDLE_CPU_PCT, IDLE_MEM_PCT, ROOT_PCT = 6.0, 18.0, 41.0
POD_CPU_CORES, POD_MEM_BYTES = 0.25, 256 * 2**20
POD_RX_BPS, POD_TX_BPS = 1.5e5, 0.6e5  # bytes a second a running pod receives and sends


def quantity(text: str) -> float:
    """A Kubernetes quantity ("250m", "4", "256Mi", "1G") as a number of cores or bytes."""
    suffixes = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 1e3, "M": 1e6, "G": 1e9}
    for suffix in sorted(suffixes, key=len, reverse=True):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * suffixes[suffix]
    return float(text)


def _requests(pod: dict[str, Any]) -> tuple[float, float]:
    cpu = mem = 0.0
    for container in pod.get("spec", {}).get("containers", []):
        asked = (container.get("resources") or {}).get("requests") or {}
        cpu += quantity(str(asked["cpu"])) if "cpu" in asked else POD_CPU_CORES
        mem += quantity(str(asked["memory"])) if "memory" in asked else POD_MEM_BYTES
    return cpu, mem


def node_figures(kube: KubeStandIn) -> dict[str, dict[str, float]]:
    """Per node (by name): cpu %, memory %, root %, rx and tx bits/s, and its capacity."""
    figures: dict[str, dict[str, float]] = {}
    for node in kube.objects("nodes"):
        capacity = node.get("status", {}).get("capacity", {})
        figures[node["metadata"]["name"]] = {
            "cores": quantity(str(capacity.get("cpu", "4"))),
            "bytes": quantity(str(capacity.get("memory", "16Gi"))),
            "cpu_used": 0.0,
            "mem_used": 0.0,
            "pods": 0.0,
        }
    for pod in kube.objects("pods"):
        node = figures.get(pod.get("spec", {}).get("nodeName", ""))
        if node is None or pod.get("status", {}).get("phase") != "Running":
            continue
        cpu, mem = _requests(pod)
        node["cpu_used"] += cpu
        node["mem_used"] += mem
        node["pods"] += 1
    for node in figures.values():
        node["cpu"] = min(99.0, IDLE_CPU_PCT + 100 * node["cpu_used"] / node["cores"])
        node["mem"] = min(99.0, IDLE_MEM_PCT + 100 * node["mem_used"] / node["bytes"])
        node["root"] = ROOT_PCT
        node["rx"], node["tx"] = node["pods"] * POD_RX_BPS, node["pods"] * POD_TX_BPS
    return figures


def publish(kube: KubeStandIn, prometheus: PrometheusStandIn) -> None:
    """Set every answer the console's metrics need from the cluster as it is now."""
    from klepaas_deploy.cluster.prometheus import CPU, DISK, MEMORY, NET_IN, NET_OUT  # the deploy function's own PromQL

    nodes = node_figures(kube)
    per_node = {
        "cpu": "cpu",
        "load": None,
        "iowait": None,
        "mem": "mem",
        "swap": None,
        "root": "root",
        "io_sat": None,
        "readonly": None,
        "rx": "rx",
        "tx": "tx",
        "rx_errs": None,
        "rx_drops": None,
    }
    for key, query in PER_NODE.items():
        field = per_node.get(key)
        series = []
        for name, node in nodes.items():
            value = node[field] if field else (node["cpu"] / 100 if key == "load" else 0.0)
            series.append(({"instance": f"{name}:9100"}, round(value, 2)))
        prometheus.set(query, *series)
    count = len(nodes) or 1
    prometheus.set(CPU, ({}, round(sum(n["cpu"] for n in nodes.values()) / count, 2)))
    used = sum(n["mem_used"] + n["bytes"] * IDLE_MEM_PCT / 100 for n in nodes.values())
    prometheus.set(MEMORY, ({}, round(100 * used / (sum(n["bytes"] for n in nodes.values()) or 1), 2)))
    prometheus.set(DISK, ({}, ROOT_PCT))
    prometheus.set(NET_IN, ({}, round(sum(n["rx"] for n in nodes.values()) / 1e6, 2)))
    prometheus.set(NET_OUT, ({}, round(sum(n["tx"] for n in nodes.values()) / 1e6, 2)))


class ClusterMetrics:
    """Keeps ``prometheus`` answering from ``kube``'s pods, refreshed every ``every_s`` until stopped."""

    def __init__(self, kube: KubeStandIn, prometheus: PrometheusStandIn, every_s: float = 2.0) -> None:
        self.kube, self.prometheus, self.every_s = kube, prometheus, every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="dev-metrics")

    def _run(self) -> None:
        while True:
            publish(self.kube, self.prometheus)
            if self._stop.wait(self.every_s):
                return

    def __enter__(self) -> ClusterMetrics:
        publish(self.kube, self.prometheus)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
