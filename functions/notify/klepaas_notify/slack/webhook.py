"""An incoming webhook: one fixed channel, no edits (a new message per outcome instead)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import KlepaasError, RateLimited

from . import retries
from .errors import from_status, unreachable
from .posted import Posted
from .ratelimit import ChannelLimiter


class WebhookSender:
    """An incoming webhook: one fixed channel, no updates (a new message per outcome instead)."""

    can_update = False

    def __init__(self, url: str, limiter: ChannelLimiter, attempts: int = 6) -> None:
        self._url, self._limiter, self._attempts = url, limiter, attempts

    def post(self, channel: str, text: str, blocks: list[Any] | None, thread_ts: str | None = None) -> Posted:
        from slack_sdk.webhook import WebhookClient

        # slack-sdk's retry handlers (see .retries); the webhook's one channel is paced as "webhook".
        handlers = retries.handlers(self._attempts - 1, lambda _, wait: self._limiter.penalize("webhook", wait))
        client = WebhookClient(self._url, timeout=10, retry_handlers=handlers)
        self._limiter.acquire("webhook")
        try:
            response = client.send(text=text, blocks=blocks or None)
        except OSError as exc:
            raise unreachable(exc) from None
        if response.status_code != 200:
            error = from_status(response.status_code, response.body, retries.retry_after_s(response.headers))
            if isinstance(error, RateLimited):
                self._limiter.penalize("webhook", error.retry_after_s or 1.0)
            raise error
        return Posted("webhook", "")

    def update(self, channel: str, ts: str, text: str, blocks: list[Any] | None) -> None:
        raise KlepaasError("an incoming webhook cannot update a message")
