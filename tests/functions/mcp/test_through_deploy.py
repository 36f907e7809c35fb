"""The Python MCP client against mcp wired as in production: mcp → HTTP (a delegated token) → the
deploy function's operations → the Prometheus and Kubernetes stand-ins."""

from __future__ import annotations

from typing import Any

import pytest
from mcp import ClientSession

from .conftest import Stack
from .test_python_client import session_run


def test_query_metrics_reaches_prometheus_through_deploy(stack: Stack, mcp_token) -> None:
    stack.prometheus.set('rate(http_requests_total{app="web-app"}[5m])', ({"pod": "web-app-1"}, 2.5))
    query = 'rate(http_requests_total{app="web-app"}[5m])'
    result = session_run(stack.mcp.url, mcp_token(), lambda s: s.call_tool("query_metrics", {"query": query}))
    assert not result.is_error, result.content
    data = result.structured_content["data"]
    assert result.structured_content["kind"] == "query_metrics"
    assert data["resultType"] == "vector" and data["query"] == query
    assert data["result"][0]["metric"] == {"pod": "web-app-1"} and float(data["result"][0]["value"][1]) == 2.5
    assert stack.prometheus.queries == [query]


def test_without_prometheus_deploy_answers_a_clear_unavailable(
    stack: Stack, mcp_token, monkeypatch: pytest.MonkeyPatch
) -> None:
    from klepaas_deploy.settings import deploy_settings

    monkeypatch.setenv("KLEPAAS_PROMETHEUS_URL", "")
    deploy_settings.cache_clear()
    result = session_run(stack.mcp.url, mcp_token(), lambda s: s.call_tool("query_metrics", {"query": "up"}))
    assert result.is_error
    assert "unavailable: no Prometheus is configured (KLEPAAS_PROMETHEUS_URL)" in result.content[0].text


def test_a_query_prometheus_refuses_is_a_bad_request_tool_error(stack: Stack, mcp_token) -> None:
    stack.prometheus.refuse("sum(up", "parse error: unclosed left parenthesis")
    result = session_run(stack.mcp.url, mcp_token(), lambda s: s.call_tool("query_metrics", {"query": "sum(up"}))
    assert result.is_error
    assert "bad_request: Prometheus refused the query: parse error" in result.content[0].text


ABUSIVE = [
    ('{__name__=~".+"}', "every series"),
    ('count({__name__!=""})', "every series"),
    ('sum({job=~".*"})', "every series"),
    ("rate(http_requests_total[30d])", "longer than 24 hours"),
    ("max_over_time(up[1d:1ms])", "more than 11000 points"),
    ("(" * 20 + "up" + ")" * 20, "nests deeper"),
    ("up\x00", "control characters"),
    ("rate(up[5x])", "not a PromQL duration"),
]


def test_abusive_promql_is_refused_before_reaching_prometheus(stack: Stack, mcp_token) -> None:
    async def work(session: ClientSession) -> list[Any]:
        return [await session.call_tool("query_metrics", {"query": query}) for query, _ in ABUSIVE]

    results = session_run(stack.mcp.url, mcp_token(), work)
    for (query, reason), result in zip(ABUSIVE, results, strict=True):
        assert result.is_error and "bad_request: " in result.content[0].text, query
        assert reason in result.content[0].text, (query, result.content)
    assert stack.prometheus.queries == []


def test_an_overlong_query_is_a_tool_error_naming_the_limit(stack: Stack, mcp_token) -> None:
    query = "up + " * 250 + "up"
    result = session_run(stack.mcp.url, mcp_token(), lambda s: s.call_tool("query_metrics", {"query": query}))
    assert result.is_error and "1000" in result.content[0].text
    assert stack.prometheus.queries == []


def test_deploy_guards_promql_itself(stack: Stack, make_token) -> None:
    from klepaas_shared.auth import Principal
    from klepaas_shared.errors import BadRequest
    from klepaas_shared.operations import HttpOperationsClient, OperationRequest

    client = HttpOperationsClient(stack.deploy_url, service="mcp", timeout_s=5)
    principal = Principal(sub="someone", scopes=frozenset({"read"}))
    with pytest.raises(BadRequest, match="every series"):
        client.run(OperationRequest(type="query_metrics", args={"query": '{__name__=~".*"}'}), principal)
    with pytest.raises(BadRequest, match="needs 'query'"):
        client.run(OperationRequest(type="query_metrics", args={"query": 5}), principal)
    assert stack.prometheus.queries == []


