"""The OpenAPI 3 document generated from the routing table.

It configures API Gateway in production (``x-google-backend`` per function, filled from the
function URLs that Terraform passes in) and drives the fuzzers in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .routes import ROUTES, Route

_ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}


def _operation(route: Route, backends: Mapping[str, str] | None) -> dict[str, Any]:
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"\{(\w+)\}", route.path)
    ]
    op: dict[str, Any] = {
        "operationId": route.operation_id,
        "summary": route.summary,
        "tags": [route.function],
        "parameters": params,
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": {}}}},
            "default": {
                "description": "Error envelope",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        },
    }
    if route.method in ("POST", "PUT", "PATCH") and route.scope is not None:
        op["requestBody"] = {
            "required": False,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    if route.scope is not None:
        op["security"] = [{"bearer": [route.scope]}]
        op["x-klepaas-scope"] = route.scope
    if backends is not None and route.function in backends:
        op["x-google-backend"] = {
            "address": backends[route.function],
            "path_translation": "APPEND_PATH_TO_ADDRESS",
            "deadline": 60.0,
        }
    return op


def document(version: str = "0.1.0", backends: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every route of the table as one OpenAPI 3.0 document."""
    paths: dict[str, dict[str, Any]] = {}
    for route in ROUTES:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route, backends)
    return {
        "openapi": "3.0.3",
        "info": {"title": "K-Le-PaaS API", "version": version},
        "paths": paths,
        "components": {
            "schemas": {"Error": _ERROR_SCHEMA},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }
