"""The deploy operation (from the API) and the deploy-requests consumer share one path."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any, get_args

from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, Commit, DeployRequest
from klepaas_shared.errors import BadRequest, NotFound
from klepaas_shared.events import get_publisher
from klepaas_shared.records.deployments import Deployments, stage_started
from klepaas_shared.records.operations import Operations
from klepaas_shared.text import particle

from ..cluster.workloads import image_of, read_deployment
from ..pipeline.platforms import pipeline_for
from ..pipeline.refs import AppRef, resolve
from ..pipeline.seam import Pipeline, ReleasePipeline, accept, ref_of
from . import access, holds
from .context import Ctx
from .finishing import complete
from .outcome import Outcome, dry_run, where

SOURCES = set(get_args(DeployRequest.model_fields["source"].annotation))  # an approved run keeps its own


@cache
def default_pipeline() -> Pipeline:
    return ReleasePipeline()


def deploy(ctx: Ctx, args: dict[str, Any]) -> Outcome:
    """Release ``image`` now; without an image, queue a DeployRequest for the building pipeline."""
    ref = resolve(args, ctx.settings, ctx.project)
    image, replicas = args.get("image"), args.get("replicas")
    if image is not None and (
        not isinstance(image, str) or not 1 <= len(image) <= 512 or any(c.isspace() for c in image)
    ):
        raise BadRequest("image must be an image reference such as registry/name:tag")
    if replicas is not None and (
        isinstance(replicas, bool)
        or not isinstance(replicas, int)
        or not 0 <= replicas <= ctx.settings.scale_max_replicas
    ):
        raise BadRequest(f"replicas must be an integer from 0 to {ctx.settings.scale_max_replicas}")
    if image is None and ref.named:
        image = running_image(ctx, ref)
    commit = args.get("commit") if isinstance(args.get("commit"), dict) else {}
    try:
        request = DeployRequest(
            request_id=ctx.operation.id if ctx.operation else uuid.uuid4().hex,
            owner=ref.owner,
            repo=ref.repo,
            environment=ref.environment,  # type: ignore[arg-type]
            branch=str(args.get("branch") or "main"),
            commit=Commit.model_validate(commit),
            image=image,
            replicas=replicas,
            source=ctx.source if ctx.source in SOURCES else "manual",  # type: ignore[arg-type]
            requested_by=ctx.actor,
            **{name: args[name] for name in holds.CARRIED if name in args},
        )
    except ValueError as exc:
        raise BadRequest(f"invalid deploy arguments: {exc}") from None
    if ctx.dry_run:
        if image is None:
            from ..pipeline.commits import missing_source

            # Asked before the person confirms: a repository that cannot be built is said now, not
            # after a confirmed deploy failed in the build with git's own words.
            missing = missing_source(ctx.settings, ref.owner, ref.repo, request.commit.sha or request.branch)
            if missing is not None:
                raise NotFound.in_both(*missing)
        return _would_deploy(ref, request)
    if image is None and not request.commit.message:
        from ..pipeline.commits import head_commit

        # The build then builds exactly the commit the history names; a held deploy shows it (and
        # reads it again once approved: the branch may have moved on by then).
        found = head_commit(ctx.settings, ref.owner, ref.repo, request.commit.sha or request.branch)
        if found is not None:
            request = request.model_copy(update={"commit": found})
    if holds.required(ctx, ref):
        return holds.hold(ctx, ref, ctx.source, request.commit)
    deployment, _ = accept(ctx, request, ref)
    if image is None:
        get_publisher().publish(TOPIC_DEPLOY_REQUESTS, request)
    return default_pipeline().run(ctx, request, ref, deployment)


def _would_deploy(ref: AppRef, request: DeployRequest) -> Outcome:
    """A dry run: what the deploy would release or build, and where. Nothing is accepted or queued
    (no DeployRequest: the building pipeline would run it for real)."""
    source = request.image or f"{ref.repository}@{request.commit.sha[:7] or request.branch}"
    message = f"would deploy {source} to {ref.describe()}"
    data = {
        **where(ref),
        "branch": request.branch,
        "image": request.image,
        "replicas": request.replicas,
        "message": message,
    }
    return dry_run(ref, data, message, "deployment_started")


def running_image(ctx: Ctx, ref: AppRef) -> str:
    """What an app deployed by name runs now: it has no repository to build, so a deploy without an
    image releases this one again (with the replicas asked for); an app not running yet needs one."""
    kube = ctx.kube(ref)
    found = ""
    if kube is not None:
        try:
            found = image_of(read_deployment(kube, ref))
        except NotFound:
            found = ""
    if not found:
        reason = (
            f"{ref.app} is not running in {ref.namespace} and has no repository to build: "
            f"name its image (e.g. 'deploy {ref.app} with image nginx:1.27') or deploy a repository (owner/repo)"
        )
        reason_ko = (
            f"{particle(ref.app, '은')} {ref.namespace} 네임스페이스에서 실행 중이 아니고 빌드할 저장소도 없습니다. "
            f"이미지를 지정하거나('{particle(ref.app, '을')} nginx:1.27 이미지로 배포해줘')"
            " 저장소(owner/repo)를 배포해 주세요."
        )
        raise BadRequest.in_both(reason, reason_ko)
    return found


def handle_request(ctx: Ctx, request: DeployRequest, pipeline: Pipeline | None = None) -> None:
    """The deploy-requests consumer: one deployment per ``request_id``, however often it arrives.

    A deployment already finished is left alone; an image release already started is not
    repeated. A building pipeline is entered again while its deployment runs: its runner answers
    a run in flight with :class:`InFlight` (the message comes back later), a finished run with its
    recorded outcome, and takes over a run whose instance died where it stopped.
    """
    ctx.project = access.project_of(ctx.store, ref_of(request, ctx))  # its namespaces, protected environments
    ref = ref_of(request, ctx)
    if holds.required(ctx, ref) and Deployments(ctx.store).find_by_request(request.request_id) is None:
        holds.hold_request(ctx, request, ref)
        return
    deployment, new = accept(ctx, request, ref)
    if not new and deployment.get("status") != "running":
        return
    chosen = pipeline or pipeline_for(ctx, request, ref, default_pipeline())
    if not new and isinstance(chosen, ReleasePipeline) and stage_started(deployment, "sourcedeploy"):
        return  # already released (or releasing): never a second deployment
    ctx.operation = Operations(ctx.store).find(request.request_id)
    complete(ctx, ctx.operation, chosen.run(ctx, request, ref, deployment))
