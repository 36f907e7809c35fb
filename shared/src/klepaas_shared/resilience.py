"""Retry with backoff and jitter (honouring Retry-After), and a circuit breaker."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import TypeVar

from .errors import KlepaasError, Unavailable

_jitter = random.Random()  # noqa: S311 - jitter; own state: retries in worker threads never touch the global generator

T = TypeVar("T")


def retry_after_of(exc: BaseException) -> float | None:
    """A server's requested wait, from ``retry_after_s`` / ``retry_after`` on the exception."""
    for name in ("retry_after_s", "retry_after"):
        value = getattr(exc, name, None)
        if isinstance(value, int | float) and value >= 0:
            return float(value)
    return None


def is_retryable(exc: BaseException) -> bool:
    return isinstance(exc, KlepaasError) and exc.retryable


def retry(
    fn: Callable[[], T],
    *,
    attempts: int = 4,
    base_s: float = 0.2,
    max_s: float = 10.0,
    retry_on: Callable[[BaseException], bool] = is_retryable,
    sleep: Callable[[float], None] = time.sleep,
    deadline_s: float | None = None,
) -> T:
    """Call ``fn`` until it succeeds, a failure is not retryable, or attempts or the deadline run out.

    Waits are "full jitter" exponential backoff, or the server's Retry-After when it gives one.
    """
    started = time.monotonic()
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception as exc:
            if attempt == attempts or not retry_on(exc):
                raise
            wait = retry_after_of(exc)
            if wait is None:
                wait = _jitter.uniform(0, min(max_s, base_s * 2 ** (attempt - 1)))
            if deadline_s is not None and time.monotonic() - started + wait > deadline_s:
                raise
            sleep(min(wait, max_s))
    raise AssertionError("unreachable")


class CircuitState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitOpen(Unavailable):
    code = "circuit_open"


class CircuitBreaker:
    """Closed → open after ``failure_threshold`` failures in a row → half-open after
    ``reset_timeout_s`` (one trial call) → closed on success, open again on failure."""

    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        reset_timeout_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.failure_threshold, self.reset_timeout_s = failure_threshold, reset_timeout_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_running = False

    @property
    def state(self) -> CircuitState:
        with self._lock:
            return self._state()

    def _state(self) -> CircuitState:
        if self._opened_at is None:
            return CircuitState.CLOSED
        if self._clock() - self._opened_at >= self.reset_timeout_s:
            return CircuitState.HALF_OPEN
        return CircuitState.OPEN

    def call(self, fn: Callable[[], T], *, counts: Callable[[BaseException], bool] = lambda _: True) -> T:
        self._enter()
        try:
            result = fn()
        except BaseException as exc:
            self._failed(exc, counts)
            raise
        self._succeeded()
        return result

    async def acall(
        self, fn: Callable[[], Awaitable[T]], *, counts: Callable[[BaseException], bool] = lambda _: True
    ) -> T:
        """:meth:`call` for a coroutine function (the lock is held only for the bookkeeping)."""
        self._enter()
        try:
            result = await fn()
        except BaseException as exc:
            self._failed(exc, counts)
            raise
        self._succeeded()
        return result

    def _enter(self) -> None:
        with self._lock:
            state = self._state()
            if state is CircuitState.OPEN or (state is CircuitState.HALF_OPEN and self._trial_running):
                raise CircuitOpen(f"{self.name} is unavailable (circuit open); try again later")
            if state is CircuitState.HALF_OPEN:
                self._trial_running = True

    def _failed(self, exc: BaseException, counts: Callable[[BaseException], bool]) -> None:
        with self._lock:
            self._trial_running = False
            if counts(exc):
                self._failures += 1
                if self._failures >= self.failure_threshold or self._opened_at is not None:
                    self._opened_at = self._clock()

    def _succeeded(self) -> None:
        with self._lock:
            self._trial_running = False
            self._failures = 0
            self._opened_at = None

    def snapshot(self) -> dict[str, object]:
        return {"name": self.name, "state": self.state.value, "failures": self._failures}
