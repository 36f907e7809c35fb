"""The store on Google Cloud Firestore (production; the emulator in tests via FIRESTORE_EMULATOR_HOST).

The SDK is imported and the client created on first use, once per instance: cold start matters.
Every call is bounded by ``timeout_s`` (``KLEPAAS_STORE_TIMEOUT_S``) and maps Google API errors to
our error tree (unreachable, unavailable and deadline → retryable
:class:`~klepaas_shared.errors.Unavailable`); see :mod:`.firestore_calls`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from ..clock import iso, parse_iso
from ..errors import Unavailable
from .documents import effective_order, get_path
from .firestore_calls import bounded, bounded_transaction, google_errors
from .interface import (
    TTL_FIELD,
    Doc,
    Filter,
    Increment,
    Maximum,
    Order,
    check_document_id,
    check_document_size,
    check_filters,
)

__all__ = ["FirestoreStore", "FirestoreTransaction", "google_errors"]

T = TypeVar("T")
TRANSACTION_ATTEMPTS = 10


def to_firestore(value: Any, *, top: bool = True) -> Any:
    """Our values as the SDK takes them: :class:`Increment` and :class:`Maximum` become Firestore transforms, and a
    top-level TTL field (an ISO string everywhere else) a timestamp, as Firestore's TTL needs."""
    if isinstance(value, Increment):
        from google.cloud import firestore

        return firestore.Increment(value.amount)
    if isinstance(value, Maximum):
        from google.cloud import firestore

        return firestore.Maximum(value.value)
    if isinstance(value, dict):
        return {k: ttl_timestamp(v) if top and k == TTL_FIELD else to_firestore(v, top=False) for k, v in value.items()}
    if isinstance(value, list):
        return [to_firestore(v, top=False) for v in value]
    return value


