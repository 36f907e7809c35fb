"""Faults a stand-in can be told to answer with, one request each: an HTTP status (429, 5xx), a
connection dropped before the request is handled (``"drop"``), or one dropped after it was handled
(``"lost"``: the work was done, the answer never arrives)."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

Fault = int | str
DROP, LOST = "drop", "lost"


@dataclass
class Faults:
    """Queued faults; each is ``(match, fault)`` where ``match`` is ``""`` (any request) or the
    start of ``"METHOD /path"``."""

    queue: list[tuple[str, Fault]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, fault: Fault, match: str = "", times: int = 1) -> None:
        with self.lock:
            self.queue.extend([(match, fault)] * times)

    def take(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for index, (match, fault) in enumerate(self.queue):
                if f"{method} {path}".startswith(match):
                    del self.queue[index]
                    return fault
        return None


def drop(handler: BaseHTTPRequestHandler) -> None:
    """Close the connection without an answer (the client sees it reset or closed)."""
    handler.close_connection = True
    with contextlib.suppress(OSError):  # the client may have gone already
        handler.connection.shutdown(socket.SHUT_RDWR)


def failure_of(call: Callable[[], object]) -> BaseException:
    """The exception ``call`` raises, with its traceback dropped.

    After a dropped connection CPython's http.client leaves the half-read response referenced from
    the traceback; kept alive (as ``pytest.raises`` keeps it, in a reference cycle) its socket is
    only freed by a later garbage collection, with a ResourceWarning that fails whichever test is
    running then. Tests that provoke drops read the failure through this instead."""
    try:
        call()
    except Exception as exc:  # any failure: handed back to the test to assert on
        exc.__traceback__ = None
        exc.__context__ = exc.__cause__ = None
        return exc
    raise AssertionError("no failure was raised")
