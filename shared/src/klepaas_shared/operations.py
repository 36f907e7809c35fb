"""The operations API: how nlp, mcp, webhook and Slack hand typed commands to deploy.

``POST /api/v1/operations`` takes an :class:`OperationRequest` and answers an
:class:`OperationResponse`. Reads answer at once; mutations (deploy, scale, restart, rollback)
need ``deploy:execute``, are idempotent by ``operation_id`` and audited with the end user's
identity, which travels in a short-lived delegated token (the caller's own token is never
forwarded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .auth import Principal
from .contracts import ApprovalDecision, Operation
from .delegation import Delegations
from .peers import peer

if TYPE_CHECKING:
    from .outbound import Outbound

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
    # With dry_run: only the policy decides (who may change what, where, as access.mutation rules it);
    # the mutator does not run, so the source is not checked and nothing is planned. For a caller that
    # needs the policy's answer alone (nlp's interpret).
    policy_only: bool = False

    @model_validator(mode="after")
    def _policy_only_is_a_dry_run(self) -> OperationRequest:
        if self.policy_only and not self.dry_run:
            raise ValueError("policy_only is a kind of dry run: send dry_run true with it")
        return self

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


def _body(request: OperationRequest) -> dict[str, Any]:
    """The request as sent: `policy_only` only when set, so that a deploy function one version older
    (each function is deployed on its own) still takes every other request (its model forbids fields
    it does not know)."""
    return request.model_dump(mode="json", exclude={"policy_only"} if not request.policy_only else None)


class OperationsClient(Protocol):
    def run(self, request: OperationRequest, principal: Principal) -> OperationResponse: ...
    def get(self, operation_id: str, principal: Principal) -> Operation: ...


class HttpOperationsClient:
    """Calls the deploy function as a peer (:func:`klepaas_shared.peers.peer`: its internal URL
    with an ID token in the cloud, ``base_url``, the front door, locally). Reads are retried when
    deploy is briefly unavailable; a mutation only when it carries its ``operation_id`` (deploy
    then runs it once)."""

    def __init__(
        self,
        base_url: str,
        *,
        service: str,
        timeout_s: float = 30.0,
        attempts: int = 2,
        deadline_s: float | None = None,
    ) -> None:
        """`deadline_s`: each call answers or fails within it, its retries and their waits included
        (`timeout_s` bounds one attempt's connect, read and write, each)."""
        self._base_url, self._service, self._timeout_s = base_url, service, timeout_s
        self._attempts, self._deadline_s = attempts, deadline_s
        self._outbound: Outbound | None = None  # created on the first call
        self._delegations = Delegations(service)  # one signed token per user, reused while young

    def _http(self) -> Outbound:
        if self._outbound is None:
            self._outbound = peer("deploy", self._base_url, timeout_s=self._timeout_s, attempts=self._attempts)
        return self._outbound

    def _call(self, method: str, path: str, principal: Principal, body: Any = None, *, idempotent: bool = False) -> Any:
        headers = {"Authorization": f"Bearer {self._delegations.token(principal)}"}
        return self._http().json(
            method, path, json=body, headers=headers, idempotent=idempotent or None, deadline_s=self._deadline_s
        )

    def run(self, request: OperationRequest, principal: Principal) -> OperationResponse:
        keyed = request.type not in MUTATIONS or bool(request.operation_id)
        body = self._call("POST", "/api/v1/operations", principal, _body(request), idempotent=keyed)
        return OperationResponse.model_validate(body)

    def get(self, operation_id: str, principal: Principal) -> Operation:
        return Operation.model_validate(self._call("GET", f"/api/v1/operations/{operation_id}", principal))

    # The same two calls from a coroutine (an ASGI function), on the loop's own pool.
    async def arun(self, request: OperationRequest, principal: Principal) -> OperationResponse:
        keyed = request.type not in MUTATIONS or bool(request.operation_id)
        headers = {"Authorization": f"Bearer {self._delegations.token(principal)}"}
        body = await self._http().ajson(
            "POST", "/api/v1/operations", json=_body(request), headers=headers, idempotent=keyed
        )
        return OperationResponse.model_validate(body)

    async def aget(self, operation_id: str, principal: Principal) -> Operation:
        headers = {"Authorization": f"Bearer {self._delegations.token(principal)}"}
        return Operation.model_validate(
            await self._http().ajson("GET", f"/api/v1/operations/{operation_id}", headers=headers)
        )

    def decide(self, operation_id: str, decision: ApprovalDecision, principal: Principal) -> OperationResponse:
        """Approve (run exactly once) or reject (cancel) an operation held for approval."""
        path = f"/api/v1/operations/{operation_id}/approval"
        return OperationResponse.model_validate(self._call("POST", path, principal, decision.model_dump()))
