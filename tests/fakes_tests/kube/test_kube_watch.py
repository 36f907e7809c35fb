"""Watches through `kubernetes.watch.Watch().stream`: live, replayed, filtered, bounded in time."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest
from kubernetes import client, watch
from kubernetes.client.rest import ApiException


def test_watch_streams_a_rollout_as_it_happens(make_kube, bodies) -> None:
    kube = make_kube(ready_after_ticks=1)
    seen: list[tuple[str, int | None]] = []
    subscribed = threading.Event()
    with kube.api_client() as api:
        apps = client.AppsV1Api(api)
        start = apps.list_namespaced_deployment("default").metadata.resource_version

        def follow() -> None:
            stream = watch.Watch()
            subscribed.set()
            for event in stream.stream(
                apps.list_namespaced_deployment, "default", resource_version=start, timeout_seconds=5
            ):
                seen.append((event["type"], event["object"].status.ready_replicas if event["object"].status else None))
                if event["object"].status and event["object"].status.ready_replicas == 2:
                    stream.stop()

        watcher = threading.Thread(target=follow)
        watcher.start()
        subscribed.wait(timeout=5)
        apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1", replicas=2))
        kube.tick()
        watcher.join(timeout=5)
    assert not watcher.is_alive()
    assert seen[0] == ("ADDED", None)
    assert ("MODIFIED", None) in seen
    assert seen[-1] == ("MODIFIED", 2)


def test_watch_from_a_resource_version_replays_later_changes_only(kube, core) -> None:
    kube.seed.app("shop", "old", "acme/old:v1")
    since = core.list_namespaced_pod("shop").metadata.resource_version
    kube.seed.app("shop", "web", "acme/web:v1", replicas=2)
    names: set[str] = set()
    types: set[str] = set()
    stream = watch.Watch()
    for event in stream.stream(core.list_namespaced_pod, "shop", resource_version=since, timeout_seconds=5):
        names.add(event["object"].metadata.name)
        types.add(event["type"])
        if len(names) == 2 and "MODIFIED" in types:
            stream.stop()
    assert all(name.startswith("web-") for name in names)
    assert {"ADDED", "MODIFIED"} <= types


def test_watch_without_resource_version_starts_with_current_objects(kube, core) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    kube.seed.app("shop", "api", "acme/api:v1")
    stream = watch.Watch()
    events = []
    for event in stream.stream(core.list_namespaced_pod, "shop", label_selector="app=web", timeout_seconds=5):
        events.append(event)
        stream.stop()
    assert [e["type"] for e in events] == ["ADDED"]
    assert events[0]["object"].metadata.labels["app"] == "web"
    assert isinstance(events[0]["object"], client.V1Pod)


def test_watch_sees_deletions(kube, core) -> None:
    app = kube.seed.app("shop", "web", "acme/web:v1")
    victim = app.pods[0]["metadata"]["name"]
    since = core.list_namespaced_pod("shop").metadata.resource_version
    core.delete_namespaced_pod(victim, "shop")
    stream = watch.Watch()
    for event in stream.stream(core.list_namespaced_pod, "shop", resource_version=since, timeout_seconds=5):
        if event["type"] == "DELETED":
            assert event["object"].metadata.name == victim
            stream.stop()
            break
    else:
        pytest.fail("no DELETED event")


def test_watch_ends_at_timeout_seconds(kube, core) -> None:
    began = time.monotonic()
    events = list(
        watch.Watch().stream(core.list_namespaced_pod, "empty-ns", resource_version="1000", timeout_seconds=1)
    )
    elapsed = time.monotonic() - began
    assert events == []
    assert 0.9 <= elapsed < 3


def test_too_old_resource_version_is_410_gone(make_kube) -> None:
    kube = make_kube(watch_history=5)
    for index in range(10):
        kube.seed.namespace(f"team-{index}")
    with kube.api_client() as api, pytest.raises(ApiException) as gone:
        list(watch.Watch().stream(client.CoreV1Api(api).list_namespace, resource_version="1001", timeout_seconds=1))
    assert gone.value.status == 410


def test_watch_1_streams_newline_delimited_json(kube) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    request = urllib.request.Request(
        f"{kube.url}/apis/apps/v1/namespaces/shop/deployments?watch=1&timeoutSeconds=1",
        headers={"Authorization": f"Bearer {kube.token}"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["Transfer-Encoding"] == "chunked"
        first = json.loads(response.readline())
    assert first["type"] == "ADDED"
    assert first["object"]["kind"] == "Deployment"
    assert first["object"]["metadata"]["name"] == "web"
