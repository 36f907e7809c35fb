"""The HTTP side of every function: dispatch by the routing table, auth, bodies, errors, CORS.

``main.py`` of a function builds one :class:`FunctionApp`, registers handlers with
:meth:`FunctionApp.route`, and exposes ``app`` as its Cloud Functions entry point. Errors are
mapped to the JSON envelope here, in one place.
"""

from __future__ import annotations

import importlib
import json
import sys
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import flask
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound as RoutingNotFound

from . import routes
from .auth import Principal, authenticate
from .errors import (
    BadRequest,
    KlepaasError,
    MethodNotAllowed,
    NotFound,
    NotImplementedYet,
    PayloadTooLarge,
    UnsupportedMediaType,
    ValidationFailed,
)
from .logs import get_logger, log_fields, request_id_var, trace_var

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

# pydantic and the settings load on the first request that needs them, not at import: the
# health check of a cold instance answers without them.
M = TypeVar("M", bound="BaseModel")
log = get_logger("http")
# MCP hosts in a browser send the protocol version and session headers, and must be able to read
# the WWW-Authenticate challenge that starts their OAuth flow.
CORS_HEADERS = "Authorization, Content-Type, Cache-Control, Pragma, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID"
CORS_EXPOSED = "WWW-Authenticate, Mcp-Session-Id, Mcp-Protocol-Version, X-Request-Id"
CORS_METHODS = "GET, POST, PUT, DELETE, OPTIONS"


@dataclass
class Reply:
    """A handler's answer when 200 and JSON are not enough."""

    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Req:
    """What a handler gets: the Flask request, path params, the verified caller, body helpers."""

    request: flask.Request
    route: routes.Route
    params: dict[str, str]
    principal: Principal | None
    max_body_bytes: int

    @property
    def args(self) -> Mapping[str, str]:
        return self.request.args

    def user(self) -> Principal:
        """The verified caller (routes with a scope always have one)."""
        if self.principal is None:
            raise KlepaasError("this route has no authenticated caller")
        return self.principal

    def raw_body(self) -> bytes:
        """The raw body, at most ``max_body_bytes`` (413 beyond), read once."""
        length = self.request.content_length
        if length is not None and length > self.max_body_bytes:
            raise PayloadTooLarge(f"the body is larger than {self.max_body_bytes} bytes")
        data = self.request.stream.read(self.max_body_bytes + 1) if length is None else self.request.get_data()
        if len(data) > self.max_body_bytes:
            raise PayloadTooLarge(f"the body is larger than {self.max_body_bytes} bytes")
        return data

    def json(self, *, allow_empty: bool = True) -> dict[str, Any]:
        """The body as a JSON object: 415 for another content type, 400 for bad JSON."""
        data = self.raw_body()
        if not data.strip():
            if allow_empty:
                return {}
            raise BadRequest("a JSON body is required")
        mimetype = self.request.mimetype or ""
        if mimetype != "application/json" and not mimetype.endswith("+json"):
            raise UnsupportedMediaType("send the body as application/json")
        try:
            value = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest(f"the body is not valid JSON: {exc}") from None
        except RecursionError:  # nesting deeper than the parser's stack
            raise BadRequest("the body is not valid JSON: nested too deeply") from None
        if not isinstance(value, dict):
            raise BadRequest("the body must be a JSON object")
        return value

    def model(self, cls: type[M], *, extra: Mapping[str, Any] | None = None) -> M:
        """The body validated as ``cls``; 422 naming each wrong field."""
        from pydantic import ValidationError

        payload = {**self.json(), **(extra or {})}
        try:
            return cls.model_validate(payload)
        except ValidationError as exc:
            raise validation_error(exc) from None


def validation_error(exc: ValidationError) -> ValidationFailed:
    problems = [{"field": ".".join(str(p) for p in e["loc"]) or "(body)", "message": e["msg"]} for e in exc.errors()]
    text = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
    return ValidationFailed(f"invalid input: {text}", details={"fields": problems})


