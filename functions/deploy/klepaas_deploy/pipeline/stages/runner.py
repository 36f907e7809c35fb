"""Run the stages of one deploy request: ``sourcecommit`` → ``sourcebuild`` → ``sourcedeploy``.

Each stage is reported to a :class:`StageRecorder` (start, then status ``success``/``failed`` with
its duration and error). The first failure stops the run, so later stages never start and the
running version is left as it was. A request id runs at most once: a repeat gets the recorded
outcome and starts nothing; a run whose instance died (its lease, renewed while it lives, ran out)
is taken over where it stopped, with the facts it saved (job ids), so no job is started twice and
none is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from klepaas_shared.clock import iso, now, now_iso, parse_iso
from klepaas_shared.errors import KlepaasError, UpstreamError
from klepaas_shared.idempotency import Heartbeat, InFlight, lease_left_s
from klepaas_shared.store import Store, Transaction

STAGES = ("sourcecommit", "sourcebuild", "sourcedeploy")
RUNS = "pipeline_runs"
MAX_ATTEMPTS = 3


class StageFailed(UpstreamError):
    """A stage's job ended badly; its message is the reason shown in the history."""

    code = "stage_failed"
    retryable = False


class StageRecorder(Protocol):
    def start(self, deployment_id: str, stage: str) -> None: ...

    def finish(self, deployment_id: str, stage: str, *, status: str, duration_s: float, error: str | None) -> None:
        """``status`` is ``success`` or ``failed``; ``error`` is the reason when it failed."""


class Release(Protocol):
    def release(self, image: str) -> None:
        """Roll ``image`` out (the final step of ``sourcedeploy`` when the platform does not)."""


@dataclass(frozen=True)
class PipelineRequest:
    request_id: str
    deployment_id: str
    owner: str
    repo: str
    branch: str
    sha: str
    environment: str = "staging"
    version: str | None = None
    app_name: str = ""

    @property
    def app(self) -> str:
        return self.app_name or f"{self.owner}-{self.repo}".lower()


@dataclass
class Outcome:
    ok: bool
    failed_stage: str | None = None
    error: str | None = None
    repeated: bool = False
    facts: dict[str, Any] = field(default_factory=dict)


class FactNotSaved(Exception):
    """Saving a fact failed: the run's own store write, not the stage's job, so the stage has not
    failed. The store's error goes up (a retryable one has the message redelivered) and the run,
    still ``running``, is taken over once its lease runs out, where it stopped (issue 16)."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


class Facts(dict[str, Any]):
    """What stages hand on (the image, job ids). Every fact is saved as soon as it is set, so a
    stage taken over after a crash finds the job it had started and waits for it again."""

    def __init__(self, initial: Mapping[str, Any], save: Callable[[dict[str, Any]], None]) -> None:
        super().__init__(initial)
        self._save = save

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        try:
            self._save(dict(self))
        except Exception as exc:
            raise FactNotSaved(exc) from exc


Stage = Callable[[PipelineRequest, dict[str, Any]], None]


def reason_of(exc: BaseException) -> str:
    """A reason safe to show: our errors' messages, otherwise only the exception's kind."""
    return exc.message if isinstance(exc, KlepaasError) else f"{type(exc).__name__} in stage"


def _claim(store: Store, request_id: str, lease_s: float) -> dict[str, Any]:
    """The run record, claimed for this instance (``status`` running), or the finished one."""

    def attempt(txn: Transaction) -> dict[str, Any]:
        record = txn.get(RUNS, request_id)
        if record is not None:
            if record.get("status") in ("succeeded", "failed"):
                return record
            lease = record.get("lease_until")
            if not lease or parse_iso(lease) > now():
                raise InFlight(f"pipeline for {request_id} is running", retry_after_s=lease_left_s(record) or lease_s)
            if int(record.get("attempts", 1)) >= MAX_ATTEMPTS:
                stage = record.get("stage") or STAGES[0]
                error = f"the pipeline stopped {MAX_ATTEMPTS} times during {stage}"
                given_up = {**record, "status": "failed", "failed_stage": stage, "error": error, "gave_up": True}
                txn.set(RUNS, request_id, given_up | {"finished_at": now_iso()})
                return given_up
        claimed = {
            "started_at": now_iso(),
            "done": [],
            "facts": {},
            **(record or {}),
            "status": "running",
            "attempts": int((record or {}).get("attempts", 0)) + 1,
            "lease_until": iso(now() + timedelta(seconds=lease_s)),
        }
        txn.set(RUNS, request_id, claimed)
        return claimed

    return store.transaction(attempt)


def run(
    store: Store,
    request: PipelineRequest,
    stages: Mapping[str, Stage],
    recorder: StageRecorder,
    *,
    lease_s: float = 60.0,
) -> Outcome:
    """Run ``stages`` (in :data:`STAGES` order) for ``request`` once; a repeat returns the first
    run's outcome."""
    record = _claim(store, request.request_id, lease_s)
    if record.get("status") != "running":
        if record.pop("gave_up", False):
            error = str(record["error"])
            recorder.finish(request.deployment_id, record["failed_stage"], status="failed", duration_s=0, error=error)
        return Outcome(
            ok=record.get("status") == "succeeded",
            failed_stage=record.get("failed_stage"),
            error=record.get("error"),
            repeated=True,
            facts=dict(record.get("facts") or {}),
        )
    # The lease is renewed while this instance works, so a dead one is taken over within a lease.
    with Heartbeat(store, RUNS, request.request_id, timedelta(seconds=lease_s)):
        return _stages(store, request, stages, recorder, record)


def _stages(
    store: Store, request: PipelineRequest, stages: Mapping[str, Stage], recorder: StageRecorder, record: dict[str, Any]
) -> Outcome:
    key = request.request_id
    done: list[str] = list(record.get("done") or [])
    facts = Facts(record.get("facts") or {}, lambda saved: store.update(RUNS, key, {"facts": saved}))
    for name in STAGES:
        if name not in stages or name in done:
            continue
        store.update(RUNS, key, {"stage": name})
        recorder.start(request.deployment_id, name)
        started = time.monotonic()
        try:
            stages[name](request, facts)
        except FactNotSaved as lost:
            raise lost.cause from lost
        except Exception as exc:
            error = reason_of(exc)
            duration = time.monotonic() - started
            recorder.finish(request.deployment_id, name, status="failed", duration_s=duration, error=error)
            outcome = {"status": "failed", "failed_stage": name, "error": error, "finished_at": now_iso()}
            store.update(RUNS, key, outcome)
            return Outcome(ok=False, failed_stage=name, error=error, facts=dict(facts))
        duration = time.monotonic() - started
        recorder.finish(request.deployment_id, name, status="success", duration_s=duration, error=None)
        done.append(name)
        store.update(RUNS, key, {"done": done})
    store.update(RUNS, key, {"status": "succeeded", "finished_at": now_iso()})
    return Outcome(ok=True, facts=dict(facts))
