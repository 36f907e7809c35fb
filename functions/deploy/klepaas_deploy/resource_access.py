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
from klepaas_shared.store import get_store

from .cluster import resources
from .cluster.kube import Kube, kube_of
from .cluster.targets import kind_for
from .pipeline.refs import dns_name
from .settings import ENVIRONMENTS, DeploySettings

Json = dict[str, Any]
SYSTEM_NAMESPACES = frozenset({"kube-system", "kube-public", "kube-node-lease"})


def project_namespace(settings: DeploySettings, project: str, environment: str) -> str:
    """The namespace of ``project``'s app in ``environment`` (the environment → namespace rule);
    a system namespace is never one."""
    dns_name(project, "project")
    if environment not in ENVIRONMENTS:
        raise BadRequest(f"environment must be one of {', '.join(ENVIRONMENTS)}")
    namespace = settings.namespace_for(environment)
    if namespace in SYSTEM_NAMESPACES or namespace.startswith("kube-"):
        raise Forbidden(f"{namespace} is a system namespace; its resources are not reachable through K-Le-PaaS")
    return namespace


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
