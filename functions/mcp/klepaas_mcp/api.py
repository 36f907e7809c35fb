"""The mcp function's HTTP routes (handlers are registered on ``app``)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import BadRequest, KlepaasError, MethodNotAllowed
from klepaas_shared.http import FunctionApp, Reply, Req

# Settings (pydantic-settings), the SDK and the connectors load inside the handlers: cold start.
app = FunctionApp("mcp")


class Misrouted(KlepaasError):
    code = "misrouted"


@app.route("POST", "/mcp")
def mcp_endpoint(req: Req) -> Reply:
    # The function's ASGI entry point (main.mcp_http, :mod:`asgi`) hands POST /mcp to the MCP
    # SDK before this dispatch; the route is registered so the table and health stay truthful.
    raise Misrouted("POST /mcp is answered by the mcp function's ASGI entry point, not this dispatch")


@app.route("GET", "/mcp")
def mcp_stream(req: Req) -> Reply:
    raise MethodNotAllowed("this MCP server is stateless: POST JSON-RPC messages", headers={"Allow": "POST"})


@app.route("DELETE", "/mcp")
def mcp_session_end(req: Req) -> Reply:
    raise MethodNotAllowed("this MCP server keeps no sessions", headers={"Allow": "POST"})


@app.route("GET", "/mcp/info")
def info(req: Req) -> dict[str, Any]:
    from .consent import POLICY
    from .settings import settings

    config = settings()
    return {
        "name": "k-le-paas",
        "transport": "streamable-http",
        "stateless": True,
        "endpoint": "/mcp",
        "read_only": config.mcp_read_only,
        "audience": config.mcp_audience,
        "scopes_supported": list(config.TOKEN_SCOPES),
        "authorization_servers": config.issuers(),
        "resource_metadata": "/.well-known/oauth-protected-resource/mcp",
        "human_in_the_loop": POLICY,
    }


@app.route("GET", "/mcp/tools")
def tools(req: Req) -> dict[str, Any]:
    import anyio

    from .server import build
    from .settings import settings

    server = build(settings())
    listed = anyio.run(server.list_tools)
    return {"tools": [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in listed]}


def _metadata(req: Req) -> dict[str, Any]:
    from .settings import settings

    config = settings()
    resource = config.mcp_resource_url or req.request.host_url.rstrip("/") + "/mcp"
    return {
        "resource": resource,
        "authorization_servers": config.issuers(),
        "scopes_supported": list(config.TOKEN_SCOPES),
        "bearer_methods_supported": ["header"],
        "resource_name": "K-Le-PaaS MCP server",
    }


@app.route("GET", "/.well-known/oauth-protected-resource")
def metadata_root(req: Req) -> dict[str, Any]:
    return _metadata(req)


@app.route("GET", "/.well-known/oauth-protected-resource/mcp")
def metadata_mcp(req: Req) -> dict[str, Any]:
    return _metadata(req)


@app.route("GET", "/mcp/external/providers")
def providers(req: Req) -> dict[str, Any]:
    from .external import registry

    return {"providers": [p.public() for p in registry.all_providers()]}


@app.route("POST", "/mcp/external/providers")
def add_provider(req: Req) -> Reply:
    """Register a provider; allowed or refused (say, an internal address), it is audited."""
    from klepaas_shared import audit
    from klepaas_shared.errors import KlepaasError
    from klepaas_shared.store import get_store

    from .external import registry

    asked = req.model(registry.Provider)
    # The host only: a URL may carry credentials, and an audit record holds no secrets.
    details = {"provider": asked.name, "host": asked.url.host or ""}

    def record(result: str) -> None:
        audit.record(
            get_store(),
            actor=req.user().sub,
            action="mcp.provider.register",
            target=asked.name,
            source="http",
            result=result,
            details=details,
        )

    try:
        provider = registry.register(asked)
    except KlepaasError as exc:
        details["reason"] = exc.message
        record("denied")
        raise
    record("ok")
    return Reply(provider.public(), 201)


@app.route("GET", "/mcp/external/providers/{provider}/tools")
def provider_tools(req: Req) -> dict[str, Any]:
    from .external import connectors, registry

    return {"tools": connectors.list_tools(registry.get(req.params["provider"]))}


@app.route("POST", "/mcp/external/providers/{provider}/call")
def provider_call(req: Req) -> dict[str, Any]:
    from .external import connectors, registry

    body = req.model(registry.CallBody)
    provider = registry.get(req.params["provider"])
    if len(str(body.arguments)) > 100_000:
        raise BadRequest("the arguments are too large")
    return connectors.call_tool(provider, body.tool, body.arguments)


@app.route("GET", "/mcp/external/providers/{provider}/health")
def provider_health(req: Req) -> dict[str, Any]:
    from .external import connectors, registry

    return connectors.health(registry.get(req.params["provider"]))


@app.route("GET", "/mcp/external/metrics")
def connector_metrics(req: Req) -> dict[str, Any]:
    from .external.metrics import metrics

    return metrics.snapshot()
