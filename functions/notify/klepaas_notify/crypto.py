"""Signed OAuth ``state`` values and encrypted Slack tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from klepaas_shared.errors import Unauthorized, Unavailable
from klepaas_shared.settings import common

from .settings import notify_settings

STATE_TTL_S = 600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _state_key() -> bytes:
    own = notify_settings().slack_state_secret.get_secret_value()
    if own:
        return own.encode()
    shared = common().jwt_secret.get_secret_value()
    if not shared:
        raise Unavailable("Slack install is not configured (no state secret)")
    # a key of its own, derived so that a state can never pass as a JWT or vice versa
    return hmac.new(shared.encode(), b"klepaas-slack-state", hashlib.sha256).digest()


def sign_state(claims: dict[str, Any], ttl_s: int = STATE_TTL_S) -> str:
    body = _b64(json.dumps({**claims, "exp": int(time.time()) + ttl_s, "n": secrets.token_urlsafe(12)}).encode())
    signature = _b64(hmac.new(_state_key(), body.encode(), hashlib.sha256).digest())
    return f"{body}.{signature}"


def verify_state(state: str) -> dict[str, Any]:
    """The claims of a state we signed and that has not expired; 401 otherwise."""
    body, _, signature = state.partition(".")
    expected = _b64(hmac.new(_state_key(), body.encode(), hashlib.sha256).digest())
    if not body or not hmac.compare_digest(signature.encode(), expected.encode()):
        raise Unauthorized("the Slack state is not ours")
    try:
        claims = json.loads(_unb64(body))
    except ValueError:
        raise Unauthorized("the Slack state is malformed") from None
    if not isinstance(claims, dict) or not isinstance(claims.get("exp"), int) or claims["exp"] < time.time():
        raise Unauthorized("the Slack state has expired; connect again")
    return claims


def _fernet() -> Any:
    from cryptography.fernet import Fernet

    secret = notify_settings().slack_token_key.get_secret_value()
    if not secret:
        raise Unavailable("Slack install is not configured (KLEPAAS_SLACK_TOKEN_KEY)")
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def encrypt(token: str) -> str:
    return str(_fernet().encrypt(token.encode()).decode())


def decrypt(blob: str) -> str:
    return str(_fernet().decrypt(blob.encode()).decode())
