"""Fixtures for the shared library's tests."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


class Records(logging.Handler):
    """Collects the JSON-formatted lines and the raw records of the ``klepaas`` loggers."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self, level: int = logging.DEBUG) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


@pytest.fixture
def klepaas_logs() -> Iterator[Records]:
    from klepaas_shared.logs import get_logger

    get_logger("test")  # configure the root "klepaas" logger first
    handler = Records()
    root = logging.getLogger("klepaas")
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
