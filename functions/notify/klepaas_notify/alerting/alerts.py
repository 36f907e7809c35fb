"""Alert records: stored once per fingerprint, resolved by their source or by a person, listed
for the console (M6), and critical ones posted to Slack exactly once per firing and resolution."""

from __future__ import annotations

from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import Principal
from klepaas_shared.clock import now_iso
from klepaas_shared.contracts import Alert
from klepaas_shared.errors import KlepaasError, NotFound
from klepaas_shared.idempotency import run_once
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import Store, Transaction
from klepaas_shared.store.queries import declare_query

from ..messages.render import render
from ..messages.routing import alert_channel
from ..messages.texts import words
from ..settings import notify_settings
from ..slack.senders import get_sender

COLLECTION = "alerts"
CONSOLE_FIELDS = ("id", "severity", "title", "description", "timestamp", "status", "source")
declare_query(COLLECTION, order_by=[("timestamp", "desc")])
log = get_logger("notify.alerts")


def upsert(store: Store, alert: Alert) -> dict[str, Any]:
    """Store one alert by fingerprint. A repeat of a firing alert someone resolved by hand stays
    resolved unless it is a new occurrence (a different ``startsAt``)."""

    def write(txn: Transaction) -> dict[str, Any]:
        old = txn.get(COLLECTION, alert.id) or {}
        doc = {**old, **alert.model_dump(), "timestamp": alert.starts_at, "updated_at": now_iso()}
        if alert.status == "firing" and old.get("resolved_by") and old.get("starts_at") == alert.starts_at:
            doc["status"] = "resolved"
        elif alert.status == "firing":
            doc.pop("resolved_by", None)
            doc["resolved_at"] = None
        else:
            doc["resolved_at"] = doc.get("resolved_at") or alert.ends_at or now_iso()
        doc.setdefault("created_at", now_iso())
        txn.set(COLLECTION, alert.id, doc)
        return doc

    doc: dict[str, Any] = store.transaction(write)
    return doc


def receive(store: Store, alerts: list[Alert]) -> int:
    """Store every alert, then post what must be posted. A post Slack may take later (5xx, 429,
    unreachable) is re-raised once every alert has had its try, so the sender retries the whole
    delivery (Pub/Sub, then its dead letter; Alertmanager on a 5xx); what was posted is not posted
    again (one idempotency key per post). A post Slack refuses for good is logged and dropped."""
    stored = [upsert(store, alert) for alert in alerts]
    retry_later: KlepaasError | None = None
    for doc in stored:
        try:
            post(store, doc)
        except KlepaasError as exc:
            log.warning("alert not posted", extra=log_fields(alert=doc["id"], error=exc.code))
            if exc.retryable and retry_later is None:
                retry_later = exc
    if retry_later is not None:
        raise retry_later
    return len(stored)


def post(store: Store, doc: dict[str, Any]) -> None:
    settings = notify_settings()
    channel = alert_channel(settings, str(doc.get("severity")), dict(doc.get("labels") or {}))
    if channel is None:
        return
    t = words(settings.slack_language)
    title = t["alert_resolved"] if doc["status"] == "resolved" else t["alert_firing"]
    context = {**doc, "title": title, "alert_title": doc.get("title", "")}
    rendered = render("alert", context, lambda: f"{title} [{doc['severity']}] {doc.get('title', '')}")
    key = f"notify:alert:{doc['id']}:{doc.get('starts_at')}:{doc['status']}"
    run_once(store, key, lambda: get_sender().post(channel, rendered.text, rendered.blocks))


def console_view(doc: dict[str, Any]) -> dict[str, Any]:
    return {name: doc.get(name) if doc.get(name) is not None else "" for name in CONSOLE_FIELDS}


def listing(store: Store, cluster: str | None, limit: int = 200) -> list[dict[str, Any]]:
    """M6: newest first, exactly the console's fields."""
    docs = store.query(COLLECTION, order_by=[("timestamp", "desc")], limit=limit)
    return [console_view(d.data) for d in docs if not cluster or d.data.get("cluster") in (cluster, "")]


def resolve(store: Store, alert_id: str, principal: Principal) -> dict[str, Any]:
    """M8: mark resolved by a person (audited)."""

    def write(txn: Transaction) -> None:
        if txn.get(COLLECTION, alert_id) is None:
            raise NotFound(f"no alert {alert_id}")
        txn.update(COLLECTION, alert_id, {"status": "resolved", "resolved_at": now_iso(), "resolved_by": principal.sub})

    store.transaction(write)
    audit.record(store, actor=principal.sub, action="alert.resolve", target=alert_id, source="console", result="ok")
    return {"status": "success", "id": alert_id, "alert_status": "resolved"}
