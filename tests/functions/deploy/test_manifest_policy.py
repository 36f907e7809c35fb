"""Hostile manifests are refused before any cluster sees them, each with what and why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from klepaas_deploy.cluster import manifest_policy
from klepaas_deploy.settings import deploy_settings
from klepaas_fakes.env import klepaas_env
from klepaas_shared.errors import BadRequest, PayloadTooLarge, ValidationFailed

NS = "team-a"
IMAGE = "registry.example.com/acme/web:v1"


@pytest.fixture(autouse=True)
def _registries() -> Iterator[None]:
    with klepaas_env({"KLEPAAS_RESOURCE_IMAGE_REGISTRIES": "registry.example.com"}):
        deploy_settings.cache_clear()
        yield
    deploy_settings.cache_clear()


def deployment(**pod: Any) -> dict[str, Any]:
    containers = pod.pop("containers", [{"name": "web", "image": IMAGE}])
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web"},
        "spec": {
            "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": containers, **pod}},
        },
    }


def check(doc: Any) -> manifest_policy.Manifest:
    return manifest_policy.check(manifest_policy.parse(doc), NS, deploy_settings())


def test_a_good_deployment_passes_and_gets_the_project_namespace() -> None:
    manifest = check(deployment())
    assert (manifest.kind, manifest.name, manifest.body["metadata"]["namespace"]) == ("Deployment", "web", NS)


def test_yaml_and_json_text_are_both_read() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: '1'\n"
    assert check(text).body["data"] == {"a": "1"}
    assert check(json.dumps(deployment())).name == "web"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a: &x [1, 2]\nb: [*x, *x, *x]\n", "anchors and aliases"),
        ("kind: !!python/object/apply:os.system ['id']\n", "tags"),
        ("kind: !!str ConfigMap\n", "tags"),
        ("kind: ConfigMap\n---\nkind: Secret\n", "one manifest"),
    ],
)
def test_yaml_tags_anchors_aliases_and_several_documents_are_refused(text: str, why: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        manifest_policy.parse(text)
    assert why in refused.value.message


def test_a_billion_laughs_is_refused_at_the_first_anchor() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    with pytest.raises(ValidationFailed, match="anchors and aliases"):
        manifest_policy.parse("\n".join(lines))


def test_more_than_256_kib_is_413_and_not_yaml_is_400() -> None:
    big = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "big"}, "data": {"a": "x" * 270_000}}
    with pytest.raises(PayloadTooLarge):
        manifest_policy.parse(big)
    with pytest.raises(PayloadTooLarge):
        manifest_policy.parse(json.dumps(big))
    with pytest.raises(BadRequest, match="not valid YAML"):
        manifest_policy.parse("a: [unclosed")
    with pytest.raises(BadRequest, match="one Kubernetes object"):
        manifest_policy.parse("- a\n- b\n")


@pytest.mark.parametrize(
    ("doc", "why"),
    [
        ({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}, "cluster-scoped"),
        (
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "x"}},
            "cluster-scoped",
        ),
        ({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}}, "is not one of"),
        ({"apiVersion": "apps/v1beta1", "kind": "Deployment", "metadata": {"name": "x"}}, "apiVersion apps/v1"),
        (
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "kube-system"}},
            "not the project's namespace",
        ),
        (deployment(hostNetwork=True), "hostNetwork"),
        (deployment(hostPID=True), "hostPID"),
        (deployment(volumes=[{"name": "root", "hostPath": {"path": "/"}}]), "hostPath"),
        (
            deployment(containers=[{"name": "web", "image": IMAGE, "securityContext": {"privileged": True}}]),
            "privileged",
        ),
        (
            deployment(initContainers=[{"name": "i", "image": IMAGE, "securityContext": {"privileged": True}}]),
            "privileged",
        ),
        (deployment(containers=[{"name": "web", "image": "docker.io/evil/miner:1"}]), "not from an allowed registry"),
        (
            deployment(containers=[{"name": "web", "image": "registry.example.com.evil.io/x:1"}]),
            "not from an allowed registry",
        ),
        (
            {
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": "t"},
                "type": "kubernetes.io/service-account-token",
            },
            "service-account-token",
        ),
        (
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "t"}, "type": "kubernetes.io/basic-auth"},
            "only Opaque",
        ),
    ],
)
def test_hostile_manifests_are_refused_with_what_and_why(doc: dict[str, Any], why: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        check(doc)
    assert refused.value.http_status == 422
    assert why in refused.value.message


def test_allowed_secret_types_pass() -> None:
    for kind in ("Opaque", "kubernetes.io/dockerconfigjson", "kubernetes.io/tls"):
        body = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "type": kind, "data": {}}
        assert check(body).kind == "Secret"
