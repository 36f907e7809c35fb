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
    assert result.structured_content["type"] == "query_metrics"
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
    names = [p["name"] for p in result.structured_content["data"]["items"]]
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


def test_an_mcp_scale_of_someone_elses_app_is_refused_by_the_policy(stack: Stack, mcp_token) -> None:
    from klepaas_shared.projects import ProjectRepository, app_id
    from klepaas_shared.store import get_store

    ProjectRepository(get_store()).claim(app_id("web-app"), "app", "web-app", "alice")
    arguments = {"app_name": "web-app", "replicas": 3, "confirm": "scale web-app to 3"}
    result = session_run(stack.mcp.url, mcp_token(sub="mallory"), lambda s: s.call_tool("scale", arguments))
    assert result.is_error and "not a member of the project web-app" in result.content[0].text
    refusals = [d.data for d in get_store().query("audit") if d.data["result"] == "denied"]
    assert [(r["actor"], r["action"]) for r in refusals] == [("mallory", "policy.scale")]
