"""At most once per key, with the outcome kept: a key that failed may run again, one that
succeeded never does, and one in flight is not started twice until its lease runs out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, NamedTuple, TypeVar

from .clock import iso, now, now_iso, parse_iso
from .errors import Conflict, KlepaasError
from .store import Store, Transaction

T = TypeVar("T")
COLLECTION = "idempotency"


class InFlight(Conflict):
    """Another instance is working on this key; retry later."""

    code = "in_flight"
    retryable = True


class Claim(NamedTuple):
    """``done``: the record of a key that already succeeded (nothing to do); else None and
    ``record`` is what this claim wrote, which :func:`finish` then writes whole with the outcome."""

    done: dict[str, Any] | None
    record: dict[str, Any]


def claim(
    store: Store,
    key: str,
    lease: timedelta = timedelta(minutes=10),
    *,
    collection: str = COLLECTION,
    keep: timedelta = timedelta(days=30),
    fields: Mapping[str, Any] | None = None,
    busy: Callable[[str], Conflict] | None = None,
) -> dict[str, Any] | None:
    """Claim ``key``; return its record when it already succeeded (nothing to do), else None.

    ``fields`` are stored with the claim; ``busy`` makes the error for a key in flight (default
    :class:`InFlight`); ``keep`` is how long the record lives (its ``expires_at``, for TTL)."""
    return start(store, key, lease, collection=collection, keep=keep, fields=fields, busy=busy).done


def start(
    store: Store,
    key: str,
    lease: timedelta = timedelta(minutes=10),
    *,
    collection: str = COLLECTION,
    keep: timedelta = timedelta(days=30),
    fields: Mapping[str, Any] | None = None,
    busy: Callable[[str], Conflict] | None = None,
) -> Claim:
    """:func:`claim`, also returning the record written, so that :func:`finish` needs no read."""

    def running(previous: dict[str, Any] | None) -> dict[str, Any]:
        return {
            **(fields or {}),
            "status": "running",
            "attempts": int((previous or {}).get("attempts", 0)) + 1,
            "received_at": (previous or {}).get("received_at") or now_iso(),
            "started_at": now_iso(),
            "lease_until": iso(now() + lease),
            "expires_at": iso(now() + keep),
        }

    first = running(None)
    if store.create(collection, key, first):
        return Claim(None, first)  # the usual case, a first claim: one write, no transaction

    def attempt(txn: Transaction) -> Claim:
        record = txn.get(collection, key)
        if record is not None:
            if record.get("status") == "succeeded":
                return Claim(record, record)
            lease_until = record.get("lease_until")
            if record.get("status") == "running" and isinstance(lease_until, str) and parse_iso(lease_until) > now():
                raise (busy or _in_flight)(key)
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
    is written in one plain write; without it, the ending is merged into what is stored (on
    SQLite a read, a merge and a write in a transaction)."""
    ending = {"status": "succeeded" if ok else "failed", "finished_at": now_iso(), "outcome": outcome, "error": error}
    if claimed is not None:
        store.set(collection, key, {**claimed, **ending})
    else:
        store.set(collection, key, ending, merge=True)


def run_once(store: Store, key: str, fn: Callable[[], T]) -> T | None:
    """Run ``fn`` unless ``key`` already succeeded; record the outcome either way."""
    claimed = start(store, key)
    if claimed.done is not None:
        return None
    try:
        result = fn()
    except KlepaasError as exc:
        finish(store, key, ok=False, error=f"{exc.code}: {exc.message}", claimed=claimed.record)
        raise
    except Exception as exc:
        finish(store, key, ok=False, error=type(exc).__name__, claimed=claimed.record)
        raise
    try:
        finish(store, key, ok=True, claimed=claimed.record)
    except Exception as exc:  # the work is done: a retry would only wait out the lease and redo it
        from .logs import get_logger, log_fields

        get_logger("idempotency").error(
            "could not record a success; leaving the lease to expire", extra=log_fields(key=key, error=repr(exc))
        )
    return result
