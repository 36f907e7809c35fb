"""Publishing to Google Pub/Sub (production, and the emulator in tests via PUBSUB_EMULATOR_HOST).

A publish lasts at most ``timeout_s`` (``KLEPAAS_PUBLISH_TIMEOUT_S``): the RPC's retries stop by
then too, and a publish that did not go through is :class:`~klepaas_shared.errors.Unavailable`
(503 on HTTP; an event entry point re-raises it so that Pub/Sub delivers its message again).
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import Unavailable
from .events_codec import Payload, encode


class PubsubPublisher:
    def __init__(self, project: str, *, timeout_s: float = 10.0) -> None:
        from google.cloud.pubsub_v1 import PublisherClient  # heavy: imported on first use only

        self._client = PublisherClient()
        self._project = project
        self._timeout_s = timeout_s

    def publish(self, topic: str, message: Payload, attributes: Mapping[str, str] | None = None) -> str:
        from google.api_core import exceptions
        from google.api_core.retry import Retry, if_exception_type

        retry = Retry(
            predicate=if_exception_type(exceptions.ServiceUnavailable, exceptions.DeadlineExceeded),
            initial=0.05,
            maximum=1.0,
            timeout=self._timeout_s,
        )
        path = self._client.topic_path(self._project, topic)
        try:
            future = self._client.publish(
                path, encode(message), retry=retry, timeout=self._timeout_s, **dict(attributes or {})
            )
            return str(future.result(timeout=self._timeout_s))
        except (exceptions.GoogleAPICallError, exceptions.RetryError, TimeoutError) as exc:
            raise Unavailable(f"could not publish to {topic}: {type(exc).__name__}") from exc
