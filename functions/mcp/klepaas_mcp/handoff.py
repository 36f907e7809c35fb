"""The token is verified once per request: the front check (:mod:`guard`) hands the verified
principal to the SDK's token verifier, which takes it instead of verifying the JWT again.

An entry is taken at most once and only by the exact same token string; one not taken (the
request ended earlier) is dropped after ``STALE_S``. Anything missing is simply verified again.
"""

from __future__ import annotations

import hashlib
import threading
import time

from klepaas_shared.auth import Principal

STALE_S = 30.0
MAX_ENTRIES = 1024
_lock = threading.Lock()
_waiting: dict[str, list[tuple[float, Principal]]] = {}


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hand_over(token: str, principal: Principal) -> None:
    now = time.monotonic()
    with _lock:
        if len(_waiting) >= MAX_ENTRIES:
            for key in [k for k, v in _waiting.items() if all(now - at > STALE_S for at, _ in v)]:
                del _waiting[key]
            if len(_waiting) >= MAX_ENTRIES:
                return  # full of live entries: the verifier will verify this one itself
        _waiting.setdefault(_key(token), []).append((now, principal))


def take(token: str) -> Principal | None:
    """The principal the front check verified for this token in this request, once."""
    now = time.monotonic()
    key = _key(token)
    with _lock:
        entries = _waiting.get(key)
        while entries:
            at, principal = entries.pop(0)
            if now - at <= STALE_S:
                if not entries:
                    del _waiting[key]
                return principal
        _waiting.pop(key, None)
    return None
