"""The console's project endpoints: members and roles, protected environments, namespace
overrides, and the repository webhook secret. Owners change them; members read them; every
decision is the policy's (:mod:`klepaas_shared.policy`)."""

from __future__ import annotations

from typing import Any, get_args

from klepaas_shared import audit
from klepaas_shared.auth import ADMIN_READ, ADMIN_WRITE
from klepaas_shared.contracts import Environment
from klepaas_shared.errors import BadRequest, NotFound
from klepaas_shared.http import Req
from klepaas_shared.namespaces import validate_overrides
from klepaas_shared.policy import Action, enforce, protected_environments
from klepaas_shared.projects import Project, ProjectRepository, Role, checked_id
from klepaas_shared.records.integrations import Integrations
from klepaas_shared.settings import common
from klepaas_shared.store import get_store

from . import repo_secrets
from .settings import settings

ENVIRONMENTS: tuple[str, ...] = get_args(Environment)


def view(project: Project, caller: str) -> dict[str, Any]:
    role = project.role_of(caller)
    return {
        "id": project.id,
        "kind": project.kind,
        "name": project.name,
        "owner": project.owner,
        "role": role.label if role else None,
        "members": [{"user_id": user, "role": role} for user, role in sorted(project.members.items())],
        "protected_environments": sorted(protected_environments(project, common())),
        "namespaces": project.namespaces,
        "created_at": project.created_at,
        "updated_at": project.updated_at,
    }


def _member_id(req: Req) -> str:
    user = req.params["user_id"]
    if not 1 <= len(user) <= 128 or not user.isprintable():
        raise BadRequest("user_id must be 1 to 128 printable characters")
    return user


def _managed(req: Req, action: Action = Action.MANAGE) -> Project:
    project = ProjectRepository(get_store()).require(checked_id(req.params["project_id"]))
    enforce(get_store(), req.user(), action, project, target=project.id, source="console")
    return project


def _audit(req: Req, project: Project, action: str, details: dict[str, Any]) -> None:
    audit.record(
        get_store(),
        actor=req.user().sub,
        action=f"project.{action}",
        target=project.id,
        source="console",
        result="success",
        details=details,
    )


def mine(req: Req) -> dict[str, Any]:
    """The caller's projects with their role; every project for ``admin:read`` (role null where
    the admin is not a member)."""
    who, projects = req.user(), ProjectRepository(get_store())
    sub = who.sub
    everything = who.has(ADMIN_READ) or who.has(ADMIN_WRITE)
    found = sorted(projects.every() if everything else projects.of_member(sub), key=lambda p: p.id)
    items = [view(p, sub) for p in found]
    return {"projects": items, "total": len(items)}


def one(req: Req) -> dict[str, Any]:
    return {"project": view(_managed(req, Action.READ), req.user().sub)}


def disconnect(req: Req) -> dict[str, Any]:
    """The owner disconnects: the repository's integrations and the project go (its secret with
    them), and the repository may be connected again by anyone."""
    project = _managed(req, Action.DISCONNECT)
    store = get_store()
    owner, _, repo = project.name.partition("/")
    removed = Integrations(store).of_repository(owner, repo) if project.kind == "repository" else []
    for doc in removed:
        Integrations(store).delete(doc["id"])
    ProjectRepository(store).delete(project.id)
    _audit(req, project, "disconnect", {"integrations": [d["id"] for d in removed]})
    return {"status": "success", "project_id": project.id, "disconnected": len(removed)}


def set_member(req: Req) -> dict[str, Any]:
    project, user = _managed(req), _member_id(req)
    role = Role.parse(req.json(allow_empty=False).get("role"))
    changed = ProjectRepository(get_store()).set_role(project.id, user, role)
    _audit(req, project, "set_role", {"user_id": user, "role": role.label})
    return {"status": "success", "project": view(changed, req.user().sub)}


def remove_member(req: Req) -> dict[str, Any]:
    project, user = _managed(req), _member_id(req)
    changed = ProjectRepository(get_store()).remove_member(project.id, user)
    _audit(req, project, "remove_member", {"user_id": user})
    return {"status": "success", "project": view(changed, req.user().sub)}


def set_settings(req: Req) -> dict[str, Any]:
    """``protected_environments`` (a list; [] protects none) and ``namespaces`` (environment ->
    namespace; {} returns to the platform rule), each optional."""
    project, body = _managed(req), req.json(allow_empty=False)
    unknown = set(body) - {"protected_environments", "namespaces"}
    if unknown:
        raise BadRequest(f"unknown settings: {', '.join(sorted(unknown))}")
    protected = body.get("protected_environments")
    if protected is not None and (not isinstance(protected, list) or any(e not in ENVIRONMENTS for e in protected)):
        raise BadRequest(f"protected_environments must be a list of {', '.join(ENVIRONMENTS)}")
    raw_namespaces = body.get("namespaces")
    if raw_namespaces is not None and not isinstance(raw_namespaces, dict):
        raise BadRequest("namespaces must be an object: environment -> namespace")
    namespaces = None if raw_namespaces is None else validate_overrides(raw_namespaces, ENVIRONMENTS, common())
    changed = ProjectRepository(get_store()).set_settings(
        project.id, protected_environments=protected, namespaces=namespaces
    )
    _audit(req, project, "settings", {"protected_environments": protected, "namespaces": namespaces})
    return {"status": "success", "project": view(changed, req.user().sub)}


def rotate_secret(req: Req) -> dict[str, Any]:
    """A new webhook secret for the project's repository, shown once; the old one keeps working
    for ``KLEPAAS_WEBHOOK_SECRET_GRACE_S``."""
    project = _managed(req)
    owner, _, repo = project.name.partition("/")
    docs = Integrations(get_store()).of_repository(owner, repo) if project.kind == "repository" else []
    if not docs:
        raise NotFound(f"{project.name} has no connected repository")
    secret = repo_secrets.rotate(get_store(), docs[0])
    _audit(req, project, "rotate_webhook_secret", {"integration_id": docs[0]["id"]})
    return {
        "status": "success",
        "webhook": {
            "url": repo_secrets.hook_url(),
            "secret": secret,
            "previous_valid_for_s": settings().webhook_secret_grace_s,
        },
    }
