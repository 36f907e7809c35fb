"""The auth function's HTTP routes (handlers are registered on ``app``)."""

from __future__ import annotations

from klepaas_shared.http import FunctionApp

from . import meta

app = FunctionApp("auth")
app.route("GET", "/api/v1/health")(meta.health)
app.route("GET", "/api/v1/version")(meta.api_version)
app.route("GET", "/api/v1/openapi.json")(meta.openapi_document)
