"""Slack interactivity: requests signed with the v0 scheme, answered well within Slack's 3 s."""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Mapping
from typing import Any

from klepaas_shared.errors import BadRequest, Unauthorized, Unavailable
from klepaas_shared.store import Store

from .deploys import decisions
from .settings import notify_settings
from .slack import responses

WINDOW_S = 300


def verify(headers: Mapping[str, str], body: bytes, *, now: float | None = None) -> None:
    """Slack's v0 signing scheme through slack_sdk's ``SignatureVerifier``: ``X-Slack-Signature``
    = ``v0=`` + HMAC-SHA256 of ``v0:{timestamp}:{body}``, within a 5-minute window. Malformed
    headers and bodies are refused here first (the verifier would raise on them)."""
    from slack_sdk.signature import Clock, SignatureVerifier

    secret = notify_settings().slack_signing_secret.get_secret_value()
    if not secret:
        raise Unavailable("Slack interactivity is not configured on this server")
    stamp, signature = headers.get("X-Slack-Request-Timestamp", ""), headers.get("X-Slack-Signature", "")
    if not stamp.isdigit() or not signature.startswith("v0="):
        raise Unauthorized("missing or malformed Slack signature")
    at = now if now is not None else time.time()
    if abs(at - int(stamp)) > WINDOW_S:
        raise Unauthorized("the Slack request is too old")
    try:
        text = body.decode()
    except UnicodeDecodeError:
        raise Unauthorized("bad Slack signature") from None

    class At(Clock):
        def now(self) -> float:
            return at

    if not SignatureVerifier(secret, At()).is_valid(text, stamp, signature):
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
    # Where the presser is told what came of the press (Slack shows nothing of this answer);
    # checked before anything is claimed, so a bad one changes nothing.
    response_url = payload.get("response_url") or ""
    if not isinstance(response_url, str):
        raise BadRequest("the Slack payload's response_url is not a string")
    if response_url:
        responses.check(response_url)
    approve = action_id == "approve"
    return {"text": decisions.decide(store, approval_id, digest, approve, team_id, slack_user, response_url)}
