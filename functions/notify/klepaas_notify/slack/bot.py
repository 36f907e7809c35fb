"""The Slack Web API with a bot token: ``chat.postMessage`` / ``chat.update`` through slack-sdk's
WebClient (imported on first use), paced per channel, retried by slack-sdk's own retry handlers
(429 after Retry-After, 500/503, dropped connections: see :mod:`.retries`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from klepaas_shared.errors import RateLimited

from . import retries
from .errors import from_status, unreachable
from .posted import Posted
from .ratelimit import ChannelLimiter

if TYPE_CHECKING:
    from slack_sdk import WebClient


class BotSender:
    """``chat.postMessage`` / ``chat.update`` with a bot token."""

    can_update = True

    def __init__(self, token: str, base_url: str, limiter: ChannelLimiter, attempts: int = 6) -> None:
        self._token, self._base_url, self._limiter, self._attempts = token, base_url, limiter, attempts
        self._client: WebClient | None = None

    def client(self) -> WebClient:
        """The instance's WebClient, with slack-sdk's retry handlers. Only Pub/Sub consumers call
        Slack (never an HTTP handler Slack waits on), so a slow Slack delays no answer."""
        if self._client is None:
            from slack_sdk import WebClient

            handlers = retries.handlers(self._attempts - 1, self._limiter.penalize)
            self._client = WebClient(token=self._token, base_url=self._base_url, timeout=10, retry_handlers=handlers)
        return self._client

    def call(self, channel: str, fn: Callable[[WebClient], Any], *, limited: bool = True) -> Any:
        """One Web API call, paced (``limited``) and retried by the client; the Slack response's
        data on success, else the error from :mod:`.errors`."""
        from slack_sdk.errors import SlackApiError

        if limited:
            self._limiter.acquire(channel)
        try:
            return fn(self.client()).data
        except SlackApiError as exc:
            response = exc.response
            wait = retries.retry_after_s(getattr(response, "headers", None))
            error = from_status(response.status_code, str(response.get("error") or ""), wait)
            if isinstance(error, RateLimited) and limited:
                self._limiter.penalize(channel, error.retry_after_s or 1.0)
            raise error from None
        except OSError as exc:
            raise unreachable(exc) from None

    def post(self, channel: str, text: str, blocks: list[Any] | None, thread_ts: str | None = None) -> Posted:
        extra: dict[str, Any] = {"blocks": blocks} if blocks else {}
        if thread_ts:
            extra["thread_ts"] = thread_ts
        data = self.call(channel, lambda c: c.chat_postMessage(channel=channel, text=text, **extra))
        return Posted(str(data.get("channel") or channel), str(data.get("ts") or ""))

    def update(self, channel: str, ts: str, text: str, blocks: list[Any] | None) -> None:
        extra: dict[str, Any] = {"blocks": blocks} if blocks else {}
        self.call(channel, lambda c: c.chat_update(channel=channel, ts=ts, text=text, **extra))

    def open_dm(self, slack_user_id: str) -> str:
        data = self.call("", lambda c: c.conversations_open(users=slack_user_id), limited=False)
        channel = data.get("channel") or {}
        return str(channel.get("id", "")) if isinstance(channel, dict) else ""
