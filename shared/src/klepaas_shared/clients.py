"""Which client is calling, for per-client counters and audit records.

By default the socket's peer address (``REMOTE_ADDR``), which a client cannot choose.
``X-Forwarded-For`` is read only when ``KLEPAAS_AUTH_TRUSTED_PROXY_HOPS`` says how many proxies
of ours append to it, and then only the entry the outermost of them appended (counting from the
right): entries further left are whatever the client sent. On Cloud Functions the peer address
is Google's front end, so set the hop count there (1 when the function is reached directly, one
more per proxy of ours in front, such as API Gateway or a load balancer).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

import flask


def _ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def address_of(peer: str, forwarded_for: Iterable[str], trusted_hops: int) -> str:
    """The caller's address as our own infrastructure saw it, from the socket's peer address and
    the ``X-Forwarded-For`` headers (flask's or starlette's request alike)."""
    found = _ip(peer or "") or "unknown"
    if trusted_hops <= 0:
        return found
    hops = [h for h in ",".join(forwarded_for).split(",") if h.strip()]
    if len(hops) < trusted_hops:
        return found
    return _ip(hops[-trusted_hops]) or found


def client_address(request: flask.Request, trusted_hops: int) -> str:
    """:func:`address_of` a flask request."""
    return address_of(request.remote_addr or "", request.headers.getlist("X-Forwarded-For"), trusted_hops)
