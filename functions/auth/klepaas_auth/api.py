"""The auth function's HTTP routes (handlers are registered on ``app``).

Handlers are imported on their first request, so a cold instance answers its health check
without loading pydantic, the store or the login providers.
"""

from __future__ import annotations

from klepaas_shared.http import FunctionApp

from . import meta

app = FunctionApp("auth")
app.route("GET", "/api/v1/health")(meta.health)
app.route("GET", "/api/v1/version")(meta.api_version)
app.route("GET", "/api/v1/openapi.json")(meta.openapi_document)
app.lazy("GET", "/api/v1/auth/oauth2/url/{provider}", "klepaas_auth.oauth:authorization_url")
app.lazy("GET", "/api/v1/auth/oauth2/callback/{provider}", "klepaas_auth.oauth:callback")
app.lazy("POST", "/api/v1/auth/oauth2/login", "klepaas_auth.oauth:login_with_code")
app.lazy("POST", "/api/v1/auth/oauth2/admin/login", "klepaas_auth.admin:login")
app.lazy("GET", "/api/v1/auth/me", "klepaas_auth.account:me")
app.lazy("GET", "/api/v1/auth/verify", "klepaas_auth.account:verify")
app.lazy("POST", "/api/v1/auth/token", "klepaas_auth.account:mint_machine_token")
