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
AS = "klepaas_auth.authorization_server.views"
app.lazy("GET", "/.well-known/oauth-authorization-server", f"{AS}:well_known")
app.lazy("GET", "/oauth/authorize", f"{AS}:authorize_page")
app.lazy("POST", "/oauth/authorize", f"{AS}:authorize_form")
app.lazy("GET", "/oauth/callback/{provider}", f"{AS}:provider_callback")
app.lazy("POST", "/oauth/token", f"{AS}:token")
app.lazy("POST", "/oauth/register", f"{AS}:register")
app.lazy("POST", "/oauth/revoke", f"{AS}:revoke")
app.lazy("GET", "/api/v1/auth/mcp/grants", f"{AS}:list_grants")
app.lazy("DELETE", "/api/v1/auth/mcp/grants/{grant_id}", f"{AS}:delete_grant")
