"""Issue 2: cold start (process start to the first 200 from /healthz through functions-framework)
and resident memory after it, per function, beside a bare functions-framework hello-world; and the
first authenticated request (process start to the answer of a first GET with a bearer token to one
of the function's routes), so the cost that lazy imports defer stays visible."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from functools import cache
from pathlib import Path
from typing import Any

from klepaas_fakes.services import free_port

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
BENCH_SECRET = "bench-secret-0123456789-abcdefghijklmnop"
HELLO = """import functions_framework


@functions_framework.http
def hello(request):
    return "ok"
"""
TARGETS = {
    "webhook": "webhook_http",
    "deploy": "deploy_http",
    "nlp": "nlp_http",
    "mcp": "mcp_http",
    "notify": "notify_http",
    "auth": "auth_http",
}


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _answer(url: str, headers: dict[str, str]) -> int:
    """The status of one GET (an error status is an answer too)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def _start_once(
    source: Path, target: str, path: str = "/healthz", headers: dict[str, str] | None = None
) -> tuple[float, float]:
    """Start functions-framework; time until ``path`` answers (200 for /healthz, any status otherwise)."""
    port = free_port()
    env = {
        **os.environ,
        "KLEPAAS_JWT_SECRET": BENCH_SECRET,
        "KLEPAAS_SQLITE_PATH": ":memory:",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    binary = shutil.which("functions-framework", path=str(Path(sys.executable).parent))
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            binary or "functions-framework",
            "--target",
            target,
            "--source",
            str(source),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                status = _answer(f"http://127.0.0.1:{port}{path}", headers or {})
                if status == 200 or path != "/healthz":
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"{source} {target} exited") from None
                time.sleep(0.005)
        elapsed_ms = (time.perf_counter() - started) * 1000
        return elapsed_ms, _rss_mib(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure(
    source: Path, target: str, path: str = "/healthz", headers: dict[str, str] | None = None
) -> tuple[float, float]:
    samples = [_start_once(source, target, path, headers) for _ in range(RUNS)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


@cache
def _bench_token() -> str:
    from pydantic import SecretStr

    from klepaas_shared.auth import ALL_SCOPES, mint
    from klepaas_shared.settings import CommonSettings

    return mint("bench", ALL_SCOPES, settings=CommonSettings(jwt_secret=SecretStr(BENCH_SECRET)))


def authenticated_path(function: str) -> str:
    """A GET route of ``function`` that checks a bearer token, one it serves when there is one
    (an unserved route answers 501 before any token is read)."""
    import importlib.util
    import re

    from klepaas_shared import routes

    spec = importlib.util.spec_from_file_location(f"bench_main_{function}", ROOT / "functions" / function / "main.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    served = set(getattr(getattr(module, "app", None), "_handlers", {}))
    candidates = [r for r in routes.routes_of(function) if r.method == "GET" and r.scope is not None]
    candidates.sort(key=lambda r: (r.method, r.path) not in served)
    return re.sub(r"\{\w+\}", "bench", candidates[0].path)


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "main.py"
        hello.write_text(HELLO)
        base_ms, base_mib = measure(hello, "hello")
    figures: list[dict[str, Any]] = [
        {
            "issue": 2,
            "figure": "cold start hello-world",
            "value": base_ms,
            "unit": "ms",
            "baseline": None,
            "target": None,
            "ok": None,
        },
        {
            "issue": 2,
            "figure": "RSS hello-world",
            "value": base_mib,
            "unit": "MiB",
            "baseline": None,
            "target": None,
            "ok": None,
        },
    ]
    for function, target in TARGETS.items():
        ms, mib = measure(ROOT / "functions" / function / "main.py", target)
        figures.append(
            {
                "issue": 2,
                "figure": f"cold start {function}",
                "value": ms,
                "unit": "ms",
                "baseline": base_ms,
                "target": "<= baseline + 150",
                "ok": ms <= base_ms + 150,
            }
        )
        figures.append(
            {
                "issue": 2,
                "figure": f"RSS {function}",
                "value": mib,
                "unit": "MiB",
                "baseline": base_mib,
                "target": "<= baseline + 20",
                "ok": mib <= base_mib + 20,
            }
        )
        first_ms, _ = measure(
            ROOT / "functions" / function / "main.py",
            target,
            authenticated_path(function),
            {"Authorization": f"Bearer {_bench_token()}"},
        )
        figures.append(
            {
                "issue": 2,
                "figure": f"first authenticated request {function}",
                "value": first_ms,
                "unit": "ms",
                "baseline": ms,
                "target": None,
                "ok": None,
            }
        )
    return figures
