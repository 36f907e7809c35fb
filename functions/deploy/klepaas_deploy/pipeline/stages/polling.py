"""Poll a long-running job with exponential backoff until it settles or a deadline passes."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from klepaas_shared.errors import UpstreamTimeout

T = TypeVar("T")


class PollDeadline(UpstreamTimeout):
    """The job did not settle before the deadline."""

    code = "poll_deadline"


def poll(
    fetch: Callable[[], T],
    settled: Callable[[T], bool],
    *,
    deadline_s: float,
    what: str,
    base_s: float = 1.0,
    max_s: float = 15.0,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Call ``fetch`` until ``settled`` holds for its answer; waits double from ``base_s`` up to
    ``max_s`` and never run past ``deadline_s`` from now."""
    ends = clock() + deadline_s
    wait = base_s
    while True:
        value = fetch()
        if settled(value):
            return value
        left = ends - clock()
        if left <= 0:
            raise PollDeadline(f"{what} did not finish within {deadline_s:g}s")
        sleep(min(wait, left))
        wait = min(wait * 2, max_s)
