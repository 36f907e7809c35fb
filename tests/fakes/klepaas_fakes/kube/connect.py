"""How clients reach the stand-in: a client Configuration, an ApiClient, or a kubeconfig file."""

from __future__ import annotations

import json
from pathlib import Path

from kubernetes.client import ApiClient, Configuration


def configuration(url: str, token: str) -> Configuration:
    config = Configuration(host=url)
    config.api_key = {"authorization": token}
    config.api_key_prefix = {"authorization": "Bearer"}
    return config


def api_client(url: str, token: str) -> ApiClient:
    return ApiClient(configuration(url, token))


def write_kubeconfig(path: str | Path, url: str, token: str, *, namespace: str, context: str) -> Path:
    """A kubeconfig (JSON is valid YAML) with the server, a token user and a default namespace."""
    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": context, "cluster": {"server": url}}],
        "users": [{"name": context, "user": {"token": token}}],
        "contexts": [{"name": context, "context": {"cluster": context, "user": context, "namespace": namespace}}],
        "current-context": context,
    }
    target = Path(path)
    target.write_text(json.dumps(doc, indent=2))
    return target
