"""Kubernetes manifests for a repository that has none: a Deployment, a Service and an Ingress.

The container port comes from the Dockerfile's last ``EXPOSE`` (the final build stage's), or 8080
when there is none or it is not a literal port.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8080
MANIFEST_DIR = "k8s"
_EXPOSE = re.compile(r"^\s*EXPOSE\s+(.+)$", re.IGNORECASE)
_KINDS = re.compile(r"^kind:\s*(Deployment|Service|Ingress)\s*$", re.MULTILINE)


def container_port(dockerfile: str) -> int:
    """The port the image listens on, from the last ``EXPOSE`` of ``dockerfile``."""
    port = DEFAULT_PORT
    for line in dockerfile.replace("\\\n", " ").splitlines():
        match = _EXPOSE.match(line)
        if match is None:
            continue
        first = match.group(1).split()[0].split("/")[0]
        port = int(first) if first.isdigit() and 0 < int(first) < 65536 else DEFAULT_PORT
    return port


def has_manifests(checkout: Path) -> bool:
    """Whether the checkout already carries a Deployment, Service or Ingress anywhere."""
    for path in checkout.rglob("*.y*ml"):
        if ".git" in path.parts or not path.is_file():
            continue
        if _KINDS.search(path.read_text(errors="replace")):
            return True
    return False


def render(app: str, image: str, port: int, *, namespace: str, host: str, replicas: int = 1) -> dict[str, str]:
    """File name → YAML for the three objects of ``app``."""
    import yaml  # type: ignore[import-untyped]

    labels = {"app": app}
    meta = {"name": app, "namespace": namespace, "labels": labels}
    deployment: dict[str, Any] = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta,
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [{"name": app, "image": image, "ports": [{"containerPort": port}]}]},
            },
        },
    }
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta,
        "spec": {"selector": labels, "ports": [{"port": 80, "targetPort": port, "protocol": "TCP"}]},
    }
    backend = {"service": {"name": app, "port": {"number": 80}}}
    ingress = {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": meta,
        "spec": {
            "rules": [{"host": host, "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": backend}]}}]
        },
    }
    docs = {"deployment.yaml": deployment, "service.yaml": service, "ingress.yaml": ingress}
    return {name: yaml.safe_dump(doc, sort_keys=False) for name, doc in docs.items()}


def add_if_missing(checkout: Path, app: str, image: str, *, namespace: str, host: str) -> list[str]:
    """Write manifests into ``checkout/k8s`` unless it has some; the relative paths written."""
    if has_manifests(checkout):
        return []
    dockerfile = checkout / "Dockerfile"
    port = container_port(dockerfile.read_text(errors="replace")) if dockerfile.is_file() else DEFAULT_PORT
    target = checkout / MANIFEST_DIR
    target.mkdir(exist_ok=True)
    written = []
    for name, text in render(app, image, port, namespace=namespace, host=host).items():
        (target / name).write_text(text)
        written.append(f"{MANIFEST_DIR}/{name}")
    return written
