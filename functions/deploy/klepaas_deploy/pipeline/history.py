"""The deployment history (collection ``deployments``), shared with webhook's pipelines view (D6).

One document per deployment, integer ids (time-ordered, :mod:`klepaas_shared.store.ids`), stage
status ``success`` / ``failed`` / None (pending or running), durations in seconds, timestamps ISO
with ``Z``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from klepaas_shared import records
from klepaas_shared.clock import now_iso, parse_iso
from klepaas_shared.store import Store
from klepaas_shared.store.ids import create_numbered
from klepaas_shared.store.queries import declare_query

if TYPE_CHECKING:
    from klepaas_shared.contracts import Commit  # a pydantic model: the history's readers need none

COLLECTION = records.DEPLOYMENTS
declare_query(COLLECTION, equal=["request_id"])
declare_query(COLLECTION, equal=["owner", "repo"], order_by=[("started_at", "desc")])
declare_query(COLLECTION, order_by=[("started_at", "desc")])
STAGES = records.STAGES


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


def empty_stage() -> dict[str, Any]:
    return {"status": None, "duration": None, "started_at": None, "completed_at": None}


def create(
    store: Store,
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
) -> dict[str, Any]:
    """Write a new running deployment and return it (with its integer ``id``); ``requested_by`` and
    ``source`` are who asked and how, ``approved_by`` the human who let a held deploy run."""
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
    return create_numbered(store, COLLECTION, lambda deployment_id: {"id": deployment_id, **doc})


def get(store: Store, deployment_id: int) -> dict[str, Any] | None:
    return store.get(COLLECTION, str(deployment_id))


def stage_started(doc: dict[str, Any], stage: str) -> bool:
    return bool((doc.get("stages") or {}).get(stage, {}).get("started_at"))


def start_stage(store: Store, deployment_id: int, stage: str) -> None:
    at = now_iso()
    store.update(COLLECTION, str(deployment_id), {f"stages.{stage}.started_at": at, "updated_at": at})


def end_stage(
    store: Store, deployment_id: int, stage: str, *, ok: bool, error: str = "", duration_s: float | None = None
) -> None:
    doc = get(store, deployment_id) or {}
    at = now_iso()
    started = doc.get("stages", {}).get(stage, {}).get("started_at") or at
    changes: dict[str, Any] = {
        f"stages.{stage}.status": "success" if ok else "failed",
        f"stages.{stage}.started_at": started,
        f"stages.{stage}.completed_at": at,
        f"stages.{stage}.duration": _seconds(started, at) if duration_s is None else round(duration_s, 3),
        "updated_at": at,
    }
    if not ok:
        changes["error"] = {"message": error, "stage": stage}
    store.update(COLLECTION, str(deployment_id), changes)


def set_image(store: Store, deployment_id: int, image: str) -> None:
    """The image a pipeline built (known only once its build is tagged)."""
    store.update(COLLECTION, str(deployment_id), {"image": split_image(image), "updated_at": now_iso()})


def finish(store: Store, deployment_id: int, *, ok: bool, ready: int | None = None, desired: int | None = None) -> None:
    doc = get(store, deployment_id) or {}
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
    store.update(COLLECTION, str(deployment_id), changes)


def find_by_request(store: Store, request_id: str) -> dict[str, Any] | None:
    found = store.query(COLLECTION, [("request_id", "==", request_id)], limit=1)
    return found[0].data if found else None


def of_repository(store: Store, owner: str, repo: str, *, limit: int = 200) -> list[dict[str, Any]]:
    """Newest first."""
    docs = store.query(
        COLLECTION, [("owner", "==", owner), ("repo", "==", repo)], order_by=[("started_at", "desc")], limit=limit
    )
    return [d.data for d in docs]


def recent(store: Store, *, limit: int = 500) -> list[dict[str, Any]]:
    return [d.data for d in store.query(COLLECTION, order_by=[("started_at", "desc")], limit=limit)]
