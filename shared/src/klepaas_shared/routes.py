"""The front door's single routing table: every public path, its method and its function.

From this table come the dev server's routing, the OpenAPI document served at
``/api/v1/openapi.json`` (which also configures Google API Gateway through Terraform), and each
function's own dispatch. A function that registers a handler for a path not listed here fails at
import, so the table and the code cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, MapAdapter, Rule

FUNCTIONS = ("webhook", "deploy", "nlp", "mcp", "notify", "auth")
PUBLIC = None  # no bearer token; the handler verifies a signature or a secret of its own
READ, DEPLOY, ADMIN_R, ADMIN_W = "read", "deploy:execute", "admin:read", "admin:write"
WEBHOOK_MAX_BYTES = 25 * 1024 * 1024  # GitHub's payload cap


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    function: str
    scope: str | None
    summary: str
    max_body_bytes: int | None = None  # None: the common KLEPAAS_MAX_BODY_BYTES
    delegated: bool = False  # also takes the short-lived klepaas-internal tokens one function mints for another
    # How refusals look: the JSON envelope {"error": {"code", "message"}}; "oauth", the RFC 6749
    # §5.2 body {"error": "<code>", "error_description"} an OAuth client reads; "html", a page
    # for a person (the authorization server's login and consent page).
    errors: str = "envelope"

    @property
    def operation_id(self) -> str:
        words = re.sub(r"[{}]", "", self.path).strip("/").replace("/", "_").replace("-", "_").replace(".", "_")
        return f"{self.function}_{self.method.lower()}_{words}"


def _r(method: str, path: str, fn: str, scope: str | None, summary: str, max_body: int | None = None) -> Route:
    return Route(method, path, fn, scope, summary, max_body)


def _oauth(method: str, path: str, summary: str, errors: str = "oauth") -> Route:
    """A route of the OAuth authorization server: public, refusing in its protocol's own format."""
    return Route(method, path, "auth", None, summary, errors=errors)


def _internal(method: str, path: str, fn: str, scope: str | None, summary: str, max_body: int | None = None) -> Route:
    """A route other functions call on a user's behalf (nlp, mcp, notify): it takes delegation tokens."""
    if max_body is None:
        return Route(method, path, fn, scope, summary, delegated=True)
    return Route(method, path, fn, scope, summary, max_body, delegated=True)


