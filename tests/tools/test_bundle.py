"""`make bundle`: each build/<fn>/ installs into a clean virtual environment and serves /healthz
through functions-framework, with nothing from the workspace beside it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from klepaas_fakes.services import free_port
from klepaas_shared.routes import FUNCTIONS

ROOT = Path(__file__).resolve().parents[2]


def _bundle_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("klepaas_bundle_tool", ROOT / "tools" / "bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every function bundled by the same code as `make bundle`, into a scratch build folder."""
    tool = _bundle_tool()
    tool.BUILD = tmp_path_factory.mktemp("build")
    for function in FUNCTIONS:
        tool.bundle(function)
    return Path(tool.BUILD)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_a_bundle_holds_exactly_what_cloud_functions_needs(bundles: Path, function: str) -> None:
    folder = bundles / function
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["main.py", f"klepaas_{function}", "klepaas_shared", "requirements.txt", "BUNDLE_SHA"]
    )
    assert (folder / "klepaas_shared" / "http.py").is_file()
    assert (folder / f"klepaas_{function}" / "api.py").is_file()
    assert not list(folder.rglob("__pycache__"))
    assert not [p for p in folder.rglob("*") if p.is_symlink()]
    names = [line.split("==")[0].strip().lower() for line in (folder / "requirements.txt").read_text().splitlines()]
    assert "google-cloud-functions" not in names
    assert "functions-framework" in names
    assert not [n for n in names if n.startswith("klepaas")]
    assert all("==" in line for line in (folder / "requirements.txt").read_text().splitlines())


def _venv(folder: Path, where: Path) -> Path:
    uv = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", str(python), "-r", str(folder / "requirements.txt")],
        check=True,
        timeout=600,
    )
    return where


@pytest.fixture
def served(
    bundles: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    function = request.param
    venv = _venv(bundles / function, tmp_path / "venv")
    port = free_port()
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "KLEPAAS_JWT_SECRET": "bundle-test-secret-0123456789-abcdefghij",
        "KLEPAAS_SQLITE_PATH": str(tmp_path / "state.sqlite3"),
    }
    process = subprocess.Popen(
        [
            str(venv / "bin" / "functions-framework"),
            "--target",
            f"{function}_http",
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
        ],
        cwd=bundles / function,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()


@pytest.mark.parametrize("served", FUNCTIONS, indirect=True)
def test_an_installed_bundle_answers_healthz(served: tuple[str, subprocess.Popen[bytes]]) -> None:
    base, process = served
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                assert response.status == 200
                body = response.read()
                break
        except OSError:
            if process.poll() is not None:
                stderr = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"functions-framework exited: {stderr[-2000:]}")
            assert time.monotonic() < deadline, "no answer from /healthz within 60 s"
            time.sleep(0.1)
    assert b'"status": "ok"' in body
    assert os.path.basename(process.args[0]) == "functions-framework"  # type: ignore[index]


def test_the_realtime_context_installs_alone_and_serves_the_channel(tmp_path: Path, pubsub_host: str) -> None:
    """build/realtime/ (the realtime service's Docker context) in a clean virtual environment, run
    as its Dockerfile runs it, against its subscription on Pub/Sub's emulator."""
    import json

    import websocket
    from google.cloud.pubsub_v1 import PublisherClient, SubscriberClient

    tool = _bundle_tool()
    tool.BUILD = tmp_path / "build"
    context = tool.realtime()
    assert sorted(p.name for p in context.iterdir()) == sorted(
        ["Dockerfile", "realtime_service.py", "dev_realtime.py", "klepaas_shared", "requirements.txt", "BUNDLE_SHA"]
    )
    assert 'CMD ["python", "/app/realtime_service.py"]' in (context / "Dockerfile").read_text()
    assert all("==" in line for line in (context / "requirements.txt").read_text().splitlines())
    python = _venv(context, tmp_path / "venv") / "bin" / "python"
    os.environ["PUBSUB_EMULATOR_HOST"] = pubsub_host
    try:
        topic = PublisherClient().create_topic(name=f"projects/demo-test/topics/rt-{free_port()}").name
        subscription = (
            SubscriberClient()
            .create_subscription(name=f"{topic}-sub".replace("/topics/", "/subscriptions/"), topic=topic)
            .name
        )
    finally:
        del os.environ["PUBSUB_EMULATOR_HOST"]
    port = free_port()
    env = {"PATH": os.environ["PATH"], "PORT": str(port), "PUBSUB_EMULATOR_HOST": pubsub_host}
    env["KLEPAAS_REALTIME_LISTEN"] = "127.0.0.1"
    env["KLEPAAS_REALTIME_SUBSCRIPTION"] = subscription
    process = subprocess.Popen([str(python), "-I", str(context / "realtime_service.py")], cwd=tmp_path, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                    assert json.loads(answer.read()) == {"status": "ok"}
                    break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "the service did not start"
                time.sleep(0.2)
        channel = websocket.create_connection(f"ws://127.0.0.1:{port}/api/v1/ws/deployments", timeout=10)
        assert json.loads(channel.recv())["type"] == "connection_established"
        channel.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
