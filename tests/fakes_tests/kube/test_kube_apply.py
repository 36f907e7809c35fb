"""Server-side apply, dry run and delete for the kinds an app's resources use, through the real client."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from kubernetes import client, dynamic
from kubernetes.client.rest import ApiException

from klepaas_fakes.kube import KubeStandIn

APPLY = "application/apply-patch+yaml"


@pytest.fixture
def dyn(api: client.ApiClient) -> dynamic.DynamicClient:
    return dynamic.DynamicClient(api)


def _deployment(image: str, replicas: int | None = 2) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {"containers": [{"name": "web", "image": image}]},
        },
    }
    if replicas is not None:
        spec["replicas"] = replicas
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": spec}


def _status(exc: ApiException) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(exc.body)
    return body


def test_apply_creates_with_201_then_updates_with_200_and_records_the_manager(
    kube: KubeStandIn, dyn: dynamic.DynamicClient
) -> None:
    deployments = dyn.resources.get(api_version="apps/v1", kind="Deployment")
    created = dyn.server_side_apply(deployments, _deployment("acme/web:v1"), namespace="default", field_manager="me")
    assert kube.requests[-1].status == 201
    assert kube.requests[-1].content_type == APPLY
    managers = [(m.manager, m.operation) for m in created.metadata.managedFields]
    assert managers == [("me", "Apply")]
    assert "f:replicas" in created.to_dict()["metadata"]["managedFields"][0]["fieldsV1"]["f:spec"]

    updated = dyn.server_side_apply(deployments, _deployment("acme/web:v2"), namespace="default", field_manager="me")
    assert kube.requests[-1].status == 200
    assert updated.spec.template.spec.containers[0].image == "acme/web:v2"
    assert updated.metadata.generation == 2


def test_a_field_the_manager_stops_applying_is_removed(kube: KubeStandIn, dyn: dynamic.DynamicClient) -> None:
    configmaps = dyn.resources.get(api_version="v1", kind="ConfigMap")
    first = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"a": "1", "b": "2"}}
    dyn.server_side_apply(configmaps, first, namespace="default", field_manager="me")
    second = {**first, "data": {"a": "1"}}
    dyn.server_side_apply(configmaps, second, namespace="default", field_manager="me")
    assert kube.get("configmaps", "default", "cfg")["data"] == {"a": "1"}


def test_a_second_manager_changing_an_owned_field_gets_409_with_the_owner_named(
    kube: KubeStandIn, dyn: dynamic.DynamicClient
) -> None:
    deployments = dyn.resources.get(api_version="apps/v1", kind="Deployment")
    dyn.server_side_apply(deployments, _deployment("acme/web:v1"), namespace="default", field_manager="first")

    with pytest.raises(ApiException) as caught:
        dyn.server_side_apply(deployments, _deployment("acme/web:v1", 5), namespace="default", field_manager="second")

    status = _status(caught.value)
    assert caught.value.status == 409
    assert (status["kind"], status["status"], status["reason"]) == ("Status", "Failure", "Conflict")
    assert status["message"] == 'Apply failed with 1 conflict: conflict with "first" using apps/v1: .spec.replicas'
    assert status["details"]["causes"] == [
        {"reason": "FieldManagerConflict", "message": 'conflict with "first" using apps/v1', "field": ".spec.replicas"}
    ]
    assert kube.get("deployments", "default", "web")["spec"]["replicas"] == 2


def test_the_same_value_is_shared_and_force_takes_ownership(kube: KubeStandIn, dyn: dynamic.DynamicClient) -> None:
    deployments = dyn.resources.get(api_version="apps/v1", kind="Deployment")
    dyn.server_side_apply(deployments, _deployment("acme/web:v1"), namespace="default", field_manager="first")
    dyn.server_side_apply(deployments, _deployment("acme/web:v1"), namespace="default", field_manager="second")

    forced = dyn.server_side_apply(
        deployments, _deployment("acme/web:v1", 5), namespace="default", field_manager="second", force_conflicts=True
    )

    assert forced.spec.replicas == 5
    owners = {m["manager"]: m["fieldsV1"] for m in forced.to_dict()["metadata"]["managedFields"]}
    assert "f:replicas" not in owners["first"]["f:spec"]
    assert "f:replicas" in owners["second"]["f:spec"]


def test_a_strategic_patch_after_apply_owns_what_it_changed_so_apply_then_conflicts(
    apps: client.AppsV1Api, dyn: dynamic.DynamicClient
) -> None:
    deployments = dyn.resources.get(api_version="apps/v1", kind="Deployment")
    dyn.server_side_apply(deployments, _deployment("acme/web:v1"), namespace="default", field_manager="klepaas")
    apps.patch_namespaced_deployment("web", "default", {"spec": {"replicas": 4}}, field_manager="autoscaler")

    with pytest.raises(ApiException) as caught:
        dyn.server_side_apply(deployments, _deployment("acme/web:v2"), namespace="default", field_manager="klepaas")

    assert caught.value.status == 409
    assert 'conflict with "autoscaler"' in _status(caught.value)["message"]
    applied = dyn.server_side_apply(
        deployments, _deployment("acme/web:v2", None), namespace="default", field_manager="klepaas"
    )
    assert (applied.spec.replicas, applied.spec.template.spec.containers[0].image) == (4, "acme/web:v2")


def test_apply_without_a_field_manager_is_422_and_force_on_a_merge_patch_is_422(
    kube: KubeStandIn, api: client.ApiClient, core: client.CoreV1Api
) -> None:
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"a": "1"}}
    with pytest.raises(ApiException) as missing:
        core.patch_namespaced_config_map("cfg", "default", body, _content_type=APPLY)
    assert missing.value.status == 422
    assert "fieldManager: Required value: is required for apply patch" in _status(missing.value)["message"]

    core.patch_namespaced_config_map("cfg", "default", body, field_manager="me", _content_type=APPLY)
    with pytest.raises(ApiException) as forced:
        core.patch_namespaced_config_map(
            "cfg", "default", {"data": {"a": "2"}}, force=True, _content_type="application/merge-patch+json"
        )
    assert forced.value.status == 422
    assert "force: Forbidden: may not be specified for non-apply patch" in _status(forced.value)["message"]


def test_dry_run_answers_the_result_and_stores_nothing(kube: KubeStandIn, dyn: dynamic.DynamicClient) -> None:
    deployments = dyn.resources.get(api_version="apps/v1", kind="Deployment")
    preview = dyn.server_side_apply(
        deployments, _deployment("acme/web:v1"), namespace="default", field_manager="me", dry_run="All"
    )
    assert preview.spec.strategy.type == "RollingUpdate"
    assert kube.objects("deployments", "default") == []

    with pytest.raises(ApiException) as caught:
        dyn.server_side_apply(
            deployments, _deployment("acme/web:v1"), namespace="default", field_manager="me", dry_run="Some"
        )
    assert caught.value.status == 422


def test_delete_answers_a_success_status_and_dry_run_delete_keeps_the_object(
    kube: KubeStandIn, core: client.CoreV1Api
) -> None:
    secret = client.V1Secret(metadata=client.V1ObjectMeta(name="creds"), string_data={"password": "hunter2"})
    core.create_namespaced_secret("default", secret)
    stored = kube.get("secrets", "default", "creds")
    assert stored["type"] == "Opaque"
    assert "stringData" not in stored
    assert base64.b64decode(stored["data"]["password"]) == b"hunter2"

    preview = core.delete_namespaced_secret("creds", "default", dry_run="All")
    assert (preview["status"], preview["details"]["name"], preview["details"]["kind"]) == (
        "Success",
        "creds",
        "secrets",
    )
    assert kube.get("secrets", "default", "creds")["metadata"]["name"] == "creds"

    core.delete_namespaced_secret("creds", "default")
    with pytest.raises(ApiException) as caught:
        core.read_namespaced_secret("creds", "default")
    assert caught.value.status == 404
    assert _status(caught.value)["message"] == 'secrets "creds" not found'


@pytest.mark.parametrize(
    ("api_version", "kind", "plural", "body"),
    [
        ("v1", "ConfigMap", "configmaps", {"data": {"k": "v"}}),
        ("v1", "Secret", "secrets", {"stringData": {"k": "v"}}),
        ("v1", "Service", "services", {"spec": {"selector": {"app": "x"}, "ports": [{"port": 80}]}}),
        (
            "v1",
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            {"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}},
        ),
        (
            "autoscaling/v2",
            "HorizontalPodAutoscaler",
            "horizontalpodautoscalers",
            {
                "spec": {
                    "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "x"},
                    "maxReplicas": 3,
                }
            },
        ),
        (
            "networking.k8s.io/v1",
            "Ingress",
            "ingresses",
            {"spec": {"defaultBackend": {"service": {"name": "x", "port": {"number": 80}}}}},
        ),
    ],
)
def test_every_app_kind_is_applied_listed_and_deleted(
    kube: KubeStandIn, dyn: dynamic.DynamicClient, api_version: str, kind: str, plural: str, body: dict[str, Any]
) -> None:
    resource = dyn.resources.get(api_version=api_version, kind=kind)
    manifest = {"apiVersion": api_version, "kind": kind, "metadata": {"name": "x", "labels": {"app": "x"}}, **body}
    dyn.server_side_apply(resource, manifest, namespace="default", field_manager="me")

    listed = dyn.get(resource, namespace="default", label_selector="app=x")
    assert [item.metadata.name for item in listed.items] == ["x"]

    gone = dyn.delete(resource, name="x", namespace="default")
    assert gone.kind == ("Service" if kind == "Service" else "Status")
    assert kube.objects(plural, "default") == []
