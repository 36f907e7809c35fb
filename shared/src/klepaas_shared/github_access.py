"""Developers without an invitation: a user signed in with GitHub whose account has push or admin
permission on a project's repository acts as a developer of that project, at every door.

The permission is asked of GitHub through the App by the function at that door (each has its own
App client: ``lookup``) and cached briefly in the context store, never stored as membership:
access revoked on GitHub ends here within the cache time. GitHub unreachable means no implied
role (the policy then decides on membership alone).
"""

from __future__ import annotations

from collections.abc import Callable

from .auth import Principal
from .context import get_context
from .errors import KlepaasError
from .logs import get_logger, log_fields
from .projects import Project, Role

log = get_logger("github_access")
PUSH = frozenset({"admin", "write"})
# (owner, repo, GitHub account id) -> admin, write, read or none
Lookup = Callable[[str, str, int], str]


def implied_role(who: Principal, project: Project | None, lookup: Lookup | None, cache_s: int) -> Role | None:
    """DEVELOPER when ``who``'s GitHub account may push to the project's repository, else None."""
    if lookup is None or project is None or project.kind != "repository" or who.provider != "github":
        return None
    if project.role_of(who.sub) is not None or not who.sub.isdigit():
        return None  # a member already (their role decides); or not a GitHub account id
    key = f"github-permission:{project.id}:{who.sub}"
    cached = get_context().get_json(key)
    if isinstance(cached, dict) and isinstance(cached.get("permission"), str):
        permission = cached["permission"]
    else:
        owner, _, repo = project.name.partition("/")
        try:
            permission = lookup(owner, repo, int(who.sub))
        except KlepaasError as exc:
            log.warning("github permission unknown", extra=log_fields(project=project.id, error=exc.code))
            return None
        if cache_s:
            get_context().set_json(key, {"permission": permission}, cache_s)
    return Role.DEVELOPER if permission in PUSH else None
