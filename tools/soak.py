"""`make soak`: mixed traffic against `make dev` on loopback for SOAK_SECONDS (default 600).

Signed GitHub push deliveries, chat commands in Korean, MCP tool calls through the official Python
SDK client, and the console's polling, from a few concurrent workers, against the real dev server
(tools/devserver.py) wired to the e2e stand-ins. Reports requests by kind, errors (must be 0),
latency p50/p99, and the server's RSS sampled over time. Memory is bounded when the peak stays
under SOAK_MAX_RSS (MiB) and, after a warm-up (imports, caches, allocator arenas filling: the first
20 % of the run, at least a minute), the least-squares RSS slope stays under SOAK_MAX_SLOPE
(MiB/min); a run shorter than five minutes is too short to judge the slope (the bus and the SQLite
page caches are still filling to their bounds). Exit status 1 on any error or unbounded memory.
The figures go to bench/soak_results.json, which `make bench` shows.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import httpx

WARMUP, MIN_WARMUP_S, MIN_JUDGED_S = 0.2, 60.0, 300.0
MAX_SLOPE_MIB_PER_MIN = float(os.environ.get("SOAK_MAX_SLOPE", "2.0"))
MAX_RSS_MIB = float(os.environ.get("SOAK_MAX_RSS", "384"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e import deliveries, server, standins  # noqa: E402 - the repository root is on the path now

CHAT = ["파드 목록 보여줘", "디플로이먼트 목록 보여줘", "명령어 목록 보여줘", "K-Le-PaaS/test01 롤백 목록"]
POLLS = [
    "/api/v1/deployment-histories/repositories/latest",
    "/api/v1/github/pipelines",
    "/api/v1/monitoring/nks/cpu-usage",
    "/api/v1/monitoring/alerts",
    "/api/v1/auth/me",
    "/api/v1/nlp/history",
]


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def timed(self, kind: str, call: Callable[[], httpx.Response]) -> Any:
        """Make one request and return its JSON; a non-2xx answer or an exception is an error of ``kind``."""
        started, body = time.perf_counter(), None
        try:
            body = _ok(call())
        except Exception as exc:  # every failure is counted and reported, never swallowed
            with self.lock:
                self.errors[kind].append(repr(exc)[:300])
        finally:
            with self.lock:
                self.latency[kind].append(time.perf_counter() - started)
        return body


def _ok(response: httpx.Response) -> Any:
    if not 200 <= response.status_code < 300:
        raise RuntimeError(
            f"{response.request.method} {response.request.url.path}: {response.status_code} {response.text[:200]}"
        )
    return response.json()


def _login(base: str) -> tuple[str, str]:
    body = _ok(
        httpx.post(
            f"{base}/api/v1/auth/oauth2/admin/login",
            json={"username": standins.ADMIN_USER, "password": standins.ADMIN_PASSWORD},
        )
    )
    token = body["access_token"]
    machine = _ok(
        httpx.post(
            f"{base}/api/v1/auth/token",
            json={"client_id": "soak", "scopes": ["read", "mcp:execute"], "audience": "klepaas-mcp", "ttl_s": 7200},
            headers={"Authorization": f"Bearer {token}"},
        )
    )
    return token, machine["access_token"]


def _http_worker(base: str, token: str, stop: float, rec: Recorder, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a traffic mix, not a secret
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Cache-Control": "no-cache"}
    push = deliveries.push_payload(standins.OWNER, standins.PUSHED_REPO, standins.PUSHED_SHA, installation_id=77)
    with httpx.Client(base_url=base, headers=headers, timeout=30.0) as http:
        session: str | None = None
        while time.monotonic() < stop:
            roll = rng.random()
            if roll < 0.2:
                raw, signed = deliveries.signed("push", push, standins.APP_SECRET)
                rec.timed("webhook", partial(http.post, "/api/v1/github/webhook", content=raw, headers=signed))
            elif roll < 0.45:
                body = {"command": rng.choice(CHAT), "timestamp": "2026-01-05T09:00:00Z", "user_id": "admin_user"}
                if session:
                    body["session_id"] = session
                answer = rec.timed("chat", partial(http.post, "/api/v1/nlp/conversation", json=body))
                session = answer["session_id"] if answer else session
            else:
                params = {"t": "1", "user_id": "admin_user"}
                rec.timed("poll", partial(http.get, rng.choice(POLLS), params=params))


def _mcp_worker(base: str, token: str, stop: float, rec: Recorder) -> None:
    import anyio
    import httpx2
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    calls = [("list_resources", {"kind": "pods", "namespace": "default"}), ("health", {}), ("cluster_overview", {})]

    async def main() -> None:
        async with (
            httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30.0) as client,
            streamable_http_client(f"{base}/mcp", http_client=client) as streams,
            ClientSession(streams[0], streams[1]) as session,
        ):
            await session.initialize()
            index = 0
            while time.monotonic() < stop:
                name, args = calls[index % len(calls)]
                index += 1
                started = time.perf_counter()
                try:
                    result = await session.call_tool(name, args)
                    if result.is_error:
                        raise RuntimeError(f"{name}: {str(result.content)[:200]}")
                except Exception as exc:  # counted, reported
                    rec.errors["mcp"].append(repr(exc)[:300])
                rec.latency["mcp"].append(time.perf_counter() - started)

    anyio.run(main)


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _after_warmup(samples: list[tuple[float, float]], seconds: float) -> list[tuple[float, float]]:
    return [(t, m) for t, m in samples if t >= max(WARMUP * seconds, MIN_WARMUP_S)]


def _slope_mib_per_min(tail: list[tuple[float, float]]) -> float:
    """Least-squares slope of RSS over ``tail`` (the samples after warm-up)."""
    if len(tail) < 2:
        return 0.0
    xs, ys = [t for t, _ in tail], [m for _, m in tail]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    denominator = sum((x - mean_x) ** 2 for x in xs) or 1.0
    return 60 * sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / denominator


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def report(rec: Recorder, samples: list[tuple[float, float]], seconds: float) -> int:
    print(f"\nsoak: {seconds:.0f}s of mixed traffic against make dev")
    print(f"{'kind':<10}{'requests':>10}{'errors':>8}{'p50 ms':>10}{'p99 ms':>10}")
    every: list[float] = []
    for kind in sorted(rec.latency):
        values = rec.latency[kind]
        every += values
        p50, p99 = _percentile(values, 0.5), _percentile(values, 0.99)
        print(f"{kind:<10}{len(values):>10}{len(rec.errors[kind]):>8}{p50:>10.1f}{p99:>10.1f}")
    errors = sum(len(v) for v in rec.errors.values())
    print(f"{'all':<10}{len(every):>10}{errors:>8}{_percentile(every, 0.5):>10.1f}{_percentile(every, 0.99):>10.1f}")
    print(f"throughput: {len(every) / seconds:.1f} requests/s")
    rss = [m for _, m in samples]
    tail = _after_warmup(samples, seconds)
    slope, peak = _slope_mib_per_min(tail), max(rss)
    judged = seconds >= MIN_JUDGED_S
    bounded = peak < MAX_RSS_MIB and (slope < MAX_SLOPE_MIB_PER_MIN or not judged)
    verdict = ("bounded" if bounded else "NOT BOUNDED") + ("" if judged else " (too short to judge the slope)")
    print(
        f"server RSS (MiB): start {rss[0]:.1f}, after warm-up {tail[0][1] if tail else rss[-1]:.1f}, "
        f"max {peak:.1f} (cap {MAX_RSS_MIB:.0f}), end {rss[-1]:.1f}; slope after warm-up "
        f"{slope:+.2f} MiB/min (bound {MAX_SLOPE_MIB_PER_MIN:.1f}; {len(tail)} of {len(samples)} samples): {verdict}"
    )
    for kind, messages in rec.errors.items():
        for message in messages[:5]:
            print(f"error [{kind}]: {message}")
    _write_figures(len(every), seconds, errors, every, rss[0], peak, slope)
    return 1 if errors or not bounded else 0


def _write_figures(
    requests: int, seconds: float, errors: int, every: list[float], start: float, peak: float, slope: float
) -> None:
    """The figures of this run as `make bench` rows (bench/run.py appends them to its table)."""
    figures: list[dict[str, Any]] = [
        {"figure": f"soak: requests in {seconds:.0f}s", "value": requests, "unit": "requests", "target": None},
        {"figure": "soak: errors", "value": errors, "unit": "errors", "target": 0, "ok": errors == 0},
        {"figure": "soak: latency p50", "value": _percentile(every, 0.5), "unit": "ms", "target": None},
        {"figure": "soak: latency p99", "value": _percentile(every, 0.99), "unit": "ms", "target": None},
        {"figure": "soak: server RSS at start", "value": start, "unit": "MiB", "target": None},
        {
            "figure": "soak: server RSS max",
            "value": peak,
            "unit": "MiB",
            "target": MAX_RSS_MIB,
            "ok": peak < MAX_RSS_MIB,
        },
        {
            "figure": "soak: server RSS slope after warm-up",
            "value": slope,
            "unit": "MiB/min",
            "target": MAX_SLOPE_MIB_PER_MIN,
            "ok": slope < MAX_SLOPE_MIB_PER_MIN,
            "baseline": 24.0,  # before the thread pool and the fixed mmap threshold of make dev (late in 240 s)
        },
    ]
    rows = [{"issue": 11, "baseline": None, "ok": None} | f | {"value": round(f["value"], 2)} for f in figures]
    (ROOT / "bench" / "soak_results.json").write_text(json.dumps(rows, indent=2) + "\n")


def main() -> int:
    seconds = float(os.environ.get("SOAK_SECONDS", "600"))
    with tempfile.TemporaryDirectory(prefix="klepaas-soak-") as tmp:
        state = Path(tmp)
        with standins.running(state) as stand:
            env = standins.environment(stand, state, server.free_port())
            with server.devserver(env, state) as dev:
                token, mcp_token = _login(dev.base_url)
                _ok(
                    httpx.post(
                        f"{dev.base_url}/api/v1/projects/github/connect",
                        json={"owner": standins.OWNER, "repo": standins.PUSHED_REPO},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                )
                rec, samples, began = Recorder(), [], time.monotonic()
                stop = began + seconds
                workers = [
                    threading.Thread(target=_http_worker, args=(dev.base_url, token, stop, rec, i)) for i in range(3)
                ]
                workers.append(threading.Thread(target=_mcp_worker, args=(dev.base_url, mcp_token, stop, rec)))
                for worker in workers:
                    worker.start()
                while time.monotonic() < stop:
                    samples.append((time.monotonic() - began, _rss_mib(dev.pid)))
                    time.sleep(min(5.0, max(0.5, seconds / 60)))
                for worker in workers:
                    worker.join()
                samples.append((time.monotonic() - began, _rss_mib(dev.pid)))
                return report(rec, samples, time.monotonic() - began)


if __name__ == "__main__":
    sys.exit(main())
