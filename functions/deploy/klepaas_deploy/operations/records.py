"""The ``operations`` collection: one record per operation, written merged so that fields outside
the :class:`Operation` model (``approval``, ``origin``, ``watch``) are kept."""

from __future__ import annotations

from typing import Any

from klepaas_shared import records
from klepaas_shared.clock import now_iso
from klepaas_shared.contracts import Operation
from klepaas_shared.errors import NotFound
from klepaas_shared.store import Store

COLLECTION = records.OPERATIONS


def save(store: Store, operation: Operation, **extra: Any) -> None:
    """Write the operation (merged: fields outside the model, such as ``approval``, are kept)."""
    operation.updated_at = now_iso()
    store.set(COLLECTION, operation.id, operation.model_dump(mode="json") | extra, merge=True)


def get(store: Store, operation_id: str) -> Operation:
    saved = store.get(COLLECTION, operation_id)
    if saved is None:
        raise NotFound(f"no operation {operation_id}")
    return Operation.model_validate({k: v for k, v in saved.items() if k in Operation.model_fields})


def operation_of(store: Store, operation_id: str) -> Operation | None:
    """The operation a deploy request was queued by (its ``request_id`` is the operation's id)."""
    saved = store.get(COLLECTION, operation_id)
    if saved is None:
        return None
    return Operation.model_validate({k: v for k, v in saved.items() if k in Operation.model_fields})
