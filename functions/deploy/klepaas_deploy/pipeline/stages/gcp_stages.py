"""The Google Cloud stages: find the commit, build and push it with Cloud Build to Artifact
Registry under the tag policy's tags; the release onto GKE is the caller's ``sourcedeploy``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from klepaas_shared.errors import UpstreamError
from klepaas_shared.logs import get_logger, log_fields

from .cloudbuild import CloudBuild, build_body
from .github_token import TokenSource, token_of
from .mirror import remote_head
from .runner import PipelineRequest, Stage, StageFailed
from .secret_manager import SecretManager
from .tags import image_refs, tags_for

log = get_logger("deploy.gcp_stages")


@dataclass(frozen=True)
class GcpTarget:
    """Where one app builds on Google Cloud."""

    repository: str  # <region>-docker.pkg.dev/<project>/<repository>
    git_base: str = "https://github.com"
    build_deadline_s: float = 1200.0


def cloud_build_stages(
    client: CloudBuild,
    target: GcpTarget,
    github_token: str | TokenSource = "",
    secrets: SecretManager | None = None,
) -> dict[str, Stage]:
    """``sourcecommit`` and ``sourcebuild`` for :func:`klepaas_deploy.pipeline.stages.runner.run`. With a
    GitHub token (a private repository) the build fetches its source with it, handed over through
    ``secrets`` (see :mod:`.cloudbuild`); without ``secrets`` such a build cannot be submitted."""

    def sourcecommit(request: PipelineRequest, facts: dict[str, Any]) -> None:
        url = f"{target.git_base.rstrip('/')}/{request.owner}/{request.repo}.git"
        sha = request.sha or remote_head(url, request.branch, token_of(github_token))
        tags = tags_for(request.environment, sha, request.version)
        facts["git_url"], facts["sha"], facts["tags"] = url, sha, tags
        facts["image"] = image_refs(f"{target.repository}/{request.app}", tags)[0]

    def sourcebuild(request: PipelineRequest, facts: dict[str, Any]) -> None:
        build_id = facts.get("cloud_build_id")
        version = ""
        if not build_id:
            token = token_of(github_token)
            if token and secrets is None:
                raise StageFailed("a private repository needs a Secret Manager secret for its token")
            version = secrets.add_version(token) if token and secrets is not None else ""
            image_repository = f"{target.repository}/{request.app}"
            body = build_body(
                facts["git_url"],
                facts["sha"],
                image_repository,
                facts["tags"],
                token_version=version,
                key=key_of(request),
            )
            try:
                build_id = client.submit(body)
            except UpstreamError:
                if version and secrets is not None:
                    _destroy(secrets, version)
                raise
            facts["cloud_build_id"] = build_id  # saved: a run taken over waits for this build
        status = client.wait(build_id, deadline_s=target.build_deadline_s)
        # Destroyed once the build has ended (it fetched long before); should the wait fail, the
        # version is left to expire with its token.
        if version and secrets is not None:
            _destroy(secrets, version)
        if status != "SUCCESS":
            raise StageFailed(f"Cloud Build {build_id} ended {status}")

    return {"sourcecommit": sourcecommit, "sourcebuild": sourcebuild}


def key_of(request: PipelineRequest) -> str:
    """The Cloud Build tag that finds this request's build again (tags match ``[\\w][\\w.-]*``)."""
    return re.sub(r"[^\w.-]", "-", f"klepaas-{request.request_id}".lower())[:128]


def _destroy(secrets: SecretManager, version: str) -> None:
    """Best effort: a version left behind holds a token that expires within the hour anyway."""
    try:
        secrets.destroy(version)
    except UpstreamError as exc:
        log.warning("token version not destroyed", extra=log_fields(version=version, reason=exc.message))
