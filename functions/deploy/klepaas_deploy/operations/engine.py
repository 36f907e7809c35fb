"""The operations API: typed commands in, an :class:`OperationResponse` out.

Reads answer at once. Mutations need ``deploy:execute``, are idempotent by ``operation_id``
(a repeated id answers the recorded operation), audited with the end user, recorded in
``operations``, and followed until their rollout completes, fails or passes its deadline.

A dry run of a mutation is a check (the nlp function asks one before every confirmation
question): the policy decides as for the real run, the mutator reads its target and says what it
would do, and nothing is recorded, audited as work, queued or changed. Its answer carries no
operation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import DEPLOY_EXECUTE, Principal
from klepaas_shared.contracts import ErrorInfo, Operation, OperationKind, OperationStatus
from klepaas_shared.errors import Conflict, KlepaasError
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.operations import MUTATIONS, OperationRequest, OperationResponse
from klepaas_shared.records.operations import Operations, model
from klepaas_shared.store import Store

from ..settings import DeploySettings
from ..views import reads
from . import access, deploying, held_deletes, mutations, rollbacks
from .context import Ctx
from .finishing import complete
from .outcome import Outcome

log = get_logger("deploy.engine")
Mutation = Callable[[Ctx, dict[str, Any]], Outcome]
MUTATORS: dict[str, Mutation] = {
    "deploy": deploying.deploy,
    "scale": mutations.scale,
    "restart": mutations.restart,
    "rollback": rollbacks.rollback,
    "resource_delete": held_deletes.run_delete,  # only ever run once approved (issue 20)
}


def run(store: Store, settings: DeploySettings, request: OperationRequest, principal: Principal) -> OperationResponse:
    ctx = Ctx.of(store, settings, principal, source=request.source, dry_run=request.dry_run)
    args = access.by_repository_name(ctx, principal, request.args)
    if args is not request.args:
        request = request.model_copy(update={"args": args})
    if request.type not in MUTATIONS:
        access.read(ctx, principal, request.args)
        data, message = reads.run(ctx, request.type, request.args)
        shown = access.readable_rows(ctx, principal, data)
        if shown is not data:  # the message counted the rows before the system namespaces left
            message = message.replace(f"{data['total']} ", f"{shown['total']} ", 1)
        return OperationResponse(type=request.type, data=shown, message=message)
    principal.require(DEPLOY_EXECUTE)
    access.mutation(ctx, principal, request.type, request.args)
    if request.policy_only:
        return OperationResponse(type=request.type, data={"dry_run": True, "allowed": True}, message="allowed")
    if request.dry_run:
        return check(ctx, request)
    operation = Operation(
        kind=OperationKind(request.type),
        args=request.args,
        requested_by=principal.sub,
        source=request.source,
        status=OperationStatus.RUNNING,  # recorded running at once: one write less per operation
    )
    if request.operation_id:
        operation.id = request.operation_id
    lease = Operations.lease(settings.lease_s)  # this request's: ended by maintenance if it dies
    if not Operations(store).create(operation, via=principal.via_service, dry_run=False, **lease):
        return _replay(store, operation, principal)
    ctx.operation = operation
    return execute(ctx, operation)


def check(ctx: Ctx, request: OperationRequest) -> OperationResponse:
    """What the mutation would do, once the policy allowed it: the mutator under ``ctx.dry_run``
    reads (a missing target answers 404) and changes nothing; no operation, no audit row."""
    outcome = MUTATORS[request.type](ctx, request.args)
    return OperationResponse(type=request.type, data=outcome.data, message=outcome.message)


def _replay(store: Store, operation: Operation, principal: Principal) -> OperationResponse:
    saved = Operations(store).record(operation.id) or {}
    if saved.get("kind") != operation.kind.value or saved.get("args") != operation.args:
        raise Conflict(f"operation_id {operation.id} was already used for a different operation")
    found = model(saved)
    result = found.result or {}
    if found.status in (OperationStatus.SUCCEEDED, OperationStatus.FAILED) and not audit.of_operation(store, found.id):
        # the first attempt crashed before its audit record: complete the trail now
        audit.record(
            store,
            actor=found.requested_by,
            action=f"deploy.{found.kind.value}",
            target=str(found.args.get("github_repo") or found.args.get("app_name") or ""),
            source=found.source,
            result=found.status.value,
            details={"operation_id": found.id, "args": found.args, "recorded_on": "retry"},
            via=principal.via_service or "",
        )
    return OperationResponse(
        type=found.kind.value,
        operation=found,
        data=result.get("data"),
        message=str(result.get("message", "")) or f"operation {found.id} was already {found.status.value}",
    )


def execute(ctx: Ctx, operation: Operation) -> OperationResponse:
    """Run a mutation already recorded as ``running`` (with a lease this request renews while it
    lives), follow it, record and announce the result.

    Progress steps are kept in memory and written with the result: nothing reads them in between
    (a caller polling the operation sees ``running`` until the result is written)."""
    operation.status = OperationStatus.RUNNING
    applied = False
    try:
        with Operations(ctx.store).heartbeat(operation.id, ctx.settings.lease_s):
            outcome = MUTATORS[operation.kind.value](ctx, operation.args)
            applied = True
            complete(ctx, operation, outcome)
    except Exception as exc:  # never leave an operation pending or running behind an error
        _fail(ctx, operation, exc, applied)
        raise
    _record(ctx, operation, operation.status.value, {"target": outcome.ref.describe()})
    return OperationResponse(type=operation.kind.value, operation=operation, data=outcome.data, message=outcome.message)


def _fail(ctx: Ctx, operation: Operation, exc: Exception, applied: bool) -> None:
    code, message = (exc.code, exc.message) if isinstance(exc, KlepaasError) else ("internal", "internal error")
    if applied:
        message = f"the change was made but its outcome could not be recorded: {message}"
    operation.status = OperationStatus.FAILED
    operation.error = ErrorInfo(code=code, message=message)
    try:
        Operations(ctx.store).save(operation)
        _record(ctx, operation, "failed", {"error": message})
    except Exception as again:  # the store is down: the caller already gets the first error
        log.error("could not record a failed operation", extra=log_fields(operation_id=operation.id, error=repr(again)))


def _record(ctx: Ctx, operation: Operation, result: str, details: dict[str, Any]) -> None:
    audit.record(
        ctx.store,
        actor=ctx.actor,
        action=f"deploy.{operation.kind.value}",
        target=str(
            details.pop("target", "") or operation.args.get("github_repo") or operation.args.get("app_name") or ""
        ),
        source=ctx.source,
        result=result,
        details={"operation_id": operation.id, "args": operation.args, **details}
        | ({"approved_by": ctx.approved_by} if ctx.approved_by else {}),
        via=ctx.via,
    )
