"""The operations (collection ``operations``): one record per operation, written merged so that
fields outside the :class:`~klepaas_shared.contracts.Operation` model (``approval``, ``origin``,
``watch``, ``via``) are kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

from ..clock import iso, now, now_iso
from ..contracts import Operation
from ..errors import NotFound
from ..idempotency import Heartbeat
from ..store import Store
from ..store.queries import declare_query
from . import OPERATIONS, OperationRecord, claim_document

declare_query(OPERATIONS, equal=["status"])  # the maintenance of stuck work: those still running

# A change to an operation decided inside a transaction: the fields to update (dotted paths
# allowed), or None for none; it may raise to refuse.
Change = Callable[[OperationRecord], dict[str, Any] | None]


def model(doc: OperationRecord | dict[str, Any]) -> Operation:
    """The :class:`Operation` a record holds (the fields only the store keeps are left out)."""
    return Operation.model_validate({k: v for k, v in doc.items() if k in Operation.model_fields})


class Operations:
    """The operations on a store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, operation: Operation, **extra: Any) -> bool:
        """Record a new operation (with ``extra`` fields); False, writing nothing, when its id is taken."""
        return self.store.create(OPERATIONS, operation.id, operation.model_dump(mode="json") | extra)

    def save(self, operation: Operation, **extra: Any) -> None:
        """Write the operation (merged: fields outside the model, such as ``approval``, are kept)."""
        operation.updated_at = now_iso()
        self.store.set(OPERATIONS, operation.id, operation.model_dump(mode="json") | extra, merge=True)

    def merge(self, operation_id: str, fields: OperationRecord) -> None:
        """Merge fields the model does not carry (``approval``, ``origin``) into the record."""
        self.store.set(OPERATIONS, operation_id, dict(fields), merge=True)

    def record(self, operation_id: str) -> OperationRecord | None:
        """The whole record, with the fields only the store keeps; None when there is none."""
        return cast(OperationRecord | None, self.store.get(OPERATIONS, operation_id))

    def find(self, operation_id: str) -> Operation | None:
        saved = self.record(operation_id)
        return None if saved is None else model(saved)

    def get(self, operation_id: str) -> Operation:
        found = self.find(operation_id)
        if found is None:
            raise NotFound(f"no operation {operation_id}", details={"operation_id": operation_id})
        return found

    @staticmethod
    def lease(lease_s: float) -> dict[str, str]:
        """The field that says the request running an operation lives (written with the record
        that marks it running, so no write more): maintenance ends one whose lease ran out."""
        return {"lease_until": iso(now() + timedelta(seconds=lease_s))}

    def heartbeat(self, operation_id: str, lease_s: float) -> Heartbeat:
        """Renews the operation's lease while the work in its ``with`` block runs (no write for
        work shorter than a third of the lease)."""
        return Heartbeat(self.store, OPERATIONS, operation_id, timedelta(seconds=lease_s))

    def running(self, *, limit: int) -> list[tuple[str, OperationRecord]]:
        """Operations still marked running: (id, record)."""
        docs = self.store.query(OPERATIONS, [("status", "==", "running")], limit=limit)
        return [(d.id, cast(OperationRecord, d.data)) for d in docs]

    def claim(self, operation_id: str, change: Change) -> OperationRecord | None:
        """In one transaction: read the record, let ``change`` decide, write what it returns. The
        record as it was, or None when there is none or ``change`` changed nothing."""

        return cast(OperationRecord | None, claim_document(self.store, OPERATIONS, operation_id, change))
