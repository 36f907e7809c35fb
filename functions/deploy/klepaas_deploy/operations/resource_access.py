"""Where a project's resources live and what an act on them leaves behind: the namespace (never a
system one), the cluster, the digest that binds a confirmation, and the audit record."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import Principal
from klepaas_shared.errors import BadRequest, Forbidden, KlepaasError, Unavailable
from klepaas_shared.namespaces import derive, is_system
from klepaas_shared.policy import Action, Decision, enforce
from klepaas_shared.projects import Project, ProjectRepository, app_id, checked_id
from klepaas_shared.store import get_store

from ..cluster import resources
from ..cluster.kube import Kube, kube_of
from ..cluster.targets import kind_for
from ..pipeline.refs import dns_name
from ..settings import ENVIRONMENTS, DeploySettings

Json = dict[str, Any]


def project_of(project: str) -> tuple[str, Project | None]:
    """The project a resources path names: ``app:<name>``, ``repo:<owner>~<repo>``, or a bare app
    name (an app deployed by name). Answers its id and its record (None when nobody claimed it)."""
    project_id = checked_id(project) if ":" in project else app_id(dns_name(project, "project"))
    return project_id, ProjectRepository(get_store()).get(project_id)


def app_of(project_id: str) -> str:
    """The app (Kubernetes name) of a project id: the app's name, or the repository's."""
    return project_id.split("~", 1)[1] if project_id.startswith("repo:") else project_id.split(":", 1)[1]


def authorize(
    settings: DeploySettings, who: Principal, action: Action, project: str, environment: str
) -> tuple[str, str, Decision]:
    """The policy's word on ``action`` over ``project``'s resources in ``environment``: the app, its
    derived namespace (never a system one: those are not an app's to read or change) and the
    decision (403 on a denial, audited by the policy)."""
    if environment not in ENVIRONMENTS:
        raise BadRequest(f"environment must be one of {', '.join(ENVIRONMENTS)}")
    project_id, record_ = project_of(project)
    namespace = derive(record_, environment, settings)
    if is_system(namespace, settings):  # a project's resources never live there, whoever asks
        raise Forbidden(f"{namespace} is a system namespace; its resources are not reachable through K-Le-PaaS")
    decision = enforce(
        get_store(),
        who,
        action,
        record_,
        target=f"{project_id}/{environment}",
        source="mcp" if who.via_service == "mcp" else "console",
        environment=environment,
        namespace=namespace,
        settings=settings,
    )
    return app_of(project_id), namespace, decision


def kube_for(settings: DeploySettings, project: str, environment: str) -> Kube:
    return kube(settings, project, environment)


def kube(settings: DeploySettings, project: str, environment: str) -> Kube:
    target = kind_for(settings, project, environment)
    if target == "dry-run":
        raise Unavailable(f"no cluster serves {project} in {environment} (the dry-run target has none)")
    return kube_of(target)


def digest(settings: DeploySettings, payload: Json) -> str:
    key = hashlib.sha256(b"klepaas resources digest\0" + settings.jwt_secret.get_secret_value().encode()).digest()
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return "sha256:" + hmac.new(key, canonical, hashlib.sha256).hexdigest()


def delete_digest(settings: DeploySettings, namespace: str, kind: str, live: Json) -> str:
    """Bound to the object's uid and resourceVersion: any change since the preview voids it."""
    meta = live.get("metadata") or {}
    payload = {"op": "delete", "namespace": namespace, "kind": kind, "name": meta.get("name"), "uid": meta.get("uid")}
    return digest(settings, payload | {"live": meta.get("resourceVersion")})


def record(principal: Principal, action: str, kind: str, name: str, namespace: str, result: str, sha: str) -> None:
    audit.record(
        get_store(),
        actor=principal.sub,
        action=f"resources.{action}",
        target=f"{namespace}/{kind}/{name}",
        source="mcp" if principal.via_service == "mcp" else "console",
        result=result,
        details={"kind": kind, "name": name, "namespace": namespace, "digest": sha},
        via=principal.via_service,
    )


def delete_now(principal: Principal, kube: Kube, kind: str, namespace: str, name: str, sha: str) -> None:
    try:
        resources.delete(kube, kind, namespace, name)
    except KlepaasError as exc:
        record(principal, "delete", kind, name, namespace, f"failed: {exc.code}", sha)
        raise
    record(principal, "delete", kind, name, namespace, "ok", sha)
