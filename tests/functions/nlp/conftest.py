"""nlp fixtures: the HTTP app through functions-framework and a deploy stand-in answering realistic data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import functions_framework
import pytest
from flask.testing import FlaskClient

from klepaas_nlp import deploy_client
from klepaas_nlp.settings import settings
from klepaas_shared.auth import Principal
from klepaas_shared.contracts import Operation, OperationKind, OperationStatus
from klepaas_shared.errors import KlepaasError, NotFound
from klepaas_shared.operations import MUTATIONS, OperationRequest, OperationResponse

POD = {
    "name": "nginx-1",
    "namespace": "default",
    "phase": "Running",
    "status": "Running",
    "ready": "1/1",
    "is_ready": True,
    "restarts": 0,
    "age": "2d",
    "node": "node-1",
}
READS: dict[str, Any] = {
    "list_pods": {"namespace": "default", "items": [POD], "total": 1, "running": 1, "pending": 0, "failed": 0},
    "list_deployments": {
        "namespace": "default",
        "total": 1,
        "items": [
            {"name": "web", "namespace": "default", "ready": "1/1", "up_to_date": 1, "available": 1, "age": "2d"}
        ],
    },
    "list_rollback": {
        "owner": "K-Le-PaaS",
        "repo": "test01",
        "environment": "production",
        "current_state": {
            "commit_sha": "abc1234" * 5,
            "commit_sha_short": "abc1234",
            "commit_message": "now",
            "is_rollback": False,
            "deployed_at": "2025-01-02T00:00:00Z",
            "deployment_id": 2,
        },
        "available_versions": [
            {
                "commit_sha_short": "abc1234",
                "commit_message": "now",
                "is_current": True,
                "steps_back": 0,
                "deployed_at": "2025-01-02T00:00:00Z",
                "deployment_id": 2,
            },
            {
                "commit_sha_short": "def5678",
                "commit_message": "before",
                "is_current": False,
                "steps_back": 1,
                "deployed_at": "2025-01-01T00:00:00Z",
                "deployment_id": 1,
            },
        ],
        "rollback_history": [],
        "total_available": 1,
        "total_rollbacks": 0,
    },
}


class DeployStandIn:
    """Answers operations like the deploy function: reads at once, mutations once per operation_id."""

    def __init__(self) -> None:
        self.calls: list[OperationRequest] = []
        self.replicas = 1
        self.refusal: KlepaasError | None = None  # set: every dry run of a mutation is refused with it
        # How a mutation's operation stands when its answer comes back (deploy answers `running` for a
        # rollout it still watches, `pending` for one held for an approver), and the operations it ran.
        self.status = OperationStatus.SUCCEEDED
        self.operations: dict[str, Operation] = {}

    def run(self, request: OperationRequest, principal: Principal) -> OperationResponse:
        self.calls.append(request)
        if request.type not in MUTATIONS:
            data = READS.get(request.type, {"namespace": "default", "items": [], "total": 0})
            return OperationResponse(type=request.type, data=data, message=f"{request.type} answered")
        args = request.args
        base = {
            "repository": f"{args.get('github_owner')}/{args.get('github_repo')}",
            "owner": args.get("github_owner"),
            "repo": args.get("github_repo"),
            "deployment": args.get("github_repo"),
            "namespace": "default",
            "timestamp": "2025-01-02T00:00:00Z",
        }
        if request.dry_run and self.refusal is not None:
            raise self.refusal  # deploy's check: what the real run would answer
        if request.type == "scale":
            data = {**base, "action": "scale", "old_replicas": self.replicas, "new_replicas": args["replicas"]}
            if request.dry_run:
                return OperationResponse(type="scale", data={**data, "status": "dry_run"}, message="would scale")
            self.replicas = int(args["replicas"])
        elif request.dry_run:  # a check: what it would do, no operation
            data = {**base, "status": "dry_run", "dry_run": True}
            return OperationResponse(type=request.type, data=data, message=f"would {request.type}")
        elif request.type == "rollback":
            data = {**base, "target_commit": args.get("target_commit_sha", "def5678")[:7], "previous_commit": "abc1234"}
        else:
            data = {**base, "message": f"{request.type} started"}
        operation = Operation(
            kind=OperationKind(request.type),
            args=args,
            requested_by=principal.sub,
            source=request.source,
            status=self.status,
        )
        if request.operation_id:
            operation.id = request.operation_id
        self.operations[operation.id] = operation
        return OperationResponse(type=request.type, operation=operation, data=data, message=f"{request.type} done")

    def get(self, operation_id: str, principal: Principal) -> Operation:
        if operation_id not in self.operations:
            raise NotFound(f"no operation {operation_id}", details={"operation_id": operation_id})  # deploy's words
        return self.operations[operation_id].model_copy(deep=True)


@pytest.fixture
def deploy() -> Iterator[DeployStandIn]:
    settings.cache_clear()
    stand_in = DeployStandIn()
    deploy_client.use(stand_in)
    yield stand_in
    deploy_client.use(None)
    settings.cache_clear()


@pytest.fixture
def client(deploy: DeployStandIn) -> FlaskClient:
    app = functions_framework.create_app(target="nlp_http", source="functions/nlp/main.py")
    return app.test_client()


@pytest.fixture(scope="module")
def llm_server_for_module() -> Iterator[Any]:
    from klepaas_fakes.llm import llm_server

    with llm_server() as server:
        yield server


@pytest.fixture
def llm(llm_server_for_module: Any, deploy: DeployStandIn) -> Iterator[Any]:
    """The LLM stand-in, cleared, with the nlp function's three models pointed at it (deadline 1 s), warm."""
    from klepaas_fakes.env import klepaas_env
    from klepaas_fakes.llm import KNOWN, nlp_env
    from klepaas_nlp.models.ensemble import configured

    llm_server_for_module.known = set(KNOWN)
    llm_server_for_module.scripts.clear()
    llm_server_for_module.calls.clear()
    with klepaas_env(nlp_env(llm_server_for_module, deadline_ms=1000)):
        settings.cache_clear()
        ensemble = configured(settings())
        assert ensemble is not None
        ensemble.warm()
        yield llm_server_for_module
    settings.cache_clear()
