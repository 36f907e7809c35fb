"""The OAuth ``state``: signed, short-lived, single-use, and ending with ``provider=<name>``.

Shape: ``v1.<nonce>.<expires>.<signature>.provider=<name>``. The console reads the provider with
``state.split('provider=')[1]``, so the nonce and signature come first (FRONTEND_API §3.1). The
signature (HMAC-SHA256 with a key derived from the JWT key) covers the nonce, the expiry, the
provider and the redirect URI, so a state cannot be moved to another provider or callback.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time

from klepaas_shared.context import security_context
from klepaas_shared.errors import BadRequest

from .settings import AuthSettings

VERSION = "v1"
MAX_STATE_CHARS = 512
_PURPOSE = b"klepaas-oauth-state-v1"


def _keys(settings: AuthSettings) -> list[bytes]:
    from klepaas_shared.settings import require_secret

    secrets_ = [require_secret(settings.jwt_secret, "KLEPAAS_JWT_SECRET", min_length=32)]
    previous = settings.jwt_previous_secret.get_secret_value()
    if previous:
        secrets_.append(previous)  # states issued just before a key rotation stay usable
    return [hmac.new(s.encode(), _PURPOSE, hashlib.sha256).digest() for s in secrets_]


def _sign(key: bytes, nonce: str, expires: int, provider: str, redirect_uri: str) -> str:
    message = "\n".join((VERSION, nonce, str(expires), provider, redirect_uri)).encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def issue(provider: str, redirect_uri: str, settings: AuthSettings) -> str:
    """A fresh state for one authorization request."""
    nonce = secrets.token_urlsafe(16)
    expires = int(time.time()) + settings.auth_state_ttl_s
    signature = _sign(_keys(settings)[0], nonce, expires, provider, redirect_uri)
    return f"{VERSION}.{nonce}.{expires}.{signature}.provider={provider}"


def check(state: str, provider: str, redirect_uri: str, settings: AuthSettings) -> None:
    """Accept a state we issued for this provider and callback, once, before it expires (else 400)."""
    head, sep, named = state.partition(".provider=")
    parts = head.split(".")
    if not sep or named != provider or len(state) > MAX_STATE_CHARS or len(parts) != 4 or parts[0] != VERSION:
        raise BadRequest("the OAuth state was not issued by this server")
    _, nonce, expires_text, signature = parts
    if not re.fullmatch(r"[0-9]{1,12}", expires_text):
        raise BadRequest("the OAuth state was not issued by this server")
    expires = int(expires_text)
    expected = [_sign(key, nonce, expires, provider, redirect_uri) for key in _keys(settings)]
    if not any(hmac.compare_digest(signature.encode(), e.encode()) for e in expected):
        raise BadRequest("the OAuth state was not issued by this server")
    remaining = expires - int(time.time())
    if remaining <= 0:
        raise BadRequest("the OAuth state has expired; start the login again")
    if security_context().incr(f"auth:state:{nonce}", remaining + 1) > 1:
        raise BadRequest("the OAuth state was already used; start the login again")
