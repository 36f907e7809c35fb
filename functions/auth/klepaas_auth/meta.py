"""The front door's own routes: health of every function, version, the OpenAPI document."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from klepaas_shared import openapi, routes
from klepaas_shared.errors import KlepaasError
from klepaas_shared.http import Reply, Req
from klepaas_shared.peers import peer

HEALTH_TIMEOUT_S = 2.0


def _version() -> str:
    try:
        return version("klepaas-auth")
    except PackageNotFoundError:  # a bundle installed without metadata
        return "0.0.0"


def _probe(function: str) -> dict[str, Any]:
    from klepaas_shared.settings import common

    http = peer(function, common().api_base_url, timeout_s=HEALTH_TIMEOUT_S, attempts=1)
    try:
        state = http.json("GET", f"/api/v1/health/{function}")
    except KlepaasError as exc:
        return {"status": "down", "function": function, "error": exc.code}
    return dict(state) if isinstance(state, dict) else {"status": "down", "function": function, "error": "not_json"}


def health(_: Req) -> Reply:
    with ThreadPoolExecutor(max_workers=len(routes.FUNCTIONS)) as pool:
        states = dict(zip(routes.FUNCTIONS, pool.map(_probe, routes.FUNCTIONS), strict=True))
    healthy = all(state.get("status") == "ok" for state in states.values())
    return Reply({"status": "ok" if healthy else "degraded", "functions": states}, 200 if healthy else 503)


def api_version(_: Req) -> dict[str, Any]:
    from klepaas_shared.settings import common

    return {"version": _version(), "environment": common().env}


def openapi_document(_: Req) -> dict[str, Any]:
    return openapi.document(_version())
