"""The auth function's HTTP routes (handlers are registered on ``app``).

Handlers are imported on their first request, so a cold instance answers its health check
without loading pydantic, the store or the login providers.
"""

from __future__ import annotations

import importlib
from typing import Any

from klepaas_shared.http import FunctionApp, Handler, Req

from . import meta


def _lazy(module: str, name: str) -> Handler:
    def handler(req: Req) -> Any:
        return getattr(importlib.import_module(f"klepaas_auth.{module}"), name)(req)

    handler.__name__ = name
    return handler


app = FunctionApp("auth")
app.route("GET", "/api/v1/health")(meta.health)
app.route("GET", "/api/v1/version")(meta.api_version)
app.route("GET", "/api/v1/openapi.json")(meta.openapi_document)
app.route("GET", "/api/v1/auth/oauth2/url/{provider}")(_lazy("oauth", "authorization_url"))
app.route("POST", "/api/v1/auth/oauth2/login")(_lazy("oauth", "login"))
app.route("POST", "/api/v1/auth/oauth2/admin/login")(_lazy("admin", "login"))
app.route("GET", "/api/v1/auth/me")(_lazy("account", "me"))
app.route("GET", "/api/v1/auth/verify")(_lazy("account", "verify"))
app.route("POST", "/api/v1/auth/token")(_lazy("account", "mint_machine_token"))
