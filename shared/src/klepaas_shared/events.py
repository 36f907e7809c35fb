"""Pub/Sub messages as Eventarc delivers them: CloudEvents carrying a Pub/Sub message.

Publishing goes through a :class:`Publisher` (:mod:`.events_publisher`); the wire format is in
:mod:`.events_codec`; both are re-exported here. Consuming goes through :func:`consumer`, which
decodes the CloudEvent, drops events that are too old, runs the handler at most once per message
id, acks what cannot succeed on retry and re-raises the rest so that Pub/Sub retries them, until
a message has failed ``max_attempts`` runs: then it becomes a dead letter (:mod:`.deadletter`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from .clock import now, parse_iso
from .errors import BadRequest, KlepaasError
from .events_codec import (
    PUBSUB_EVENT_TYPE,
    CloudEventLike,
    Payload,
    PubsubMessage,
    decode,
    encode,
    parse,
    pubsub_envelope,
)
from .events_publisher import Publisher, get_publisher
from .logs import get_logger, log_fields

__all__ = [
    "PUBSUB_EVENT_TYPE",
    "CloudEventLike",
    "Handler",
    "Payload",
    "Publisher",
    "PubsubMessage",
    "consumer",
    "decode",
    "encode",
    "get_publisher",
    "parse",
    "pubsub_envelope",
]

log = get_logger("events")

Handler = Callable[[PubsubMessage], None]


def consumer(
    name: str, handler: Handler, *, max_age: timedelta | None = None, max_attempts: int | None = None
) -> Callable[[CloudEventLike], None]:
    """Wrap a handler as a CloudEvent entry point: decode, drop stale, at most once per message id,
    and after ``max_attempts`` failed runs (``KLEPAAS_EVENT_MAX_ATTEMPTS``) a dead letter."""

    def entry_point(event: CloudEventLike) -> None:
        try:
            message = decode(event)
        except BadRequest as exc:
            log.error("dropping undecodable event", extra=log_fields(consumer=name, error=exc.message))
            return
        from .settings import common

        age = now() - parse_iso(message.publish_time)
        if age > (max_age or timedelta(seconds=common().event_max_age_s)):
            log.warning("dropping stale event", extra=log_fields(consumer=name, message_id=message.message_id))
            return
        _run(name, handler, message, max_attempts or common().event_max_attempts)

    entry_point.__name__ = name
    return entry_point


def _run(name: str, handler: Handler, message: PubsubMessage, max_attempts: int) -> None:
    from . import deadletter
    from .idempotency import COLLECTION, InFlight, run_once
    from .store import get_store

    store, key = get_store(), f"{name}:{message.message_id}"
    verdict = deadletter.verdict(store.get(COLLECTION, key), max_attempts)
    if verdict == "buried":
        return
    if verdict == "exhausted":
        error = "the last allowed run did not finish"
        deadletter.bury(
            store, key, name, message, deadletter.attempts_made(store, key), error, publisher=get_publisher()
        )
        return
    try:
        run_once(store, key, lambda: handler(message))
    except InFlight:
        raise
    except Exception as exc:
        if isinstance(exc, KlepaasError) and not exc.retryable:
            log.error(
                "acking a message that cannot succeed",
                extra=log_fields(consumer=name, message_id=message.message_id, code=exc.code, error=exc.message),
            )
            return
        attempts = deadletter.attempts_made(store, key)
        if attempts < max_attempts:
            raise
        error = f"{exc.code}: {exc.message}" if isinstance(exc, KlepaasError) else repr(exc)
        deadletter.bury(store, key, name, message, attempts, error, publisher=get_publisher())
