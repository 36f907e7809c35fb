"""The controllers: rollouts over ticks, failure modes, progress deadline, events, scheduling."""

from __future__ import annotations

from kubernetes import client

from klepaas_fakes.kube import FailureModes, PodMode


def conditions(deployment: client.V1Deployment) -> dict[str, tuple[str, str]]:
    return {c.type: (c.status, c.reason) for c in deployment.status.conditions}


def test_rollout_progresses_one_tick_at_a_time(make_kube, bodies) -> None:
    kube = make_kube(ready_after_ticks=2)
    with kube.api_client() as api:
        apps, core = client.AppsV1Api(api), client.CoreV1Api(api)
        apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1", replicas=2))

        started = apps.read_namespaced_deployment("web", "default")
        assert started.status.replicas == 2
        assert started.status.ready_replicas is None
        assert started.status.unavailable_replicas == 2
        assert conditions(started) == {
            "Available": ("False", "MinimumReplicasUnavailable"),
            "Progressing": ("True", "ReplicaSetUpdated"),
        }
        pod = core.list_namespaced_pod("default").items[0]
        assert pod.status.phase == "Pending"
        assert pod.status.container_statuses[0].state.waiting.reason == "ContainerCreating"

        kube.tick()
        assert apps.read_namespaced_deployment("web", "default").status.ready_replicas is None
        kube.tick()
        done = apps.read_namespaced_deployment("web", "default")
        assert (done.status.ready_replicas, done.status.updated_replicas) == (2, 2)
        assert done.status.observed_generation == done.metadata.generation
        assert conditions(done)["Progressing"] == ("True", "NewReplicaSetAvailable")


