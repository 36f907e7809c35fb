"""A Prometheus HTTP API stand-in: ``/api/v1/query`` and ``/api/v1/query_range`` in the real JSON format.

Follows the Prometheus HTTP API v1 (prometheus.io/docs/prometheus/latest/querying/api/, the
format unchanged since Prometheus 2.x). Answers are configured per PromQL expression (exact text)
as lists of ``(labels, value)``, or per node with :meth:`PrometheusStandIn.node`; a range query
repeats each value over the requested steps. Unknown expressions answer an empty vector, as
Prometheus does for a query that matches no series. A scalar expression (a number, ``time()``,
``scalar(...)``, or one set with :meth:`PrometheusStandIn.set_scalar`) answers ``resultType:
"scalar"`` with ``result: [time, "value"]`` (a range query: one matrix series without labels). A
malformed request (or one configured with :meth:`PrometheusStandIn.refuse`) answers 400 with
``{"status": "error", "errorType": "bad_data", "error": ...}``. ``faults`` answers 429 or 5xx
(Prometheus's error body) or drops the connection, one request each.
"""

from __future__ import annotations

import json
import math
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlparse

from .faults import DROP, LOST, Faults, drop

Series = list[tuple[dict[str, str], float]]


class PrometheusStandIn:
    def __init__(self) -> None:
        self.answers: dict[str, Series] = {}
        self.queries: list[str] = []
        self.refusals: dict[str, str] = {}
        self.fail_status: int | None = None
        self.scalars: dict[str, float] = {}
        self.faults = Faults()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: Any) -> None:
                return

            def _params(self) -> dict[str, list[str]]:
                params = parse_qs(urlparse(self.path).query)
                if self.command == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    params.update(parse_qs(self.rfile.read(length).decode()))
                return params

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                outer._handle(self, urlparse(self.path).path, self._params())

            do_POST = do_GET  # noqa: N815 - http.server's method naming

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread: threading.Thread | None = None

    def set(self, query: str, *series: tuple[dict[str, str], float]) -> None:
        self.answers[query] = list(series)

    def set_scalar(self, query: str, value: float) -> None:
        """Answer ``query`` as a scalar expression evaluating to ``value``."""
        self.scalars[query] = value

    def _scalar_of(self, query: str) -> float | None:
        text = query.strip()
        if text in self.scalars:
            return self.scalars[text]
        if text == "time()":
            return time.time()
        try:
            return float(text)  # a number literal is a scalar expression
        except ValueError:
            pass
        if text.startswith("scalar("):  # scalar(v): the one sample's value, NaN unless exactly one
            inner = self.answers.get(text[len("scalar(") : -1], [])
            return float(inner[0][1]) if len(inner) == 1 else math.nan
        return None

    def refuse(self, query: str, error: str) -> None:
        """Answer ``query`` as Prometheus answers an expression it cannot parse: 400 ``bad_data``."""
        self.refusals[query] = error

    def node(self, instance: str, **values: float) -> None:
        """One node_exporter as the per-node queries see it, e.g. ``node("n1:9100", cpu=91.0, mem=30.0)``;
        the keys are those of :data:`klepaas_shared.prometheus.PER_NODE`, and nodes add up."""
        from klepaas_shared.prometheus import PER_NODE

        for key, value in values.items():
            self.answers.setdefault(PER_NODE[key], []).append(({"instance": instance}, value))

    def _handle(self, handler: Any, path: str, params: dict[str, list[str]]) -> None:
        fault = self.faults.take(handler.command, path)
        if fault in (DROP, LOST):
            drop(handler)
            return
        if isinstance(fault, int):
            handler._send(fault, {"status": "error", "errorType": "unavailable", "error": "injected"})
            return
        if self.fail_status:
            handler._send(self.fail_status, {"status": "error", "errorType": "internal", "error": "injected"})
            return
        query = (params.get("query") or [""])[0]
        if path not in ("/api/v1/query", "/api/v1/query_range"):
            handler._send(404, {"status": "error", "errorType": "not_found", "error": "unknown path"})
            return
        if not query:
            handler._send(400, {"status": "error", "errorType": "bad_data", "error": "parse error: no expression"})
            return
        self.queries.append(query)
        if query in self.refusals:
            handler._send(400, {"status": "error", "errorType": "bad_data", "error": self.refusals[query]})
            return
        series = self.answers.get(query, [])
        at = time.time()
        scalar = self._scalar_of(query)
        if path == "/api/v1/query" and scalar is not None:
            handler._send(200, {"status": "success", "data": {"resultType": "scalar", "result": [at, repr(scalar)]}})
            return
        if scalar is not None:
            series = [({}, scalar)]
        if path == "/api/v1/query":
            result = [{"metric": labels, "value": [at, repr(float(value))]} for labels, value in series]
            handler._send(200, {"status": "success", "data": {"resultType": "vector", "result": result}})
            return
        try:
            start, end = float(params["start"][0]), float(params["end"][0])
            step = float(params["step"][0].rstrip("s"))
        except (KeyError, ValueError):
            handler._send(400, {"status": "error", "errorType": "bad_data", "error": "invalid start/end/step"})
            return
        points = [start + i * step for i in range(int((end - start) // step) + 1)] if step > 0 else [start]
        result = [{"metric": labels, "values": [[t, repr(float(value))] for t in points]} for labels, value in series]
        handler._send(200, {"status": "success", "data": {"resultType": "matrix", "result": result}})

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Self:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True, name="prometheus-standin")
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
