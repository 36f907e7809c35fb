"""Dead letters: a message its consumer keeps failing on goes to ``<topic>-dead-letter`` after
``max_attempts`` runs and is acked, the same on the local bus as through Pub/Sub."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from cloudevents.http import CloudEvent

from klepaas_shared import deadletter
from klepaas_shared.bus import DeadLetter, local_bus
from klepaas_shared.clock import iso, now
from klepaas_shared.errors import BadRequest, Unavailable
from klepaas_shared.events import PubsubMessage, consumer, pubsub_envelope
from klepaas_shared.idempotency import COLLECTION, InFlight
from klepaas_shared.store import get_store

BODY = b'{"owner": "o", "repo": "r"}'


def event(message_id: str = "m-1") -> CloudEvent:
    attributes, data = pubsub_envelope("demo-test", "deploy-requests", "deploy", BODY, {"origin": "t"}, message_id)
    return CloudEvent(attributes, data)


def failing(error: Exception, calls: list[str]) -> Callable[[Any], None]:
    def handler(message: PubsubMessage) -> None:
        calls.append(message.message_id)
        raise error

    return consumer("deploy_requests", handler, max_attempts=3)


@pytest.mark.parametrize("error", [Unavailable("the cluster is down"), RuntimeError("a bug")])
def test_a_message_failing_max_attempts_runs_is_dead_lettered_and_acked(error: Exception) -> None:
    calls: list[str] = []
    entry = failing(error, calls)
    for _ in range(2):
        with pytest.raises(type(error)):
            entry(event())
    assert local_bus().dead_letters == []
    entry(event())  # the third failed run: published to the dead-letter topic, then acked
    assert calls == ["m-1"] * 3
    (dead,) = local_bus().dead_letters
    assert dead == DeadLetter("deploy", "deploy-requests", "m-1", BODY, 3, dead.error)
    assert ("the cluster is down" if isinstance(error, Unavailable) else "a bug") in dead.error
    topic, _, data, attributes = local_bus().published[-1]
    assert (topic, data) == ("deploy-requests-dead-letter", BODY)
    assert attributes["origin"] == "t"  # the original attributes travel with it
    assert attributes[deadletter.CONSUMER] == "deploy_requests"
    assert get_store().get(COLLECTION, "deploy_requests:m-1")["status"] == "dead_lettered"  # type: ignore[index]


def test_a_redelivered_dead_letter_is_acked_without_running_or_burying_again() -> None:
    calls: list[str] = []
    entry = failing(Unavailable("down"), calls)
    for _ in range(2):
        with pytest.raises(Unavailable):
            entry(event())
    entry(event())
    entry(event())  # Pub/Sub lost the ack and delivers once more
    assert len(calls) == 3
    assert len(local_bus().dead_letters) == 1


def test_a_message_whose_last_run_never_finished_is_dead_lettered_without_running() -> None:
    # What an instance killed by its timeout leaves: "running", its lease over, all runs used.
    expired = iso(now() - timedelta(minutes=1))
    get_store().set(COLLECTION, "deploy_requests:m-1", {"status": "running", "attempts": 3, "lease_until": expired})
    calls: list[str] = []
    failing(Unavailable("down"), calls)(event())
    assert calls == []
    (dead,) = local_bus().dead_letters
    assert dead.attempts == 3 and "did not finish" in dead.error


def test_a_run_still_in_flight_is_never_dead_lettered() -> None:
    lease = iso(now() + timedelta(minutes=5))
    get_store().set(COLLECTION, "deploy_requests:m-1", {"status": "running", "attempts": 3, "lease_until": lease})
    with pytest.raises(InFlight):
        failing(Unavailable("down"), [])(event())
    assert local_bus().dead_letters == []


def test_a_non_retryable_error_is_acked_at_once_without_a_dead_letter() -> None:
    calls: list[str] = []
    failing(BadRequest("not a deploy request"), calls)(event())
    assert calls == ["m-1"]
    assert local_bus().dead_letters == []


def test_a_message_naming_no_topic_keeps_being_retried_rather_than_lost() -> None:
    attributes, data = pubsub_envelope("demo-test", "deploy-requests", "deploy", BODY, message_id="m-9")
    attributes["source"] = "//somewhere/else"
    entry = failing(Unavailable("down"), [])
    for _ in range(3):
        with pytest.raises(Unavailable):
            entry(CloudEvent(attributes, data))
    assert local_bus().dead_letters == []


def test_the_setting_gives_the_default_number_of_attempts(monkeypatch: pytest.MonkeyPatch) -> None:
    from klepaas_fakes.env import reset_caches

    monkeypatch.setenv("KLEPAAS_EVENT_MAX_ATTEMPTS", "2")
    reset_caches()
    calls: list[str] = []

    def handler(message: PubsubMessage) -> None:
        calls.append(message.message_id)
        raise Unavailable("down")

    entry = consumer("c", handler)
    with pytest.raises(Unavailable):
        entry(event())
    entry(event())
    assert len(calls) == 2 and len(local_bus().dead_letters) == 1
    assert local_bus().max_attempts == 2  # the bus's own backstop uses the same number


def test_on_the_local_bus_a_consumer_and_a_raw_subscriber_give_the_same_dead_letter() -> None:
    bus = local_bus()
    calls: list[str] = []
    bus.subscribe("jobs", "consumed", failing(Unavailable("down"), calls))

    def raw(event: object) -> None:
        raise Unavailable("down")

    bus.subscribe("jobs", "raw", raw)
    message_id = bus.publish("jobs", {"n": 1})
    assert bus.drain(15)
    by_subscription = {d.subscription: d for d in bus.dead_letters}
    assert set(by_subscription) == {"consumed", "raw"}
    for dead in by_subscription.values():
        assert (dead.topic, dead.message_id, dead.data) == ("jobs", message_id, b'{"n": 1}')
    assert by_subscription["consumed"].attempts == 3  # the consumer gave up first: its own limit
    assert by_subscription["raw"].attempts == bus.max_attempts
    assert len(calls) == 3
    assert [p[0] for p in bus.published].count("jobs-dead-letter") == 2
