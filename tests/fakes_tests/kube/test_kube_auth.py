"""Bearer tokens (401) and the RBAC deny list / allow-only rules (403), in the API server's words."""

from __future__ import annotations

import json

import pytest
from kubernetes import client
from kubernetes.client.rest import ApiException

from klepaas_fakes.kube import DEFAULT_USER, rule

# The deployer's namespaced Role from FIELD_NOTES, "Kubernetes least privilege for the deployer".
DEPLOYER_ROLE = (
    rule(["get", "list", "watch", "patch", "update"], "deployments", groups=["apps"]),
    rule(["get", "patch", "update"], "deployments/scale", groups=["apps"]),
    rule(["get", "list"], "replicasets", groups=["apps"]),
    rule(["get", "list", "watch"], "pods"),
    rule("get", "pods/log"),
    rule(["get", "list"], "events"),
    rule(["get", "list"], ["services"]),
    rule(["get", "list"], "ingresses", groups=["networking.k8s.io"]),
)


def test_request_without_a_token_is_401(kube) -> None:
    configuration = client.Configuration(host=kube.url)
    with client.ApiClient(configuration) as api, pytest.raises(ApiException) as denied:
        client.CoreV1Api(api).list_namespace()
    assert denied.value.status == 401
    body = json.loads(denied.value.body)
    assert (body["kind"], body["reason"], body["code"]) == ("Status", "Unauthorized", 401)


def test_wrong_token_is_401_and_version_stays_public(kube) -> None:
    with kube.api_client(token="stolen") as api:
        with pytest.raises(ApiException) as denied:
            client.AppsV1Api(api).list_namespaced_deployment("default")
        assert denied.value.status == 401
        assert client.VersionApi(api).get_code().major == "1"


def test_deny_list_answers_403_in_the_real_format(kube, core) -> None:
    app = kube.seed.app("shop", "web", "acme/web:v1")
    kube.deny("delete", "pods")
    pod = app.pods[0]["metadata"]["name"]
    with pytest.raises(ApiException) as forbidden:
        core.delete_namespaced_pod(pod, "shop")
    assert forbidden.value.status == 403
    body = json.loads(forbidden.value.body)
    assert body["reason"] == "Forbidden"
    assert body["message"] == (
        f'pods "{pod}" is forbidden: User "{DEFAULT_USER}" cannot delete resource "pods" '
        'in API group "" in the namespace "shop"'
    )
    assert body["details"] == {"name": pod, "kind": "pods"}
    assert core.read_namespaced_pod(pod, "shop").metadata.name == pod
    kube.reset_rbac()
    core.delete_namespaced_pod(pod, "shop")


def test_deny_list_can_be_limited_to_namespaces(kube, apps) -> None:
    kube.seed.app("prod", "web", "acme/web:v1")
    kube.seed.app("dev", "web", "acme/web:v1")
    kube.deny(["patch"], "deployments", namespaces=["prod"])
    apps.patch_namespaced_deployment("web", "dev", {"spec": {"replicas": 2}})
    with pytest.raises(ApiException) as forbidden:
        apps.patch_namespaced_deployment("web", "prod", {"spec": {"replicas": 2}})
    assert forbidden.value.status == 403
    assert 'deployments.apps "web" is forbidden' in json.loads(forbidden.value.body)["message"]


def test_the_deployers_least_privilege_role_is_enough_and_no_more(kube, core, apps, net) -> None:
    app = kube.seed.app("shop", "web", "acme/web:v1")
    kube.allow_only(*DEPLOYER_ROLE)
    pod = app.pods[0]["metadata"]["name"]

    apps.patch_namespaced_deployment("web", "shop", {"spec": {"replicas": 2}})
    apps.patch_namespaced_deployment_scale("web", "shop", {"spec": {"replicas": 1}})
    assert apps.list_namespaced_replica_set("shop").items
    current = core.list_namespaced_pod("shop", label_selector="app=web").items[0].metadata.name
    assert core.read_namespaced_pod_log(current, "shop")
    assert core.list_namespaced_event("shop").items
    assert core.read_namespaced_service("web-svc", "shop").spec.cluster_ip
    assert net.list_namespaced_ingress("shop").items

    denied = [
        lambda: apps.delete_namespaced_deployment("web", "shop"),
        lambda: core.delete_namespaced_pod(pod, "shop"),
        lambda: core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="x"))),
        core.list_node,
        lambda: core.delete_namespaced_service("web-svc", "shop"),
    ]
    for attempt in denied:
        with pytest.raises(ApiException) as forbidden:
            attempt()
        assert forbidden.value.status == 403
    with pytest.raises(ApiException) as nodes:
        core.list_node()
    assert json.loads(nodes.value.body)["message"] == (
        f'nodes is forbidden: User "{DEFAULT_USER}" cannot list resource "nodes" in API group "" at the cluster scope'
    )
