"""Where messages go: the Slack Web API (bot token), an incoming webhook, or the log (console mode).

``slack_sdk`` is imported on first use. Every call is spaced by the channel's token bucket and
retried on 429 (after Retry-After) and transient failures; other refusals are not retried.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from klepaas_shared.context import get_context
from klepaas_shared.errors import KlepaasError, RateLimited
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.resilience import retry

from .errors import from_status, unreachable
from .ratelimit import ChannelLimiter
from .settings import notify_settings

if TYPE_CHECKING:
    from slack_sdk import WebClient

T = TypeVar("T")
log = get_logger("notify.slack")


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str


class Sender(Protocol):
    can_update: bool

    def post(self, channel: str, text: str, blocks: list[Any] | None, thread_ts: str | None = None) -> Posted: ...
    def update(self, channel: str, ts: str, text: str, blocks: list[Any] | None, *, quick: bool = False) -> None:
        """Edit a message; ``quick``: one unpaced attempt (inside Slack's 3 s interaction budget)."""


class BotSender:
    """``chat.postMessage`` / ``chat.update`` with a bot token."""

    can_update = True

    def __init__(self, token: str, base_url: str, limiter: ChannelLimiter, attempts: int = 6) -> None:
        self._token, self._base_url, self._limiter, self._attempts = token, base_url, limiter, attempts
        self._client: WebClient | None = None

    def client(self) -> WebClient:
        if self._client is None:
            from slack_sdk import WebClient

            self._client = WebClient(token=self._token, base_url=self._base_url, timeout=10)
        return self._client

    def call(
        self, channel: str, fn: Callable[[WebClient], Any], *, limited: bool = True, attempts: int | None = None
    ) -> Any:
        """One Web API call with pacing and retries; the Slack response's data on success."""
        from slack_sdk.errors import SlackApiError

        def once() -> Any:
            if limited:
                self._limiter.acquire(channel)
            try:
                return fn(self.client()).data
            except SlackApiError as exc:
                response = exc.response
                error = from_status(response.status_code, str(response.get("error") or ""), _retry_after(response))
                if isinstance(error, RateLimited) and limited:
                    self._limiter.penalize(channel, error.retry_after_s or 1.0)
                raise error from None
            except OSError as exc:
                raise unreachable(exc) from None

        return retry(once, attempts=attempts or self._attempts, base_s=0.1, max_s=30.0)

    def post(self, channel: str, text: str, blocks: list[Any] | None, thread_ts: str | None = None) -> Posted:
        extra: dict[str, Any] = {"blocks": blocks} if blocks else {}
        if thread_ts:
            extra["thread_ts"] = thread_ts
        data = self.call(channel, lambda c: c.chat_postMessage(channel=channel, text=text, **extra))
        return Posted(str(data.get("channel") or channel), str(data.get("ts") or ""))

    def update(self, channel: str, ts: str, text: str, blocks: list[Any] | None, *, quick: bool = False) -> None:
        extra: dict[str, Any] = {"blocks": blocks} if blocks else {}
        self.call(
            channel,
            lambda c: c.chat_update(channel=channel, ts=ts, text=text, **extra),
            limited=not quick,
            attempts=1 if quick else None,
        )

    def open_dm(self, slack_user_id: str) -> str:
        data = self.call("", lambda c: c.conversations_open(users=slack_user_id), limited=False)
        channel = data.get("channel") or {}
        return str(channel.get("id", "")) if isinstance(channel, dict) else ""


def _retry_after(response: Any) -> str | None:
    headers = getattr(response, "headers", None) or {}
    for key, value in headers.items():
        if key.lower() == "retry-after":
            return str(value[0] if isinstance(value, list) else value)
    return None


class WebhookSender:
    """An incoming webhook: one fixed channel, no updates (a new message per outcome instead)."""

    can_update = False

    def __init__(self, url: str, limiter: ChannelLimiter, attempts: int = 6) -> None:
        self._url, self._limiter, self._attempts = url, limiter, attempts

    def post(self, channel: str, text: str, blocks: list[Any] | None, thread_ts: str | None = None) -> Posted:
        from slack_sdk.webhook import WebhookClient

        client = WebhookClient(self._url, timeout=10)

        def once() -> None:
            self._limiter.acquire("webhook")
            try:
                response = client.send(text=text, blocks=blocks or None)
            except OSError as exc:
                raise unreachable(exc) from None
            if response.status_code != 200:
                error = from_status(response.status_code, response.body, _retry_after(response))
                if isinstance(error, RateLimited):
                    self._limiter.penalize("webhook", error.retry_after_s or 1.0)
                raise error

        retry(once, attempts=self._attempts, base_s=0.1, max_s=30.0)
        return Posted("webhook", "")

    def update(self, channel: str, ts: str, text: str, blocks: list[Any] | None, *, quick: bool = False) -> None:
        raise KlepaasError("an incoming webhook cannot update a message")


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

    def update(self, channel: str, ts: str, text: str, blocks: list[Any] | None, *, quick: bool = False) -> None:
        log.info(f"[slack ✎ {channel} {ts}]\n{text}", extra=log_fields(channel=channel, ts=ts, console_mode=True))


@cache
def limiter() -> ChannelLimiter:
    s = notify_settings()
    return ChannelLimiter(
        get_context(), rate_per_s=s.slack_rate_per_s, burst=s.slack_burst, max_wait_s=s.slack_max_wait_s
    )


@cache
def get_sender() -> Sender:
    """A bot token wins over a webhook URL; with neither, console mode."""
    s = notify_settings()
    token, webhook = s.slack_bot_token.get_secret_value(), s.slack_webhook_url.get_secret_value()
    if token:
        return BotSender(token, s.slack_api_url, limiter())
    if webhook:
        return WebhookSender(webhook, limiter())
    return ConsoleSender()


def user_sender(token: str) -> BotSender:
    """A sender with a connected user's own workspace token (for direct messages)."""
    return BotSender(token, notify_settings().slack_api_url, limiter())
