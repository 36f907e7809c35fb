"""Fixtures: a fresh stand-in per test, and real `kubernetes` API objects pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from kubernetes import client

from klepaas_fakes.kube import KubeStandIn

MakeKube = Callable[..., KubeStandIn]


class Bodies:
    """Request bodies built from the client's own models, as the deploy function builds them."""

    @staticmethod
    def deployment(name: str, image: str, *, replicas: int = 1, sidecar: str | None = None) -> client.V1Deployment:
        containers = [client.V1Container(name=name, image=image, ports=[client.V1ContainerPort(container_port=8080)])]
        if sidecar:
            containers.append(client.V1Container(name="sidecar", image=sidecar))
        return client.V1Deployment(
            metadata=client.V1ObjectMeta(name=name, labels={"app": name}),
            spec=client.V1DeploymentSpec(
                replicas=replicas,
                selector=client.V1LabelSelector(match_labels={"app": name}),
                template=client.V1PodTemplateSpec(
                    metadata=client.V1ObjectMeta(labels={"app": name}),
                    spec=client.V1PodSpec(containers=containers),
                ),
            ),
        )

    @staticmethod
    def service(name: str, app: str, *, kind: str = "ClusterIP") -> client.V1Service:
        return client.V1Service(
            metadata=client.V1ObjectMeta(name=name, labels={"app": app}),
            spec=client.V1ServiceSpec(
                type=kind,
                selector={"app": app},
                ports=[client.V1ServicePort(name="http", port=80, target_port=8080)],
            ),
        )

    @staticmethod
    def ingress(name: str, service_name: str, host: str) -> client.V1Ingress:
        backend = client.V1IngressBackend(
            service=client.V1IngressServiceBackend(name=service_name, port=client.V1ServiceBackendPort(number=80))
        )
        path = client.V1HTTPIngressPath(path="/", path_type="Prefix", backend=backend)
        return client.V1Ingress(
            metadata=client.V1ObjectMeta(name=name),
            spec=client.V1IngressSpec(
                ingress_class_name="nginx",
                rules=[client.V1IngressRule(host=host, http=client.V1HTTPIngressRuleValue(paths=[path]))],
                tls=[client.V1IngressTLS(hosts=[host], secret_name=f"{name}-tls")],
            ),
        )


@pytest.fixture
def make_kube() -> Iterator[MakeKube]:
    started: list[KubeStandIn] = []

    def make(**options: Any) -> KubeStandIn:
        kube = KubeStandIn(**options).start()
        started.append(kube)
        return kube

    yield make
    for kube in started:
        kube.stop()
        assert kube.internal_errors == []


@pytest.fixture
def kube(make_kube: MakeKube) -> KubeStandIn:
    return make_kube()


@pytest.fixture
def api(kube: KubeStandIn) -> Iterator[client.ApiClient]:
    with kube.api_client() as api_client:
        yield api_client


@pytest.fixture
def core(api: client.ApiClient) -> client.CoreV1Api:
    return client.CoreV1Api(api)


@pytest.fixture
def apps(api: client.ApiClient) -> client.AppsV1Api:
    return client.AppsV1Api(api)


@pytest.fixture
def net(api: client.ApiClient) -> client.NetworkingV1Api:
    return client.NetworkingV1Api(api)


@pytest.fixture
def bodies() -> type[Bodies]:
    return Bodies
