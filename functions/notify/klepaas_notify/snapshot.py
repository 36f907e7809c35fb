"""M7: a snapshot report for one alert, in the console's shape (never a missing key)."""

from __future__ import annotations

import uuid
from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.errors import NotFound
from klepaas_shared.store import Store

from .alerts import COLLECTION
from .settings import notify_settings

REPORTS = "alert_reports"
THRESHOLDS = {"cpu_pct": 85.0, "mem_pct": 90.0, "disk_root_pct": 85.0, "iowait_pct": 20.0, "io_sat": 0.8}


def snapshot(store: Store, alert_id: str, cluster: str | None) -> dict[str, Any]:
    """Store and return a report of the alert and the cluster as known now. Node metrics are
    not kept by notify, so ``nodes`` is an empty list (deploy's M5 serves live node metrics)."""
    alert = store.get(COLLECTION, alert_id)
    if alert is None:
        raise NotFound(f"no alert {alert_id}")
    created = now_iso()
    cluster_name = cluster or alert.get("cluster") or notify_settings().cluster_name
    state = "해결됨" if alert.get("status") == "resolved" else "발생 중"
    severity, title = alert.get("severity", "warning"), alert.get("title", "")
    summary = f"[{severity}] {title} — {state} (since {alert.get('timestamp')})"
    report: dict[str, Any] = {
        "report_id": uuid.uuid4().hex,
        "notification_id": alert_id,
        "created_at": created,
        "summary": summary,
        "snapshot": {
            "cluster": cluster_name,
            "generated_at": created,
            "nodes": [],
            "thresholds": dict(THRESHOLDS),
            "alert": {k: alert.get(k, "") for k in ("id", "title", "severity", "source", "description")},
        },
    }
    store.set(REPORTS, report["report_id"], {**report, "alert_id": alert_id})
    return {"status": "success", "data": report}
