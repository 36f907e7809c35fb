"""Paths functions-framework's own router cannot match (a newline or another control character,
``/robots.txt``, ``/favicon.ico``) still get our JSON envelope, never the framework's HTML page."""

from __future__ import annotations

import os
from functools import cache
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_shared import routes

from .faults_support import assert_envelope, assert_framework_404, framework_answers, http_client

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4")) * 10
CONTROL = [chr(c) for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)]


@cache
def client(function: str) -> Any:
    return http_client(function)


@pytest.mark.parametrize("function", routes.FUNCTIONS)
@pytest.mark.parametrize("path", ["/a%0Ab", "/api/v1/%0A", "/%0D%0A", "/robots.txt", "/favicon.ico", "/x%00%0A"])
def test_a_path_the_framework_cannot_route_gets_the_envelope(function: str, path: str) -> None:
    response = client(function).get(path)
    if framework_answers(function, "GET", path):  # never a 500 or a page; no hook for the envelope
        assert_framework_404(response)
        return
    body = assert_envelope(response, 404)
    assert response.mimetype == "application/json"
    assert body["error"]["code"] == "not_found"


def test_a_newline_inside_a_route_reaches_the_function_and_its_auth() -> None:
    response = client("deploy").get("/api/v1/deployments/default/a%0Ab/pods")
    assert_envelope(response, 401)  # the function's dispatch ran: the token is checked first


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    route=st.sampled_from([r for r in routes.ROUTES if r.path != "/api/v1/health"]),
    junk=st.text(alphabet=st.sampled_from(CONTROL) | st.characters(codec="utf-8"), min_size=1, max_size=8).filter(
        lambda t: any(c in CONTROL for c in t)
    ),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "OPTIONS"]),
)
def test_control_characters_anywhere_in_a_path_never_escape_the_envelope(route: Any, junk: str, method: str) -> None:
    path = route.path.replace("{", "").replace("}", "") + "/" + quote(junk, safe="")
    response = client(route.function).open(path, method=method)
    if framework_answers(route.function, method, path):  # as above: an ASGI function never sees it
        assert_framework_404(response)
        return
    if method == "OPTIONS":
        assert response.status_code == 204
        return
    assert_envelope(response)
    assert response.status_code < 500 or response.status_code in (501, 503)
