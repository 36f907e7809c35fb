"""A token bucket per Slack channel: about ``rate`` messages a second with a short burst.

The bucket lives in the context store (Redis when configured) so instances share it; each
caller reserves a slot (the bucket may go negative) and sleeps until its slot comes, so
concurrent senders on one channel are spaced out instead of racing into Slack's 429.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from klepaas_shared.context import ContextStore
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
        self._context, self._rate, self._burst, self._max_wait = context, rate_per_s, burst, max_wait_s
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()

    def _key(self, channel: str) -> str:
        return f"slack:bucket:{channel}"

    def acquire(self, channel: str) -> float:
        """Wait for a slot on ``channel``; return the seconds waited. RateLimited when too far off."""
        with self._lock:
            now = self._clock()
            state = self._context.get_json(self._key(channel)) or {}
            tokens = float(state.get("tokens", self._burst))
            elapsed = max(0.0, now - float(state.get("at", now)))
            tokens = min(float(self._burst), tokens + elapsed * self._rate) - 1.0
            wait = max(0.0, -tokens / self._rate, float(state.get("until", 0.0)) - now)
            if wait > self._max_wait:
                raise RateLimited(f"Slack channel {channel} is saturated", retry_after_s=wait)
            self._context.set_json(
                self._key(channel), {"tokens": tokens, "at": now, "until": state.get("until", 0.0)}, _TTL_S
            )
        if wait > 0:
            self._sleep(wait)
        return wait

    def penalize(self, channel: str, seconds: float) -> None:
        """Slack said 429: hold the channel for ``Retry-After`` seconds."""
        with self._lock:
            now = self._clock()
            self._context.set_json(self._key(channel), {"tokens": 0.0, "at": now, "until": now + seconds}, _TTL_S)
