"""One contract for the store, run identically on SQLite and on Google's Firestore emulator."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from klepaas_shared.errors import BadRequest, Conflict, NotFound, PayloadTooLarge
from klepaas_shared.store import MAX_DOCUMENT_BYTES, Doc, Increment, Maximum, Store, Transaction
from klepaas_shared.store.firestore import FirestoreStore
from klepaas_shared.store.ids import create_numbered
from klepaas_shared.store.sqlite import SqliteStore


@pytest.fixture(params=["sqlite", "sqlite_file", pytest.param("firestore", marks=pytest.mark.emulator)])
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        made: Store = SqliteStore(":memory:")
    elif request.param == "sqlite_file":
        made = SqliteStore(str(tmp_path / "store.sqlite3"))
    else:
        monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", request.getfixturevalue("firestore_host"))
        made = FirestoreStore(project=f"demo-{uuid.uuid4().hex[:12]}")
    yield made
    made.close()


# A small catalogue: numbers, strings, arrays, a nested map, a null, and documents lacking fields.
ITEMS: dict[str, dict[str, Any]] = {
    "a": {"n": 1, "s": "apple", "tags": ["red", "fruit"], "meta": {"level": 3}},
    "b": {"n": 2, "s": "banana", "tags": ["yellow", "fruit"], "meta": {"level": 1}},
    "c": {"n": 2, "s": "cherry", "tags": ["red"], "meta": {"level": 2}},
    "d": {"n": 3.5, "s": "date", "tags": []},
    "e": {"s": "elder", "tags": ["fruit"]},
    "f": {"n": None, "s": "fig"},
}


def fill(store: Store, collection: str = "items") -> None:
    for doc_id, data in ITEMS.items():
        store.set(collection, doc_id, data)


def ids(docs: list[Doc]) -> list[str]:
    return [doc.id for doc in docs]


def test_a_document_is_written_read_replaced_and_deleted(store: Store) -> None:
    assert store.get("things", "x") is None
    store.set("things", "x", {"name": "one", "nested": {"k": [1, 2]}, "flag": True})
    assert store.get("things", "x") == {"name": "one", "nested": {"k": [1, 2]}, "flag": True}
    store.set("things", "x", {"name": "two"})
    assert store.get("things", "x") == {"name": "two"}
    store.delete("things", "x")
    assert store.get("things", "x") is None
    store.delete("things", "x")  # deleting an absent document is not an error
    assert store.get("other", "x") is None  # collections are separate


def test_create_writes_only_when_absent(store: Store) -> None:
    assert store.create("things", "x", {"v": 1}) is True
    assert store.create("things", "x", {"v": 2}) is False
    assert store.get("things", "x") == {"v": 1}


def test_set_with_merge_merges_nested_maps_and_replaces_the_rest(store: Store) -> None:
    store.set("things", "x", {"a": 1, "m": {"k1": 1, "deep": {"z": 1}}, "list": [1, 2]})
    store.set("things", "x", {"b": 2, "m": {"k2": 2, "deep": {"y": 2}}, "list": [3]}, merge=True)
    assert store.get("things", "x") == {
        "a": 1,
        "b": 2,
        "m": {"k1": 1, "k2": 2, "deep": {"z": 1, "y": 2}},
        "list": [3],
    }
    store.set("things", "new", {"m": {"k": 1}}, merge=True)
    assert store.get("things", "new") == {"m": {"k": 1}}


def test_update_changes_dotted_paths_and_leaves_the_rest(store: Store) -> None:
    store.set("things", "x", {"a": 1, "m": {"k1": 1, "k2": 2}})
    store.update("things", "x", {"m.k1": 10, "m.fresh.deep": "new", "b": [1]})
    assert store.get("things", "x") == {"a": 1, "b": [1], "m": {"k1": 10, "k2": 2, "fresh": {"deep": "new"}}}
    store.update("things", "x", {"m": {"only": 1}})  # a map value replaces the whole map
    assert store.get("things", "x") == {"a": 1, "b": [1], "m": {"only": 1}}


def test_update_of_an_absent_document_is_not_found_and_writes_nothing(store: Store) -> None:
    with pytest.raises(NotFound):
        store.update("things", "ghost", {"a": 1})
    assert store.get("things", "ghost") is None


def test_increment_adds_to_numbers_and_counts_a_missing_field_as_zero(store: Store) -> None:
    store.set("counters", "c", {"hits": 5, "m": {}})
    store.update("counters", "c", {"hits": Increment(), "m.deep": Increment(3), "ratio": Increment(0.5)})
    assert store.get("counters", "c") == {"hits": 6, "m": {"deep": 3}, "ratio": 0.5}
    store.set("counters", "c", {"hits": Increment(-2)}, merge=True)
    assert store.get("counters", "c") == {"hits": 4, "m": {"deep": 3}, "ratio": 0.5}
    store.set("counters", "fresh", {"hits": Increment(7)})
    assert store.get("counters", "fresh") == {"hits": 7}


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ([("n", "==", 2)], ["b", "c"]),
        ([("n", "==", 3.5)], ["d"]),
        ([("s", "==", "apple")], ["a"]),
        ([("n", "==", None)], ["f"]),
        ([("n", "!=", 2)], ["a", "d"]),
        ([("n", "<", 2)], ["a"]),
        ([("n", "<=", 2)], ["a", "b", "c"]),
        ([("n", ">", 2)], ["d"]),
        ([("n", ">=", 2)], ["b", "c", "d"]),
        ([("s", ">=", "c"), ("s", "<", "e")], ["c", "d"]),
        ([("n", "in", [1, 3.5, 99])], ["a", "d"]),
        ([("s", "in", ["fig", "apple"])], ["a", "f"]),
        ([("n", "not-in", [1, 2])], ["d"]),
        ([("tags", "array_contains", "red")], ["a", "c"]),
        ([("tags", "array_contains_any", ["yellow", "red"])], ["a", "b", "c"]),
        ([("meta.level", ">=", 2)], ["c", "a"]),
        ([("meta.level", "==", 1)], ["b"]),
        ([("tags", "array_contains", "fruit"), ("n", "==", 2)], ["b"]),
        ([("s", "==", "nothing")], []),
    ],
)
def test_every_operator_filters_and_leaves_out_documents_lacking_the_field(
    store: Store, where: list[Any], expected: list[str]
) -> None:
    fill(store)
    assert ids(store.query("items", where=where)) == expected


def test_an_unknown_operator_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unsupported operator"):
        store.query("items", where=[("n", "~", 1)])  # type: ignore[list-item]


def test_ordering_leaves_out_documents_lacking_the_field_and_breaks_ties_by_id(store: Store) -> None:
    fill(store)
    assert ids(store.query("items", order_by=[("n", "asc")])) == ["f", "a", "b", "c", "d"]
    assert ids(store.query("items", order_by=[("n", "desc")])) == ["d", "c", "b", "a", "f"]
    assert ids(store.query("items", order_by=[("meta.level", "desc")], limit=2)) == ["a", "c"]
    assert ids(store.query("items")) == ["a", "b", "c", "d", "e", "f"]
    assert ids(store.query("items", order_by=[("s", "desc")], where=[("tags", "array_contains", "fruit")])) == [
        "e",
        "b",
        "a",
    ]


def test_an_inequality_filter_also_orders_by_its_field(store: Store) -> None:
    fill(store)
    assert ids(store.query("items", where=[("meta.level", ">", 0)])) == ["b", "c", "a"]
    assert ids(store.query("items", where=[("n", ">", 0)], order_by=[("s", "desc")])) == ["d", "c", "b", "a"]


@pytest.mark.parametrize(
    ("where", "order_by"),
    [
        ([], [("group", "asc")]),
        ([], [("group", "desc")]),
        ([], [("group", "asc"), ("rank", "desc")]),
        ([("rank", ">=", 2)], [("group", "desc")]),
        ([("group", "in", ["g0", "g2"])], []),
    ],
)
def test_cursor_pagination_visits_every_document_once_in_order(
    store: Store, where: list[Any], order_by: list[Any]
) -> None:
    for i in range(13):
        store.set("pages", f"p{i:02d}", {"group": f"g{i % 3}", "rank": i % 4})
    everything = store.query("pages", where=where, order_by=order_by)
    assert len(everything) >= 5
    pages: list[list[Doc]] = []
    last: Doc | None = None
    while True:
        page = store.query("pages", where=where, order_by=order_by, limit=3, start_after=last)
        if not page:
            break
        pages.append(page)
        last = page[-1]
    assert [doc for page in pages for doc in page] == everything
    assert len(pages) == -(-len(everything) // 3)


def test_a_transaction_reads_then_writes_atomically(store: Store) -> None:
    store.set("accounts", "a", {"balance": 10})
    store.set("accounts", "b", {"balance": 0})

    def move(txn: Transaction) -> int:
        a = txn.get("accounts", "a") or {}
        b = txn.get("accounts", "b") or {}
        txn.set("accounts", "a", {"balance": a["balance"] - 4})
        txn.update("accounts", "b", {"balance": b["balance"] + 4})
        txn.create("accounts", "log", {"moved": 4})
        return int(a["balance"]) - 4

    assert store.transaction(move) == 6
    assert store.get("accounts", "a") == {"balance": 6}
    assert store.get("accounts", "b") == {"balance": 4}
    assert store.get("accounts", "log") == {"moved": 4}


def test_a_transaction_that_raises_writes_nothing(store: Store) -> None:
    store.set("accounts", "a", {"balance": 10})

    def fail(txn: Transaction) -> None:
        txn.get("accounts", "a")
        txn.set("accounts", "a", {"balance": 0})
        txn.delete("accounts", "a")
        txn.set("accounts", "new", {"x": 1})
        raise KeyError("boom")

    with pytest.raises(KeyError):
        store.transaction(fail)
    assert store.get("accounts", "a") == {"balance": 10}
    assert store.get("accounts", "new") is None


def test_a_read_after_a_write_in_a_transaction_is_refused(store: Store) -> None:
    def read_late(txn: Transaction) -> None:
        txn.set("accounts", "x", {"v": 1})
        txn.get("accounts", "y")

    with pytest.raises(RuntimeError, match="read everything before"):
        store.transaction(read_late)
    assert store.get("accounts", "x") is None


def test_a_create_conflict_in_a_transaction_is_conflict_and_writes_nothing(store: Store) -> None:
    store.set("accounts", "taken", {"v": 1})

    def create_twice(txn: Transaction) -> None:
        txn.set("accounts", "other", {"v": 2})
        txn.create("accounts", "taken", {"v": 3})

    with pytest.raises(Conflict):
        store.transaction(create_twice)
    assert store.get("accounts", "taken") == {"v": 1}
    assert store.get("accounts", "other") is None


def test_an_update_of_an_absent_document_in_a_transaction_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.transaction(lambda txn: txn.update("accounts", "ghost", {"v": 1}))


def _in_threads(count: int, work: Any) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not errors, errors


def test_contending_transactions_lose_no_update(store: Store) -> None:
    store.set("counters", "shared", {"value": 0})

    def bump(txn: Transaction) -> None:
        current = (txn.get("counters", "shared") or {})["value"]
        txn.set("counters", "shared", {"value": current + 1})

    _in_threads(2, lambda: [store.transaction(bump) for _ in range(4)])
    assert store.get("counters", "shared") == {"value": 8}


def test_numbered_documents_get_unique_increasing_ids_across_threads_without_a_counter(store: Store) -> None:
    seen: dict[str, list[int]] = {}

    def take() -> None:
        mine = seen.setdefault(threading.current_thread().name, [])
        for _ in range(4):
            mine.append(int(create_numbered(store, "things", lambda n: {"id": n})["id"]))

    _in_threads(2, take)
    all_ids = [i for mine in seen.values() for i in mine]
    assert len(set(all_ids)) == 8 and all(0 < i < 2**53 for i in all_ids)
    assert all(mine == sorted(mine) for mine in seen.values())
    stored = store.query("things", order_by=[("id", "asc")])
    assert [doc.data["id"] for doc in stored] == sorted(all_ids)
    assert {doc.id for doc in stored} == {str(i) for i in all_ids}
    assert store.get("_sequences", "things") is None  # no counter document


@pytest.mark.parametrize("bad", ["a/b", ".", "..", "__x__", "__name__", "x" * 1501])
def test_a_document_id_firestore_refuses_is_refused_by_every_store_with_400(store: Store, bad: str) -> None:
    for call in (
        lambda: store.get("things", bad),
        lambda: store.set("things", bad, {"v": 1}),
        lambda: store.create("things", bad, {"v": 1}),
        lambda: store.update("things", bad, {"v": 1}),
        lambda: store.delete("things", bad),
        lambda: store.transaction(lambda t: t.set("things", bad, {"v": 1})),
    ):
        with pytest.raises(BadRequest) as caught:
            call()
        assert caught.value.http_status == 400 and "document id" in caught.value.message
    assert store.query("things") == []


@pytest.mark.parametrize("good", ["a.b", "_x_", "__x", "x__", "nlp-42:7", "é" * 10])
def test_ids_that_firestore_takes_work_on_every_store(store: Store, good: str) -> None:
    store.set("things", good, {"v": 1})
    assert store.get("things", good) == {"v": 1}


def test_a_document_over_the_size_limit_is_refused_by_every_store_and_nothing_is_written(store: Store) -> None:
    big = {"text": "가" * (MAX_DOCUMENT_BYTES // 3 + 10)}  # 3 bytes a character in UTF-8
    for call in (
        lambda: store.set("things", "big", big),
        lambda: store.create("things", "big", big),
        lambda: store.set("things", "big", big, merge=True),
        lambda: store.transaction(lambda t: t.set("things", "big", big)),
    ):
        with pytest.raises(PayloadTooLarge):
            call()
    assert store.get("things", "big") is None
    fits = {"text": "가" * (MAX_DOCUMENT_BYTES // 3 - 100)}
    store.set("things", "big", fits)
    assert store.get("things", "big") == fits


def test_maximum_keeps_the_larger_value(store: Store) -> None:
    store.set("things", "m", {"max": 5}, merge=True)
    store.set("things", "m", {"max": Maximum(3), "n": Increment(1)}, merge=True)
    assert store.get("things", "m") == {"max": 5, "n": 1}
    store.update("things", "m", {"max": Maximum(9)})
    store.set("things", "fresh", {"max": Maximum(4)}, merge=True)
    assert store.get("things", "m") == {"max": 9, "n": 1}
    assert store.get("things", "fresh") == {"max": 4}
