"""Slack install (OAuth v2): the authorize URL, the callback, the status, and the user's DMs."""

from __future__ import annotations

import urllib.parse
from datetime import UTC, datetime
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import Principal
from klepaas_shared.clock import iso, now_iso
from klepaas_shared.errors import BadRequest, Unauthorized, Unavailable
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.settings import common
from klepaas_shared.store import Store
from klepaas_shared.store.queries import declare_query

from .crypto import decrypt, encrypt, sign_state, verify_state
from .settings import notify_settings
from .slack.errors import SlackRejected
from .slack.senders import user_sender

COLLECTION = "slack_installs"
USED_STATES = "slack_oauth_states"
declare_query(COLLECTION, equal=["slack_user_id"])
log = get_logger("notify.installs")


def _configured() -> tuple[str, str, str]:
    s = notify_settings()
    secret = s.slack_client_secret.get_secret_value()
    if not (s.slack_client_id and secret and s.slack_redirect_uri and s.slack_token_key.get_secret_value()):
        raise Unavailable("Slack install is not configured on this server")
    return s.slack_client_id, secret, s.slack_redirect_uri


def auth_url(principal: Principal) -> dict[str, str]:
    """S1: where to send the browser; the state carries the user, signed and short-lived."""
    client_id, _, redirect_uri = _configured()
    state = sign_state({"u": principal.sub, "s": sorted(principal.scopes)})
    query = urllib.parse.urlencode(
        {
            "client_id": client_id,
            "scope": notify_settings().slack_install_scopes,
            "redirect_uri": redirect_uri,
            "state": state,
        }
    )
    url = f"{notify_settings().slack_authorize_url}?{query}"
    return {"auth_url": url, "url": url, "authUrl": url}


def callback(store: Store, code: str, state: str, error: str) -> str:
    """The OAuth callback: verify the state, exchange the code, store the token; the redirect URL."""
    client_id, client_secret, redirect_uri = _configured()
    claims = verify_state(state)
    user_id = claims.get("u")
    if not isinstance(user_id, str) or not user_id:
        raise Unauthorized("the Slack state names no user")
    # kept until the state expires (a replay is refused by its expiry after that), then pruned
    expires_at = iso(datetime.fromtimestamp(int(claims["exp"]), UTC))
    used = {"user_id": user_id, "used_at": now_iso(), "expires_at": expires_at}
    if not store.create(USED_STATES, str(claims.get("n", "")), used):
        raise Unauthorized("this Slack state was already used")
    console = common().console_origin.rstrip("/")
    if error:
        return f"{console}/console?slack=error"
    if not code or len(code) > 512:
        raise BadRequest("the Slack callback carries no code")
    grant = _exchange(client_id, client_secret, redirect_uri, code)
    token = str(grant.get("access_token") or "")
    team, authed = _obj(grant.get("team")), _obj(grant.get("authed_user"))
    if not token:
        raise SlackRejected("Slack returned no access token")
    store.set(
        COLLECTION,
        user_id,
        {
            "user_id": user_id,
            "team_id": str(team.get("id", "")),
            "team_name": str(team.get("name", "")),
            "slack_user_id": str(authed.get("id", "")),
            "bot_user_id": str(grant.get("bot_user_id", "")),
            "scopes": [s for s in claims.get("s", []) if isinstance(s, str)],
            "token": encrypt(token),
            "installed_at": now_iso(),
        },
    )
    audit.record(
        store, actor=user_id, action="slack.install", target=str(team.get("id", "")), source="console", result="ok"
    )
    return f"{console}/console?slack=connected"


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _exchange(client_id: str, client_secret: str, redirect_uri: str, code: str) -> dict[str, Any]:
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    from .slack.errors import from_status

    client = WebClient(base_url=notify_settings().slack_api_url, timeout=10)
    try:
        response = client.oauth_v2_access(
            client_id=client_id, client_secret=client_secret, code=code, redirect_uri=redirect_uri
        )
    except SlackApiError as exc:
        failure = from_status(exc.response.status_code, str(exc.response.get("error") or ""), None)
        if isinstance(failure, SlackRejected):
            raise BadRequest(f"Slack refused the code: {exc.response.get('error')}") from None
        raise failure from None
    except OSError:
        raise Unavailable("Slack is unreachable") from None
    return dict(response.data) if isinstance(response.data, dict) else {}


def status(store: Store, user_id: str) -> dict[str, Any]:
    """S2: ``connected`` (and the workspace when connected)."""
    install = store.get(COLLECTION, user_id)
    if not install:
        return {"connected": False}
    return {"connected": True, "team_id": install.get("team_id", ""), "team_name": install.get("team_name", "")}


def by_slack_user(store: Store, team_id: str, slack_user_id: str) -> dict[str, Any] | None:
    found = store.query(COLLECTION, [("slack_user_id", "==", slack_user_id)], limit=5)
    return next((doc.data for doc in found if doc.data.get("team_id") == team_id), None)


def direct_message(store: Store, user_id: str, text: str, blocks: list[Any] | None) -> None:
    """DM a connected user about their own deployment; a failed DM never fails the event."""
    install = store.get(COLLECTION, user_id)
    if not install or not install.get("slack_user_id"):
        return
    try:
        sender = user_sender(decrypt(str(install["token"])))
        channel = sender.open_dm(str(install["slack_user_id"]))
        if channel:
            sender.post(channel, text, blocks)
    except Exception as exc:
        log.warning("direct message not sent", extra=log_fields(user=user_id, error=type(exc).__name__))
