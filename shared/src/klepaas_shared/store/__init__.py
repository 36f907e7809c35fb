"""The document store: the interface (:mod:`.interface`, re-exported here) and this instance's
store, Firestore in production and SQLite as the embedded default."""

from __future__ import annotations

from functools import cache

from .interface import (
    MAX_DOCUMENT_BYTES,
    OPS,
    TTL_COLLECTIONS,
    TTL_FIELD,
    Doc,
    Filter,
    Increment,
    Maximum,
    Op,
    Order,
    Store,
    Transaction,
    check_client_id,
    check_document_id,
    check_document_size,
    check_filters,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "OPS",
    "TTL_COLLECTIONS",
    "TTL_FIELD",
    "Doc",
    "Filter",
    "Increment",
    "Maximum",
    "Op",
    "Order",
    "Store",
    "Transaction",
    "check_client_id",
    "check_document_id",
    "check_document_size",
    "check_filters",
    "get_store",
]


@cache
def get_store() -> Store:
    """This instance's store, chosen by ``KLEPAAS_STORE``; opened on first use."""
    from ..settings import common

    settings = common()
    if settings.store == "firestore":
        from .firestore import FirestoreStore

        return FirestoreStore(
            project=settings.project_id, database=settings.firestore_database, timeout_s=settings.store_timeout_s
        )
    from .sqlite import SqliteStore

    # Locally and in tests every query must be declared (see .queries): what runs here is what
    # the Firestore indexes are derived from.
    return SqliteStore(settings.sqlite_path, declared_queries=True)
