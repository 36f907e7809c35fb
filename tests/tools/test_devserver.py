"""`make dev`: every function behind one origin, CORS, 501 for unserved routes, one per port, Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from klepaas_fakes.services import free_port
from klepaas_shared import routes
from klepaas_shared.auth import ALL_SCOPES, mint

ROOT = Path(__file__).resolve().parents[2]


def call(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def start(port: int, tmp_path: Path, extra: dict[str, str] | None = None) -> subprocess.Popen[str]:
    # As `make dev` starts: no KLEPAAS_* setting but the test's JWT secret (its tokens must pass) and
    # what the test gives, so what other tests left in the environment cannot turn a stand-in off.
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("KLEPAAS_") or k == "KLEPAAS_JWT_SECRET"}
    env = {
        **inherited,
        "PORT": str(port),
        "KLEPAAS_ENV": "local",
        "KLEPAAS_SQLITE_PATH": str(tmp_path / "dev.sqlite3"),
        "KLEPAAS_DEV_STATE": str(tmp_path / "state"),
        "KLEPAAS_API_BASE_URL": f"http://127.0.0.1:{port}",
        **(extra or {}),
    }
    return subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "devserver.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@contextmanager
def running(tmp_path: Path, extra: dict[str, str] | None = None) -> Iterator[tuple[str, int, subprocess.Popen[str]]]:
    port = free_port()
    process = start(port, tmp_path, extra)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if call(f"{base}/api/v1/health/auth")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None:
                pytest.fail(f"the dev server exited: {process.stderr.read() if process.stderr else ''}")
            assert time.monotonic() < deadline, "the dev server did not answer within 60 s"
            time.sleep(0.1)
        yield base, port, process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


@pytest.fixture
def devserver(tmp_path: Path) -> Iterator[tuple[str, int, subprocess.Popen[str]]]:
    with running(tmp_path) as started:
        yield started


def test_health_answers_with_the_state_of_every_function(devserver: tuple[str, int, Any]) -> None:
    base, _, _ = devserver
    status, _, body = call(f"{base}/api/v1/health")
    assert status == 200
    health = json.loads(body)
    assert health["status"] == "ok"
    assert sorted(health["functions"]) == sorted(routes.FUNCTIONS)
    for function, state in health["functions"].items():
        assert state["status"] == "ok" and state["function"] == function


def test_preflight_allows_the_console_headers(devserver: tuple[str, int, Any]) -> None:
    base, _, _ = devserver
    status, headers, _ = call(
        f"{base}/api/v1/nlp/conversation",
        "OPTIONS",
        {
            "Origin": "https://klepaas.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type,cache-control,pragma",
        },
    )
    assert status in (200, 204)
    allowed = {h.strip().lower() for h in headers["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "cache-control", "pragma"} <= allowed
    methods = {m.strip() for m in headers["Access-Control-Allow-Methods"].split(",")}
    assert {"GET", "POST", "PUT", "DELETE", "OPTIONS"} <= methods
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_mcp_is_served_behind_the_same_origin(devserver: tuple[str, int, Any]) -> None:
    """mcp runs as ASGI (functions-framework's aio mode); the WSGI dev server still serves it."""
    base, _, _ = devserver
    status, _, body = call(f"{base}/mcp/info")
    assert status == 200 and json.loads(body)["endpoint"] == "/mcp"
    token = mint("user-1", ["mcp:execute", "read"], audience="klepaas-mcp")
    message = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).encode()
    request = urllib.request.Request(
        f"{base}/mcp",
        data=message,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            "MCP-Protocol-Version": "2025-06-18",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        names = {tool["name"] for tool in json.loads(response.read())["result"]["tools"]}
    assert {"list_resources", "get_status"} <= names
    status, headers, _ = call(f"{base}/mcp", "POST", {"Content-Type": "application/json"})
    assert status == 401 and "resource_metadata=" in headers["WWW-Authenticate"]


def _devserver() -> Any:
    """tools/devserver.py as a module (tools/ is no package)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import devserver
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return devserver


def _unserved_route() -> routes.Route | None:
    devserver = _devserver()
    for function in routes.FUNCTIONS:
        app = devserver.load_main(function).__dict__.get("app")
        for route in routes.routes_of(function):
            if (route.method, route.path) not in app._handlers and "/health" not in route.path:
                return route
    return None


def test_an_unserved_route_is_a_501_envelope_and_an_unknown_path_a_404(devserver: tuple[str, int, Any]) -> None:
    base, _, _ = devserver
    route = _unserved_route()
    if route is not None:  # once every route is served there is nothing left to answer 501
        path = route.path.replace("{", "").replace("}", "")
        if route.scope is not None:  # the caller is authenticated before anything else is said
            assert call(f"{base}{path}", route.method)[0] == 401
        token = mint("user-1", ALL_SCOPES)
        status, headers, body = call(f"{base}{path}", route.method, {"Authorization": f"Bearer {token}"})
        assert status == 501
        assert json.loads(body)["error"]["code"] == "not_implemented"
        assert headers["Access-Control-Allow-Origin"] == "*"
    status, _, body = call(f"{base}/api/v1/no-such-thing")
    assert status == 404
    assert json.loads(body)["error"]["code"] == "not_found"


def test_a_second_instance_on_the_same_port_says_the_port_is_taken(
    devserver: tuple[str, int, Any], tmp_path: Path
) -> None:
    _, port, _ = devserver
    second = start(port, tmp_path)
    _, err = second.communicate(timeout=60)
    assert second.returncode != 0
    assert f"port {port}" in err and "taken" in err


def test_sigint_stops_it_cleanly(devserver: tuple[str, int, Any]) -> None:
    base, _, process = devserver
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=15)
    assert process.returncode == 0
    assert "stopped" in out
    with pytest.raises(OSError):
        call(f"{base}/api/v1/health/auth")


def test_stop_signals_repeated_during_the_shutdown_do_not_cut_it_short(devserver: tuple[str, int, Any]) -> None:
    """Killing `make dev`'s process group signals the server more than once (directly, and forwarded by
    `uv run`): a stop signal that arrives while the stand-ins close is ignored, not a traceback."""
    _, _, process = devserver
    deadline = time.monotonic() + 15
    while process.poll() is None and time.monotonic() < deadline:
        process.send_signal(signal.SIGTERM)
        time.sleep(0.01)
    out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert "stopped" in out
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err


def test_with_dev_standins_a_deploy_without_an_image_is_built_by_cloud_build_and_released(tmp_path: Path) -> None:
    with running(tmp_path) as (base, _, _):  # the stand-ins start by default
        auth = {"Authorization": f"Bearer {mint('user-1', ALL_SCOPES)}", "Content-Type": "application/json"}
        # the sample repository on the dev server's git server: Cloud Build clones it at this commit
        bare = tmp_path / "state" / "git" / "K-Le-PaaS" / "sample-app.git"
        sha = subprocess.run(
            ["git", "rev-parse", "refs/heads/main"], cwd=bare, capture_output=True, text=True, check=True
        ).stdout.strip()
        args = {"github_owner": "K-Le-PaaS", "github_repo": "sample-app", "commit": {"sha": sha}}
        request = urllib.request.Request(
            f"{base}/api/v1/operations",
            data=json.dumps({"type": "deploy", "args": args}).encode(),
            method="POST",
            headers=auth,
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            deployment_id = json.loads(response.read())["data"]["deployment_id"]
        deadline = time.monotonic() + 60
        while True:
            status, _, body = call(f"{base}/api/v1/deployment-histories/{deployment_id}", headers=auth)
            deployment = json.loads(body)["deployment"]
            if status == 200 and deployment["status"] != "running":
                break
            assert time.monotonic() < deadline, f"still running after 60 s: {deployment}"
            time.sleep(0.1)
        assert deployment["status"] == "success", deployment["error"]
        assert {name: stage["status"] for name, stage in deployment["stages"].items()} == dict.fromkeys(
            ("sourcecommit", "sourcebuild", "sourcedeploy"), "success"
        )
        registry = "asia-northeast3-docker.pkg.dev/klepaas-dev/apps"
        assert deployment["image"]["url"] == f"{registry}/k-le-paas-sample-app:{sha[:7]}"


@pytest.mark.parametrize("path", ["/api/v1/deployments%0A", "/api/v1/x%0Ay", "/api/v1/%01%7F", "/a%0D%0Ab"])
def test_a_path_with_a_newline_or_control_character_is_answered_with_the_json_envelope(path: str) -> None:
    client = _devserver().build_app().test_client()
    for method in ("GET", "POST", "DELETE"):
        reply = client.open(path, method=method)
        assert reply.status_code == 404, (method, path, reply.data[:200])
        assert reply.mimetype == "application/json"
        assert reply.get_json()["error"]["code"] == "not_found"


def _stand_in_lines(process: subprocess.Popen[str]) -> list[str]:
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=15)
    return [line for line in out.splitlines() if line.strip().startswith("stand-in:")]


def test_a_given_endpoint_replaces_its_stand_in(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens: a real but unreachable Prometheus
    with running(tmp_path, {"KLEPAAS_PROMETHEUS_URL": closed}) as (base, _, process):
        auth = {"Authorization": f"Bearer {mint('user-1', ALL_SCOPES)}"}
        status, _, body = call(f"{base}/api/v1/monitoring/nks/cpu-usage", headers=auth)
        assert status == 503 and "unreachable" in json.loads(body)["error"]["message"]
        status, _, _ = call(f"{base}/api/v1/slack/auth/url", headers=auth)
        assert status == 200  # the other stand-ins still run
        lines = _stand_in_lines(process)
    assert not any("Prometheus" in line for line in lines) and any("Slack" in line for line in lines)


def test_dev_standins_0_starts_none_and_the_admin_login_is_still_printed(tmp_path: Path) -> None:
    with running(tmp_path, {"KLEPAAS_DEV_STANDINS": "0"}) as (base, _, process):
        auth = {"Authorization": f"Bearer {mint('user-1', ALL_SCOPES)}"}
        assert call(f"{base}/api/v1/monitoring/nks/cpu-usage", headers=auth)[0] == 503
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=15)
    assert "stand-in:" not in out
    assert re.search(r"^Console login: admin / [A-Za-z0-9]{16}$", out, re.MULTILINE)
    assert (tmp_path / "state" / "dev-admin-password").stat().st_mode & 0o077 == 0


def test_in_local_dev_work_whose_instance_died_is_ended_within_2_minutes() -> None:
    """Issue 16, item 11: maintenance ends a pipeline run or an operation once its lease ran out
    (tests/functions/deploy/test_operation_crash.py, stages/test_runner_crash.py); make dev ticks
    it, so a lease and a tick, with the defaults, stay within 2 minutes."""
    from klepaas_deploy.settings import DeploySettings

    defaults = {name: field.default for name, field in DeploySettings.model_fields.items()}
    lease_s = max(defaults["lease_s"], defaults["pipeline_lease_s"])
    assert lease_s + _devserver().LOCAL_TICKS["end_stuck_work"] <= 120


def test_the_dev_relay_passes_an_approval_request_by_and_dead_letters_nothing() -> None:
    """A held operation's ApprovalRequest shares the deployment-events topic (attribute kind, for
    notify's Slack message): make dev's relay drops it as the Cloud Run service's does, instead of
    failing five times and dead-lettering it, and a deployment event behind it still reaches the channel."""
    from klepaas_shared.bus import LocalBus
    from klepaas_shared.contracts import APPROVAL_KIND, TOPIC_DEPLOYMENT_EVENTS, ApprovalRequest, DeploymentEvent

    bus = LocalBus(min_backoff_s=0.001)
    try:
        hub = _devserver()._realtime(bus)
        inbox = hub.join()
        request = ApprovalRequest(
            owner="K-Le-PaaS", repo="sample-app", args={"environment": "production"}, requested_by="u"
        )
        bus.publish(TOPIC_DEPLOYMENT_EVENTS, request, {"kind": APPROVAL_KIND})
        bus.publish(TOPIC_DEPLOYMENT_EVENTS, b'{"not": "an event"}')
        event = {"deployment_id": 5, "type": "deployment_started", "owner": "o", "repo": "r"}
        bus.publish(TOPIC_DEPLOYMENT_EVENTS, DeploymentEvent.model_validate(event))
        assert bus.drain()
        assert bus.dead_letters == []
        frames = [json.loads(inbox.get_nowait()) for _ in range(inbox.qsize())]
        assert [(f["type"], f["deployment_id"]) for f in frames] == [("deployment_started", "5")]
    finally:
        bus.close()


def test_a_held_production_deploy_in_make_dev_dead_letters_nothing(tmp_path: Path) -> None:
    """The walk's defect: every held operation in `make dev` logged "dead-lettered a message" on
    dev-realtime (its ApprovalRequest validated as a DeploymentEvent, five times)."""
    with running(tmp_path) as (base, _, process):  # the stand-in cluster: no cluster is a dry run, never held
        auth = {"Authorization": f"Bearer {mint('user-1', ALL_SCOPES)}", "Content-Type": "application/json"}
        args = {"app_name": "held-app", "image": "nginx:1.27", "environment": "production"}
        request = urllib.request.Request(
            f"{base}/api/v1/operations",
            data=json.dumps({"type": "deploy", "args": args}).encode(),
            method="POST",
            headers=auth,
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert json.loads(response.read())["data"]["status"] == "pending_approval"
        time.sleep(1.5)  # five attempts with the dev bus's backoff take under a second
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=15)
    assert "dead-lettered" not in err and "subscriber failed" not in err, err[-3000:]
