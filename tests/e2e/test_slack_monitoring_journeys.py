"""Journeys 19 and 20 (FRONTEND_API §5): Slack connect; monitoring, alerts, snapshot and resolve."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import httpx

from .conftest import Console
from .server import DevServer
from .standins import ALERTMANAGER_TOKEN, CLUSTER_FIGURES, CONSOLE, NODE, StandIns

ALERTMANAGER_PAYLOAD = Path(__file__).resolve().parents[1] / "functions/notify/fixtures/alertmanager_v4.json"


def test_journey_19_slack_connect_redirects_to_the_console_and_status_turns_connected(
    developer: Console, standins: StandIns, dev: DevServer
) -> None:
    assert developer.ok(developer.get("/api/v1/slack/status"))["connected"] is False
    found = developer.ok(developer.get("/api/v1/slack/auth/url"))
    auth_url = found.get("auth_url") or found.get("url") or found.get("authUrl")
    sent = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(auth_url).query))
    state = sent["state"]
    standins.slack.state.oauth_codes["e2e-slack-code"] = {
        "access_token": "xoxb-e2e-installed",
        "team": {"id": "T000", "name": "K-Le-PaaS"},
        "authed_user": {"id": "U42"},
        "bot_user_id": "UBOT",
        "redirect_uri": sent["redirect_uri"],  # Slack checks the exchange names the same one
    }
    callback = httpx.get(  # Slack sends the browser back: no Authorization header
        f"{dev.base_url}/api/v1/slack/auth/callback",
        params={"code": "e2e-slack-code", "state": state},
        follow_redirects=False,
    )
    assert callback.status_code == 302, callback.text
    assert callback.headers["Location"] == f"{CONSOLE}/console?slack=connected"
    assert developer.ok(developer.get("/api/v1/slack/status"))["connected"] is True


def _alert(admin: Console, dev: DevServer) -> dict[str, Any]:
    payload = json.loads(ALERTMANAGER_PAYLOAD.read_text())
    received = httpx.post(
        f"{dev.base_url}/api/v1/alerts/alertmanager",
        json=payload,
        headers={"Authorization": f"Bearer {ALERTMANAGER_TOKEN}"},
    )
    assert 200 <= received.status_code < 300, received.text
    alerts = admin.ok(admin.get("/api/v1/monitoring/alerts", cluster="nks-cluster"))
    assert isinstance(alerts, list) and alerts
    for alert in alerts:
        assert {"id", "severity", "title", "description", "timestamp", "status", "source"} <= alert.keys()
        assert alert["severity"] in ("critical", "warning", "info", "error") and isinstance(alert["id"], str)
    found: dict[str, Any] = next(a for a in alerts if a["severity"] == "critical" and a["status"] != "resolved")
    return found


def test_journey_20_monitoring_figures_alerts_snapshot_and_resolve(admin: Console, dev: DevServer) -> None:
    for metric, figure in (("cpu-usage", "CPU"), ("memory-usage", "MEMORY"), ("disk-usage", "DISK")):
        body = admin.ok(admin.get(f"/api/v1/monitoring/nks/{metric}"))
        assert body["status"] == "success" and body["value"] == CLUSTER_FIGURES[figure]
    traffic = admin.ok(admin.get("/api/v1/monitoring/nks/network-traffic"))
    assert (traffic["inbound_mbps"], traffic["outbound_mbps"]) == (
        CLUSTER_FIGURES["NET_IN"],
        CLUSTER_FIGURES["NET_OUT"],
    )
    details = admin.ok(admin.get("/api/v1/monitoring/metrics/details"))
    assert details["cluster"] == "nks-cluster"
    node = next(n for n in details["nodes"] if n["instance"] == NODE["instance"])
    assert node["cpu"]["utilization_pct"] == 91.0 and {"load_avg_per_core", "iowait_pct"} <= node["cpu"].keys()
    assert {"usage_pct", "swap_used_bytes"} <= node["memory"].keys()
    assert {"root_usage_pct", "io_saturation", "readonly"} <= node["disk"].keys()
    assert {"rx_bps", "tx_bps", "rx_errs_ps", "rx_drops_ps"} <= node["network"].keys()

    alert = _alert(admin, dev)
    snapshot = admin.ok(admin.post(f"/api/v1/monitoring/alerts/{alert['id']}/snapshot", None, cluster="nks-cluster"))
    assert snapshot["status"] == "success"
    data = snapshot["data"]
    assert {"report_id", "created_at", "summary"} <= data.keys()
    assert data["snapshot"]["cluster"] == "nks-cluster" and data["snapshot"]["generated_at"]
    assert isinstance(data["snapshot"]["nodes"], list)
    assert {"cpu_pct", "mem_pct", "disk_root_pct", "iowait_pct", "io_sat"} <= data["snapshot"]["thresholds"].keys()

    admin.ok(admin.post(f"/api/v1/monitoring/alerts/{alert['id']}/resolve", {}))
    after = admin.ok(admin.get("/api/v1/monitoring/alerts", cluster="nks-cluster"))
    assert next(a for a in after if a["id"] == alert["id"])["status"] == "resolved"
