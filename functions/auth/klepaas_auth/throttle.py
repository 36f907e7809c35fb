"""Failed admin logins per client: slowed, then locked out for a while.

Counters live in the context store (Redis in production), so every instance sees them. An
attempt is counted before the password is checked, so parallel guesses cannot slip past the
limit; a success clears the count. Slowing is a refusal with ``Retry-After`` (never a sleep that
would hold an instance): after ``throttle_after`` failures each attempt waits 1, 2, 4, ... s, and
after ``lockout_after`` the client is locked out for ``lockout_s``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from klepaas_shared.context import ContextStore
from klepaas_shared.errors import RateLimited


@dataclass
class Throttle:
    context: ContextStore
    throttle_after: int = 3
    lockout_after: int = 10
    lockout_s: int = 900
    max_delay_s: int = 60
    scope: str = "admin-login"
    clock: Callable[[], float] = field(default=time.time)

    def _keys(self, client: str) -> tuple[str, str]:
        return f"auth:{self.scope}:count:{client}", f"auth:{self.scope}:wait:{client}"

    def _wait(self, key: str, seconds: float) -> None:
        self.context.set_json(key, {"until": self.clock() + seconds}, math.ceil(seconds) + 1)

    def admit(self, client: str) -> int:
        """Count an attempt, or raise 429 while the client must wait; returns the attempt number."""
        count_key, wait_key = self._keys(client)
        waiting = self.context.get_json(wait_key)
        until = waiting.get("until") if isinstance(waiting, dict) else None
        if isinstance(until, int | float) and until > self.clock():
            raise RateLimited("too many failed logins; wait and try again", retry_after_s=until - self.clock())
        attempt = self.context.incr(count_key, self.lockout_s)
        if attempt > self.lockout_after:
            self._wait(wait_key, self.lockout_s)
            raise RateLimited(
                "too many failed logins from this client; locked out for a while", retry_after_s=self.lockout_s
            )
        return attempt

    def failed(self, client: str, attempt: int) -> None:
        """Record that ``attempt`` failed: start a delay or the lockout."""
        _, wait_key = self._keys(client)
        if attempt >= self.lockout_after:
            self._wait(wait_key, self.lockout_s)
        elif attempt >= self.throttle_after:
            self._wait(wait_key, min(2 ** (attempt - self.throttle_after), self.max_delay_s))

    def succeeded(self, client: str) -> None:
        for key in self._keys(client):
            self.context.delete(key)
