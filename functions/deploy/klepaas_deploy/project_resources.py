"""Handlers of an app's Kubernetes resources inside its project: list, get, apply, delete.

apply and delete are two steps: without ``confirm`` they answer what would happen (a server-side
dry run's diff, or the object that would go) and a digest; with ``confirm`` equal to that digest they
act, if nothing changed meanwhile. The digest is an HMAC bound to the request and to the live
object's resourceVersion, so it cannot be computed without the server, and reveals nothing of a
Secret's values. A confirmed delete in a protected environment is held for an approval.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import DEPLOY_EXECUTE, READ, Principal
from klepaas_shared.errors import BadRequest, Conflict, Forbidden, KlepaasError, Unavailable
from klepaas_shared.http import Req
from klepaas_shared.store import get_store

from .cluster import manifest_policy, resources
from .cluster.diffs import diff
from .cluster.kube import Kube, kube_of
from .cluster.targets import kind_for
from .pipeline.refs import dns_name
from .settings import ENVIRONMENTS, DeploySettings, deploy_settings

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


def _scope(req: Req, scope: str) -> tuple[Principal, DeploySettings, str, str]:
    principal = req.user()
    principal.require(scope)
    settings = deploy_settings()
    project = req.params["project"]
    environment = req.args.get("environment") or "staging"
    return principal, settings, project, environment


def _kube(settings: DeploySettings, project: str, environment: str) -> Kube:
    target = kind_for(settings, project, environment)
    if target == "dry-run":
        raise Unavailable(f"no cluster serves {project} in {environment} (the dry-run target has none)")
    return kube_of(target)


def digest(settings: DeploySettings, payload: Json) -> str:
    key = hashlib.sha256(b"klepaas resources digest\0" + settings.jwt_secret.get_secret_value().encode()).digest()
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return "sha256:" + hmac.new(key, canonical, hashlib.sha256).hexdigest()


def _confirmed(expected: str, given: str | None) -> bool:
    if not given:
        return False
    if not hmac.compare_digest(expected.encode(), given.encode()):
        raise Conflict(
            "confirm does not match: the manifest or the live object changed since the preview; preview again"
        )
    return True


def _audit(principal: Principal, action: str, kind: str, name: str, namespace: str, result: str, sha: str) -> None:
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


def _quiet(kind: str, exc: KlepaasError) -> KlepaasError:
    """A Secret write's error without the cluster's words (they may quote a value)."""
    if kind != "Secret":
        return exc
    return type(exc)(f"the cluster refused the Secret ({exc.code}); check its keys and type")


def _int(req: Req, name: str, default: int, high: int) -> int:
    raw = req.args.get(name) or str(default)
    if not raw.isdigit() or not 1 <= int(raw) <= high:
        raise BadRequest(f"{name} must be an integer from 1 to {high}")
    return int(raw)


def _name(req: Req) -> str:
    name = req.params["name"]
    if len(name) > 253 or not manifest_policy.NAME.match(name):
        raise BadRequest("name must be a Kubernetes name (lower-case letters, digits, '-', '.')")
    return name


def list_resources(req: Req) -> Json:
    _, settings, project, environment = _scope(req, READ)
    namespace = project_namespace(settings, project, environment)
    kind = resources.kind_of(req.params["kind"])
    kube = _kube(settings, project, environment)
    return resources.list_objects(
        kube,
        kind,
        namespace,
        selector=req.args.get("selector") or None,
        limit=_int(req, "limit", 50, 500),
        token=req.args.get("continue") or None,
    )


def get_resource(req: Req) -> Json:
    _, settings, project, environment = _scope(req, READ)
    namespace = project_namespace(settings, project, environment)
    kind = resources.kind_of(req.params["kind"])
    name = _name(req)
    return resources.get_object(_kube(settings, project, environment), kind, namespace, name)


def apply_resource(req: Req) -> Json:
    principal, settings, project, environment = _scope(req, DEPLOY_EXECUTE)
    namespace = project_namespace(settings, project, environment)
    body = req.json(allow_empty=False)
    manifest = manifest_policy.check(manifest_policy.parse(body.get("manifest")), namespace, settings)
    kind, name = manifest.kind, manifest.name
    kube = _kube(settings, project, environment)
    live = resources.read_raw(kube, kind, namespace, name)
    live_version = ((live or {}).get("metadata") or {}).get("resourceVersion")
    sha = digest(settings, {"op": "apply", "namespace": namespace, "manifest": manifest.body, "live": live_version})
    confirm = body.get("confirm")
    if confirm is not None and not isinstance(confirm, str):
        raise BadRequest("confirm must be the digest a preview answered")
    try:
        if not _confirmed(sha, confirm):
            preview = resources.apply(kube, kind, namespace, name, manifest.body, dry_run=True)
            changes = diff(live, preview, secret=kind == "Secret")
            return {
                "state": "preview",
                "kind": kind,
                "name": name,
                "namespace": namespace,
                "creates": live is None,
                "diff": changes,
                "digest": sha,
            }
        result = resources.apply(kube, kind, namespace, name, manifest.body, dry_run=False)
    except KlepaasError as exc:
        if confirm:
            _audit(principal, "apply", kind, name, namespace, f"failed: {exc.code}", sha)
        raise _quiet(kind, exc) from None
    _audit(principal, "apply", kind, name, namespace, "ok", sha)
    return {
        "state": "applied",
        "kind": kind,
        "name": name,
        "namespace": namespace,
        "digest": sha,
        "object": resources.shown({"kind": kind, **result}),
    }


def delete_resource(req: Req) -> Json:
    principal, settings, project, environment = _scope(req, DEPLOY_EXECUTE)
    namespace = project_namespace(settings, project, environment)
    kind = resources.kind_of(req.params["kind"])
    name = _name(req)
    kube = _kube(settings, project, environment)
    live = resources.get_object(kube, kind, namespace, name)
    meta = live.get("metadata") or {}
    sha = digest(
        settings,
        {
            "op": "delete",
            "namespace": namespace,
            "kind": kind,
            "name": name,
            "uid": meta.get("uid"),
            "live": meta.get("resourceVersion"),
        },
    )
    if not _confirmed(sha, req.args.get("confirm")):
        return {
            "state": "preview",
            "kind": kind,
            "name": name,
            "namespace": namespace,
            "would_remove": live,
            "digest": sha,
        }
    try:
        resources.delete(kube, kind, namespace, name)
    except KlepaasError as exc:
        _audit(principal, "delete", kind, name, namespace, f"failed: {exc.code}", sha)
        raise
    _audit(principal, "delete", kind, name, namespace, "ok", sha)
    return {"state": "deleted", "kind": kind, "name": name, "namespace": namespace, "digest": sha}
