"""The console's shapes of the deployment history: D1, D2, D4, D5 (FRONTEND_API.md §1.3)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_shared.policy import Visibility
from klepaas_shared.records import STAGES, DeploymentRecord
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.records.integrations import Integrations
from klepaas_shared.records.pulls import PullRequests
from klepaas_shared.store import Store

from ..cluster.manifests import app_host

DASHBOARD_PULLS = 10


def deployment(doc: Mapping[str, Any]) -> dict[str, Any]:
    """One deployment: the stored document, the nested D2/D6 fields and D4's flat aliases."""
    commit, image, stages = doc.get("commit") or {}, doc.get("image") or {}, doc.get("stages") or {}
    return {
        **doc,
        "commit": {**commit, "short_sha": str(commit.get("sha", ""))[:7]},
        "timing": {
            "started_at": doc.get("started_at"),
            "completed_at": doc.get("completed_at"),
            "total_duration": doc.get("total_duration"),
        },
        "github_owner": doc.get("owner"),
        "github_repo": doc.get("repo"),
        "github_commit_sha": commit.get("sha"),
        "github_commit_message": commit.get("message"),
        "image_name": image.get("name"),
        "image_tag": image.get("tag"),
        "image_url": image.get("url"),
        **{f"{name}_status": (stages.get(name) or {}).get("status") for name in STAGES},
    }


def _integrations(store: Store) -> dict[str, dict[str, Any]]:
    found = {}
    for doc_id, doc in Integrations(store).all(limit=500):
        full = doc.get("full_name") or f"{doc.get('owner', '')}/{doc.get('repo', '')}"
        found[full] = {"id": doc.get("id", doc_id), **doc}
    return found


def _visible_integrations(store: Store, visible: Visibility) -> dict[str, dict[str, Any]]:
    return {full: doc for full, doc in _integrations(store).items() if visible.sees_listed(*full.partition("/")[::2])}


def _visible_docs(docs: list[DeploymentRecord], visible: Visibility) -> list[DeploymentRecord]:
    """The caller's rows; a record of an app by name from before "_apps/<app>" has nothing to
    address it by and stays only in an admin's lists."""
    if visible.everything:
        return docs
    return [d for d in docs if (d.get("owner") and d.get("repo") and visible.sees_listed(d["owner"], d["repo"]))]


def latest_per_repository(store: Store, app_domain: str, visible: Visibility) -> dict[str, Any]:
    """D2: every repository the caller may see, with its newest deployment (null when it has none)."""
    latest: dict[str, DeploymentRecord] = {}
    for found in _visible_docs(Deployments(store).recent(), visible):
        if found.get("owner") and found.get("repo"):  # a record of an app by name from before "_apps/<app>"
            latest.setdefault(f"{found['owner']}/{found['repo']}", found)
    integrations = _visible_integrations(store, visible)
    repos = []
    for full in sorted(set(latest) | set(integrations)):
        owner, _, repo = full.partition("/")
        doc = latest.get(full)
        integration = integrations.get(full, {})
        item: dict[str, Any] = {
            "owner": owner,
            "repo": repo,
            "full_name": full,
            "branch": integration.get("branch") or (doc or {}).get("branch") or "main",
            "auto_deploy_enabled": bool(integration.get("auto_deploy_enabled", False)),
            "latest_deployment": None,
        }
        if doc is not None:
            shaped = deployment(doc)
            cluster = doc.get("cluster") or {}
            shaped["cluster"] = {
                "namespace": cluster.get("namespace", "default"),
                "replicas": cluster.get("replicas") or {"desired": 0, "ready": 0},
                "resources": {"cpu": 0, "memory": 0},
            }
            # The host its ingress serves (cluster.manifests), environment and all: the console's link.
            environment = str(doc.get("environment") or "production")
            shaped["service_url"] = f"https://{app_host(repo, '', environment, app_domain)}"
            item["latest_deployment"] = shaped
        repos.append(item)
    return {"repositories": repos, "total": len(repos)}


def _full_name(doc: Mapping[str, Any]) -> str:
    return f"{doc['owner']}/{doc['repo']}"


def dashboard(store: Store, visible: Visibility) -> dict[str, Any]:
    """D1: the caller's connected repositories (from integrations, else from deployments, leaving out a
    repository whose every deploy failed: it was never connected) and counts."""
    docs = _visible_docs(Deployments(store).recent(), visible)
    integrations = _visible_integrations(store, visible)
    seen: dict[str, dict[str, Any]] = {}
    for full, integration in integrations.items():
        seen[full] = {
            "id": integration["id"],
            "fullName": full,
            "branch": integration.get("branch") or "main",
            "lastSync": integration.get("updated_at") or integration.get("created_at"),
        }
    addressed = [doc for doc in docs if doc.get("owner") and doc.get("repo")]
    only_failed = {_full_name(doc) for doc in addressed} - {
        _full_name(doc) for doc in addressed if doc.get("status") != "failed"
    }
    for doc in docs:
        if not (doc.get("owner") and doc.get("repo")):
            continue  # a record of an app by name from before "_apps/<app>": nothing to address it by
        if _full_name(doc) in only_failed:
            continue
        full = f"{doc['owner']}/{doc['repo']}"
        seen.setdefault(
            full,
            {"id": doc["id"], "fullName": full, "branch": doc.get("branch", "main"), "lastSync": doc.get("updated_at")},
        )
    running = sum(1 for d in docs if d.get("status") == "running")
    return {
        "connectedRepositories": list(seen.values()),
        "pullRequests": pull_requests(store, {full.lower() for full in seen}),
        "clusters": 1,
        "deployments": len(docs),
        "pendingDeployments": running,
        "activeDeployments": sum(1 for d in docs if d.get("status") == "success"),
        "cpuUsage": 0,
        "memoryUsage": 0,
        "systemHealth": [],
    }


def pull_requests(store: Store, repositories: set[str]) -> list[dict[str, Any]]:
    """D1's ``pullRequests[]``: the newest pull requests of the connected repositories."""
    found = PullRequests(store).newest(limit=200)  # written by the webhook function from deliveries
    rows = []
    for pull in found:
        if pull.get("full_name_lc") not in repositories:
            continue
        rows.append(
            {
                "id": pull.get("id"),
                "number": pull.get("number"),
                "title": pull.get("title") or "",
                "author": pull.get("author") or "",
                "createdAt": pull.get("created_at"),
                "created_at": pull.get("created_at"),
                "state": "merged" if pull.get("merged") else pull.get("state"),
                "repository": f"{pull.get('owner')}/{pull.get('repo')}",
                "branch": pull.get("head_ref"),
                "htmlUrl": pull.get("html_url"),
            }
        )
    return rows[:DASHBOARD_PULLS]


def listing(
    store: Store, visible: Visibility, *, repository: str | None, status: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """D4: the caller's deployments, newest first, filtered by ``owner/repo`` and status."""
    docs = _visible_docs(Deployments(store).recent(limit=offset + limit + 500), visible)
    if repository:
        docs = [d for d in docs if f"{d['owner']}/{d['repo']}" == repository]
    if status:
        docs = [d for d in docs if d.get("status") == status]
    page = docs[offset : offset + limit]
    return {"deployments": [deployment(d) for d in page], "total": len(docs), "limit": limit, "offset": offset}
