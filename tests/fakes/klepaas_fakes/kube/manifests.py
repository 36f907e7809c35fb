"""Realistic manifests for seeding: a node (conditions, capacity), an app's deployment, service, ingress."""

from __future__ import annotations

import secrets

from .meta import Obj

_STAMP = "2025-01-01T00:00:00Z"
_PRESSURES = (
    ("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
)


def _condition(kind: str, ok: bool, reason: str, message: str) -> Obj:
    return {
        "type": kind,
        "status": "True" if ok else "False",
        "reason": reason,
        "message": message,
        "lastHeartbeatTime": _STAMP,
        "lastTransitionTime": _STAMP,
    }


def node(name: str, *, ready: bool, capacity: dict[str, str], ip: str, labels: dict[str, str]) -> Obj:
    conditions = [_condition(kind, False, reason, message) for kind, reason, message in _PRESSURES]
    if ready:
        conditions.append(_condition("Ready", True, "KubeletReady", "kubelet is posting ready status"))
    else:
        conditions.append(_condition("Ready", False, "KubeletNotReady", "container runtime network not ready"))
    system = {
        "machineID": secrets.token_hex(16),
        "systemUUID": secrets.token_hex(16),
        "bootID": secrets.token_hex(16),
        "kernelVersion": "6.1.0-18-cloud-amd64",
        "osImage": "Ubuntu 22.04.4 LTS",
        "containerRuntimeVersion": "containerd://1.7.13",
        "kubeletVersion": "v1.31.0",
        "kubeProxyVersion": "v1.31.0",
        "operatingSystem": "linux",
        "architecture": "amd64",
    }
    host_labels = {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}
    return {
        "metadata": {"name": name, "labels": {**host_labels, **labels}},
        "spec": {"podCIDR": "10.244.0.0/24", "providerID": f"standin://{name}"},
        "status": {
            "capacity": dict(capacity),
            "allocatable": dict(capacity),
            "conditions": conditions,
            "addresses": [{"type": "InternalIP", "address": ip}, {"type": "Hostname", "address": name}],
            "nodeInfo": system,
        },
    }


def deployment(
    namespace: str,
    name: str,
    image: str,
    *,
    replicas: int,
    port: int,
    labels: dict[str, str],
    annotations: dict[str, str],
    env: dict[str, str],
) -> Obj:
    pod_labels = {"app": name, "app.kubernetes.io/name": name, **labels}
    container: Obj = {"name": name, "image": image, "ports": [{"name": "http", "containerPort": port}]}
    if env:
        container["env"] = [{"name": key, "value": value} for key, value in env.items()]
    return {
        "metadata": {
            "name": name,
            "namespace": namespace,
            "labels": {**pod_labels, "app.kubernetes.io/managed-by": "klepaas"},
            "annotations": dict(annotations),
        },
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": pod_labels}, "spec": {"containers": [container]}},
        },
    }


def service(namespace: str, name: str, app: str, *, kind: str, port: int, labels: dict[str, str]) -> Obj:
    return {
        "metadata": {"name": name, "namespace": namespace, "labels": labels},
        "spec": {
            "type": kind,
            "selector": {"app": app},
            "ports": [{"name": "http", "port": 80, "targetPort": port, "protocol": "TCP"}],
        },
    }


def ingress(
    namespace: str, name: str, service_name: str, *, host: str, tls_secret: str | None, labels: dict[str, str]
) -> Obj:
    backend = {"service": {"name": service_name, "port": {"number": 80}}}
    spec: Obj = {
        "ingressClassName": "nginx",
        "rules": [{"host": host, "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": backend}]}}],
    }
    if tls_secret:
        spec["tls"] = [{"hosts": [host], "secretName": tls_secret}]
    return {"metadata": {"name": name, "namespace": namespace, "labels": labels}, "spec": spec}
