"""Handlers of an app's Kubernetes resources inside its project: list, get, apply, delete.

apply and delete are two steps: without ``confirm`` they answer what would happen (a server-side
dry run's diff, or the object that would go) and a digest; with ``confirm`` equal to that digest they
act, if nothing changed meanwhile. The digest is an HMAC bound to the request and to the live
object's resourceVersion, so it cannot be computed without the server, and reveals nothing of a
Secret's values. A confirmed delete in a protected environment is held for an approval.
"""

from __future__ import annotations

import hmac
from typing import Any

from klepaas_shared.auth import DEPLOY_EXECUTE, READ, Principal
from klepaas_shared.errors import BadRequest, Conflict, Forbidden, KlepaasError
from klepaas_shared.http import Req
from klepaas_shared.policy import Action, Decision

from .cluster import manifest_policy, resources
from .cluster.diffs import diff
from .operations.held_deletes import hold_delete
from .operations.resource_access import authorize, delete_digest, delete_now, digest, kube_for, record
from .settings import DeploySettings, deploy_settings

Json = dict[str, Any]


def _scope(req: Req, scope: str, action: Action) -> tuple[Principal, DeploySettings, str, str, str, Decision]:
    """Who asks, the settings, and the policy's answer: the app, its environment and namespace."""
    principal = req.user()
    principal.require(scope)
    settings = deploy_settings()
    environment = req.args.get("environment") or "staging"
    app, namespace, decision = authorize(settings, principal, action, req.params["project"], environment)
    return principal, settings, app, environment, namespace, decision


def _confirmed(expected: str, given: str | None) -> bool:
    if not given:
        return False
    if not hmac.compare_digest(expected.encode(), given.encode()):
        raise Conflict(
            "confirm does not match: the manifest or the live object changed since the preview; preview again"
        )
    return True


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
    _, settings, project, environment, namespace, _ = _scope(req, READ, Action.READ)
    kind = resources.kind_of(req.params["kind"])
    kube = kube_for(settings, project, environment)
    return resources.list_objects(
        kube,
        kind,
        namespace,
        selector=req.args.get("selector") or None,
        limit=_int(req, "limit", 50, 500),
        token=req.args.get("continue") or None,
    )


def get_resource(req: Req) -> Json:
    _, settings, project, environment, namespace, _ = _scope(req, READ, Action.READ)
    kind = resources.kind_of(req.params["kind"])
    name = _name(req)
    return resources.get_object(kube_for(settings, project, environment), kind, namespace, name)


def apply_resource(req: Req) -> Json:
    principal, settings, project, environment, namespace, decision = _scope(req, DEPLOY_EXECUTE, Action.CONFIG)
    if decision.verdict == "needs_approval":
        raise Forbidden(
            f"{environment} is protected: applying resources there is not offered yet; "
            "change them in a non-protected environment or through a reviewed deploy"
        )
    body = req.json(allow_empty=False)
    manifest = manifest_policy.check(manifest_policy.parse(body.get("manifest")), namespace, settings)
    kind, name = manifest.kind, manifest.name
    kube = kube_for(settings, project, environment)
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
            record(principal, "apply", kind, name, namespace, f"failed: {exc.code}", sha)
        raise _quiet(kind, exc) from None
    record(principal, "apply", kind, name, namespace, "ok", sha)
    return {
        "state": "applied",
        "kind": kind,
        "name": name,
        "namespace": namespace,
        "digest": sha,
        "object": resources.shown({"kind": kind, **result}),
    }


def delete_resource(req: Req) -> Json:
    principal, settings, project, environment, namespace, decision = _scope(req, DEPLOY_EXECUTE, Action.CONFIG)
    kind = resources.kind_of(req.params["kind"])
    name = _name(req)
    kube = kube_for(settings, project, environment)
    live = resources.get_object(kube, kind, namespace, name)
    sha = delete_digest(settings, namespace, kind, live)
    answer: Json = {"kind": kind, "name": name, "namespace": namespace, "digest": sha}
    if not _confirmed(sha, req.args.get("confirm")):
        return {"state": "preview", **answer, "would_remove": live}
    if decision.verdict == "needs_approval":
        held = hold_delete(principal, settings, project, environment, answer)
        record(principal, "delete", kind, name, namespace, "held for approval", sha)
        return {"state": "held", **answer, **held}
    delete_now(principal, kube, kind, namespace, name, sha)
    return {"state": "deleted", **answer}
