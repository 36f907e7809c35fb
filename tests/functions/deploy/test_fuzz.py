"""Malformed, oversized, unsigned and replayed input: always a 4xx envelope, never a 500."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_shared.routes import routes_of
from klepaas_shared.store import get_store

ROUTES = [r for r in routes_of("deploy") if not r.path.startswith("/api/v1/health")]
segment = st.text(st.characters(codec="utf-8", exclude_characters="/?#%"), min_size=1, max_size=40)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)


def _path(template: str, parts: list[str]) -> str:
    out = []
    for seg in template.split("/"):
        out.append(parts.pop() if seg.startswith("{") and parts else seg)
    return "/".join(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    route=st.sampled_from(ROUTES),
    parts=st.lists(segment, min_size=3, max_size=3),
    body=st.dictionaries(
        st.sampled_from(
            [
                "type",
                "args",
                "replicas",
                "owner",
                "repo",
                "target_commit_sha",
                "steps_back",
                "replica_count",
                "operation_id",
                "dry_run",
                "x",
            ]
        ),
        values,
        max_size=5,
    ),
    query=st.dictionaries(
        st.sampled_from(["limit", "offset", "lines", "previous", "pod", "status", "repository"]),
        st.text(max_size=12),
        max_size=3,
    ),
)
def test_every_route_answers_malformed_input_with_a_4xx_envelope(
    client: Any, headers: dict[str, str], route: Any, parts: list[str], body: dict[str, Any], query: dict[str, str]
) -> None:
    path = _path(route.path, list(parts))
    response = client.open(
        path,
        method=route.method,
        headers=headers,
        query_string=query,
        data=json.dumps(body) if route.method != "GET" else None,
    )
    assert response.status_code < 500 or response.status_code in (502, 503), response.get_data(as_text=True)
    if response.status_code >= 400:
        assert set(response.get_json()["error"]) >= {"code", "message"}


def test_unsigned_and_forged_tokens_are_rejected_with_401(client: Any) -> None:
    for header in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic dXNlcjpwYXNz"}):
        response = client.post("/api/v1/operations", json={"type": "list_pods"}, headers=header)
        assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"


def test_oversized_and_non_json_bodies_are_refused_and_nothing_is_written(client: Any, headers: dict[str, str]) -> None:
    big = client.post("/api/v1/operations", data="{" + " " * 2_000_000 + "}", headers=headers)
    assert big.status_code == 413
    text = client.post("/api/v1/operations", data="type=scale", headers={**headers, "Content-Type": "text/plain"})
    assert text.status_code == 415
    bad = client.post("/api/v1/operations", json={"type": "delete_everything"}, headers=headers)
    assert bad.status_code == 422
    assert get_store().query("operations") == [] and get_store().query("audit") == []


def test_a_deployment_id_of_non_ascii_digits_is_a_400(client: Any, headers: dict[str, str]) -> None:
    for raw in ("²", "١٢", "①"):
        response = client.get(f"/api/v1/deployment-histories/{raw}", headers=headers)
        assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request", raw
