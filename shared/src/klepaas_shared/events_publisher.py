"""Publishing: the :class:`Publisher` protocol and this instance's publisher (Google Pub/Sub in
production, the in-process :mod:`~klepaas_shared.bus` locally)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Protocol

from .events_codec import Payload


class Publisher(Protocol):
    def publish(self, topic: str, message: Payload, attributes: Mapping[str, str] | None = None) -> str:
        """Publish and return the message id once the broker has it."""


@cache
def get_publisher() -> Publisher:
    """This instance's publisher, chosen by ``KLEPAAS_EVENTS`` (``local`` or ``pubsub``)."""
    from .settings import common

    settings = common()
    if settings.events == "pubsub":
        from .pubsub import PubsubPublisher

        return PubsubPublisher(settings.project_id, timeout_s=settings.publish_timeout_s)
    from .bus import local_bus

    return local_bus()
