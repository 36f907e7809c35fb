"""The in-process Pub/Sub bus: asynchronous Eventarc-shaped delivery, retries, dead letters, drain."""

from __future__ import annotations

import base64
import itertools
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from cloudevents.http import CloudEvent

from klepaas_shared.bus import LocalBus, local_bus
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, DeployRequest
from klepaas_shared.events import PUBSUB_EVENT_TYPE, decode, get_publisher, parse


@pytest.fixture
def bus() -> Iterator[LocalBus]:
    made = LocalBus("demo-test", max_attempts=3, min_backoff_s=0.05, max_backoff_s=0.4, workers=2)
    yield made
    made.close()


def request() -> DeployRequest:
    return DeployRequest(owner="K-Le-PaaS", repo="test01", requested_by="user-1", source="nlp")


def test_delivery_is_asynchronous_and_shaped_as_eventarc_sends_it(bus: LocalBus) -> None:
    release = threading.Event()
    received: list[Any] = []

    def entry_point(event: Any) -> None:
        release.wait(5)
        received.append(event)

    bus.subscribe(TOPIC_DEPLOY_REQUESTS, "deploy_requests", entry_point)
    message = request()
    message_id = bus.publish(TOPIC_DEPLOY_REQUESTS, message, {"origin": "test"})
    assert received == []  # publish returned while the subscriber still waits
    release.set()
    assert bus.drain(5)
    (event,) = received
    assert isinstance(event, CloudEvent)
    assert event["type"] == PUBSUB_EVENT_TYPE == "google.cloud.pubsub.topic.v1.messagePublished"
    assert event["source"] == f"//pubsub.googleapis.com/projects/demo-test/topics/{TOPIC_DEPLOY_REQUESTS}"
    assert event["specversion"] == "1.0"
    assert event["id"] == message_id
    assert event["time"].endswith("Z")
    pubsub = event.data["message"]
    assert pubsub["messageId"] == message_id
    assert pubsub["attributes"] == {"origin": "test"}
    assert base64.b64decode(pubsub["data"]) == message.model_dump_json().encode()
    assert event.data["subscription"] == "projects/demo-test/subscriptions/deploy_requests"
    assert parse(decode(event), DeployRequest) == message


def test_every_subscription_of_a_topic_gets_its_own_copy(bus: LocalBus) -> None:
    got: dict[str, list[str]] = {"one": [], "two": []}
    bus.subscribe("t", "one", lambda e: got["one"].append(e["id"]))
    bus.subscribe("t", "two", lambda e: got["two"].append(e["id"]))
    bus.subscribe("other", "three", lambda e: got.setdefault("three", []).append(e["id"]))
    first, second = bus.publish("t", {"n": 1}), bus.publish("t", {"n": 2})
    assert bus.drain(5)
    assert sorted(got["one"]) == sorted(got["two"]) == sorted([first, second])
    assert "three" not in got
    assert [p[0] for p in bus.published] == ["t", "t"]


def test_a_failing_subscriber_is_retried_with_growing_backoff(bus: LocalBus) -> None:
    attempts: list[float] = []

    def flaky(event: Any) -> None:
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise RuntimeError("not yet")

    bus.subscribe("t", "flaky", flaky)
    bus.publish("t", {"n": 1})
    assert bus.drain(5)
    assert len(attempts) == 3
    first_gap, second_gap = attempts[1] - attempts[0], attempts[2] - attempts[1]
    assert first_gap >= 0.05
    assert second_gap >= 0.1
    assert bus.dead_letters == []


def test_a_message_that_keeps_failing_becomes_a_dead_letter_not_a_loss(bus: LocalBus) -> None:
    calls: list[str] = []

    def broken(event: Any) -> None:
        calls.append(event["id"])
        raise ValueError("cannot handle")

    bus.subscribe("t", "broken", broken)
    bus.subscribe("t", "fine", lambda e: None)
    message_id = bus.publish("t", {"keep": "me"})
    assert bus.drain(5)
    assert calls == [message_id] * 3
    (dead,) = bus.dead_letters
    assert (dead.subscription, dead.topic, dead.message_id, dead.attempts) == ("broken", "t", message_id, 3)
    assert dead.data == b'{"keep": "me"}'
    assert "cannot handle" in dead.error
    assert ("t-dead-letter", b'{"keep": "me"}') in [(p[0], p[2]) for p in bus.published]


def test_the_bus_remembers_only_the_latest_messages_and_dead_letters() -> None:
    bus = LocalBus("demo-test", max_attempts=1, workers=1, keep=3)
    try:
        sent = [bus.publish("quiet", {"n": n}) for n in range(5)]
        assert [p[1] for p in bus.published] == sent[-3:]

        def broken(event: Any) -> None:
            raise ValueError("cannot handle")

        bus.subscribe("t", "broken", broken)
        failed = [bus.publish("t", {"n": n}) for n in range(4)]
        assert bus.drain(5)
        assert sorted(d.message_id for d in bus.dead_letters) == sorted(failed[-3:])
        assert len(bus.published) == 3
    finally:
        bus.close()


def test_drain_waits_for_running_deliveries_and_reports_a_timeout(bus: LocalBus) -> None:
    release = threading.Event()
    done: list[int] = []

    def slow(event: Any) -> None:
        release.wait(5)
        done.append(1)

    bus.subscribe("t", "slow", slow)
    bus.publish("t", {})
    assert bus.drain(0.2) is False
    release.set()
    assert bus.drain(5) is True
    assert done == [1]


def test_the_local_publisher_is_the_process_bus() -> None:
    assert get_publisher() is local_bus()
    received: list[Any] = []
    local_bus().subscribe("t", "s", received.append)
    get_publisher().publish("t", request())
    assert local_bus().drain(5)
    assert len(received) == 1


def test_work_in_flight_elsewhere_is_retried_after_its_lease_and_never_dead_lettered() -> None:
    """Issue 16, item 11: a redelivery while another run holds the work waits for the lease."""
    from klepaas_shared.idempotency import InFlight

    bus = LocalBus("demo-test", max_attempts=2, workers=1, min_backoff_s=0.001)
    tries: list[float] = []
    try:

        def held(event: Any) -> None:
            tries.append(time.monotonic())
            if len(tries) < 4:
                raise InFlight("held by another run", retry_after_s=0.2)

        bus.subscribe("t", "held", held)
        bus.publish("t", {})
        assert bus.drain(5)
        assert len(tries) == 4 and bus.dead_letters == []  # more tries than max_attempts: none failed
        assert all(later - earlier >= 0.19 for earlier, later in itertools.pairwise(tries))
    finally:
        bus.close()
