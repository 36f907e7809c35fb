"""At most once per key, with the outcome kept: a key that failed may run again, one that
succeeded never does, and one in flight is not started twice until its lease runs out."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, NamedTuple, TypeVar

from .clock import iso, now, now_iso, parse_iso
from .errors import Conflict, KlepaasError
from .store import Store, Transaction

T = TypeVar("T")
COLLECTION = "idempotency"


class InFlight(Conflict):
    """Another instance is working on this key; retry once its lease has run out (``retry_after_s``)."""

    code = "in_flight"
    retryable = True

    def __init__(self, message: str, *, retry_after_s: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_s = retry_after_s
        if retry_after_s is not None:
            self.come_back_after(retry_after_s)

    def come_back_after(self, seconds: float) -> None:
        """Set the wait, and the Retry-After an HTTP caller reads it from."""
        self.retry_after_s = seconds
        self.headers["Retry-After"] = str(max(1, round(seconds)))


def lease_left_s(record: Mapping[str, Any]) -> float:
    """Seconds until ``record``'s ``lease_until`` (0 when it has passed or is missing)."""
    lease_until = record.get("lease_until")
    if not isinstance(lease_until, str) or not lease_until:
        return 0.0
    return max(0.0, (parse_iso(lease_until) - now()).total_seconds())


def default_lease() -> timedelta:
    """``KLEPAAS_LEASE_S``: how long a claim outlives a worker that died (renewed while it lives)."""
    from .settings import common

    return timedelta(seconds=common().lease_s)


class Heartbeat:
    """Renews ``lease_until`` of ``collection/key`` every third of ``lease`` while the work runs,
    so the lease can be short: a worker that dies (``kill -9``, an instance stopped) lets its
    work be taken over within one lease, and one that lives keeps it however long it takes.
    Use as a context manager around the work; it stops with it (nothing runs after)."""

    def __init__(self, store: Store, collection: str, key: str, lease: timedelta) -> None:
        self._store, self._collection, self._key, self._lease = store, collection, key, lease
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{key[:40]}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._stop.wait(self._lease.total_seconds() / 3):
            try:
                self._store.update(self._collection, self._key, {"lease_until": iso(now() + self._lease)})
            except Exception as exc:  # the store is unreachable: the lease may lapse; the work goes on
                from .logs import get_logger, log_fields

                get_logger("idempotency").warning("lease not renewed", extra=log_fields(key=self._key, error=repr(exc)))


class Claim(NamedTuple):
    """``done``: the record of a key that already succeeded (nothing to do); else None and
    ``record`` is what this claim wrote, which :func:`finish` then writes whole with the outcome."""

    done: dict[str, Any] | None
    record: dict[str, Any]


def claim(
    store: Store,
    key: str,
    lease: timedelta | None = None,
    *,
    collection: str = COLLECTION,
    keep: timedelta = timedelta(days=30),
    fields: Mapping[str, Any] | None = None,
    busy: Callable[[str], Conflict] | None = None,
) -> dict[str, Any] | None:
    """Claim ``key``; return its record when it already succeeded (nothing to do), else None.

    ``fields`` are stored with the claim; ``busy`` makes the error for a key in flight (default
    :class:`InFlight`); ``keep`` is how long the record lives (its ``expires_at``, for TTL);
    ``lease`` defaults to :func:`default_lease`."""
    return start(store, key, lease, collection=collection, keep=keep, fields=fields, busy=busy).done


def start(
    store: Store,
    key: str,
    lease: timedelta | None = None,
    *,
    collection: str = COLLECTION,
    keep: timedelta = timedelta(days=30),
    fields: Mapping[str, Any] | None = None,
    busy: Callable[[str], Conflict] | None = None,
) -> Claim:
    """:func:`claim`, also returning the record written, so that :func:`finish` needs no read."""
    lease = lease or default_lease()

    def running(previous: dict[str, Any] | None) -> dict[str, Any]:
        moment = now()
        started = iso(moment)
        return {
            **(fields or {}),
            "status": "running",
            "attempts": int((previous or {}).get("attempts", 0)) + 1,
            "received_at": (previous or {}).get("received_at") or started,
            "started_at": started,
            "lease_until": iso(moment + lease),
            "expires_at": iso(moment + keep),
        }

    first = running(None)
    if store.create(collection, key, first):
        return Claim(None, first)  # the usual case, a first claim: one write, no transaction

    def attempt(txn: Transaction) -> Claim:
        record = txn.get(collection, key)
        if record is not None:
            if record.get("status") == "succeeded":
                return Claim(record, record)
            left = lease_left_s(record)
            if record.get("status") == "running" and left > 0:
                error = (busy or _in_flight)(key)
                if isinstance(error, InFlight):
                    error.come_back_after(left)
                raise error
        again = running(record)
        txn.set(collection, key, again)
        return Claim(None, again)

    return store.transaction(attempt)


def _in_flight(key: str) -> Conflict:
    return InFlight(f"{key} is being processed")


def finish(
    store: Store,
    key: str,
    *,
    ok: bool,
    outcome: Any = None,
    error: str | None = "",
    collection: str = COLLECTION,
    claimed: Mapping[str, Any] | None = None,
) -> None:
    """Record how ``key`` ended. With ``claimed`` (the record :func:`start` wrote) the whole record
    is written in one plain write; without it (e.g. under a :class:`Heartbeat`, which rewrites the
    lease), the ending is merged into what is stored (on SQLite a read, a merge and a write)."""
    ending = {"status": "succeeded" if ok else "failed", "finished_at": now_iso(), "outcome": outcome, "error": error}
    if claimed is not None:
        store.set(collection, key, {**claimed, **ending})
    else:
        store.set(collection, key, ending, merge=True)


def run_once(store: Store, key: str, fn: Callable[[], T]) -> T | None:
    """Run ``fn`` unless ``key`` already succeeded; record the outcome either way. The claim's
    lease is renewed while ``fn`` runs (:class:`Heartbeat`)."""
    lease = default_lease()
    if claim(store, key, lease) is not None:
        return None
    try:
        with Heartbeat(store, COLLECTION, key, lease):
            result = fn()
    except KlepaasError as exc:
        finish(store, key, ok=False, error=f"{exc.code}: {exc.message}")
        raise
    except Exception as exc:
        finish(store, key, ok=False, error=type(exc).__name__)
        raise
    try:
        finish(store, key, ok=True)
    except Exception as exc:  # the work is done: a retry would only wait out the lease and redo it
        from .logs import get_logger, log_fields

        get_logger("idempotency").error(
            "could not record a success; leaving the lease to expire", extra=log_fields(key=key, error=repr(exc))
        )
    return result
