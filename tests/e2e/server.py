"""Run the real `make dev` server (tools/devserver.py) as a child process on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class DevServer:
    base_url: str
    pid: int
    log: Path

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


def _wait_healthy(base_url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dev server exited ({process.returncode}):\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(f"{base_url}/api/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the dev server was not healthy within {timeout_s}s:\n{log.read_text()[-4000:]}")


@contextmanager
def devserver(env: Mapping[str, str], state_dir: Path, *, timeout_s: float = 60.0) -> Iterator[DevServer]:
    """Start ``python tools/devserver.py`` with ``env`` (which names PORT), wait for health, stop it after."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KLEPAAS_")}
    clean.update(env)
    clean["PYTHONUNBUFFERED"] = "1"
    base_url = f"http://127.0.0.1:{env['PORT']}"
    log = state_dir / "devserver.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "tools" / "devserver.py")],
            cwd=state_dir,
            env=clean,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_healthy(base_url, process, log, timeout_s)
        yield DevServer(base_url, process.pid, log)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
