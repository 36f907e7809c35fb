"""Delivery records keyed by ``X-GitHub-Delivery``, with their outcome.

GitHub's redelivery carries the same GUID, so the record keeps the outcome, not just "seen": a
delivery that failed is processed again, one that succeeded is answered as a duplicate.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from klepaas_shared import idempotency
from klepaas_shared.errors import Conflict
from klepaas_shared.store import Store

COLLECTION = "deliveries"
LEASE = timedelta(seconds=60)
KEEP = timedelta(days=30)  # then Firestore's TTL (or the maintenance tick on SQLite) deletes the record


class DeliveryInFlight(Conflict):
    code = "delivery_in_flight"


def claim(store: Store, guid: str, *, event: str, action: str, hook: str) -> idempotency.Claim:
    """Start processing ``guid``; ``done`` is its record when it already succeeded (a duplicate)."""
    return idempotency.start(
        store,
        guid,
        LEASE,
        collection=COLLECTION,
        keep=KEEP,
        fields={"guid": guid, "event": event, "action": action, "hook": hook, "outcome": None, "error": None},
        busy=lambda key: DeliveryInFlight(f"delivery {key} is being processed"),
    )


def finish(
    store: Store,
    claimed: idempotency.Claim,
    *,
    outcome: dict[str, Any] | None,
    error: str | None = None,
) -> None:
    """Record how the delivery ended (``error`` set: failed, may be redelivered), as one write of
    the whole record: the claim's fields are known, so nothing is read back and merged."""
    guid = str(claimed.record["guid"])
    idempotency.finish(
        store, guid, ok=not error, outcome=outcome, error=error, collection=COLLECTION, claimed=claimed.record
    )
