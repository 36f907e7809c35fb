"""Developers without an invitation at the webhook function's doors (connect, config, manual
deploy): :mod:`klepaas_shared.github_access` with this function's GitHub App."""

from __future__ import annotations

from klepaas_shared import github_access
from klepaas_shared.auth import Principal
from klepaas_shared.projects import Project, Role

from .github_api import get_app
from .settings import settings


def implied_role(who: Principal, project: Project | None) -> Role | None:
    """DEVELOPER when ``who``'s GitHub account may push to the project's repository, else None."""
    app = get_app()
    if app is None:
        return None

    def lookup(owner: str, repo: str, account_id: int) -> str:
        installation = app.installation_of(owner, repo)
        return "none" if installation is None else app.permission(installation, owner, repo, account_id)

    return github_access.implied_role(who, project, lookup, settings().github_permission_cache_s)
