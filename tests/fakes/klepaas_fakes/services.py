"""Start the real local servers the tests use, each on a free loopback port, and stop them.

Google's Firestore and Pub/Sub emulators (from the Google Cloud CLI) and Debian's redis-server.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_http(url: str, process: subprocess.Popen[bytes], timeout_s: float, log: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{Path(log).read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start within {timeout_s}s:\n{Path(log).read_text()[-2000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def _gcloud_emulator(args: list[str], port: int, probe_path: str) -> Iterator[str]:
    if shutil.which("gcloud") is None:
        raise RuntimeError("gcloud is not installed: see the README (gcloud components install ...)")
    log = tempfile.NamedTemporaryFile(prefix="emulator-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        ["gcloud", *args, f"--host-port=127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_http(f"http://127.0.0.1:{port}{probe_path}", process, 60, log.name)
        yield f"127.0.0.1:{port}"
    finally:
        _stop(process)


@contextmanager
def firestore_emulator() -> Iterator[str]:
    """Yields the host:port for FIRESTORE_EMULATOR_HOST."""
    with _gcloud_emulator(["emulators", "firestore", "start"], free_port(), "/") as host:
        yield host


@contextmanager
def pubsub_emulator(project: str = "demo-test") -> Iterator[str]:
    """Yields the host:port for PUBSUB_EMULATOR_HOST."""
    with _gcloud_emulator(["beta", "emulators", "pubsub", "start", f"--project={project}"], free_port(), "/") as host:
        yield host


def _start_redis(args: list[str], port: int) -> subprocess.Popen[bytes]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed: apt-get install -y redis-server")
    process = subprocess.Popen(
        [binary, *args, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                _stop(process)
                raise RuntimeError("redis-server did not start") from None
            time.sleep(0.05)


@contextmanager
def redis_server() -> Iterator[str]:
    """Yields a redis:// URL of a fresh redis-server with persistence off."""
    port = free_port()
    process = _start_redis(["--port", str(port)], port)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(process)


@contextmanager
def redis_tls_server(directory: Path) -> Iterator[tuple[str, Path]]:
    """A redis-server that speaks only TLS, in Memorystore's shape (server authentication with a
    CA of its own, no client certificates): yields its ``rediss://`` URL and the CA file."""
    from .tls import make_ca, make_server_cert

    ca = make_ca(directory, "redis-ca")
    cert, key = make_server_cert(directory, ca, "redis-server")
    port = free_port()
    args = ["--port", "0", "--tls-port", str(port), "--tls-cert-file", str(cert), "--tls-key-file", str(key)]
    args += ["--tls-ca-cert-file", str(ca.cert), "--tls-auth-clients", "no"]
    process = _start_redis(args, port)
    try:
        yield f"rediss://127.0.0.1:{port}/0", ca.cert
    finally:
        _stop(process)
