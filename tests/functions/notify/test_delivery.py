"""Delivery through slack-sdk against the Slack stand-in: ok, refusals, 429 + Retry-After, 5xx."""

from __future__ import annotations

import time

import pytest

from klepaas_fakes.slack import FakeSlack, SlackState, slack_server
from klepaas_notify.slack.bot import BotSender
from klepaas_notify.slack.errors import SlackRejected
from klepaas_notify.slack.ratelimit import ChannelLimiter
from klepaas_notify.slack.webhook import WebhookSender
from klepaas_shared.context import MemoryContext
from klepaas_shared.errors import RateLimited, UpstreamError

NOBODY = "http://127.0.0.1:9/api/"  # the discard port: nothing listens on loopback


def _limiter() -> ChannelLimiter:
    return ChannelLimiter(MemoryContext(), rate_per_s=100, burst=50, max_wait_s=5)


def _sender(fake: FakeSlack, token: str = "xoxb-test-token", attempts: int = 4) -> BotSender:
    limiter = ChannelLimiter(MemoryContext(), rate_per_s=100, burst=50, max_wait_s=5)
    return BotSender(token, fake.api_url, limiter, attempts=attempts)


def test_post_and_update_change_one_message(slack: FakeSlack) -> None:
    sender = _sender(slack)
    posted = sender.post("#deployments", "hello", [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}])
    sender.update(posted.channel, posted.ts, "changed", None)
    [message] = slack.posts("#deployments")
    assert (message.text, message.ts) == ("changed", posted.ts)
    assert message.updates[0]["blocks"][0]["text"]["text"] == "hi"


def test_a_refusal_is_not_retried(slack: FakeSlack) -> None:
    with pytest.raises(SlackRejected, match="invalid_auth"):
        _sender(slack, token="xoxb-wrong").post("#deployments", "x", None)
    assert slack.state.calls == ["chat.postMessage"]


def test_429_waits_for_retry_after_then_succeeds(slack: FakeSlack) -> None:
    slack.state.queued_faults = [429]
    started = time.monotonic()
    _sender(slack).post("#deployments", "after the wait", None)
    assert time.monotonic() - started >= 0.9  # the stand-in said Retry-After: 1
    assert [m.text for m in slack.posts()] == ["after the wait"]
    assert slack.state.calls == ["chat.postMessage", "chat.postMessage"]


def test_5xx_is_retried_and_posts_once(slack: FakeSlack) -> None:
    slack.state.queued_faults = [500, 503]
    _sender(slack).post("#deployments", "once", None)
    assert [m.text for m in slack.posts()] == ["once"]


def test_5xx_that_never_ends_is_an_upstream_error(slack: FakeSlack) -> None:
    slack.state.queued_faults = [500, 500]
    with pytest.raises(UpstreamError):
        _sender(slack, attempts=2).post("#deployments", "never", None)
    assert slack.posts() == []


def test_incoming_webhook_posts_and_honours_429() -> None:
    with slack_server(SlackState()) as fake:
        limiter = ChannelLimiter(MemoryContext(), rate_per_s=100, burst=50, max_wait_s=5)
        fake.state.queued_faults = [500]
        WebhookSender(fake.webhook_url, limiter).post("#ignored", "via webhook", None)
        assert [p["text"] for p in fake.state.webhook_posts] == ["via webhook"]


def test_the_limiter_spaces_a_channel_and_refuses_a_long_wait() -> None:
    now = [1000.0]
    waited: list[float] = []

    def sleep(seconds: float) -> None:
        waited.append(seconds)

    limiter = ChannelLimiter(MemoryContext(), rate_per_s=1, burst=2, max_wait_s=2.5, clock=lambda: now[0], sleep=sleep)
    assert [limiter.acquire("#a") for _ in range(4)] == [0, 0, 1.0, 2.0]
    assert limiter.acquire("#b") == 0  # channels are independent
    with pytest.raises(RateLimited):
        limiter.acquire("#a")
    limiter.penalize("#b", 2.5)
    assert limiter.acquire("#b") == 2.5


def test_the_clients_retry_through_slack_sdks_own_handlers() -> None:
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler,
        RateLimitErrorRetryHandler,
        ServerErrorRetryHandler,
    )

    sender = BotSender(
        "xoxb-test-token",
        "http://127.0.0.1:9/api/",
        ChannelLimiter(MemoryContext(), rate_per_s=100, burst=50, max_wait_s=5),
        attempts=4,
    )
    kinds = (RateLimitErrorRetryHandler, ServerErrorRetryHandler, ConnectionErrorRetryHandler)
    handlers = sender.client().retry_handlers
    assert [next(k for k in kinds if isinstance(h, k)) for h in handlers] == list(kinds)
    assert {h.max_retry_count for h in handlers} == {3}


def test_a_429_tells_the_channels_limiter_so_the_next_post_waits_too(slack: FakeSlack) -> None:
    waited: list[float] = []
    limiter = ChannelLimiter(
        MemoryContext(), rate_per_s=100, burst=50, max_wait_s=5, clock=lambda: 1000.0, sleep=waited.append
    )
    slack.state.queued_faults = [429]
    BotSender("xoxb-test-token", slack.api_url, limiter).post("#deployments", "after the wait", None)
    assert slack.state.calls == ["chat.postMessage", "chat.postMessage"]
    assert waited == []
    assert limiter.acquire("#deployments") == 1.0  # held for the Retry-After Slack gave (this clock stands still)
    assert limiter.acquire("#elsewhere") == 0


def test_a_retry_after_too_long_to_wait_fails_at_once_for_a_later_redelivery(slack: FakeSlack) -> None:
    slack.state.queued_faults, slack.state.retry_after_s = [429], 30
    started = time.monotonic()
    with pytest.raises(RateLimited) as raised:
        _sender(slack).post("#deployments", "later", None)
    assert time.monotonic() - started < 5 and raised.value.retry_after_s == 30
    assert slack.state.calls == ["chat.postMessage"] and slack.posts() == []


def test_an_unreachable_slack_is_retried_then_unavailable() -> None:
    from klepaas_shared.errors import Unavailable

    sender = BotSender(
        "xoxb-test-token",
        "http://127.0.0.1:9/api/",
        ChannelLimiter(MemoryContext(), rate_per_s=100, burst=50, max_wait_s=5),
        attempts=2,
    )
    with pytest.raises(Unavailable, match="unreachable"):
        sender.post("#deployments", "nobody there", None)


def test_the_incoming_webhook_waits_out_a_429_then_posts_once() -> None:
    with slack_server(SlackState()) as fake:
        limiter = ChannelLimiter(MemoryContext(), rate_per_s=100, burst=50, max_wait_s=5)
        fake.state.queued_faults = [429]
        started = time.monotonic()
        WebhookSender(fake.webhook_url, limiter).post("#ignored", "after the wait", None)
        assert time.monotonic() - started >= 0.9
        assert [p["text"] for p in fake.state.webhook_posts] == ["after the wait"]
