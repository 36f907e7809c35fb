"""Read operations through the operations API: the fields nlp's renderers need."""

from __future__ import annotations

from typing import Any

from klepaas_fakes.kube import KubeStandIn


def read(client: Any, headers: dict[str, str], kind: str, **args: Any) -> dict[str, Any]:
    response = client.post("/api/v1/operations", json={"type": kind, "args": args}, headers=headers)
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    assert body["message"] and body["operation"] is None
    return body["data"]


def test_lists_carry_the_renderers_fields(cluster: KubeStandIn, client: Any, read_headers: dict[str, str]) -> None:
    cluster.seed.app("default", "web", "r/web:1", replicas=2, host="web.klepaas.app", tls=True, service_name="web-svc")
    pods = read(client, read_headers, "list_pods")
    assert pods["running"] == 2 and {"name", "status", "ready", "restarts", "age", "node", "namespace"} <= set(
        pods["items"][0]
    )
    assert pods["items"][0]["ready"] == "1/1"
    deps = read(client, read_headers, "list_deployments")["items"]
    assert deps == [
        {"name": "web", "namespace": "default", "ready": "2/2", "up_to_date": 2, "available": 2, "age": deps[0]["age"]}
    ]
    svc = next(s for s in read(client, read_headers, "list_services")["items"] if s["name"] == "web-svc")
    assert {"type", "cluster_ip", "external_ip"} <= set(svc)
    ing = read(client, read_headers, "list_ingresses")["items"][0]
    assert ing["urls"] == ["https://web.klepaas.app"] and ing["has_tls"] is True and ing["service_name"] == "web-svc"
    names = [n["name"] for n in read(client, read_headers, "list_namespaces")["items"]]
    assert "kube-system" in names
    ep = read(client, read_headers, "list_endpoints")["items"]
    assert any(e["service_name"] == "web-svc" and e["ingress_domains"][0]["domain"] == "web.klepaas.app" for e in ep)


def test_pod_status_names_crash_loops_and_image_pull_failures(
    cluster: KubeStandIn, client: Any, read_headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "crashy", "r/crashloop:1")
    cluster.seed.app("default", "pully", "r/pully:missing")
    cluster.tick(5)
    crashy = read(client, read_headers, "status", resource_type="pod", pod_name="crashy")
    assert crashy["is_healthy"] is False and crashy["problem_pods"][0]["problem_reason"] == "CrashLoopBackOff"
    pully = read(client, read_headers, "status", resource_type="pod", pod_name="pully")
    assert pully["problem_pods"][0]["problem_reason"] in ("ImagePullBackOff", "ErrImagePull")
    dep = read(client, read_headers, "status", resource_type="deployment", deployment_name="crashy")
    assert dep["replicas"]["desired"] == 1 and dep["is_healthy"] is False and dep["conditions"]


def test_logs_tail_and_previous_container(cluster: KubeStandIn, client: Any, read_headers: dict[str, str]) -> None:
    cluster.seed.app("default", "web", "r/web:1")
    cluster.set_app_log("default", "web", "\n".join(f"line {i}" for i in range(1, 1201)))
    logs = read(client, read_headers, "logs", pod_name="web", lines=1000)
    assert logs["total_lines"] == 1000 and logs["log_lines"][-1] == "line 1200" and logs["pod_name"].startswith("web-")
    assert (
        client.post(
            "/api/v1/operations",
            json={"type": "logs", "args": {"pod_name": "web", "lines": 1001}},
            headers=read_headers,
        ).status_code
        == 400
    )
    # Kubernetes has no previous log for a container that never ended (it answers 400): the read says so.
    none_yet = read(client, read_headers, "logs", pod_name="web", lines=10, previous=True)
    assert none_yet["log_lines"] == [] and "not restarted" in none_yet["warning"]
    cluster.seed.app("default", "crashy", "r/crashloop:1")
    cluster.tick(5)
    cluster.set_app_log("default", "crashy", "before the crash", previous=True)
    previous = read(client, read_headers, "logs", pod_name="crashy", lines=10, previous=True)
    assert previous["log_lines"] == ["before the crash"]


def test_get_deployment_and_get_service_in_detail(
    cluster: KubeStandIn, client: Any, read_headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "web", "r/web:1", env={"MODE": "prod"}, service_name="web-svc")
    dep = read(client, read_headers, "get_deployment", deployment_name="web")["deployment"]
    assert dep["pod_template"]["containers"][0]["env"][0] == {"name": "MODE", "value": "prod", "value_from": None}
    assert {"desired", "updated", "current", "available", "unavailable"} <= set(dep["replicas"])
    assert dep["replica_sets"]["new"]["replicas"] == 1 and dep["strategy"]["type"] == "RollingUpdate"
    svc = read(client, read_headers, "get_service", service_name="web-svc")["service"]
    assert svc["endpoints"]["total"] == 1 and svc["endpoints"]["addresses"][0]["target_ref"]["kind"] == "Pod"


def test_overview_and_cost(cluster: KubeStandIn, client: Any, read_headers: dict[str, str]) -> None:
    cluster.seed.app("default", "web", "r/web:1", service_type="LoadBalancer")
    sections = {s["type"]: s for s in read(client, read_headers, "overview")["report_sections"]}
    assert sections["cluster_info"]["data"]["nodes"] == [{"name": "standin-node-1", "status": "Ready"}]
    assert sections["external_services"]["data"]["load_balancer"][0]["name"]
    cost = read(client, read_headers, "cost_analysis")
    assert cost["currency"] == "KRW" and cost["current_cost"] > 0 and isinstance(cost["optimizations"], list)


