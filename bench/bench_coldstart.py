"""Issue 2: cold start (process start to the first 200 from /healthz through functions-framework)
and resident memory after it, per function, beside a bare functions-framework hello-world."""

from __future__ import annotations

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
RUNS = 5
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


def _start_once(source: Path, target: str) -> tuple[float, float]:
    port = free_port()
    env = {
        **os.environ,
        "KLEPAAS_JWT_SECRET": "bench-secret-0123456789-abcdefghijklmnop",
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
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    if response.status == 200:
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


def measure(source: Path, target: str) -> tuple[float, float]:
    samples = [_start_once(source, target) for _ in range(RUNS)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


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
    return figures