def test_a_read_tool_lists_pods_from_the_kubernetes_stand_in(stack: Stack, mcp_token) -> None:
    stack.kube.seed.app("default", "web-app", "registry/web-app:1", replicas=2)

    async def work(session: ClientSession) -> Any:
        return await session.call_tool("list_resources", {"kind": "pods", "namespace": "default"})

    result = session_run(stack.mcp.url, mcp_token(), work)
    assert not result.is_error, result.content
    names = [p["name"] for p in result.structured_content["items"]]
    assert len(names) == 2 and all(n.startswith("web-app") for n in names)


def test_deploy_unreachable_opens_the_circuit_that_health_reports(stack: Stack, mcp_token) -> None:
    from klepaas_mcp.ports import get_ports
    from klepaas_shared.operations import HttpOperationsClient

    get_ports().operations = HttpOperationsClient("http://127.0.0.1:9", service="mcp", timeout_s=1)

    async def work(session: ClientSession) -> Any:
        failures = [await session.call_tool("cluster_overview", {}) for _ in range(6)]
        return failures, await session.call_tool("health", {})

    failures, health = session_run(stack.mcp.url, mcp_token(), work)
    assert all(f.is_error for f in failures)
    assert "unavailable" in failures[0].content[0].text and "circuit" in failures[-1].content[0].text.lower()
    circuits = {c["name"]: c for c in health.structured_content["circuits"]}
    assert circuits["deploy"]["state"] == "open" and circuits["nlp"]["state"] == "closed"


def _pod(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "labels": {"app": "web"}},
        "spec": {"containers": [{"name": "web", "image": "registry/web:1"}]},
    }


def test_fifty_pods_fit_in_8_kb_of_text_and_pages_follow_the_cursor(stack: Stack, mcp_token) -> None:
    stack.kube.seed.app("default", "web-app", "registry/web-app:1", replicas=50)

    async def work(session: ClientSession) -> Any:
        first = await session.call_tool("list_resources", {"kind": "pods", "label_selector": "app=web-app"})
        small = await session.call_tool("list_resources", {"kind": "pods", "limit": 20})
        rest = await session.call_tool(
            "list_resources", {"kind": "pods", "cursor": small.structured_content["next_cursor"]}
        )
        bad = await session.call_tool(
            "list_resources", {"kind": "services", "cursor": small.structured_content["next_cursor"]}
        )
        return first, small, rest, bad

    everything, small, rest, bad = session_run(stack.mcp.url, mcp_token(), work)
    text = everything.content[0].text
    assert everything.structured_content["total"] == 50 and len(everything.structured_content["items"]) == 50
    assert len(text.encode()) <= 8192 and len(text.splitlines()) == 52  # a summary, a header, 50 rows
    assert "{" not in text  # the JSON is in structuredContent only
    assert len(small.structured_content["items"]) == 20 and len(rest.structured_content["items"]) == 30
    names = {p["name"] for p in small.structured_content["items"] + rest.structured_content["items"]}
    assert len(names) == 50 and "next_cursor" not in rest.structured_content
    assert bad.is_error and "another listing" in bad.content[0].text


def test_a_pod_is_found_by_its_exact_name(stack: Stack, mcp_token) -> None:
    from klepaas_fakes.kube.resources import PODS

    for name in ("web-1", "web-10", "web-11"):
        stack.kube.seed.put(PODS, _pod(name))

    async def work(session: ClientSession) -> Any:
        one = await session.call_tool("get_resource", {"kind": "pod", "name": "web-1"})
        none = await session.call_tool("get_resource", {"kind": "pod", "name": "web-2"})
        return one, none

    one, none = session_run(stack.mcp.url, mcp_token(), work)
    assert [p["name"] for p in one.structured_content["data"]["pods"]] == ["web-1"]
    assert none.is_error and "not_found" in none.content[0].text


