"""Pod logs through `read_namespaced_pod_log`: seeded text, tailLines, previous, container, timestamps."""

from __future__ import annotations

import json
import re

import pytest
from kubernetes import client
from kubernetes.client.rest import ApiException


def only_pod(core: client.CoreV1Api, namespace: str, app: str) -> str:
    (pod,) = core.list_namespaced_pod(namespace, label_selector=f"app={app}").items
    return pod.metadata.name


def test_seeded_log_with_tail_lines(kube, core) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    pod = only_pod(core, "shop", "web")
    kube.set_pod_log("shop", pod, "boot\nready\nGET / 200\nGET /cart 500")
    assert core.read_namespaced_pod_log(pod, "shop") == "boot\nready\nGET / 200\nGET /cart 500\n"
    assert core.read_namespaced_pod_log(pod, "shop", tail_lines=2) == "GET / 200\nGET /cart 500\n"
    assert kube.requests[-1].query["tailLines"] == ["2"]


def test_previous_is_400_when_the_container_never_restarted(kube, core) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    pod = only_pod(core, "shop", "web")
    with pytest.raises(ApiException) as missing:
        core.read_namespaced_pod_log(pod, "shop", previous=True)
    assert missing.value.status == 400
    body = json.loads(missing.value.body)
    assert body["reason"] == "BadRequest"
    assert body["message"] == f'previous terminated container "web" in pod "{pod}" not found'


def test_previous_log_of_a_crashlooping_container(kube, core) -> None:
    kube.seed.app("shop", "api", "acme/api-crashloop:v1")
    pod = only_pod(core, "shop", "api")
    generated = core.read_namespaced_pod_log(pod, "shop", previous=True)
    assert "exiting with status 1" in generated
    kube.set_pod_log("shop", pod, "panic: nil map\ngoroutine 1", previous=True)
    assert core.read_namespaced_pod_log(pod, "shop", previous=True, tail_lines=1) == "goroutine 1\n"


def test_app_log_applies_to_every_pod_of_the_app(kube, core) -> None:
    kube.seed.app("shop", "web", "acme/web:v1", replicas=2)
    kube.set_app_log("shop", "web", "hello from web")
    for pod in core.list_namespaced_pod("shop").items:
        assert core.read_namespaced_pod_log(pod.metadata.name, "shop") == "hello from web\n"


def test_container_must_be_named_in_a_multi_container_pod(kube, core, apps, bodies) -> None:
    apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1", sidecar="envoy:1.30"))
    pod = only_pod(core, "default", "web")
    kube.set_pod_log("default", pod, "envoy up", container="sidecar")
    with pytest.raises(ApiException) as unnamed:
        core.read_namespaced_pod_log(pod, "default")
    assert unnamed.value.status == 400
    assert "choose one of: [web sidecar]" in json.loads(unnamed.value.body)["message"]
    assert core.read_namespaced_pod_log(pod, "default", container="sidecar") == "envoy up\n"
    with pytest.raises(ApiException) as unknown:
        core.read_namespaced_pod_log(pod, "default", container="nope")
    assert unknown.value.status == 400


def test_timestamps_prefix_each_line(kube, core) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    pod = only_pod(core, "shop", "web")
    kube.set_pod_log("shop", pod, "one\ntwo")
    lines = core.read_namespaced_pod_log(pod, "shop", timestamps=True).splitlines()
    assert len(lines) == 2
    assert all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z (one|two)$", line) for line in lines)


def test_waiting_container_has_no_logs_yet(kube, core) -> None:
    kube.seed.app("shop", "web", "acme/web:missing")
    pod = only_pod(core, "shop", "web")
    with pytest.raises(ApiException) as waiting:
        core.read_namespaced_pod_log(pod, "shop")
    assert waiting.value.status == 400
    assert "is waiting to start: trying and failing to pull image" in json.loads(waiting.value.body)["message"]


def test_log_of_a_missing_pod_is_404(core) -> None:
    with pytest.raises(ApiException) as missing:
        core.read_namespaced_pod_log("ghost", "default")
    assert missing.value.status == 404
