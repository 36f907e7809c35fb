"""Naver Cloud API gateway request signing (signature v2).

The signature is the base64 HMAC-SHA256, keyed with the secret key, of
``"{METHOD} {path+query}\\n{timestamp}\\n{accessKey}"``; the gateway refuses a timestamp more
than five minutes off its clock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

TIMESTAMP = "x-ncp-apigw-timestamp"
ACCESS_KEY = "x-ncp-iam-access-key"
SIGNATURE = "x-ncp-apigw-signature-v2"
WINDOW_MS = 5 * 60 * 1000


def string_to_sign(method: str, path_and_query: str, timestamp_ms: int, access_key: str) -> str:
    return f"{method.upper()} {path_and_query}\n{timestamp_ms}\n{access_key}"


def signature(method: str, path_and_query: str, timestamp_ms: int, access_key: str, secret_key: str) -> str:
    """The ``x-ncp-apigw-signature-v2`` value for one request."""
    message = string_to_sign(method, path_and_query, timestamp_ms, access_key).encode()
    digest = hmac.new(secret_key.encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signed_headers(
    method: str, path_and_query: str, access_key: str, secret_key: str, *, timestamp_ms: int | None = None
) -> dict[str, str]:
    """The three gateway headers for ``method path_and_query``, stamped now unless told otherwise."""
    stamp = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
    return {
        TIMESTAMP: str(stamp),
        ACCESS_KEY: access_key,
        SIGNATURE: signature(method, path_and_query, stamp, access_key, secret_key),
    }
