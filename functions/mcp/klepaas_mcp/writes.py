"""The mutating tools. Each needs a token with ``deploy:execute``; a person stands behind every
change (see :mod:`consent`): held for approval in protected environments, asked elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context, ElicitationResult, MCPServer, Resolve
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from . import consent
from .answers import OperationAnswer
from .consent import Consent
from .runner import mutate

App = Annotated[str, Field(min_length=1, max_length=63, description="the app's name, e.g. 'web-app'")]
Env = Annotated[Literal["staging", "production", "development"], Field(description="the app's environment")]
OperationId = Annotated[
    str | None, Field(max_length=100, description="an idempotency key: a retry with the same key runs once")
]
Answer = Annotated[CallToolResult, OperationAnswer]


def _ask_deploy(ctx: Context[Any, Any], app_name: str, environment: str = "staging") -> Any:
    return consent.ask(ctx, f"deploy {app_name} to {environment}")


def _ask_scale(ctx: Context[Any, Any], app_name: str, replicas: int, environment: str = "staging") -> Any:
    return consent.ask(ctx, f"scale {app_name} in {environment} to {replicas} replicas")


def _ask_restart(ctx: Context[Any, Any], app_name: str, environment: str = "staging") -> Any:
    return consent.ask(ctx, f"restart every pod of {app_name} in {environment}")


def _ask_rollback(ctx: Context[Any, Any], app_name: str, environment: str = "staging") -> Any:
    return consent.ask(ctx, f"roll {app_name} in {environment} back to an earlier version")


async def deploy_app(
    app_name: App,
    consented: Annotated[ElicitationResult[Consent], Resolve(_ask_deploy)],
    environment: Env = "staging",
    branch: Annotated[str, Field(min_length=1, max_length=255)] = "main",
    replicas: Annotated[int | None, Field(ge=0, le=50)] = None,
    operation_id: OperationId = None,
) -> Answer:
    """Build and release the app's branch to an environment (replaces its running pods).

    Needs the deploy:execute scope. In a protected environment (production) the change waits for
    a person to approve it: the answer is `waiting_for_approval` with the operation id; follow it
    with `operation_status`."""
    args = {"app_name": app_name, "environment": environment, "branch": branch, "replicas": replicas}
    return await mutate("deploy", consented, operation_id, **args)


async def scale(
    app_name: App,
    replicas: Annotated[int, Field(ge=0, le=50, description="the wanted number of replicas")],
    consented: Annotated[ElicitationResult[Consent], Resolve(_ask_scale)],
    environment: Env = "staging",
    operation_id: OperationId = None,
) -> Answer:
    """Set the number of replicas of an app (scaling down stops pods).

    Needs deploy:execute. In a protected environment the change waits for a person's approval."""
    args = {"app_name": app_name, "environment": environment, "replicas": replicas}
    return await mutate("scale", consented, operation_id, **args)


async def restart(
    app_name: App,
    consented: Annotated[ElicitationResult[Consent], Resolve(_ask_restart)],
    environment: Env = "staging",
    operation_id: OperationId = None,
) -> Answer:
    """Restart every pod of an app, one by one (a rolling restart).

    Needs deploy:execute. In a protected environment the change waits for a person's approval."""
    return await mutate("restart", consented, operation_id, app_name=app_name, environment=environment)


async def rollback(
    app_name: App,
    consented: Annotated[ElicitationResult[Consent], Resolve(_ask_rollback)],
    environment: Env = "staging",
    target_commit_sha: Annotated[str | None, Field(pattern=r"^[0-9a-f]{7,40}$")] = None,
    steps_back: Annotated[int | None, Field(ge=1, le=10)] = None,
    operation_id: OperationId = None,
) -> Answer:
    """Roll an app back to an earlier commit (see `rollback_candidates`) or N deployments back
    (one by default).

    Needs deploy:execute. In a protected environment the change waits for a person's approval."""
    args = {
        "app_name": app_name,
        "environment": environment,
        "target_commit_sha": target_commit_sha,
        "steps_back": None if target_commit_sha else (steps_back or 1),
    }
    return await mutate("rollback", consented, operation_id, **args)


# (title, idempotent, open world). Every one replaces or stops running pods: destructive. Scaling
# to N twice is scaling to N once. A deploy reaches outside the cluster (GitHub, the build
# service, the registry); the others act on the cluster's own objects only.
TOOLS: dict[Callable[..., Any], tuple[str, bool, bool]] = {
    deploy_app: ("Deploy an app", False, True),
    scale: ("Scale an app", True, False),
    restart: ("Restart an app's pods", False, False),
    rollback: ("Roll an app back", False, False),
}


def register(server: MCPServer[Any]) -> None:
    for fn, (title, idempotent, open_world) in TOOLS.items():
        hints = ToolAnnotations(
            title=title,
            read_only_hint=False,
            destructive_hint=True,
            idempotent_hint=idempotent,
            open_world_hint=open_world,
        )
        server.add_tool(fn, title=title, annotations=hints)
