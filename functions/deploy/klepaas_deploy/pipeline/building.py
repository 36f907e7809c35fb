"""The building pipelines, chosen per app and environment: on NCP, mirror → SourceBuild →
SourceDeploy (or a release onto NKS when no SourceDeploy project is set); on Google Cloud, Cloud
Build → a release onto GKE. Both tag images by the tag policy and run through the stage runner,
so each stage lands in the history and the events as it happens, and a request runs once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from klepaas_shared.contracts import DeployRequest, ErrorInfo
from klepaas_shared.records.deployments import Deployments

from ..operations.context import Ctx
from ..operations.outcome import Outcome
from ..operations.progress import watch_rollout
from . import releases
from .recording import STAGE_FAILED, HistoryRecorder
from .refs import AppRef
from .stages import runner
from .stages.ncp_stages import StageFailed
from .stages.tags import version_of

StageSet = Callable[[Ctx, DeployRequest, AppRef], dict[str, runner.Stage]]


def kube_release(ctx: Ctx, ref: AppRef, request: DeployRequest) -> runner.Stage:
    """``sourcedeploy`` through the cluster API: apply the built image, then follow its rollout."""

    def sourcedeploy(_: runner.PipelineRequest, facts: dict[str, Any]) -> None:
        kube = ctx.kube(ref)
        if kube is None:
            ctx.step(f"would release {facts['image']} to {ref.describe()}")
            return
        releases.apply(kube, ref, facts["image"], str(facts.get("sha") or request.commit.sha), request.replicas, ctx)
        rollout = watch_rollout(kube, ref, ctx.settings.rollout_watch_s)
        facts["replicas"] = rollout.replicas
        if not rollout.ok:
            raise StageFailed(rollout.message)

    return sourcedeploy


class BuildingPipeline:
    """Builds the commit of a request, then releases the image; see the module docstring."""

    def __init__(self, platform: str, stages: StageSet) -> None:
        self.platform, self._stages = platform, stages

    def run(self, ctx: Ctx, request: DeployRequest, ref: AppRef, deployment: Mapping[str, Any]) -> Outcome:
        deployment_id = int(deployment["id"])
        job = runner.PipelineRequest(
            request.request_id,
            str(deployment_id),
            request.owner,
            request.repo,
            request.branch,
            request.commit.sha,
            request.environment,
            version_of(request.image_tags),
            ref.app,
        )
        stages = {"sourcedeploy": kube_release(ctx, ref, request), **self._stages(ctx, request, ref)}
        recorder = HistoryRecorder(ctx.store, ref, request)
        result = runner.run(ctx.store, job, stages, recorder, lease_s=ctx.settings.pipeline_lease_s)
        return self._conclude(ctx, request, ref, deployment_id, result)

    def _conclude(
        self, ctx: Ctx, request: DeployRequest, ref: AppRef, deployment_id: int, result: runner.Outcome
    ) -> Outcome:
        image = str(result.facts.get("image") or "")
        if image:
            Deployments(ctx.store).set_image(deployment_id, image)
        commit = request.commit.model_dump()
        updates: dict[str, Any] = {}
        if not commit["sha"] and result.facts.get("sha"):
            # A request without a commit built its branch's head: the history names that commit.
            commit["sha"] = str(result.facts["sha"])
            updates["commit"] = commit
        if "pushed_tags" in result.facts:
            # SourceBuild pushes one tag a build; the history says which of the policy's tags exist.
            updates["image_tags"] = {
                "pushed": list(result.facts["pushed_tags"]),
                "not_pushed": list(result.facts.get("unpushed_tags") or []),
            }
        if updates:
            Deployments(ctx.store).update(deployment_id, updates)
        replicas = result.facts.get("replicas") or {}
        Deployments(ctx.store).finish(
            deployment_id, ok=result.ok, ready=replicas.get("ready"), desired=replicas.get("desired")
        )
        status = "success" if result.ok else "failed"
        target = f"{ref.describe()} on {self.platform}"
        message = (
            f"released {image} to {target}"
            if result.ok
            else f"{result.failed_stage} failed for {ref.repository}: {result.error}"
        )
        data = {
            "status": status,
            "deployment_status": status,
            "deployment_id": deployment_id,
            "repository": ref.repository,
            "owner": ref.owner,
            "repo": ref.repo,
            "branch": request.branch,
            "commit": commit,
            "image": image or None,
            "namespace": ref.namespace,
            "environment": ref.environment,
            "platform": self.platform,
            "cluster": platform_cluster(ctx, self.platform),
            "message": message,
        }
        error = None
        if not result.ok:
            error = ErrorInfo(code=STAGE_FAILED, message=result.error or "failed", stage=result.failed_stage)
            data["error"] = error.model_dump()
        return Outcome(
            ref, data, message, "deployment_completed", watch=False, deployment_id=deployment_id, done=True, error=error
        )


def platform_cluster(ctx: Ctx, platform: str) -> dict[str, str]:
    settings = ctx.settings
    if platform == "ncp":
        return {"provider": "ncp", "region": settings.ncp_region, "cluster_id": settings.ncp_nks_cluster_id}
    return {"provider": "gcp", "region": settings.cloudbuild_region, "project": settings.cloudbuild_project}
