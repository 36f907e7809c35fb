"""The document store's interface (Firestore in production, SQLite as the embedded default).

Semantics follow Firestore so that both implementations pass one contract suite:
- documents are JSON objects in flat collections, addressed by string ids;
- ``query`` filters on (dotted) field paths; a document lacking a filtered or ordered field is
  left out; results are ordered by the order fields, then by document id in the direction of the
  last order field; ``start_after`` is the last :class:`Doc` of the previous page;
- in a transaction every read comes before the first write, and the function may run again
  when the transaction contends, so it must have no side effects of its own;
- document ids follow Firestore's rules on both (:func:`check_document_id`), and a document
  stays under Firestore's size limit (:data:`~.limits.MAX_DOCUMENT_BYTES`) on both;
- numbered documents (ids the console parses as numbers) get time-ordered ids from
  :mod:`.ids`, never from a shared counter: a counter document is a hot spot;
- every query is declared where it is made (:mod:`.queries`); the tests derive the composite
  indexes from the declarations and compare them with infra/terraform/firestore.tf;
- timestamps are ISO-8601 strings in UTC ending in ``Z`` (see :mod:`klepaas_shared.clock`), so
  they order correctly as strings;
- a document that may be deleted once it no longer matters carries the top-level ISO timestamp
  ``expires_at`` (:data:`TTL_FIELD`) and lives in one of :data:`TTL_COLLECTIONS`: Firestore
  stores that field as a timestamp, which its TTL policies (infra/terraform/firestore.tf) need,
  and hands it back as the same string; on SQLite the maintenance tick deletes expired ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, Protocol, TypeVar

from .limits import MAX_DOCUMENT_BYTES, check_client_id, check_document_id, check_document_size

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
]

T = TypeVar("T")
Op = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not-in", "array_contains", "array_contains_any"]
Filter = tuple[str, Op, Any]
Order = tuple[str, Literal["asc", "desc"]]
OPS: frozenset[str] = frozenset(Op.__args__)  # type: ignore[attr-defined]
TTL_FIELD = "expires_at"
# Collections whose documents carry ``expires_at``: idempotency records, GitHub delivery records,
# NLP pending confirmations, used Slack OAuth states, and the MCP authorization server's clients,
# codes, grants and refresh tokens. Firestore's TTL policies and the SQLite pruning follow this list.
TTL_COLLECTIONS: tuple[str, ...] = (
    "idempotency",
    "deliveries",
    "nlp_pending",
    "slack_oauth_states",
    "oauth_clients",
    "oauth_codes",
    "oauth_grants",
    "oauth_refresh",
)


class Doc(NamedTuple):
    id: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Increment:
    """A numeric field transform for :meth:`Store.update`: add ``amount`` (missing counts as 0)."""

    amount: int | float = 1


@dataclass(frozen=True)
class Maximum:
    """A numeric field transform: keep the larger of the stored value and ``value`` (missing: ``value``)."""

    value: int | float


class Transaction(Protocol):
    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None: ...
    def create(self, collection: str, doc_id: str, data: dict[str, Any]) -> None:
        """Create, or raise :class:`~klepaas_shared.errors.Conflict` when it exists (at commit)."""

    def set(self, collection: str, doc_id: str, data: dict[str, Any]) -> None: ...
    def update(self, collection: str, doc_id: str, changes: dict[str, Any]) -> None: ...
    def delete(self, collection: str, doc_id: str) -> None: ...


class Store(Protocol):
    def get(self, collection: str, doc_id: str) -> dict[str, Any] | None:
        """The document, or None."""

    def create(self, collection: str, doc_id: str, data: dict[str, Any]) -> bool:
        """Create if absent; False (and nothing written) when the document exists."""

    def set(self, collection: str, doc_id: str, data: dict[str, Any], *, merge: bool = False) -> None:
        """Write the whole document (or merge top-level and nested keys into it)."""

    def update(self, collection: str, doc_id: str, changes: dict[str, Any]) -> None:
        """Change fields (dotted paths, :class:`Increment`); NotFound when absent."""

    def delete(self, collection: str, doc_id: str) -> None: ...

    def query(
        self,
        collection: str,
        where: Sequence[Filter] = (),
        order_by: Sequence[Order] = (),
        limit: int | None = None,
        start_after: Doc | None = None,
    ) -> list[Doc]: ...

    def transaction(self, fn: Callable[[Transaction], T]) -> T:
        """Run ``fn`` atomically (reads first, then writes); it may be retried on contention."""

    def close(self) -> None: ...


def check_filters(where: Sequence[Filter]) -> None:
    for field, op, _ in where:
        if op not in OPS:
            raise ValueError(f"unsupported operator {op!r} on {field!r}")
