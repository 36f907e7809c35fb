"""Repository integrations: who connected which repository, its branch and auto-deploy switch.

Documents live in ``integrations`` under their integer id (time-ordered, from
:mod:`klepaas_shared.store.ids`), which the console parses as a number.
"""

from __future__ import annotations

from typing import Any

from klepaas_shared import records
from klepaas_shared.clock import now_iso
from klepaas_shared.store import Store
from klepaas_shared.store.ids import create_numbered
from klepaas_shared.store.queries import declare_query

from . import repo_secrets

COLLECTION = records.INTEGRATIONS
declare_query(COLLECTION, equal=["full_name_lc"])
declare_query(COLLECTION, equal=["user_id"])
declare_query(COLLECTION)


def key(owner: str, repo: str) -> str:
    return f"{owner}/{repo}".lower()


def of_repository(store: Store, owner: str, repo: str) -> list[dict[str, Any]]:
    """Every integration of ``owner/repo`` (any user), oldest first."""
    docs = store.query(COLLECTION, where=[("full_name_lc", "==", key(owner, repo))])
    return sorted((d.data for d in docs), key=lambda d: int(d.get("id") or 0))


def every(store: Store, *, limit: int = 500) -> list[dict[str, Any]]:
    """Every integration (an admin's view), oldest first."""
    return sorted((d.data for d in store.query(COLLECTION, limit=limit)), key=lambda d: int(d.get("id") or 0))


def of_user(store: Store, user_id: str) -> list[dict[str, Any]]:
    docs = store.query(COLLECTION, where=[("user_id", "==", user_id)])
    return sorted((d.data for d in docs), key=lambda d: int(d.get("id") or 0))


def find(store: Store, user_id: str, owner: str, repo: str) -> dict[str, Any] | None:
    return next((d for d in of_repository(store, owner, repo) if d.get("user_id") == user_id), None)


def create(
    store: Store,
    *,
    user_id: str,
    owner: str,
    repo: str,
    branch: str,
    installation_id: int | None,
    html_url: str,
    repository_id: int | None,
) -> dict[str, Any]:
    stamp = now_iso()
    doc = {
        "user_id": user_id,
        "owner": owner,
        "repo": repo,
        "full_name": f"{owner}/{repo}",
        "full_name_lc": key(owner, repo),
        "branch": branch,
        "auto_deploy_enabled": True,
        "installation_id": installation_id,
        "repository_id": repository_id,
        "html_url": html_url,
        "webhook_configured": installation_id is not None,
        "connected": True,
        "created_at": stamp,
        "updated_at": stamp,
        "last_sync": stamp,
        **repo_secrets.fresh(),
    }
    return create_numbered(store, COLLECTION, lambda integration_id: {"id": integration_id, **doc})


def set_installation(store: Store, owner: str, repo: str, installation_id: int | None) -> int:
    """Point every integration of ``owner/repo`` at an installation (None: uninstalled)."""
    changed = 0
    for doc in of_repository(store, owner, repo):
        store.update(
            COLLECTION,
            str(doc["id"]),
            {
                "installation_id": installation_id,
                "webhook_configured": installation_id is not None,
                "updated_at": now_iso(),
            },
        )
        changed += 1
    return changed


def console_item(doc: dict[str, Any]) -> dict[str, Any]:
    """A P1 item with both spellings the console reads."""
    full_name = doc.get("full_name") or f"{doc.get('owner')}/{doc.get('repo')}"
    enabled = bool(doc.get("auto_deploy_enabled"))
    configured = bool(doc.get("webhook_configured"))
    return {
        "id": str(doc.get("id")),
        "integration_id": doc.get("id"),
        "name": doc.get("repo"),
        "owner": doc.get("owner"),
        "repo": doc.get("repo"),
        "github_owner": doc.get("owner"),
        "github_repo": doc.get("repo"),
        "fullName": full_name,
        "github_full_name": full_name,
        "full_name": full_name,
        "connected": bool(doc.get("connected", True)),
        "branch": doc.get("branch") or "main",
        "lastSync": doc.get("last_sync") or doc.get("updated_at"),
        "updated_at": doc.get("updated_at"),
        "autoDeployEnabled": enabled,
        "auto_deploy_enabled": enabled,
        "webhookConfigured": configured,
        "webhook_configured": configured,
        "htmlUrl": doc.get("html_url") or f"https://github.com/{full_name}",
        "installation_id": doc.get("installation_id"),
    }
