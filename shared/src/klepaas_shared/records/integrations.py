"""Connected repositories (collection ``integrations``): webhook writes them, deploy reads them.

Documents live under their integer id (time-ordered, from :mod:`klepaas_shared.store.ids`), which
the console parses as a number; ``full_name_lc`` (:func:`key`) finds a repository's whatever the
case GitHub spells it in.
"""

from __future__ import annotations

from typing import Any, cast

from ..clock import now_iso
from ..store import Store
from ..store.ids import create_numbered
from ..store.queries import declare_query
from . import INTEGRATIONS, IntegrationRecord

declare_query(INTEGRATIONS, equal=["full_name_lc"])
declare_query(INTEGRATIONS, equal=["user_id"])
declare_query(INTEGRATIONS, equal=["auto_deploy_enabled"])


def key(owner: str, repo: str) -> str:
    return f"{owner}/{repo}".lower()


def _oldest_first(docs: list[Any]) -> list[IntegrationRecord]:
    return sorted((cast(IntegrationRecord, d.data) for d in docs), key=lambda d: int(d.get("id") or 0))


class Integrations:
    """The connected repositories on a store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, integration_id: int | str) -> IntegrationRecord | None:
        return cast(IntegrationRecord | None, self.store.get(INTEGRATIONS, str(integration_id)))

    def create(
        self,
        *,
        user_id: str,
        owner: str,
        repo: str,
        branch: str,
        installation_id: int | None,
        html_url: str,
        repository_id: int | None,
        secret: dict[str, Any],
    ) -> IntegrationRecord:
        """Connect ``owner/repo`` for ``user_id`` (auto-deploy on); ``secret`` holds the fields its
        webhook secret is derived from."""
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
            **secret,
        }
        created = create_numbered(self.store, INTEGRATIONS, lambda integration_id: {"id": integration_id, **doc})
        return cast(IntegrationRecord, created)

    def update(self, integration_id: int | str, changes: dict[str, Any]) -> None:
        """Change fields of an existing integration (``updated_at`` is the caller's to set)."""
        self.store.update(INTEGRATIONS, str(integration_id), changes)

    def delete(self, integration_id: int | str) -> None:
        self.store.delete(INTEGRATIONS, str(integration_id))

    def of_repository(self, owner: str, repo: str) -> list[IntegrationRecord]:
        """Every integration of ``owner/repo`` (any user), oldest first."""
        return _oldest_first(self.store.query(INTEGRATIONS, where=[("full_name_lc", "==", key(owner, repo))]))

    def of_user(self, user_id: str) -> list[IntegrationRecord]:
        return _oldest_first(self.store.query(INTEGRATIONS, where=[("user_id", "==", user_id)]))

    def auto_deploying(self) -> list[IntegrationRecord]:
        """The integrations with auto-deploy on."""
        docs = self.store.query(INTEGRATIONS, where=[("auto_deploy_enabled", "==", True)])
        return [cast(IntegrationRecord, d.data) for d in docs]

    def all(self, *, limit: int = 500) -> list[tuple[str, IntegrationRecord]]:
        """Up to ``limit`` integrations: (document id, integration)."""
        return [(d.id, cast(IntegrationRecord, d.data)) for d in self.store.query(INTEGRATIONS, limit=limit)]
