"""The in-process Pub/Sub bus for ``make dev`` and tests.

It delivers each published message to every subscribed entry point as the same CloudEvent
Eventarc would send, on worker threads (asynchronously, like Pub/Sub), retries a subscriber
that raised with exponential backoff, and after ``max_attempts`` publishes it to
``<topic>-dead-letter`` as :mod:`~klepaas_shared.deadletter` does: a message is never silently
lost. Every message reaching a dead-letter topic (from a consumer that gave up, or from this
backstop) is also listed in :attr:`LocalBus.dead_letters`. Both it and :attr:`LocalBus.published`
remember only the latest ``keep`` messages: ``make dev`` runs for days.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import deadletter
from .events_codec import CloudEventLike, Payload, decode, encode, pubsub_envelope
from .logs import get_logger, log_fields

log = get_logger("bus")
EntryPoint = Callable[[CloudEventLike], None]


@dataclass(order=True)
class _Delivery:
    due: float
    seq: int
    subscription: str = field(compare=False)
    topic: str = field(compare=False)
    event: Any = field(compare=False)
    attempt: int = field(default=1, compare=False)


@dataclass(frozen=True)
class DeadLetter:
    subscription: str
    topic: str
    message_id: str
    data: bytes
    attempts: int
    error: str

    @classmethod
    def of(cls, topic: str, data: bytes, attributes: Mapping[str, str]) -> DeadLetter:
        """The dead letter a publish to ``<topic>-dead-letter`` carries."""
        return cls(
            attributes.get(deadletter.SOURCE_SUBSCRIPTION, ""),
            topic.removesuffix(deadletter.SUFFIX),
            attributes.get(deadletter.MESSAGE_ID, ""),
            data,
            int(attributes.get(deadletter.DELIVERY_COUNT, "0") or 0),
            attributes.get(deadletter.ERROR, ""),
        )


class LocalBus:
    def __init__(
        self,
        project: str = "demo-klepaas",
        *,
        max_attempts: int = 5,
        min_backoff_s: float = 0.05,
        max_backoff_s: float = 2.0,
        workers: int = 4,
        keep: int = 10_000,
    ) -> None:
        self.project = project
        self.max_attempts, self.min_backoff_s, self.max_backoff_s = max_attempts, min_backoff_s, max_backoff_s
        self._subscribers: dict[str, list[tuple[str, EntryPoint]]] = {}
        self._queue: list[_Delivery] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._in_flight = 0
        self._closed = False
        self.published: deque[tuple[str, str, bytes, dict[str, str]]] = deque(maxlen=keep)
        self.dead_letters: list[DeadLetter] = []
        self._keep = keep
        self._threads = [threading.Thread(target=self._work, daemon=True, name=f"bus-{i}") for i in range(workers)]
        for thread in self._threads:
            thread.start()

    def subscribe(self, topic: str, subscription: str, entry_point: EntryPoint) -> None:
        with self._cond:
            self._subscribers.setdefault(topic, []).append((subscription, entry_point))

    def publish(self, topic: str, message: Payload, attributes: Mapping[str, str] | None = None) -> str:
        from cloudevents.http import CloudEvent  # what functions-framework hands to event functions

        data = encode(message)
        message_id = str(next(self._seq) + 10**12)
        with self._cond:
            self.published.append((topic, message_id, data, dict(attributes or {})))
            if topic.endswith(deadletter.SUFFIX):
                self.dead_letters.append(DeadLetter.of(topic, data, attributes or {}))
                del self.dead_letters[: -self._keep]
            for subscription, _ in self._subscribers.get(topic, []):
                ce_attributes, ce_data = pubsub_envelope(
                    self.project, topic, subscription, data, attributes, message_id=message_id
                )
                event = CloudEvent(ce_attributes, ce_data)
                heapq.heappush(self._queue, _Delivery(time.monotonic(), next(self._seq), subscription, topic, event))
            self._cond.notify_all()
        return message_id

    def _entry_point(self, topic: str, subscription: str) -> EntryPoint:
        return next(ep for name, ep in self._subscribers[topic] if name == subscription)

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._closed and (not self._queue or self._queue[0].due > time.monotonic()):
                    timeout = self._queue[0].due - time.monotonic() if self._queue else None
                    self._cond.wait(timeout)
                if self._closed:
                    return
                delivery = heapq.heappop(self._queue)
                self._in_flight += 1
            try:
                self._entry_point(delivery.topic, delivery.subscription)(delivery.event)
            except Exception as exc:  # a subscriber failed: Pub/Sub would redeliver
                self._retry_or_bury(delivery, exc)
            finally:
                with self._cond:
                    self._in_flight -= 1
                    self._cond.notify_all()

    def _retry_or_bury(self, delivery: _Delivery, exc: Exception) -> None:
        message_id = str(delivery.event["id"])
        held = _lease_held(exc)
        if held is not None:  # another run holds the work: come back when its lease may have run out
            log.info(
                "work in flight elsewhere; retrying after its lease",
                extra=log_fields(subscription=delivery.subscription, message_id=message_id, after_s=round(held, 1)),
            )
            self._push(delivery, max(self.min_backoff_s, held), delivery.attempt)
            return
        if delivery.attempt >= self.max_attempts:
            message = decode(delivery.event)
            error = repr(exc)
            self.publish(
                deadletter.dead_letter_topic(delivery.topic),
                message.data,
                deadletter.attributes(message, delivery.subscription, delivery.attempt, error),
            )
            log.error(
                "dead-lettered a message",
                extra=log_fields(
                    subscription=delivery.subscription, message_id=message_id, attempts=delivery.attempt, error=error
                ),
            )
            return
        backoff = min(self.max_backoff_s, self.min_backoff_s * 2 ** (delivery.attempt - 1))
        log.warning(
            "subscriber failed; will retry",
            extra=log_fields(
                subscription=delivery.subscription,
                message_id=message_id,
                attempt=delivery.attempt,
                error=repr(exc),
            ),
        )
        self._push(delivery, backoff, delivery.attempt + 1)

    def _push(self, delivery: _Delivery, after_s: float, attempt: int) -> None:
        with self._cond:
            due = time.monotonic() + after_s
            heapq.heappush(
                self._queue,
                _Delivery(due, next(self._seq), delivery.subscription, delivery.topic, delivery.event, attempt),
            )
            self._cond.notify_all()

    def drain(self, timeout_s: float = 10.0) -> bool:
        """Wait until no delivery is queued or running; False on timeout."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._queue or self._in_flight:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.05))
        return True

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout=2)


MAX_LEASE_WAIT_S = 600.0  # Pub/Sub's longest retry backoff


def _lease_held(exc: Exception) -> float | None:
    """How long to wait for a run that holds the work (an InFlight with its lease left), or None.
    Such a retry is not counted as a failed attempt: nothing failed, the work is under way."""
    from .idempotency import InFlight

    if isinstance(exc, InFlight) and exc.retry_after_s is not None:
        return min(MAX_LEASE_WAIT_S, exc.retry_after_s)
    return None


@cache
def local_bus() -> LocalBus:
    """The one bus of this process (``make dev`` subscribes every event entry point to it)."""
    from .settings import common

    settings = common()
    return LocalBus(settings.project_id, max_attempts=settings.event_max_attempts)
