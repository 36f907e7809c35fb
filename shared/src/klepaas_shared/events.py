"""Pub/Sub messages as Eventarc delivers them: CloudEvents carrying a Pub/Sub message.

Publishing goes through a :class:`Publisher` (Google Pub/Sub in production, the in-process
:mod:`~klepaas_shared.bus` locally). Consuming goes through :func:`consumer`, which decodes the
CloudEvent, drops events that are too old, runs the handler at most once per message id, acks
what cannot succeed on retry and re-raises the rest so that Pub/Sub retries them, until a
message has failed ``max_attempts`` runs: then it becomes a dead letter (:mod:`.deadletter`).
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar

from .clock import now, now_iso, parse_iso
from .errors import BadRequest, KlepaasError
from .logs import get_logger, log_fields

if TYPE_CHECKING:
    from pydantic import BaseModel

# pydantic loads when a message is parsed or encoded, not when an entry point module is imported.

PUBSUB_EVENT_TYPE = "google.cloud.pubsub.topic.v1.messagePublished"
M = TypeVar("M", bound="BaseModel")
log = get_logger("events")


class CloudEventLike(Protocol):
    """The part of ``cloudevents.http.CloudEvent`` we use (what functions-framework passes)."""

    data: Any

    def __getitem__(self, key: str) -> Any: ...


@dataclass(frozen=True)
class PubsubMessage:
    message_id: str
    data: bytes
    attributes: dict[str, str]
    publish_time: str
    subscription: str
    topic: str = ""  # from the CloudEvent source; where a dead letter of it goes

    def json(self) -> Any:
        try:
            return json.loads(self.data)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise BadRequest(f"message {self.message_id} is not JSON: {exc}") from None


def pubsub_envelope(
    project: str,
    topic: str,
    subscription: str,
    data: bytes,
    attributes: Mapping[str, str] | None = None,
    message_id: str | None = None,
    publish_time: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The (attributes, data) of the CloudEvent that Eventarc sends for one Pub/Sub message."""
    message_id = message_id or str(uuid.uuid4().int % 10**16)
    publish_time = publish_time or now_iso()
    ce_attributes = {
        "specversion": "1.0",
        "type": PUBSUB_EVENT_TYPE,
        "source": f"//pubsub.googleapis.com/projects/{project}/topics/{topic}",
        "id": message_id,
        "time": publish_time,
        "datacontenttype": "application/json",
    }
    ce_data = {
        "message": {
            "data": base64.b64encode(data).decode(),
            "attributes": dict(attributes or {}),
            "messageId": message_id,
            "message_id": message_id,
            "publishTime": publish_time,
            "publish_time": publish_time,
        },
        "subscription": f"projects/{project}/subscriptions/{subscription}",
    }
    return ce_attributes, ce_data


def decode(event: CloudEventLike) -> PubsubMessage:
    """The Pub/Sub message inside an Eventarc CloudEvent; 400-class error when malformed."""
    data = event.data
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError):
            raise BadRequest("the CloudEvent data is not JSON") from None
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict):
        raise BadRequest("the CloudEvent carries no Pub/Sub message")
    try:
        payload = base64.b64decode(message.get("data") or "", validate=True)
    except (ValueError, TypeError):
        raise BadRequest("the Pub/Sub message data is not base64") from None
    attributes = message.get("attributes") or {}
    return PubsubMessage(
        message_id=str(message.get("messageId") or message.get("message_id") or event["id"]),
        data=payload,
        attributes={str(k): str(v) for k, v in attributes.items()} if isinstance(attributes, dict) else {},
        publish_time=str(message.get("publishTime") or message.get("publish_time") or event["time"] or now_iso()),
        subscription=str(data.get("subscription", "")),
        topic=_topic(event),
    )


def _topic(event: CloudEventLike) -> str:
    try:
        source = str(event["source"] or "")
    except KeyError:
        return ""
    return source.rsplit("/topics/", 1)[1] if "/topics/" in source else ""


def parse(message: PubsubMessage, model: type[M]) -> M:
    from pydantic import ValidationError

    try:
        return model.model_validate(message.json())
    except ValidationError as exc:
        raise BadRequest(f"message {message.message_id} is not a valid {model.__name__}: {exc}") from None


Payload: TypeAlias = "BaseModel | Mapping[str, Any] | bytes"  # bytes go as they are (dead letters)


class Publisher(Protocol):
    def publish(self, topic: str, message: Payload, attributes: Mapping[str, str] | None = None) -> str:
        """Publish and return the message id once the broker has it."""


def encode(message: Payload) -> bytes:
    from pydantic import BaseModel

    if isinstance(message, bytes):
        return message
    if isinstance(message, BaseModel):
        return message.model_dump_json().encode()
    return json.dumps(message, ensure_ascii=False, default=str).encode()


@cache
def get_publisher() -> Publisher:
    """This instance's publisher, chosen by ``KLEPAAS_EVENTS`` (``local`` or ``pubsub``)."""
    from .settings import common

    settings = common()
    if settings.events == "pubsub":
        from .pubsub import PubsubPublisher

        return PubsubPublisher(settings.project_id)
    from .bus import local_bus

    return local_bus()


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
        deadletter.bury(store, key, name, message, deadletter.attempts_made(store, key), error)
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
        deadletter.bury(store, key, name, message, attempts, error)
