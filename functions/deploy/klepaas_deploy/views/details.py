"""get_service and get_deployment: one object in full, in the detail renderers' fields."""

from __future__ import annotations

from typing import Any

from ..cluster.kube import Json, Kube
from ..cluster.workloads import replicas_of
from .listing import service_row


def get_service(kube: Kube, namespace: str, name: str) -> dict[str, Any]:
    svc = kube.read(kube.core.read_namespaced_service, f"read service {name}", name, namespace)
    ep = kube.read(kube.core.read_namespaced_endpoints, f"read endpoints of {name}", name, namespace)
    meta, row = svc.get("metadata", {}), service_row(svc)
    addresses = [
        {
            "ip": a.get("ip"),
            "target_ref": {
                "name": (a.get("targetRef") or {}).get("name"),
                "kind": (a.get("targetRef") or {}).get("kind"),
            },
        }
        for s in ep.get("subsets") or []
        for a in s.get("addresses") or []
    ]
    return {
        "service": {
            **row,
            "creation_timestamp": meta.get("creationTimestamp"),
            "external_ips": [row["external_ip"]] if row["external_ip"] else [],
            "labels": meta.get("labels") or {},
            "annotations": meta.get("annotations") or {},
            "endpoints": {"total": len(addresses), "addresses": addresses},
        },
        "raw": svc,
    }


def _container(c: Json) -> dict[str, Any]:
    return {
        "name": c.get("name"),
        "image": c.get("image"),
        "ports": [
            {
                "container_port": p.get("containerPort"),
                "protocol": p.get("protocol", "TCP"),
                "host_port": p.get("hostPort"),
                "name": p.get("name"),
            }
            for p in c.get("ports") or []
        ],
        "env": [
            {
                "name": e.get("name"),
                "value": e.get("value"),
                "value_from": None
                if not e.get("valueFrom")
                else {
                    "config_map_key_ref": e["valueFrom"].get("configMapKeyRef"),
                    "secret_key_ref": {
                        "name": (e["valueFrom"].get("secretKeyRef") or {}).get("name"),
                        "key": (e["valueFrom"].get("secretKeyRef") or {}).get("key"),
                    }
                    if e["valueFrom"].get("secretKeyRef")
                    else None,
                },
            }
            for e in c.get("env") or []
        ],
        "volume_mounts": [
            {
                "name": m.get("name"),
                "mount_path": m.get("mountPath"),
                "read_only": bool(m.get("readOnly")),
                "sub_path": m.get("subPath"),
            }
            for m in c.get("volumeMounts") or []
        ],
    }


def _volume(v: Json) -> dict[str, Any]:
    kind = next((k for k in v if k != "name"), "unknown")
    return {
        "name": v.get("name"),
        "type": kind,
        "config_map": (v.get("configMap") or {}).get("name"),
        "secret": (v.get("secret") or {}).get("secretName"),
        "pvc": (v.get("persistentVolumeClaim") or {}).get("claimName"),
        "path": (v.get("hostPath") or {}).get("path"),
    }


def get_deployment(kube: Kube, namespace: str, name: str) -> dict[str, Any]:
    dep = kube.read(kube.apps.read_namespaced_deployment, f"read deployment {name}", name, namespace)
    meta, spec = dep.get("metadata", {}), dep.get("spec", {})
    template = spec.get("template", {})
    pod_spec = template.get("spec", {})
    strategy = spec.get("strategy") or {}
    rolling = strategy.get("rollingUpdate") or {}
    rs_items = kube.read(kube.apps.list_namespaced_replica_set, f"list replicasets of {name}", namespace)["items"]
    owned = [r for r in rs_items if any(o.get("name") == name for o in r["metadata"].get("ownerReferences") or [])]
    revision = meta.get("annotations", {}).get("deployment.kubernetes.io/revision")
    new = next(
        (r for r in owned if r["metadata"].get("annotations", {}).get("deployment.kubernetes.io/revision") == revision),
        None,
    )
    events = kube.read(
        kube.core.list_namespaced_event,
        f"list events of {name}",
        namespace,
        field_selector=f"involvedObject.name={name}",
    )["items"]
    return {
        "deployment": {
            "name": name,
            "namespace": namespace,
            "creation_timestamp": meta.get("creationTimestamp"),
            "replicas": {k: v for k, v in replicas_of(dep).items() if k != "ready"},
            "labels": meta.get("labels") or {},
            "annotations": meta.get("annotations") or {},
            "selector": (spec.get("selector") or {}).get("matchLabels") or {},
            "strategy": {
                "type": strategy.get("type", "RollingUpdate"),
                "rolling_update": {
                    "max_unavailable": rolling.get("maxUnavailable"),
                    "max_surge": rolling.get("maxSurge"),
                },
            },
            "min_ready_seconds": int(spec.get("minReadySeconds", 0)),
            "conditions": [
                {"type": c.get("type"), "status": c.get("status"), "reason": c.get("reason", "")}
                for c in dep.get("status", {}).get("conditions") or []
            ],
            "pod_template": {
                "labels": template.get("metadata", {}).get("labels") or {},
                "annotations": template.get("metadata", {}).get("annotations") or {},
                "containers": [_container(c) for c in pod_spec.get("containers") or []],
                "volumes": [_volume(v) for v in pod_spec.get("volumes") or []],
                "node_selector": pod_spec.get("nodeSelector") or {},
                "tolerations": [
                    {
                        "key": t.get("key"),
                        "operator": t.get("operator"),
                        "value": t.get("value"),
                        "effect": t.get("effect"),
                        "toleration_seconds": t.get("tolerationSeconds"),
                    }
                    for t in pod_spec.get("tolerations") or []
                ],
            },
            "replica_sets": {
                "old": [
                    {"name": r["metadata"]["name"], "replicas": int(r.get("spec", {}).get("replicas", 0))}
                    for r in owned
                    if r is not new
                ],
                "new": None
                if new is None
                else {"name": new["metadata"]["name"], "replicas": int(new.get("spec", {}).get("replicas", 0))},
            },
            "events": [
                {
                    "type": e.get("type", "Normal"),
                    "reason": e.get("reason", ""),
                    "message": e.get("message", ""),
                    "count": int(e.get("count") or 1),
                }
                for e in events
            ],
        },
        "raw": dep,
    }
