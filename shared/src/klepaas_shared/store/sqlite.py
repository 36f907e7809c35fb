"""The store on a local SQLite file: the embedded default for a laptop and for fast tests."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Conflict, NotFound
from .connections import ConnectionPool
from .documents import DOCUMENT_ID, apply_updates, deep_merge, effective_order, encode_materialized, get_path
from .interface import Doc, Filter, Order, Transaction, check_document_id, check_filters
from .limits import check_document_size, check_encoded_size
from .queries import check_declared

T = TypeVar("T")
_SCHEMA = "CREATE TABLE IF NOT EXISTS docs (collection TEXT, id TEXT, data TEXT, PRIMARY KEY (collection, id))"
_UPSERT = (
    "INSERT INTO docs (collection, id, data) VALUES (?, ?, ?)"
    " ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data"
)


def _encoded(collection: str, data: dict[str, Any]) -> str:
    """``data`` as written by a ``set`` (transforms applied to nothing), serialised once: the text
    whose size is held to Firestore's limit is the text stored (issue 19: no second encoding)."""
    text = encode_materialized(data)
    check_encoded_size(collection, text)
    return text


def _json_path(field: str) -> str:
    return "$" + "".join(f'."{part}"' for part in field.split("."))


def _type_guard(expr_type: str, value: Any) -> str:
    if isinstance(value, bool):
        return f"{expr_type} IN ('true', 'false')"
    if isinstance(value, int | float):
        return f"{expr_type} IN ('integer', 'real')"
    if isinstance(value, str):
        return f"{expr_type} = 'text'"
    return "1"


def _sql_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


class _Query:
    """Builds one SELECT for a Firestore-style query."""

    def __init__(self) -> None:
        self.clauses: list[str] = ["collection = ?"]
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def filter(self, field: str, op: str, value: Any) -> None:
        path = _json_path(field)
        val, typ = "json_extract(data, ?)", "json_type(data, ?)"
        if op == "==" and value is None:
            self.add(f"{typ} = 'null'", path)
        elif op == "==":
            self.add(
                f"{typ} IS NOT NULL AND {_type_guard(typ, value)} AND {val} = ?",
                path,
                path,
                path,
                _sql_value(value),
            )
        elif op == "!=":
            self.add(
                f"{typ} NOT IN ('null') AND NOT ({_type_guard(typ, value)} AND {val} = ?)",
                path,
                path,
                path,
                _sql_value(value),
            )
        elif op in ("<", "<=", ">", ">="):
            self.add(
                f"{typ} IS NOT NULL AND {_type_guard(typ, value)} AND {val} {op} ?",
                path,
                path,
                path,
                _sql_value(value),
            )
        elif op in ("in", "not-in"):
            values = list(value)
            marks = ", ".join("?" for _ in values) or "NULL"
            negate = "NOT " if op == "not-in" else ""
            guard = f"{typ} NOT IN ('null') AND " if op == "not-in" else f"{typ} IS NOT NULL AND "
            self.add(f"{guard}{val} {negate}IN ({marks})", path, path, *[_sql_value(v) for v in values])
        elif op in ("array_contains", "array_contains_any"):
            values = [value] if op == "array_contains" else list(value)
            marks = ", ".join("?" for _ in values) or "NULL"
            self.add(
                f"{typ} = 'array' AND EXISTS (SELECT 1 FROM json_each(data, ?) WHERE json_each.value IN ({marks}))",
                path,
                path,
                *[_sql_value(v) for v in values],
            )


class SqliteTransaction:
    def __init__(self, store: SqliteStore, conn: sqlite3.Connection) -> None:
        self._store, self._conn = store, conn
        self._writes: list[Callable[[], None]] = []

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        if self._writes:
            raise RuntimeError("a transaction must read everything before its first write")
        return self._store._read(self._conn, collection, check_document_id(doc_id))

    def create(self, collection: str, doc_id: str, data: dict[str, Any]) -> None:
        check_document_id(doc_id)
        text = _encoded(collection, data)

        def write() -> None:
            if self._store._read(self._conn, collection, doc_id) is not None:
                raise Conflict(f"{collection}/{doc_id} already exists")
            self._store._write(self._conn, collection, doc_id, text)

        self._writes.append(write)

    def set(self, collection: str, doc_id: str, data: dict[str, Any]) -> None:
        check_document_id(doc_id)
        text = _encoded(collection, data)
        self._writes.append(lambda: self._store._write(self._conn, collection, doc_id, text))

    def update(self, collection: str, doc_id: str, changes: dict[str, Any]) -> None:
        check_document_id(doc_id)

        def write() -> None:
            current = self._store._read(self._conn, collection, doc_id)
            if current is None:
                raise NotFound(f"{collection}/{doc_id} does not exist")
            self._store._write(self._conn, collection, doc_id, _encoded(collection, apply_updates(current, changes)))

        self._writes.append(write)

    def delete(self, collection: str, doc_id: str) -> None:
        check_document_id(doc_id)

        def write() -> None:
            self._conn.execute("DELETE FROM docs WHERE collection = ? AND id = ?", (collection, doc_id))

        self._writes.append(write)

    def commit(self) -> None:
        for write in self._writes:
            write()


