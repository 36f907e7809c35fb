"""Delivery records keyed by ``X-GitHub-Delivery``, with their outcome.

GitHub's redelivery carries the same GUID, so the record keeps the outcome, not just "seen": a
delivery that failed is processed again, one that succeeded is answered as a duplicate.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from klepaas_shared.clock import iso, now, now_iso, parse_iso
from klepaas_shared.errors import Conflict
from klepaas_shared.store import Store, Transaction

COLLECTION = "deliveries"
LEASE = timedelta(seconds=60)
KEEP = timedelta(days=30)  # then Firestore's TTL (or the maintenance tick on SQLite) deletes the record


class DeliveryInFlight(Conflict):
    code = "delivery_in_flight"


def claim(store: Store, guid: str, *, event: str, action: str, hook: str) -> dict[str, Any] | None:
    """Start processing ``guid``; return its record when it already succeeded (a duplicate)."""

    def running(record: dict[str, Any] | None) -> dict[str, Any]:
        return {
            "guid": guid,
            "event": event,
            "action": action,
            "hook": hook,
            "status": "running",
            "attempts": int((record or {}).get("attempts", 0)) + 1,
            "received_at": (record or {}).get("received_at") or now_iso(),
            "started_at": now_iso(),
            "lease_until": iso(now() + LEASE),
            "expires_at": iso(now() + KEEP),
            "outcome": None,
            "error": None,
        }

    if store.create(COLLECTION, guid, running(None)):
        return None  # the usual case, a first delivery: one write, no transaction

    def attempt(txn: Transaction) -> dict[str, Any] | None:
        record = txn.get(COLLECTION, guid)
        if record is not None:
            if record.get("status") == "succeeded":
                return record
            lease = record.get("lease_until")
            if record.get("status") == "running" and isinstance(lease, str) and parse_iso(lease) > now():
                raise DeliveryInFlight(f"delivery {guid} is being processed")
        txn.set(COLLECTION, guid, running(record))
        return None

    return store.transaction(attempt)


def finish(store: Store, guid: str, *, outcome: dict[str, Any] | None, error: str | None = None) -> None:
    """Record how the delivery ended (``error`` set: failed, may be redelivered)."""
    store.set(
        COLLECTION,
        guid,
        {
            "status": "failed" if error else "succeeded",
            "finished_at": now_iso(),
            "outcome": outcome,
            "error": error,
        },
        merge=True,
    )
