"""The HTTP front: a threaded loopback server that authenticates, injects faults, logs and dispatches."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .api import Api
from .auth import Authorizer
from .errors import ApiError
from .faults import Faults, RequestRecord
from .http import Request, Response, error_response

_OPEN_PATHS = {"/version", "/healthz", "/livez", "/readyz"}


class ApiServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, api: Api, authz: Authorizer, faults: Faults) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api, self.authz, self.faults = api, authz, faults
        self._connections: set[socket.socket] = set()
        self._guard = threading.Lock()
        self.internal_errors: list[str] = []

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._guard:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._guard:
            self._connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Unblock handler threads still holding keep-alive or watch connections."""
        with self._guard:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ApiServer

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log; the request log is in `Faults.requests`."""

    def _serve(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        raw_query = parse_qs(url.query, keep_blank_values=True)
        request = Request(
            self.command,
            url.path,
            {key: values[0] for key, values in raw_query.items()},
            body,
            self.headers.get("Content-Type"),
        )
        response = self._respond(request)
        self.server.faults.log(
            RequestRecord(
                request.method, request.path, raw_query, request.content_type, response.status, body
            )
        )
        self._send(response)

    def _respond(self, request: Request) -> Response:
        try:
            if request.path not in _OPEN_PATHS:
                self.server.authz.authenticate(self.headers.get("Authorization"))
            fault = self.server.faults.take(request.method, request.path)
            if fault is not None:
                time.sleep(fault.delay_s)
                if (error := fault.error()) is not None:
                    raise error
            if request.path in {"/healthz", "/livez", "/readyz"}:
                return Response(200, b"ok", "text/plain; charset=utf-8")
            return self.server.api.handle(request)
        except ApiError as error:
            return error_response(error)
        except Exception as exc:  # the entry point: answer 500 and keep the traceback for tests
            self.server.internal_errors.append(traceback.format_exc())
            return error_response(ApiError(500, f"Internal error occurred: {exc!r}"))

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Cache-Control", "no-cache, private")
        for key, value in response.headers.items():
            self.send_header(key, value)
        if response.stream is None:
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        response.stream(self._chunk)
        if self._chunk(b""):
            return
        self.close_connection = True

    def _chunk(self, data: bytes) -> bool:
        """Write one chunk (an empty one ends the body); False once the client has gone away."""
        try:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()
        except OSError:
            self.close_connection = True
            return False
        return True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve  # noqa: N815
