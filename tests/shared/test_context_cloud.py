"""Redis as Memorystore runs it (issue 16, items 1 and 9): TLS with a CA of its own, security state
that fails closed outside local dev, and counters and the Slack bucket that are atomic across
instances. Against real redis-servers (one TLS-only)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from klepaas_fakes.env import reset_caches
from klepaas_fakes.services import free_port, redis_tls_server
from klepaas_fakes.tls import make_ca
from klepaas_shared.context import Bucket, RedisContext, get_context, security_context
from klepaas_shared.errors import ConfigError, Unavailable

from .conftest import Records

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def tls_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    with redis_tls_server(tmp_path_factory.mktemp("redis-tls")) as (url, ca):
        yield url, ca


def use(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    reset_caches()


def test_a_rediss_url_is_verified_against_the_ca_at_klepaas_redis_ca_path(
    tls_redis: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, ca = tls_redis
    use(monkeypatch, KLEPAAS_ENV="production", KLEPAAS_REDIS_URL=url, KLEPAAS_REDIS_CA_PATH=str(ca))
    key = f"k-{uuid.uuid4().hex}"
    security_context().set_json(key, {"a": 1}, 30)
    assert isinstance(security_context(), RedisContext) and security_context().get_json(key) == {"a": 1}
    get_context().set_json(key + "c", {"b": 2}, 30)
    fresh = RedisContext(url, ca_path=str(ca))  # another instance sees the same values
    assert fresh.get_json(key + "c") == {"b": 2} and not fresh.degraded


def test_a_server_outside_that_ca_is_refused_security_fails_closed_and_conversation_degrades(
    tls_redis: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, klepaas_logs: Records
) -> None:
    url, _ = tls_redis
    other = make_ca(tmp_path, "someone-else")
    use(monkeypatch, KLEPAAS_ENV="production", KLEPAAS_REDIS_URL=url, KLEPAAS_REDIS_CA_PATH=str(other.cert))
    with pytest.raises(Unavailable, match=r"Redis .* is unreachable.*refused rather than checked on one instance"):
        security_context().incr("auth:state:n1", 60)
    with pytest.raises(Unavailable):  # and again, without waiting for Redis a second time
        security_context().get_json("auth:throttle")
    get_context().set_json("session", {"turn": 1}, 60)
    assert get_context().get_json("session") == {"turn": 1}
    warnings = [m for m in klepaas_logs.messages(logging.WARNING) if "redis" in m]
    assert warnings == ["redis unreachable; refusing security state", "redis unreachable; keeping context in memory"]


def test_a_rediss_url_without_its_ca_is_a_config_error_that_names_the_variable(
    tls_redis: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    use(monkeypatch, KLEPAAS_ENV="staging", KLEPAAS_REDIS_URL=tls_redis[0], KLEPAAS_REDIS_CA_PATH="")
    with pytest.raises(ConfigError, match="KLEPAAS_REDIS_CA_PATH"):
        security_context()
    use(monkeypatch, KLEPAAS_REDIS_CA_PATH="/nonexistent/ca.pem")
    with pytest.raises(ConfigError, match="KLEPAAS_REDIS_CA_PATH names no readable file"):
        get_context()


def test_outside_local_dev_security_state_without_redis_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, KLEPAAS_ENV="staging", KLEPAAS_REDIS_URL="")
    with pytest.raises(ConfigError, match="KLEPAAS_REDIS_URL must be set in staging"):
        security_context()
    use(monkeypatch, KLEPAAS_ENV="local")
    assert security_context() is get_context()  # local dev: one in-process store


def test_an_unreachable_redis_fails_closed_for_security_state_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, KLEPAAS_ENV="production", KLEPAAS_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    with pytest.raises(Unavailable) as caught:
        security_context().incr("mcp:rate:u:1", 60)
    assert caught.value.http_status == 503 and caught.value.retryable


def test_a_counter_left_without_expiry_gets_one_on_its_next_increment(redis_url: str) -> None:
    import redis

    prefix = f"t-{uuid.uuid4().hex}:"
    raw = redis.Redis.from_url(redis_url)
    raw.incr(prefix + "n")  # what a dead client left between INCR and EXPIRE before
    assert raw.ttl(prefix + "n") == -1
    assert RedisContext(redis_url, prefix=prefix).incr("n", 60) == 2
    assert 0 < int(raw.ttl(prefix + "n")) <= 60
    raw.close()


def test_increments_from_many_instances_at_once_count_every_one(redis_url: str) -> None:
    prefix = f"t-{uuid.uuid4().hex}:"
    instances = [RedisContext(redis_url, prefix=prefix) for _ in range(4)]
    with ThreadPoolExecutor(16) as pool:
        counts = list(pool.map(lambda i: instances[i % 4].incr("n", 60), range(200)))
    assert sorted(counts) == list(range(1, 201))


def test_the_slack_bucket_hands_each_slot_to_one_sender_across_instances(redis_url: str) -> None:
    prefix = f"t-{uuid.uuid4().hex}:"
    instances = [RedisContext(redis_url, prefix=prefix) for _ in range(4)]
    bucket = Bucket(rate_per_s=2.0, burst=4, max_wait_s=100.0)
    with ThreadPoolExecutor(16) as pool:  # one instant: no refill, so every wait is a distinct slot
        waits = list(pool.map(lambda i: instances[i % 4].take("slack:bucket:C1", bucket, 5000.0), range(40)))
    assert sorted(waits) == [0.0] * 4 + [n / 2 for n in range(1, 37)]


def test_a_saturated_bucket_refuses_without_reserving(redis_url: str) -> None:
    ctx = RedisContext(redis_url, prefix=f"t-{uuid.uuid4().hex}:")
    bucket = Bucket(rate_per_s=1.0, burst=1, max_wait_s=1.5)
    assert [ctx.take("b", bucket, 100.0) for _ in range(3)] == [0.0, 1.0, -2.0]
    assert ctx.take("b", bucket, 100.0) == -2.0  # the refused one took nothing
