"""Firestore and Pub/Sub unreachable (a closed loopback port): every call gives up within its
deadline, HTTP entry points answer the 503 envelope, event entry points re-raise a retryable
error so that Pub/Sub delivers the message again. Nothing hangs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from klepaas_fakes.env import reset_caches
from klepaas_fakes.services import free_port
from klepaas_shared.entrypoints import ENTRY_POINTS
from klepaas_shared.errors import Unavailable
from klepaas_shared.events import get_publisher
from klepaas_shared.store import get_store
from klepaas_shared.store.firestore import FirestoreStore

from .faults_support import assert_envelope, event, http_client, main_of

DEADLINE_S = 1.0
# A call's retries stop at its deadline; the last attempt and the client's start may add a little.
WITHIN_S = 6.0
READS = [
    ("deploy", "/api/v1/deployment-histories"),
    ("nlp", "/api/v1/nlp/history"),
    ("webhook", "/api/v1/github/repositories/connected"),
    ("notify", "/api/v1/slack/status"),
    ("notify", "/api/v1/monitoring/alerts"),
]
EVENT_ENTRY_POINTS = [e for e in ENTRY_POINTS if e.kind == "event"]


@pytest.fixture
def firestore_down(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KLEPAAS_STORE", "firestore")
    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", f"127.0.0.1:{free_port()}")
    monkeypatch.setenv("KLEPAAS_STORE_TIMEOUT_S", str(DEADLINE_S))
    reset_caches()
    store = get_store()
    assert isinstance(store, FirestoreStore) and store.timeout_s == DEADLINE_S
    try:
        yield
    finally:
        store.close()


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.monotonic()
    return call(), time.monotonic() - started


@pytest.mark.usefixtures("firestore_down")
@pytest.mark.parametrize(("function", "path"), READS)
def test_an_http_read_with_firestore_unreachable_is_a_503_envelope_within_seconds(
    function: str, path: str, auth_headers: dict[str, str]
) -> None:
    client = http_client(function)
    response, elapsed = timed(lambda: client.get(f"{path}?user_id=user-1", headers=auth_headers))
    body = assert_envelope(response, 503)
    assert body["error"]["code"] == "unavailable" and "Firestore" in body["error"]["message"]
    assert elapsed < WITHIN_S


@pytest.mark.usefixtures("firestore_down")
@pytest.mark.parametrize("target", EVENT_ENTRY_POINTS, ids=lambda e: e.target)
def test_an_event_with_firestore_unreachable_is_re_raised_as_retryable_within_seconds(target: Any) -> None:
    entry_point = getattr(main_of(target.function), target.target)
    delivered = event(target.topics[0], {"probe": 1}, message_id=f"down-{target.target}")
    started = time.monotonic()
    with pytest.raises(Unavailable, match="Firestore") as raised:
        entry_point(delivered)
    assert raised.value.retryable is True
    assert time.monotonic() - started < WITHIN_S


@pytest.mark.usefixtures("firestore_down")
@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.get("things", "x"),
        lambda s: s.create("things", "x", {"v": 1}),
        lambda s: s.set("things", "x", {"v": 1}, merge=True),
        lambda s: s.update("things", "x", {"v": 2}),
        lambda s: s.delete("things", "x"),
        lambda s: s.query("things", where=[("v", "==", 1)], limit=5),
        lambda s: s.transaction(lambda t: t.get("things", "x")),
    ],
    ids=["get", "create", "set", "update", "delete", "query", "transaction"],
)
def test_every_store_call_gives_up_as_unavailable_by_its_deadline(call: Callable[[Any], Any]) -> None:
    store = get_store()
    started = time.monotonic()
    with pytest.raises(Unavailable, match="Firestore"):
        call(store)
    assert time.monotonic() - started < WITHIN_S


def test_a_publish_with_pubsub_unreachable_is_unavailable_within_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KLEPAAS_EVENTS", "pubsub")
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", f"127.0.0.1:{free_port()}")
    monkeypatch.setenv("KLEPAAS_PUBLISH_TIMEOUT_S", str(DEADLINE_S))
    reset_caches()
    started = time.monotonic()
    with pytest.raises(Unavailable) as raised:
        get_publisher().publish("deploy-requests", {"probe": 1})
    assert raised.value.retryable is True
    assert time.monotonic() - started < WITHIN_S
