"""One build at a time per SourceBuild project: a lease lock in the store.

SourceBuild takes the image tag from the project's settings, not from the build request, so a
build that sets the tag must keep every other build of that project from changing it until its
own build has ended. The lock is the document ``ncp_build_locks/{projectId}``: ``holder`` (the
pipeline request id, so a run taken over after a crash finds it still holds the lock) and
``lease_until``. The holder renews the lease while it waits for its build; a holder that died
stops renewing, and its lease runs out after ``lease_s``, so it blocks nobody for longer.

A build that finds the lock taken waits (polled with backoff) within its stage's deadline rather
than raising ``InFlight``: the stage runner treats any exception as the stage's failure, and a
queue of builds on one project is the ordinary case, not an error to redeliver.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from klepaas_shared.clock import iso, now, now_iso, parse_iso
from klepaas_shared.errors import Conflict
from klepaas_shared.store import Store, Transaction

from .polling import PollDeadline, poll

LOCKS = "ncp_build_locks"


class LockBusy(Conflict):
    """Another build held the project's lock until the deadline."""

    code = "build_lock_busy"
    retryable = False


class LockLost(Conflict):
    """The lease ran out and another build took the lock: the tag may have changed."""

    code = "build_lock_lost"
    retryable = False


class BuildLock:
    """The lock of one SourceBuild project, taken for one pipeline request (``holder``)."""

    def __init__(self, store: Store, project_id: str, holder: str, *, lease_s: float = 120.0) -> None:
        self.store, self.project_id, self.holder, self.lease_s = store, project_id, holder, lease_s

    def try_acquire(self) -> dict[str, Any] | None:
        """Take (or renew) the lock; None when taken, else the live holder's record."""

        def attempt(txn: Transaction) -> dict[str, Any] | None:
            record = txn.get(LOCKS, self.project_id)
            if record and record.get("holder") != self.holder and parse_iso(record["lease_until"]) > now():
                return record
            txn.set(LOCKS, self.project_id, self._record(record))
            return None

        return self.store.transaction(attempt)

    def acquire(
        self,
        *,
        deadline_s: float,
        base_s: float = 2.0,
        max_s: float = 15.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Take the lock, waiting up to ``deadline_s`` for the holder to release it or die."""
        try:
            what = f"the build lock of {self.project_id}"
            poll(self.try_acquire, _free, deadline_s=deadline_s, what=what, base_s=base_s, max_s=max_s, sleep=sleep)
        except PollDeadline:
            held = self.store.get(LOCKS, self.project_id) or {}
            raise LockBusy(
                f"SourceBuild project {self.project_id} stayed busy with another build "
                f"({held.get('holder', 'unknown')}) for {deadline_s:g}s"
            ) from None

    def renew(self) -> None:
        """Extend the lease; :class:`LockLost` when another build has taken the lock meanwhile."""

        def attempt(txn: Transaction) -> None:
            record = txn.get(LOCKS, self.project_id)
            if record is not None and record.get("holder") != self.holder:
                raise LockLost(
                    f"the build lock of SourceBuild project {self.project_id} passed to {record.get('holder')} "
                    "while this build ran, so its image tag may have been changed"
                )
            txn.set(LOCKS, self.project_id, self._record(record))

        self.store.transaction(attempt)

    def release(self) -> None:
        """Drop the lock if this request still holds it."""

        def attempt(txn: Transaction) -> None:
            record = txn.get(LOCKS, self.project_id)
            if record is not None and record.get("holder") == self.holder:
                txn.delete(LOCKS, self.project_id)

        self.store.transaction(attempt)

    def _record(self, previous: dict[str, Any] | None) -> dict[str, Any]:
        mine = previous if previous and previous.get("holder") == self.holder else {}
        return {
            "holder": self.holder,
            "acquired_at": mine.get("acquired_at") or now_iso(),
            "lease_until": iso(now() + timedelta(seconds=self.lease_s)),
        }


def _free(held: dict[str, Any] | None) -> bool:
    return held is None
