"""Lists of pods, deployments, services, ingresses, namespaces and endpoints, in the renderers' fields."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import BadRequest

from ..cluster.kube import Json, Kube
from ..cluster.workloads import age, pod_summary


def _ns(args: dict[str, Any]) -> str:
    return str(args.get("namespace") or "default")


def _query(args: dict[str, Any]) -> dict[str, Any]:
    """The list options the caller may pass through: selectors and Kubernetes' own paging."""
    options: dict[str, Any] = {}
    for arg, option in (("label_selector", "label_selector"), ("field_selector", "field_selector")):
        if args.get(arg):
            options[option] = str(args[arg])
    if args.get("limit") is not None:
        limit = args["limit"]
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 500:
            raise BadRequest("limit must be an integer from 1 to 500")
        options["limit"] = limit
    if args.get("continue"):
        options["_continue"] = str(args["continue"])
    return options


def _listed(kube: Kube, noun: str, in_namespace: Any, everywhere: Any, args: dict[str, Any]) -> tuple[Json, str]:
    """``(the list, the namespace it covers)``: one namespace, or all of them with ``all_namespaces``."""
    if args.get("all_namespaces"):
        return kube.read(everywhere, f"list {noun} in all namespaces", **_query(args)), "all"
    namespace = _ns(args)
    return kube.read(in_namespace, f"list {noun} in {namespace}", namespace, **_query(args)), namespace


def _page(found: Json) -> dict[str, Any]:
    meta = found.get("metadata") or {}
    return {"continue": meta["continue"]} if meta.get("continue") else {}


def pods(kube: Kube, args: dict[str, Any]) -> dict[str, Any]:
    core = kube.core
    found, namespace = _listed(kube, "pods", core.list_namespaced_pod, core.list_pod_for_all_namespaces, args)
    items = [pod_summary(p) for p in found["items"]]
    counts = {k: sum(1 for p in items if p["phase"].lower() == k) for k in ("running", "pending", "failed")}
    return {"namespace": namespace, "items": items, "total": len(items), **counts, **_page(found)}


def events(kube: Kube, args: dict[str, Any]) -> dict[str, Any]:
    """Events, newest first; ``object_name`` narrows them to one object (``involvedObject.name``)."""
    if args.get("object_name"):
        named = f"involvedObject.name={args['object_name']}"
        args = {**args, "field_selector": ",".join(f for f in (args.get("field_selector"), named) if f)}
    core = kube.core
    found, namespace = _listed(kube, "events", core.list_namespaced_event, core.list_event_for_all_namespaces, args)
    items = []
    for e in found["items"]:
        involved = e.get("involvedObject") or {}
        seen = e.get("lastTimestamp") or e.get("eventTime") or (e.get("metadata") or {}).get("creationTimestamp")
        items.append(
            {
                "namespace": (e.get("metadata") or {}).get("namespace", ""),
                "type": e.get("type", "Normal"),
                "reason": e.get("reason", ""),
                "object": f"{str(involved.get('kind', '')).lower()}/{involved.get('name', '')}",
                "message": e.get("message", ""),
                "count": int(e.get("count") or 1),
                "last_seen": seen,
            }
        )
    items.sort(key=lambda i: str(i["last_seen"] or ""), reverse=True)
    return {"namespace": namespace, "items": items, "total": len(items), **_page(found)}


def deployments(kube: Kube, args: dict[str, Any]) -> dict[str, Any]:
    apps = kube.apps
    listed, namespace = _listed(
        kube, "deployments", apps.list_namespaced_deployment, apps.list_deployment_for_all_namespaces, args
    )
    found = listed["items"]
    items = []
    for d in found:
        spec, status = d.get("spec", {}), d.get("status", {})
        items.append(
            {
                "name": d["metadata"]["name"],
                "namespace": d["metadata"].get("namespace") or namespace,
                "ready": f"{int(status.get('readyReplicas', 0))}/{int(spec.get('replicas', 0))}",
                "up_to_date": int(status.get("updatedReplicas", 0)),
                "available": int(status.get("availableReplicas", 0)),
                "age": age(d["metadata"].get("creationTimestamp")),
            }
        )
    return {"namespace": namespace, "items": items, "total": len(items), **_page(listed)}


