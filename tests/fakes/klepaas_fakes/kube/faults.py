"""Injected failures and delays for the next N matching requests, and the log of requests received."""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, field

from .errors import REASONS, ApiError

_MESSAGES = {
    409: "Operation cannot be fulfilled: the object has been modified; please apply your changes "
    "to the latest version and try again",
    429: "Too many requests, please try again later.",
    500: "Internal error occurred: injected fault",
    503: "the server is currently unable to handle the request",
    504: "the server was unable to return a response in the time allotted, "
    "but may still be processing the request",
}


@dataclass
class Fault:
    """Answers `status` (or only waits `delay_s`, when status is None) for the next `times` matches.

    `path` is a glob (`*` also crosses `/`), matched against the URL path without the query string;
    `method` None matches every method.
    """

    path: str = "*"
    method: str | None = None
    status: int | None = None
    times: int = 1
    delay_s: float = 0.0
    retry_after_s: int | None = None
    message: str | None = None
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method) and fnmatch.fnmatchcase(path, self.path)

    def error(self) -> ApiError | None:
        if self.status is None:
            return None
        headers: dict[str, str] = {}
        details = None
        if self.retry_after_s is not None:
            headers["Retry-After"] = str(self.retry_after_s)
            details = {"retryAfterSeconds": self.retry_after_s}
        message = self.message or _MESSAGES.get(self.status, REASONS.get(self.status, "injected fault"))
        return ApiError(self.status, message, details=details, headers=headers)


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: dict[str, list[str]]
    content_type: str | None
    status: int = 0
    body: bytes = field(default=b"", repr=False)


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._log: list[RequestRecord] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        """The first armed fault matching this request, counted as used."""
        with self._lock:
            for fault in self._faults:
                if fault.hits < fault.times and fault.matches(method, path):
                    fault.hits += 1
                    return fault
            return None

    def log(self, record: RequestRecord) -> None:
        with self._lock:
            self._log.append(record)

    @property
    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._log)

    def clear_requests(self) -> None:
        with self._lock:
            self._log.clear()
