"""Every route of the OpenAPI document, fuzzed with schemathesis through each function's own
functions-framework app: with tokens of every scope and without, never a 5xx, every refusal in the
JSON envelope, and a refused request leaves the store as it was.

``FUZZ_EXAMPLES`` (default 4 per route and token) goes deeper.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_shared import openapi, routes
from klepaas_shared.auth import ALL_SCOPES, mint

from .faults_support import (
    assert_framework_404,
    assert_refusal_of,
    changes,
    framework_answers,
    http_client,
    refusal_records_only,
    snapshot,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
SCHEMA = schemathesis.openapi.from_dict(openapi.document())
TOKENS: dict[str, tuple[str, ...] | None] = {
    "anonymous": None,
    "viewer": ("read",),
    "deployer": ("read", "deploy:execute"),
    "admin": ALL_SCOPES,
}


@cache
def client(function: str) -> Any:
    return http_client(function)


def _authorization(scopes: tuple[str, ...] | None, garbage: bool) -> dict[str, str]:
    if garbage:
        return {"Authorization": "Bearer not-a-jwt"}
    return {} if scopes is None else {"Authorization": f"Bearer {mint('fuzzer', scopes)}"}


# The aggregate health route asks every other function over HTTP (503 "degraded" when they are not
# running, as here); tests/shared/test_meta_routes.py covers it.
FUZZED = [r for r in routes.ROUTES if r.path != "/api/v1/health"]


@pytest.mark.parametrize("route", FUZZED, ids=lambda r: f"{r.method} {r.path}")
def test_every_route_answers_fuzzed_requests_without_a_5xx_or_half_writes(route: routes.Route) -> None:
    strategy = SCHEMA[route.path][route.method].as_strategy()

    @settings(
        max_examples=EXAMPLES * len(TOKENS),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, token=st.sampled_from(sorted(TOKENS)), garbage=st.booleans())
    def run(case: Any, token: str, garbage: bool) -> None:
        kwargs = case.as_transport_kwargs(base_url="http://fuzz.test")
        headers = {k: v for k, v in (kwargs.get("headers") or {}).items() if k.lower() != "authorization"}
        headers.update(_authorization(TOKENS[token], garbage and token != "anonymous"))
        before = snapshot()
        response = client(route.function).open(
            case.formatted_path,
            method=route.method,
            headers=headers,
            query_string=kwargs.get("params"),
            json=kwargs.get("json"),
        )
        status = response.status_code
        # 501 is a route its function does not serve yet; 503 a dependency this run has none of
        # (no Prometheus, no GitHub App): both are answered in the envelope, never a crash.
        assert status < 500 or status in (501, 503), (case.formatted_path, status, response.data[:300])
        if framework_answers(route.function, route.method, case.formatted_path):
            assert_framework_404(response)  # answered before the function: nothing could be written
            return
        if response.status_code >= 400:
            assert_refusal_of(route, response)
            changed = changes(before, snapshot())
            assert refusal_records_only(changed), (route.path, response.status_code, changed)

    run()
