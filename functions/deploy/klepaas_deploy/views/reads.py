"""Read operations: answered at once, from the cluster of the app (or the default cluster)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import BadRequest
from klepaas_shared.records.deployments import Deployments

from ..cluster import prometheus
from ..operations import rollbacks
from ..operations.context import Ctx
from ..pipeline.refs import AppRef, dns_name, resolve
from . import details, listing, overview, status

_LISTS = {
    "list_pods": listing.pods,
    "list_deployments": listing.deployments,
    "list_services": listing.services,
    "list_ingresses": listing.ingresses,
    "list_namespaces": listing.namespaces,
    "list_endpoints": listing.endpoints,
    "events": listing.events,
}
_NOUN = {
    "list_pods": "pods",
    "list_deployments": "deployments",
    "list_services": "services",
    "list_ingresses": "ingresses",
    "list_namespaces": "namespaces",
    "list_endpoints": "endpoints",
    "events": "events",
}


def _ref(ctx: Ctx, args: dict[str, Any]) -> AppRef | None:
    named = any(args.get(k) for k in ("github_owner", "github_repo", "owner", "repo", "app_name"))
    return resolve(args, ctx.settings, ctx.project) if named else None


def run(ctx: Ctx, kind: str, args: dict[str, Any]) -> tuple[Any, str]:
    """``(data, message)`` of a read."""
    if kind == "list_rollback":
        data = rollbacks.candidates(ctx, args)
        count = data["total_available"]
        return data, f"{count} earlier version{'' if count == 1 else 's'} can be restored"
    if kind == "deployment_history":
        ref = resolve(args, ctx.settings, ctx.project)
        items = Deployments(ctx.store).of_repository(ref.owner, ref.repo or ref.app, limit=int(args.get("limit") or 20))
        return {"items": items, "total": len(items)}, f"{len(items)} deployments of {ref.repository}"
    if kind == "query_metrics":
        return prometheus.query(ctx.settings, args)
    target = _ref(ctx, args)
    if target is not None and not args.get("namespace"):
        args = {**args, "namespace": target.namespace}
    kube = ctx.kube(target)
    if kube is None:
        return {"dry_run": True, "items": [], "total": 0, "namespace": args.get("namespace") or "default"}, (
            "no cluster is configured (dry-run target): nothing to read"
        )
    app = target.app if target else None
    if kind in _LISTS:
        data = _LISTS[kind](kube, args)
        return data, f"{data['total']} {_NOUN[kind]}" + (f" in {data['namespace']}" if "namespace" in data else "")
    namespace = dns_name(str(args.get("namespace") or "default"), "namespace")
    if kind == "status":
        data = status.status(kube, args, app)
        return (
            data,
            f"{data['resource_type']} status in {namespace}: {'healthy' if data['is_healthy'] else 'unhealthy'}",
        )
    if kind == "logs":
        pod = args.get("pod_name") or app
        if not pod:
            raise BadRequest("name the pod: pod_name, or a target")
        lines = args.get("lines", 30)
        if isinstance(lines, bool) or not isinstance(lines, int):
            raise BadRequest("lines must be an integer")
        since = args.get("since_seconds")
        if since is not None and (isinstance(since, bool) or not isinstance(since, int) or since < 1):
            raise BadRequest("since_seconds must be a positive integer")
        container = str(args["container"]) if args.get("container") else None
        data = status.logs(kube, namespace, str(pod), lines, bool(args.get("previous", False)), container, since)
        return data, f"the last {data['total_lines']} log lines of {data['pod_name']}"
    if kind == "endpoint":
        data = status.endpoint(kube, args, app)
        return data, f"{data['service_name']}: {data['accessible_url'] or data['service_endpoint']}"
    if kind == "get_service":
        name = args.get("service_name") or (f"{app}-svc" if app else None)
        if not name:
            raise BadRequest("name the service: service_name")
        data = details.get_service(kube, namespace, dns_name(str(name), "service_name"))
        return data, f"service {name} in {namespace}"
    if kind == "get_deployment":
        name = args.get("deployment_name") or app
        if not name:
            raise BadRequest("name the deployment: deployment_name")
        data = details.get_deployment(kube, namespace, dns_name(str(name), "deployment_name"))
        return data, f"deployment {name} in {namespace}"
    if kind == "overview":
        return overview.overview(kube, args, ctx.settings), "cluster overview"
    if kind == "cost_analysis":
        data = overview.cost(kube, args, ctx.settings)
        return data, f"estimated cost: {data['current_cost']:,} KRW per month"
    raise BadRequest(f"unknown read operation {kind}")
