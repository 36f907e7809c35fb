"""A crash at every store write on the push → build → release path (issue 16, item 11).

A push's DeployRequest is delivered to the deploy function as Eventarc delivers it; its pipeline
commits, builds on Cloud Build (the REST stand-in) and releases onto GKE (the kube stand-in). For
each store write of that run, the process "dies" right there (the write raises; nothing after it
runs), then Pub/Sub redelivers the same message: a redelivery that finds the dead run's lease held
is told to come back after the lease (never dead-lettered), and the deployment then resumes where
it stopped, to one success with its audit record, within the lease. Leases are shortened through
settings. (A kill -9 during the build: stages/test_runner_crash.py.)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from klepaas_fakes.cloudbuild import CloudBuildState
from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, DeployRequest
from klepaas_shared.errors import KlepaasError
from klepaas_shared.idempotency import InFlight
from klepaas_shared.store import get_store

from ...e2e.faults_support import FailingWrites
from .conftest import reset
from .test_pipeline_gcp import gcp  # noqa: F401 - the Cloud Build + GKE fixture
from .test_pipeline_ncp import deliver, request_for

LEASE_S = 0.3
DEAD_LETTERS = f"{TOPIC_DEPLOY_REQUESTS}-dead-letter"


@pytest.fixture
def short_leases(gcp: tuple[CloudBuildState, str]) -> Iterator[str]:  # noqa: F811
    with klepaas_env({"KLEPAAS_LEASE_S": str(LEASE_S), "KLEPAAS_PIPELINE_LEASE_S": str(LEASE_S)}):
        reset()
        yield gcp[1]


def _deployments(request: DeployRequest) -> list[dict[str, Any]]:
    return [d.data for d in get_store().query("deployments") if d.data["request_id"] == request.request_id]


def _audits(request: DeployRequest, deployment_id: Any) -> list[dict[str, Any]]:
    """The audit records of the request or of its deployment (its end, when maintenance ended it)."""
    return [
        a.data
        for a in get_store().query("audit")
        if (a.data.get("details") or {}).get("request_id") == request.request_id
        or str((a.data.get("details") or {}).get("deployment_id")) == str(deployment_id)
    ]


def _redeliver_until_acked(request: DeployRequest, message_id: str, deadline_s: float) -> float:
    """Pub/Sub's redeliveries of one message until one is acked; the seconds that took."""
    started, pause = time.monotonic(), threading.Event()
    while time.monotonic() - started < deadline_s:
        try:
            deliver(request, message_id)
            return time.monotonic() - started
        except InFlight as held:  # the dead run's lease: come back when it may have run out
            assert held.retryable and 0 < (held.retry_after_s or 0) <= LEASE_S + 0.1, held.retry_after_s
            pause.wait(held.retry_after_s or 0)
        except KlepaasError as exc:
            assert exc.retryable, exc  # a crash is never acked as "cannot succeed"
    raise AssertionError(f"{message_id} was still refused after {deadline_s} s")


def test_a_crash_at_every_store_write_of_a_push_resumes_to_one_success_within_the_lease(
    short_leases: str, cluster: KubeStandIn
) -> None:
    sha = short_leases
    counter = FailingWrites(get_store(), nth=10**6)
    with counter.armed():
        deliver(request_for(sha, request_id="probe"), "probe")
    assert counter.count >= 8, counter.count  # the deployment, each stage's start and end, the run's claim and end
    nth = 0
    while True:  # every write of the run, until a run has fewer writes than the crash's place
        nth += 1
        request = request_for(sha, request_id=f"crash-{nth}")
        message_id = f"m-crash-{nth}"
        with FailingWrites(get_store(), nth).armed() as faults:
            try:
                deliver(request, message_id)
            except KlepaasError as exc:
                assert exc.retryable, (nth, exc)
        if not faults.failed:
            break
        took = _redeliver_until_acked(request, message_id, deadline_s=4 * LEASE_S + 10)
        assert took < 2 * LEASE_S + 10, (nth, took)
        [deployment] = _deployments(request)
        # Resumed where it stopped: a store write failing is not the stage's job failing.
        assert deployment["status"] == "success", (nth, deployment["error"])
        assert _audits(request, deployment["id"]), (nth, deployment)
        assert not [p for p in local_bus().published if p[0] == DEAD_LETTERS], nth
    assert nth > 8, nth


def test_a_redelivered_push_whose_lease_is_held_runs_after_the_lease_and_is_never_dead_lettered(
    short_leases: str, cluster: KubeStandIn
) -> None:
    """The bus (Pub/Sub's local stand-in) tries a message 5 times, 1 ms apart, before dead-lettering
    a failure: a redelivery refused because the dead run still holds its lease is not a failure;
    it comes back after the lease and then takes the run over."""
    from klepaas_shared.bus import LocalBus

    from .conftest import load_main

    request = request_for(short_leases, request_id="held")
    # The first worker dies just after claiming the run: its lease stays held until it runs out.
    with FailingWrites(get_store(), 2, only=("pipeline_runs",)).armed() as faults, pytest.raises(KlepaasError):
        deliver(request, "m-held")
    assert faults.failed
    bus = LocalBus("demo-test", max_attempts=5, workers=1, min_backoff_s=0.001, max_backoff_s=0.001)
    try:
        bus.subscribe(TOPIC_DEPLOY_REQUESTS, "deploy", load_main().deploy_requests)
        started = time.monotonic()
        bus.publish(TOPIC_DEPLOY_REQUESTS, request)  # GitHub's redelivery, published again
        assert bus.drain(10 * LEASE_S + 10)
        took = time.monotonic() - started
    finally:
        bus.close()
    assert bus.dead_letters == []
    [deployment] = _deployments(request)
    assert deployment["status"] == "success", deployment["error"]
    assert LEASE_S / 2 <= took < 2 * LEASE_S + 10, took  # it waited for the lease, then ran
