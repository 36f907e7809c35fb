"""Short-lived context (conversation sessions, caches, rate counters): Redis, or in-process.

Two kinds of state live here, with two failure policies:

- conversation context (:func:`get_context`) may be lost: while Redis is unreachable it is kept
  in memory, with a warning, so nlp keeps working;
- security state (:func:`security_context`: OAuth state, login throttles, rate limits) must be
  shared by every instance: outside local dev an unreachable Redis is an error that says so,
  never a silent per-instance fallback.

Memorystore speaks TLS (``rediss://``) with a CA of its own, read from ``KLEPAAS_REDIS_CA_PATH``.
Counters and the token bucket are single atomic steps on the server (Lua), never a read and a write.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from .errors import ConfigError, Unavailable
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

    def take(self, key: str, bucket: Bucket, now: float) -> float:
        """Reserve one slot of the token bucket ``key``: the seconds until it comes, or
        :class:`~klepaas_shared.errors.RateLimited`-worthy ``-wait`` (nothing reserved) when that
        is more than ``bucket.max_wait_s``."""


@dataclass(frozen=True)
class Bucket:
    """A token bucket: ``rate_per_s`` slots a second, ``burst`` at once, callers wait at most
    ``max_wait_s``; its state is ``{"tokens", "at", "until"}`` (``until``: held after a 429)."""

    rate_per_s: float
    burst: int
    max_wait_s: float
    ttl_s: int = 600


def bucket_step(state: dict[str, Any], bucket: Bucket, now: float) -> tuple[dict[str, Any] | None, float]:
    """The bucket's next state and the wait for one slot (None and ``-wait`` when refused).
    :data:`_TAKE` is the same step in Lua."""
    tokens = float(state.get("tokens", bucket.burst))
    elapsed = max(0.0, now - float(state.get("at", now)))
    until = float(state.get("until", 0.0))
    tokens = min(float(bucket.burst), tokens + elapsed * bucket.rate_per_s) - 1.0
    wait = max(0.0, -tokens / bucket.rate_per_s, until - now)
    if wait > bucket.max_wait_s:
        return None, -wait
    return {"tokens": tokens, "at": now, "until": until}, wait


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

    def take(self, key: str, bucket: Bucket, now: float) -> float:
        with self._lock:
            raw = self._live(key)
            state, wait = bucket_step(json.loads(raw) if raw else {}, bucket, now)
            if state is not None:
                self._data[key] = (json.dumps(state), self._clock() + bucket.ttl_s)
            return wait


# INCR and its expiry in one step: a key never outlives its window, even if a client dies between.
_INCR = """
local count = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""
# bucket_step on the server: one reservation at a time across every instance. Numbers travel as
# strings (a Lua number in a reply is cut to an integer).
_TAKE = """
local now, rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local max_wait, ttl = tonumber(ARGV[4]), tonumber(ARGV[5])
local state = {}
local raw = redis.call('GET', KEYS[1])
if raw then state = cjson.decode(raw) end
local tokens = tonumber(state['tokens']) or burst
local at = tonumber(state['at']) or now
local held = tonumber(state['until']) or 0
tokens = math.min(burst, tokens + math.max(0, now - at) * rate) - 1
local wait = math.max(0, -tokens / rate, held - now)
if wait > max_wait then return tostring(-wait) end
redis.call('SET', KEYS[1], cjson.encode({tokens = tokens, at = now, ['until'] = held}), 'EX', ttl)
return tostring(wait)
"""


