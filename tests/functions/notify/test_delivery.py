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
