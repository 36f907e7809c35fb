"""The mcp function served by werkzeug on a loopback port, with a stand-in for deploy's
operations API (deploy is built in parallel) and for nlp's interpreter."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import functions_framework
import pytest
from werkzeug.serving import make_server

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.prometheus import PrometheusStandIn
from klepaas_fakes.services import free_port
from klepaas_shared.auth import DEPLOY_EXECUTE, MCP_EXECUTE, Principal
from klepaas_shared.contracts import Operation, OperationStatus
from klepaas_shared.errors import Forbidden, NotFound
from klepaas_shared.operations import MUTATIONS, OperationRequest, OperationResponse

PODS = [
    {"name": "web-app-7d9f-abcde", "phase": "Running", "ready": True, "restarts": 0, "namespace": "default"},
    {"name": "web-app-7d9f-fghij", "phase": "Running", "ready": True, "restarts": 1, "namespace": "default"},
]


@dataclass
class DeployOperations:
    """Stands in for deploy's ``POST /api/v1/operations``: validates, records, answers."""

    seen: list[tuple[OperationRequest, Principal]] = field(default_factory=list)
    recorded: dict[str, Operation] = field(default_factory=dict)

    def run(self, request: OperationRequest, principal: Principal) -> OperationResponse:
        OperationRequest.model_validate(request.model_dump())
        self.seen.append((request, principal))
        if request.type in MUTATIONS:
            if not principal.has(DEPLOY_EXECUTE):
                raise Forbidden("this token lacks the scope deploy:execute")
            held = request.args.get("environment") == "production"  # deploy's default approval rule
            operation = Operation(
                id=request.operation_id or "op-1",
                kind=request.type,  # type: ignore[arg-type]
                args=request.args,
                requested_by=principal.sub,
                source=request.source,
                status=OperationStatus.PENDING if held else OperationStatus.SUCCEEDED,
            )
            data = (
                {"status": "pending_approval", "operation_id": operation.id}
                if held
                else {"status": "success", "accepted": request.args}
            )
            message = f"{request.type} is waiting for an approval" if held else f"{request.type} done"
            operation.result = {"data": data, "message": message}
            self.recorded[operation.id] = operation
            return OperationResponse(type=request.type, operation=operation, data=data, message=message)
        if request.args.get("deployment_name") == "missing" or request.args.get("pod_name") == "missing":
            raise NotFound("no such resource in namespace default")
        if request.type == "list_pods":
            return OperationResponse(type="list_pods", data={"pods": PODS, "items": PODS, "total": len(PODS)})
        if request.type == "status":
            return OperationResponse(
                type="status",
                data={
                    "name": request.args.get("deployment_name") or request.args.get("pod_name"),
                    "replicas": 2,
                    "ready_replicas": 2,
                },
            )
        return OperationResponse(type=request.type, data={"args": request.args})

    def get(self, operation_id: str, principal: Principal) -> Operation:
        if operation_id not in self.recorded:
            raise NotFound(f"no operation {operation_id}")
        return self.recorded[operation_id]


@dataclass
class Interpreter:
    def interpret(self, command: str, principal: Principal) -> dict[str, Any]:
        if "scale" in command:
            return {"intent": "scale", "args": {"app_name": "web-app", "replicas": 3}, "missing": [], "refused": None}
        if "pods" in command:
            return {"intent": "list_pods", "args": {}, "missing": [], "refused": None}
        return {"intent": "unknown", "args": {}, "missing": [], "refused": None, "suggestions": ["scale web-app to 3"]}


