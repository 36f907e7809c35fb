"""The resource tools: an app's Kubernetes objects inside its project, through deploy's REST door
(``/api/v1/projects/{project}/resources``) with a delegated token. deploy decides who may do what.

apply and delete are two calls: the first (no ``confirm``) changes nothing and answers the diff or
the object that would go, with a digest; the second, with ``confirm`` set to that digest, acts.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from mcp.server.mcpserver import Context, ElicitationResult, MCPServer, Resolve
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, Field

from . import consent
from .answers import result, table
from .consent import Consent
from .runner import caller, guarded, tool_errors
from .safety import check_rate
from .settings import settings

if TYPE_CHECKING:
    from .resource_client import HttpResources

Kind = Literal[
    "Deployment", "Service", "Ingress", "ConfigMap", "Secret", "HorizontalPodAutoscaler", "PersistentVolumeClaim"
]
Project = Annotated[
    str,
    Field(
        min_length=1,
        max_length=63,
        pattern=r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
        description="the project (app) whose namespace holds the resources",
    ),
]
Env = Annotated[Literal["staging", "production", "development"], Field(description="the app's environment")]
Name = Annotated[str, Field(min_length=1, max_length=253, description="the object's metadata.name")]
Confirm = Annotated[
    str | None,
    Field(max_length=80, description="the digest the previous call (without confirm) answered; omit it to preview"),
]


class ResourceList(BaseModel):
    """One page of a project's objects of one kind (a Secret shows its key names, never values)."""

    kind: str
    namespace: str
    items: list[dict[str, Any]]
    next_cursor: str | None = Field(None, description="pass as `cursor` for the next page; none on the last")


class ResourceObject(BaseModel):
    """One object as the cluster holds it, without managedFields; a Secret without its values."""

    object: dict[str, Any]


class Change(BaseModel):
    path: str
    op: Literal["add", "change", "remove"]
    before: Any = None
    after: Any = None


class ApplyAnswer(BaseModel):
    """A preview (a server-side dry run: the diff and its digest) or the applied object."""

    state: Literal["preview", "applied"]
    kind: str
    name: str
    namespace: str
    digest: str = Field(description="pass as `confirm` to apply exactly this change")
    creates: bool | None = Field(None, description="on a preview: the object does not exist yet")
    diff: list[Change] | None = Field(None, description="on a preview: each field that would change")
    object: dict[str, Any] | None = Field(None, description="once applied: the object as stored")


class DeleteAnswer(BaseModel):
    """A preview (what would be removed, and its digest), the deletion done, or, in a protected
    environment, the deletion held until a person approves it."""

    state: Literal["preview", "deleted", "held"]
    kind: str
    name: str
    namespace: str
    digest: str = Field(description="pass as `confirm` to delete exactly this object")
    would_remove: dict[str, Any] | None = None
    operation_id: str | None = Field(None, description="when held: follow it with the operation_status tool")
    approval_url: str | None = Field(
        None, description="when held: the approval endpoint (an approver, not the requester, POSTs approve, args_hash)"
    )


@cache
def _client_for(base_url: str, timeout_s: float) -> HttpResources:
    from .resource_client import HttpResources  # with the first call, not with tools/list

    return HttpResources(base_url, service="mcp", timeout_s=timeout_s)


def _client() -> HttpResources:
    """One client (one connection pool) per configured deploy URL, per instance."""
    config = settings()
    return _client_for(config.api_base_url, config.mcp_call_timeout_s)


async def _call(method: str, path: str, query: dict[str, Any], body: Any = None) -> dict[str, Any]:
    principal = caller()
    check_rate(principal)
    wanted = urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
    client = _client()
    return await guarded("deploy", lambda: client.call(method, f"{path}?{wanted}", principal, body))


def _base(project: str) -> str:
    return f"/api/v1/projects/{project}/resources"


