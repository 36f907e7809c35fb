"""Compact JWS tokens signed with HS256 (RFC 7515, 7519), in the standard library.

Every HTTP function checks a bearer token on its first request; PyJWT imports cryptography for
its asymmetric algorithms, about 30 ms of a cold instance's first answer (issue 19). An HS256
token needs only HMAC-SHA256, base64url and JSON, so this module signs and checks those, with
the checks PyJWT makes, in PyJWT's order (tests/shared/test_hs256.py compares the two on the same
tokens). RS256 tokens still go through PyJWT (:mod:`klepaas_shared.auth`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

ALGORITHM = "HS256"
_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

Reason = Literal["malformed", "invalid", "expired", "immature", "audience", "issuer"]


class TokenError(Exception):
    """Why a token was refused; ``reason`` is one of :data:`Reason`."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason


def _encode_segment(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _decode_segment(segment: bytes) -> bytes:
    """Strict base64url: the alphabet only, at most the padding a length needs, canonical bits."""
    stripped = segment.rstrip(b"=")
    padding = len(segment) - len(stripped)
    if padding > 2 or (padding and len(segment) % 4) or len(stripped) % 4 == 1:
        raise TokenError("malformed")
    if not _ALPHABET.issuperset(stripped):
        raise TokenError("malformed")
    try:
        decoded = base64.urlsafe_b64decode(stripped + b"=" * (-len(stripped) % 4))
    except binascii.Error:
        raise TokenError("malformed") from None
    if _encode_segment(decoded) != stripped:  # stray low bits: another token with the same bytes
        raise TokenError("malformed")
    return decoded


def _json_object(data: bytes, reason: Reason) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        raise TokenError(reason) from None
    if not isinstance(value, dict):
        raise TokenError(reason)
    return value


@dataclass(frozen=True)
class Parsed:
    """A token cut into its parts (nothing checked but the form): read once, then checked."""

    token: str
    signing_input: bytes
    header: dict[str, Any]
    payload: bytes
    signature: bytes


def parse(token: str) -> Parsed:
    """The signing input, the header, the payload bytes and the signature (nothing checked yet)."""
    try:
        raw = token.encode()
    except UnicodeEncodeError:  # a lone surrogate: no token at all
        raise TokenError("malformed") from None
    signing_input, dot, signature = raw.rpartition(b".")
    header_segment, dot2, payload_segment = signing_input.partition(b".")
    if not dot or not dot2:
        raise TokenError("malformed")
    header = _json_object(_decode_segment(header_segment), "malformed")
    if "kid" in header and not isinstance(header["kid"], str):
        raise TokenError("malformed")
    if "crit" in header:  # no extension is understood here (RFC 7515 §4.1.11)
        raise TokenError("malformed")
    return Parsed(token, signing_input, header, _decode_segment(payload_segment), _decode_segment(signature))


def unverified_header(token: str) -> dict[str, Any]:
    """The token's header, to pick the algorithm and key; nothing in it is trusted yet."""
    return parse(token).header


def sign(claims: Mapping[str, Any], key: str, kid: str) -> str:
    """A token over ``claims`` (JSON-serialisable) with the header PyJWT writes."""
    header = json.dumps({"alg": ALGORITHM, "kid": kid, "typ": "JWT"}, separators=(",", ":"))
    payload = json.dumps(dict(claims), separators=(",", ":"))
    signing_input = _encode_segment(header.encode()) + b"." + _encode_segment(payload.encode())
    signature = hmac.new(key.encode(), signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + _encode_segment(signature)).decode()


def _integer(claims: Mapping[str, Any], name: str) -> int:
    try:
        return int(claims[name])
    except (ValueError, TypeError, OverflowError):
        raise TokenError("invalid") from None


def verify(
    token: str,
    key: str,
    *,
    audiences: Iterable[str],
    issuer: str,
    leeway_s: float,
    require: Collection[str],
    now: float | None = None,
    parsed: Parsed | None = None,
) -> dict[str, Any]:
    """The claims of a token signed with ``key``, or :class:`TokenError` naming what is wrong.

    ``parsed``: this very token as :func:`parse` cut it (the caller read its header to pick the
    key), so it is not cut again; parts of any other token are ignored."""
    if parsed is None or parsed.token != token:
        parsed = parse(token)
    if parsed.header.get("alg") != ALGORITHM:
        raise TokenError("invalid")
    expected = hmac.new(key.encode(), parsed.signing_input, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, parsed.signature):
        raise TokenError("invalid")
    claims = _json_object(parsed.payload, "invalid")  # read only once signed
    if any(claims.get(name) is None for name in require):
        raise TokenError("invalid")
    now = time.time() if now is None else now
    if "iat" in claims and _integer(claims, "iat") > now + leeway_s:
        raise TokenError("immature")
    if "nbf" in claims and _integer(claims, "nbf") > now + leeway_s:
        raise TokenError("immature")
    if "exp" in claims and _integer(claims, "exp") <= now - leeway_s:
        raise TokenError("expired")
    if "iss" not in claims:
        raise TokenError("invalid")
    if claims["iss"] != issuer:  # a non-string never equals the configured issuer
        raise TokenError("issuer")
    _check_audience(claims, audiences)
    for name in ("sub", "jti"):
        if name in claims and not isinstance(claims[name], str):
            raise TokenError("invalid")
    return claims


def _check_audience(claims: Mapping[str, Any], audiences: Iterable[str]) -> None:
    if not claims.get("aud"):
        raise TokenError("invalid")
    held = claims["aud"]
    held = [held] if isinstance(held, str) else held
    if not isinstance(held, list) or not all(isinstance(a, str) for a in held):
        raise TokenError("audience")
    if not any(a in held for a in audiences):
        raise TokenError("audience")
