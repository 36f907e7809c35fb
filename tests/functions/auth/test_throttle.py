"""The per-client throttle over time, with a controlled clock (no sleeps)."""

from __future__ import annotations

import pytest

from klepaas_auth.throttle import Throttle
from klepaas_shared.context import MemoryContext
from klepaas_shared.errors import RateLimited


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _throttle(clock: Clock) -> Throttle:
    return Throttle(MemoryContext(clock=clock), throttle_after=2, lockout_after=5, lockout_s=300, clock=clock)


def _fail(throttle: Throttle, client: str = "c") -> None:
    throttle.failed(client, throttle.admit(client))


def test_delays_double_after_the_threshold_and_pass_with_time() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    _fail(throttle)
    _fail(throttle)
    with pytest.raises(RateLimited) as waited:
        throttle.admit("c")
    assert waited.value.headers["Retry-After"] == "1"
    clock.now += 1.01
    _fail(throttle)
    with pytest.raises(RateLimited) as waited:
        throttle.admit("c")
    assert waited.value.headers["Retry-After"] == "2"


def test_the_lockout_ends_after_its_time_and_counting_starts_over() -> None:
    clock = Clock()
    throttle = _throttle(clock)
    for _ in range(5):
        clock.now += 10
        _fail(throttle)
    with pytest.raises(RateLimited):  # the fifth failure started a 300 s lockout
        throttle.admit("c")
    clock.now += 299
    with pytest.raises(RateLimited):
        throttle.admit("c")
    clock.now += 2
    assert throttle.admit("c") == 1


def test_parallel_attempts_cannot_pass_the_limit_before_any_failure_is_recorded() -> None:
    throttle = _throttle(Clock())
    admitted = [throttle.admit("c") for _ in range(5)]
    assert admitted == [1, 2, 3, 4, 5]
    with pytest.raises(RateLimited):
        throttle.admit("c")