class AsgiServer:
    """An ASGI app (functions-framework's aio mode) under uvicorn on a free loopback port, as its
    uvicorn worker serves it in Cloud Functions."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        # Bound here, on a port the kernel picks, so no other process can take it before uvicorn.
        listener = socket.create_server(("127.0.0.1", 0))
        self.port = listener.getsockname()[1]
        config = uvicorn.Config(app, log_level="error", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [listener]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


@dataclass
class Served:
    url: str
    ops: DeployOperations


def _reset() -> None:
    from klepaas_mcp import asgi, runner, settings
    from klepaas_mcp.ports import use_ports

    settings.settings.cache_clear()
    asgi.reset()
    runner.breaker.cache_clear()
    use_ports(None)


@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    """``serve(**env)`` starts the function on a free port with extra KLEPAAS_* settings and local
    stand-ins for deploy and nlp; ``serve(production_ports=True, ...)`` keeps the HTTP wiring."""
    from klepaas_mcp.ports import Ports, use_ports

    servers: list[Any] = []
    stack: list[Any] = []

    def start(*, production_ports: bool = False, **env: str) -> Served:
        values = {
            "KLEPAAS_MCP_ALLOWED_HOSTS": "127.0.0.1:*",
            "KLEPAAS_MCP_ALLOWED_ORIGINS": "http://127.0.0.1:*",
            **env,
        }
        ctx = klepaas_env(values)
        ctx.__enter__()
        stack.append(ctx)
        _reset()
        ops = DeployOperations()
        if not production_ports:  # else deploy over HTTP at KLEPAAS_API_BASE_URL, as in production
            use_ports(Ports(ops, Interpreter()))
        app = functions_framework.create_app(target="mcp_http", source="functions/mcp/main.py")
        server = AsgiServer(app)
        servers.append(server)
        return Served(f"http://127.0.0.1:{server.port}", ops)

    yield start
    for server in servers:
        server.stop()
    for ctx in reversed(stack):
        ctx.__exit__(None, None, None)
    _reset()


@pytest.fixture
def mcp_token(make_token: Callable[..., str]) -> Callable[..., str]:
    def make(scopes: tuple[str, ...] = (MCP_EXECUTE, DEPLOY_EXECUTE, "read"), **kwargs: Any) -> str:
        kwargs.setdefault("audience", "klepaas-mcp")
        return make_token(scopes=scopes, **kwargs)

    return make


@dataclass
class Stack:
    mcp: Served
    deploy_url: str
    prometheus: PrometheusStandIn
    kube: KubeStandIn


@pytest.fixture
def stack(serve: Callable[..., Served], tmp_path: Path) -> Iterator[Stack]:
    """mcp → HTTP → the deploy function (served here too) → Prometheus and Kubernetes stand-ins."""
    from klepaas_deploy import settings
    from klepaas_deploy.cluster import kube, targets
    from klepaas_deploy.operations import deploying

    def reset() -> None:
        for cached in (settings.deploy_settings, targets.target, kube.kube_of, deploying.default_pipeline):
            cached.cache_clear()

    with PrometheusStandIn() as prom, KubeStandIn(tick_interval_s=0.02) as cluster:
        config = cluster.write_kubeconfig(tmp_path / "kubeconfig")
        port = free_port()
        env = {"KLEPAAS_PROMETHEUS_URL": prom.url, "KLEPAAS_NKS_KUBECONFIG": str(config)}
        served = serve(production_ports=True, KLEPAAS_API_BASE_URL=f"http://127.0.0.1:{port}", **env)
        reset()
        app = functions_framework.create_app(target="deploy_http", source="functions/deploy/main.py")
        deploy = make_server("127.0.0.1", port, app, threaded=True)
        threading.Thread(target=deploy.serve_forever, daemon=True).start()
        try:
            yield Stack(served, f"http://127.0.0.1:{port}", prom, cluster)
        finally:
            deploy.shutdown()
            deploy.server_close()
            reset()
        assert cluster.internal_errors == []


# -- one origin: the auth function (the OAuth authorization server) and mcp, as in make dev -------

ADMIN_USER = "admin"
ADMIN_PASSWORD = "correct horse battery staple"


@dataclass
class Origin:
    url: str
    ops: DeployOperations


def _reset_auth() -> None:
    from klepaas_auth.authorization_server import server as as_server
    from klepaas_auth.authorization_server import settings as as_settings
    from klepaas_auth.settings import get_settings

    get_settings.cache_clear()
    as_settings.as_settings.cache_clear()
    as_server.server.cache_clear()


@pytest.fixture
def origin() -> Iterator[Callable[..., Origin]]:
    """``origin(**env)``: auth and mcp behind one loopback origin (deploy and nlp stood in), an admin
    account ``admin`` / :data:`ADMIN_PASSWORD`, KLEPAAS_API_BASE_URL pointing at the origin."""
    from klepaas_auth import passwords
    from klepaas_mcp.ports import Ports, use_ports
    from klepaas_shared import routes

    servers: list[Any] = []
    stack: list[Any] = []
    admin_hash = passwords.make(ADMIN_PASSWORD, n=1024, r=8, p=1)

    def start(**env: str) -> Origin:
        from a2wsgi import WSGIMiddleware

        # auth is a WSGI (Flask) function and mcp an ASGI one; one uvicorn serves both, as the
        # load balancer's URL map puts them behind one origin in production.
        auth_app = WSGIMiddleware(functions_framework.create_app(target="auth_http", source="functions/auth/main.py"))
        mcp_app = functions_framework.create_app(target="mcp_http", source="functions/mcp/main.py")

        def function_of(method: str, path: str) -> str:
            for asked in (method, "POST", "GET"):  # a preflight (OPTIONS) goes where the path does
                found, _ = routes.match(asked, path)
                if found is not None:
                    return found.route.function
            return "auth"

        async def front_door(scope: dict[str, Any], receive: Any, send: Any) -> None:
            path = str(scope.get("path", "/")).rstrip("/") or "/"
            wanted = function_of(str(scope.get("method", "GET")), path) if scope["type"] == "http" else "mcp"
            await (mcp_app if wanted == "mcp" else auth_app)(scope, receive, send)

        server = AsgiServer(front_door)
        url = f"http://127.0.0.1:{server.port}"
        values = {
            "KLEPAAS_API_BASE_URL": url,
            "KLEPAAS_MCP_ALLOWED_HOSTS": "127.0.0.1:*",
            "KLEPAAS_MCP_ALLOWED_ORIGINS": "http://127.0.0.1:*",
            "KLEPAAS_ADMIN_USERNAME": ADMIN_USER,
            "KLEPAAS_ADMIN_PASSWORD_HASH": admin_hash,
            "KLEPAAS_AUTH_DEFAULT_ROLE": "developer",
            **env,
        }
        ctx = klepaas_env(values)
        ctx.__enter__()
        stack.append(ctx)
        _reset()
        _reset_auth()
        ops = DeployOperations()
        use_ports(Ports(ops, Interpreter()))
        servers.append(server)
        return Origin(url, ops)

    yield start
    for server in servers:
        server.stop()
    for ctx in reversed(stack):
        ctx.__exit__(None, None, None)
    _reset()
    _reset_auth()
