"""webhook_maintenance: Cloud Scheduler's ticks redeliver failed GitHub deliveries and prune
expired records, through the real entry point as Eventarc delivers them."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import functions_framework
import pytest
from cloudevents.http import CloudEvent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_fakes.github import FakeGitHub
from klepaas_shared.bus import local_bus
from klepaas_shared.clock import iso, now
from klepaas_shared.events import pubsub_envelope
from klepaas_shared.store import Store

from .conftest import ROOT

TARGET = "webhook_maintenance"


def tick(body: Any, *, publish_time: str | None = None) -> int:
    """One scheduler message on the maintenance topic, as Eventarc posts it; the HTTP status."""
    app = functions_framework.create_app(target=TARGET, source=str(ROOT / "functions/webhook/main.py"))
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    attributes, envelope = pubsub_envelope("demo-test", "maintenance", "sub", data, publish_time=publish_time)
    event = CloudEvent(attributes, envelope)
    headers = {f"ce-{k}": str(v) for k, v in attributes.items()}
    response = app.test_client().post(
        "/", data=json.dumps(event.data), headers=headers, content_type="application/json"
    )
    return int(response.status_code)


def redelivered(github: FakeGitHub) -> list[str]:
    return [d["guid"] for d in github.hook_deliveries if d["redelivery"]]


def test_a_failed_delivery_is_redelivered_once_and_nothing_else_is(github: FakeGitHub, store: Store) -> None:
    github.add_hook_delivery("failed", 500, age_s=600)
    github.add_hook_delivery("failed", 503, age_s=300, redelivery=True)
    github.add_hook_delivery("fine", 200)
    github.add_hook_delivery("timed-out-but-done", 0)
    store.set("deliveries", "timed-out-but-done", {"status": "succeeded"})
    github.add_hook_delivery("refused", 400)  # our 4xx: sending it again changes nothing
    for age in (900, 600, 300, 100):
        github.add_hook_delivery("hopeless", 500, age_s=age)
    github.add_hook_delivery("too-old", 500, age_s=7 * 3600)
    assert tick({"task": "redeliver_failed_deliveries"}) == 200
    assert redelivered(github) == ["failed", "failed"]  # the one it had, and the one just asked for
    latest_failed = max(d["id"] for d in github.hook_deliveries[:2])
    assert ("POST", f"/app/hook/deliveries/{latest_failed}/attempts") in github.requests
    assert tick({"task": "redeliver_failed_deliveries"}) == 200  # the redelivery succeeded
    assert redelivered(github) == ["failed", "failed"]


def test_a_redelivery_refused_while_a_dead_worker_held_the_lease_is_asked_for_again(github: FakeGitHub) -> None:
    """Issue 16, item 11: the worker died (502), and a tick's redelivery came within its lease (409
    with Retry-After): the next tick asks again instead of giving the push up."""
    github.add_hook_delivery("crashed", 502, age_s=900)
    github.add_hook_delivery("crashed", 409, age_s=880, redelivery=True)
    assert tick({"task": "redeliver_failed_deliveries"}) == 200
    assert redelivered(github) == ["crashed", "crashed"]


def test_deliveries_are_read_across_pages_until_the_window_ends(github: FakeGitHub) -> None:
    github.add_hook_delivery("on-page-two", 502, age_s=1800)
    for n in range(120):
        github.add_hook_delivery(f"ok-{n}", 200, age_s=60)
    assert tick({"task": "redeliver_failed_deliveries"}) == 200
    assert redelivered(github) == ["on-page-two"]
    pages = [p for m, p in github.requests if m == "GET" and p == "/app/hook/deliveries"]
    assert len(pages) == 2


def test_github_being_down_is_retried_by_pubsub(github: FakeGitHub) -> None:
    github.add_hook_delivery("failed", 500)
    github.fail_next = [503]
    assert tick({"task": "redeliver_failed_deliveries"}) == 500  # nacked: Pub/Sub redelivers the tick
    assert redelivered(github) == []


def test_without_a_github_app_redelivery_is_skipped() -> None:
    assert tick({"task": "redeliver_failed_deliveries"}) == 200


def test_expired_records_are_pruned_on_sqlite(store: Store) -> None:
    past, future = iso(now() - timedelta(minutes=1)), iso(now() + timedelta(days=1))
    for collection in ("idempotency", "deliveries", "nlp_pending"):
        store.set(collection, "old", {"expires_at": past})
        store.set(collection, "new", {"expires_at": future})
    store.set("deliveries", "timeless", {"status": "succeeded"})
    store.set("integrations", "old", {"expires_at": past})  # not an expiring collection
    assert tick({"task": "prune_expired"}) == 200
    for collection in ("idempotency", "deliveries", "nlp_pending"):
        assert store.get(collection, "old") is None
        assert store.get(collection, "new") is not None
    assert store.get("deliveries", "timeless") is not None
    assert store.get("integrations", "old") is not None


def test_an_unknown_task_or_a_malformed_tick_is_acked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="klepaas"):
        assert tick({"task": "rm -rf"}) == 200
        assert tick(["prune_expired"]) == 200
        assert tick(b"\xff not json") == 200
    assert sum("acking a message that cannot succeed" in r.getMessage() for r in caplog.records) == 3
    assert local_bus().dead_letters == []


def test_a_tick_older_than_its_period_is_dropped(github: FakeGitHub) -> None:
    github.add_hook_delivery("failed", 500)
    assert tick({"task": "redeliver_failed_deliveries"}, publish_time=iso(now() - timedelta(minutes=20))) == 200
    assert redelivered(github) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(
        st.binary(max_size=256),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
            max_leaves=8,
        ).map(lambda v: json.dumps(v).encode()),
        st.sampled_from([b'{"task": null}', b'{"task": ["prune_expired"]}', b'{"task": "prune_expired", "x": 1}']),
    )
)
def test_any_tick_body_is_acked_never_a_server_error(body: bytes) -> None:
    assert tick(body) == 200
