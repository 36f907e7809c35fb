"""The production path on Google's Pub/Sub emulator: publish with google-cloud-pubsub, deliver to a
functions-framework CloudEvent function as Eventarc does, decode the same typed message."""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from functions_framework import create_app

from klepaas_fakes.pubsub_push import PushRelay
from klepaas_shared.contracts import DeployRequest
from klepaas_shared.events import get_publisher
from klepaas_shared.pubsub import PubsubPublisher
from klepaas_shared.store import get_store

pytestmark = pytest.mark.emulator

FUNCTION = textwrap.dedent(
    """
    import functions_framework

    from klepaas_shared.contracts import DeployRequest
    from klepaas_shared.errors import Unavailable
    from klepaas_shared.events import consumer, parse
    from klepaas_shared.store import get_store


    def _handle(message):
        request = parse(message, DeployRequest)
        if message.attributes.get("poison"):
            raise Unavailable("this one never works")
        if message.attributes.get("fail_first") and get_store().create("failed_once", message.message_id, {}):
            raise Unavailable("a dependency is down")
        get_store().set(
            "received",
            message.message_id,
            {"request": request.model_dump(mode="json"), "attributes": message.attributes},
        )


    deploy_requests = functions_framework.cloud_event(consumer("deploy_requests", _handle))
    """
)


@pytest.fixture
def emulator(pubsub_host: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", pubsub_host)
    monkeypatch.setenv("KLEPAAS_EVENTS", "pubsub")
    from klepaas_fakes.env import reset_caches

    reset_caches()
    return f"deploy-requests-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def relay(emulator: str, tmp_path: Path) -> Iterator[PushRelay]:
    source = tmp_path / "main.py"
    source.write_text(FUNCTION)
    client = create_app(target="deploy_requests", source=str(source), signature_type="cloudevent").test_client()

    def post(headers: object, body: bytes) -> int:
        return int(client.post("/", headers=headers, data=body).status_code)

    made = PushRelay("demo-test", emulator, f"sub-{emulator}", post)
    yield made
    made.close()


def test_a_published_deploy_request_reaches_the_function_as_the_same_model(relay: PushRelay) -> None:
    publisher = get_publisher()
    assert isinstance(publisher, PubsubPublisher)
    sent = DeployRequest(owner="K-Le-PaaS", repo="test01", requested_by="user-1", source="github_push")
    message_id = publisher.publish(relay.topic, sent, {"origin": "webhook"})
    assert relay.pump(expect=1) == 1
    record = get_store().get("received", message_id)
    assert record is not None
    assert DeployRequest.model_validate(record["request"]) == sent
    assert record["attributes"] == {"origin": "webhook"}
    assert relay.delivered == [(message_id, 200)]


def test_a_retryable_failure_is_nacked_and_redelivered_then_handled_once(relay: PushRelay) -> None:
    sent = DeployRequest(owner="o", repo="r", requested_by="u")
    message_id = get_publisher().publish(relay.topic, sent, {"fail_first": "1"})
    assert relay.pump(expect=1, timeout_s=20) == 1
    assert [status for _, status in relay.delivered] == [500, 200]
    assert {mid for mid, _ in relay.delivered} == {message_id}
    assert get_store().get("received", message_id) is not None


def test_a_poison_message_ends_in_the_dead_letter_topic_after_max_attempts(
    relay: PushRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    from google.cloud.pubsub_v1 import PublisherClient, SubscriberClient

    monkeypatch.setenv("KLEPAAS_EVENT_MAX_ATTEMPTS", "3")
    from klepaas_fakes.env import reset_caches

    reset_caches()
    publisher, subscriber = PublisherClient(), SubscriberClient()
    dead_topic = publisher.topic_path("demo-test", f"{relay.topic}-dead-letter")
    publisher.create_topic(name=dead_topic)
    inspect = subscriber.subscription_path("demo-test", f"inspect-{relay.topic}")
    subscriber.create_subscription(name=inspect, topic=dead_topic)
    try:
        sent = DeployRequest(owner="o", repo="r", requested_by="u")
        message_id = get_publisher().publish(relay.topic, sent, {"poison": "1"})
        assert relay.pump(expect=1, timeout_s=30) == 1
        assert relay.delivered == [(message_id, 500), (message_id, 500), (message_id, 200)]
        response = subscriber.pull(subscription=inspect, max_messages=10, timeout=10)
        (dead,) = response.received_messages
        assert DeployRequest.model_validate_json(dead.message.data) == sent
        attributes = dict(dead.message.attributes)
        assert attributes["poison"] == "1"
        assert attributes["klepaas_message_id"] == message_id
        assert attributes["CloudPubSubDeadLetterSourceSubscription"] == relay.subscription
        assert attributes["CloudPubSubDeadLetterSourceDeliveryCount"] == "3"
        assert "never works" in attributes["klepaas_error"]
        assert get_store().get("received", message_id) is None
    finally:
        subscriber.delete_subscription(subscription=inspect)
        subscriber.close()


def test_publishing_to_a_missing_topic_is_unavailable(emulator: str) -> None:
    from klepaas_shared.errors import Unavailable

    with pytest.raises(Unavailable):
        PubsubPublisher("demo-test", timeout_s=5).publish(f"missing-{emulator}", {"x": 1})
