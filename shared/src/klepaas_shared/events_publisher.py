"""Publishing: this instance's :class:`Publisher` (Google Pub/Sub in
production, the in-process :mod:`~klepaas_shared.bus` locally)."""

from __future__ import annotations

from functools import cache

from .events_codec import Publisher

__all__ = ["Publisher", "get_publisher"]


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
