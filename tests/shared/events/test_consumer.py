"""``events.consumer``: decode, drop stale, at most once per message id, ack what cannot succeed."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from cloudevents.http import CloudEvent

from klepaas_shared.clock import iso, now
from klepaas_shared.contracts import DeployRequest
from klepaas_shared.errors import BadRequest, Unavailable, ValidationFailed
from klepaas_shared.events import PubsubMessage, consumer, parse, pubsub_envelope
from klepaas_shared.idempotency import COLLECTION
from klepaas_shared.store import get_store

from ..conftest import Records


def event(data: bytes, message_id: str = "m-1", publish_time: str | None = None) -> CloudEvent:
    attributes, body = pubsub_envelope(
        "demo-test", "deploy-requests", "sub", data, {"a": "b"}, message_id=message_id, publish_time=publish_time
    )
    return CloudEvent(attributes, body)


def deploy_event(message_id: str = "m-1", publish_time: str | None = None) -> CloudEvent:
    request = DeployRequest(owner="o", repo="r", requested_by="u", request_id="req-1")
    return event(request.model_dump_json().encode(), message_id, publish_time)


def test_the_handler_gets_the_typed_message_once_per_message_id() -> None:
    seen: list[DeployRequest] = []
    entry = consumer("deploy_requests", lambda m: seen.append(parse(m, DeployRequest)))
    entry(deploy_event("m-1"))
    entry(deploy_event("m-1"))  # Pub/Sub delivers at least once: the duplicate does nothing
    entry(deploy_event("m-2"))
    assert [s.request_id for s in seen] == ["req-1", "req-1"]
    assert get_store().get(COLLECTION, "deploy_requests:m-1")["status"] == "succeeded"  # type: ignore[index]


def test_the_same_message_id_is_separate_per_consumer() -> None:
    calls: list[str] = []
    consumer("one", lambda m: calls.append("one"))(deploy_event())
    consumer("two", lambda m: calls.append("two"))(deploy_event())
    assert calls == ["one", "two"]


def test_a_stale_event_is_dropped_without_running(klepaas_logs: Records) -> None:
    calls: list[PubsubMessage] = []
    entry = consumer("c", calls.append, max_age=timedelta(minutes=30))
    entry(deploy_event("old", publish_time=iso(now() - timedelta(hours=2))))
    assert calls == []
    assert get_store().get(COLLECTION, "c:old") is None
    assert "dropping stale event" in klepaas_logs.messages(logging.WARNING)
    entry(deploy_event("fresh", publish_time=iso(now() - timedelta(minutes=5))))
    assert len(calls) == 1


def test_an_undecodable_event_is_acked_and_logged(klepaas_logs: Records) -> None:
    calls: list[PubsubMessage] = []
    entry = consumer("c", calls.append)
    entry(CloudEvent({"type": "t", "source": "s", "id": "x"}, {"no": "message"}))
    attributes, body = pubsub_envelope("p", "t", "s", b"")
    body["message"]["data"] = "***not base64***"
    entry(CloudEvent(attributes, body))
    assert calls == []
    assert klepaas_logs.messages(logging.ERROR).count("dropping undecodable event") == 2


def test_a_failed_run_is_retried_by_the_platform_and_may_run_again() -> None:
    outcomes = iter([RuntimeError("cluster hiccup"), None])
    calls: list[str] = []

    def handler(message: PubsubMessage) -> None:
        calls.append(message.message_id)
        outcome = next(outcomes)
        if outcome is not None:
            raise outcome

    entry = consumer("c", handler)
    with pytest.raises(RuntimeError):
        entry(deploy_event("m"))
    assert get_store().get(COLLECTION, "c:m")["status"] == "failed"  # type: ignore[index]
    entry(deploy_event("m"))
    entry(deploy_event("m"))
    assert calls == ["m", "m"]


@pytest.mark.parametrize("error", [BadRequest("bad"), ValidationFailed("no")])
def test_a_non_retryable_error_is_acked_not_raised(error: Exception, klepaas_logs: Records) -> None:
    def handler(message: PubsubMessage) -> None:
        raise error

    consumer("c", handler)(deploy_event("m"))
    assert "acking a message that cannot succeed" in klepaas_logs.messages(logging.ERROR)
    record = get_store().get(COLLECTION, "c:m")
    assert record is not None and record["status"] == "failed"


def test_a_retryable_error_is_raised_so_pubsub_redelivers() -> None:
    def handler(message: PubsubMessage) -> None:
        raise Unavailable("Firestore is down")

    with pytest.raises(Unavailable):
        consumer("c", handler)(deploy_event("m"))


def test_an_invalid_message_body_is_a_bad_request_the_consumer_acks() -> None:
    seen: list[Any] = []
    entry = consumer("c", lambda m: seen.append(parse(m, DeployRequest)))
    entry(event(b'{"owner": "o"}', "bad-model"))
    entry(event(b"not json", "bad-json"))
    assert seen == []
    assert get_store().get(COLLECTION, "c:bad-model")["status"] == "failed"  # type: ignore[index]
