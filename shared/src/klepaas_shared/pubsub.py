"""Publishing to Google Pub/Sub (production, and the emulator in tests via PUBSUB_EMULATOR_HOST)."""

from __future__ import annotations

from collections.abc import Mapping

from .errors import Unavailable
from .events import Payload, encode


class PubsubPublisher:
    def __init__(self, project: str, *, timeout_s: float = 10.0) -> None:
        from google.cloud.pubsub_v1 import PublisherClient  # heavy: imported on first use only

        self._client = PublisherClient()
        self._project = project
        self._timeout_s = timeout_s

    def publish(self, topic: str, message: Payload, attributes: Mapping[str, str] | None = None) -> str:
        from google.api_core import exceptions

        path = self._client.topic_path(self._project, topic)
        try:
            future = self._client.publish(path, encode(message), **dict(attributes or {}))
            return str(future.result(timeout=self._timeout_s))
        except (exceptions.GoogleAPICallError, TimeoutError) as exc:
            raise Unavailable(f"could not publish to {topic}: {type(exc).__name__}") from exc
