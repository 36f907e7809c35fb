"""The token is verified once per request: the front check (:mod:`guard`, run by :mod:`asgi`)
verifies it, and the principal rides along in a context variable for the rest of that request.
The SDK's token verifier (:class:`server.JwtVerifier`) runs in the same task and takes it from
there instead of decoding the JWT again.

A context variable ends with its request, so nothing is kept between requests or shared between
callers, and it is taken only for the exact token string it was verified for.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from klepaas_shared.auth import Principal

_current: ContextVar[tuple[str, Principal] | None] = ContextVar("klepaas_mcp_verified", default=None)


@contextmanager
def verified(token: str, principal: Principal) -> Iterator[None]:
    """Within this block, ``token`` is known to stand for ``principal``."""
    held = _current.set((token, principal))
    try:
        yield
    finally:
        _current.reset(held)


def principal_for(token: str) -> Principal | None:
    """The principal the front check verified for ``token`` in this request, if it did."""
    held = _current.get()
    if held is None or not hmac.compare_digest(held[0].encode(), token.encode()):
        return None
    return held[1]
