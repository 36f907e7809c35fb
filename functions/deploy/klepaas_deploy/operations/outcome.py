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