def test_a_pod_is_looked_up_by_its_exact_name_never_by_prefix(
    cluster: KubeStandIn, client: Any, read_headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "web", "r/web:1", replicas=2)
    first, second = sorted(p["name"] for p in read(client, read_headers, "list_pods")["items"])
    exact = read(client, read_headers, "status", resource_type="pod", pod_name=first)
    assert [p["name"] for p in exact["pods"]] == [first]
    prefix = client.post(
        "/api/v1/operations",
        json={"type": "status", "args": {"resource_type": "pod", "pod_name": first[:-1]}},
        headers=read_headers,
    )
    assert prefix.status_code == 404
    by_app = read(client, read_headers, "status", resource_type="pod", pod_name="web")
    assert sorted(p["name"] for p in by_app["pods"]) == [first, second]


def test_lists_take_selectors_pages_and_all_namespaces(
    cluster: KubeStandIn, client: Any, read_headers: dict[str, str]
) -> None:
    cluster.seed.app("default", "web", "r/web:1", replicas=3)
    cluster.seed.app("shop", "cart", "r/cart:1", replicas=1)
    web = read(client, read_headers, "list_pods", label_selector="app=web")
    assert web["total"] == 3 and {p["name"].split("-")[0] for p in web["items"]} == {"web"}
    first = read(client, read_headers, "list_pods", label_selector="app=web", limit=2)
    assert len(first["items"]) == 2 and first["continue"]
    rest = read(client, read_headers, "list_pods", label_selector="app=web", limit=2, **{"continue": first["continue"]})
    assert len(rest["items"]) == 1 and "continue" not in rest
    assert {p["name"] for p in first["items"] + rest["items"]} == {p["name"] for p in web["items"]}
    everywhere = read(client, read_headers, "list_pods", all_namespaces=True, label_selector="app in (web,cart)")
    assert everywhere["namespace"] == "all" and {p["namespace"] for p in everywhere["items"]} == {"default", "shop"}
    running = read(client, read_headers, "list_pods", namespace="shop", field_selector="status.phase=Running")
    assert [p["namespace"] for p in running["items"]] == ["shop"]
    deps = read(client, read_headers, "list_deployments", all_namespaces=True)
    assert {(d["namespace"], d["name"]) for d in deps["items"]} >= {("default", "web"), ("shop", "cart")}


def test_events_of_one_object_newest_first(cluster: KubeStandIn, client: Any, read_headers: dict[str, str]) -> None:
    cluster.seed.app("default", "crashy", "r/crashloop:1")
    cluster.tick(5)
    [pod] = read(client, read_headers, "list_pods", label_selector="app=crashy")["items"]
    events = read(client, read_headers, "events", object_name=pod["name"])
    assert events["total"] >= 2 and {e["object"] for e in events["items"]} == {f"pod/{pod['name']}"}
    assert "BackOff" in {e["reason"] for e in events["items"]}
    stamps = [e["last_seen"] for e in events["items"]]
    assert stamps == sorted(stamps, reverse=True)


def test_logs_of_a_named_container(cluster: KubeStandIn, client: Any, read_headers: dict[str, str]) -> None:
    cluster.seed.app("default", "web", "r/web:1")
    cluster.tick(3)
    [pod] = read(client, read_headers, "list_pods", label_selector="app=web")["items"]
    cluster.set_pod_log("default", pod["name"], "one\ntwo\nthree", container="web")
    logs = read(client, read_headers, "logs", pod_name=pod["name"], container="web", lines=2, since_seconds=3600)
    assert logs["log_lines"] == ["two", "three"] and logs["container"] == "web"
    wrong = client.post(
        "/api/v1/operations",
        json={"type": "logs", "args": {"pod_name": pod["name"], "container": "nope"}},
        headers=read_headers,
    )
    assert wrong.status_code == 400


def test_lists_across_namespaces_show_only_what_the_caller_may_read(
    cluster: KubeStandIn, client: Any, read_headers: dict[str, str], make_token: Any
) -> None:
    """Reading a system namespace needs admin:read; a list across namespaces leaves its rows out."""
    cluster.seed.app("default", "web", "r/web:1", replicas=2)
    cluster.seed.app("kube-system", "dns", "r/dns:1", replicas=1)
    mine = read(client, read_headers, "list_pods", all_namespaces=True)
    assert {p["namespace"] for p in mine["items"]} == {"default"}
    assert mine["total"] == 2 and mine["running"] == 2
    deps = read(client, read_headers, "list_deployments", all_namespaces=True)
    assert [d["name"] for d in deps["items"]] == ["web"]
    admin = {"Authorization": f"Bearer {make_token(scopes=('read', 'admin:read'), sub='ops')}"}
    everything = read(client, admin, "list_pods", all_namespaces=True)
    assert {p["namespace"] for p in everything["items"]} == {"default", "kube-system"} and everything["total"] == 3
    refused = client.post(
        "/api/v1/operations", json={"type": "list_pods", "args": {"namespace": "kube-system"}}, headers=read_headers
    )
    assert refused.status_code == 403
