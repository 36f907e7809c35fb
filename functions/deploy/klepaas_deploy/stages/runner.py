"""Run the stages of one deploy request: ``sourcecommit`` → ``sourcebuild`` → ``sourcedeploy``.

Each stage is reported to a :class:`StageRecorder` (start, then status ``success``/``failed`` with
its duration and error). The first failure stops the run, so later stages never start and the
running version is left as it was. A request id runs at most once: a repeat gets the recorded
outcome and starts nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from klepaas_shared.clock import now_iso
from klepaas_shared.errors import KlepaasError
from klepaas_shared.idempotency import InFlight
from klepaas_shared.store import Store

STAGES = ("sourcecommit", "sourcebuild", "sourcedeploy")
RUNS = "pipeline_runs"


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

    @property
    def app(self) -> str:
        return f"{self.owner}-{self.repo}".lower()


@dataclass
class Outcome:
    ok: bool
    failed_stage: str | None = None
    error: str | None = None
    repeated: bool = False
    facts: dict[str, Any] = field(default_factory=dict)


Stage = Callable[[PipelineRequest, dict[str, Any]], None]


def reason_of(exc: BaseException) -> str:
    """A reason safe to show: our errors' messages, otherwise only the exception's kind."""
    return exc.message if isinstance(exc, KlepaasError) else f"{type(exc).__name__} in stage"


def run(store: Store, request: PipelineRequest, stages: Mapping[str, Stage], recorder: StageRecorder) -> Outcome:
    """Run ``stages`` for ``request`` once; a repeat returns the first run's outcome."""
    claimed = store.create(RUNS, request.request_id, {"status": "running", "started_at": now_iso()})
    if not claimed:
        record = store.get(RUNS, request.request_id) or {}
        if record.get("status") == "running":
            raise InFlight(f"pipeline for {request.request_id} is running")
        return Outcome(
            ok=record.get("status") == "succeeded",
            failed_stage=record.get("failed_stage"),
            error=record.get("error"),
            repeated=True,
        )
    facts: dict[str, Any] = {}
    for name in STAGES:
        recorder.start(request.deployment_id, name)
        started = time.monotonic()
        try:
            stages[name](request, facts)
        except Exception as exc:
            error = reason_of(exc)
            duration = time.monotonic() - started
            recorder.finish(request.deployment_id, name, status="failed", duration_s=duration, error=error)
            outcome = {"status": "failed", "failed_stage": name, "error": error, "finished_at": now_iso()}
            store.update(RUNS, request.request_id, outcome)
            return Outcome(ok=False, failed_stage=name, error=error, facts=facts)
        duration = time.monotonic() - started
        recorder.finish(request.deployment_id, name, status="success", duration_s=duration, error=None)
    store.update(RUNS, request.request_id, {"status": "succeeded", "finished_at": now_iso()})
    return Outcome(ok=True, facts=facts)
