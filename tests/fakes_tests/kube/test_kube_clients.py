"""Other ways in: the dynamic client, concurrent writers, subresources and collection deletes."""

from __future__ import annotations

import threading

from kubernetes import dynamic
from kubernetes.client.rest import ApiException


def test_dynamic_client_discovers_kinds_and_reads_objects(kube, api) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    dyn = dynamic.DynamicClient(api)
    deployments = dyn.resources.get(api_version="apps/v1", kind="Deployment")
    assert deployments.get(name="web", namespace="shop").spec.replicas == 1
    ingresses = dyn.resources.get(api_version="networking.k8s.io/v1", kind="Ingress")
    assert [i.metadata.name for i in ingresses.get(namespace="shop").items] == ["web-ingress"]


def test_concurrent_replaces_with_one_resource_version_have_one_winner(kube, apps) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    base = apps.read_namespaced_deployment("web", "shop")
    outcomes: list[int] = []
    lock = threading.Lock()

    def replace(replicas: int) -> None:
        body = apps.api_client.sanitize_for_serialization(base)
        body["spec"]["replicas"] = replicas
        try:
            apps.replace_namespaced_deployment("web", "shop", body)
            code = 200
        except ApiException as error:
            code = error.status
        with lock:
            outcomes.append(code)

    threads = [threading.Thread(target=replace, args=(n,)) for n in range(2, 10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(outcomes) == [200] + [409] * 7
    assert kube.internal_errors == []


def test_create_answers_an_empty_status_that_the_controller_then_fills(apps, bodies) -> None:
    created = apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1"))
    assert created.status is not None
    assert created.status.replicas is None
    assert apps.read_namespaced_deployment("web", "default").status.replicas == 1


def test_status_subresource_writes_are_overwritten_by_the_controller(kube, apps) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    patched = apps.patch_namespaced_deployment_status("web", "shop", {"status": {"readyReplicas": 9}})
    assert patched.status.ready_replicas == 9
    assert patched.spec.replicas == 1
    assert apps.read_namespaced_deployment_status("web", "shop").status.ready_replicas == 1


def test_delete_collection_by_label_and_the_replicaset_makes_new_pods(kube, core) -> None:
    app = kube.seed.app("shop", "web", "acme/web:v1", replicas=2)
    before = {p["metadata"]["name"] for p in app.pods}
    core.delete_collection_namespaced_pod("shop", label_selector="app=web")
    after = {p.metadata.name for p in core.list_namespaced_pod("shop").items}
    assert len(after) == 2
    assert not before & after


def test_get_of_an_unknown_path_is_a_404_status(api) -> None:
    response = api.call_api(*api.param_serialize("GET", "/apis/batch/v1/jobs", auth_settings=["BearerToken"]))
    response.read()
    assert response.status == 404
    assert b'"reason": "NotFound"' in response.data
