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
    cluster.set_app_log("default", "web", "before the crash", previous=True)
    previous = read(client, read_headers, "logs", pod_name="web", lines=10, previous=True)
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
