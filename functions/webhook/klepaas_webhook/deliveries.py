"""Delivery records keyed by ``X-GitHub-Delivery``, with their outcome.

GitHub's redelivery carries the same GUID, so the record keeps the outcome, not just "seen": a
delivery that failed is processed again, one that succeeded is answered as a duplicate.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from klepaas_shared import idempotency
from klepaas_shared.store import Store

COLLECTION = "deliveries"
KEEP = timedelta(days=30)  # then Firestore's TTL (or the maintenance tick on SQLite) deletes the record


class DeliveryInFlight(idempotency.InFlight):
    """409 with Retry-After: the lease left of the run holding the delivery (issue 16, item 11)."""

    code = "delivery_in_flight"


def claim(store: Store, guid: str, *, event: str, action: str, hook: str) -> idempotency.Claim:
    """Start processing ``guid``; ``done`` is its record when it already succeeded (a duplicate).

    The lease is ``KLEPAAS_LEASE_S``: a delivery whose worker died is taken over by a redelivery
    after it."""
    return idempotency.start(
        store,
        guid,
        idempotency.default_lease(),
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
