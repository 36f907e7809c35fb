"""CRUD of every kind through the real client, with the metadata and errors the API server gives."""

from __future__ import annotations

import json

import pytest
from kubernetes import client, config
from kubernetes.client.rest import ApiException

from klepaas_fakes.kube import KubeStandIn


def status_of(error: ApiException) -> dict[str, object]:
    body = json.loads(error.body)
    assert body["kind"] == "Status"
    assert body["status"] == "Failure"
    assert body["code"] == error.status
    return body


def test_deployment_create_read_list_delete_with_server_metadata(apps: client.AppsV1Api, bodies) -> None:
    created = apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1"))
    assert created.kind == "Deployment"
    assert created.api_version == "apps/v1"
    assert created.metadata.uid
    assert created.metadata.creation_timestamp is not None
    assert created.metadata.generation == 1
    assert created.spec.strategy.type == "RollingUpdate"

    read = apps.read_namespaced_deployment("web", "default")
    assert int(read.metadata.resource_version) > int(created.metadata.resource_version)
    listed = apps.list_namespaced_deployment("default")
    assert listed.kind == "DeploymentList"
    assert int(listed.metadata.resource_version) >= int(read.metadata.resource_version)
    assert [d.metadata.name for d in listed.items] == ["web"]

    result = apps.delete_namespaced_deployment("web", "default")
    assert result["status"] == "Success"
    with pytest.raises(ApiException) as missing:
        apps.read_namespaced_deployment("web", "default")
    assert missing.value.status == 404
    body = status_of(missing.value)
    assert body["reason"] == "NotFound"
    assert body["message"] == 'deployments.apps "web" not found'


def test_resource_version_is_one_global_counter(core: client.CoreV1Api) -> None:
    first = core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="one")))
    second = core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="two")))
    assert int(second.metadata.resource_version) > int(first.metadata.resource_version)
    assert first.status.phase == "Active"
    assert first.metadata.labels["kubernetes.io/metadata.name"] == "one"


def test_creating_twice_is_already_exists(apps: client.AppsV1Api, bodies) -> None:
    apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1"))
    with pytest.raises(ApiException) as twice:
        apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1"))
    assert twice.value.status == 409
    assert status_of(twice.value)["reason"] == "AlreadyExists"


def test_replace_with_a_stale_resource_version_is_a_conflict(apps: client.AppsV1Api, bodies) -> None:
    apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1"))
    stale = apps.read_namespaced_deployment("web", "default")
    fresh = apps.read_namespaced_deployment("web", "default")
    fresh.spec.replicas = 3
    replaced = apps.replace_namespaced_deployment("web", "default", fresh)
    assert replaced.metadata.generation == 2

    stale.spec.replicas = 5
    with pytest.raises(ApiException) as conflict:
        apps.replace_namespaced_deployment("web", "default", stale)
    assert conflict.value.status == 409
    body = status_of(conflict.value)
    assert body["reason"] == "Conflict"
    assert "the object has been modified" in str(body["message"])
    assert apps.read_namespaced_deployment("web", "default").spec.replicas == 3


def test_invalid_deployment_is_422_with_causes(apps: client.AppsV1Api, bodies) -> None:
    body = bodies.deployment("web", "acme/web:v1")
    body.spec.template.metadata.labels = {"app": "other"}
    with pytest.raises(ApiException) as invalid:
        apps.create_namespaced_deployment("default", body)
    assert invalid.value.status == 422
    status = status_of(invalid.value)
    assert status["reason"] == "Invalid"
    causes = status["details"]["causes"]  # type: ignore[index]
    assert causes[0]["field"] == "spec.template.metadata.labels"


def test_creating_in_a_missing_namespace_is_not_found(apps: client.AppsV1Api, bodies) -> None:
    with pytest.raises(ApiException) as missing:
        apps.create_namespaced_deployment("nowhere", bodies.deployment("web", "acme/web:v1"))
    assert missing.value.status == 404
    assert status_of(missing.value)["message"] == 'namespaces "nowhere" not found'


def test_service_gets_cluster_ip_and_endpoints_of_ready_pods(
    kube: KubeStandIn, core: client.CoreV1Api, apps: client.AppsV1Api, bodies
) -> None:
    apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1", replicas=2))
    svc = core.create_namespaced_service("default", bodies.service("web-svc", "web", kind="LoadBalancer"))
    assert svc.spec.cluster_ip.startswith("10.96.")
    assert svc.spec.ports[0].node_port >= 30000

    read = core.read_namespaced_service("web-svc", "default")
    assert read.status.load_balancer.ingress[0].ip
    endpoints = core.read_namespaced_endpoints("web-svc", "default")
    addresses = endpoints.subsets[0].addresses
    assert len(addresses) == 2
    assert {a.target_ref.kind for a in addresses} == {"Pod"}
    assert endpoints.subsets[0].ports[0].port == 8080

    core.delete_namespaced_service("web-svc", "default")
    assert kube.get("endpoints", "default", "web-svc") is None


def test_ingress_crud_with_rules_tls_and_address(net: client.NetworkingV1Api, bodies) -> None:
    created = net.create_namespaced_ingress("default", bodies.ingress("web", "web-svc", "web.klepaas.app"))
    assert created.spec.rules[0].host == "web.klepaas.app"
    read = net.read_namespaced_ingress("web", "default")
    assert read.spec.tls[0].hosts == ["web.klepaas.app"]
    assert read.status.load_balancer.ingress[0].ip
    read.spec.rules[0].host = "shop.klepaas.app"
    replaced = net.replace_namespaced_ingress("web", "default", read)
    assert replaced.spec.rules[0].host == "shop.klepaas.app"
    assert [i.metadata.name for i in net.list_ingress_for_all_namespaces().items] == ["web"]
    net.delete_namespaced_ingress("web", "default")
    assert net.list_namespaced_ingress("default").items == []


