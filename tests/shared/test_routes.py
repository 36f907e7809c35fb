"""The routing table: every call of the console (FRONTEND_API.md §1) is there, nothing is ambiguous,
and the OpenAPI document generated from it is structurally sound."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from klepaas_shared import openapi, routes

# FRONTEND_API.md §1, written out from the document: (id, method, path). Path parameter names are
# the document's; they are compared by position. The WebSocket of §1.9 is not an HTTP route (Cloud
# Functions cannot hold one; the console falls back to polling D5), and §1.8 has no live call.
CONSOLE_CALLS = [
    ("A1", "GET", "/api/v1/auth/oauth2/url/{provider}"),
    ("A2", "POST", "/api/v1/auth/oauth2/login"),
    ("A3", "POST", "/api/v1/auth/oauth2/admin/login"),
    ("A4", "GET", "/api/v1/auth/me"),
    ("N1", "POST", "/api/v1/nlp/conversation"),
    ("N2", "POST", "/api/v1/nlp/confirm"),
    ("N3", "GET", "/api/v1/nlp/conversation-history"),
    ("N4", "GET", "/api/v1/nlp/history"),
    ("D1", "GET", "/api/v1/dashboard/overview"),
    ("D2", "GET", "/api/v1/deployment-histories/repositories/latest"),
    ("D3", "GET", "/api/v1/deployments/{owner}/{repo}/config"),
    ("D4", "GET", "/api/v1/deployment-histories"),
    ("D5", "GET", "/api/v1/deployment-histories/{deploymentId}"),
    ("D6", "GET", "/api/v1/github/pipelines"),
    ("K1", "GET", "/api/v1/deployments/{owner}/{repo}/rollback/list"),
    ("K2", "POST", "/api/v1/rollback/commit"),
    ("K3", "POST", "/api/v1/deployments/{owner}/{repo}/scale"),
    ("K4", "POST", "/api/v1/deployments/{owner}/{repo}/restart"),
    ("K5", "GET", "/api/v1/deployments/{namespace}/{app}/pods"),
    ("K6", "GET", "/api/v1/deployments/{namespace}/{app}/logs"),
    ("K7", "POST", "/api/v1/github/manual-deploy"),
    ("K-", "POST", "/api/v1/rollback/previous"),
    ("K-", "PUT", "/api/v1/deployments/{owner}/{repo}/config"),
    ("K-", "GET", "/api/v1/deployments/{owner}/{repo}/scaling-history"),
    ("P1", "GET", "/api/v1/github/repositories/connected"),
    ("P2", "POST", "/api/v1/projects/github/connect"),
    ("P3", "GET", "/api/v1/github/pull-requests"),
    ("P4", "PUT", "/api/v1/github/webhook/{integrationId}"),
    ("S1", "GET", "/api/v1/slack/auth/url"),
    ("S2", "GET", "/api/v1/slack/status"),
    ("M1", "GET", "/api/v1/monitoring/nks/cpu-usage"),
    ("M2", "GET", "/api/v1/monitoring/nks/memory-usage"),
    ("M3", "GET", "/api/v1/monitoring/nks/disk-usage"),
    ("M4", "GET", "/api/v1/monitoring/nks/network-traffic"),
    ("M5", "GET", "/api/v1/monitoring/metrics/details"),
    ("M6", "GET", "/api/v1/monitoring/alerts"),
    ("M7", "POST", "/api/v1/monitoring/alerts/{alertId}/snapshot"),
    ("M8", "POST", "/api/v1/monitoring/alerts/{alertId}/resolve"),
    # The additions: the MCP endpoint and the front door's own meta routes.
    ("mcp", "POST", "/mcp"),
    ("health", "GET", "/api/v1/health"),
    ("version", "GET", "/api/v1/version"),
    ("openapi", "GET", "/api/v1/openapi.json"),
]


def shape(path: str) -> str:
    return re.sub(r"\{\w+\}", "{}", path)


def segments(path: str) -> list[str | None]:
    """Literal segments, with None for a parameter."""
    return [None if seg.startswith("{") else seg for seg in path.strip("/").split("/")]


@pytest.mark.parametrize(
    ("call", "method", "path"), CONSOLE_CALLS, ids=[f"{c[0]} {c[1]} {c[2]}" for c in CONSOLE_CALLS]
)
def test_every_console_call_is_in_the_table(call: str, method: str, path: str) -> None:
    table = {(r.method, shape(r.path)) for r in routes.ROUTES}
    assert (method, shape(path)) in table
    concrete = re.sub(r"\{\w+\}", "x1", path)
    found, _ = routes.match(method, concrete)
    assert found is not None and shape(found.route.path) == shape(path)


def test_no_two_routes_are_ambiguous() -> None:
    for a, b in itertools.combinations(routes.ROUTES, 2):
        if a.method != b.method:
            continue
        sa, sb = segments(a.path), segments(b.path)
        assert sa != sb or a.path == b.path, f"{a.path} duplicates {b.path}"
        assert (a.method, a.path) != (b.method, b.path)
        if len(sa) != len(sb) or any(x is not None and y is not None and x != y for x, y in zip(sa, sb, strict=True)):
            continue  # no concrete path matches both
        # Both can match one path: one must be more literal at every place they differ.
        a_wins = all(y is None or x is not None for x, y in zip(sa, sb, strict=True))
        b_wins = all(x is None or y is not None for x, y in zip(sa, sb, strict=True))
        assert a_wins != b_wins, f"{a.method} {a.path} and {b.path} are ambiguous"


@pytest.mark.parametrize(
    ("method", "path", "expected", "params"),
    [
        (
            "GET",
            "/api/v1/deployment-histories/repositories/latest",
            "/api/v1/deployment-histories/repositories/latest",
            {},
        ),
        (
            "GET",
            "/api/v1/deployment-histories/17",
            "/api/v1/deployment-histories/{deployment_id}",
            {"deployment_id": "17"},
        ),
        (
            "GET",
            "/api/v1/deployments/default/k-le-paas-test01/pods",
            "/api/v1/deployments/{namespace}/{app}/pods",
            {"namespace": "default", "app": "k-le-paas-test01"},
        ),
        (
            "GET",
            "/api/v1/deployments/K-Le-PaaS/test01/config/",
            "/api/v1/deployments/{owner}/{repo}/config",
            {"owner": "K-Le-PaaS", "repo": "test01"},
        ),
        ("GET", "/api/v1/health/deploy", "/api/v1/health/{fn}", {}),
    ],
)
def test_concrete_paths_resolve_to_the_most_literal_route(
    method: str, path: str, expected: str, params: dict[str, str]
) -> None:
    found, _ = routes.match(method, path)
    assert found is not None
    if expected.endswith("{fn}"):
        assert found.route.path == path and found.route.function == "deploy"
        return
    assert found.route.path == expected
    assert found.params == params


def test_a_known_path_with_another_method_lists_the_allowed_ones() -> None:
    found, allowed = routes.match("DELETE", "/api/v1/deployments/o/r/config")
    assert found is None
    assert allowed == ["GET", "PUT"]
    assert routes.match("GET", "/api/v1/nothing") == (None, [])


def test_every_route_belongs_to_a_known_function_and_scope() -> None:
    scopes = {None, "read", "deploy:execute", "mcp:execute", "admin:read", "admin:write"}
    for route in routes.ROUTES:
        assert route.function in routes.FUNCTIONS
        assert route.scope in scopes
        assert route.path.startswith("/")
        assert route.method in {"GET", "POST", "PUT", "DELETE"}
    for fn in routes.FUNCTIONS:
        assert routes.routes_of(fn)


def _resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def test_the_openapi_document_is_structurally_valid_and_covers_every_route() -> None:
    document = openapi.document("1.2.3", backends={"deploy": "https://deploy.run.app"})
    assert document["openapi"].startswith("3.0")
    assert document["info"] == {"title": "K-Le-PaaS API", "version": "1.2.3"}
    operations = [(path, method, op) for path, item in document["paths"].items() for method, op in item.items()]
    assert sorted((m.upper(), p) for p, m, _ in operations) == sorted((r.method, r.path) for r in routes.ROUTES)
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))
    schemes = document["components"]["securitySchemes"]
    for path, method, op in operations:
        assert re.fullmatch(r"[A-Za-z0-9_]+", op["operationId"])
        declared = sorted(p["name"] for p in op["parameters"] if p["in"] == "path")
        assert declared == sorted(re.findall(r"\{(\w+)\}", path))
        assert all(p["required"] is True for p in op["parameters"] if p["in"] == "path")
        assert op["responses"]["200"]["description"]
        error_ref = op["responses"]["default"]["content"]["application/json"]["schema"]["$ref"]
        assert _resolve(document, error_ref)["required"] == ["error"]
        route = next(r for r in routes.ROUTES if r.path == path and r.method == method.upper())
        if route.scope is None:
            assert "security" not in op
        else:
            assert op["security"] == [{"bearer": [route.scope]}]
            assert all(name in schemes for requirement in op["security"] for name in requirement)
        if route.function == "deploy":
            assert op["x-google-backend"]["address"] == "https://deploy.run.app"
        else:
            assert "x-google-backend" not in op


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda r: f"{r.method} {r.path}")
def test_a_function_matching_its_own_routes_first_finds_what_the_whole_table_finds(route: routes.Route) -> None:
    concrete = re.sub(r"\{\w+\}", "x1", route.path)
    for function in routes.FUNCTIONS:
        assert routes.match(route.method, concrete, function) == routes.match(route.method, concrete)


def test_head_is_no_route_even_where_werkzeug_would_answer_it_with_a_get_rule() -> None:
    found, allowed = routes.match("HEAD", "/api/v1/deployments/o/r/config")
    assert found is None
    assert allowed == ["GET", "PUT"]
    found, allowed = routes.match("GET", "/api/v1/deployments/o/r/config")
    assert found is not None and found.params == {"owner": "o", "repo": "r"}
    assert allowed == []  # worked out only when nothing matched