def test_old_pods_serve_until_the_new_replicaset_is_ready(make_kube, bodies) -> None:
    kube = make_kube(ready_after_ticks=1)
    with kube.api_client() as api:
        apps = client.AppsV1Api(api)
        apps.create_namespaced_deployment("default", bodies.deployment("web", "acme/web:v1", replicas=2))
        kube.tick()
        patch = {"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "acme/web:v2"}]}}}}
        apps.patch_namespaced_deployment("web", "default", patch)

        midway = apps.read_namespaced_deployment("web", "default")
        assert midway.status.replicas == 4
        assert midway.status.updated_replicas == 2
        assert midway.status.available_replicas == 2
        assert conditions(midway)["Available"] == ("True", "MinimumReplicasAvailable")

        kube.tick()
        finished = apps.read_namespaced_deployment("web", "default")
        assert (finished.status.replicas, finished.status.updated_replicas) == (2, 2)
        images = {p["spec"]["containers"][0]["image"] for p in kube.objects("pods", "default")}
        assert images == {"acme/web:v2"}


def test_crashloop_image_gives_backoff_restarts_and_deadline_exceeded(kube, core, apps) -> None:
    kube.seed.app("shop", "api", "acme/api-crashloop:v1")
    (pod,) = core.list_namespaced_pod("shop", label_selector="app=api").items
    status = pod.status.container_statuses[0]
    assert status.state.waiting.reason == "CrashLoopBackOff"
    assert status.restart_count >= 1
    assert status.last_state.terminated.exit_code == 1
    assert status.ready is False

    kube.tick(2)
    again = core.read_namespaced_pod(pod.metadata.name, "shop").status.container_statuses[0]
    assert again.restart_count == status.restart_count + 2

    deployment = apps.read_namespaced_deployment("api", "shop")
    assert conditions(deployment)["Progressing"] == ("False", "ProgressDeadlineExceeded")
    reasons = {(e.type, e.reason) for e in core.list_namespaced_event("shop").items}
    assert ("Warning", "BackOff") in reasons


def test_image_pull_failures_by_marker_and_missing_tag(kube, core) -> None:
    kube.seed.app("shop", "a", "acme/imagepull-app:v1")
    kube.seed.app("shop", "b", "acme/web:missing")
    for app in ("a", "b"):
        (pod,) = core.list_namespaced_pod("shop", label_selector=f"app={app}").items
        waiting = pod.status.container_statuses[0].state.waiting
        assert pod.status.phase == "Pending"
        assert waiting.reason == "ImagePullBackOff"
        assert "Back-off pulling image" in waiting.message
    messages = [e.message for e in core.list_namespaced_event("shop").items if e.type == "Warning"]
    assert any(m.startswith('Failed to pull image "acme/web:missing"') for m in messages)


def test_err_image_pull_comes_before_backoff_when_pods_start_slowly(make_kube) -> None:
    kube = make_kube(ready_after_ticks=1)
    kube.seed.app("shop", "a", "acme/imagepull:v1")
    (pod,) = kube.objects("pods", "shop")
    assert pod["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "ErrImagePull"
    kube.tick()
    (pod,) = kube.objects("pods", "shop")
    assert pod["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "ImagePullBackOff"


def test_configured_failure_modes_and_deadline_ticks(make_kube, apps) -> None:
    modes = FailureModes(images={"acme/web:v7": PodMode.NEVERREADY})
    kube = make_kube(failure_modes=modes, progress_deadline_ticks=2)
    kube.seed.app("shop", "web", "acme/web:v7")
    pod = kube.objects("pods", "shop")[0]
    assert pod["status"]["phase"] == "Running"
    assert pod["status"]["containerStatuses"][0]["ready"] is False
    assert kube.get("deployments", "shop", "web")["status"]["conditions"][1]["reason"] == "ReplicaSetUpdated"
    kube.tick(2)
    progressing = kube.get("deployments", "shop", "web")["status"]["conditions"][1]
    assert progressing["reason"] == "ProgressDeadlineExceeded"
    assert any(e["reason"] == "ProgressDeadlineExceeded" for e in kube.events_for("shop", "web"))


def test_deleted_pod_is_replaced_by_its_replicaset(kube, core) -> None:
    app = kube.seed.app("shop", "web", "acme/web:v1", replicas=2)
    victim = app.pods[0]["metadata"]["name"]
    core.delete_namespaced_pod(victim, "shop")
    names = [p.metadata.name for p in core.list_namespaced_pod("shop", label_selector="app=web").items]
    assert len(names) == 2
    assert victim not in names


def test_pods_stay_pending_without_a_ready_node(make_kube) -> None:
    kube = make_kube(seed_defaults=False)
    kube.seed.namespace("default")
    kube.seed.node("cordoned", ready=False)
    kube.seed.app("default", "web", "acme/web:v1")
    (pod,) = kube.objects("pods", "default")
    assert pod["status"]["phase"] == "Pending"
    assert pod["status"]["conditions"][0]["reason"] == "Unschedulable"
    kube.seed.node("worker", ready=True)
    (pod,) = kube.objects("pods", "default")
    assert (pod["spec"]["nodeName"], pod["status"]["phase"]) == ("worker", "Running")


def test_seeded_app_has_realistic_fields(kube, core, net) -> None:
    app = kube.seed.app("shop", "web", "acme/web:v1", replicas=2, service_type="LoadBalancer", tls=True)
    assert app.deployment["status"]["availableReplicas"] == 2
    assert app.service["spec"]["type"] == "LoadBalancer"
    assert len(app.pods) == 2
    svc = core.read_namespaced_service("web-svc", "shop")
    assert svc.status.load_balancer.ingress[0].ip.startswith("203.0.113.")
    assert svc.spec.ports[0].target_port == 8080
    ing = net.read_namespaced_ingress("web-ingress", "shop")
    assert ing.spec.rules[0].host == "web.klepaas.app"
    assert ing.spec.tls[0].secret_name == "web-tls"
    assert ing.spec.rules[0].http.paths[0].backend.service.name == "web-svc"
    pod = core.read_namespaced_pod(app.pods[0]["metadata"]["name"], "shop")
    assert pod.status.container_statuses[0].state.running.started_at is not None
    assert pod.metadata.owner_references[0].kind == "ReplicaSet"
    assert "pod-template-hash" in pod.metadata.labels


def test_background_ticker_advances_time(make_kube) -> None:
    kube = make_kube(ready_after_ticks=1, tick_interval_s=0.01)
    kube.seed.app("shop", "web", "acme/web:v1")
    for _ in range(500):
        deployment = kube.get("deployments", "shop", "web")
        if deployment["status"].get("readyReplicas") == 1:
            break
        kube.store.changed.acquire()
        kube.store.changed.wait(0.01)
        kube.store.changed.release()
    assert kube.cluster.ticks >= 1
    assert deployment["status"].get("readyReplicas") == 1
