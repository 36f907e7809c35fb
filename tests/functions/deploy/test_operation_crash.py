"""An operation whose request is killed (``kill -9``) while it changes the cluster (issue 16, item
11): the lease that request renewed while it lived runs out, and the next maintenance tick ends
the operation as ``worker_lost``, announced once and audited, within a lease and a tick (in
local dev, where `make dev` ticks every minute and the lease is 60 s: within 2 minutes). A live
request that runs longer than its lease keeps it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from klepaas_deploy.operations import engine, stuck
from klepaas_deploy.operations.outcome import Outcome
from klepaas_deploy.pipeline.refs import resolve
from klepaas_deploy.settings import deploy_settings
from klepaas_fakes.env import klepaas_env
from klepaas_shared.auth import ADMIN_WRITE, DEPLOY_EXECUTE, READ, Principal
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS
from klepaas_shared.operations import OperationRequest
from klepaas_shared.store import get_store

from .conftest import reset

LEASE_S = 1.0
ARGS = {"app_name": "web", "environment": "staging", "replicas": 2}
ADMIN = Principal(sub="user-1", scopes=frozenset({READ, DEPLOY_EXECUTE, ADMIN_WRITE}))
WORKER = """
import sys, threading
from klepaas_deploy.operations import engine
from klepaas_deploy.settings import deploy_settings
from klepaas_shared.auth import Principal
from klepaas_shared.operations import OperationRequest
from klepaas_shared.store import get_store

def scale(ctx, args):
    print("scaling", flush=True)
    threading.Event().wait()  # the cluster is slow: the process is killed here

engine.MUTATORS["scale"] = scale
who = Principal(sub="user-1", scopes=frozenset({"read", "deploy:execute", "admin:write"}))
request = OperationRequest(type="scale", args=%s, operation_id="op-killed")
engine.run(get_store(), deploy_settings(), request, who)
"""


@pytest.fixture
def store_file(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {"KLEPAAS_SQLITE_PATH": str(tmp_path / "store.sqlite3"), "KLEPAAS_LEASE_S": str(LEASE_S)}
    with klepaas_env(env):
        reset()
        yield env
    reset()


def _ended_events() -> list[dict[str, Any]]:
    found = [json.loads(d) for t, _, d, a in local_bus().published if t == TOPIC_DEPLOYMENT_EVENTS and not a]
    return [e for e in found if e["type"] == "scaled"]


def _tick_until_ended(operation_id: str, within_s: float) -> float:
    """Maintenance ticks (10 a second, where `make dev` ticks once a minute) until the operation
    ended; the seconds since the first tick."""
    store, settings, pause, started = get_store(), deploy_settings(), threading.Event(), time.monotonic()
    while time.monotonic() - started < within_s:
        stuck.end_stuck(store, settings)
        if (get_store().get("operations", operation_id) or {}).get("status") != "running":
            return time.monotonic() - started
        pause.wait(0.1)
    raise AssertionError(f"{operation_id} was still running after {within_s} s")


def test_a_killed_operation_is_ended_by_maintenance_once_its_lease_ran_out_and_audited(
    store_file: dict[str, str],
) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER % json.dumps(ARGS)], env={**os.environ}, stdout=subprocess.PIPE, text=True
    )
    assert worker.stdout is not None and worker.stdout.readline().strip() == "scaling"
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    worker.stdout.close()
    assert get_store().get("operations", "op-killed")["status"] == "running"  # type: ignore[index]

    took = _tick_until_ended("op-killed", within_s=LEASE_S + 10)
    stuck.end_stuck(get_store(), deploy_settings())  # a second tick finds nothing more to end
    assert took <= LEASE_S + 1, took
    operation = get_store().get("operations", "op-killed") or {}
    assert operation["status"] == "failed" and operation["error"]["code"] == "worker_lost", operation
    assert "lost the request running it" in operation["error"]["message"]
    ends = [a.data for a in get_store().query("audit") if a.data.get("action") == "operation.end"]
    assert [(a["details"]["operation_id"], a["details"]["reason"]) for a in ends] == [("op-killed", "worker_lost")]
    assert [e["status"] for e in _ended_events()] == ["failed"]


def test_a_live_request_keeps_its_lease_however_long_the_change_takes(store_file: dict[str, str]) -> None:
    ran = threading.Event()

    def slow_scale(ctx: Any, args: dict[str, Any]) -> Outcome:
        store, settings, pause = ctx.store, ctx.settings, threading.Event()
        for _ in range(int(3 * LEASE_S / 0.1)):  # three leases long, with maintenance ticking
            stuck.end_stuck(store, settings)
            pause.wait(0.1)
        ran.set()
        ref = resolve(args, settings)
        return Outcome(ref, {"status": "success"}, "scaled", "scaled", done=True)

    original = engine.MUTATORS["scale"]
    engine.MUTATORS["scale"] = slow_scale
    try:
        answer = engine.run(get_store(), deploy_settings(), OperationRequest(type="scale", args=ARGS), ADMIN)
    finally:
        engine.MUTATORS["scale"] = original
    assert ran.is_set() and answer.operation is not None
    assert (get_store().get("operations", answer.operation.id) or {})["status"] == "succeeded"
    assert not [a for a in get_store().query("audit") if a.data.get("action") == "operation.end"]
