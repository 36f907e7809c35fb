"""The realtime channel's Cloud Run service (tools/realtime_service.py): deployment events pulled
from its subscription on Pub/Sub's emulator reach a WebSocket client, as the console connects."""

from __future__ import annotations

import json
import sys
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket

from klepaas_shared.contracts import APPROVAL_KIND, ApprovalRequest, DeploymentEvent
from klepaas_shared.realtime import Hub

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import realtime_service

pytestmark = pytest.mark.emulator
PROJECT = "demo-test"


@pytest.fixture
def service(pubsub_host: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Any, str]]:
    from google.cloud.pubsub_v1 import PublisherClient, SubscriberClient

    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", pubsub_host)
    name = f"deployment-events-{uuid.uuid4().hex[:8]}"
    publisher, subscriber = PublisherClient(), SubscriberClient()
    topic = publisher.topic_path(PROJECT, name)
    subscription = subscriber.subscription_path(PROJECT, f"{name}-realtime")
    publisher.create_topic(name=topic)
    subscriber.create_subscription(name=subscription, topic=topic)
    hub = Hub()
    pulling = realtime_service.relay(hub, subscription)
    httpd = realtime_service.server(hub, "127.0.0.1", 0, max_connections=2)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}", publisher, topic
    finally:
        httpd.shutdown()
        httpd.server_close()
        pulling.cancel()


def test_a_published_event_reaches_a_connected_console_as_its_messages(service: tuple[str, Any, str]) -> None:
    address, publisher, topic = service
    channel = websocket.create_connection(f"ws://{address}/api/v1/ws/deployments", timeout=20)
    try:
        assert json.loads(channel.recv())["type"] == "connection_established"
        event = DeploymentEvent.model_validate(
            {"deployment_id": 41, "type": "stage_started", "owner": "o", "repo": "r", "stage": "sourcebuild"}
        )
        publisher.publish(topic, event.model_dump_json().encode()).result(timeout=10)
        publisher.publish(topic, b"not an event").result(timeout=10)  # acked and dropped, nothing sent
        held = ApprovalRequest(owner="o", repo="r", args={"environment": "production"}, requested_by="alice")
        publisher.publish(topic, held.model_dump_json().encode(), kind=APPROVAL_KIND).result(timeout=10)  # for notify
        message = json.loads(channel.recv())
        assert (message["type"], message["deployment_id"], message["stage"]) == ("stage_started", "41", "sourcebuild")
        channel.send(json.dumps({"type": "ping"}))
        assert json.loads(channel.recv())["type"] == "pong"
    finally:
        channel.close()


def test_its_connections_are_bounded_and_other_paths_answer_errors(service: tuple[str, Any, str]) -> None:
    address, _, _ = service
    url = f"ws://{address}/api/v1/ws/deployments"
    held = [websocket.create_connection(url, timeout=10) for _ in range(2)]
    try:
        assert all(json.loads(c.recv())["type"] == "connection_established" for c in held)
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            websocket.create_connection(url, timeout=10)
        assert refused.value.status_code == 503
    finally:
        for channel in held:
            channel.close()
    assert _status(f"http://{address}/healthz") == (200, {"status": "ok"})
    status, body = _status(f"http://{address}/api/v1/ws/deployments")  # no upgrade
    assert status == 400 and body["error"]["code"] == "bad_request"
    status, body = _status(f"http://{address}/api/v1/deployments")
    assert status == 404 and body["error"]["code"] == "not_found"


def _status(url: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
