"""Issues 4 and 19: signed push deliveries per second through the real entry point
(functions-framework under gunicorn, one worker, loopback) with p50/p99 latency, beside a
hello-world under the same gunicorn in the same run. The client is this process: a bounded loop on
one keep-alive connection (concurrency 1), the same for both. Rounds alternate hello-world and
webhook; each figure is the median over ``ROUNDS``, so a busy machine weighs on both alike."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from klepaas_fakes.services import free_port

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-webhook-secret-0123456789"
WARMUP, REQUESTS = 200, 2000
ROUNDS = int(os.environ.get("BENCH_RUNS", "3"))
HELLO = """import functions_framework


@functions_framework.http
def hello(request):
    request.get_data()
    return "ok"
"""


def _serve(source: Path, target: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    binary = shutil.which("functions-framework", path=str(Path(sys.executable).parent)) or "functions-framework"
    process = subprocess.Popen(
        [binary, "--target", target, "--source", str(source), "--port", str(port), "--host", "127.0.0.1"],
        env={**os.environ, **env, "WORKERS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{target} did not start") from None
            time.sleep(0.05)


def _push_body(i: int) -> bytes:
    body = json.loads((ROOT / "tests/functions/webhook/payloads/push.json").read_text())
    body["after"] = f"{i:040x}"
    return json.dumps(body).encode()


def _load(port: int, path: str, signed: bool) -> tuple[float, float, float]:
    from klepaas_webhook.signature import sign

    bodies = [_push_body(i) for i in range(WARMUP + REQUESTS)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies: list[float] = []
    started = 0.0
    for i, body in enumerate(bodies):
        if i == WARMUP:
            started = time.perf_counter()
        # Each delivery has its own GUID: every one is claimed, acted on and finished.
        headers = {"Content-Type": "application/json", "X-GitHub-Event": "push", "X-GitHub-Delivery": f"bench-{i}"}
        if signed:
            headers["X-Hub-Signature-256"] = sign(body, SECRET)
        sent = time.perf_counter()
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status >= 300:
            raise RuntimeError(f"{path} answered {response.status}")
        if i >= WARMUP:
            latencies.append((time.perf_counter() - sent) * 1000)
    elapsed = time.perf_counter() - started
    connection.close()
    cuts = statistics.quantiles(latencies, n=100)
    return REQUESTS / elapsed, cuts[49], cuts[98]


def _connect(sqlite_path: str) -> None:
    from klepaas_shared.store.sqlite import SqliteStore
    from klepaas_webhook import integrations

    store = SqliteStore(sqlite_path)
    integrations.create(
        store,
        user_id="bench",
        owner="K-Le-PaaS",
        repo="test01",
        branch="main",
        installation_id=None,
        html_url="https://github.com/K-Le-PaaS/test01",
        repository_id=None,
    )
    store.close()


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "main.py"
        hello.write_text(HELLO)
        rounds: dict[str, list[tuple[float, float, float]]] = {"hello": [], "webhook": []}
        for round_ in range(ROUNDS):
            sqlite_path = str(Path(tmp) / f"round{round_}.sqlite3")  # a fresh store: every delivery is new
            _connect(sqlite_path)
            env = {
                "KLEPAAS_JWT_SECRET": "bench-secret-0123456789-abcdefghijklmnop",
                "KLEPAAS_GITHUB_APP_WEBHOOK_SECRET": SECRET,
                "KLEPAAS_STORE": "sqlite",
                "KLEPAAS_SQLITE_PATH": sqlite_path,
                "KLEPAAS_EVENTS": "local",
            }
            for name, source, target, path, signed in (
                ("hello", hello, "hello", "/", False),
                ("webhook", ROOT / "functions/webhook/main.py", "webhook_http", "/api/v1/github/webhook", True),
            ):
                process, port = _serve(source, target, env)
                try:
                    rounds[name].append(_load(port, path, signed))
                finally:
                    process.terminate()
                    process.wait(timeout=10)

    def median(name: str) -> tuple[float, float, float]:
        runs = rounds[name]
        return tuple(statistics.median(r[i] for r in runs) for i in range(3))  # type: ignore[return-value]

    base_rps, base_p50, base_p99 = median("hello")
    rps, p50, p99 = median("webhook")

    def figure(
        name: str, value: float, unit: str, baseline: float | None, target: str | None, ok: bool | None
    ) -> dict[str, Any]:
        return {
            "issue": 19,
            "figure": name,
            "value": value,
            "unit": unit,
            "baseline": baseline,
            "target": target,
            "ok": ok,
        }

    return [
        figure("hello-world requests/s (gunicorn, 1 worker)", base_rps, "req/s", None, None, None),
        figure("hello-world p99", base_p99, "ms", None, None, None),
        figure("signed push deliveries/s", rps, "req/s", base_rps, ">= 50% of baseline", rps >= 0.5 * base_rps),
        figure("signed push p50", p50, "ms", base_p50, None, None),
        figure("signed push p99", p99, "ms", base_p99, "< 20 ms", p99 < 20),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
