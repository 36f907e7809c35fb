"""PATCH in its three flavours and the scale subresource, driven through the real client."""

from __future__ import annotations

import json

import pytest
from kubernetes import client
from kubernetes.client.rest import ApiException

from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.kube.strategic import strategic_merge

RESTARTED_AT = "kubectl.kubernetes.io/restartedAt"


def test_strategic_merge_patch_changes_one_container_and_adds_restarted_at(
    kube: KubeStandIn, apps: client.AppsV1Api, bodies
) -> None:
    apps.create_namespaced_deployment(
        "default", bodies.deployment("web", "acme/web:v1", replicas=2, sidecar="envoy:1.30")
    )
    patch = {
        "spec": {
            "template": {
                "metadata": {"annotations": {RESTARTED_AT: "2025-06-01T12:00:00Z"}},
                "spec": {"containers": [{"name": "web", "image": "acme/web:v2"}]},
            }
        }
    }
    patched = apps.patch_namespaced_deployment("web", "default", patch)

    containers = {c.name: c for c in patched.spec.template.spec.containers}
    assert containers["web"].image == "acme/web:v2"
    assert containers["web"].ports[0].container_port == 8080
    assert containers["sidecar"].image == "envoy:1.30"
    assert [c.name for c in patched.spec.template.spec.containers] == ["web", "sidecar"]
    assert patched.spec.template.metadata.annotations[RESTARTED_AT] == "2025-06-01T12:00:00Z"
    assert patched.metadata.generation == 2
    assert kube.requests[-1].content_type == "application/strategic-merge-patch+json"

    rollout = apps.read_namespaced_deployment("web", "default")
    assert rollout.metadata.annotations["deployment.kubernetes.io/revision"] == "2"
    sets = {rs.metadata.name: rs.spec.replicas for rs in apps.list_namespaced_replica_set("default").items}
    assert sorted(sets.values()) == [0, 2]


def test_merge_patch_removes_keys_with_null(apps: client.AppsV1Api, bodies) -> None:
    body = bodies.deployment("web", "acme/web:v1")
    body.metadata.labels["tier"] = "frontend"
    apps.create_namespaced_deployment("default", body)
    patched = apps.patch_namespaced_deployment(
        "web",
        "default",
        {"metadata": {"labels": {"tier": None, "team": "shop"}}},
        _content_type="application/merge-patch+json",
    )
    assert patched.metadata.labels == {"app": "web", "team": "shop"}


def test_merge_patch_replaces_container_lists_unlike_strategic(apps: client.AppsV1Api, bodies) -> None:
    apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1", sidecar="envoy:1.30"))
    patch = {"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "acme/web:v2"}]}}}}
    patched = apps.patch_namespaced_deployment("web", "default", patch, _content_type="application/merge-patch+json")
    assert [c.name for c in patched.spec.template.spec.containers] == ["web"]


def test_json_patch_operations(kube: KubeStandIn, apps: client.AppsV1Api, bodies) -> None:
    apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1"))
    ops = [
        {"op": "test", "path": "/spec/replicas", "value": 1},
        {"op": "replace", "path": "/spec/replicas", "value": 3},
        {"op": "add", "path": "/metadata/labels/release", "value": "canary"},
        {"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "acme/web:v3"},
    ]
    patched = apps.patch_namespaced_deployment("web", "default", ops)
    assert kube.requests[-1].content_type == "application/json-patch+json"
    assert patched.spec.replicas == 3
    assert patched.metadata.labels["release"] == "canary"
    assert patched.spec.template.spec.containers[0].image == "acme/web:v3"

    with pytest.raises(ApiException) as failed:
        apps.patch_namespaced_deployment("web", "default", [{"op": "test", "path": "/spec/replicas", "value": 9}])
    assert failed.value.status == 422


def test_patch_with_a_stale_resource_version_is_a_conflict(apps: client.AppsV1Api, bodies) -> None:
    created = apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1"))
    apps.patch_namespaced_deployment("web", "default", {"spec": {"replicas": 2}})
    with pytest.raises(ApiException) as conflict:
        apps.patch_namespaced_deployment(
            "web",
            "default",
            {"metadata": {"resourceVersion": created.metadata.resource_version}, "spec": {"replicas": 4}},
        )
    assert conflict.value.status == 409


def test_status_is_ignored_on_the_main_resource(apps: client.AppsV1Api, bodies) -> None:
    apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1"))
    patched = apps.patch_namespaced_deployment(
        "web", "default", {"status": {"readyReplicas": 42}}, _content_type="application/merge-patch+json"
    )
    assert patched.status.ready_replicas == 1


def test_read_and_patch_deployment_scale(kube: KubeStandIn, apps: client.AppsV1Api, core: client.CoreV1Api) -> None:
    kube.seed.app("shop", "web", "acme/web:v1", replicas=1)
    scale = apps.read_namespaced_deployment_scale("web", "shop")
    assert scale.kind == "Scale"
    assert scale.api_version == "autoscaling/v1"
    assert scale.spec.replicas == 1
    assert scale.status.selector == "app=web"

    scaled = apps.patch_namespaced_deployment_scale("web", "shop", {"spec": {"replicas": 3}})
    assert scaled.spec.replicas == 3
    pods = core.list_namespaced_pod("shop", label_selector="app=web").items
    assert len(pods) == 3
    assert all(p.status.phase == "Running" and p.status.container_statuses[0].ready for p in pods)
    assert all(p.status.pod_ip and p.status.start_time for p in pods)
    deployment = apps.read_namespaced_deployment("web", "shop")
    assert (deployment.status.ready_replicas, deployment.status.available_replicas) == (3, 3)
    assert apps.read_namespaced_deployment_scale("web", "shop").status.replicas == 3


def test_replace_scale_checks_resource_version_and_range(kube: KubeStandIn, apps: client.AppsV1Api) -> None:
    kube.seed.app("shop", "web", "acme/web:v1", replicas=2)
    scale = apps.read_namespaced_deployment_scale("web", "shop")
    scale.spec.replicas = 0
    assert apps.replace_namespaced_deployment_scale("web", "shop", scale).spec.replicas == 0
    assert kube.objects("pods", "shop") == []

    scale.spec.replicas = 4
    with pytest.raises(ApiException) as stale:
        apps.replace_namespaced_deployment_scale("web", "shop", scale)
    assert stale.value.status == 409

    with pytest.raises(ApiException) as negative:
        apps.patch_namespaced_deployment_scale("web", "shop", {"spec": {"replicas": -1}})
    assert negative.value.status == 422
    assert json.loads(negative.value.body)["details"]["kind"] == "Scale"


def test_strategic_merge_directives() -> None:
    target = {
        "containers": [{"name": "a", "image": "a:1"}, {"name": "b", "image": "b:1"}],
        "volumes": [{"name": "data", "emptyDir": {}}],
        "finalizers": ["x"],
        "labels": {"keep": "1", "drop": "1"},
    }
    patch = {
        "containers": [{"name": "b", "$patch": "delete"}, {"name": "c", "image": "c:1"}],
        "volumes": [{"$patch": "replace"}, {"name": "cache", "emptyDir": {}}],
        "finalizers": ["y"],
        "labels": {"drop": None},
        "$setElementOrder/containers": [{"name": "c"}, {"name": "a"}],
    }
    result = strategic_merge(target, patch)
    assert result["containers"] == [{"name": "c", "image": "c:1"}, {"name": "a", "image": "a:1"}]
    assert result["volumes"] == [{"name": "cache", "emptyDir": {}}]
    assert result["finalizers"] == ["x", "y"]
    assert result["labels"] == {"keep": "1"}
