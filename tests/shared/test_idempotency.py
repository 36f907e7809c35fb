"""``run_once``: at most once per key, with the outcome kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from klepaas_shared.clock import iso, now
from klepaas_shared.errors import Conflict
from klepaas_shared.idempotency import COLLECTION, InFlight, claim, run_once
from klepaas_shared.store import get_store


def test_a_key_that_succeeded_never_runs_again() -> None:
    calls: list[int] = []
    assert run_once(get_store(), "k", lambda: calls.append(1) or "done") == "done"
    assert run_once(get_store(), "k", lambda: calls.append(2) or "again") is None
    assert calls == [1]
    record = get_store().get(COLLECTION, "k")
    assert record is not None
    assert (record["status"], record["attempts"]) == ("succeeded", 1)
    assert record["finished_at"].endswith("Z")


def test_a_key_that_failed_runs_again_and_keeps_the_error() -> None:
    def fail() -> None:
        raise Conflict("already there")

    with pytest.raises(Conflict):
        run_once(get_store(), "k", fail)
    record = get_store().get(COLLECTION, "k")
    assert record is not None
    assert (record["status"], record["error"]) == ("failed", "conflict: already there")
    assert run_once(get_store(), "k", lambda: 7) == 7
    assert get_store().get(COLLECTION, "k")["attempts"] == 2  # type: ignore[index]


def test_a_key_in_flight_is_not_started_twice_until_its_lease_ends() -> None:
    assert claim(get_store(), "k") is None
    with pytest.raises(InFlight) as raised:
        run_once(get_store(), "k", lambda: 1)
    assert raised.value.retryable
    get_store().update(COLLECTION, "k", {"lease_until": iso(now() - timedelta(seconds=1))})
    assert run_once(get_store(), "k", lambda: 2) == 2


def test_a_live_worker_keeps_its_lease_and_a_dead_one_loses_it_within_one_lease(tmp_path: Any) -> None:
    """Issue 16, item 11: short leases, renewed while the work runs."""
    import threading
    import time

    from klepaas_shared.idempotency import Heartbeat, lease_left_s

    store, lease = get_store(), timedelta(seconds=0.3)
    assert claim(store, "job", lease) is None
    release = threading.Event()
    with Heartbeat(store, COLLECTION, "job", lease):
        ends = time.monotonic() + 0.9  # three leases: it would have run out without the heartbeat
        while time.monotonic() < ends:
            with pytest.raises(InFlight) as held:
                claim(store, "job", lease)
            assert 0 < (held.value.retry_after_s or 0) <= 0.3
            release.wait(0.1)
    # the worker is gone (no finish, no more renewals): the next claim takes over after the lease
    while lease_left_s(store.get(COLLECTION, "job") or {}) > 0:
        release.wait(0.05)
    assert claim(store, "job", lease) is None
    assert store.get(COLLECTION, "job")["attempts"] == 2  # type: ignore[index]
