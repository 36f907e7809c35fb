"""A push relay for the Pub/Sub emulator: pull a subscription and deliver each message to a function
as Eventarc does, a binary-mode CloudEvent of type ``google.cloud.pubsub.topic.v1.messagePublished``.

A 2xx answer acks the message; anything else nacks it, so Pub/Sub redelivers it (same message id).
"""

from __future__ import annotations

import base64
import contextlib
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

from klepaas_shared.clock import iso

PUBSUB_EVENT_TYPE = "google.cloud.pubsub.topic.v1.messagePublished"
Post = Callable[[Mapping[str, str], bytes], int]


def http_post(url: str) -> Post:
    """Deliver by HTTP POST to a running function (e.g. ``functions-framework`` on a port)."""

    def post(headers: Mapping[str, str], body: bytes) -> int:
        request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)

    return post


def cloud_event(project: str, topic: str, subscription: str, message: Any) -> tuple[dict[str, str], bytes]:
    """The headers and body Eventarc sends for one pulled ``PubsubMessage``."""
    publish_time = iso(message.publish_time)
    body = {
        "message": {
            "data": base64.b64encode(message.data).decode(),
            "attributes": dict(message.attributes),
            "messageId": message.message_id,
            "publishTime": publish_time,
        },
        "subscription": f"projects/{project}/subscriptions/{subscription}",
    }
    headers = {
        "Content-Type": "application/json",
        "ce-id": message.message_id,
        "ce-type": PUBSUB_EVENT_TYPE,
        "ce-source": f"//pubsub.googleapis.com/projects/{project}/topics/{topic}",
        "ce-specversion": "1.0",
        "ce-time": publish_time,
    }
    return headers, json.dumps(body).encode()


class PushRelay:
    """Creates ``topic`` (if needed) and a pull subscription on it, then relays with :meth:`pump`."""

    def __init__(self, project: str, topic: str, subscription: str, post: Post) -> None:
        from google.api_core.exceptions import AlreadyExists
        from google.cloud.pubsub_v1 import PublisherClient, SubscriberClient

        self.project, self.topic, self.subscription, self._post = project, topic, subscription, post
        self._subscriber = SubscriberClient()
        self._path = self._subscriber.subscription_path(project, subscription)
        publisher = PublisherClient()
        topic_path = publisher.topic_path(project, topic)
        with contextlib.suppress(AlreadyExists):
            publisher.create_topic(name=topic_path)
        self._subscriber.create_subscription(name=self._path, topic=topic_path, ack_deadline_seconds=10)
        self.delivered: list[tuple[str, int]] = []  # (message id, status) of every attempt

    def pump(self, expect: int = 1, timeout_s: float = 10.0) -> int:
        """Relay until ``expect`` deliveries were acked (or ``timeout_s`` passes); return how many."""
        acked = 0
        deadline = time.monotonic() + timeout_s
        while acked < expect and time.monotonic() < deadline:
            response = self._subscriber.pull(subscription=self._path, max_messages=10, timeout=5)
            if not response.received_messages:
                time.sleep(0.05)
                continue
            for received in response.received_messages:
                headers, body = cloud_event(self.project, self.topic, self.subscription, received.message)
                status = self._post(headers, body)
                self.delivered.append((received.message.message_id, status))
                if 200 <= status < 300:
                    self._subscriber.acknowledge(subscription=self._path, ack_ids=[received.ack_id])
                    acked += 1
                else:
                    self._subscriber.modify_ack_deadline(
                        subscription=self._path, ack_ids=[received.ack_id], ack_deadline_seconds=0
                    )
        return acked

    def close(self) -> None:
        self._subscriber.delete_subscription(subscription=self._path)
        self._subscriber.close()
