"""The front door's own routes, served by the auth function through functions-framework."""

from __future__ import annotations

from typing import Any

import pytest
from functions_framework import create_app

from klepaas_shared import openapi, routes


@pytest.fixture(scope="module")
def client() -> Any:
    return create_app(target="auth_http", source="functions/auth/main.py").test_client()


def test_the_openapi_document_is_served_without_a_token(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["paths"] == openapi.document(body["info"]["version"])["paths"]
    assert len([m for item in body["paths"].values() for m in item]) == len(routes.ROUTES)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Request-Id"]


def test_the_version_names_the_bundle_and_the_environment(client: Any) -> None:
    response = client.get("/api/v1/version")
    assert response.status_code == 200
    body = response.get_json()
    assert body["environment"] == "test"
    assert body["version"].count(".") >= 2


def test_the_meta_routes_refuse_other_methods_with_an_envelope(client: Any) -> None:
    response = client.post("/api/v1/version", json={})
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_the_function_health_answers_for_the_function(client: Any) -> None:
    body = client.get("/api/v1/health/auth").get_json()
    assert body["function"] == "auth" and body["status"] == "ok"
    assert body["routes_served"] >= 3
