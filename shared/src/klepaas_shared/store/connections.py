"""SQLite connections lent to one thread at a time and kept for the next.

A threaded server starts a thread per connection (``make dev``: more than one per request), so a
connection per thread would open and free a database handle, its schema and its page cache
for nearly every request; glibc keeps the freed pages in its per-thread arenas and the process
grows without bound. A small pool of idle connections ends that churn.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class ConnectionPool:
    """Connections made by ``connect``; at most ``idle_max`` are kept idle, the rest are closed."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], *, idle_max: int = 8) -> None:
        self._connect = connect
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._held = threading.local()
        self._idle_max = idle_max
        self._closed = False
        self.opened = 0

    @property
    def idle(self) -> int:
        return len(self._idle)

    @contextmanager
    def lease(self) -> Iterator[sqlite3.Connection]:
        """A connection for this thread until the block ends; a nested lease gets the same one."""
        held: sqlite3.Connection | None = getattr(self._held, "conn", None)
        if held is not None:
            yield held
            return
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = self._connect()
            self.opened += 1
        self._held.conn = conn
        try:
            yield conn
        finally:
            self._held.conn = None
            self._give_back(conn)

    def _give_back(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:  # never lend a connection with someone's transaction still open
            conn.execute("ROLLBACK")
        with self._lock:
            if not self._closed and len(self._idle) < self._idle_max:
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        """Close the idle connections; one still lent is closed when it comes back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
