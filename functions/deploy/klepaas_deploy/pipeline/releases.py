"""Release an image (the deploy operation) and roll back to an earlier image from history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_shared.contracts import Commit
from klepaas_shared.errors import NotFound
from klepaas_shared.records.deployments import Deployments

from ..cluster import manifests
from ..cluster.kube import Kube
from ..operations.context import Ctx
from ..operations.outcome import Outcome
from .refs import AppRef


def apply(kube: Kube, ref: AppRef, image: str, commit_sha: str, replicas: int | None, ctx: Ctx) -> None:
    """Create or patch the Deployment, then make sure the Service and Ingress exist."""
    what = f"deploy {ref.app} to {ref.namespace}"
    try:
        kube.write(
            kube.apps.patch_namespaced_deployment,
            what,
            ref.app,
            ref.namespace,
            manifests.image_patch(ref, image, commit_sha, replicas),
        )
        ctx.step(f"patched deployment {ref.app} to {image}")
    except NotFound:
        body = manifests.deployment(ref, image, replicas if replicas is not None else 1, commit_sha, ctx.settings)
        kube.write(kube.apps.create_namespaced_deployment, what, ref.namespace, body, idempotent=False)
        ctx.step(f"created deployment {ref.app} with {image}")
    _ensure(
        kube,
        kube.core.read_namespaced_service,
        kube.core.create_namespaced_service,
        manifests.service(ref, ctx.settings),
        ref.namespace,
        ctx,
    )
    _ensure(
        kube,
        kube.networking.read_namespaced_ingress,
        kube.networking.create_namespaced_ingress,
        manifests.ingress(ref, ctx.settings),
        ref.namespace,
        ctx,
    )


def _ensure(kube: Kube, read: Any, create: Any, body: dict[str, Any], namespace: str, ctx: Ctx) -> None:
    name, kind = body["metadata"]["name"], body["kind"]
    try:
        kube.read(read, f"read {kind.lower()} {name}", name, namespace)
    except NotFound:
        kube.write(create, f"create {kind.lower()} {name}", namespace, body, idempotent=False)
        ctx.step(f"created {kind.lower()} {name}")


def plan(ref: AppRef, image: str, commit_sha: str, replicas: int | None, ctx: Ctx) -> list[dict[str, Any]]:
    return [
        {
            "verb": "create-or-patch",
            "resource": "deployments",
            "namespace": ref.namespace,
            "name": ref.app,
            "body": manifests.image_patch(ref, image, commit_sha, replicas),
        },
        {"verb": "create-if-absent", "resource": "services", "namespace": ref.namespace, "name": f"{ref.app}-svc"},
        {
            "verb": "create-if-absent",
            "resource": "ingresses",
            "namespace": ref.namespace,
            "name": ref.app,
            "host": manifests.host(ref, ctx.settings),
        },
    ]


def release(
    ctx: Ctx,
    ref: AppRef,
    deployment: Mapping[str, Any],
    image: str,
    replicas: int | None,
    *,
    event: str = "deployment_completed",
) -> Outcome:
    """The ``sourcedeploy`` stage: put ``image`` on the cluster (or say what would happen)."""
    commit = Commit.model_validate(deployment.get("commit") or {})
    data = {
        "status": "running",
        "message": f"releasing {image} to {ref.describe()}",
        "repository": ref.repository,
        "owner": ref.owner,
        "repo": ref.repo,
        "branch": deployment.get("branch", "main"),
        "commit": commit.model_dump(),
        "deployment_status": "running",
        "deployment_id": deployment["id"],
        "image": image,
        "namespace": ref.namespace,
        "environment": ref.environment,
    }
    steps = plan(ref, image, commit.sha, replicas, ctx)
    kube = ctx.kube(ref)
    if kube is None or ctx.dry_run:
        Deployments(ctx.store).end_stage(deployment["id"], "sourcedeploy", ok=True)
        Deployments(ctx.store).finish(deployment["id"], ok=True)
        return Outcome(
            ref,
            {
                **data,
                "status": "dry_run",
                "deployment_status": "success",
                "dry_run": True,
                "plan": steps,
                "message": f"would release {image} to {ref.describe()}",
            },
            f"would release {image} to {ref.describe()}",
            event,
            watch=False,
            deployment_id=deployment["id"],
            plan=steps,
            done=True,
        )
    Deployments(ctx.store).start_stage(deployment["id"], "sourcedeploy")
    apply(kube, ref, image, commit.sha, replicas, ctx)
    return Outcome(ref, data, data["message"], event, deployment_id=deployment["id"])


def skip_build(ctx: Ctx, deployment_id: int) -> None:
    """An image was given: there is nothing to mirror or build."""
    for stage in ("sourcecommit", "sourcebuild"):
        Deployments(ctx.store).start_stage(deployment_id, stage)
        Deployments(ctx.store).end_stage(deployment_id, stage, ok=True)
