"""The two GitHub webhook endpoints: verify, parse, deduplicate by delivery, act, answer fast.

Order matters: the signature is checked over the raw body before anything is parsed, and the
delivery record is written only for an event this function acts on, after its payload has been
read; a forged, malformed or unknown delivery leaves nothing behind.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import parse_qs

from klepaas_shared.errors import BadRequest, KlepaasError, Unauthorized
from klepaas_shared.http import Reply, Req
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.records.integrations import Integrations
from klepaas_shared.store import get_store

from . import deliveries, repo_secrets
from .github_events import Action, prepare_pull_request, prepare_push, prepare_release
from .installations import prepare_installation, prepare_installation_repositories
from .payloads import owner_repo
from .settings import settings
from .signature import verify

log = get_logger("webhook")
_GITHUB_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
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


def _repository_delivery(body: bytes, mimetype: str, headers: Any) -> dict[str, Any]:
    """A repository hook's delivery, verified with that repository's own secrets. The body is
    read first only to learn which repository it claims to be from; nothing is acted on, and
    nothing is written, before the signature matches one of that repository's secrets."""
    try:
        payload = _parse(body, mimetype)
        owner, repo = owner_repo(payload)
    except BadRequest:
        owner = repo = ""
    if not (_GITHUB_NAME.match(owner) and _GITHUB_NAME.match(repo)):
        raise Unauthorized("the delivery names no connected repository, so it cannot be verified")
    secrets = repo_secrets.accepted(Integrations(get_store()).of_repository(owner, repo))
    verify(body, headers.get("X-Hub-Signature-256"), headers.get("X-Hub-Signature"), secrets)
    return payload


def receive(req: Req, hook: Literal["app", "repository"]) -> Reply:
    """Handle one delivery to the App's (``app``) or a repository's (``repository``) webhook."""
    headers = req.request.headers
    body = req.raw_body()
    if hook == "app":
        secret: str | list[str] = settings().github_app_webhook_secret.get_secret_value()
        verify(body, headers.get("X-Hub-Signature-256"), headers.get("X-Hub-Signature"), secret)
        payload = _parse(body, req.request.mimetype or "")
    else:
        payload = _repository_delivery(body, req.request.mimetype or "", headers)
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
