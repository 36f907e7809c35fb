"""D6: the CI/CD pipelines tab, read from the deployment history the deploy function writes.

Each history document (``deployments``) has an integer ``id``, ``owner``, ``repo``, ``status``,
``commit``, ``stages`` (sourcecommit, sourcebuild, sourcedeploy), ``error`` and timing fields;
anything missing becomes null here, and a stage that is pending or running is null.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_shared.auth import ADMIN_READ, ADMIN_WRITE
from klepaas_shared.errors import BadRequest
from klepaas_shared.http import Req
from klepaas_shared.projects import ProjectRepository, listed_id
from klepaas_shared.records import STAGES
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.records.integrations import Integrations, key
from klepaas_shared.store import get_store

LIMIT = 50


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _stage(value: Any) -> dict[str, Any]:
    stage = _dict(value)
    status = stage.get("status")
    duration = stage.get("duration")
    return {
        "status": status if status in ("success", "failed") else None,
        "duration": duration if isinstance(duration, int | float) and not isinstance(duration, bool) else None,
    }


def pipeline_item(doc: Mapping[str, Any], auto_deploy: bool) -> dict[str, Any]:
    commit, error = _dict(doc.get("commit")), doc.get("error")
    status = doc.get("status")
    stages = _dict(doc.get("stages"))
    owner, repo = doc.get("owner") or "", doc.get("repo") or ""
    return {
        "id": doc.get("id"),
        "repository": f"{owner}/{repo}",
        "owner": owner,
        "repo": repo,
        "status": status if status in ("running", "success", "failed", "pending") else "running",
        "commit": {k: commit.get(k) for k in ("sha", "author", "message", "url")},
        "logs_url": doc.get("logs_url"),
        "timing": {
            "started_at": doc.get("started_at"),
            "completed_at": doc.get("completed_at"),
            "total_duration": doc.get("total_duration"),
        },
        "updated_at": doc.get("updated_at"),
        "stages": {name: _stage(stages.get(name)) for name in STAGES},
        "error": {"message": _dict(error).get("message"), "stage": _dict(error).get("stage")} if error else None,
        "auto_deploy_enabled": auto_deploy,
    }


def pipelines(req: Req) -> dict[str, Any]:
    store, user = get_store(), req.user()
    connected = {d["full_name_lc"]: bool(d.get("auto_deploy_enabled")) for d in Integrations(store).of_user(user.sub)}
    wanted = (req.args.get("repository") or "all").strip()
    owner = repo = ""
    if wanted != "all":
        owner, _, repo = wanted.partition("/")
        if not owner or not repo:
            raise BadRequest("repository must be owner/repo or all")
    everything = user.has(ADMIN_READ) or user.has(ADMIN_WRITE)
    member_of = {p.id for p in ProjectRepository(store).of_member(user.sub)}
    items = []
    for doc in Deployments(store).newest_by_id(owner=owner, repo=repo, limit=LIMIT):
        owner_name, repo_name = str(doc.get("owner")), str(doc.get("repo"))
        name = key(owner_name, repo_name)
        mine = (
            everything
            or name in connected
            or listed_id(owner_name, repo_name) in member_of
            or user.sub in (doc.get("requested_by"), doc.get("user_id"))
        )
        if mine:
            items.append(pipeline_item(doc, connected.get(name, False)))
    return {"deployments": items, "total": len(items)}
