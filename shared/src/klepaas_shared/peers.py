"""Calls from one function to another, through :mod:`klepaas_shared.outbound`.

Locally (and wherever ``KLEPAAS_<FN>_INTERNAL_URL`` is unset) a call goes to the URL the caller
gives (the front door, ``KLEPAAS_API_BASE_URL``). In the cloud it goes straight to the function's own URL with a
Google-signed ID token for that URL (cached until it nears expiry), so only the invoker service
accounts reach it; the end user's delegated token still travels in ``Authorization``.
"""

from __future__ import annotations

from .outbound import Outbound


def peer(function: str, base_url: str, *, timeout_s: float, attempts: int = 2) -> Outbound:
    """An :class:`Outbound` to ``function`` (at ``base_url`` unless it has an internal URL) that
    relays its error envelope."""
    from .google_tokens import id_tokens
    from .settings import common

    internal = common().internal_url(function)
    if not internal:
        return Outbound(function, base_url, timeout_s=timeout_s, attempts=attempts, relay=True)
    auth = id_tokens(internal.rstrip("/")).serverless
    return Outbound(function, internal, timeout_s=timeout_s, attempts=attempts, relay=True, auth=auth)
