"""Repository integrations as webhook makes them: who connected which repository (with its
webhook secret), which installation serves it, and the console's P1 item. The documents and their
shape are :mod:`klepaas_shared.records.integrations` (deploy reads them too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.records import IntegrationRecord
from klepaas_shared.records.integrations import Integrations
from klepaas_shared.store import Store

from . import repo_secrets


def find(store: Store, user_id: str, owner: str, repo: str) -> IntegrationRecord | None:
    return next((d for d in Integrations(store).of_repository(owner, repo) if d.get("user_id") == user_id), None)


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
) -> IntegrationRecord:
    """Connect ``owner/repo`` for ``user_id``, with a fresh webhook secret."""
    return Integrations(store).create(
        user_id=user_id,
        owner=owner,
        repo=repo,
        branch=branch,
        installation_id=installation_id,
        html_url=html_url,
        repository_id=repository_id,
        secret=repo_secrets.fresh(),
    )


def set_installation(store: Store, owner: str, repo: str, installation_id: int | None) -> int:
    """Point every integration of ``owner/repo`` at an installation (None: uninstalled)."""
    repository = Integrations(store)
    changed = 0
    for doc in repository.of_repository(owner, repo):
        repository.update(
            doc["id"],
            {
                "installation_id": installation_id,
                "webhook_configured": installation_id is not None,
                "updated_at": now_iso(),
            },
        )
        changed += 1
    return changed


def console_item(doc: Mapping[str, Any]) -> dict[str, Any]:
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
