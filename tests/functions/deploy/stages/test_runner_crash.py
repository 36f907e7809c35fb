"""A pipeline run whose process is killed (``kill -9``) during its build stage (issue 16, item 11):
its lease, renewed only while the process lived, runs out within one lease; a redelivery before
then is told when to come back; after it, the run is taken over where it stopped (the build it
had started, no second commit stage), or, when nothing comes back, ended by maintenance as
``worker_lost`` with an announcement and an audit record."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from klepaas_deploy.operations import stuck
from klepaas_deploy.pipeline.stages import runner
from klepaas_deploy.settings import deploy_settings
from klepaas_fakes.env import klepaas_env
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import Commit
from klepaas_shared.idempotency import InFlight
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.store import get_store

LEASE_S = 1.0
WORKER = """
import sys, threading
from klepaas_deploy.pipeline.stages import runner
from klepaas_shared.store import get_store

class Recorder:
    def start(self, deployment_id, stage): pass
    def finish(self, deployment_id, stage, **_): pass

def commit(request, facts):
    facts["pushed"] = "c0ffee"

def build(request, facts):
    facts["build_id"] = "build-1"
    print("building", flush=True)
    threading.Event().wait()  # the build takes long: the process is killed here

request = runner.PipelineRequest("req-1", int(sys.argv[1]), "K-Le-PaaS", "test01", "main", "c0ffee")
runner.run(get_store(), request, {"sourcecommit": commit, "sourcebuild": build}, Recorder(), lease_s=float(sys.argv[2]))
"""


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def start(self, deployment_id: int, stage: str) -> None:
        self.calls.append(("start", stage))

    def finish(self, deployment_id: int, stage: str, *, status: str, duration_s: float, error: str | None) -> None:
        self.calls.append((status, stage))


@pytest.fixture
def killed(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A deployment whose pipeline process was killed during its build; the store file it used."""
    env = {"KLEPAAS_SQLITE_PATH": str(tmp_path / "store.sqlite3")}
    with klepaas_env(env):
        deployment = Deployments(get_store()).create(
            owner="K-Le-PaaS",
            repo="test01",
            environment="staging",
            namespace="default",
            commit=Commit(sha="c0ffee"),
            image=None,
            request_id="req-1",
            requested_by="user-1",
        )
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(deployment["id"]), str(LEASE_S)],
            env={**os.environ},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert worker.stdout is not None and worker.stdout.readline().strip() == "building"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        worker.stdout.close()
        yield deployment


def _request(deployment: dict[str, Any]) -> runner.PipelineRequest:
    return runner.PipelineRequest("req-1", int(deployment["id"]), "K-Le-PaaS", "test01", "main", "c0ffee")


def test_a_killed_run_is_taken_over_where_it_stopped_once_its_lease_ran_out(killed: dict[str, Any]) -> None:
    seen: list[dict[str, Any]] = []
    stages = {
        "sourcecommit": lambda request, facts: seen.append({"stage": "sourcecommit"}),
        "sourcebuild": lambda request, facts: seen.append(dict(facts)),
    }
    recorder, waited = Recorder(), threading.Event()
    for _ in range(10):  # a redelivery: told to come back after the lease, until it can take over
        try:
            outcome = runner.run(get_store(), _request(killed), stages, recorder, lease_s=LEASE_S)
            break
        except InFlight as held:
            assert 0 < (held.retry_after_s or 0) <= LEASE_S
            waited.wait(held.retry_after_s or 0)
    assert outcome.ok and seen == [{"pushed": "c0ffee", "build_id": "build-1"}]  # no second commit stage
    assert recorder.calls == [("start", "sourcebuild"), ("success", "sourcebuild")]
    assert get_store().get(runner.RUNS, "req-1")["attempts"] == 2  # type: ignore[index]


def test_a_killed_run_nothing_redelivers_is_ended_by_maintenance_and_audited(killed: dict[str, Any]) -> None:
    store, settings, pause = get_store(), deploy_settings(), threading.Event()
    while (ended := stuck.end_stuck(store, settings))["deployments"] == 0:
        pause.wait(0.1)  # maintenance ticks until the lease of the dead run has run out
    assert ended["deployments"] == 1
    deployment = Deployments(store).get(killed["id"])
    assert deployment is not None and deployment["status"] == "failed"
    assert deployment["error"]["code"] == "worker_lost" and deployment["error"]["stage"] == "sourcebuild"
    [record] = [a.data for a in store.query("audit") if a.data.get("action") == "deployment.end"]
    assert record["result"] == "failed" and record["details"]["reason"] == "worker_lost"
    completed = [p for p in local_bus().published if b'"deployment_completed"' in p[2]]
    assert len(completed) == 1
    assert stuck.end_stuck(store, settings)["deployments"] == 0  # ended once
    late = runner.run(store, _request(killed), {}, Recorder(), lease_s=LEASE_S)  # a redelivery after the end
    assert late.repeated and not late.ok and late.failed_stage == "sourcebuild"
