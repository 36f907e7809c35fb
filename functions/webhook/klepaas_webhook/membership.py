"""Developers without an invitation: a user signed in with GitHub whose account has push or admin
permission on a project's repository acts as a developer of that project. Checked through the
GitHub App and cached briefly (``KLEPAAS_GITHUB_PERMISSION_CACHE_S``), never stored as membership:
access revoked on GitHub ends here within the cache time."""

from __future__ import annotations

from klepaas_shared.auth import Principal
from klepaas_shared.context import get_context
from klepaas_shared.errors import KlepaasError
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.projects import Project, Role

from .github_api import get_app
from .settings import settings

log = get_logger("webhook.membership")
PUSH = frozenset({"admin", "write"})


def implied_role(who: Principal, project: Project | None) -> Role | None:
    """DEVELOPER when ``who``'s GitHub account may push to the project's repository, else None."""
    app = get_app()
    if app is None or project is None or project.kind != "repository" or who.provider != "github":
        return None
    if project.role_of(who.sub) is not None or not who.sub.isdigit():
        return None  # a member already (their role decides); or not a GitHub account id
    key = f"webhook:github-permission:{project.id}:{who.sub}"
    cached = get_context().get_json(key)
    if isinstance(cached, dict) and isinstance(cached.get("permission"), str):
        permission = cached["permission"]
    else:
        owner, _, repo = project.name.partition("/")
        try:
            installation = app.installation_of(owner, repo)
            permission = "none" if installation is None else app.permission(installation, owner, repo, int(who.sub))
        except KlepaasError as exc:  # GitHub unreachable: no implied role, the policy decides on membership
            log.warning("github permission unknown", extra=log_fields(project=project.id, error=exc.code))
            return None
        if settings().github_permission_cache_s:
            get_context().set_json(key, {"permission": permission}, settings().github_permission_cache_s)
    return Role.DEVELOPER if permission in PUSH else None
