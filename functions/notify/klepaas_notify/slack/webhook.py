"""An incoming webhook: one fixed channel, no edits (a new message per outcome instead)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import KlepaasError, RateLimited
from klepaas_shared.resilience import retry

from .bot import _retry_after
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
