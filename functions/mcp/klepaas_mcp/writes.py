"""The mutating tools. Each needs a token with ``deploy:execute`` and ``confirm`` restating the
operation exactly (the server is stateless JSON: it cannot ask the client through elicitation)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from .runner import mutate

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

App = Annotated[str, Field(min_length=1, max_length=63, description="the app's name, e.g. 'web-app'")]
Env = Annotated[Literal["staging", "production", "development"], Field(description="the app's environment")]
Confirm = Annotated[
    str | None,
    Field(description="the exact confirmation sentence this tool's description gives"),
]
OperationId = Annotated[
    str | None, Field(max_length=100, description="an idempotency key: a retry with the same key runs once")
]


async def deploy_app(
    app_name: App,
    environment: Env = "staging",
    branch: Annotated[str, Field(min_length=1, max_length=255)] = "main",
    replicas: Annotated[int | None, Field(ge=0, le=50)] = None,
    confirm: Confirm = None,
    operation_id: OperationId = None,
) -> dict[str, Any]:
    """Build and release the app's branch to an environment.

    Mutates the cluster. Set `confirm` to exactly
    "deploy <app_name> to <environment>" (e.g. "deploy web-app to staging"); otherwise nothing runs.
    Needs the deploy:execute scope. Answers the operation (id, status) to follow."""
    statement = f"deploy {app_name} to {environment}"
    args = {"app_name": app_name, "environment": environment, "branch": branch, "replicas": replicas}
    return await mutate("deploy", statement, confirm, operation_id, **args)


async def scale(
    app_name: App,
    replicas: Annotated[int, Field(ge=0, le=50, description="the wanted number of replicas")],
    environment: Env = "staging",
    confirm: Confirm = None,
    operation_id: OperationId = None,
) -> dict[str, Any]:
    """Set the number of replicas of an app.

    Mutates the cluster. Set `confirm` to exactly
    "scale <app_name> to <replicas>" (e.g. "scale web-app to 3"); otherwise nothing runs.
    Needs the deploy:execute scope."""
    args = {"app_name": app_name, "environment": environment, "replicas": replicas}
    return await mutate("scale", f"scale {app_name} to {replicas}", confirm, operation_id, **args)


async def restart(
    app_name: App,
    environment: Env = "staging",
    confirm: Confirm = None,
    operation_id: OperationId = None,
) -> dict[str, Any]:
    """Restart every pod of an app, one by one (a rolling restart).

    Mutates the cluster. Set `confirm` to exactly
    "restart <app_name>" (e.g. "restart web-app"); otherwise nothing runs. Needs deploy:execute."""
    args = {"app_name": app_name, "environment": environment}
    return await mutate("restart", f"restart {app_name}", confirm, operation_id, **args)


async def rollback(
    app_name: App,
    environment: Env = "staging",
    target_commit_sha: Annotated[str | None, Field(pattern=r"^[0-9a-f]{7,40}$")] = None,
    steps_back: Annotated[int | None, Field(ge=1, le=10)] = None,
    confirm: Confirm = None,
    operation_id: OperationId = None,
) -> dict[str, Any]:
    """Roll an app back to an earlier commit (see `rollback_candidates`) or N deployments back.

    Mutates the cluster. Set `confirm` to exactly
    "rollback <app_name> to <target_commit_sha>" or "rollback <app_name> by <steps_back>"
    (e.g. "rollback web-app by 1"; the default is one step); otherwise nothing runs."""
    steps = None if target_commit_sha else (steps_back or 1)
    statement = (
        f"rollback {app_name} to {target_commit_sha}" if target_commit_sha else f"rollback {app_name} by {steps}"
    )
    args = {
        "app_name": app_name,
        "environment": environment,
        "target_commit_sha": target_commit_sha,
        "steps_back": steps,
    }
    return await mutate("rollback", statement, confirm, operation_id, **args)


WRITE_TOOLS = (deploy_app, scale, restart, rollback)


def register(server: MCPServer[Any]) -> None:
    from mcp.types import ToolAnnotations

    for fn in WRITE_TOOLS:
        destructive = fn is not deploy_app  # a restart, a scale-down or a rollback disrupts running pods
        hints = ToolAnnotations(
            read_only_hint=False, destructive_hint=destructive, idempotent_hint=False, open_world_hint=False
        )
        server.add_tool(fn, annotations=hints)
