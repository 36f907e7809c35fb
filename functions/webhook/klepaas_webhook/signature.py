"""GitHub's webhook signature: ``sha256=`` + hex HMAC-SHA256 of the raw body, checked in constant time."""

from __future__ import annotations

import hashlib
import hmac

from klepaas_shared.errors import Unauthorized

PREFIX = "sha256="


def sign(body: bytes, secret: str) -> str:
    """The ``X-Hub-Signature-256`` value GitHub sends for ``body``."""
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, signature_256: str | None, signature_sha1: str | None, secret: str | list[str]) -> None:
    """Raise 401 unless ``signature_256`` is the body's HMAC-SHA256 under ``secret`` (or one of them).

    A delivery signed only with the legacy SHA-1 header is refused: SHA-1 alone is not enough.
    """
    candidates = [s for s in ([secret] if isinstance(secret, str) else secret) if s]
    if not candidates:
        raise Unauthorized("this webhook has no secret configured, so no delivery can be verified")
    if not signature_256:
        if signature_sha1:
            raise Unauthorized("only X-Hub-Signature-256 is accepted; the SHA-1 signature is refused")
        raise Unauthorized("the X-Hub-Signature-256 header is missing")
    given = signature_256.strip().encode()
    matched = [hmac.compare_digest(given, sign(body, key).encode()) for key in candidates]  # every one compared
    if not any(matched):
        raise Unauthorized("the X-Hub-Signature-256 signature does not match the body")
