"""A confirmed delete in a protected environment waits for a person, through the same approval
mechanism as a deploy: a held ``resource_delete`` operation bound to the hash of its arguments
(which carry the preview's digest). Approved, it deletes only if the object is still the one the
digest names; the person who asked stays the actor."""

from __future__ import annotations

from typing import Any, Literal

from klepaas_shared.auth import Principal
from klepaas_shared.contracts import Operation, OperationKind
from klepaas_shared.errors import Conflict, Forbidden
from klepaas_shared.namespaces import is_system
from klepaas_shared.records.operations import Operations
from klepaas_shared.store import get_store

from ..cluster import resources
from ..pipeline.refs import AppRef
from ..settings import DeploySettings
from .context import Ctx
from .holds import hold
from .outcome import Outcome
from .resource_access import delete_digest, delete_now, kube_for


def hold_delete(
    principal: Principal, settings: DeploySettings, project: str, environment: str, answer: dict[str, Any]
) -> dict[str, Any]:
    """Record the delete as a held operation and ask for the approval; answers its ids."""
    # app_name lets the approval door find the project whose approvers decide (issue 22)
    args = {"project": project, "app_name": project, "environment": environment, **answer}
    source: Literal["mcp", "console"] = "mcp" if principal.via_service == "mcp" else "console"  # where it came from
    operation = Operation(kind=OperationKind.RESOURCE_DELETE, args=args, requested_by=principal.sub, source=source)
    store = get_store()
    Operations(store).create(operation, via=principal.via_service)
    ctx = Ctx.of(store, settings, principal, operation=operation)
    ref = AppRef(project, environment, str(answer["namespace"]))
    outcome = hold(ctx, ref, source)
    operation.result = {"data": outcome.data, "message": outcome.message, "deployment_id": None}
    Operations(store).save(operation)
    return {"operation_id": operation.id, "approval_id": outcome.data["approval_id"], "message": outcome.message}


def run_delete(ctx: Ctx, args: dict[str, Any]) -> Outcome:
    """The approved delete (the engine's mutator for ``resource_delete``)."""
    project, environment = str(args["project"]), str(args["environment"])
    kind, name = resources.kind_of(str(args["kind"])), str(args["name"])
    namespace = str(args["namespace"])  # derived by the policy when the delete was asked for
    if is_system(namespace, ctx.settings):
        raise Forbidden(f"{namespace} is a system namespace; nothing was deleted")
    kube = kube_for(ctx.settings, project, environment)
    live = resources.get_object(kube, kind, namespace, name)
    sha = delete_digest(ctx.settings, namespace, kind, live)
    if sha != args.get("digest"):
        raise Conflict(f"{kind} {name} changed after the delete was approved; nothing was deleted")
    who = Principal(sub=ctx.actor, scopes=frozenset(), via_service=ctx.via)
    delete_now(who, kube, kind, namespace, name, sha)
    ref = AppRef(project, environment, namespace)
    data = {"status": "success", "state": "deleted", "kind": kind, "name": name, "namespace": namespace}
    return Outcome(ref, data, f"deleted {kind} {name} from {namespace}", "resource_deleted", watch=False, done=True)
