"""The console's endpoints with exactly the fields it reads (FRONTEND_API.md §1.3, §1.4, §1.7)."""

from __future__ import annotations

from typing import Any

from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.prometheus import PrometheusStandIn
from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS, DeployRequest
from klepaas_shared.events import pubsub_envelope
from klepaas_shared.store import get_store

from .conftest import load_main
from .test_operations import deploy


def test_history_endpoints_d1_d2_d4_d5(cluster: KubeStandIn, client: Any, headers: dict[str, str]) -> None:
    first = deploy(client, headers, "r/test01:aaaaaaa", "a" * 40)["data"]["deployment_id"]
    d2 = client.get("/api/v1/deployment-histories/repositories/latest?t=1&user_id=u", headers=headers).get_json()
    repo = d2["repositories"][0]
    assert {k: repo[k] for k in ("owner", "repo", "full_name", "branch", "auto_deploy_enabled")} == {
        "owner": "K-Le-PaaS",
        "repo": "test01",
        "full_name": "K-Le-PaaS/test01",
        "branch": "main",
        "auto_deploy_enabled": False,
    }
    latest = repo["latest_deployment"]
    assert latest["id"] == first and latest["status"] == "success"
    assert latest["image"] == {"name": "r/test01", "tag": "aaaaaaa", "url": "r/test01:aaaaaaa"}
    assert latest["commit"]["short_sha"] == "aaaaaaa" and set(latest["commit"]) >= {"sha", "message", "author", "url"}
    assert latest["cluster"]["replicas"] == {"desired": 1, "ready": 1}
    assert set(latest["cluster"]["resources"]) == {"cpu", "memory"}
    assert latest["timing"]["started_at"].endswith("Z") and isinstance(latest["timing"]["total_duration"], float)
    # The link is the host the app's ingress serves (the walk's card linked a host nothing served).
    hosts = {rule["host"] for ing in cluster.objects("ingresses") for rule in ing["spec"]["rules"]}
    assert latest["service_url"] == "https://test01-staging.klepaas.app" and "test01-staging.klepaas.app" in hosts
    d4 = client.get(
        "/api/v1/deployment-histories?limit=20&offset=0&repository=K-Le-PaaS/test01&status=success", headers=headers
    ).get_json()
    assert [d["id"] for d in d4["deployments"]] == [first] and d4["deployments"][0]["sourcedeploy_status"] == "success"
    d5 = client.get(f"/api/v1/deployment-histories/{first}?user_id=u", headers=headers).get_json()["deployment"]
    assert d5["status"] == "success" and d5["stages"]["sourcebuild"]["status"] == "success"
    assert client.get("/api/v1/deployment-histories/999", headers=headers).status_code == 404
    d1 = client.get("/api/v1/dashboard/overview", headers=headers).get_json()
    assert d1["connectedRepositories"][0]["fullName"] == "K-Le-PaaS/test01" and d1["pullRequests"] == []
    d3 = client.get("/api/v1/deployments/K-Le-PaaS/test01/config?user_id=u&user_id=u", headers=headers).get_json()
    assert d3["replica_count"] == 1
    assert (
        client.put(
            "/api/v1/deployments/K-Le-PaaS/test01/config", json={"replica_count": 4}, headers=headers
        ).get_json()["replica_count"]
        == 4
    )


def test_pods_and_logs_dialog_k5_k6(cluster: KubeStandIn, client: Any, read_headers: dict[str, str]) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "r/test01:v1")
    cluster.set_app_log("default", "k-le-paas-test01", "hello\nworld")
    k5 = client.get("/api/v1/deployments/default/k-le-paas-test01/pods?user_id=u", headers=read_headers).get_json()
    assert k5["status"] == "success"
    pod = k5["pods"][0]
    assert pod["phase"] == "Running" and pod["ready"] is True and pod["restarts"] == 0 and pod["startTime"]
    k6 = client.get(
        f"/api/v1/deployments/default/k-le-paas-test01/logs?pod={pod['name']}&lines=200&previous=false",
        headers=read_headers,
    ).get_json()
    assert k6 == {
        "status": "success",
        "podName": pod["name"],
        "logs": "hello\nworld",
        "lines": 2,
        "podStatus": "Running",
        "warning": None,
        "namespace": "default",
    }
    # "이전 로그" on a pod that never restarted: the dialog gets a success with the reason, not a 400.
    previous = client.get(
        f"/api/v1/deployments/default/k-le-paas-test01/logs?pod={pod['name']}&lines=200&previous=true",
        headers=read_headers,
    )
    assert previous.status_code == 200
    body = previous.get_json()
    assert body["status"] == "success" and body["logs"] == "" and "not restarted" in body["warning"]