class SqliteStore:
    """Thread-safe: pooled connections, one thread at a time each; writers serialised by SQLite's write lock.

    An in-memory database shares one cache between connections, where a conflicting access fails
    at once ("table is locked") instead of waiting, so there every call takes a lock of the store.
    With ``declared_queries`` a query whose shape no module declared raises
    :class:`~klepaas_shared.store.queries.UndeclaredQuery`.
    """

    def __init__(self, path: str, *, declared_queries: bool = False) -> None:
        self._declared_queries = declared_queries
        if path == ":memory:":
            self._uri = f"file:klepaas-{uuid.uuid4().hex}?mode=memory&cache=shared"
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._uri = f"file:{path}"
        self._pool = ConnectionPool(self._connect)
        self._serial: AbstractContextManager[Any] = threading.RLock() if "mode=memory" in self._uri else nullcontext()
        self._keepalive = self._connect()  # keeps an in-memory database alive
        self._keepalive.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA busy_timeout = 30000")
        if "mode=memory" not in self._uri:
            conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL never corrupts the file; a power cut may drop the last commits, which
            # is fine for the embedded dev store (production is Firestore) and spares an fsync a commit.
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @staticmethod
    def _read(conn: sqlite3.Connection, collection: str, doc_id: str) -> dict[str, Any] | None:
        row = conn.execute("SELECT data FROM docs WHERE collection = ? AND id = ?", (collection, doc_id)).fetchone()
        return json.loads(row[0]) if row else None

    @staticmethod
    def _write(conn: sqlite3.Connection, collection: str, doc_id: str, text: str) -> None:
        # An upsert rewrites the row in place; OR REPLACE deletes it and inserts it again (two index
        # changes), which made finishing a webhook delivery cost twice its claim (issue 19).
        conn.execute(_UPSERT, (collection, doc_id, text))

    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        check_document_id(doc_id)
        with self._serial, self._pool.lease() as conn:
            return self._read(conn, collection, doc_id)

    def create(self, collection: str, doc_id: str, data: dict[str, Any]) -> bool:
        check_document_id(doc_id)
        text = _encoded(collection, data)
        with self._serial, self._pool.lease() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO docs (collection, id, data) VALUES (?, ?, ?)", (collection, doc_id, text)
            )
            return cursor.rowcount == 1

    def set(self, collection: str, doc_id: str, data: dict[str, Any], *, merge: bool = False) -> None:
        check_document_id(doc_id)
        if not merge:
            text = _encoded(collection, data)
            with self._serial, self._pool.lease() as conn:
                self._write(conn, collection, doc_id, text)
            return
        check_document_size(collection, data)  # before the merge's transaction starts, as before

        def merge_into(txn: Transaction) -> None:
            txn.set(collection, doc_id, deep_merge(txn.get(collection, doc_id) or {}, data))

        self.transaction(merge_into)

    def update(self, collection: str, doc_id: str, changes: dict[str, Any]) -> None:
        self.transaction(lambda txn: txn.update(collection, doc_id, changes))

    def delete(self, collection: str, doc_id: str) -> None:
        check_document_id(doc_id)
        with self._serial, self._pool.lease() as conn:
            conn.execute("DELETE FROM docs WHERE collection = ? AND id = ?", (collection, doc_id))

    def query(
        self,
        collection: str,
        where: Sequence[Filter] = (),
        order_by: Sequence[Order] = (),
        limit: int | None = None,
        start_after: Doc | None = None,
    ) -> list[Doc]:
        check_filters(where)
        if self._declared_queries:
            check_declared(collection, where, order_by)
        q = _Query()
        q.params.append(collection)
        for field, op, value in where:
            q.filter(field, op, value)
        orders = effective_order(where, order_by)
        for field, _ in orders:
            if field != DOCUMENT_ID:
                q.add("json_type(data, ?) IS NOT NULL", _json_path(field))
        if start_after is not None:
            self._add_cursor(q, orders, start_after)
        sql = "SELECT id, data FROM docs WHERE " + " AND ".join(q.clauses)
        order_sql = [f"id {d.upper()}" if f == DOCUMENT_ID else f"json_extract(data, ?) {d.upper()}" for f, d in orders]
        params = q.params + [_json_path(f) for f, _ in orders if f != DOCUMENT_ID]
        sql += " ORDER BY " + ", ".join(order_sql)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._serial, self._pool.lease() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [Doc(row[0], json.loads(row[1])) for row in rows]

    @staticmethod
    def _add_cursor(q: _Query, orders: list[Order], after: Doc) -> None:
        keys: list[tuple[str | None, str, Any]] = [
            (None, d, after.id) if f == DOCUMENT_ID else (_json_path(f), d, _sql_value(get_path(after.data, f, None)))
            for f, d in orders
        ]
        alternatives, params = [], []
        for i, (path, direction, value) in enumerate(keys):
            parts = []
            for prev_path, _, prev_value in keys[:i]:
                parts.append("json_extract(data, ?) = ?" if prev_path else "id = ?")
                params.extend([prev_path, prev_value] if prev_path else [prev_value])
            cmp = ">" if direction == "asc" else "<"
            parts.append(f"json_extract(data, ?) {cmp} ?" if path else f"id {cmp} ?")
            params.extend([path, value] if path else [value])
            alternatives.append("(" + " AND ".join(parts) + ")")
        q.add("(" + " OR ".join(alternatives) + ")", *params)

    def transaction(self, fn: Callable[[Transaction], T]) -> T:
        with self._serial, self._pool.lease() as conn:
            return self._transaction(conn, fn)

    def _transaction(self, conn: sqlite3.Connection, fn: Callable[[Transaction], T]) -> T:
        if conn.in_transaction:
            raise RuntimeError("transactions do not nest")
        conn.execute("BEGIN IMMEDIATE")
        try:
            txn = SqliteTransaction(self, conn)
            result = fn(txn)
            txn.commit()
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result

    def documents(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Every document as (collection, id, data): what a test snapshots to see what a call wrote."""
        with self._serial, self._pool.lease() as conn:
            rows = conn.execute("SELECT collection, id, data FROM docs").fetchall()
        return [(collection, doc_id, json.loads(data)) for collection, doc_id, data in rows]

    def close(self) -> None:
        self._pool.close()
        self._keepalive.close()
