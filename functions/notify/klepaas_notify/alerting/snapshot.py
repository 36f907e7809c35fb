"""M7: a snapshot report for one alert, in the console's shape (never a missing key): the alert and
the cluster's nodes as Prometheus sees them now (the same node shape as M5)."""

from __future__ import annotations

import uuid
from typing import Any

from klepaas_shared.clock import now_iso, shown_in_korea
from klepaas_shared.errors import KlepaasError, NotFound
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.prometheus import THRESHOLDS, PrometheusClient, node_details
from klepaas_shared.store import Store

from ..settings import notify_settings
from .alerts import COLLECTION

REPORTS = "alert_reports"
log = get_logger("notify.snapshot")


def nodes_now() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """``(nodes, node_metrics)``: the nodes, and whether they could be read (and why not). A report
    is still written without them: the alert itself is what the person asked about."""
    settings = notify_settings()
    if not settings.prometheus_url:
        reason = "no Prometheus is configured (KLEPAAS_PROMETHEUS_URL): node metrics are not included"
        reason_ko = "Prometheus가 설정되지 않았습니다 (KLEPAAS_PROMETHEUS_URL)"
        return [], {"available": False, "reason": reason, "reason_ko": reason_ko}
    try:
        nodes = node_details(PrometheusClient(settings.prometheus_url, settings.prometheus_timeout_s))
    except KlepaasError as exc:
        log.warning("node metrics not read", extra=log_fields(error=exc.code))
        reason_ko = f"Prometheus에서 읽지 못했습니다 ({exc.code})"
        return [], {"available": False, "reason": f"{exc.code}: {exc.message}", "reason_ko": reason_ko}
    return nodes, {"available": True, "reason": "", "reason_ko": ""}


def _summary(alert: dict[str, Any], nodes: list[dict[str, Any]], metrics: dict[str, Any]) -> str:
    """The report's one line, in Korean as the console around it is (the details keep English)."""
    state = "해결됨" if alert.get("status") == "resolved" else "발생 중"
    since = shown_in_korea(alert.get("timestamp"))
    head = f"[{alert.get('severity', 'warning')}] {alert.get('title', '')} — {state}"
    if since:
        head += f" ({since}부터)"
    if not metrics["available"]:
        return f"{head} · 노드 지표 없음: {metrics['reason_ko']}"
    hot = [n["instance"] for n in nodes if "alerts" in n]
    return f"{head} · 노드 {len(nodes)}개" + (f", 임계치 초과: {', '.join(hot)}" if hot else "")


def snapshot(store: Store, alert_id: str, cluster: str | None) -> dict[str, Any]:
    """Store and return a report of the alert and the cluster's nodes as known now."""
    alert = store.get(COLLECTION, alert_id)
    if alert is None:
        raise NotFound(f"no alert {alert_id}")
    nodes, metrics = nodes_now()
    created = now_iso()
    report: dict[str, Any] = {
        "report_id": uuid.uuid4().hex,
        "notification_id": alert_id,
        "created_at": created,
        "summary": _summary(alert, nodes, metrics),
        "snapshot": {
            "cluster": cluster or alert.get("cluster") or notify_settings().cluster_name,
            "generated_at": created,
            "nodes": nodes,
            "thresholds": dict(THRESHOLDS),
            "node_metrics": metrics,
            "alert": {k: alert.get(k, "") for k in ("id", "title", "severity", "source", "description")},
        },
    }
    store.set(REPORTS, report["report_id"], {**report, "alert_id": alert_id})
    return {"status": "success", "data": report}
