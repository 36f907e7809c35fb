"""SourceCommit, SourceBuild and SourceDeploy calls, in the formats the NCP API guides document.

- SourceCommit: ``GET /api/v1/repository/{name}``, ``POST /api/v1/repository`` ``{name, description}``.
- SourceBuild: ``GET /api/v1/project/{projectId}`` → ``result`` (the project's settings, among them
  ``cmd.dockerbuild`` ``{use, dockerfile, registry, image, tag, latest}``);
  ``PATCH /api/v1/project/{projectId}`` with the settings to change; ``POST
  /api/v1/project/{projectId}/build`` (no request body: a build cannot override the image or tag,
  which are the project's ``cmd.dockerbuild`` settings) → ``result.buildId``; the build's status
  from ``GET /api/v1/project/{projectId}/history`` (``result.history[].status``, ``failedPhase``).
- SourceDeploy: ``POST /api/v1/project/{p}/stage/{s}/scenario/{c}/deploy`` → ``result.historyId``;
  ``GET /api/v1/project/{p}/history/{historyId}`` → ``result.status``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .ncp_http import NcpHttp, NcpRefused
from .polling import poll

SUCCEEDED = frozenset({"success", "succeeded"})
FAILED = frozenset({"fail", "failed", "failure", "canceled", "cancelled", "cancel", "stop", "stopped", "timeout"})


@dataclass(frozen=True)
class NcpEndpoints:
    sourcecommit: str = "https://sourcecommit.apigw.ntruss.com"
    sourcebuild: str = "https://sourcebuild.apigw.ntruss.com"
    sourcedeploy: str = "https://vpcsourcedeploy.apigw.ntruss.com"


@dataclass(frozen=True)
class JobResult:
    ok: bool
    status: str
    detail: str = ""


class NcpClient:
    """The pipeline's NCP calls; every one is signed, and every wait is polled with a deadline."""

    def __init__(
        self,
        http: NcpHttp,
        endpoints: NcpEndpoints | None = None,
        *,
        poll_base_s: float = 2.0,
        poll_max_s: float = 15.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.http = http
        self.endpoints = endpoints or NcpEndpoints()
        self.poll_base_s, self.poll_max_s, self.sleep = poll_base_s, poll_max_s, sleep

    def ensure_repository(self, name: str, description: str = "") -> dict[str, Any]:
        """The SourceCommit repository ``name``, created first when it does not exist."""
        base = self.endpoints.sourcecommit
        try:
            return dict(self.http.call(base, "GET", f"/api/v1/repository/{name}").get("result") or {})
        except NcpRefused as exc:
            if exc.status != 404:
                raise
        self.http.call(base, "POST", "/api/v1/repository", {"name": name, "description": description[:500]})
        return dict(self.http.call(base, "GET", f"/api/v1/repository/{name}").get("result") or {})

    def build_project(self, project_id: str) -> dict[str, Any]:
        """The SourceBuild project's settings (``result`` of the project detail call)."""
        answer = self.http.call(self.endpoints.sourcebuild, "GET", f"/api/v1/project/{project_id}")
        result = answer.get("result", answer)
        return dict(result) if isinstance(result, dict) else {}

    def update_build_project(self, project_id: str, changes: dict[str, Any]) -> None:
        """Change the project's settings (``PATCH``; the answer carries nothing we need)."""
        self.http.call(self.endpoints.sourcebuild, "PATCH", f"/api/v1/project/{project_id}", changes)

    def start_build(self, project_id: str) -> str:
        result = self.http.call(self.endpoints.sourcebuild, "POST", f"/api/v1/project/{project_id}/build")
        return str(result["result"]["buildId"])

    def build_status(self, project_id: str, build_id: str) -> JobResult:
        result = self.http.call(self.endpoints.sourcebuild, "GET", f"/api/v1/project/{project_id}/history")
        for entry in (result.get("result") or {}).get("history") or []:
            if str(entry.get("buildId")) == build_id:
                return _job(str(entry.get("status", "")), entry.get("failedPhase"))
        return JobResult(ok=False, status="unknown")

    def wait_build(
        self, project_id: str, build_id: str, *, deadline_s: float, heartbeat: Callable[[], None] | None = None
    ) -> JobResult:
        """Poll the build until it ends; ``heartbeat`` runs before every poll (to renew a lease)."""

        def fetch() -> JobResult:
            if heartbeat is not None:
                heartbeat()
            return self.build_status(project_id, build_id)

        return poll(
            fetch,
            _settled,
            deadline_s=deadline_s,
            what=f"SourceBuild {build_id}",
            base_s=self.poll_base_s,
            max_s=self.poll_max_s,
            sleep=self.sleep,
        )

    def start_deploy(self, project_id: str, stage_id: str, scenario_id: str) -> str:
        path = f"/api/v1/project/{project_id}/stage/{stage_id}/scenario/{scenario_id}/deploy"
        return str(self.http.call(self.endpoints.sourcedeploy, "POST", path)["result"]["historyId"])

    def deploy_status(self, project_id: str, history_id: str) -> JobResult:
        path = f"/api/v1/project/{project_id}/history/{history_id}"
        result = self.http.call(self.endpoints.sourcedeploy, "GET", path).get("result") or {}
        return _job(str(result.get("status", "")), None)

    def wait_deploy(self, project_id: str, history_id: str, *, deadline_s: float) -> JobResult:
        return poll(
            lambda: self.deploy_status(project_id, history_id),
            _settled,
            deadline_s=deadline_s,
            what=f"SourceDeploy {history_id}",
            base_s=self.poll_base_s,
            max_s=self.poll_max_s,
            sleep=self.sleep,
        )


def _job(status: str, failed_phase: object) -> JobResult:
    lowered = status.lower()
    detail = f"failed in {failed_phase}" if failed_phase else ""
    return JobResult(ok=lowered in SUCCEEDED, status=lowered, detail=detail)


def _settled(job: JobResult) -> bool:
    return job.ok or job.status in FAILED
