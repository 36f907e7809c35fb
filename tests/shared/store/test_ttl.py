"""The TTL field ``expires_at``: an ISO string through the protocol on every store, a real
timestamp inside Firestore (what its TTL policies need)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from klepaas_shared.clock import iso, now
from klepaas_shared.store import TTL_FIELD, Store
from klepaas_shared.store.firestore import FirestoreStore
from klepaas_shared.store.sqlite import SqliteStore
from klepaas_shared.store.ttl import prune_expired

PAST, SOON, LATER = (iso(now() + timedelta(hours=h)) for h in (-1, 1, 48))


@pytest.fixture(params=["sqlite", pytest.param("firestore", marks=pytest.mark.emulator)])
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    if request.param == "sqlite":
        made: Store = SqliteStore(":memory:")
    else:
        monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", request.getfixturevalue("firestore_host"))
        made = FirestoreStore(project=f"demo-{uuid.uuid4().hex[:12]}")
    yield made
    made.close()


def fill(store: Store) -> None:
    store.set("leases", "old", {TTL_FIELD: PAST, "n": 1})
    store.set("leases", "soon", {TTL_FIELD: SOON, "n": 2})
    store.create("leases", "later", {TTL_FIELD: LATER, "n": 3})
    store.set("leases", "none", {"n": 4})


def test_expires_at_reads_back_as_the_same_iso_string_whatever_the_write(store: Store) -> None:
    fill(store)
    assert store.get("leases", "old") == {TTL_FIELD: PAST, "n": 1}
    assert store.get("leases", "later") == {TTL_FIELD: LATER, "n": 3}
    store.set("leases", "none", {TTL_FIELD: SOON}, merge=True)
    store.update("leases", "soon", {TTL_FIELD: LATER})
    assert store.get("leases", "none") == {TTL_FIELD: SOON, "n": 4}
    assert store.get("leases", "soon") == {TTL_FIELD: LATER, "n": 2}
    assert store.transaction(lambda txn: txn.get("leases", "old")) == {TTL_FIELD: PAST, "n": 1}


def test_expired_documents_are_found_by_comparing_with_an_iso_string(store: Store) -> None:
    fill(store)
    expired = store.query("leases", where=[(TTL_FIELD, "<", iso(now()))])
    assert [d.id for d in expired] == ["old"]
    assert expired[0].data[TTL_FIELD] == PAST
    ordered = store.query("leases", order_by=[(TTL_FIELD, "desc")], limit=2)
    assert [d.id for d in ordered] == ["later", "soon"]
    rest = store.query("leases", order_by=[(TTL_FIELD, "desc")], start_after=ordered[-1])
    assert [d.id for d in rest] == ["old"]


def test_a_nested_expires_at_or_a_non_time_value_is_kept_as_written(store: Store) -> None:
    store.set("leases", "x", {"grant": {TTL_FIELD: PAST}, "other": [PAST]})
    store.set("leases", "y", {TTL_FIELD: "never"})
    assert store.get("leases", "x") == {"grant": {TTL_FIELD: PAST}, "other": [PAST]}
    assert store.get("leases", "y") == {TTL_FIELD: "never"}


def test_prune_expired_deletes_only_expired_documents_of_the_given_collections(store: Store) -> None:
    fill(store)
    store.set("others", "old", {TTL_FIELD: PAST})
    assert prune_expired(store, ["leases"]) == {"leases": 1}
    assert sorted(d.id for d in store.query("leases")) == ["later", "none", "soon"]
    assert store.get("others", "old") is not None
    assert prune_expired(store, ["leases"]) == {"leases": 0}


@pytest.mark.emulator
def test_firestore_keeps_expires_at_as_a_timestamp_for_its_ttl_policy(
    firestore_host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from google.cloud import firestore

    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", firestore_host)
    project = f"demo-{uuid.uuid4().hex[:12]}"
    store = FirestoreStore(project=project)
    store.set("idempotency", "k", {TTL_FIELD: SOON, "status": "succeeded"})
    raw = firestore.Client(project=project).collection("idempotency").document("k").get().to_dict()
    assert raw is not None
    assert isinstance(raw[TTL_FIELD], datetime)
    assert raw[TTL_FIELD] == datetime.fromisoformat(SOON.replace("Z", "+00:00")).astimezone(UTC)
    assert raw["status"] == "succeeded"
    store.close()
