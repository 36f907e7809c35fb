"""Dead letters: where a message goes when its consumer keeps failing on it.

Eventarc creates and owns the Pub/Sub subscription behind each trigger, and neither the trigger
nor the function's event trigger can declare a dead-letter policy for it. So the consumer does
it, the same way on the local bus and in production: every run of a message is counted (the
``attempts`` of its idempotency record); once a message has failed ``max_attempts`` runs it is
published unchanged to ``<topic>-dead-letter`` with attributes saying where it came from, and
acked. The attribute names are the ones Pub/Sub puts on the dead letters it forwards itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .clock import now, now_iso, parse_iso
from .errors import Unavailable
from .idempotency import COLLECTION
from .logs import get_logger, log_fields

if TYPE_CHECKING:
    from .events_codec import Publisher, PubsubMessage
    from .store import Store

SUFFIX = "-dead-letter"
SOURCE_SUBSCRIPTION = "CloudPubSubDeadLetterSourceSubscription"
DELIVERY_COUNT = "CloudPubSubDeadLetterSourceDeliveryCount"
PUBLISH_TIME = "CloudPubSubDeadLetterSourceTopicPublishTime"
CONSUMER, MESSAGE_ID, ERROR = "klepaas_consumer", "klepaas_message_id", "klepaas_error"
log = get_logger("deadletter")
Verdict = Literal["run", "exhausted", "buried"]


def dead_letter_topic(topic: str) -> str:
    return f"{topic}{SUFFIX}"


def verdict(record: dict[str, Any] | None, max_attempts: int) -> Verdict:
    """Before a run: ``buried`` (done already), ``exhausted`` (the last allowed run never
    finished, e.g. the instance timed out, or burying it failed) or ``run``."""
    if record is None or record.get("status") == "succeeded":
        return "run"
    if record.get("status") == "dead_lettered":
        return "buried"
    if int(record.get("attempts", 0)) < max_attempts:
        return "run"
    lease = record.get("lease_until")
    if record.get("status") == "running" and isinstance(lease, str) and parse_iso(lease) > now():
        return "run"  # the last run is still going: its own outcome decides
    return "exhausted"


def attempts_made(store: Store, key: str) -> int:
    return int((store.get(COLLECTION, key) or {}).get("attempts", 0))


def attributes(message: PubsubMessage, consumer: str, attempts: int, error: str) -> dict[str, str]:
    """The original attributes plus where the message came from and why it was given up."""
    return {
        **message.attributes,
        SOURCE_SUBSCRIPTION: message.subscription.rsplit("/", 1)[-1],
        DELIVERY_COUNT: str(attempts),
        PUBLISH_TIME: message.publish_time,
        CONSUMER: consumer,
        MESSAGE_ID: message.message_id,
        ERROR: error[:1000],
    }


def bury(
    store: Store, key: str, consumer: str, message: PubsubMessage, attempts: int, error: str, *, publisher: Publisher
) -> None:
    """Publish ``message`` to its dead-letter topic and mark it so that a redelivery is acked."""
    if not message.topic:
        raise Unavailable(f"message {message.message_id} names no topic; it cannot be dead-lettered")
    target = dead_letter_topic(message.topic)
    publisher.publish(target, message.data, attributes(message, consumer, attempts, error))
    store.set(COLLECTION, key, {"status": "dead_lettered", "dead_lettered_at": now_iso()}, merge=True)
    log.error(
        "dead-lettered a message",
        extra=log_fields(
            consumer=consumer, message_id=message.message_id, topic=target, attempts=attempts, error=error
        ),
    )
