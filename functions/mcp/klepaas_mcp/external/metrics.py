"""Connector metrics, per instance: requests by provider, operation and result; a latency histogram."""

from __future__ import annotations

import bisect
import threading
from collections import Counter, defaultdict
from typing import Any

BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ConnectorMetrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: Counter[tuple[str, str, str]] = Counter()
        self._buckets: Counter[tuple[str, int]] = Counter()
        self._sum_s: defaultdict[str, float] = defaultdict(float)

    def observe(self, provider: str, operation: str, result: str, seconds: float) -> None:
        with self._lock:
            self._requests[(provider, operation, result)] += 1
            self._buckets[(provider, bisect.bisect_left(BUCKETS_S, seconds))] += 1
            self._sum_s[provider] += seconds

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            requests = [
                {"provider": p, "operation": o, "result": r, "count": n}
                for (p, o, r), n in sorted(self._requests.items())
            ]
            latency: dict[str, Any] = {}
            for provider in sorted({p for p, _ in self._buckets}):
                counts = [self._buckets[(provider, i)] for i in range(len(BUCKETS_S) + 1)]
                cumulative = [sum(counts[: i + 1]) for i in range(len(counts))]
                latency[provider] = {
                    "buckets": [{"le": le, "count": c} for le, c in zip([*BUCKETS_S, "+Inf"], cumulative, strict=True)],
                    "count": cumulative[-1],
                    "sum_s": round(self._sum_s[provider], 6),
                }
        return {"requests": requests, "latency_seconds": latency}


metrics = ConnectorMetrics()