class RedisContext:
    """Redis (Memorystore). A call waits at most ``timeout_s``; after a failure Redis is tried
    again only ``retry_after_s`` later, so a Redis that stopped answering costs one timeout, not
    one per call. Meanwhile a ``fail_closed`` store raises :class:`Unavailable`; any other keeps
    the context in memory and warns once.
    """

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "klepaas:",
        timeout_s: float = 0.5,
        retry_after_s: float = 5.0,
        clock: Any = time.monotonic,
        ca_path: str = "",
        fail_closed: bool = False,
    ) -> None:
        import redis  # imported on first use: cold start matters

        self._redis = redis.Redis.from_url(
            url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s, **tls_options(url, ca_path)
        )
        self._errors: tuple[type[Exception], ...] = (redis.ConnectionError, redis.TimeoutError)
        self._incr = self._redis.register_script(_INCR)
        self._take = self._redis.register_script(_TAKE)
        self._prefix = prefix
        self._fallback = MemoryContext()
        self._fail_closed = fail_closed
        self._degraded = False
        self._retry_after_s, self._clock = retry_after_s, clock
        self._retry_at = 0.0

    @property
    def degraded(self) -> bool:
        return self._degraded

    def _unavailable(self) -> Unavailable:
        return Unavailable(
            "Redis (KLEPAAS_REDIS_URL) is unreachable; sign-in state, throttles and rate limits need it,"
            " so this request is refused rather than checked on one instance only. Try again shortly."
        )

    def _run(self, call: Any, *args: Any, **kwargs: Any) -> Any:
        if self._degraded and self._clock() < self._retry_at:
            raise self._unavailable() if self._fail_closed else _Fallback
        try:
            result = call(*args, **kwargs)
        except self._errors as exc:
            if not self._degraded:
                what = "refusing security state" if self._fail_closed else "keeping context in memory"
                level = log.error if self._fail_closed else log.warning
                level(f"redis unreachable; {what}", extra=log_fields(error=type(exc).__name__))
            self._degraded = True
            self._retry_at = self._clock() + self._retry_after_s
            if self._fail_closed:
                raise self._unavailable() from None
            raise _Fallback from exc
        if self._degraded:
            log.info("redis reachable again")
            self._degraded = False
        return result

    def get_json(self, key: str) -> Any | None:
        try:
            raw = self._run(self._redis.get, self._prefix + key)
        except _Fallback:
            return self._fallback.get_json(key)
        return None if raw is None else json.loads(raw)

    def set_json(self, key: str, value: Any, ttl_s: int) -> None:
        try:
            self._run(self._redis.set, self._prefix + key, json.dumps(value, ensure_ascii=False), ttl_s)
        except _Fallback:
            self._fallback.set_json(key, value, ttl_s)

    def delete(self, key: str) -> None:
        try:
            self._run(self._redis.delete, self._prefix + key)
        except _Fallback:
            self._fallback.delete(key)

    def touch(self, key: str, ttl_s: int) -> None:
        try:
            self._run(self._redis.expire, self._prefix + key, ttl_s)
        except _Fallback:
            self._fallback.touch(key, ttl_s)

    def incr(self, key: str, ttl_s: int) -> int:
        try:
            return int(self._run(self._incr, keys=[self._prefix + key], args=[ttl_s]))
        except _Fallback:
            return self._fallback.incr(key, ttl_s)

    def take(self, key: str, bucket: Bucket, now: float) -> float:
        args = [repr(now), repr(bucket.rate_per_s), bucket.burst, repr(bucket.max_wait_s), bucket.ttl_s]
        try:
            return float(self._run(self._take, keys=[self._prefix + key], args=args))
        except _Fallback:
            return self._fallback.take(key, bucket, now)


def tls_options(url: str, ca_path: str) -> dict[str, Any]:
    """redis-py's TLS options for ``url``: a ``rediss://`` URL is verified against the CA in
    ``ca_path`` (Memorystore's per-instance server CA, which Terraform mounts there)."""
    if not url.startswith("rediss://"):
        return {}
    if not ca_path:
        raise ConfigError("KLEPAAS_REDIS_CA_PATH must name the Redis server's CA file for a rediss:// URL")
    if not os.path.isfile(ca_path):
        raise ConfigError(f"KLEPAAS_REDIS_CA_PATH names no readable file ({ca_path!r})")
    # Trust only this instance's own CA. Memorystore's server certificate does not name the IP
    # clients connect to, so the chain to that CA is the check, not the host name.
    return {"ssl_ca_certs": ca_path, "ssl_cert_reqs": "required", "ssl_check_hostname": False}


class _Fallback(Exception):
    """Internal: Redis failed, use memory."""


@cache
def get_context() -> ContextStore:
    """Conversation context: Redis when ``KLEPAAS_REDIS_URL`` is set (memory, with a warning,
    while it is unreachable), the in-process stand-in otherwise."""
    from .settings import common

    config = common()
    return RedisContext(config.redis_url, ca_path=config.redis_ca_path) if config.redis_url else MemoryContext()


LOCAL_ENVS = frozenset({"local", "test"})


@cache
def security_context() -> ContextStore:
    """OAuth state, login throttles and rate limits. In local dev, the same store as
    :func:`get_context`; elsewhere Redis or an error (unset: ConfigError; unreachable: Unavailable)."""
    from .settings import common

    config = common()
    if config.env in LOCAL_ENVS:
        return get_context()
    if not config.redis_url:
        raise ConfigError(
            f"KLEPAAS_REDIS_URL must be set in {config.env}: sign-in state, throttles and rate limits"
            " must be shared by every instance"
        )
    return RedisContext(config.redis_url, ca_path=config.redis_ca_path, fail_closed=True)
