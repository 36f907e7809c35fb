"""M7: an alert's snapshot carries the nodes as Prometheus sees them, in exactly M5's node shape."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import flask.testing
import pytest

from klepaas_fakes.prometheus import PrometheusStandIn
from klepaas_shared.store import get_store

Client = flask.testing.FlaskClient
AM = {"Authorization": "Bearer alertmanager-shared-secret"}
ALERT = "9a8b7c6d5e4f3a2b"
NODE_SHAPE = {
    "instance": None,
    "cpu": {"utilization_pct", "load_avg_per_core", "iowait_pct"},
    "memory": {"usage_pct", "swap_used_bytes"},
    "disk": {"root_usage_pct", "io_saturation", "readonly"},
    "network": {"rx_bps", "tx_bps", "rx_errs_ps", "rx_drops_ps"},
}
THRESHOLD_KEYS = {"cpu_pct", "mem_pct", "disk_root_pct", "iowait_pct", "io_sat"}


@pytest.fixture
def prometheus(set_env: Callable[..., None]) -> Iterator[PrometheusStandIn]:
    with PrometheusStandIn() as prom:
        set_env(prometheus_url=prom.url)
        yield prom


def _snapshot(client: Client, fixture_json: Callable[[str], Any], headers: dict[str, str]) -> Any:
    client.post("/api/v1/alerts/alertmanager", json=fixture_json("alertmanager_v4.json"), headers=AM)
    reply = client.post(f"/api/v1/monitoring/alerts/{ALERT}/snapshot?cluster=nks-cluster", headers=headers)
    assert reply.status_code == 200
    return reply.get_json()


def test_nodes_come_from_prometheus_in_the_console_shape(
    client: Client, prometheus: PrometheusStandIn, fixture_json: Callable[[str], Any], auth_headers: dict[str, str]
) -> None:
    prometheus.node("10.0.1.12:9100", cpu=93.5, load=1.7, iowait=2.0, mem=41.0, swap=0, root=55.0, rx=8e6, tx=2e6)
    prometheus.node("10.0.1.13:9100", cpu=12.0, mem=95.0, root=91.0, readonly=1, rx_errs=0.5, rx_drops=1.25)
    body = _snapshot(client, fixture_json, auth_headers)
    assert body["status"] == "success"
    data = body["data"]
    assert {"report_id", "created_at", "summary", "snapshot", "notification_id"} <= set(data)
    snap = data["snapshot"]
    assert set(snap) >= {"cluster", "generated_at", "nodes", "thresholds", "alert"}
    assert set(snap["thresholds"]) == THRESHOLD_KEYS and snap["node_metrics"] == {
        "available": True,
        "reason": "",
        "reason_ko": "",
    }
    first, second = snap["nodes"]
    for node in (first, second):
        assert set(node) - {"alerts"} == set(NODE_SHAPE)
        for group, keys in NODE_SHAPE.items():
            if keys is not None:
                assert set(node[group]) == keys, group
    assert first["instance"] == "10.0.1.12:9100"
    assert first["cpu"] == {"utilization_pct": 93.5, "load_avg_per_core": 1.7, "iowait_pct": 2.0}
    assert first["network"]["rx_bps"] == 8e6 and first["disk"]["readonly"] is False
    assert first["alerts"] == {"severity": "warning", "reasons": ["CPU % 93.5 ≥ 85"]}
    assert second["disk"] == {"root_usage_pct": 91.0, "io_saturation": 0.0, "readonly": True}
    assert second["network"]["rx_drops_ps"] == 1.25
    assert second["alerts"]["severity"] == "critical" and len(second["alerts"]["reasons"]) == 3
    assert "노드 2개" in data["summary"] and "10.0.1.13:9100" in data["summary"]
    stored = get_store().get("alert_reports", data["report_id"])
    assert stored is not None and stored["snapshot"]["nodes"] == snap["nodes"]


def test_without_prometheus_the_report_says_why_nodes_are_missing(
    client: Client, fixture_json: Callable[[str], Any], auth_headers: dict[str, str]
) -> None:
    data = _snapshot(client, fixture_json, auth_headers)["data"]
    assert data["snapshot"]["nodes"] == []
    assert data["snapshot"]["node_metrics"]["available"] is False
    assert "KLEPAAS_PROMETHEUS_URL" in data["snapshot"]["node_metrics"]["reason"]
    assert "KLEPAAS_PROMETHEUS_URL" in data["summary"]
    # The summary is Korean, as the console around it: no English sentence in it (the walk read one).
    assert "Prometheus가 설정되지 않았습니다" in data["summary"] and "since" not in data["summary"]
    assert "configured" not in data["summary"] and "부터)" in data["summary"]


def test_a_failing_prometheus_still_gives_a_report_naming_the_failure(
    client: Client, prometheus: PrometheusStandIn, fixture_json: Callable[[str], Any], auth_headers: dict[str, str]
) -> None:
    prometheus.fail_status = 503
    data = _snapshot(client, fixture_json, auth_headers)["data"]
    assert data["snapshot"]["nodes"] == []
    assert data["snapshot"]["node_metrics"] == {
        "available": False,
        "reason": "upstream_error: Prometheus answered 503 to a metrics query",
        "reason_ko": "Prometheus에서 읽지 못했습니다 (upstream_error)",
    }
    assert data["summary"].endswith("노드 지표 없음: Prometheus에서 읽지 못했습니다 (upstream_error)")


def test_an_unknown_alert_has_no_snapshot(client: Client, auth_headers: dict[str, str]) -> None:
    reply = client.post("/api/v1/monitoring/alerts/nope/snapshot", headers=auth_headers)
    assert reply.status_code == 404 and reply.get_json()["error"]["code"] == "not_found"
