"""The operations API: how nlp, mcp, webhook and Slack hand typed commands to deploy.

``POST /api/v1/operations`` takes an :class:`OperationRequest` and answers an
:class:`OperationResponse`. Reads answer at once; mutations (deploy, scale, restart, rollback)
need ``deploy:execute``, are idempotent by ``operation_id`` and audited with the end user's
identity, which travels in a short-lived delegated token (the caller's own token is never
forwarded).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .auth import Principal, delegate
from .contracts import ApprovalDecision, Operation
from .errors import (
    BadRequest,
    Conflict,
    Forbidden,
    KlepaasError,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
    UpstreamError,
    UpstreamTimeout,
    ValidationFailed,
)

OperationType = Literal[
    # mutations
    "deploy",
    "scale",
    "restart",
    "rollback",
    # reads
    "list_rollback",
    "status",
    "logs",
    "endpoint",
    "overview",
    "list_pods",
    "list_deployments",
    "list_services",
    "list_endpoints",
    "list_ingresses",
    "list_namespaces",
    "get_service",
    "get_deployment",
    "cost_analysis",
    "deployment_history",
    "query_metrics",
    "events",
]
MUTATIONS: frozenset[str] = frozenset({"deploy", "scale", "restart", "rollback"})


class OperationRequest(BaseModel):
    """A typed command. ``args`` use the argument names of NL_COMMANDS.md: a target is either
    ``github_owner`` + ``github_repo`` or ``app_name`` (+ ``environment``); then ``replicas``,
    ``namespace``, ``pod_name``, ``lines``, ``target_commit_sha``, ``steps_back``, ..."""

    model_config = ConfigDict(extra="forbid")

    type: OperationType
    args: dict[str, Any] = Field(default_factory=dict)
    operation_id: str | None = Field(
        None,
        description="idempotency key for a mutation: 1-128 letters, digits or . _ : - (not '.', '..' or __x__)",
        json_schema_extra={"pattern": "^[A-Za-z0-9._:-]{1,128}$"},  # checked (with a 400) by _document_id
    )
    source: Literal["console", "nlp", "mcp", "webhook", "slack"] = "console"
    dry_run: bool = False

    @field_validator("operation_id")
    @classmethod
    def _document_id(cls, value: str | None) -> str | None:
        # The operation is stored under this id: a 400 (BadRequest passes pydantic unchanged) for an
        # id Firestore would refuse or read as a path ("/", ".", "..", "__x__").
        from .store.limits import check_client_id

        return check_client_id(value, "operation_id") if value else None  # "" means none, as before


class OperationResponse(BaseModel):
    type: str
    operation: Operation | None = None  # set for mutations: id, status, progress
    data: Any = None  # the typed result (lists, status, logs, the mutation's before/after)
    message: str = ""


class OperationsClient(Protocol):
    def run(self, request: OperationRequest, principal: Principal) -> OperationResponse: ...
    def get(self, operation_id: str, principal: Principal) -> Operation: ...


_ERRORS: dict[int, type[KlepaasError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: ValidationFailed,
    429: RateLimited,
    502: UpstreamError,
    503: Unavailable,
    504: UpstreamTimeout,
}


class HttpOperationsClient:
    """Calls the deploy function over HTTP (through the front door, or its own URL)."""

    def __init__(self, base_url: str, *, service: str, timeout_s: float = 30.0) -> None:
        self._base_url = base_url.rstrip("/")
        self._service = service
        self._timeout_s = timeout_s

    def _call(self, method: str, path: str, principal: Principal, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 - our own configured URL
            self._base_url + path,
            data=data,
            method=method,
            headers={
                "Authorization": f"Bearer {delegate(principal, self._service)}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout_s) as response:  # noqa: S310
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            try:
                error = json.loads(exc.read()).get("error", {})
            except ValueError:
                error = {}
            cls = _ERRORS.get(exc.code, UpstreamError)
            raise cls(str(error.get("message") or f"deploy answered {exc.code}")) from None
        except (urllib.error.URLError, TimeoutError) as exc:
            raise Unavailable(f"the deploy function is unreachable: {type(exc).__name__}") from None

    def run(self, request: OperationRequest, principal: Principal) -> OperationResponse:
        body = self._call("POST", "/api/v1/operations", principal, request.model_dump(mode="json"))
        return OperationResponse.model_validate(body)

    def get(self, operation_id: str, principal: Principal) -> Operation:
        return Operation.model_validate(self._call("GET", f"/api/v1/operations/{operation_id}", principal))

    def decide(self, operation_id: str, decision: ApprovalDecision, principal: Principal) -> OperationResponse:
        """Approve (run exactly once) or reject (cancel) an operation held for approval."""
        path = f"/api/v1/operations/{operation_id}/approval"
        return OperationResponse.model_validate(self._call("POST", path, principal, decision.model_dump()))
