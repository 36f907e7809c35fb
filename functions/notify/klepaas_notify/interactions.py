"""Slack interactivity: requests signed with the v0 scheme, answered well within Slack's 3 s."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
from collections.abc import Mapping
from typing import Any

from klepaas_shared.errors import BadRequest, KlepaasError, Unauthorized, Unavailable
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import Store

from .deploys import approvals, decisions
from .settings import notify_settings
from .slack.senders import get_sender

WINDOW_S = 300
log = get_logger("notify.interactions")


def verify(headers: Mapping[str, str], body: bytes, *, now: float | None = None) -> None:
    """``X-Slack-Signature`` = ``v0=`` + HMAC-SHA256(``v0:{timestamp}:{body}``); 5-minute window."""
    secret = notify_settings().slack_signing_secret.get_secret_value()
    if not secret:
        raise Unavailable("Slack interactivity is not configured on this server")
    stamp, signature = headers.get("X-Slack-Request-Timestamp", ""), headers.get("X-Slack-Signature", "")
    if not stamp.isdigit() or not signature.startswith("v0="):
        raise Unauthorized("missing or malformed Slack signature")
    if abs((now if now is not None else time.time()) - int(stamp)) > WINDOW_S:
        raise Unauthorized("the Slack request is too old")
    base = b"v0:" + stamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise Unauthorized("bad Slack signature")


def _payload(body: bytes) -> dict[str, Any]:
    try:
        form = urllib.parse.parse_qs(body.decode(), strict_parsing=True)
        payload = json.loads(form["payload"][0])
    except (ValueError, KeyError, IndexError, UnicodeDecodeError, RecursionError):
        raise BadRequest("the body is not a Slack interaction payload") from None
    if not isinstance(payload, dict):
        raise BadRequest("the Slack payload is not an object")
    return payload


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any, limit: int = 128) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise BadRequest("the Slack payload lacks a field")
    return value


def handle(store: Store, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
    """Verify, then apply a button press; the JSON Slack gets back."""
    verify(headers, body)
    payload = _payload(body)
    if payload.get("type") != "block_actions":
        return {"text": ""}
    actions = payload.get("actions")
    user, team = _obj(payload.get("user")), _obj(payload.get("team"))
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
        raise BadRequest("the Slack payload has no action")
    action = actions[0]
    action_id = _str(action.get("action_id"))
    if action_id not in ("approve", "reject"):
        return {"text": ""}
    approval_id, _, digest = _str(action.get("value")).partition(":")
    slack_user = _str(user.get("id"))
    team_id = _str(team.get("id") or user.get("team_id"))
    if not approval_id or not digest:
        raise BadRequest("the button carries no approval")
    text = decisions.decide(store, approval_id, digest, action_id == "approve", team_id, slack_user)
    _replace_buttons(store, approval_id, text)
    return {"text": text}


def _replace_buttons(store: Store, approval_id: str, text: str) -> None:
    doc = store.get(approvals.COLLECTION, approval_id) or {}
    sender = get_sender()
    if not (doc.get("ts") and sender.can_update):  # a webhook cannot edit; the reply text says it
        return
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}}]
    try:
        sender.update(str(doc["channel"]), str(doc["ts"]), text, blocks, quick=True)
    except KlepaasError as exc:
        log.warning("approval message not updated", extra=log_fields(approval=approval_id, error=exc.code))