ROUTES: tuple[Route, ...] = (
    # The front door's own meta routes (served by auth, which owns nothing else that is hot).
    _r("GET", "/api/v1/health", "auth", PUBLIC, "Health of every function"),
    _r("GET", "/api/v1/version", "auth", PUBLIC, "Version of the deployed bundle"),
    _r("GET", "/api/v1/openapi.json", "auth", PUBLIC, "This OpenAPI document"),
    *(_r("GET", f"/api/v1/health/{fn}", fn, PUBLIC, f"Health of the {fn} function") for fn in FUNCTIONS),
    # auth (FRONTEND_API §1.1)
    _r("GET", "/api/v1/auth/oauth2/url/{provider}", "auth", PUBLIC, "A1 OAuth authorization URL"),
    _r("GET", "/api/v1/auth/oauth2/callback/{provider}", "auth", PUBLIC, "The provider's redirect after consent"),
    _r("POST", "/api/v1/auth/oauth2/login", "auth", PUBLIC, "A2 redeem the one-time login code for a token"),
    _r("POST", "/api/v1/auth/oauth2/admin/login", "auth", PUBLIC, "A3 admin login"),
    _r("GET", "/api/v1/auth/me", "auth", READ, "A4 the caller's profile"),
    _r("GET", "/api/v1/auth/verify", "auth", READ, "Verify the caller's token"),
    _r("POST", "/api/v1/auth/token", "auth", ADMIN_W, "Mint a token for a machine client"),
    # auth: the OAuth 2.1 authorization server for MCP hosts (klepaas_auth.authorization_server)
    _r("GET", "/.well-known/oauth-authorization-server", "auth", PUBLIC, "RFC 8414 authorization server metadata"),
    _oauth("GET", "/oauth/authorize", "OAuth authorization: the login and consent page", "html"),
    _oauth("POST", "/oauth/authorize", "OAuth authorization: the login and consent forms", "html"),
    _oauth("GET", "/oauth/callback/{provider}", "Google/GitHub sign-in for the consent page", "html"),
    _oauth("POST", "/oauth/token", "OAuth token endpoint (code and refresh grants)"),
    _oauth("POST", "/oauth/register", "RFC 7591 dynamic client registration"),
    _oauth("POST", "/oauth/revoke", "RFC 7009 token revocation"),
    _r("GET", "/api/v1/auth/mcp/grants", "auth", READ, "The caller's MCP host grants"),
    _r("DELETE", "/api/v1/auth/mcp/grants/{grant_id}", "auth", READ, "Revoke one of the caller's MCP host grants"),
    # nlp (§1.2, §2)
    _r("POST", "/api/v1/nlp/conversation", "nlp", READ, "N1 a chat turn"),
    _r("POST", "/api/v1/nlp/confirm", "nlp", READ, "N2 confirm or cancel the pending action"),
    _r("GET", "/api/v1/nlp/conversation-history", "nlp", READ, "N3 chat history, oldest first"),
    _r("GET", "/api/v1/nlp/history", "nlp", READ, "N4 command history, newest first"),
    _internal("POST", "/api/v1/nlp/interpret", "nlp", READ, "Dry-run interpretation of a command"),
    _r("POST", "/api/v1/nlp/feedback", "nlp", READ, "Right or wrong, with the correct interpretation"),
    _r("GET", "/api/v1/nlp/insights", "nlp", READ, "Per-user and per-model statistics"),
    # deploy: dashboard and history (§1.3)
    _r("GET", "/api/v1/dashboard/overview", "deploy", READ, "D1 dashboard overview"),
    _r(
        "GET",
        "/api/v1/deployment-histories/repositories/latest",
        "deploy",
        READ,
        "D2 latest deployment per repository",
    ),
    _r("GET", "/api/v1/deployment-histories", "deploy", READ, "D4 deployment histories"),
    _r("GET", "/api/v1/deployment-histories/{deployment_id}", "deploy", READ, "D5 one deployment with stages"),
    # deploy: an app's Kubernetes resources inside its project (issue 20; ?environment=, default staging).
    # mcp's resources tools call them on a user's behalf, so they take delegation tokens.
    _internal(
        "GET", "/api/v1/projects/{project}/resources/{kind}", "deploy", READ, "List a project's resources of a kind"
    ),
    _internal(
        "GET", "/api/v1/projects/{project}/resources/{kind}/{name}", "deploy", READ, "One resource (no Secret values)"
    ),
    _internal(
        "POST",
        "/api/v1/projects/{project}/resources/apply",
        "deploy",
        DEPLOY,
        "Server-side apply: a dry run's diff and digest, then applied when confirmed with the digest",
        512 * 1024,
    ),
    _internal(
        "DELETE",
        "/api/v1/projects/{project}/resources/{kind}/{name}",
        "deploy",
        DEPLOY,
        "Delete: what would be removed and a digest, then deleted when confirmed with it",
    ),
    # deploy: operations (§1.4)
    _r("GET", "/api/v1/deployments/{owner}/{repo}/config", "deploy", READ, "D3 deployment config"),
    _r("PUT", "/api/v1/deployments/{owner}/{repo}/config", "deploy", DEPLOY, "Change deployment config"),
    _r("GET", "/api/v1/deployments/{owner}/{repo}/rollback/list", "deploy", READ, "K1 rollback candidates"),
    _r("POST", "/api/v1/rollback/commit", "deploy", DEPLOY, "K2 roll back to a commit"),
    _r("POST", "/api/v1/rollback/previous", "deploy", DEPLOY, "Roll back N steps"),
    _r("POST", "/api/v1/deployments/{owner}/{repo}/scale", "deploy", DEPLOY, "K3 scale"),
    _r("POST", "/api/v1/deployments/{owner}/{repo}/restart", "deploy", DEPLOY, "K4 rolling restart"),
    _r("GET", "/api/v1/deployments/{owner}/{repo}/scaling-history", "deploy", READ, "Scaling history"),
    _r("GET", "/api/v1/deployments/{namespace}/{app}/pods", "deploy", READ, "K5 pods of an app"),
    _r("GET", "/api/v1/deployments/{namespace}/{app}/logs", "deploy", READ, "K6 logs of a pod"),
    _internal("POST", "/api/v1/operations", "deploy", READ, "Run a typed operation (mutations need deploy:execute)"),
    _internal("GET", "/api/v1/operations/{operation_id}", "deploy", READ, "An operation and its progress"),
    _internal(
        "POST", "/api/v1/operations/{operation_id}/approval", "deploy", DEPLOY, "Approve or reject a held operation"
    ),
    # deploy: monitoring (§1.7 M1-M5)
    _r("GET", "/api/v1/monitoring/nks/cpu-usage", "deploy", READ, "M1 cluster CPU usage"),
    _r("GET", "/api/v1/monitoring/nks/memory-usage", "deploy", READ, "M2 cluster memory usage"),
    _r("GET", "/api/v1/monitoring/nks/disk-usage", "deploy", READ, "M3 cluster disk usage"),
    _r("GET", "/api/v1/monitoring/nks/network-traffic", "deploy", READ, "M4 cluster network traffic"),
    _r("GET", "/api/v1/monitoring/metrics/details", "deploy", READ, "M5 per-node metrics"),
    # webhook: GitHub (§1.5, D6, K7)
    _r("POST", "/api/v1/github/webhook", "webhook", PUBLIC, "GitHub App webhook", WEBHOOK_MAX_BYTES),
    _r("POST", "/api/v1/cicd/webhook", "webhook", PUBLIC, "Repository webhook", WEBHOOK_MAX_BYTES),
    _r("GET", "/api/v1/github/repositories/connected", "webhook", READ, "P1 connected repositories"),
    _r("POST", "/api/v1/projects/github/connect", "webhook", DEPLOY, "P2 connect a repository"),
    _r("GET", "/api/v1/github/pull-requests", "webhook", READ, "P3 pull requests with CI status"),
    _r("PUT", "/api/v1/github/webhook/{integration_id}", "webhook", DEPLOY, "P4 auto-deploy switch"),
    _r("POST", "/api/v1/github/manual-deploy", "webhook", DEPLOY, "K7 trigger a deploy"),
    _r("GET", "/api/v1/github/pipelines", "webhook", READ, "D6 pipelines (deployments)"),
    # webhook: projects, their members and settings (owners manage them; issue 22)
    _r("GET", "/api/v1/projects", "webhook", READ, "Projects the caller belongs to (admin:read: all), with the role"),
    _r("GET", "/api/v1/projects/{project_id}", "webhook", READ, "A project: members, protected environments"),
    _r("DELETE", "/api/v1/projects/{project_id}", "webhook", DEPLOY, "Disconnect: the repository is free again"),
    _r("PUT", "/api/v1/projects/{project_id}/members/{user_id}", "webhook", DEPLOY, "Add a member or set a role"),
    _r("DELETE", "/api/v1/projects/{project_id}/members/{user_id}", "webhook", DEPLOY, "Remove a member"),
    _r("PUT", "/api/v1/projects/{project_id}/settings", "webhook", DEPLOY, "Protected environments, namespaces"),
    _r("POST", "/api/v1/projects/{project_id}/webhook-secret", "webhook", DEPLOY, "Rotate the webhook secret"),
    # notify: Slack and alerts (§1.6, §1.7 M6-M8)
    _r("GET", "/api/v1/slack/auth/url", "notify", READ, "S1 Slack install URL"),
    _r("GET", "/api/v1/slack/auth/callback", "notify", PUBLIC, "Slack OAuth callback (signed state)"),
    _r("GET", "/api/v1/slack/status", "notify", READ, "S2 Slack connection status"),
    _r("POST", "/api/v1/slack/interactions", "notify", PUBLIC, "Slack interactivity (signed)"),
    _r("POST", "/api/v1/alerts/alertmanager", "notify", PUBLIC, "Alertmanager receiver (bearer secret)"),
    _r("GET", "/api/v1/monitoring/alerts", "notify", READ, "M6 alerts"),
    _r("POST", "/api/v1/monitoring/alerts/{alert_id}/snapshot", "notify", DEPLOY, "M7 alert snapshot report"),
    _r("POST", "/api/v1/monitoring/alerts/{alert_id}/resolve", "notify", DEPLOY, "M8 resolve an alert"),
    # mcp (streamable HTTP; its own OAuth resource-server checks)
    _r("POST", "/mcp", "mcp", PUBLIC, "MCP streamable HTTP endpoint"),
    _r("GET", "/mcp", "mcp", PUBLIC, "MCP event stream (405: stateless server)"),
    _r("DELETE", "/mcp", "mcp", PUBLIC, "MCP session end (405: stateless server)"),
    _r("GET", "/mcp/info", "mcp", PUBLIC, "MCP server description"),
    _r("GET", "/mcp/tools", "mcp", PUBLIC, "MCP tools and their safety profile"),
    _r("GET", "/.well-known/oauth-protected-resource", "mcp", PUBLIC, "RFC 9728 metadata"),
    _r("GET", "/.well-known/oauth-protected-resource/mcp", "mcp", PUBLIC, "RFC 9728 metadata for /mcp"),
    _r("GET", "/mcp/external/providers", "mcp", ADMIN_R, "External MCP providers"),
    _r("POST", "/mcp/external/providers", "mcp", ADMIN_W, "Register an external MCP provider"),
    _r("GET", "/mcp/external/providers/{provider}/tools", "mcp", ADMIN_R, "Tools of a provider"),
    _r("POST", "/mcp/external/providers/{provider}/call", "mcp", ADMIN_W, "Call a provider's tool"),
    _r("GET", "/mcp/external/providers/{provider}/health", "mcp", ADMIN_R, "Health of a provider"),
    _r("GET", "/mcp/external/metrics", "mcp", ADMIN_R, "Connector metrics"),
)


