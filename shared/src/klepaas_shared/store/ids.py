"""Numbered documents without a shared counter: time-ordered unique integer ids.

The console parses some ids as numbers (chat rows, deployments, integrations: FRONTEND_API.md
N3/N4, D2/D5, P1) and orders by them. A counter document would take one transaction per new
document from every instance: a hot document (Firestore sustains about one write a second on
one document), and the first thing to abort under load.

An id is ``milliseconds since EPOCH << RANDOM_BITS | random``: below 2**53, so a JavaScript
``number`` holds it exactly, ordered by creation time across instances (to within their clock
skew), and after every id the old counters gave out (those are small). One instance never
repeats or goes back: within a millisecond it counts up from its last id. Two instances meet
in the same millisecond with the same random part about once in 4096 such meetings, so
:func:`create_numbered` writes with ``create`` and draws again when the id is taken.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from ..errors import Unavailable
from .interface import Store

EPOCH_MS = 1_577_836_800_000  # 2020-01-01T00:00:00Z: 41 bits of milliseconds last until 2089
RANDOM_BITS = 12
MAX_ID = 2**53 - 1
ATTEMPTS = 8
_lock = threading.Lock()
_last = 0


def new_id() -> int:
    """A fresh id: greater than every id this process gave before, and below 2**53."""
    global _last  # noqa: PLW0603 - one monotonic clock per process
    stamp = int(time.time() * 1000) - EPOCH_MS
    candidate = (stamp << RANDOM_BITS) | secrets.randbits(RANDOM_BITS)
    with _lock:
        candidate = max(candidate, _last + 1)
        _last = candidate
    if candidate > MAX_ID:
        raise OverflowError("time-ordered ids ran past 2**53 (the year 2089)")
    return candidate


def create_numbered(
    store: Store,
    collection: str,
    build: Callable[[int], dict[str, Any]],
    doc_id: Callable[[int], str] = str,
) -> dict[str, Any]:
    """Create ``build(id)`` under ``doc_id(id)`` with a fresh :func:`new_id`; the document written.

    A taken id (another instance, same millisecond, same random part) is drawn again, never
    overwritten.
    """
    for _ in range(ATTEMPTS):
        number = new_id()
        data = build(number)
        if store.create(collection, doc_id(number), data):
            return data
    raise Unavailable(f"could not find a free id in {collection}; try again")
