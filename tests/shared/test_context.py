"""The context store: Redis (against a real redis-server) and the in-process stand-in, same behaviour."""

from __future__ import annotations

import logging
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from klepaas_fakes.services import free_port
from klepaas_shared.context import ContextStore, MemoryContext, RedisContext, get_context

from .conftest import Records


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def ctx(request: pytest.FixtureRequest) -> Iterator[tuple[ContextStore, Callable[[float], None]]]:
    """A context store and a way to let time pass for it (a fake clock in memory, real time in Redis)."""
    if request.param == "memory":
        clock = FakeClock()

        def advance(seconds: float) -> None:
            clock.now += seconds

        yield MemoryContext(clock=clock), advance
    else:
        url = request.getfixturevalue("redis_url")
        yield RedisContext(url, prefix=f"test-{uuid.uuid4().hex}:"), time.sleep


def gone_within(ctx: ContextStore, key: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if ctx.get_json(key) is None:
            return True
        time.sleep(0.05)
    return False


def test_values_round_trip_as_json_and_delete(ctx: tuple[ContextStore, Any]) -> None:
    store, _ = ctx
    assert store.get_json("missing") is None
    value = {"turns": [{"role": "user", "text": "nginx 재시작해줘"}], "n": 2, "ok": True}
    store.set_json("session:1", value, 60)
    assert store.get_json("session:1") == value
    store.set_json("session:1", [1, 2], 60)
    assert store.get_json("session:1") == [1, 2]
    store.delete("session:1")
    assert store.get_json("session:1") is None
    store.delete("session:1")


def test_a_value_expires_after_its_ttl(ctx: tuple[ContextStore, Callable[[float], None]]) -> None:
    store, advance = ctx
    store.set_json("short", "v", 1)
    store.set_json("long", "v", 60)
    assert store.get_json("short") == "v"
    advance(1.05)
    assert store.get_json("long") == "v"
    assert gone_within(store, "short", 2.0)


def test_touch_slides_the_expiry(ctx: tuple[ContextStore, Callable[[float], None]]) -> None:
    store, advance = ctx
    store.set_json("k", "v", 1)
    store.touch("k", 3)
    advance(1.2)
    assert store.get_json("k") == "v"  # would have expired without the touch
    store.touch("absent", 3)
    assert store.get_json("absent") is None


def test_incr_counts_and_expires_from_the_first_increment(ctx: tuple[ContextStore, Callable[[float], None]]) -> None:
    store, advance = ctx
    assert [store.incr("rate:u1", 1) for _ in range(3)] == [1, 2, 3]
    assert store.incr("rate:u2", 60) == 1
    advance(1.05)
    assert gone_within(store, "rate:u1", 2.0)
    assert store.incr("rate:u1", 1) == 1
    assert store.incr("rate:u2", 60) == 2


def test_memory_context_sweeps_expired_keys_nobody_reads_again() -> None:
    clock = FakeClock()
    store = MemoryContext(clock=clock)
    store.set_json("session:kept", {"n": 0}, 600)
    for window in range(500):  # a rate counter per minute window, sessions never read again
        store.incr(f"rate:user-1:{window}", 60)
        store.set_json(f"session:{window}", {"n": window}, 60)
    clock.now += 61
    store.incr("rate:user-1:next", 60)
    assert len(store) == 2
    assert store.get_json("session:kept") == {"n": 0}


@pytest.mark.redis
def test_redis_values_live_in_redis_under_the_prefix(redis_url: str) -> None:
    import redis

    ctx = RedisContext(redis_url, prefix="pfx-test:")
    ctx.set_json("k", {"a": 1}, 30)
    raw = redis.Redis.from_url(redis_url)
    assert raw.get("pfx-test:k") == b'{"a": 1}'
    assert 0 < int(raw.ttl("pfx-test:k")) <= 30
    assert ctx.degraded is False
    raw.close()


def test_unreachable_redis_falls_back_to_memory_and_warns_once(klepaas_logs: Records) -> None:
    ctx = RedisContext(f"redis://127.0.0.1:{free_port()}/0", timeout_s=0.2)
    ctx.set_json("k", {"a": 1}, 60)
    assert ctx.get_json("k") == {"a": 1}
    assert ctx.incr("n", 60) == 1
    assert ctx.incr("n", 60) == 2
    ctx.touch("k", 60)
    ctx.delete("k")
    assert ctx.get_json("k") is None
    assert ctx.degraded is True
    warnings = [m for m in klepaas_logs.messages(logging.WARNING) if "redis" in m]
    assert warnings == ["redis unreachable; keeping context in memory"]


def test_get_context_is_memory_without_a_url_and_redis_with_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from klepaas_fakes.env import reset_caches

    assert isinstance(get_context(), MemoryContext)
    monkeypatch.setenv("KLEPAAS_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    reset_caches()
    assert isinstance(get_context(), RedisContext)


@contextmanager
def silent_server() -> Iterator[str]:
    """A loopback port that accepts connections and never answers (a Redis that hangs)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


def test_a_redis_that_stops_answering_costs_one_timeout_then_memory_until_it_is_tried_again() -> None:
    clock = FakeClock()
    with silent_server() as url:
        ctx = RedisContext(url, timeout_s=0.3, retry_after_s=5.0, clock=clock)
        started = time.monotonic()
        ctx.set_json("k", {"a": 1}, 60)
        assert 0.2 < time.monotonic() - started < 2.0
        assert ctx.degraded is True
        started = time.monotonic()
        for _ in range(20):  # within the cooldown: memory only, no waiting on Redis
            assert ctx.get_json("k") == {"a": 1}
        assert ctx.incr("n", 60) == 1
        assert time.monotonic() - started < 0.2
        clock.now += 6  # the cooldown is over: Redis is tried (and waited for) again
        started = time.monotonic()
        assert ctx.get_json("k") == {"a": 1}
        assert 0.2 < time.monotonic() - started < 2.0