@dataclass(frozen=True)
class Match:
    route: Route
    params: dict[str, str]


@cache
def _adapter(function: str | None = None) -> MapAdapter:
    """werkzeug's routing built from :data:`ROUTES` (only ``function``'s, when given): ``{name}``
    is one path segment, a literal segment wins over a parameter, and nothing redirects (no slash
    merging or appending). werkzeug compiles code for every rule, so a function's own map, a
    fifth of the whole, is what its cold instance builds for its first request."""
    rules = [
        Rule(re.sub(r"\{(\w+)\}", r"<\1>", route.path), methods=[route.method], endpoint=index)
        for index, route in enumerate(ROUTES)
        if function is None or route.function == function
    ]
    return Map(rules, strict_slashes=False, merge_slashes=False).bind("klepaas")


def match(method: str, path: str, function: str | None = None) -> tuple[Match | None, list[str]]:
    """The route for ``method path``, or None and the methods the path allows instead (empty
    when no route has the path).

    With ``function``, its own routes are tried first and every route only when none of them
    has the path (tests/shared/test_routes checks that no function's route hides another's)."""
    path = path.rstrip("/") or "/"
    if "//" in path:  # an empty segment is no route (werkzeug would drop leading slashes)
        return None, []
    if function is not None:
        found = _match(_adapter(function), method, path)
        if found[0] is not None or found[1]:
            return found
    return _match(_adapter(), method, path)


def _match(adapter: MapAdapter, method: str, path: str) -> tuple[Match | None, list[str]]:
    # One match for a request that has a route; the allowed methods are worked out only for one
    # that has none (a second pass over the rules). werkzeug answers HEAD with a GET rule: the
    # table has no HEAD route, so HEAD never matches.
    if method != "HEAD":
        try:
            index, params = adapter.match(path, method=method)
        except HTTPException:  # NotFound or MethodNotAllowed (nothing redirects: see _adapter)
            pass
        else:
            return Match(ROUTES[index], {name: str(value) for name, value in params.items()}), []
    methods = set(adapter.allowed_methods(path)) - {"HEAD"}  # werkzeug adds HEAD to every GET rule
    return None, sorted(methods - {method})


def routes_of(function: str) -> tuple[Route, ...]:
    return tuple(r for r in ROUTES if r.function == function)
