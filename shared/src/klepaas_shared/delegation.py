"""Delegated tokens reused while young: a function calling another for the same user many times
(mcp's tool calls to deploy) signs one internal token and sends it again, instead of minting a new
JWT for every call.

A reused token says exactly what a fresh one would (:func:`~klepaas_shared.auth.delegate` of the
same user, scopes, names and calling service) and is sent only while most of its life is left, so
every call still carries a token valid well past the call's own timeout. The callee verifies it on
every request as before; nothing is trusted because it is cached.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .auth import Principal, delegate

TTL_S = 120  # what delegate() gives a token by default
REUSE_S = 30  # a token is sent again only in its first REUSE_S seconds: TTL_S - REUSE_S left at least
MAX_HELD = 512  # callers remembered at once per instance; past that the oldest are forgotten

_Key = tuple[str, frozenset[str], str, str, str, str]


class Delegations:
    """Delegated tokens for one calling service, by the claims they carry."""

    def __init__(self, service: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._service, self._clock = service, clock
        self._held: dict[_Key, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def token(self, principal: Principal) -> str:
        """A delegated token for ``principal``: the one signed for the same claims in the last
        ``REUSE_S`` seconds, else a new one."""
        key = (principal.sub, principal.scopes, principal.email, principal.name, principal.provider, self._service)
        now = self._clock()
        with self._lock:
            held = self._held.get(key)
            if held is not None and now - held[1] < REUSE_S:
                return held[0]
        fresh = delegate(principal, self._service, ttl_s=TTL_S)
        with self._lock:
            self._held.pop(key, None)  # re-inserted last: the dict stays in signing order
            self._held[key] = (fresh, now)
            while len(self._held) > MAX_HELD:
                del self._held[next(iter(self._held))]
        return fresh
