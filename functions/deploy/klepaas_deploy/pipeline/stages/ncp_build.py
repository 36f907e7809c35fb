"""The ``sourcebuild`` stage on NCP: point the SourceBuild project at this app's source and this
build's tag, then build.

SourceBuild's start-build call takes no body: a build builds the repository and branch in its
project's ``source.config`` and pushes the image and tag in its ``cmd.dockerbuild``. Before each
build the stage sets, with ``PATCH /api/v1/project/{id}``, ``source`` to the app's own SourceCommit
repository (the mirror the ``sourcecommit`` stage pushed, named after the app) at the request's
branch, and ``image`` (the app) and ``tag`` (the tag policy's primary tag: staging ``<sha7>``,
production ``vX.Y.Z``), keeping the project's ``registry`` and its other settings, and reads them
back. It holds the project's :class:`~.build_lock.BuildLock` from before that change until the
build has ended, so no other build of the project can change its source or tag under it.

Why one shared project with its source set per build, not a project per app: a project is created
with its compute, runtime image and registry credentials, which only an operator can choose, and
one project id is all the settings hold; a project per app would have to be created (and cleaned
up) by the pipeline with settings copied from a template. Setting ``source`` per build costs only
the serialization the lock already imposes for the tag.

One build pushes one tag (plus ``latest`` when ``cmd.dockerbuild.latest`` is set, which is
switched off: the policy has no bare ``latest`` and a build must not move one), and NCP Container
Registry's API has no call that adds a tag. After a successful build the policy's other tags
(staging ``latest-staging``; production ``vX.Y``, ``vX``, ``latest-prod``) are added through the
registry's Docker Registry V2 API (:mod:`.registry`). The stage's facts (saved in the pipeline run,
and in the deployment history as ``image_tags``) say which tags exist: ``pushed_tags`` and
``unpushed_tags``, with ``tag_errors`` (tag → reason) for those the registry refused.

A tag that cannot be added does not fail the stage: the primary tag is the image that is deployed
and it was pushed; the others are aliases for people and tools, logged and recorded as not pushed.
Without a registry client (``registry=None``) no extra tag is attempted.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

from klepaas_shared.errors import UpstreamError
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import Store

from .build_lock import BuildLock
from .ncp import NcpClient
from .registry import RegistryClient, repository_of
from .runner import PipelineRequest, Stage, StageFailed
from .tags import tags_for

log = get_logger("deploy.ncp_build")


class BuildTarget(Protocol):
    @property
    def registry(self) -> str: ...
    @property
    def build_project_id(self) -> str: ...
    @property
    def build_deadline_s(self) -> float: ...
    @property
    def build_lock_lease_s(self) -> float: ...


def point_project_at(client: NcpClient, project_id: str, image: str, tag: str, branch: str) -> None:
    """Set the project's source to the app's SourceCommit repository (named ``image``, as the
    ``sourcecommit`` stage names it) at ``branch``, and its ``cmd.dockerbuild`` image and tag
    (``latest`` off); check they took."""
    wanted = {"image": image, "tag": tag, "latest": False}
    config_wanted = {"repository": image, "branch": branch}
    source = {"type": "SourceCommit", "config": config_wanted}
    try:
        project = client.build_project(project_id)
        cmd = dict(project.get("cmd") or {})
        docker = dict(cmd.get("dockerbuild") or {})
        if not docker.get("use") or not docker.get("registry"):
            raise StageFailed(f"SourceBuild project {project_id} does not push a Docker image to a registry")
        changes = {"source": source, "cmd": {**cmd, "dockerbuild": {**docker, **wanted}}}
        client.update_build_project(project_id, changes)
        now = client.build_project(project_id)
    except StageFailed:
        raise
    except UpstreamError as exc:
        reason = f"could not set SourceBuild project {project_id} to build {image}:{tag}: {exc.message}"
        raise StageFailed(reason) from None
    built = (now.get("cmd") or {}).get("dockerbuild") or {}
    if any(built.get(key) != value for key, value in wanted.items()):
        raise StageFailed(f"SourceBuild project {project_id} did not keep the image {image}:{tag}")
    kept = now.get("source") or {}
    config = kept.get("config") or {}
    if kept.get("type") != "SourceCommit" or any(config.get(k) != v for k, v in config_wanted.items()):
        raise StageFailed(f"SourceBuild project {project_id} did not keep the source {image}@{branch}")


def add_policy_tags(registry: RegistryClient | None, repository: str, tags: list[str], facts: dict[str, Any]) -> None:
    """Record ``tags[0]`` as pushed and add the others through ``registry``, recording each outcome."""
    failed: dict[str, str] = {}
    if registry is not None and len(tags) > 1:
        failed = registry.add_tags(repository, tags[0], tags[1:])
        for tag, reason in failed.items():
            log.warning("image tag not added", extra=log_fields(repository=repository, tag=tag, reason=reason))
        if failed:
            facts["tag_errors"] = failed
    attempted = tags if registry is not None else tags[:1]
    facts["pushed_tags"] = [tag for tag in attempted if tag not in failed]
    facts["unpushed_tags"] = [tag for tag in tags if tag not in facts["pushed_tags"]]


def sourcebuild_stage(
    client: NcpClient, store: Store, target: BuildTarget, registry: RegistryClient | None = None
) -> Stage:
    """The stage; see the module docstring. Its whole run, waiting for the lock included, stays
    within ``target.build_deadline_s``; adding the other tags, within the registry's deadline."""
    project_id = target.build_project_id

    def sourcebuild(request: PipelineRequest, facts: dict[str, Any]) -> None:
        tags = tags_for(request.environment, str(facts.get("sha") or request.sha), request.version)
        ends = time.monotonic() + target.build_deadline_s
        lock = BuildLock(store, project_id, request.request_id, lease_s=target.build_lock_lease_s)
        lock.acquire(
            deadline_s=target.build_deadline_s, base_s=client.poll_base_s, max_s=client.poll_max_s, sleep=client.sleep
        )
        try:
            build_id = facts.get("build_id")
            if not build_id:
                point_project_at(client, project_id, request.app, tags[0], request.branch)
                build_id = client.start_build(project_id)
                facts["build_id"] = build_id  # saved: a run taken over waits for this build, never a second one
            left = max(0.0, ends - time.monotonic())
            result = client.wait_build(project_id, build_id, deadline_s=left, heartbeat=lock.renew)
        finally:
            lock.release()
        if not result.ok:
            raise StageFailed(f"SourceBuild {build_id} ended {result.status} {result.detail}".strip())
        add_policy_tags(registry, repository_of(target.registry, request.app), tags, facts)

    return sourcebuild