def from_firestore(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """A document as the protocol hands it out: the TTL timestamp back as an ISO string."""
    if data is not None and isinstance(data.get(TTL_FIELD), datetime):
        data[TTL_FIELD] = iso(data[TTL_FIELD])
    return data


def ttl_timestamp(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_iso(value)
        except ValueError:
            return value  # not a time: kept as written (TTL ignores it, as Firestore does)
    return value


def _filter_value(field: str, value: Any) -> Any:
    if field != TTL_FIELD:
        return value
    return [ttl_timestamp(v) for v in value] if isinstance(value, list) else ttl_timestamp(value)


class FirestoreTransaction:
    """Reads go through the transaction (locking the documents); writes are buffered to commit."""

    def __init__(self, store: FirestoreStore, txn: Any) -> None:
        self._store, self._txn = store, txn
        self._wrote = False

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        if self._wrote:
            raise RuntimeError("a transaction must read everything before its first write")
        ref = self._store._ref(collection, doc_id)
        snapshot = ref.get(transaction=self._txn, **bounded(self._store.timeout_s))
        return from_firestore(snapshot.to_dict()) if snapshot.exists else None

    def create(self, collection: str, doc_id: str, data: dict[str, Any]) -> None:
        check_document_size(collection, data)
        self._wrote = True
        self._txn.create(self._store._ref(collection, doc_id), to_firestore(data))

    def set(self, collection: str, doc_id: str, data: dict[str, Any]) -> None:
        check_document_size(collection, data)
        self._wrote = True
        self._txn.set(self._store._ref(collection, doc_id), to_firestore(data))

    def update(self, collection: str, doc_id: str, changes: dict[str, Any]) -> None:
        self._wrote = True
        self._txn.update(self._store._ref(collection, doc_id), to_firestore(changes))

    def delete(self, collection: str, doc_id: str) -> None:
        self._wrote = True
        self._txn.delete(self._store._ref(collection, doc_id))


class FirestoreStore:
    """The :class:`~klepaas_shared.store.Store` protocol on Firestore (native mode).

    ``prefix`` is put before every collection name (tests use it to keep runs apart).
    """

    def __init__(self, project: str, database: str = "(default)", *, prefix: str = "", timeout_s: float = 10.0) -> None:
        self._project, self._database, self._prefix = project, database, prefix
        self.timeout_s = timeout_s
        self._client: Any = None
        self._lock = threading.Lock()

    def _db(self) -> Any:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    from google.cloud import firestore  # heavy: imported on first use only

                    self._client = firestore.Client(project=self._project, database=self._database)
        return self._client

    def _ref(self, collection: str, doc_id: str) -> Any:
        check_document_id(doc_id)  # a "/" would address another path; the SDK's own errors are 500s
        return self._db().collection(self._prefix + collection).document(doc_id)

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        with google_errors(f"{collection}/{doc_id}"):
            snapshot = self._ref(collection, doc_id).get(**bounded(self.timeout_s))
        return from_firestore(snapshot.to_dict()) if snapshot.exists else None

    def create(self, collection: str, doc_id: str, data: dict[str, Any]) -> bool:
        check_document_size(collection, data)
        from google.api_core import exceptions as gexc

        with google_errors(f"{collection}/{doc_id}"):
            try:
                self._ref(collection, doc_id).create(to_firestore(data), **bounded(self.timeout_s, write=True))
            except gexc.AlreadyExists:
                return False
        return True

    def set(self, collection: str, doc_id: str, data: dict[str, Any], *, merge: bool = False) -> None:
        check_document_size(collection, data)
        with google_errors(f"{collection}/{doc_id}"):
            self._ref(collection, doc_id).set(to_firestore(data), merge=merge, **bounded(self.timeout_s, write=True))

    def update(self, collection: str, doc_id: str, changes: dict[str, Any]) -> None:
        with google_errors(f"{collection}/{doc_id}"):
            self._ref(collection, doc_id).update(to_firestore(changes), **bounded(self.timeout_s, write=True))

    def delete(self, collection: str, doc_id: str) -> None:
        with google_errors(f"{collection}/{doc_id}"):
            self._ref(collection, doc_id).delete(**bounded(self.timeout_s, write=True))

    def query(
        self,
        collection: str,
        where: Sequence[Filter] = (),
        order_by: Sequence[Order] = (),
        limit: int | None = None,
        start_after: Doc | None = None,
    ) -> list[Doc]:
        from google.cloud.firestore_v1.base_query import FieldFilter

        check_filters(where)
        query: Any = self._db().collection(self._prefix + collection)
        for field, op, value in where:
            query = query.where(filter=FieldFilter(field, op, _filter_value(field, value)))
        # Every order is explicit (the ones Firestore would add too), so the cursor is complete.
        orders = effective_order(where, order_by)
        for field, direction in orders:
            query = query.order_by(field, direction="DESCENDING" if direction == "desc" else "ASCENDING")
        if start_after is not None:
            cursor = [
                self._ref(collection, start_after.id)
                if f == "__name__"
                else _filter_value(f, get_path(start_after.data, f, None))
                for f, _ in orders
            ]
            query = query.start_after(cursor)
        if limit is not None:
            query = query.limit(int(limit))
        with google_errors(f"a query on {collection}"):
            return [
                Doc(snap.id, from_firestore(snap.to_dict()) or {}) for snap in query.stream(**bounded(self.timeout_s))
            ]

    def transaction(self, fn: Callable[[FirestoreTransaction], T]) -> T:
        from google.cloud import firestore

        @firestore.transactional
        def attempt(txn: Any) -> T:
            return fn(FirestoreTransaction(self, txn))

        with google_errors("a transaction"):
            try:
                txn = bounded_transaction(self._db(), TRANSACTION_ATTEMPTS, self.timeout_s)
                result: T = attempt(txn)
            except ValueError as exc:
                if "attempts" in str(exc):  # the SDK's "exceeded max attempts" under contention
                    raise Unavailable("the transaction kept contending; try again") from exc
                raise
        return result

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