def service_row(s: Json) -> dict[str, Any]:
    spec, meta = s.get("spec", {}), s.get("metadata", {})
    ingress = (s.get("status", {}).get("loadBalancer", {}) or {}).get("ingress") or []
    external = [i.get("ip") or i.get("hostname") for i in ingress] + list(spec.get("externalIPs") or [])
    return {
        "name": meta.get("name", ""),
        "namespace": meta.get("namespace", ""),
        "type": spec.get("type", "ClusterIP"),
        "cluster_ip": spec.get("clusterIP") or "",
        "external_ip": next((e for e in external if e), None) or "",
        "ports": [
            {
                "name": p.get("name") or "",
                "port": p.get("port"),
                "target_port": p.get("targetPort"),
                "protocol": p.get("protocol", "TCP"),
                "node_port": p.get("nodePort"),
            }
            for p in spec.get("ports") or []
        ],
        "selector": spec.get("selector") or {},
        "age": age(meta.get("creationTimestamp")),
    }


def services(kube: Kube, args: dict[str, Any]) -> dict[str, Any]:
    core = kube.core
    found, namespace = _listed(
        kube, "services", core.list_namespaced_service, core.list_service_for_all_namespaces, args
    )
    items = [service_row(s) for s in found["items"]]
    return {"namespace": namespace, "items": items, "total": len(items), **_page(found)}


def ingress_row(i: Json) -> dict[str, Any]:
    spec, meta = i.get("spec", {}), i.get("metadata", {})
    tls_hosts = {h for t in spec.get("tls") or [] for h in t.get("hosts") or []}
    rules = spec.get("rules") or []
    first: Json = next((p for r in rules for p in (r.get("http") or {}).get("paths") or []), {})
    backend = (first.get("backend") or {}).get("service") or {}
    hosts = [r["host"] for r in rules if r.get("host")]
    lb = (i.get("status", {}).get("loadBalancer", {}) or {}).get("ingress") or []
    return {
        "name": meta.get("name", ""),
        "namespace": meta.get("namespace", ""),
        "class": spec.get("ingressClassName") or "",
        "hosts": hosts,
        "service_name": backend.get("name", ""),
        "port": (backend.get("port") or {}).get("number"),
        "path": first.get("path") or "/",
        "has_tls": bool(tls_hosts),
        "urls": [
            f"{'https' if h in tls_hosts else 'http'}://{h}{'' if (first.get('path') or '/') == '/' else first['path']}"
            for h in hosts
        ],
        "address": next((x.get("ip") or x.get("hostname") for x in lb), "") or "",
        "age": age(meta.get("creationTimestamp")),
    }


def ingresses(kube: Kube, args: dict[str, Any]) -> dict[str, Any]:
    if args.get("namespace"):
        found = kube.read(kube.networking.list_namespaced_ingress, "list ingresses", _ns(args))["items"]
    else:
        found = kube.read(kube.networking.list_ingress_for_all_namespaces, "list ingresses in all namespaces")["items"]
    items = [ingress_row(i) for i in found]
    return {"namespace": args.get("namespace") or "all", "items": items, "total": len(items)}


def namespaces(kube: Kube, args: dict[str, Any]) -> dict[str, Any]:
    found = kube.read(kube.core.list_namespace, "list namespaces")["items"]
    items = [
        {
            "name": n["metadata"]["name"],
            "status": n.get("status", {}).get("phase", "Active"),
            "age": age(n["metadata"].get("creationTimestamp")),
        }
        for n in found
    ]
    return {"items": items, "total": len(items)}


def endpoints(kube: Kube, args: dict[str, Any]) -> dict[str, Any]:
    namespace = _ns(args)
    svcs = services(kube, args)["items"]
    ings = ingresses(kube, {"namespace": namespace})["items"]
    items = []
    for s in svcs:
        domains = [
            {"domain": h, "path": i["path"], "ingress_name": i["name"]}
            for i in ings
            if i["service_name"] == s["name"]
            for h in i["hosts"]
        ]
        port = s["ports"][0]["port"] if s["ports"] else None
        items.append(
            {
                "service_name": s["name"],
                "service_type": s["type"],
                "cluster_ip": s["cluster_ip"],
                "ports": [
                    {"port": p["port"], "target_port": p["target_port"], "protocol": p["protocol"]} for p in s["ports"]
                ],
                "service_endpoint": f"{s['name']}.{namespace}.svc.cluster.local" + (f":{port}" if port else ""),
                "ingress_domains": domains,
                "external_access": {"address": s["external_ip"], "ports": [{"port": p["port"]} for p in s["ports"]]}
                if s["external_ip"]
                else None,
            }
        )
    return {"namespace": namespace, "items": items, "total": len(items)}
