"""The three NCP stages: mirror into SourceCommit (adding manifests), SourceBuild, SourceDeploy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from klepaas_shared.store import Store, get_store

from . import manifests
from .github_token import TokenSource, token_of
from .mirror import head_of, mirror
from .ncp import NcpClient
from .ncp_build import sourcebuild_stage
from .registry import RegistryClient
from .runner import PipelineRequest, Stage, StageFailed
from .tags import image_refs, tags_for

__all__ = ["NcpTarget", "StageFailed", "image_for", "ncp_stages"]


@dataclass(frozen=True)
class NcpTarget:
    """Where one app builds and deploys on NCP."""

    build_project_id: str
    deploy_project_id: str
    deploy_stage_id: str
    deploy_scenario_id: str
    registry: str
    namespace: str = "default"
    domain: str = "klepaas.app"
    git_username: str = ""
    git_password: str = ""
    build_deadline_s: float = 1200.0
    build_lock_lease_s: float = 120.0
    deploy_deadline_s: float = 600.0


def ncp_stages(
    client: NcpClient,
    target: NcpTarget,
    github_token: str | TokenSource,
    github_base: str,
    *,
    store: Store | None = None,
    registry: RegistryClient | None = None,
) -> dict[str, Stage]:
    """Stage name → callable, for :func:`klepaas_deploy.pipeline.stages.runner.run`. Without a SourceDeploy
    project there is no ``sourcedeploy`` stage: the caller releases the image onto NKS itself.
    ``sourcebuild`` (:mod:`.ncp_build`) serializes builds per project through ``store`` and adds the
    tag policy's other tags through ``registry`` (none without one)."""

    def sourcecommit(request: PipelineRequest, facts: dict[str, Any]) -> None:
        if request.sha:
            facts["image"] = image_for(target.registry, request, request.sha)
        repository = client.ensure_repository(request.app, f"mirror of {request.owner}/{request.repo}")
        https = str((repository.get("git") or {}).get("https") or "")
        if not https:
            raise StageFailed(f"SourceCommit gave no git address for {request.app}")

        def prepare(checkout: Path) -> list[str]:
            if "image" not in facts:
                facts["sha"] = head_of(checkout)
                facts["image"] = image_for(target.registry, request, facts["sha"])
            host = f"{request.repo.lower()}.{target.domain}"
            return manifests.add_if_missing(
                checkout, request.app, facts["image"], namespace=target.namespace, host=host
            )

        facts["mirrored"] = mirror(
            f"{github_base.rstrip('/')}/{request.owner}/{request.repo}.git",
            https,
            branch=request.branch,
            sha=request.sha,
            source_token=token_of(github_token),
            target_username=target.git_username,
            target_password=target.git_password,
            prepare=prepare,
        )

    def sourcedeploy(request: PipelineRequest, facts: dict[str, Any]) -> None:
        history_id = facts.get("deploy_history_id") or client.start_deploy(
            target.deploy_project_id, target.deploy_stage_id, target.deploy_scenario_id
        )
        facts["deploy_history_id"] = history_id
        result = client.wait_deploy(target.deploy_project_id, history_id, deadline_s=target.deploy_deadline_s)
        if not result.ok:
            raise StageFailed(f"SourceDeploy {history_id} ended {result.status} ({result.detail or 'not a success'})")

    sourcebuild = sourcebuild_stage(client, store if store is not None else get_store(), target, registry)
    stages: dict[str, Stage] = {"sourcecommit": sourcecommit, "sourcebuild": sourcebuild}
    if target.deploy_project_id:
        stages["sourcedeploy"] = sourcedeploy
    return stages


def image_for(registry: str, request: PipelineRequest, sha: str) -> str:
    """The primary image reference of ``request`` built from ``sha`` (the tag policy's first tag)."""
    return image_refs(f"{registry}/{request.app}", tags_for(request.environment, sha, request.version))[0]
