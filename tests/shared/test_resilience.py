"""Retry with backoff and jitter (Retry-After honoured) and the circuit breaker."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from klepaas_shared.errors import BadRequest, RateLimited, Unavailable, UpstreamError
from klepaas_shared.resilience import CircuitBreaker, CircuitOpen, CircuitState, retry


class Flaky:
    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def test_retry_returns_after_transient_failures_with_bounded_jittered_waits() -> None:
    waits: list[float] = []
    fn = Flaky(Unavailable("1"), UpstreamError("2"), Unavailable("3"))
    assert retry(fn, attempts=4, base_s=0.2, sleep=waits.append) == "ok"
    assert fn.calls == 4
    assert len(waits) == 3
    for attempt, wait in enumerate(waits, start=1):
        assert 0 <= wait <= 0.2 * 2 ** (attempt - 1)


def test_retry_honours_retry_after() -> None:
    waits: list[float] = []
    fn = Flaky(RateLimited("slow down", retry_after_s=3))
    assert retry(fn, sleep=waits.append) == "ok"
    assert waits == [3.0]


def test_retry_after_is_capped_by_the_maximum_wait() -> None:
    waits: list[float] = []
    retry(Flaky(RateLimited("later", retry_after_s=120)), max_s=5, sleep=waits.append)
    assert waits == [5]


def test_a_non_retryable_error_is_raised_at_once() -> None:
    waits: list[float] = []
    fn = Flaky(BadRequest("no"))
    with pytest.raises(BadRequest):
        retry(fn, sleep=waits.append)
    assert (fn.calls, waits) == (1, [])
    plain = Flaky(KeyError("bug"))
    with pytest.raises(KeyError):
        retry(plain, sleep=waits.append)
    assert plain.calls == 1


def test_the_last_error_is_raised_when_attempts_run_out() -> None:
    fn = Flaky(*(Unavailable(str(i)) for i in range(5)))
    with pytest.raises(Unavailable, match="2"):
        retry(fn, attempts=3, sleep=lambda _: None)
    assert fn.calls == 3


def test_a_wait_beyond_the_deadline_is_not_taken() -> None:
    waits: list[float] = []
    fn = Flaky(RateLimited("later", retry_after_s=30))
    with pytest.raises(RateLimited):
        retry(fn, deadline_s=5, sleep=waits.append)
    assert (fn.calls, waits) == (1, [])


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def fail() -> Any:
    raise UpstreamError("down")


def test_the_breaker_opens_after_failures_in_a_row_and_rejects_without_calling() -> None:
    clock = Clock()
    breaker = CircuitBreaker("github", failure_threshold=3, reset_timeout_s=10, clock=clock)
    for _ in range(2):
        with pytest.raises(UpstreamError):
            breaker.call(fail)
    assert breaker.call(lambda: 1) == 1  # a success resets the count
    for _ in range(3):
        with pytest.raises(UpstreamError):
            breaker.call(fail)
    assert breaker.state is CircuitState.OPEN
    called: list[int] = []
    with pytest.raises(CircuitOpen) as raised:
        breaker.call(lambda: called.append(1))
    assert called == []
    assert raised.value.http_status == 503 and raised.value.retryable
    assert breaker.snapshot() == {"name": "github", "state": "open", "failures": 3}


def test_half_open_allows_one_trial_then_closes_on_success() -> None:
    clock = Clock()
    breaker = CircuitBreaker("slack", failure_threshold=1, reset_timeout_s=10, clock=clock)
    with pytest.raises(UpstreamError):
        breaker.call(fail)
    clock.now = 10
    assert breaker.state is CircuitState.HALF_OPEN
    started, release = threading.Event(), threading.Event()
    results: list[Any] = []

    def trial() -> str:
        started.set()
        release.wait(5)
        return "recovered"

    thread = threading.Thread(target=lambda: results.append(breaker.call(trial)))
    thread.start()
    assert started.wait(5)
    with pytest.raises(CircuitOpen):
        breaker.call(lambda: "second trial")  # only one trial at a time
    release.set()
    thread.join(5)
    assert results == ["recovered"]
    assert breaker.state is CircuitState.CLOSED


def test_a_failed_trial_opens_the_breaker_again() -> None:
    clock = Clock()
    breaker = CircuitBreaker("llm", failure_threshold=2, reset_timeout_s=10, clock=clock)
    for _ in range(2):
        with pytest.raises(UpstreamError):
            breaker.call(fail)
    clock.now = 11
    with pytest.raises(UpstreamError):
        breaker.call(fail)
    assert breaker.state is CircuitState.OPEN
    clock.now = 20
    assert breaker.state is CircuitState.OPEN
    clock.now = 21
    assert breaker.call(lambda: "ok") == "ok"
    assert breaker.state is CircuitState.CLOSED


def test_errors_the_breaker_does_not_count_leave_it_closed() -> None:
    breaker = CircuitBreaker("k8s", failure_threshold=1)
    with pytest.raises(BadRequest):
        breaker.call(
            lambda: (_ for _ in ()).throw(BadRequest("client error")), counts=lambda e: not isinstance(e, BadRequest)
        )
    assert breaker.state is CircuitState.CLOSED
