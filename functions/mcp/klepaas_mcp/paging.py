"""Cursor pagination of long lists: an opaque cursor naming the kind and where the next page starts."""

from __future__ import annotations

import base64
import json
from typing import Any

from klepaas_shared.errors import BadRequest

from .answers import Listing


def _encode(kind: str, offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"k": kind, "o": offset}).encode()).decode().rstrip("=")


def _decode(kind: str, cursor: str) -> int:
    try:
        found = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset = found["o"]
        same = found["k"] == kind
    except (ValueError, KeyError, TypeError):
        raise BadRequest("the cursor is not one this server gave") from None
    if not same or isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise BadRequest("the cursor belongs to another listing")
    return offset


def page(kind: str, data: dict[str, Any], limit: int, cursor: str | None) -> Listing:
    """The page of ``data['items']`` that ``cursor`` points at (the first without one)."""
    items = list(data.get("items") or [])
    start = _decode(kind, cursor) if cursor else 0
    end = start + limit
    return Listing(
        kind=kind,
        namespace=data.get("namespace"),
        items=items[start:end],
        total=len(items),
        next_cursor=_encode(kind, end) if end < len(items) else None,
    )
