"""The push's first leg under crashes (issue 16, item 11): for each store write the webhook makes
for a push, the process "dies" right there (the write raises), then GitHub redelivers the same
delivery (same X-GitHub-Delivery). A redelivery whose dead run still holds the lease is answered
409 with a Retry-After within the (shortened) lease; after it, the delivery is processed and ends
as one deploy request id, with the delivery's outcome recorded. The deploy side of the same path:
tests/functions/deploy/test_pipeline_crash.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.github import FakeGitHub
from klepaas_shared.bus import local_bus
from klepaas_shared.store import Store

from ...e2e.faults_support import FailingWrites
from .conftest import Deliver, connect, payload, published

LEASE_S = 0.3


@pytest.fixture
def short_lease() -> Iterator[None]:
    with klepaas_env({"KLEPAAS_LEASE_S": str(LEASE_S)}):
        yield


def _redeliver_until_answered(
    deliver: Deliver, push: dict[str, Any], guid: str, deadline_s: float
) -> tuple[Any, float]:
    """GitHub's redeliveries of one delivery (same GUID) until one is answered 2xx; the answer and its time."""
    started, pause = time.monotonic(), threading.Event()
    while time.monotonic() - started < deadline_s:
        response = deliver("push", push, guid=guid)
        if response.status_code < 300:
            return response, time.monotonic() - started
        assert response.status_code in (409, 503), (guid, response.status_code, response.get_data(as_text=True))
        assert response.get_json()["error"]["code"], response.get_data(as_text=True)
        if response.status_code == 409:  # the dead run's lease: come back when it may have run out
            wait = float(response.headers["Retry-After"])
            assert 0 < wait <= max(1.0, LEASE_S), wait
            pause.wait(min(wait, LEASE_S))
    raise AssertionError(f"{guid} was still refused after {deadline_s} s")


def test_a_crash_at_every_store_write_of_a_push_delivery_is_redelivered_to_one_deploy_request(
    short_lease: None, deliver: Deliver, store: Store, github: FakeGitHub
) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=2311213)
    connect(store, installation_id=2311213)
    nth = 0
    while True:  # every write the delivery makes, until a delivery has fewer writes than the crash's place
        nth += 1
        guid, sha = f"guid-crash-{nth}", f"{nth:040x}"  # a new commit each time: its own GitHub Deployment
        push = {**payload("push"), "after": sha, "head_commit": {**payload("push")["head_commit"], "id": sha}}
        github.add_commit(repo, sha, push["head_commit"]["message"], branch="main")
        local_bus().published.clear()
        with FailingWrites(store, nth).armed() as faults:
            first = deliver("push", push, guid=guid)
        if not faults.failed:
            assert first.status_code == 200
            break
        assert first.status_code in (200, 503), (nth, first.status_code, first.get_data(as_text=True))
        response, took = _redeliver_until_answered(deliver, push, guid, deadline_s=2 * LEASE_S + 10)
        assert took < 2 * LEASE_S + 5, (nth, took)
        assert response.get_json()["status"] in ("queued", "duplicate"), (nth, response.get_json())
        requests = published("deploy-requests")
        assert requests and len({r["request_id"] for r in requests}) == 1, (nth, requests)
        record = store.get("deliveries", guid)
        assert record is not None and record["status"] == "succeeded", (nth, record)
        assert len(repo.deployments) == nth, nth  # one GitHub Deployment for the commit, however it crashed
    assert nth > 3, nth  # the delivery's claim and end, and the GitHub Deployment's claim between them
