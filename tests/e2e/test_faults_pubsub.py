"""Pub/Sub deliveries every event entry point must survive: poison messages (hostile JSON, not
base64, not a message at all) are acked without writing anything, never retried forever; a stale
event is dropped; the same message id twice runs the handler once."""

from __future__ import annotations

import base64
import os
from typing import Any

import pytest
from cloudevents.http import CloudEvent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_shared.entrypoints import ENTRY_POINTS
from klepaas_shared.events import pubsub_envelope

from .faults_support import changes, main_of, snapshot

EVENT_ENTRY_POINTS = [e for e in ENTRY_POINTS if e.kind == "event"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4")) * 5
poison = st.one_of(
    st.integers(min_value=100, max_value=5000).map(lambda n: b"[" * n + b"]" * n),
    st.binary(max_size=80),
    st.just(b'{"request_id": "\\ud800", "owner": "\x00", "repo": 1e999}'),
    st.just(b"9" * 5000),
    st.just(b"null"),
)


def _entry(target: Any) -> Any:
    return getattr(main_of(target.function), target.target)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    target=st.sampled_from(EVENT_ENTRY_POINTS),
    data=poison,
    attributes=st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3),
)
def test_a_poison_message_is_acked_and_writes_nothing_but_its_outcome(
    target: Any, data: bytes, attributes: Any
) -> None:
    before = snapshot()
    ce_attributes, ce_data = pubsub_envelope("demo-test", target.topics[0], "sub", data, attributes)
    _entry(target)(CloudEvent(ce_attributes, ce_data))  # returns: acked, Pub/Sub will not retry
    assert {c for c, _ in changes(before, snapshot())} <= {"idempotency"}


@pytest.mark.parametrize("target", EVENT_ENTRY_POINTS, ids=lambda e: e.target)
@pytest.mark.parametrize(
    "ce_data",
    [{"message": {"data": "%%%not-base64"}}, {"nothing": 1}, "not json", {"message": "x"}],
)
def test_an_envelope_that_is_not_a_pubsub_message_is_acked(target: Any, ce_data: Any) -> None:
    before = snapshot()
    attributes = {"type": "google.cloud.pubsub.topic.v1.messagePublished", "source": "//pubsub", "id": "1"}
    _entry(target)(CloudEvent(attributes, ce_data))
    assert changes(before, snapshot()) == {}


@pytest.mark.parametrize("target", EVENT_ENTRY_POINTS, ids=lambda e: e.target)
def test_a_stale_event_is_dropped_without_running(target: Any) -> None:
    before = snapshot()
    body = base64.b64encode(b'{"request_id": "r", "owner": "o", "repo": "r", "requested_by": "u"}')
    attributes, data = pubsub_envelope("demo-test", target.topics[0], "sub", base64.b64decode(body))
    data["message"]["publishTime"] = data["message"]["publish_time"] = "2001-01-01T00:00:00Z"
    _entry(target)(CloudEvent(attributes, data))
    assert changes(before, snapshot()) == {}
