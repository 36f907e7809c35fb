"""Admin login (A3): one account from configuration, constant-time checks, throttling.

Two counters: per client address (slowed, then locked out: an attacker locks out only their own
address), and per account (exponential backoff capped at ``auth_max_delay_s``, never a lockout;
an address that signed in to the account before is exempt, so a flood from elsewhere cannot keep
the admin out)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import flask

from klepaas_shared import audit
from klepaas_shared.clients import client_address
from klepaas_shared.clock import now_iso
from klepaas_shared.context import security_context
from klepaas_shared.errors import Unauthorized, Unavailable
from klepaas_shared.http import Req
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import get_store

from . import inputs, passwords, tokens, users
from .settings import AuthSettings, get_settings
from .throttle import Throttle
from .upstream import Profile

PROVIDER = "admin"
log = get_logger("auth.admin")


def throttle(settings: AuthSettings) -> Throttle:
    return Throttle(
        security_context(),
        throttle_after=settings.auth_throttle_after,
        lockout_after=settings.auth_lockout_after,
        lockout_s=settings.auth_lockout_s,
        max_delay_s=settings.auth_max_delay_s,
    )


def account_throttle(settings: AuthSettings) -> Throttle:
    return Throttle(
        security_context(),
        throttle_after=settings.auth_account_throttle_after,
        lockout_after=2**31,  # backoff only: a lockout per account is one an attacker could trigger
        lockout_s=settings.auth_lockout_s,
        max_delay_s=settings.auth_max_delay_s,
        scope="admin-login-account",
    )


def _known_key(account: str, client: str) -> str:
    return f"auth:admin-login-known:{account}:{client}"


def _stored_hash(settings: AuthSettings) -> passwords.ScryptHash:
    encoded = settings.admin_password_hash.get_secret_value()
    if not settings.admin_username or not encoded:
        raise Unavailable("admin login is not configured on this server")
    try:
        return passwords.parse(encoded)
    except ValueError as exc:
        log.error("admin password hash unusable", extra=log_fields(error=str(exc)))
        raise Unavailable("admin login is misconfigured on this server") from None


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


@inputs.login_reply
def login(req: Req) -> dict[str, Any]:
    """A3: ``{username, password}`` → ``{success, access_token, user}``."""
    settings = get_settings()
    body = req.json(allow_empty=False)
    username = inputs.string(body, "username", max_chars=128)
    password = inputs.string(body, "password", max_chars=1024)
    user = sign_in(username, password, req.request, settings)
    return {
        "success": True,
        "access_token": tokens.for_user(user, settings),
        "token_type": "Bearer",
        "user": users.public(user),
    }


def sign_in(username: str, password: str, request: flask.Request, settings: AuthSettings) -> dict[str, Any]:
    """Check the admin's credentials under both throttles; the stored user, or 401/429.

    The console's login (A3) and the MCP authorization server's login page both come here."""
    stored = _stored_hash(settings)
    client = client_address(request, settings.auth_trusted_proxy_hops)
    account = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]  # no name in a key
    limiter, per_account = throttle(settings), account_throttle(settings)
    known = security_context().get_json(_known_key(account, client)) is not None
    attempt = limiter.admit(client)
    account_attempt = 0 if known else per_account.admit(account)
    # Both checks always run, and the name is compared as a digest: timing says nothing about which failed.
    name_ok = hmac.compare_digest(_digest(username), _digest(settings.admin_username))
    password_ok = passwords.check(password, stored)
    store = get_store()
    if not (name_ok and password_ok):
        limiter.failed(client, attempt)
        if not known:
            per_account.failed(account, account_attempt)
        if attempt == settings.auth_lockout_after:
            audit.record(
                store,
                actor=client,
                action="auth.admin_lockout",
                target=PROVIDER,
                source="http",
                result="locked",
                details={"attempts": attempt},
            )
        raise Unauthorized("wrong username or password")
    limiter.succeeded(client)
    per_account.succeeded(account)
    security_context().set_json(_known_key(account, client), {"at": now_iso()}, settings.auth_known_address_s)
    profile = Profile(PROVIDER, settings.admin_subject, "", settings.admin_username, "", True)
    user = users.upsert(store, profile, "admin", force_role="admin")
    audit.record(
        store,
        actor=settings.admin_subject,
        action="auth.login",
        target=user["id"],
        source="http",
        result="ok",
        details={"provider": PROVIDER},
    )
    return user
