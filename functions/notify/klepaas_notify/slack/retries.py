"""slack-sdk's own retry handlers, configured once for every Slack client (issue 16).

A 429 is retried after its Retry-After (the channel's limiter is told first, so the next posts to
that channel wait too), 500 and 503 and dropped connections with exponential backoff. A
Retry-After longer than MAX_RETRY_AFTER_S is not waited out here: the call fails with
RateLimited and the message's redelivery comes back later, instead of an instance sleeping.
A timeout is not retried: the post may have landed.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryHandler, RetryState

MAX_RETRY_AFTER_S = 10.0
BACKOFF_FACTOR_S = 0.1  # 0.1 s, 0.2 s, 0.4 s ... (plus jitter) between 5xx retries
OnLimited = Callable[[str, float], None]  # (channel, seconds): a 429 for that channel


def retry_after_s(headers: Any) -> float | None:
    """The Retry-After header's seconds, from an SDK response's headers (values may be lists)."""
    for key, value in (headers or {}).items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) and value else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return None
    return None


def channel_of(request: HttpRequest) -> str:
    """The ``channel`` argument of a Web API call (JSON or form-encoded), or ""."""
    params = dict(request.body_params or {})
    data = request.data or b""
    if not params and data:
        try:
            decoded = json.loads(data)
            params = decoded if isinstance(decoded, dict) else {}
        except ValueError:
            params = {k: v[0] for k, v in urllib.parse.parse_qs(data.decode(errors="replace")).items()}
    return str(params.get("channel") or "")


def handlers(retries: int, on_limited: OnLimited | None = None) -> list[RetryHandler]:
    """The handlers for a client allowed ``retries`` retries (0: none)."""
    if retries <= 0:
        return []
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler,
        RateLimitErrorRetryHandler,
        ServerErrorRetryHandler,
    )
    from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator

    class PacedRateLimit(RateLimitErrorRetryHandler):
        def _can_retry(
            self,
            *,
            state: RetryState,
            request: HttpRequest,
            response: HttpResponse | None = None,
            error: Exception | None = None,
        ) -> bool:
            if not super()._can_retry(state=state, request=request, response=response, error=error):
                return False
            wait = retry_after_s(response.headers if response else None)
            return wait is None or wait <= MAX_RETRY_AFTER_S

        def prepare_for_next_attempt(
            self,
            *,
            state: RetryState,
            request: HttpRequest,
            response: HttpResponse | None = None,
            error: Exception | None = None,
        ) -> None:
            if on_limited is not None and response is not None:
                on_limited(channel_of(request), retry_after_s(response.headers) or 1.0)
            super().prepare_for_next_attempt(state=state, request=request, response=response, error=error)

    backoff = BackoffRetryIntervalCalculator(backoff_factor=BACKOFF_FACTOR_S)
    return [
        PacedRateLimit(max_retry_count=retries),
        ServerErrorRetryHandler(max_retry_count=retries, interval_calculator=backoff),
        ConnectionErrorRetryHandler(max_retry_count=retries, interval_calculator=backoff),
    ]
