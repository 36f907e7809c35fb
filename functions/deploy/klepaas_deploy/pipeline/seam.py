"""The seam between a DeployRequest and the stages that turn it into a running image.

:func:`accept` records the deployment once per ``request_id``; a :class:`Pipeline` then runs its
stages and records each one in the history. The default pipeline releases a given image
(``sourcecommit`` and ``sourcebuild`` have nothing to do) and, without an image, leaves those
stages waiting (status None) for a building pipeline (NCP SourceCommit/SourceBuild, Cloud Build:
:mod:`.building`, chosen by :func:`klepaas_deploy.pipeline.platforms.pipeline_for`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Protocol

from klepaas_shared.clock import iso, now, now_iso, parse_iso
from klepaas_shared.contracts import DeployRequest
from klepaas_shared.idempotency import InFlight
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.records import DeploymentRecord
from klepaas_shared.records.deployments import Deployments

from ..operations.context import Ctx
from ..operations.outcome import Outcome
from ..operations.progress import publish
from .refs import AppRef, resolve
from .releases import release, skip_build

log = get_logger("deploy.pipeline")
CLAIMS = "deploy_requests"
# A claim whose holder died before recording the deployment is taken over after this long
# (Pub/Sub redelivers after at least 10 s); a holder that fails with an exception releases it.
CLAIM_LEASE = timedelta(seconds=60)


class Pipeline(Protocol):
    def run(self, ctx: Ctx, request: DeployRequest, ref: AppRef, deployment: Mapping[str, Any]) -> Outcome:
        """Run the stages of ``deployment``; return the outcome of the last stage started."""


class ReleasePipeline:
    """Releases ``request.image``; without one, records the build stages as waiting."""

    def run(self, ctx: Ctx, request: DeployRequest, ref: AppRef, deployment: Mapping[str, Any]) -> Outcome:
        if request.image:
            skip_build(ctx, deployment["id"])
            return release(ctx, ref, deployment, request.image, request.replicas)
        data = {
            "status": "running",
            "deployment_status": "waiting",
            "deployment_id": deployment["id"],
            "repository": ref.repository,
            "owner": ref.owner,
            "repo": ref.repo,
            "branch": request.branch,
            "commit": request.commit.model_dump(),
            "namespace": ref.namespace,
            "environment": ref.environment,
            "message": f"{ref.repository}@{request.commit.sha[:7] or request.branch} is waiting for its build",
        }
        return Outcome(
            ref, data, data["message"], "deployment_started", watch=False, deployment_id=deployment["id"], done=True
        )


def ref_of(request: DeployRequest, ctx: Ctx) -> AppRef:
    return resolve(
        {"github_owner": request.owner, "github_repo": request.repo, "environment": request.environment},
        ctx.settings,
        ctx.project,
    )


def accept(ctx: Ctx, request: DeployRequest, ref: AppRef) -> tuple[DeploymentRecord, bool]:
    """The deployment of ``request`` (created now, or the one already recorded) and whether it is new."""
    claim = {"received_at": now_iso(), "requested_by": request.requested_by, "lease_until": iso(now() + CLAIM_LEASE)}
    if not ctx.store.create(CLAIMS, request.request_id, claim):
        existing = Deployments(ctx.store).find_by_request(request.request_id)
        if existing is not None:
            return existing, False
        if not ctx.store.transaction(lambda txn: _take_over(txn, request.request_id, claim)):
            raise InFlight(f"deploy request {request.request_id} is being recorded")
    github = (
        {"installation_id": request.github_installation_id, "deployment_id": request.github_deployment_id}
        if request.github_installation_id or request.github_deployment_id
        else None
    )
    try:
        deployment = Deployments(ctx.store).create(
            owner=ref.owner,
            repo=ref.repo,
            environment=ref.environment,
            namespace=ref.namespace,
            commit=request.commit,
            image=request.image,
            request_id=request.request_id,
            requested_by=request.requested_by,
            replicas=request.replicas,
            branch=request.branch,
            source=request.source,
            approved_by=ctx.approved_by,
            github=github,
        )
    except Exception:
        _release(ctx, request.request_id)  # the redelivery records it; never a claim without a deployment
        raise
    publish(
        "deployment_started",
        deployment["id"],
        ref,
        commit=request.commit,
        image=request.image,
        requested_by=request.requested_by,
        github_installation_id=request.github_installation_id,
        github_deployment_id=request.github_deployment_id,
    )
    return deployment, True


def _take_over(txn: Any, request_id: str, claim: dict[str, Any]) -> bool:
    """Claim ``request_id`` again when the previous claim was released or its lease ran out."""
    current = txn.get(CLAIMS, request_id)
    if current is not None and parse_iso(current.get("lease_until") or "1970-01-01T00:00:00Z") > now():
        return False
    txn.set(CLAIMS, request_id, claim)
    return True


def _release(ctx: Ctx, request_id: str) -> None:
    try:
        ctx.store.delete(CLAIMS, request_id)
    except Exception as exc:  # the store is down too: the lease lets the redelivery take over
        log.warning("could not release a deploy claim", extra=log_fields(request_id=request_id, error=repr(exc)))