def test_pod_crud_and_delete_returns_the_pod(core: client.CoreV1Api) -> None:
    pod = client.V1Pod(
        metadata=client.V1ObjectMeta(name="solo", labels={"run": "solo"}),
        spec=client.V1PodSpec(containers=[client.V1Container(name="solo", image="busybox:1.36")]),
    )
    core.create_namespaced_pod("default", pod)
    read = core.read_namespaced_pod("solo", "default")
    assert read.status.phase == "Running"
    assert read.spec.node_name == "standin-node-1"
    assert read.status.container_statuses[0].ready is True
    deleted = core.delete_namespaced_pod("solo", "default")
    assert isinstance(deleted, client.V1Pod)
    assert deleted.metadata.deletion_timestamp is not None
    assert core.list_namespaced_pod("default").items == []


def test_nodes_report_ready_condition_and_capacity(kube: KubeStandIn, core: client.CoreV1Api) -> None:
    kube.seed.node("worker-2", ready=False, cpu="8")
    nodes = {n.metadata.name: n for n in core.list_node().items}
    assert set(nodes) == {"standin-node-1", "worker-2"}
    ready = {name: next(c.status for c in n.status.conditions if c.type == "Ready") for name, n in nodes.items()}
    assert ready == {"standin-node-1": "True", "worker-2": "False"}
    assert nodes["worker-2"].status.capacity["cpu"] == "8"
    assert nodes["standin-node-1"].status.node_info.kubelet_version == "v1.31.0"


def test_events_are_listed_with_involved_objects(kube: KubeStandIn, core: client.CoreV1Api) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    events = core.list_namespaced_event("shop", field_selector="involvedObject.name=web")
    assert any(e.reason == "ScalingReplicaSet" and e.involved_object.kind == "Deployment" for e in events.items)
    assert all(e.count >= 1 and e.first_timestamp is not None for e in events.items)


def test_deleting_a_deployment_cascades_to_replicasets_and_pods(
    kube: KubeStandIn, apps: client.AppsV1Api, core: client.CoreV1Api
) -> None:
    kube.seed.app("shop", "web", "acme/web:v1", replicas=2)
    assert len(apps.list_namespaced_replica_set("shop").items) == 1
    apps.delete_namespaced_deployment("web", "shop")
    assert apps.list_namespaced_replica_set("shop").items == []
    assert core.list_namespaced_pod("shop", label_selector="app=web").items == []


def test_orphan_propagation_keeps_the_replicaset(kube: KubeStandIn, apps: client.AppsV1Api) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    apps.delete_namespaced_deployment("web", "shop", propagation_policy="Orphan")
    (orphan,) = apps.list_namespaced_replica_set("shop").items
    assert not orphan.metadata.owner_references


def test_deleting_a_namespace_removes_its_contents(kube: KubeStandIn, core: client.CoreV1Api) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    deleted = core.delete_namespace("shop")
    assert deleted["status"]["phase"] == "Terminating"
    assert kube.objects("pods", "shop") == []
    assert kube.objects("deployments", "shop") == []


def test_list_pages_with_limit_and_continue(core: client.CoreV1Api) -> None:
    for index in range(5):
        core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=f"team-{index}")))
    names: list[str] = []
    page = core.list_namespace(limit=2, label_selector="kubernetes.io/metadata.name notin (default)")
    pages = 1
    names += [n.metadata.name for n in page.items]
    while page.metadata._continue:
        page = core.list_namespace(limit=2, _continue=page.metadata._continue)
        names += [n.metadata.name for n in page.items]
        pages += 1
    assert pages > 2
    assert sorted(set(names)) == sorted(names)
    assert {f"team-{i}" for i in range(5)} <= set(names)


def test_field_selector_on_metadata_name(core: client.CoreV1Api) -> None:
    found = core.list_namespace(field_selector="metadata.name=kube-system")
    assert [n.metadata.name for n in found.items] == ["kube-system"]


def test_discovery_and_version(api: client.ApiClient) -> None:
    assert client.VersionApi(api).get_code().git_version.startswith("v1.31")
    assert client.CoreApi(api).get_api_versions().versions == ["v1"]
    groups = {g.name for g in client.ApisApi(api).get_api_versions().groups}
    assert {"apps", "networking.k8s.io"} <= groups
    resources = {r.name for r in client.AppsV1Api(api).get_api_resources().resources}
    assert {"deployments", "deployments/scale", "replicasets"} <= resources
    core_resources = {r.name for r in client.CoreV1Api(api).get_api_resources().resources}
    assert {"pods", "pods/log", "services", "endpoints", "events", "nodes", "namespaces"} <= core_resources


def test_kubeconfig_file_configures_the_client(kube: KubeStandIn, tmp_path) -> None:
    path = kube.write_kubeconfig(tmp_path / "config", namespace="shop")
    configuration = client.Configuration()
    config.load_kube_config(config_file=str(path), client_configuration=configuration)
    with client.ApiClient(configuration) as api:
        names = [n.metadata.name for n in client.CoreV1Api(api).list_namespace().items]
    assert "default" in names