def test_monitoring_m1_to_m5_read_prometheus(
    prometheus: PrometheusStandIn, client: Any, read_headers: dict[str, str]
) -> None:
    from klepaas_deploy.cluster import prometheus as queries

    prometheus.set(queries.CPU, ({}, 42.123))
    prometheus.set(queries.NET_IN, ({}, 1.5))
    prometheus.set(queries.PER_NODE["cpu"], ({"instance": "node-1:9100"}, 91.0))
    prometheus.set(queries.PER_NODE["mem"], ({"instance": "node-1:9100"}, 30.0))
    m1 = client.get("/api/v1/monitoring/nks/cpu-usage?user_id=u", headers=read_headers).get_json()
    assert m1["status"] == "success" and m1["value"] == 42.12
    assert client.get("/api/v1/monitoring/nks/memory-usage", headers=read_headers).get_json()["value"] == 0.0
    assert isinstance(client.get("/api/v1/monitoring/nks/disk-usage", headers=read_headers).get_json()["value"], float)
    m4 = client.get("/api/v1/monitoring/nks/network-traffic", headers=read_headers).get_json()
    assert (m4["inbound_mbps"], m4["outbound_mbps"]) == (1.5, 0.0)
    m5 = client.get("/api/v1/monitoring/metrics/details", headers=read_headers).get_json()
    node = m5["nodes"][0]
    assert m5["cluster"] == "nks-cluster" and node["instance"] == "node-1:9100"
    assert node["cpu"]["utilization_pct"] == 91.0 and node["disk"]["readonly"] is False
    assert set(node["network"]) == {"rx_bps", "tx_bps", "rx_errs_ps", "rx_drops_ps"}
    assert node["alerts"]["reasons"] == ["CPU % 91.0 ≥ 85"]
    prometheus.fail_status = 500
    failed = client.get("/api/v1/monitoring/nks/cpu-usage", headers=read_headers)
    assert failed.status_code == 502 and "Prometheus answered 500" in failed.get_json()["error"]["message"]


def _event(request: DeployRequest, message_id: str) -> Any:
    from cloudevents.http import CloudEvent

    attributes, data = pubsub_envelope(
        "demo-test", "deploy-requests", "deploy", request.model_dump_json().encode(), message_id=message_id
    )
    return CloudEvent(attributes, data)


def test_a_deploy_request_is_released_once_however_often_it_arrives(cluster: KubeStandIn) -> None:
    from klepaas_shared.bus import local_bus

    deploy_main = load_main()

    request = DeployRequest(
        owner="K-Le-PaaS",
        repo="test01",
        image="r/test01:abc1234",
        requested_by="webhook",
        commit={"sha": "abc1234" + "0" * 33},
    )  # type: ignore[arg-type]
    deploy_main.deploy_requests(_event(request, "m-1"))
    deploy_main.deploy_requests(_event(request, "m-2"))  # a redelivery under a new message id
    docs = [d.data for d in get_store().query("deployments")]
    assert len(docs) == 1 and docs[0]["status"] == "success" and docs[0]["request_id"] == request.request_id
    types = [t for t, *_ in local_bus().published if t == TOPIC_DEPLOYMENT_EVENTS]
    assert len(types) == 2  # deployment_started, deployment_completed
    waiting = DeployRequest(owner="K-Le-PaaS", repo="test01", requested_by="webhook")
    deploy_main.deploy_requests(_event(waiting, "m-3"))
    doc = next(d.data for d in get_store().query("deployments") if d.data["request_id"] == waiting.request_id)
    assert doc["status"] == "running" and doc["stages"]["sourcebuild"]["status"] is None


def test_network_figures_are_in_the_units_the_console_prints() -> None:
    """The console prints M4's figures as "MB/s" and M5's rx_bps/tx_bps as "B/s": node_exporter
    counts bytes, so the queries keep bytes (the walk found bits under those labels, 8 times too many)."""
    from klepaas_deploy.cluster import prometheus as queries

    for query in (queries.NET_IN, queries.NET_OUT, queries.PER_NODE["rx"], queries.PER_NODE["tx"]):
        assert "_bytes_total" in query and "* 8" not in query, query
    assert queries.NET_IN.endswith(") / 1e6") and queries.NET_OUT.endswith(") / 1e6")
    assert queries.PER_NODE["rx"].endswith("[5m]))")
