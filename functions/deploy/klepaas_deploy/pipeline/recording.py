"""Stages as they happen: written into the deployment history (the console's D5/D6 shape: status
None while running, then ``success``/``failed`` with times, duration and error) and published as
``stage_started`` / ``stage_completed`` DeploymentEvents."""

from __future__ import annotations

from klepaas_shared.contracts import DeployRequest, ErrorInfo
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.store import Store

from ..operations.progress import publish
from .refs import AppRef

STAGE_FAILED = "stage_failed"


class HistoryRecorder:
    """The :class:`~klepaas_deploy.pipeline.stages.runner.StageRecorder` of one deploy request."""

    def __init__(self, store: Store, ref: AppRef, request: DeployRequest) -> None:
        self.store, self.ref, self.request = store, ref, request

    def start(self, deployment_id: str, stage: str) -> None:
        Deployments(self.store).start_stage(int(deployment_id), stage)
        self._publish("stage_started", deployment_id, stage, status="running", message=f"{stage} started")

    def finish(self, deployment_id: str, stage: str, *, status: str, duration_s: float, error: str | None) -> None:
        ok = status == "success"
        Deployments(self.store).end_stage(int(deployment_id), stage, ok=ok, error=error or "", duration_s=duration_s)
        self._publish(
            "stage_completed",
            deployment_id,
            stage,
            status="success" if ok else "failed",
            message=f"{stage} succeeded" if ok else f"{stage} failed: {error}",
            duration_s=round(duration_s, 3),
            error=None if ok else ErrorInfo(code=STAGE_FAILED, message=error or "failed", stage=stage),
        )

    def _publish(self, kind: str, deployment_id: str, stage: str, **fields: object) -> None:
        publish(
            kind,
            int(deployment_id),
            self.ref,
            stage=stage,
            commit=self.request.commit,
            requested_by=self.request.requested_by,
            github_installation_id=self.request.github_installation_id,
            github_deployment_id=self.request.github_deployment_id,
            **fields,
        )
