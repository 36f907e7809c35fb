"""The Deployment, Service and Ingress of an app, as the deploy operation creates or patches them."""

from __future__ import annotations

from typing import Any

from ..pipeline.refs import AppRef
from ..settings import DeploySettings

MANAGED_BY = {"app.kubernetes.io/managed-by": "klepaas"}


def labels(ref: AppRef) -> dict[str, str]:
    return {"app": ref.app, "app.kubernetes.io/name": ref.app, "klepaas.io/environment": ref.environment, **MANAGED_BY}


def notes(ref: AppRef, commit_sha: str) -> dict[str, str]:
    found = {"klepaas.io/repository": ref.repository}
    if commit_sha:
        found["klepaas.io/commit"] = commit_sha
    return found


def deployment(ref: AppRef, image: str, replicas: int, commit_sha: str, settings: DeploySettings) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": ref.app,
            "namespace": ref.namespace,
            "labels": labels(ref),
            "annotations": notes(ref, commit_sha),
        },
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": ref.app}},
            "template": {
                "metadata": {"labels": labels(ref), "annotations": notes(ref, commit_sha)},
                "spec": {
                    "containers": [
                        {
                            "name": ref.app,
                            "image": image,
                            "ports": [{"containerPort": settings.container_port, "protocol": "TCP"}],
                            "resources": settings.container_resources,
                        }
                    ]
                },
            },
        },
    }


def image_patch(ref: AppRef, image: str, commit_sha: str, replicas: int | None) -> dict[str, Any]:
    """A strategic-merge patch that sets the image (containers merge by name) and the commit."""
    patch: dict[str, Any] = {
        "metadata": {"annotations": notes(ref, commit_sha)},
        "spec": {
            "template": {
                "metadata": {"annotations": notes(ref, commit_sha)},
                "spec": {"containers": [{"name": ref.app, "image": image}]},
            }
        },
    }
    if replicas is not None:
        patch["spec"]["replicas"] = replicas
    return patch


def service(ref: AppRef, settings: DeploySettings) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": f"{ref.app}-svc", "namespace": ref.namespace, "labels": labels(ref)},
        "spec": {
            "type": "ClusterIP",
            "selector": {"app": ref.app},
            "ports": [{"name": "http", "port": 80, "targetPort": settings.container_port, "protocol": "TCP"}],
        },
    }


def host(ref: AppRef, settings: DeploySettings) -> str:
    return app_host(ref.repo, ref.app, ref.environment, settings.app_domain)


def app_host(repo: str, app: str, environment: str, domain: str) -> str:
    """The ingress host an app is served at: its repository's name (else the app's), with the
    environment after it unless it is production ("shop-staging.klepaas.app")."""
    suffix = "" if environment == "production" else f"-{environment}"
    base = repo.lower().replace("_", "-").replace(".", "-") if repo else app
    return f"{base}{suffix}.{domain}"


def ingress(ref: AppRef, settings: DeploySettings) -> dict[str, Any]:
    name = host(ref, settings)
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {"name": ref.app, "namespace": ref.namespace, "labels": labels(ref)},
        "spec": {
            "ingressClassName": settings.ingress_class,
            "tls": [{"hosts": [name], "secretName": f"{ref.app}-tls"}],
            "rules": [
                {
                    "host": name,
                    "http": {
                        "paths": [
                            {
                                "path": "/",
                                "pathType": "Prefix",
                                "backend": {"service": {"name": f"{ref.app}-svc", "port": {"number": 80}}},
                            }
                        ]
                    },
                }
            ],
        },
    }
