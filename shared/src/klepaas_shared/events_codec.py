"""Pub/Sub messages as Eventarc delivers them: the CloudEvent carrying one, decoded and built.

:func:`decode` reads the Pub/Sub message out of an Eventarc CloudEvent, :func:`parse` validates
its JSON as a contract model, :func:`encode` turns a payload into message bytes, and
:func:`pubsub_envelope` builds the CloudEvent Eventarc would send (the local bus and tests).
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar

from .clock import now_iso
from .errors import BadRequest

if TYPE_CHECKING:
    from pydantic import BaseModel

# pydantic loads when a message is parsed or encoded, not when an entry point module is imported.

PUBSUB_EVENT_TYPE = "google.cloud.pubsub.topic.v1.messagePublished"
M = TypeVar("M", bound="BaseModel")


class CloudEventLike(Protocol):
    """The part of ``cloudevents.http.CloudEvent`` we use (what functions-framework passes)."""

    data: Any

    def __getitem__(self, key: str) -> Any: ...


class Publisher(Protocol):
    def publish(self, topic: str, message: Payload, attributes: Mapping[str, str] | None = None) -> str:
        """Publish and return the message id once the broker has it."""


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


def encode(message: Payload) -> bytes:
    from pydantic import BaseModel

    if isinstance(message, bytes):
        return message
    if isinstance(message, BaseModel):
        return message.model_dump_json().encode()
    return json.dumps(message, ensure_ascii=False, default=str).encode()
