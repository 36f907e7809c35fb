"""Every query the store runs is declared where it is made, so its Firestore index is known.

A module declares each query shape it runs at import time::

    BY_REPOSITORY = declare_query("deployments", equal=("owner", "repo"), order_by=[("id", "desc")])

and then runs ``store.query("deployments", [("owner", "==", o), ("repo", "==", r)],
order_by=[("id", "desc")])``. A shape is the collection, the fields filtered by equality
(``==``, ``in``, ``array_contains``, ``array_contains_any``), the fields filtered by a range
(``<``, ``<=``, ``>``, ``>=``, ``!=``, ``not-in``) and the order; reading a whole
collection (no filter, no order) needs no index and no declaration. The local store
(:func:`~klepaas_shared.store.get_store` on SQLite) refuses a query whose shape nobody declared,
so the tests run only declared queries; tests/infra derives from :data:`DECLARED` the composite
indexes Firestore needs (:meth:`DeclaredQuery.composite_index`) and compares them with
infra/terraform/firestore.tf, both ways.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from .interface import Filter, Order

EQUALITY_OPS = frozenset({"==", "in", "array_contains", "array_contains_any"})
ARRAY_OPS = frozenset({"array_contains", "array_contains_any"})
Shape = tuple[str, tuple[str, ...], tuple[str, ...], tuple[Order, ...]]
IndexField = tuple[str, str]  # (field path, "ASCENDING" | "DESCENDING" | "CONTAINS")


class UndeclaredQuery(RuntimeError):
    """A query whose shape no module declared with :func:`declare_query` (a programming error)."""


@dataclass(frozen=True)
class DeclaredQuery:
    collection: str
    equal: tuple[str, ...]
    ranges: tuple[str, ...]
    order_by: tuple[Order, ...]
    arrays: tuple[str, ...]
    declared_in: str

    @property
    def shape(self) -> Shape:
        return self.collection, self.equal, self.ranges, self.order_by

    def composite_index(self) -> tuple[str, tuple[IndexField, ...]] | None:
        """The composite index Firestore needs for this query, or None when single-field ones serve.

        Firestore's documented rules: every field has automatic single-field indexes (ascending,
        descending, array-contains), which serve a query on one field, and equality-only
        queries, which Firestore answers by merging them. Any other query on more than one field
        needs a composite index of its equality fields, then its order (explicit orders first,
        then the range-filtered fields), each in the query's direction; the document id comes
        last in the direction of the last field, as Firestore adds it.
        """
        from .documents import DOCUMENT_ID, effective_order

        where: list[Filter] = [(field, "<", None) for field in self.ranges]
        orders = [order for order in effective_order(where, self.order_by) if order[0] != DOCUMENT_ID]
        ordered = {field for field, _ in orders}
        fields = set(self.equal) | ordered
        if len(fields) <= 1 or not orders:
            return None
        leading: list[IndexField] = [
            (field, "CONTAINS" if field in self.arrays else "ASCENDING") for field in sorted(set(self.equal) - ordered)
        ]
        trailing: list[IndexField] = [(field, "DESCENDING" if d == "desc" else "ASCENDING") for field, d in orders]
        return self.collection, tuple(leading + trailing)


DECLARED: dict[Shape, DeclaredQuery] = {}


def declare_query(
    collection: str,
    *,
    equal: Sequence[str] = (),
    ranges: Sequence[str] = (),
    order_by: Sequence[Order] = (),
    arrays: Sequence[str] = (),
) -> DeclaredQuery:
    """Declare a query shape this module runs (``arrays``: the equal fields filtered by array-contains)."""
    caller = sys._getframe(1).f_globals.get("__name__", "?")
    query = DeclaredQuery(
        collection,
        tuple(sorted(set(equal))),
        tuple(sorted(set(ranges))),
        tuple((field, direction) for field, direction in order_by),
        tuple(sorted(set(arrays))),
        caller,
    )
    DECLARED.setdefault(query.shape, query)
    return query


def shape_of(collection: str, where: Sequence[Filter], order_by: Sequence[Order]) -> Shape:
    equal = tuple(sorted({field for field, op, _ in where if op in EQUALITY_OPS}))
    ranges = tuple(sorted({field for field, op, _ in where if op not in EQUALITY_OPS}))
    return collection, equal, ranges, tuple((field, direction) for field, direction in order_by)


def check_declared(collection: str, where: Sequence[Filter], order_by: Sequence[Order]) -> None:
    """:class:`UndeclaredQuery` unless a module declared this query's shape.

    A whole collection read (no filter, no order) needs no index and passes undeclared."""
    if not where and not order_by:
        return
    shape = shape_of(collection, where, order_by)
    if shape not in DECLARED:
        _, equal, ranges, orders = shape
        raise UndeclaredQuery(
            f"undeclared query on {collection!r} (equal {list(equal)}, ranges {list(ranges)}, order {list(orders)}): "
            "declare it with klepaas_shared.store.queries.declare_query where it is made"
        )
