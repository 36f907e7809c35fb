"""The read tools: they change nothing and answer at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from .runner import read

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

Kind = Literal["pods", "deployments", "services", "ingresses", "namespaces", "endpoints"]
Namespace = Annotated[str | None, Field(description="Kubernetes namespace; the app's default when omitted")]
AppName = Annotated[str | None, Field(description="the app's name, e.g. 'web-app'")]
Owner = Annotated[str | None, Field(description="GitHub owner of the app's repository, e.g. 'K-Le-PaaS'")]
Repo = Annotated[str | None, Field(description="GitHub repository of the app, e.g. 'test01'")]
Env = Annotated[Literal["staging", "production", "development"] | None, Field(description="the app's environment")]


async def get_status(
    resource_type: Literal["pod", "service", "deployment"] = "pod",
    name: Annotated[str | None, Field(description="the pod, service or deployment name")] = None,
    app_name: AppName = None,
    environment: Env = None,
    namespace: Namespace = None,
) -> dict[str, Any]:
    """Show the status of a pod, service or deployment (by its name, or by the app's name).

    Read-only. Answers phase, readiness, restarts and replicas as the cluster reports them."""
    key = {"pod": "pod_name", "service": "service_name", "deployment": "deployment_name"}[resource_type]
    args = {"resource_type": resource_type, key: name, "app_name": app_name, "environment": environment}
    return await read("status", **args, namespace=namespace)


async def get_logs(
    pod_name: Annotated[str | None, Field(description="the pod whose logs to read")] = None,
    app_name: AppName = None,
    lines: Annotated[int, Field(ge=1, le=100, description="how many of the last lines (1-100)")] = 30,
    previous: Annotated[bool, Field(description="the previous (crashed) container's logs")] = False,
    namespace: Namespace = None,
) -> dict[str, Any]:
    """Read the last lines of a pod's logs (name the pod, or the app to read its newest pod). Read-only."""
    return await read("logs", pod_name=pod_name, app_name=app_name, lines=lines, previous=previous, namespace=namespace)


async def list_resources(kind: Kind, namespace: Namespace = None) -> dict[str, Any]:
    """List Kubernetes resources of one kind: pods, deployments, services, ingresses, namespaces
    or endpoints. Read-only."""
    scoped = kind not in ("ingresses", "namespaces")
    return await read(f"list_{kind}", namespace=namespace if scoped else None)


async def get_resource(
    kind: Literal["deployment", "service", "pod"],
    name: Annotated[str, Field(min_length=1, max_length=253, description="the resource's name")],
    namespace: Namespace = None,
) -> dict[str, Any]:
    """Describe one deployment, service or pod by name. Read-only."""
    if kind == "pod":
        return await read("status", resource_type="pod", pod_name=name, namespace=namespace)
    return await read(f"get_{kind}", **{f"{kind}_name": name}, namespace=namespace)


async def cluster_overview(namespace: Namespace = None) -> dict[str, Any]:
    """Summarise the cluster: deployments, pods by phase, services, recent problems. Read-only."""
    return await read("overview", namespace=namespace)


async def rollback_candidates(
    github_owner: Owner = None, github_repo: Repo = None, app_name: AppName = None
) -> dict[str, Any]:
    """List the earlier versions (commits) an app can be rolled back to, newest first. Read-only;
    use the `rollback` tool to act on one."""
    return await read("list_rollback", github_owner=github_owner, github_repo=github_repo, app_name=app_name)


async def deployment_history(
    github_owner: Owner = None,
    github_repo: Repo = None,
    limit: Annotated[int, Field(ge=1, le=100, description="how many deployments, newest first")] = 10,
) -> dict[str, Any]:
    """List recent deployments with their stages and results, newest first. Read-only."""
    return await read("deployment_history", github_owner=github_owner, github_repo=github_repo, limit=limit)


READ_TOOLS = (
    get_status,
    get_logs,
    list_resources,
    get_resource,
    cluster_overview,
    rollback_candidates,
    deployment_history,
)


def register(server: MCPServer[Any]) -> None:
    from mcp.types import ToolAnnotations

    hints = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
    for fn in READ_TOOLS:
        server.add_tool(fn, annotations=hints)