async def resources_list(
    project: Project,
    kind: Kind,
    environment: Env = "staging",
    selector: Annotated[str | None, Field(max_length=500, description="a label selector, e.g. 'app=web'")] = None,
    limit: Annotated[int, Field(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Field(max_length=2000, description="next_cursor of the previous page")] = None,
) -> Annotated[CallToolResult, ResourceList]:
    """List a project's Deployments, Services, Ingresses, ConfigMaps, Secrets (key names only),
    HorizontalPodAutoscalers or PersistentVolumeClaims in one environment. Read-only."""
    with tool_errors():
        query = {"environment": environment, "selector": selector, "limit": limit, "continue": cursor}
        found = await _call("GET", f"{_base(project)}/{kind}", query)
    items = found.get("items") or []
    answer = ResourceList(kind=kind, namespace=found["namespace"], items=items, next_cursor=found.get("continue"))
    rows = [
        {"name": (i.get("metadata") or {}).get("name"), "created": (i.get("metadata") or {}).get("creationTimestamp")}
        for i in items
    ]
    text = f"{len(items)} {kind} in {answer.namespace}" + (f"\n{table(rows, ('name', 'created'))}" if rows else "")
    return result(text, answer)


async def resources_get(
    project: Project, kind: Kind, name: Name, environment: Env = "staging"
) -> Annotated[CallToolResult, ResourceObject]:
    """One object of a project by kind and name (a Secret answers its key names, never values). Read-only."""
    with tool_errors():
        found = await _call("GET", f"{_base(project)}/{kind}/{name}", {"environment": environment})
    return result(f"{kind} {name}", ResourceObject(object=found))


# Only the confirmed call changes anything, so only it asks the person (see :mod:`consent`).
def _ask_apply(ctx: Context[Any, Any], project: str, environment: str = "staging", confirm: str | None = None) -> Any:
    return consent.ask(ctx, f"apply a manifest to project {project} in {environment}") if confirm else None


def _ask_delete(
    ctx: Context[Any, Any], project: str, kind: str, name: str, environment: str = "staging", confirm: str | None = None
) -> Any:
    return consent.ask(ctx, f"delete {kind} {name} of project {project} in {environment}") if confirm else None


async def resources_apply(
    project: Project,
    manifest: Annotated[
        dict[str, Any] | str, Field(description="one Kubernetes object, as an object or as JSON/YAML text")
    ],
    consented: Annotated[ElicitationResult[Consent], Resolve(_ask_apply)],
    environment: Env = "staging",
    confirm: Confirm = None,
) -> Annotated[CallToolResult, ApplyAnswer]:
    """Create or update one object in the project's namespace by server-side apply.

    Without `confirm` nothing changes: a dry run answers the diff and a digest. Show the diff to the
    person; call again with `confirm` set to the digest to apply exactly that (a 409 if anything
    changed meanwhile, or if another field manager owns a changed field). Needs deploy:execute.
    Only the app kinds; no host access, privileged containers or images from unlisted registries."""
    consent.require(consented)
    with tool_errors():
        body = {"manifest": manifest, **({"confirm": confirm} if confirm else {})}
        found = await _call("POST", f"{_base(project)}/apply", {"environment": environment}, body)
    answer = ApplyAnswer.model_validate(found)
    if answer.state == "preview":
        lines = [f"{c.op} {c.path}" for c in answer.diff or []] or ["no change"]
        text = f"preview of {answer.kind} {answer.name} (digest {answer.digest}):\n" + "\n".join(lines)
    else:
        text = f"applied {answer.kind} {answer.name} in {answer.namespace}"
    return result(text, answer)


async def resources_delete(
    project: Project,
    kind: Kind,
    name: Name,
    consented: Annotated[ElicitationResult[Consent], Resolve(_ask_delete)],
    environment: Env = "staging",
    confirm: Confirm = None,
) -> Annotated[CallToolResult, DeleteAnswer]:
    """Delete one object from the project's namespace.

    Without `confirm` nothing changes: the answer is the object that would be removed and a digest;
    call again with `confirm` set to the digest to delete it. Needs deploy:execute. In a protected
    environment the confirmed delete waits for a person's approval: follow it with `operation_status`."""
    consent.require(consented)
    with tool_errors():
        query = {"environment": environment, "confirm": confirm}
        found = await _call("DELETE", f"{_base(project)}/{kind}/{name}", query)
    answer = DeleteAnswer.model_validate(found)
    if answer.state == "held":
        # deploy recorded a held operation: the model is told it waits, and where a person decides.
        from .render import approval_url, waiting

        answer.approval_url = approval_url(str(answer.operation_id))
        text = waiting(f"delete {kind} {name} in {answer.namespace}", str(answer.operation_id), answer.approval_url)
        return result(text, answer)
    verb = "would delete" if answer.state == "preview" else "deleted"
    return result(f"{verb} {kind} {name} in {answer.namespace} (digest {answer.digest})", answer)


# (title, read-only, destructive, idempotent). Applying the same manifest twice, or deleting the same
# object twice, changes nothing more: idempotent. apply may overwrite fields: destructive.
TOOLS: dict[Callable[..., Any], tuple[str, bool, bool, bool]] = {
    resources_list: ("List a project's Kubernetes resources", True, False, True),
    resources_get: ("Show one Kubernetes resource", True, False, True),
    resources_apply: ("Apply a Kubernetes manifest (preview, then confirm)", False, True, True),
    resources_delete: ("Delete a Kubernetes resource (preview, then confirm)", False, True, True),
}


def register(server: MCPServer[Any], *, read_only: bool) -> None:
    for fn, (title, reads_only, destructive, idempotent) in TOOLS.items():
        if read_only and not reads_only:
            continue
        hints = ToolAnnotations(
            title=title,
            read_only_hint=reads_only,
            destructive_hint=destructive,
            idempotent_hint=idempotent,
            open_world_hint=False,
        )
        server.add_tool(fn, title=title, annotations=hints)