Handler = Callable[[Req], Any]


def json_response(body: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> flask.Response:
    text = json.dumps(body, ensure_ascii=False, default=str)
    response = flask.Response(text, status=status, mimetype="application/json")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _request_ids(request: flask.Request) -> tuple[str, str | None]:
    trace_header = request.headers.get("X-Cloud-Trace-Context", "")
    trace = trace_header.split("/", 1)[0] or None
    rid = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    if not trace:
        return rid[:64], None
    from .settings import common

    return rid[:64], f"projects/{common().project_id}/traces/{trace}"


class FunctionApp:
    """One function's HTTP entry point (a Flask-style callable taking ``flask.Request``)."""

    def __init__(self, function: str, health: Callable[[], Mapping[str, Any]] | None = None) -> None:
        if function not in routes.FUNCTIONS:
            raise ValueError(f"unknown function {function!r}")
        self.function = function
        self._handlers: dict[tuple[str, str], Handler] = {}
        self._health = health

    def route(self, method: str, path: str) -> Callable[[Handler], Handler]:
        """Register a handler for a path of the routing table that belongs to this function."""
        wanted = next((r for r in routes.ROUTES if r.method == method and r.path == path), None)
        if wanted is None or wanted.function != self.function:
            raise ValueError(f"{method} {path} is not a route of {self.function} in the routing table")

        def register(handler: Handler) -> Handler:
            self._handlers[(method, path)] = handler
            return handler

        return register

    def lazy(self, method: str, path: str, target: str) -> None:
        """Register ``"package.module:function"`` as the handler, imported on its first request,
        so a cold instance answers its health check without loading the handler's dependencies."""
        module_name, _, name = target.partition(":")
        if not module_name or not name:
            raise ValueError(f"lazy handler {target!r} must look like 'package.module:function'")

        def handler(req: Req) -> Any:
            return getattr(importlib.import_module(module_name), name)(req)

        handler.__name__ = name
        self.route(method, path)(handler)

    def health(self) -> dict[str, Any]:
        served = sum(1 for r in routes.routes_of(self.function) if (r.method, r.path) in self._handlers)
        state = {"status": "ok", "function": self.function, "routes_served": served}
        if self._health is not None:
            state.update(self._health())
        return state

    def __call__(self, request: flask.Request) -> flask.Response:
        rid, trace = _request_ids(request)
        rid_token, trace_token = request_id_var.set(rid), trace_var.set(trace)
        try:
            response = self._dispatch(request)
        finally:
            request_id_var.reset(rid_token)
            trace_var.reset(trace_token)
        response.headers["X-Request-Id"] = rid
        if request.path != "/healthz":
            from .settings import common

            response.headers.setdefault("Access-Control-Allow-Origin", common().cors_allow_origins)
            response.headers.setdefault("Access-Control-Expose-Headers", CORS_EXPOSED)
        return response

    def _dispatch(self, request: flask.Request) -> flask.Response:
        if request.method == "OPTIONS":
            return flask.Response(
                status=204,
                headers={
                    "Access-Control-Allow-Headers": CORS_HEADERS,
                    "Access-Control-Allow-Methods": CORS_METHODS,
                    "Access-Control-Max-Age": "3600",
                },
            )
        try:
            return self._handle(request)
        except KlepaasError as exc:
            if exc.http_status >= 500:
                log.error("request failed", extra=log_fields(code=exc.code, path=request.path, error=exc.message))
            return json_response(exc.envelope(), exc.http_status, exc.headers)
        except HTTPException as exc:  # werkzeug's own (e.g. a body over MAX_CONTENT_LENGTH)
            status = exc.code or 400
            return json_response({"error": {"code": "http_error", "message": exc.description or exc.name}}, status)
        except Exception:  # the entry point: log with the traceback, answer without details
            log.exception("unhandled error", extra=log_fields(path=request.path, method=request.method))
            return json_response({"error": {"code": "internal", "message": "internal error"}}, 500)

    def _handle(self, request: flask.Request) -> flask.Response:
        path = request.path.rstrip("/") or "/"
        if path == "/healthz":
            return json_response(self.health())
        found, allowed = routes.match(request.method, path, self.function)
        if found is None:
            if allowed:
                raise MethodNotAllowed(
                    f"{request.method} is not allowed here; use {', '.join(allowed)}",
                    headers={"Allow": ", ".join(allowed)},
                )
            raise NotFound(f"no route for {request.method} {path}")
        route = found.route
        if route.function != self.function:
            raise NotFound(f"{request.method} {path} is served by the {route.function} function")
        if path == f"/api/v1/health/{self.function}":
            return json_response(self.health())
        from .settings import common

        limit = route.max_body_bytes or common().max_body_bytes
        if request.content_length is not None and request.content_length > limit:
            raise PayloadTooLarge(f"the body is larger than {limit} bytes")
        principal = None
        if route.scope:
            from .auth import INTERNAL_AUDIENCE, ForeignAudience

            audiences = [common().jwt_audience, *([INTERNAL_AUDIENCE] if route.delegated else [])]
            try:
                principal = authenticate(request.headers, route.scope, audiences=audiences)
            except ForeignAudience as exc:  # a real token at the wrong door (an MCP or delegation token)
                from . import audit
                from .clients import client_address

                host = client_address(request, common().auth_trusted_proxy_hops)
                audit.refused_token(door=route.path, host=host, reason=exc.reason)
                raise
        handler = self._handlers.get((route.method, route.path))
        if handler is None:
            raise NotImplementedYet(f"{request.method} {route.path} is not served by {self.function} yet")
        result = handler(Req(request, route, found.params, principal, limit))
        if isinstance(result, flask.Response):
            return result
        if isinstance(result, Reply):
            return json_response(result.body, result.status, result.headers)
        pydantic = sys.modules.get("pydantic")
        if pydantic is not None and isinstance(result, pydantic.BaseModel):
            return json_response(result.model_dump(mode="json"))
        return json_response(result)


def framework_error(exc: HTTPException) -> flask.Response:
    """functions-framework's own routing refused the request (its ``<path:path>`` rule does not
    match a path holding a newline; ``/robots.txt`` and ``/favicon.ico`` are fixed 404s): hand
    the request to the function's dispatch when routing found nothing, else answer the envelope."""
    view = flask.current_app.view_functions.get("run")
    request = flask.request
    if isinstance(exc, RoutingNotFound) and request.url_rule is None and view is not None:
        answer: Any = view(path=request.path.lstrip("/"))  # our FunctionApp's flask.Response
        return flask.current_app.make_response(answer)
    code = NotFound.code if exc.code == 404 else MethodNotAllowed.code if exc.code == 405 else "http_error"
    message = f"no route for {request.method} {request.path}" if exc.code == 404 else exc.description or exc.name
    return json_response({"error": {"code": code, "message": message}}, exc.code or 400)


def install_error_pages(errorhandler: Callable[..., Any]) -> None:
    """Answer what functions-framework's own routing refuses with :func:`framework_error`.

    Each HTTP ``main.py`` calls this at import with ``functions_framework.errorhandler``:
    functions-framework imports ``main.py`` inside the app context of the Flask app it builds for
    one target, and its public ``errorhandler`` is then that app's Flask ``errorhandler``. Only an app serving
    one of our HTTP entry points gets the handler (``main.py`` is loaded for its event entry points
    too); outside functions-framework (no app context) nothing happens."""
    if not flask.has_app_context():
        return
    from .entrypoints import ENTRY_POINTS

    if flask.current_app.import_name in {e.target for e in ENTRY_POINTS if e.kind == "http"}:
        errorhandler(HTTPException)(framework_error)