def test_events_and_container_logs_through_deploy(stack: Stack, mcp_token) -> None:
    stack.kube.seed.app("default", "crashy", "registry/crashloop:1")
    stack.kube.tick(5)

    async def work(session: ClientSession) -> Any:
        pods = await session.call_tool("list_resources", {"kind": "pods", "label_selector": "app=crashy"})
        [pod] = pods.structured_content["items"]
        stack.kube.set_pod_log("default", pod["name"], "boot\nfail", container="crashy")
        events = await session.call_tool("list_resources", {"kind": "events", "object_name": pod["name"]})
        logs = await session.call_tool(
            "get_logs", {"pod_name": pod["name"], "container": "crashy", "tail": 1, "since_seconds": 600}
        )
        return pod, events, logs

    pod, events, logs = session_run(stack.mcp.url, mcp_token(), work)
    assert {e["object"] for e in events.structured_content["items"]} == {f"pod/{pod['name']}"}
    assert "BackOff" in {e["reason"] for e in events.structured_content["items"]}
    assert events.content[0].text.splitlines()[1].split() == ["LAST_SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    assert logs.structured_content["data"]["log_lines"] == ["fail"]
    assert logs.content[0].text.endswith("\nfail")


def test_a_described_deployment_reads_as_one_summary_line(stack: Stack, mcp_token) -> None:
    stack.kube.seed.app("default", "web-app", "registry/web-app:1", replicas=2)
    result = session_run(
        stack.mcp.url, mcp_token(), lambda s: s.call_tool("get_resource", {"kind": "deployment", "name": "web-app"})
    )
    assert not result.is_error, result.content
    message, line = result.content[0].text.splitlines()
    assert message == "deployment web-app in default" and "deployment.name=web-app" in line.split()
    assert "deployment.replicas.desired=2" in line.split() and len(line) <= 600
    assert result.structured_content["data"]["deployment"]["name"] == "web-app"


def test_an_mcp_scale_of_someone_elses_app_is_refused_by_the_policy(stack: Stack, mcp_token) -> None:
    from klepaas_shared.projects import ProjectRepository, app_id
    from klepaas_shared.store import get_store

    ProjectRepository(get_store()).claim(app_id("web-app"), "app", "web-app", "alice")
    arguments = {"app_name": "web-app", "replicas": 3, "confirm": "scale web-app to 3"}
    result = session_run(stack.mcp.url, mcp_token(sub="mallory"), lambda s: s.call_tool("scale", arguments))
    assert result.is_error and "not a member of the project web-app" in result.content[0].text
    refusals = [d.data for d in get_store().query("audit") if d.data["result"] == "denied"]
    assert [(r["actor"], r["action"]) for r in refusals] == [("mallory", "policy.scale")]


@pytest.mark.parametrize("tool", ["scale", "restart"])
def test_an_mcp_mutation_cannot_be_pointed_at_a_system_namespace(stack: Stack, mcp_token, tool: str) -> None:
    """Issue 22: MCP accepted system namespaces. A namespace is no argument of the write tools (it is
    derived from the project), so one passed along is refused or ignored: kube-system is untouched."""
    stack.kube.seed.app("kube-system", "coredns", "registry.k8s.io/coredns:1.11", replicas=2)
    arguments: dict[str, Any] = {"app_name": "coredns", "namespace": "kube-system", "confirm": f"{tool} coredns"}
    if tool == "scale":
        arguments["replicas"] = 0
    session_run(stack.mcp.url, mcp_token(), lambda s: s.call_tool(tool, arguments))
    coredns = stack.kube.get("deployments", "kube-system", "coredns")
    assert coredns["spec"]["replicas"] == 2
    assert not (coredns["spec"]["template"].get("metadata") or {}).get("annotations")


def test_listing_across_namespaces_and_by_field_through_deploy(stack: Stack, mcp_token) -> None:
    stack.kube.seed.app("default", "web-app", "registry/web-app:1", replicas=2)
    stack.kube.seed.app("shop", "cart", "registry/cart:1", replicas=1)
    stack.kube.seed.app("kube-system", "dns", "registry/dns:1", replicas=1)

    async def work(session: ClientSession) -> Any:
        everywhere = await session.call_tool("list_resources", {"kind": "pods", "all_namespaces": True})
        running = await session.call_tool(
            "list_resources", {"kind": "pods", "namespace": "shop", "field_selector": "status.phase=Running"}
        )
        return everywhere, running

    everywhere, running = session_run(stack.mcp.url, mcp_token(), work)
    # The caller may read default and shop, not kube-system (that needs admin:read).
    assert {p["namespace"] for p in everywhere.structured_content["items"]} == {"default", "shop"}
    assert everywhere.structured_content["total"] == 3 and everywhere.content[0].text.startswith("3 pods in all")
    assert [p["namespace"] for p in running.structured_content["items"]] == ["shop"]


def test_a_reused_delegated_token_still_carries_only_its_callers_scopes(stack: Stack) -> None:
    """mcp signs one delegated token per caller and reuses it for a while: deploy still verifies
    it on every call, and a viewer's token never stands for a developer's, nor the other way round."""
    from klepaas_shared.auth import DEPLOY_EXECUTE, READ, Principal
    from klepaas_shared.errors import Forbidden
    from klepaas_shared.operations import HttpOperationsClient, OperationRequest

    stack.kube.seed.app("default", "web-app", "registry/web-app:1", replicas=1)
    client = HttpOperationsClient(stack.deploy_url, service="mcp", timeout_s=5)
    viewer = Principal(sub="viewer", scopes=frozenset({READ}))
    developer = Principal(sub="viewer", scopes=frozenset({READ, DEPLOY_EXECUTE}))
    listing = OperationRequest(type="list_pods", args={"namespace": "default"}, source="mcp")
    for _ in range(2):  # the second call sends the token the first one signed
        assert client.run(listing, viewer).data["total"] == 1
    scale = OperationRequest(
        type="scale", args={"app_name": "web-app", "replicas": 2}, operation_id="reuse-scale-1", source="mcp"
    )
    with pytest.raises(Forbidden, match=DEPLOY_EXECUTE):
        client.run(scale, viewer)
    assert client.run(listing, developer).data["total"] == 1
    assert client.run(listing, viewer).data["total"] == 1
    with pytest.raises(Forbidden, match=DEPLOY_EXECUTE):
        client.run(scale, viewer)


def test_an_mcp_change_in_production_is_held_by_deploy_until_a_second_person_approves(
    stack: Stack, mcp_token, make_token
) -> None:
    """Issue 18 end to end: the held operation is deploy's own (not a stand-in's), the model gets its
    id and link, the person who asked cannot approve it (four eyes), a project approver can."""
    import httpx

    from klepaas_shared.contracts import args_hash
    from klepaas_shared.projects import ProjectRepository, Role, app_id
    from klepaas_shared.store import get_store

    stack.kube.seed.app("default", "web-app", "registry/web-app:1", replicas=1)
    projects = ProjectRepository(get_store())
    projects.claim(app_id("web-app"), "app", "web-app", "user-1")
    projects.set_role(app_id("web-app"), "approver-1", Role.parse("approver"))
    token = mcp_token()
    scale = {"app_name": "web-app", "replicas": 3, "environment": "production"}
    held = session_run(stack.mcp.url, token, lambda s: s.call_tool("scale", scale))
    assert not held.is_error, held.content
    operation_id = held.structured_content["operation_id"]
    assert held.structured_content["status"] == "waiting_for_approval" and held.structured_content["approval_url"]
    assert stack.kube.get("deployments", "default", "web-app")["spec"]["replicas"] == 1

    url = held.structured_content["approval_url"]  # where the model is told a person approves it: it works
    assert url == f"{stack.deploy_url}/api/v1/operations/{operation_id}/approval"
    operation = httpx.get(
        f"{stack.deploy_url}/api/v1/operations/{operation_id}", headers={"Authorization": f"Bearer {make_token()}"}
    ).json()
    decision = {"approve": True, "args_hash": args_hash(operation["args"])}
    mine = httpx.post(url, json=decision, headers={"Authorization": f"Bearer {make_token(sub='user-1')}"})
    assert mine.status_code == 403, mine.text  # the requester is not the second pair of eyes
    approver = make_token(scopes=("read", "deploy:execute"), sub="approver-1")
    approved = httpx.post(url, json=decision, headers={"Authorization": f"Bearer {approver}"})
    assert approved.status_code == 200, approved.text
    assert stack.kube.get("deployments", "default", "web-app")["spec"]["replicas"] == 3
    state = session_run(stack.mcp.url, token, lambda s: s.call_tool("operation_status", {"operation_id": operation_id}))
    # Approved and applied; the rollout watch may still be following the new pods.
    assert state.structured_content["status"] in ("running", "succeeded"), state.structured_content
