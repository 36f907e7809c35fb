"""The deploy-requests consumer: decode a DeployRequest and hand it to the pipeline."""

from __future__ import annotations

from klepaas_shared import audit
from klepaas_shared.auth import Principal
from klepaas_shared.contracts import DeployRequest
from klepaas_shared.events import PubsubMessage, parse
from klepaas_shared.store import get_store

from .operations import resuming, watching
from .operations.context import Ctx
from .operations.deploying import handle_request
from .pipeline.seam import Pipeline
from .settings import deploy_settings


def consume(message: PubsubMessage, pipeline: Pipeline | None = None) -> None:
    """Run one DeployRequest (at-least-once delivery; idempotent by ``request_id``), or continue
    the watch of a rollout (attribute ``kind=rollout_watch``)."""
    if message.attributes.get("kind") == watching.KIND:
        resuming.resume(message)
        return
    request = parse(message, DeployRequest)
    actor = Principal(sub=request.requested_by, scopes=frozenset(), via_service="pubsub")
    ctx = Ctx.of(get_store(), deploy_settings(), actor, source="pubsub", inline_s=deploy_settings().rollout_slice_s)
    handle_request(ctx, request, pipeline)
    audit.record(
        ctx.store,
        actor=request.requested_by,
        action="deploy.deploy_request",
        target=f"{request.owner}/{request.repo}",
        source=request.source,
        result="accepted",
        via="pubsub",
        details={"request_id": request.request_id, "environment": request.environment, "image": request.image or ""},
    )
