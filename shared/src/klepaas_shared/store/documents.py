"""Pure helpers shared by the store implementations: dotted paths, merges, transforms."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

from .interface import Filter, Increment, Maximum, Order

_MISSING = object()
INEQUALITY_OPS = frozenset({"<", "<=", ">", ">=", "!=", "not-in"})
DOCUMENT_ID = "__name__"


def effective_order(where: Sequence[Filter], order_by: Sequence[Order]) -> list[Order]:
    """The full order Firestore applies to a query.

    The given orders, then each inequality-filtered field not ordered yet (by name), then the
    document id (``__name__``); the added ones take the direction of the last given order.
    """
    orders = [(field, direction) for field, direction in order_by]
    direction = orders[-1][1] if orders else "asc"
    ordered = {field for field, _ in orders}
    for field in sorted({f for f, op, _ in where if op in INEQUALITY_OPS} - ordered):
        orders.append((field, direction))
    if DOCUMENT_ID not in ordered:
        orders.append((DOCUMENT_ID, direction))
    return orders


def split_path(path: str) -> list[str]:
    parts = path.split(".")
    if not all(parts):
        raise ValueError(f"invalid field path {path!r}")
    return parts


def get_path(data: dict[str, Any], path: str, default: Any = _MISSING) -> Any:
    node: Any = data
    for part in split_path(path):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def has_path(data: dict[str, Any], path: str) -> bool:
    return get_path(data, path) is not _MISSING


def _resolve(current: Any, value: Any) -> Any:
    if isinstance(value, Increment):
        base = current if isinstance(current, int | float) and not isinstance(current, bool) else 0
        return base + value.amount
    if isinstance(value, Maximum):
        number = isinstance(current, int | float) and not isinstance(current, bool)
        return max(current, value.value) if number else value.value
    return copy.deepcopy(value)


def apply_updates(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` keyed by dotted paths, as Firestore's ``update`` takes them."""
    result = copy.deepcopy(data)
    for path, value in changes.items():
        parts = split_path(path)
        node = result
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        node[parts[-1]] = _resolve(node.get(parts[-1]), value)
    return result


def deep_merge(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``set(..., merge=True)``: nested maps merge, everything else is replaced."""
    result = copy.deepcopy(data)
    _merge_into(result, changes)  # copied once here, not again at every level
    return result


def _merge_into(result: dict[str, Any], changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            _merge_into(result[key], value)
        else:
            result[key] = _resolve(result.get(key), value)


def encode_materialized(data: dict[str, Any]) -> str:
    """A document as written by ``set`` without merge (transforms applied to nothing), as compact
    JSON, in one pass: transforms are resolved as the encoder meets them, so nothing is copied
    first (a copy and a second encoding were a fifth of a webhook delivery's store time)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_transform_on_nothing)


def _transform_on_nothing(value: Any) -> Any:
    if isinstance(value, Increment | Maximum):
        return _resolve(None, value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
