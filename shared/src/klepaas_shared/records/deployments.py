"""The deployment history (collection ``deployments``): deploy writes it, webhook reads it.

One document per deployment under an integer id (time-ordered, :mod:`klepaas_shared.store.ids`);
stage status ``success`` / ``failed`` / None (pending or running), durations in seconds,
timestamps ISO with ``Z``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from ..clock import now_iso, parse_iso
from ..store import Filter, Store
from ..store.ids import create_numbered
from ..store.queries import declare_query
from . import DEPLOYMENTS, STAGES, DeploymentRecord, StageRecord, claim_document

if TYPE_CHECKING:
    from ..contracts import Commit

declare_query(DEPLOYMENTS, equal=["request_id"])
declare_query(DEPLOYMENTS, equal=["status"])  # the maintenance of stuck work: those still running
declare_query(DEPLOYMENTS, equal=["owner", "repo"], order_by=[("started_at", "desc")])
declare_query(DEPLOYMENTS, order_by=[("started_at", "desc")])
declare_query(DEPLOYMENTS, order_by=[("id", "desc")])  # webhook's pipelines tab (D6)
declare_query(DEPLOYMENTS, equal=["owner", "repo"], order_by=[("id", "desc")])
declare_query(DEPLOYMENTS, equal=["repo"])  # an app called by its repository's name (deploy's access)

# A change to a deployment decided inside a transaction: the fields to update, or None for none.
Change = Callable[[DeploymentRecord], dict[str, Any] | None]


def _seconds(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return round((parse_iso(end) - parse_iso(start)).total_seconds(), 3)


def split_image(image: str | None) -> dict[str, Any]:
    if not image:
        return {"name": "", "tag": "", "url": ""}
    name, tag = image, "latest"
    last = image.rsplit("/", 1)[-1]
    if "@" in image:
        name, tag = image.split("@", 1)
    elif ":" in last:
        name, tag = image.rsplit(":", 1)
    return {"name": name, "tag": tag, "url": image}


def empty_stage() -> StageRecord:
    return {"status": None, "duration": None, "started_at": None, "completed_at": None}


def stage_started(doc: DeploymentRecord | dict[str, Any], stage: str) -> bool:
    stages: Mapping[str, Any] = doc.get("stages") or {}
    return bool((stages.get(stage) or {}).get("started_at"))


class Deployments:
    """The deployment history on a store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, deployment_id: int | str) -> DeploymentRecord | None:
        return cast(DeploymentRecord | None, self.store.get(DEPLOYMENTS, str(deployment_id)))

    def create(
        self,
        *,
        owner: str,
        repo: str,
        environment: str,
        namespace: str,
        commit: Commit,
        image: str | None,
        request_id: str,
        requested_by: str,
        is_rollback: bool = False,
        replicas: int | None = None,
        branch: str = "main",
        source: str = "manual",
        approved_by: str = "",
        github: dict[str, Any] | None = None,
    ) -> DeploymentRecord:
        """Write a new running deployment and return it (with its integer ``id``); ``requested_by``
        and ``source`` are who asked and how, ``approved_by`` the human who let a held deploy run."""
        at = now_iso()
        doc: dict[str, Any] = {
            "owner": owner,
            "repo": repo,
            "repository": f"{owner}/{repo}",
            "branch": branch,
            "environment": environment,
            "status": "running",
            "commit": commit.model_dump(),
            "image": split_image(image),
            "stages": {name: empty_stage() for name in STAGES},
            "error": None,
            "started_at": at,
            "completed_at": None,
            "updated_at": at,
            "total_duration": None,
            "cluster": {"namespace": namespace, "replicas": {"desired": replicas or 0, "ready": 0}},
            "request_id": request_id,
            "requested_by": requested_by,
            "source": source,
            "approved_by": approved_by or None,
            "is_rollback": is_rollback,
        }
        if github:
            doc["github"] = github
        created = create_numbered(self.store, DEPLOYMENTS, lambda deployment_id: {"id": deployment_id, **doc})
        return cast(DeploymentRecord, created)

    def update(self, deployment_id: int | str, changes: dict[str, Any]) -> None:
        """Change fields (dotted paths allowed) of an existing deployment."""
        self.store.update(DEPLOYMENTS, str(deployment_id), changes)

    def start_stage(self, deployment_id: int, stage: str) -> None:
        at = now_iso()
        self.update(deployment_id, {f"stages.{stage}.started_at": at, "updated_at": at})

    def end_stage(
        self, deployment_id: int, stage: str, *, ok: bool, error: str = "", duration_s: float | None = None
    ) -> None:
        doc = self.get(deployment_id) or {}
        at = now_iso()
        stages: Mapping[str, Any] = doc.get("stages") or {}
        started = (stages.get(stage) or {}).get("started_at") or at
        changes: dict[str, Any] = {
            f"stages.{stage}.status": "success" if ok else "failed",
            f"stages.{stage}.started_at": started,
            f"stages.{stage}.completed_at": at,
            f"stages.{stage}.duration": _seconds(started, at) if duration_s is None else round(duration_s, 3),
            "updated_at": at,
        }
        if not ok:
            changes["error"] = {"message": error, "stage": stage}
        self.update(deployment_id, changes)

    def set_image(self, deployment_id: int, image: str) -> None:
        """The image a pipeline built (known only once its build is tagged)."""
        self.update(deployment_id, {"image": split_image(image), "updated_at": now_iso()})

    def finish(self, deployment_id: int, *, ok: bool, ready: int | None = None, desired: int | None = None) -> None:
        doc = self.get(deployment_id) or {}
        at = now_iso()
        changes: dict[str, Any] = {
            "status": "success" if ok else "failed",
            "completed_at": at,
            "updated_at": at,
            "total_duration": _seconds(doc.get("started_at"), at),
        }
        if ready is not None:
            changes["cluster.replicas.ready"] = ready
        if desired is not None:
            changes["cluster.replicas.desired"] = desired
        self.update(deployment_id, changes)

    def claim(self, deployment_id: str, change: Change) -> DeploymentRecord | None:
        """In one transaction: read the deployment, let ``change`` decide, write what it returns.
        The deployment as it was, or None when it does not exist or ``change`` changed nothing."""

        return cast(DeploymentRecord | None, claim_document(self.store, DEPLOYMENTS, deployment_id, change))

    def find_by_request(self, request_id: str) -> DeploymentRecord | None:
        found = self.store.query(DEPLOYMENTS, [("request_id", "==", request_id)], limit=1)
        return cast(DeploymentRecord, found[0].data) if found else None

    def of_repository(self, owner: str, repo: str, *, limit: int = 200) -> list[DeploymentRecord]:
        """Newest first."""
        where: list[Filter] = [("owner", "==", owner), ("repo", "==", repo)]
        docs = self.store.query(DEPLOYMENTS, where, order_by=[("started_at", "desc")], limit=limit)
        return [cast(DeploymentRecord, d.data) for d in docs]

    def of_repositories_named(self, repo: str, *, limit: int = 50) -> list[DeploymentRecord]:
        """Deployments of any owner's repository called ``repo`` (one field's equality: no composite index)."""
        docs = self.store.query(DEPLOYMENTS, [("repo", "==", repo)], limit=limit)
        return [cast(DeploymentRecord, d.data) for d in docs]

    def recent(self, *, limit: int = 500) -> list[DeploymentRecord]:
        """Newest first (by start)."""
        docs = self.store.query(DEPLOYMENTS, order_by=[("started_at", "desc")], limit=limit)
        return [cast(DeploymentRecord, d.data) for d in docs]

    def newest_by_id(self, *, owner: str = "", repo: str = "", limit: int) -> list[DeploymentRecord]:
        """Newest first by id, of one repository when ``owner`` and ``repo`` are given."""
        where: list[Filter] = [("owner", "==", owner), ("repo", "==", repo)] if owner and repo else []
        docs = self.store.query(DEPLOYMENTS, where, order_by=[("id", "desc")], limit=limit)
        return [cast(DeploymentRecord, d.data) for d in docs]

    def running(self, *, limit: int) -> list[tuple[str, DeploymentRecord]]:
        """Deployments still marked running: (document id, deployment)."""
        docs = self.store.query(DEPLOYMENTS, [("status", "==", "running")], limit=limit)
        return [(d.id, cast(DeploymentRecord, d.data)) for d in docs]
