"""The Google Cloud stages: find the commit, build and push it with Cloud Build to Artifact
Registry under the tag policy's tags; the release onto GKE is the caller's ``sourcedeploy``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .cloudbuild import CloudBuild, build_body
from .github_token import TokenSource, token_of
from .mirror import remote_head
from .runner import PipelineRequest, Stage, StageFailed
from .tags import image_refs, tags_for


@dataclass(frozen=True)
class GcpTarget:
    """Where one app builds on Google Cloud."""

    repository: str  # <region>-docker.pkg.dev/<project>/<repository>
    git_base: str = "https://github.com"
    build_deadline_s: float = 1200.0


def cloud_build_stages(client: CloudBuild, target: GcpTarget, github_token: str | TokenSource = "") -> dict[str, Stage]:
    """``sourcecommit`` and ``sourcebuild`` for :func:`klepaas_deploy.stages.runner.run`."""

    def sourcecommit(request: PipelineRequest, facts: dict[str, Any]) -> None:
        url = f"{target.git_base.rstrip('/')}/{request.owner}/{request.repo}.git"
        sha = request.sha or remote_head(url, request.branch, token_of(github_token))
        tags = tags_for(request.environment, sha, request.version)
        facts["git_url"], facts["sha"], facts["tags"] = url, sha, tags
        facts["image"] = image_refs(f"{target.repository}/{request.app}", tags)[0]

    def sourcebuild(request: PipelineRequest, facts: dict[str, Any]) -> None:
        body = build_body(facts["git_url"], facts["sha"], f"{target.repository}/{request.app}", facts["tags"])
        build_id = facts.get("cloud_build_id") or client.submit(body)
        facts["cloud_build_id"] = build_id  # saved: a run taken over waits for this build
        status = client.wait(build_id, deadline_s=target.build_deadline_s)
        if status != "SUCCESS":
            raise StageFailed(f"Cloud Build {build_id} ended {status}")

    return {"sourcecommit": sourcecommit, "sourcebuild": sourcebuild}
