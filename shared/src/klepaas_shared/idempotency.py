"""At most once per key, with the outcome kept: a key that failed may run again, one that
succeeded never does, and one in flight is not started twice until its lease runs out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, TypeVar

from .clock import iso, now, now_iso, parse_iso
from .errors import Conflict, KlepaasError
from .store import Store, Transaction

T = TypeVar("T")
COLLECTION = "idempotency"


class InFlight(Conflict):
    """Another instance is working on this key; retry later."""

    code = "in_flight"
    retryable = True


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

    if store.create(collection, key, running(None)):
        return None  # the usual case, a first claim: one write, no transaction

    def attempt(txn: Transaction) -> dict[str, Any] | None:
        record = txn.get(collection, key)
        if record is not None:
            if record.get("status") == "succeeded":
                return record
            lease_until = record.get("lease_until")
            if record.get("status") == "running" and isinstance(lease_until, str) and parse_iso(lease_until) > now():
                raise (busy or _in_flight)(key)
        txn.set(collection, key, running(record))
        return None

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
) -> None:
    store.set(
        collection,
        key,
        {
            "status": "succeeded" if ok else "failed",
            "finished_at": now_iso(),
            "outcome": outcome,
            "error": error,
        },
        merge=True,
    )


def run_once(store: Store, key: str, fn: Callable[[], T]) -> T | None:
    """Run ``fn`` unless ``key`` already succeeded; record the outcome either way."""
    if claim(store, key) is not None:
        return None
    try:
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
