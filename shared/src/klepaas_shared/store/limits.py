"""Firestore's limits, enforced by both stores so that SQLite fails where Firestore would.

- A document id is at most 1,500 bytes, has no ``/``, is not ``.`` or ``..`` and does not match
  ``__.*__`` (Firestore's "Usage and limits" page). A ``/`` would even change the meaning of
  the path (collection/document/collection/...).
- A document is at most 1 MiB (1,048,576 bytes) as Firestore counts it: the sum of its field
  names and values plus the document name. :func:`document_bytes` counts the JSON encoding in
  UTF-8, which is never smaller than Firestore's count for the values we store (strings,
  numbers, booleans, null, arrays, maps), and the cap keeps a margin for the name.
- An id a client chooses (an ``operation_id``, an idempotency key) is held to a stricter
  pattern, :data:`CLIENT_ID`: letters, digits and ``. _ : -``, 1–128 characters.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import BadRequest, PayloadTooLarge

MAX_ID_BYTES = 1500
# 1 MiB less room for the document's name and Firestore's per-field overhead.
MAX_DOCUMENT_BYTES = 1_048_576 - 16_384
CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_RESERVED = re.compile(r"__.*__", re.DOTALL)


def check_document_id(doc_id: str, what: str = "a document id") -> str:
    """``doc_id`` when Firestore accepts it as a document id, else :class:`BadRequest` naming ``what``."""
    if not isinstance(doc_id, str) or not doc_id:
        raise BadRequest(f"{what} must be a non-empty string")
    if "/" in doc_id:
        raise BadRequest(f"{what} may not contain '/'")
    if doc_id in (".", ".."):
        raise BadRequest(f"{what} may not be '.' or '..'")
    if _RESERVED.fullmatch(doc_id):
        raise BadRequest(f"{what} may not look like __name__ (reserved by Firestore)")
    if len(doc_id.encode()) > MAX_ID_BYTES:
        raise BadRequest(f"{what} is longer than {MAX_ID_BYTES} bytes")
    return doc_id


def check_client_id(value: str, what: str) -> str:
    """``value`` when it is a good id for a client to choose (:data:`CLIENT_ID`, and a valid document id)."""
    if not isinstance(value, str) or not CLIENT_ID.fullmatch(value):
        raise BadRequest(f"{what} must be 1-128 letters, digits or . _ : -")
    return check_document_id(value, what)


def document_bytes(data: Any) -> int:
    """An upper bound of the stored size of ``data`` (its compact JSON in UTF-8)."""
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode())


def check_document_size(collection: str, data: Any) -> None:
    """:class:`PayloadTooLarge` when ``data`` would pass Firestore's document size limit."""
    _check_size(collection, document_bytes(data))


def check_encoded_size(collection: str, text: str) -> None:
    """:func:`check_document_size` for a document already encoded as compact JSON (``text``)."""
    _check_size(collection, len(text.encode()))


def _check_size(collection: str, size: int) -> None:
    if size > MAX_DOCUMENT_BYTES:
        raise PayloadTooLarge(
            f"a {collection} document of {size} bytes is over the store's limit of {MAX_DOCUMENT_BYTES} bytes"
        )


def fit_text(text: str, max_bytes: int, marker: str) -> str:
    """``text`` cut to at most ``max_bytes`` UTF-8 bytes, ``marker`` appended when anything was cut."""
    raw = text.encode()
    if len(raw) <= max_bytes:
        return text
    room = max(0, max_bytes - len(marker.encode()))
    return raw[:room].decode(errors="ignore") + marker
