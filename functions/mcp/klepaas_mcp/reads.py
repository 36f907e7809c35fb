"""The read tools: they change nothing and answer at once, as a short text plus typed data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from . import paging
from .answers import Listing, OperationAnswer, Report, table
from .render import describe, listing_result, operation_answer, report_result
from .runner import lookup, read, tool_errors

Kind = Literal["pods", "deployments", "services", "ingresses", "namespaces", "endpoints", "events"]
Namespace = Annotated[str | None, Field(description="Kubernetes namespace; the app's default when omitted")]
AppName = Annotated[str | None, Field(description="the app's name, e.g. 'web-app'")]
Owner = Annotated[str | None, Field(description="GitHub owner of the app's repository, e.g. 'K-Le-PaaS'")]
Repo = Annotated[str | None, Field(description="GitHub repository of the app, e.g. 'test01'")]
Env = Annotated[Literal["staging", "production", "development"] | None, Field(description="the app's environment")]
Selector = Annotated[str | None, Field(max_length=500)]
Reported = Annotated[CallToolResult, Report]
Listed = Annotated[CallToolResult, Listing]
SELECTABLE = frozenset({"pods", "deployments", "services", "events"})


def _pods_text(data: dict[str, Any], head: str) -> str:
    pods = data.get("pods") or []
    columns = ("name", "ready", "status", "restarts", "age")
    return f"{head}\n{table(pods, columns)}" if pods else head


async def get_status(
    resource_type: Literal["pod", "service", "deployment"] = "pod",
    name: Annotated[str | None, Field(description="the exact pod, service or deployment name")] = None,
    app_name: AppName = None,
    environment: Env = None,
    namespace: Namespace = None,
) -> Reported:
    """Show the status of a pod, service or deployment by its exact name (or the app's pods).

    Read-only. Answers phase, readiness, restarts and replicas as the cluster reports them."""
    key = {"pod": "pod_name", "service": "service_name", "deployment": "deployment_name"}[resource_type]
    args = {"resource_type": resource_type, key: name, "app_name": app_name, "environment": environment}
    response = await read("status", **args, namespace=namespace)
    data = response.get("data") or {}
    return report_result("status", response, _pods_text(data, str(response.get("message", ""))))


async def get_logs(
    pod_name: Annotated[str | None, Field(description="the exact pod name")] = None,
    app_name: AppName = None,
    container: Annotated[
        str | None, Field(max_length=253, description="the container; needed in multi-container pods")
    ] = None,
    tail: Annotated[int, Field(ge=1, le=500, description="how many of the last lines")] = 50,
    since_seconds: Annotated[int | None, Field(ge=1, le=604800, description="only lines newer than this")] = None,
    previous: Annotated[bool, Field(description="the previous (crashed) container's logs")] = False,
    namespace: Namespace = None,
) -> Reported:
    """Read the last lines of a pod's logs (name the exact pod, or the app to read its first pod).
    Read-only."""
    args = {"pod_name": pod_name, "app_name": app_name, "container": container, "lines": tail}
    response = await read("logs", **args, since_seconds=since_seconds, previous=previous, namespace=namespace)
    data = response.get("data") or {}
    text = f"{response.get('message', '')}\n" + "\n".join(data.get("log_lines") or [])
    return report_result("logs", response, text.rstrip())


async def list_resources(
    kind: Kind,
    namespace: Namespace = None,
    all_namespaces: Annotated[
        bool, Field(description="list every namespace (pods, deployments, services, events)")
    ] = False,
    label_selector: Annotated[Selector, Field(description="e.g. 'app=web,tier!=cache'")] = None,
    field_selector: Annotated[Selector, Field(description="e.g. 'status.phase=Running'")] = None,
    object_name: Annotated[str | None, Field(max_length=253, description="events: only those of this object")] = None,
    limit: Annotated[int, Field(ge=1, le=200, description="items per page")] = 50,
    cursor: Annotated[str | None, Field(max_length=2000, description="next_cursor of the previous page")] = None,
) -> Listed:
    """List Kubernetes resources of one kind: pods, deployments, services, ingresses, namespaces,
    endpoints or events, a page at a time (follow `next_cursor`). Read-only."""
    args: dict[str, Any] = {"object_name": object_name} if kind == "events" else {}
    if kind in SELECTABLE:
        args.update(label_selector=label_selector, field_selector=field_selector, all_namespaces=all_namespaces or None)
    if kind not in ("ingresses", "namespaces"):
        args["namespace"] = None if all_namespaces else namespace
    response = await read(f"list_{kind}" if kind != "events" else "events", **args)
    with tool_errors():
        listing = paging.page(kind, response.get("data") or {}, limit, cursor)
    return listing_result(listing)


async def get_resource(
    kind: Literal["deployment", "service", "pod"],
    name: Annotated[str, Field(min_length=1, max_length=253, description="the resource's exact name")],
    namespace: Namespace = None,
) -> Reported:
    """Describe one deployment, service or pod by its exact name. Read-only."""
    if kind == "pod":
        response = await read("status", resource_type="pod", pod_name=name, namespace=namespace)
        data = response.get("data") or {}
        return report_result("pod", response, _pods_text(data, str(response.get("message", ""))))
    response = await read(f"get_{kind}", **{f"{kind}_name": name}, namespace=namespace)
    return report_result(kind, response)


async def cluster_overview(namespace: Namespace = None) -> Reported:
    """Summarise the cluster: deployments, pods by phase, services, recent problems. Read-only."""
    return report_result("overview", await read("overview", namespace=namespace))


async def rollback_candidates(
    github_owner: Owner = None, github_repo: Repo = None, app_name: AppName = None
) -> Reported:
    """List the earlier versions (commits) an app can be rolled back to, newest first. Read-only;
    use the `rollback` tool to act on one."""
    args = {"github_owner": github_owner, "github_repo": github_repo, "app_name": app_name}
    return report_result("list_rollback", await read("list_rollback", **args))


async def deployment_history(
    github_owner: Owner = None,
    github_repo: Repo = None,
    limit: Annotated[int, Field(ge=1, le=100, description="how many deployments, newest first")] = 10,
) -> Reported:
    """List recent deployments with their stages and results, newest first. Read-only."""
    args = {"github_owner": github_owner, "github_repo": github_repo, "limit": limit}
    response = await read("deployment_history", **args)
    items = (response.get("data") or {}).get("items") or []
    columns = ("id", "status", "environment", "commit_sha", "created_at")
    rows = [{**i, "commit_sha": str((i.get("commit") or {}).get("sha", ""))[:7]} for i in items]
    text = f"{response.get('message', '')}\n{table(rows, columns)}" if rows else str(response.get("message", ""))
    return report_result("deployment_history", response, text)


async def operation_status(
    operation_id: Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")],
) -> Annotated[CallToolResult, OperationAnswer]:
    """Where a change stands: waiting_for_approval, running, succeeded, failed or cancelled
    (a rejected approval). Read-only."""
    operation = await lookup(operation_id)
    result = operation.get("result") or {}
    answer = operation_answer(operation, result.get("data"), str(result.get("message", "")))
    from .answers import result as tool_result

    return tool_result(describe(answer), answer)


TITLES: dict[Callable[..., Any], str] = {
    get_status: "Status of a pod, service or deployment",
    get_logs: "Pod logs",
    list_resources: "List Kubernetes resources",
    get_resource: "Describe a resource",
    cluster_overview: "Cluster overview",
    rollback_candidates: "Versions to roll back to",
    deployment_history: "Deployment history",
    operation_status: "Status of a change",
}


def register(server: MCPServer[Any]) -> None:
    for fn, title in TITLES.items():
        # They read our own cluster and store through deploy: a closed world.
        hints = ToolAnnotations(
            title=title, read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
        )
        server.add_tool(fn, title=title, annotations=hints)
