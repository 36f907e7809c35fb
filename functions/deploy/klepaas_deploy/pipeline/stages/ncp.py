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
from .polling import PollDeadline, poll

DESCRIPTION_MAX_BYTES = 500  # SourceCommit's limit on a repository description

# Every status the NCP API guides (api.ncloud-docs.com, 2026-09-17) document, and what it means
# for a waiting stage. A status in neither set is still running: the wait goes on until it settles
# or its deadline, and the deadline's message names the last status seen.
BUILD_SUCCEEDED = frozenset({"success"})
# SourceBuild history: prepare | upload | success | fail | canceled (null before a first job).
BUILD_FAILED = frozenset({"fail", "canceled"})
DEPLOY_SUCCEEDED = frozenset({"success"})
# SourceDeploy history detail: success | fail | inprogress | pending (awaiting approval) | reject
# | canceling | canceled | waiting | error | canary_pending | canary_reject | canary_analyzing
# | canary_waiting_timeout | canary_rejecting. The failed ones, with the guide's meaning:
DEPLOY_FAILED = {
    "fail": "the deployment failed",
    "error": "the deployment ended in an error",
    "reject": "the deployment's approval was rejected",
    "canceled": "the deployment was canceled",
    "canary_reject": "the canary deployment was rejected",
    "canary_waiting_timeout": "the canary analysis timed out",
}


@dataclass(frozen=True)
class NcpEndpoints:
    sourcecommit: str = "https://sourcecommit.apigw.ntruss.com"
    sourcebuild: str = "https://sourcebuild.apigw.ntruss.com"
    sourcedeploy: str = "https://vpcsourcedeploy.apigw.ntruss.com"


@dataclass(frozen=True)
class JobResult:
    ok: bool
    status: str
    detail: str = ""  # the provider's reason for a failure (SourceBuild's failed phase, SourceDeploy's status)
    settled: bool = False  # the job has ended, succeeded or failed


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
        found = self._repository(name)
        if found is not None:
            return found
        # The description's limit is 500 bytes (UTF-8), cut on a character boundary.
        short = description.encode()[:DESCRIPTION_MAX_BYTES].decode(errors="ignore")
        try:
            self.http.call(
                self.endpoints.sourcecommit, "POST", "/api/v1/repository", {"name": name, "description": short}
            )
        except NcpRefused:
            if self._repository(name) is None:  # not created by a concurrent run either
                raise
        found = self._repository(name)
        if found is None:
            raise NcpRefused(f"SourceCommit did not show the repository {name} it created", status=404)
        return found

    def _repository(self, name: str) -> dict[str, Any] | None:
        """The repository, or None when it does not exist. What SourceCommit answers for a missing
        repository is not documented; taken for "missing": a 404, a 400 whose message says the
        repository is not there, and a 200 without a repository (no result, or one with no git
        address). Any other refusal (401, 403, another 400) is raised."""
        try:
            answer = self.http.call(self.endpoints.sourcecommit, "GET", f"/api/v1/repository/{name}")
        except NcpRefused as exc:
            if exc.status == 404 or (exc.status == 400 and _says_missing(exc.message)):
                return None
            raise
        result = answer.get("result")
        return dict(result) if isinstance(result, dict) and result.get("git") else None

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
                status = str(entry.get("status") or "").lower()
                phase = entry.get("failedPhase")
                detail = f"failed in {phase}" if phase else ("canceled" if status == "canceled" else "")
                return JobResult(status in BUILD_SUCCEEDED, status, detail, status in BUILD_SUCCEEDED | BUILD_FAILED)
        return JobResult(ok=False, status="unknown")

    def wait_build(
        self, project_id: str, build_id: str, *, deadline_s: float, heartbeat: Callable[[], None] | None = None
    ) -> JobResult:
        """Poll the build until it ends; ``heartbeat`` runs before every poll (to renew a lease)."""

        def fetch() -> JobResult:
            if heartbeat is not None:
                heartbeat()
            return self.build_status(project_id, build_id)

        return self._wait(fetch, f"SourceBuild {build_id}", deadline_s)

    def start_deploy(self, project_id: str, stage_id: str, scenario_id: str) -> str:
        path = f"/api/v1/project/{project_id}/stage/{stage_id}/scenario/{scenario_id}/deploy"
        return str(self.http.call(self.endpoints.sourcedeploy, "POST", path)["result"]["historyId"])

    def deploy_status(self, project_id: str, history_id: str) -> JobResult:
        path = f"/api/v1/project/{project_id}/history/{history_id}"
        answer = self.http.call(self.endpoints.sourcedeploy, "GET", path)
        result = answer.get("result", answer)  # the guide shows the detail both bare and under result
        status = str((result if isinstance(result, dict) else {}).get("status") or "").lower()
        ok = status in DEPLOY_SUCCEEDED
        return JobResult(ok, status, DEPLOY_FAILED.get(status, ""), ok or status in DEPLOY_FAILED)

    def wait_deploy(self, project_id: str, history_id: str, *, deadline_s: float) -> JobResult:
        return self._wait(lambda: self.deploy_status(project_id, history_id), f"SourceDeploy {history_id}", deadline_s)

    def _wait(self, fetch: Callable[[], JobResult], what: str, deadline_s: float) -> JobResult:
        last: list[str] = []

        def fetch_and_remember() -> JobResult:
            job = fetch()
            last[:] = [job.status]
            return job

        try:
            return poll(
                fetch_and_remember,
                lambda job: job.settled,
                deadline_s=deadline_s,
                what=what,
                base_s=self.poll_base_s,
                max_s=self.poll_max_s,
                sleep=self.sleep,
            )
        except PollDeadline as exc:
            raise PollDeadline(f"{exc.message} (last status: {last[0] if last else 'none'})") from None


def _says_missing(message: str) -> bool:
    lowered = message.lower()
    return any(words in lowered for words in ("not exist", "not found", "no repository", "없"))
