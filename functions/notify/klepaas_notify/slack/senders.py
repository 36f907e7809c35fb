"""Where messages go: the Slack Web API (bot token), an incoming webhook, or the log (console mode).

``slack_sdk`` is imported on first use. Every call is spaced by the channel's token bucket and
retried on 429 (after Retry-After) and transient failures; other refusals are not retried.
"""

from __future__ import annotations

import itertools
import time
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from klepaas_shared.context import security_context
from klepaas_shared.logs import get_logger, log_fields

from ..settings import notify_settings
from .posted import Posted
from .ratelimit import ChannelLimiter

if TYPE_CHECKING:
    from .bot import BotSender
log = get_logger("notify.slack")


class Sender(Protocol):
    can_update: bool

    def post(self, channel: str, text: str, blocks: list[Any] | None, thread_ts: str | None = None) -> Posted: ...
    def update(self, channel: str, ts: str, text: str, blocks: list[Any] | None) -> None:
        """Edit a message."""


class ConsoleSender:
    """Console mode: each message becomes a readable log line."""

    can_update = True

    def __init__(self) -> None:
        self._seq = itertools.count(1)

    def post(self, channel: str, text: str, blocks: list[Any] | None, thread_ts: str | None = None) -> Posted:
        ts = f"{time.time():.0f}.{next(self._seq):06d}"
        where = f"{channel} (thread {thread_ts})" if thread_ts else channel
        log.info(f"[slack → {where}]\n{text}", extra=log_fields(channel=channel, ts=ts, console_mode=True))
        return Posted(channel, ts)

    def update(self, channel: str, ts: str, text: str, blocks: list[Any] | None) -> None:
        log.info(f"[slack ✎ {channel} {ts}]\n{text}", extra=log_fields(channel=channel, ts=ts, console_mode=True))


@cache
def limiter() -> ChannelLimiter:
    s = notify_settings()
    return ChannelLimiter(
        security_context(), rate_per_s=s.slack_rate_per_s, burst=s.slack_burst, max_wait_s=s.slack_max_wait_s
    )


@cache
def get_sender() -> Sender:
    """A bot token wins over a webhook URL; with neither, console mode."""
    s = notify_settings()
    token, webhook = s.slack_bot_token.get_secret_value(), s.slack_webhook_url.get_secret_value()
    if token:
        from .bot import BotSender

        return BotSender(token, s.slack_api_url, limiter())
    if webhook:
        from .webhook import WebhookSender

        return WebhookSender(webhook, limiter())
    return ConsoleSender()


def user_sender(token: str) -> BotSender:
    """A sender with a connected user's own workspace token (for direct messages)."""
    from .bot import BotSender

    return BotSender(token, notify_settings().slack_api_url, limiter())
