"""The lockout and the single-use state hold across instances when the context store is Redis."""

from __future__ import annotations

import pytest

from klepaas_auth import state
from klepaas_auth.settings import get_settings
from klepaas_auth.throttle import Throttle
from klepaas_shared.context import RedisContext
from klepaas_shared.errors import BadRequest, RateLimited

from .conftest import CALLBACK, Env

pytestmark = pytest.mark.redis


def test_a_lockout_started_on_one_instance_holds_on_another(redis_url: str) -> None:
    first = Throttle(RedisContext(redis_url, prefix="t1:"), throttle_after=10, lockout_after=3, lockout_s=60)
    second = Throttle(RedisContext(redis_url, prefix="t1:"), throttle_after=10, lockout_after=3, lockout_s=60)
    for limiter in (first, second, first):
        limiter.failed("198.51.100.7", limiter.admit("198.51.100.7"))
    with pytest.raises(RateLimited):
        second.admit("198.51.100.7")
    second.succeeded("198.51.100.7")
    assert first.admit("198.51.100.7") == 1


def test_a_state_used_on_one_instance_is_refused_on_another(redis_url: str, env: Env) -> None:
    env.set(KLEPAAS_REDIS_URL=redis_url)
    issued = state.issue("github", CALLBACK, get_settings())
    state.check(issued, "github", CALLBACK, get_settings())
    from klepaas_shared import context

    context.get_context.cache_clear()  # a fresh instance: a new client, the same Redis
    with pytest.raises(BadRequest, match="already used"):
        state.check(issued, "github", CALLBACK, get_settings())
