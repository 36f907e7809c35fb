"""The lockout, the single-use state and the one-time code hold across instances on Redis."""

from __future__ import annotations

import pytest

from klepaas_auth import login
from klepaas_auth.throttle import Throttle
from klepaas_fakes.oauth import GitHubOAuth
from klepaas_shared.context import RedisContext
from klepaas_shared.errors import BadRequest, RateLimited

from .conftest import CALLBACK, Env, follow_consent, query_of

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


def _new_instance() -> None:
    """A fresh instance: new clients, the same Redis."""
    from klepaas_shared import context

    context.get_context.cache_clear()
    context.security_context.cache_clear()


def test_a_state_and_a_code_used_on_one_instance_are_refused_on_another(
    redis_url: str, env: Env, github: GitHubOAuth
) -> None:
    env.set(KLEPAAS_REDIS_URL=redis_url)
    _new_instance()
    back = query_of(follow_consent(login.begin("github", CALLBACK)))
    console = query_of(login.finish("github", back))
    _new_instance()
    with pytest.raises(BadRequest, match="already completed"):
        login.finish("github", back)
    assert login.redeem(console["code"], "github", CALLBACK)["provider_id"] == "583231"
    _new_instance()
    with pytest.raises(BadRequest, match="not valid"):
        login.redeem(console["code"], "github", CALLBACK)
    _new_instance()
