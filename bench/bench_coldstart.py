"""Issues 2 and 19: cold start (process start to the first 200 from /healthz through
functions-framework) and resident memory after it, per function; and the first real request
(process start to the answer of each function's representative authenticated request: a signed
push, an interpretation, a status read, ... see klepaas_fakes.first_requests), each beside a bare
functions-framework hello-world started in the same round. mcp's first tools/list is also set
beside a bare MCP SDK server's (the same framework and SDK, one trivial tool): importing the SDK
alone costs several times the hello-world's whole start, so that comparison shows what our code
adds. Rounds interleave the functions so a busy machine slows every figure alike; each figure is
the median of ``RUNS`` rounds."""

from __future__ import annotations

import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from klepaas_fakes.first_requests import (
    BARE_MCP_SERVER,
    FirstRequest,
    bare_mcp_request,
    environment,
    first_requests,
    seed,
)
from klepaas_fakes.services import free_port

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
# Cloud Functions runs compiled bytecode: pip compiles what it installs and the functions-framework
# buildpack runs `compileall` on the source. Here uv installs without bytecode (and the shell may
# set PYTHONDONTWRITEBYTECODE), so an untimed priming round writes the .pyc of everything the
# servers import under this prefix, and the timed rounds read them: compiling is not timed.
PYCACHE = Path(__file__).resolve().parent.parent / ".klepaas" / "pycache"
HELLO = """import functions_framework


@functions_framework.http
def hello(request):
    return "ok"
"""


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_ms(pid: int) -> float:
    """CPU time (user + system) of ``pid`` and its live descendants (gunicorn's worker): unlike
    the wall clock, it hardly moves when other work shares the machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu_ms(int(child)) for child in children)


def _answer(port: int, request: FirstRequest) -> int:
    """The status of one request (an error status is an answer too)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(request.method, request.path, body=request.body or None, headers=request.headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _start_once(
    source: Path, target: str, request: FirstRequest, env: dict[str, str], *, prime: bool = False
) -> tuple[float, float, float]:
    """Start functions-framework as Cloud Functions does: ms until ``request`` is answered, RSS,
    and the CPU ms the server spent until then."""
    port = free_port()
    binary = shutil.which("functions-framework", path=str(Path(sys.executable).parent)) or "functions-framework"
    command = [binary, "--target", target, "--source", str(source), "--port", str(port), "--host", "127.0.0.1"]
    environ = {**os.environ, **env, "PYTHONPYCACHEPREFIX": str(PYCACHE), "PYTHONDONTWRITEBYTECODE": "1"}
    if prime:
        del environ["PYTHONDONTWRITEBYTECODE"]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                status = _answer(port, request)
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"{source} {target} exited") from None
                time.sleep(0.005)
        elapsed_ms = (time.perf_counter() - started) * 1000
        if status not in request.ok:
            raise RuntimeError(f"{target} answered {request.method} {request.path} with {status}")
        return elapsed_ms, _rss_mib(process.pid), _cpu_ms(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _figure(
    issue: int, name: str, value: float, unit: str, baseline: float | None, target: str | None, ok: bool | None
) -> dict[str, Any]:
    return {
        "issue": issue,
        "figure": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "target": target,
        "ok": ok,
    }


def run() -> list[dict[str, Any]]:
    samples: dict[str, list[tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "main.py"
        hello.write_text(HELLO)
        bare_mcp = Path(tmp) / "bare_mcp" / "main.py"
        bare_mcp.parent.mkdir()
        bare_mcp.write_text(BARE_MCP_SERVER)
        requests = first_requests()
        seed(str(Path(tmp) / "prime.sqlite3"))
        prime_env = environment(str(Path(tmp) / "prime.sqlite3"))
        _start_once(hello, "hello", FirstRequest("hello", "GET", "/"), prime_env, prime=True)
        _start_once(bare_mcp, "bare", bare_mcp_request(), prime_env, prime=True)
        for request in requests:
            _start_once(request.source, request.target, request, prime_env, prime=True)
        for round_ in range(RUNS):
            # A fresh store each round: the push is a first delivery, the store file a cold one.
            sqlite_path = str(Path(tmp) / f"round{round_}.sqlite3")
            seed(sqlite_path)
            env = environment(sqlite_path)
            samples.setdefault("hello", []).append(_start_once(hello, "hello", FirstRequest("hello", "GET", "/"), env))
            samples.setdefault("bare mcp", []).append(_start_once(bare_mcp, "bare", bare_mcp_request(), env))
            for request in requests:
                health = FirstRequest(request.function, "GET", "/healthz")
                samples.setdefault(f"health {request.function}", []).append(
                    _start_once(request.source, request.target, health, env)
                )
                samples.setdefault(f"first {request.function}", []).append(
                    _start_once(request.source, request.target, request, env)
                )

    def median(key: str, index: int) -> float:
        return statistics.median(s[index] for s in samples[key])

    base_ms, base_mib, base_cpu = median("hello", 0), median("hello", 1), median("hello", 2)
    figures = [
        _figure(2, "cold start hello-world", base_ms, "ms", None, None, None),
        _figure(2, "RSS hello-world", base_mib, "MiB", None, None, None),
        _figure(19, "CPU to first answer hello-world", base_cpu, "ms", None, None, None),
        _figure(19, "first tools/list bare MCP SDK server", median("bare mcp", 0), "ms", None, None, None),
        _figure(19, "CPU to first tools/list bare MCP SDK server", median("bare mcp", 2), "ms", None, None, None),
    ]
    for request in requests:
        fn = request.function
        ms, mib = median(f"health {fn}", 0), median(f"health {fn}", 1)
        first_ms, first_cpu = median(f"first {fn}", 0), median(f"first {fn}", 2)
        figures += [
            _figure(2, f"cold start {fn}", ms, "ms", base_ms, "<= baseline + 150", ms <= base_ms + 150),
            _figure(2, f"RSS {fn}", mib, "MiB", base_mib, "<= baseline + 20", mib <= base_mib + 20),
            _figure(
                19,
                f"first real request {fn} ({request.method} {request.path})",
                first_ms,
                "ms",
                base_ms,
                "<= baseline + 150",
                first_ms <= base_ms + 150,
            ),
            _figure(
                19,
                f"CPU to first real request {fn}",
                first_cpu,
                "ms",
                base_cpu,
                "<= baseline + 150",
                first_cpu <= base_cpu + 150,
            ),
        ]
        if fn == "mcp":
            sdk_ms, sdk_cpu = median("bare mcp", 0), median("bare mcp", 2)
            figures += [
                _figure(
                    19,
                    "first real request mcp over a bare MCP SDK server's",
                    first_ms,
                    "ms",
                    sdk_ms,
                    "<= baseline + 150",
                    first_ms <= sdk_ms + 150,
                ),
                _figure(
                    19,
                    "CPU to first real request mcp over a bare MCP SDK server's",
                    first_cpu,
                    "ms",
                    sdk_cpu,
                    "<= baseline + 150",
                    first_cpu <= sdk_cpu + 150,
                ),
            ]
    return figures


if __name__ == "__main__":
    for row in run():
        print(row)
