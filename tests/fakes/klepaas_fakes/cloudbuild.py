"""A Cloud Build REST stand-in: ``POST /v1/projects/{p}/builds`` answers an Operation whose
metadata (``BuildOperationMetadata``) holds the Build; ``GET /v1/projects/{p}/builds/{id}``
answers the Build, moving QUEUED → WORKING → the configured outcome. A bearer token is required."""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class CloudBuildState:
    token: str = "test-gcp-token"
    outcome: str = "SUCCESS"
    hold: bool = False  # while True, every build stays WORKING (a test watching a build under way)
    builds: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(state: CloudBuildState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, message: str, reason: str) -> None:
            self._send(status, {"error": {"code": status, "message": message, "status": reason}})

        def _serve(self) -> None:
            if self.headers.get("Authorization") != f"Bearer {state.token}":
                return self._error(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED")
            length = min(int(self.headers.get("Content-Length") or 0), 1 << 20)
            raw = self.rfile.read(length) if length else b""
            with state.lock:
                if self.command == "POST" and (m := re.fullmatch(r"/v1/projects/([^/]+)/builds", self.path)):
                    body = json.loads(raw or b"{}")
                    if not body.get("steps"):
                        return self._error(400, "invalid build: no steps", "INVALID_ARGUMENT")
                    build_id = str(uuid.uuid4())
                    build = {**body, "id": build_id, "projectId": m.group(1), "status": "QUEUED", "_polls": 0}
                    state.builds[build_id] = build
                    metadata = {"@type": "type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata"}
                    metadata["build"] = {k: v for k, v in build.items() if not k.startswith("_")}  # type: ignore[assignment]
                    name = f"projects/{m.group(1)}/operations/{build_id}"
                    return self._send(200, {"name": name, "metadata": metadata})
                if self.command == "GET" and (m := re.fullmatch(r"/v1/projects/([^/]+)/builds/([^/]+)", self.path)):
                    build = state.builds.get(m.group(2))
                    if build is None:
                        return self._error(404, "build not found", "NOT_FOUND")
                    build["_polls"] += 1
                    finished = state.outcome if not state.hold else "WORKING"
                    build["status"] = {1: "QUEUED", 2: "WORKING"}.get(build["_polls"], finished)
                    return self._send(200, {k: v for k, v in build.items() if not k.startswith("_")})
            return self._error(404, "not found", "NOT_FOUND")

        do_GET = do_POST = _serve  # noqa: N815 - http.server names

    return Handler


@contextmanager
def cloud_build_api(state: CloudBuildState | None = None) -> Iterator[tuple[CloudBuildState, str]]:
    state = state or CloudBuildState()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
