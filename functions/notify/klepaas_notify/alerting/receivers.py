"""Alert payloads → :class:`~klepaas_shared.contracts.Alert`: Alertmanager's webhook (version 4)
and Google Cloud Monitoring's incident notification."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from klepaas_shared.clock import iso, parse_iso
from klepaas_shared.contracts import Alert
from klepaas_shared.errors import BadRequest

_SEVERITY = {
    "critical": "critical",
    "page": "critical",
    "high": "critical",
    "emergency": "critical",
    "alert": "critical",
    "error": "error",
    "major": "error",
    "warning": "warning",
    "warn": "warning",
    "minor": "warning",
    "medium": "warning",
    "info": "info",
    "informational": "info",
    "low": "info",
    "none": "info",
    "notice": "info",
}


def severity(value: str) -> Any:
    return _SEVERITY.get(value.strip().lower(), "warning")


class AmAlert(BaseModel):
    model_config = ConfigDict(extra="ignore")
    status: str
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    startsAt: str  # noqa: N815 - Alertmanager's field names
    endsAt: str = ""  # noqa: N815
    generatorURL: str = ""  # noqa: N815
    fingerprint: str = Field("", max_length=128)


class AmPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")
    version: str
    groupKey: str = ""  # noqa: N815
    status: str = ""
    receiver: str = ""
    alerts: list[AmAlert] = Field(max_length=1000)


_FRACTION = re.compile(r"\.\d+")


def _time(text: str) -> str | None:
    if not text or text.startswith("0001-01-01"):
        return None
    try:
        return iso(parse_iso(_FRACTION.sub(lambda m: m.group(0)[:7], text.strip())))
    except (ValueError, OverflowError):
        raise BadRequest(f"not a timestamp: {text[:40]!r}") from None


def from_alertmanager(body: dict[str, Any], cluster: str) -> list[Alert]:
    try:
        payload = AmPayload.model_validate(body)
    except ValidationError as exc:
        raise BadRequest(f"not an Alertmanager payload: {exc.error_count()} problem(s)") from None
    if payload.version != "4":
        raise BadRequest(f"Alertmanager payload version {payload.version!r} is not supported (want 4)")
    alerts = []
    for item in payload.alerts:
        if item.status not in ("firing", "resolved"):
            raise BadRequest(f"unknown alert status {item.status[:20]!r}")
        labels = item.labels
        fingerprint = item.fingerprint or hashlib.sha256(repr(sorted(labels.items())).encode()).hexdigest()[:16]
        if not fingerprint.replace("-", "").replace("_", "").isalnum():
            raise BadRequest("the alert fingerprint has unexpected characters")
        alerts.append(
            Alert(
                id=fingerprint,
                severity=severity(labels.get("severity", "warning")),
                title=item.annotations.get("summary") or labels.get("alertname") or "alert",
                description=item.annotations.get("description") or item.annotations.get("message", ""),
                status="resolved" if item.status == "resolved" else "firing",
                source="alertmanager",
                cluster=labels.get("cluster") or cluster,
                labels=labels,
                annotations=item.annotations,
                starts_at=_time(item.startsAt) or iso(datetime.now(UTC)),
                ends_at=_time(item.endsAt) if item.status == "resolved" else None,
            )
        )
    return alerts


def _epoch(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 10**11:
        return iso(datetime.fromtimestamp(value, UTC))
    return None


def from_cloud_monitoring(body: Any, cluster: str) -> Alert:
    """One incident notification (``{"incident": {...}, "version": "1.2"}``)."""
    incident = body.get("incident") if isinstance(body, dict) else None
    if not isinstance(incident, dict):
        raise BadRequest("not a Cloud Monitoring incident notification")
    incident_id, state = incident.get("incident_id"), incident.get("state")
    if not isinstance(incident_id, str) or not incident_id or state not in ("open", "closed"):
        raise BadRequest("the incident lacks incident_id or state")
    safe_id = "gcm-" + hashlib.sha256(incident_id.encode()).hexdigest()[:24]
    user_labels = incident.get("policy_user_labels")
    labels = {str(k): str(v) for k, v in user_labels.items()} if isinstance(user_labels, dict) else {}
    documentation = incident.get("documentation")
    docs_text = str(documentation.get("content") or "") if isinstance(documentation, dict) else ""

    def text(key: str) -> str:
        return str(incident.get(key) or "")[:2000]

    return Alert(
        id=safe_id,
        severity=severity(str(incident.get("severity") or labels.get("severity") or "warning")),
        title=text("policy_name") or text("condition_name") or "Cloud Monitoring incident",
        description=text("summary") or docs_text[:2000],
        status="resolved" if state == "closed" else "firing",
        source="cloud_monitoring",
        cluster=labels.get("cluster") or cluster,
        labels={**labels, "incident_id": incident_id[:200], "condition": text("condition_name")[:200]},
        annotations={"url": text("url")[:500]},
        starts_at=_epoch(incident.get("started_at")) or iso(datetime.now(UTC)),
        ends_at=_epoch(incident.get("ended_at")) if state == "closed" else None,
    )
