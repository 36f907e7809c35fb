"""The two GitHub webhook endpoints: verify, parse, deduplicate by delivery, act, answer fast.

Order matters: the signature is checked over the raw body before anything is parsed, and the
delivery record is written only for an event this function acts on, after its payload has been
read; a forged, malformed or unknown delivery leaves nothing behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import parse_qs

from klepaas_shared.errors import BadRequest, KlepaasError
from klepaas_shared.http import Reply, Req
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import get_store

from . import deliveries
from .github_events import Action, prepare_pull_request, prepare_push, prepare_release
from .installations import prepare_installation, prepare_installation_repositories
from .settings import settings
from .signature import verify

log = get_logger("webhook")
Prepare = Callable[[dict[str, Any], str], Action]
EVENTS: dict[str, Prepare] = {
    "push": prepare_push,
    "release": prepare_release,
    "pull_request": prepare_pull_request,
    "installation": prepare_installation,
    "installation_repositories": prepare_installation_repositories,
}


def _parse(body: bytes, mimetype: str) -> dict[str, Any]:
    if mimetype == "application/x-www-form-urlencoded":  # a hook set to the form content type
        fields = parse_qs(body.decode("utf-8", errors="replace"))
        body = (fields.get("payload") or [""])[0].encode()
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deeply
        raise BadRequest("the delivery's body is not valid JSON") from None
    if not isinstance(value, dict):
        raise BadRequest("the delivery's body must be a JSON object")
    return value


def receive(req: Req, hook: Literal["app", "repository"]) -> Reply:
    """Handle one delivery to the App's (``app``) or a repository's (``repository``) webhook."""
    config = settings()
    secret = config.github_app_webhook_secret if hook == "app" else config.github_webhook_secret
    headers = req.request.headers
    body = req.raw_body()
    verify(body, headers.get("X-Hub-Signature-256"), headers.get("X-Hub-Signature"), secret.get_secret_value())
    payload = _parse(body, req.request.mimetype or "")
    event = headers.get("X-GitHub-Event", "")
    if event == "ping":
        return Reply({"status": "pong", "zen": payload.get("zen"), "hook_id": payload.get("hook_id")})
    prepare = EVENTS.get(event)
    if prepare is None:
        return Reply({"status": "ignored", "reason": f"the {event or 'unnamed'} event is not acted on"}, 202)
    guid = headers.get("X-GitHub-Delivery", "").strip()
    if not guid or len(guid) > 128 or "/" in guid:
        raise BadRequest("the X-GitHub-Delivery header is missing or malformed")
    action = prepare(payload, guid)
    store = get_store()
    claimed = deliveries.claim(store, guid, event=event, action=str(payload.get("action") or ""), hook=hook)
    if claimed.done is not None:
        return Reply({"duplicate": True, "delivery": guid, "outcome": claimed.done.get("outcome")})
    try:
        outcome = action()
    except KlepaasError as exc:
        deliveries.finish(store, claimed, outcome=None, error=f"{exc.code}: {exc.message}")
        raise
    except Exception as exc:
        deliveries.finish(store, claimed, outcome=None, error=type(exc).__name__)
        raise
    deliveries.finish(store, claimed, outcome=outcome)
    log.info("delivery processed", extra=log_fields(delivery=guid, event=event, status=outcome.get("status")))
    status = 202 if outcome.get("status") in ("ignored", "skipped") else 200
    return Reply({**outcome, "delivery": guid, "event": event}, status)
