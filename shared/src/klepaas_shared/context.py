"""Short-lived context (conversation sessions, caches, rate counters): Redis, or in-process.

What lives here may be lost. When Redis is unreachable the store falls back to memory and says
so in the logs, so the nlp function keeps working without memory.
"""

from __future__ import annotations

import json
import threading
import time
from functools import cache
from typing import Any, Protocol

from .logs import get_logger, log_fields

log = get_logger("context")
_SWEEP_EVERY_S = 60.0


class ContextStore(Protocol):
    def get_json(self, key: str) -> Any | None: ...
    def set_json(self, key: str, value: Any, ttl_s: int) -> None: ...
    def delete(self, key: str) -> None: ...
    def touch(self, key: str, ttl_s: int) -> None:
        """Slide the expiry of ``key``."""

    def incr(self, key: str, ttl_s: int) -> int:
        """Add one and return the count; the key expires ``ttl_s`` after it was created."""


class MemoryContext:
    """The in-process stand-in: a dict with expiries, safe across threads.

    An expired key goes when it is read, and in a sweep at most once a minute (on a write), so
    keys nobody reads again (a rate counter per minute window, a finished session) do not pile up.
    """

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._data: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._clock = clock
        self._next_sweep = clock() + _SWEEP_EVERY_S

    def __len__(self) -> int:
        """Entries held, counting expired ones not swept yet."""
        return len(self._data)

    def _sweep(self) -> None:
        now = self._clock()
        if now < self._next_sweep:
            return
        self._next_sweep = now + _SWEEP_EVERY_S
        for key in [k for k, (_, expires) in self._data.items() if expires <= now]:
            del self._data[key]

    def _live(self, key: str) -> str | None:
        item = self._data.get(key)
        if item is None:
            return None
        if item[1] <= self._clock():
            del self._data[key]
            return None
        return item[0]

    def get_json(self, key: str) -> Any | None:
        with self._lock:
            raw = self._live(key)
        return None if raw is None else json.loads(raw)

    def set_json(self, key: str, value: Any, ttl_s: int) -> None:
        with self._lock:
            self._sweep()
            self._data[key] = (json.dumps(value, ensure_ascii=False), self._clock() + ttl_s)

    def delete(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)

    def touch(self, key: str, ttl_s: int) -> None:
        with self._lock:
            raw = self._live(key)
            if raw is not None:
                self._data[key] = (raw, self._clock() + ttl_s)

    def incr(self, key: str, ttl_s: int) -> int:
        with self._lock:
            self._sweep()
            raw = self._live(key)
            if raw is None:
                self._data[key] = ("1", self._clock() + ttl_s)
                return 1
            count = int(raw) + 1
            self._data[key] = (str(count), self._data[key][1])
            return count


class RedisContext:
    """Redis (Memorystore) with a memory fallback while Redis is unreachable.

    A call waits at most ``timeout_s`` for Redis; after a failure, Redis is tried again only
    ``retry_after_s`` later, so a Redis that stopped answering costs one timeout, not one per call.
    """

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "klepaas:",
        timeout_s: float = 0.5,
        retry_after_s: float = 5.0,
        clock: Any = time.monotonic,
    ) -> None:
        import redis  # imported on first use: cold start matters

        self._redis = redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)
        self._errors: tuple[type[Exception], ...] = (redis.ConnectionError, redis.TimeoutError)
        self._prefix = prefix
        self._fallback = MemoryContext()
        self._degraded = False
        self._retry_after_s, self._clock = retry_after_s, clock
        self._retry_at = 0.0

    @property
    def degraded(self) -> bool:
        return self._degraded

    def _run(self, name: str, *args: Any) -> Any:
        if self._degraded and self._clock() < self._retry_at:
            raise _Fallback
        try:
            result = getattr(self._redis, name)(*args)
        except self._errors as exc:
            if not self._degraded:
                log.warning("redis unreachable; keeping context in memory", extra=log_fields(error=type(exc).__name__))
            self._degraded = True
            self._retry_at = self._clock() + self._retry_after_s
            raise _Fallback from exc
        if self._degraded:
            log.info("redis reachable again")
            self._degraded = False
        return result

    def get_json(self, key: str) -> Any | None:
        try:
            raw = self._run("get", self._prefix + key)
        except _Fallback:
            return self._fallback.get_json(key)
        return None if raw is None else json.loads(raw)

    def set_json(self, key: str, value: Any, ttl_s: int) -> None:
        try:
            self._run("set", self._prefix + key, json.dumps(value, ensure_ascii=False), ttl_s)
        except _Fallback:
            self._fallback.set_json(key, value, ttl_s)

    def delete(self, key: str) -> None:
        try:
            self._run("delete", self._prefix + key)
        except _Fallback:
            self._fallback.delete(key)

    def touch(self, key: str, ttl_s: int) -> None:
        try:
            self._run("expire", self._prefix + key, ttl_s)
        except _Fallback:
            self._fallback.touch(key, ttl_s)

    def incr(self, key: str, ttl_s: int) -> int:
        try:
            count = int(self._run("incr", self._prefix + key))
            if count == 1:
                self._run("expire", self._prefix + key, ttl_s)
            return count
        except _Fallback:
            return self._fallback.incr(key, ttl_s)


class _Fallback(Exception):
    """Internal: Redis failed, use memory."""


@cache
def get_context() -> ContextStore:
    """Redis when ``KLEPAAS_REDIS_URL`` is set, the in-process stand-in otherwise."""
    from .settings import common

    url = common().redis_url
    return RedisContext(url) if url else MemoryContext()
