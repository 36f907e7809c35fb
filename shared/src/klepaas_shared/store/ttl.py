"""Deleting expired documents where the store has no TTL of its own (SQLite).

Firestore deletes a document of :data:`~klepaas_shared.store.TTL_COLLECTIONS` by itself once its
``expires_at`` has passed (the TTL policies in infra/terraform/firestore.tf); on SQLite the
maintenance tick calls :func:`prune_expired`. Readers never rely on the deletion: Firestore's TTL
runs within a day or so, so an expired document may still be read and must be treated as gone.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..clock import now_iso
from .interface import TTL_COLLECTIONS, TTL_FIELD, Store
from .queries import declare_query

for _collection in TTL_COLLECTIONS:
    declare_query(_collection, ranges=[TTL_FIELD])


def prune_expired(store: Store, collections: Sequence[str] = TTL_COLLECTIONS, *, batch: int = 500) -> dict[str, int]:
    """Delete up to ``batch`` expired documents per collection; how many went, per collection."""
    cutoff = now_iso()
    deleted: dict[str, int] = {}
    for collection in collections:
        expired = store.query(collection, where=[(TTL_FIELD, "<", cutoff)], limit=batch)
        for doc in expired:
            store.delete(collection, doc.id)
        deleted[collection] = len(expired)
    return deleted
