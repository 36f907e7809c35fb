"""What an operation runs with: the store, settings, the caller, and the cluster of its app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from klepaas_shared.auth import Principal
from klepaas_shared.clock import now_iso
from klepaas_shared.contracts import Operation
from klepaas_shared.projects import Project
from klepaas_shared.store import Store

from ..cluster.kube import Kube, kube_of
from ..cluster.targets import kind_for
from ..pipeline.refs import AppRef
from ..settings import DeploySettings


@dataclass
class Ctx:
    store: Store
    settings: DeploySettings
    actor: str
    via: str = ""
    source: str = "console"
    dry_run: bool = False
    inline_s: float | None = None  # how long to watch a rollout before handing it off (None: settings)
    approved: bool = False  # a human approved this operation: it is not held again
    approved_by: str = ""  # who approved it (``actor`` stays the one who asked for it)
    operation: Operation | None = None
    project: Project | None = None  # the project the operation acts on (its namespaces, protected environments)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, store: Store, settings: DeploySettings, principal: Principal, **kwargs: Any) -> Ctx:
        return cls(store, settings, principal.sub, principal.via_service, **kwargs)

    def kube(self, ref: AppRef | None = None) -> Kube | None:
        """The cluster of ``ref`` (or the default cluster); None on the dry-run target."""
        kind = kind_for(self.settings, ref.app if ref else "", ref.environment if ref else "staging")
        return None if kind == "dry-run" else kube_of(kind)

    def step(self, message: str) -> None:
        """Record progress on the operation (saved by the engine)."""
        if self.operation is not None:
            self.operation.progress.append({"at": now_iso(), "message": message})
