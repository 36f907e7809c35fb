"""A token bucket per Slack channel: about ``rate`` messages a second with a short burst.

The bucket lives in the security context (Redis outside local dev) so instances share it; each
caller reserves a slot in one atomic step on the server (the bucket may go negative) and sleeps
until its slot comes, so concurrent senders on one channel, on any instance, are spaced out
instead of racing into Slack's 429.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from klepaas_shared.context import Bucket, ContextStore
from klepaas_shared.errors import RateLimited

_TTL_S = 600


class ChannelLimiter:
    def __init__(
        self,
        context: ContextStore,
        *,
        rate_per_s: float,
        burst: int,
        max_wait_s: float,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._context, self._bucket = context, Bucket(rate_per_s, burst, max_wait_s, _TTL_S)
        self._clock, self._sleep = clock, sleep

    def _key(self, channel: str) -> str:
        return f"slack:bucket:{channel}"

    def acquire(self, channel: str) -> float:
        """Wait for a slot on ``channel``; return the seconds waited. RateLimited when too far off."""
        wait = self._context.take(self._key(channel), self._bucket, self._clock())
        if wait < 0:
            raise RateLimited(f"Slack channel {channel} is saturated", retry_after_s=-wait)
        if wait > 0:
            self._sleep(wait)
        return wait

    def penalize(self, channel: str, seconds: float) -> None:
        """Slack said 429: hold the channel for ``Retry-After`` seconds."""
        now = self._clock()
        self._context.set_json(self._key(channel), {"tokens": 0.0, "at": now, "until": now + seconds}, _TTL_S)
