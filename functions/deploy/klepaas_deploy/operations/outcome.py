"""What a mutation hands back to the engine: its data, message, and what to watch afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..pipeline.refs import AppRef

if TYPE_CHECKING:
    from klepaas_shared.contracts import ErrorInfo


@dataclass
class Outcome:
    ref: AppRef
    data: dict[str, Any]
    message: str
    event: str  # the DeploymentEvent type published when it completes
    watch: bool = True
    deployment_id: int | None = None
    plan: list[dict[str, Any]] = field(default_factory=list)  # what a dry run would do
    done: bool = False  # already finished (nothing to watch, or handed to the pipeline)
    error: ErrorInfo | None = None  # why a finished outcome failed (the stage and the reason)


def where(ref: AppRef) -> dict[str, Any]:
    """The fields every answer about ``ref`` carries: which app, from which repository, and where."""
    return {
        "repository": ref.repository,
        "owner": ref.owner,
        "repo": ref.repo,
        "deployment": ref.app,
        "namespace": ref.namespace,
        "environment": ref.environment,
    }


def dry_run(
    ref: AppRef, data: dict[str, Any], message: str, event: str, plan: list[dict[str, Any]] | None = None
) -> Outcome:
    """What a mutation would do, under a dry run or without a cluster: nothing changed (its steps
    in ``plan`` when it has them)."""
    shown = {**data, "status": "dry_run", "dry_run": True}
    if plan is not None:
        shown["plan"] = plan
    return Outcome(ref, shown, message, event, watch=False, plan=plan or [], done=True)
