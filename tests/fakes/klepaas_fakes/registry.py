"""A Docker Registry HTTP API V2 stand-in: manifests by tag, and the token flow.

``GET``/``HEAD``/``PUT /v2/<name>/manifests/<reference>`` need ``Authorization: Bearer <token>``
with a token from ``GET /token?service=...&scope=repository:<name>:pull,push`` (itself behind basic
auth with the registry login); without one the answer is ``401`` with ``WWW-Authenticate: Bearer
realm=...,service=...,scope=...``. With ``basic_only`` the registry takes basic auth directly and
challenges with ``Basic``. Manifests are stored by digest (``sha256`` of their bytes, answered as
``Docker-Content-Digest``); a ``PUT`` stores the bytes under a tag with the ``Content-Type`` given.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json"
KNOWN_TYPES = frozenset(
    {
        MANIFEST_V2,
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.index.v1+json",
    }
)
_MANIFEST = re.compile(r"/v2/([a-z0-9]+(?:[._/-][a-z0-9]+)*)/manifests/([A-Za-z0-9_][A-Za-z0-9_.:-]{0,127})")


@dataclass
class RegistryState:
    username: str = "registry-user"
    password: str = "registry-password"
    basic_only: bool = False
    url: str = ""
    manifests: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # digest → (type, bytes)
    tags: dict[str, dict[str, str]] = field(default_factory=dict)  # name → tag → digest
    tokens: dict[str, str] = field(default_factory=dict)  # token → the scope granted
    failures: list[tuple[str, int]] = field(default_factory=list)  # ("METHOD path", status): each once
    requests: list[tuple[str, str]] = field(default_factory=list)
    token_requests: int = 0
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def push(self, name: str, tag: str) -> str:
        """What a ``docker push`` of a fresh image leaves: a manifest under ``name:tag``; its digest."""
        layer = hashlib.sha256(f"{name}:{tag}".encode()).hexdigest()
        manifest = {"schemaVersion": 2, "mediaType": MANIFEST_V2, "config": {"digest": f"sha256:{layer}"}}
        with self.lock:
            return self.put(name, tag, MANIFEST_V2, json.dumps(manifest).encode())

    def put(self, name: str, tag: str, kind: str, raw: bytes) -> str:
        """Store ``raw`` under ``name:tag`` (the caller holds ``lock``); its digest."""
        digest = "sha256:" + hashlib.sha256(raw).hexdigest()
        self.manifests[digest] = (kind, raw)
        self.tags.setdefault(name, {})[tag] = digest
        return digest

    def tags_of(self, name: str) -> dict[str, str]:
        with self.lock:
            return dict(self.tags.get(name, {}))


def _basic_ok(state: RegistryState, header: str) -> bool:
    expected = "Basic " + base64.b64encode(f"{state.username}:{state.password}".encode()).decode()
    return hmac.compare_digest(header.encode(), expected.encode())


def _authorized(state: RegistryState, header: str, name: str, action: str) -> bool:
    if state.basic_only:
        return _basic_ok(state, header)
    token = header.removeprefix("Bearer ") if header.startswith("Bearer ") else ""
    scope = state.tokens.get(token, "")
    return scope.startswith(f"repository:{name}:") and action in scope.split(":")[-1].split(",")


def _handler(state: RegistryState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _serve(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), 1 << 20)
            raw = self.rfile.read(length) if length else b""
            with state.lock:
                state.requests.append((self.command, self.path))
                for index, (request, status) in enumerate(state.failures):
                    if f"{self.command} {self.path}" == request:
                        del state.failures[index]
                        return self._error(status, "UNAVAILABLE", "injected")
                url = urlsplit(self.path)
                if url.path == "/token" and self.command == "GET":
                    return self._token(parse_qs(url.query))
                match = _MANIFEST.fullmatch(url.path)
                if match is None:
                    return self._error(404, "NAME_UNKNOWN", "no such route")
                name, reference = match.groups()
                action = "push" if self.command == "PUT" else "pull"
                if not _authorized(state, self.headers.get("Authorization") or "", name, action):
                    state.refused += 1
                    return self._challenge(name, action)
                if self.command == "PUT":
                    return self._put(name, reference, raw)
                return self._get(name, reference)

        def _token(self, query: dict[str, list[str]]) -> None:
            state.token_requests += 1
            if not _basic_ok(state, self.headers.get("Authorization") or ""):
                state.refused += 1
                return self._error(401, "UNAUTHORIZED", "bad login")
            token = secrets.token_urlsafe(16)
            state.tokens[token] = (query.get("scope") or [""])[0]
            self._send(200, {"token": token, "expires_in": 300})

        def _challenge(self, name: str, action: str) -> None:
            if state.basic_only:
                challenge = 'Basic realm="registry"'
            else:
                scope = f"repository:{name}:{action}"
                challenge = f'Bearer realm="{state.url}/token",service="registry",scope="{scope}"'
            self._error(401, "UNAUTHORIZED", "authentication required", {"WWW-Authenticate": challenge})

        def _get(self, name: str, reference: str) -> None:
            digest = reference if reference.startswith("sha256:") else state.tags.get(name, {}).get(reference, "")
            if digest not in state.manifests:
                return self._error(404, "MANIFEST_UNKNOWN", "manifest unknown")
            kind, body = state.manifests[digest]
            if kind not in (self.headers.get("Accept") or ""):
                return self._error(404, "MANIFEST_UNKNOWN", "no manifest of an accepted type")
            headers = {"Content-Type": kind, "Docker-Content-Digest": digest}
            self._raw(200, b"" if self.command == "HEAD" else body, headers)

        def _put(self, name: str, tag: str, raw: bytes) -> None:
            kind = self.headers.get("Content-Type") or ""
            try:
                declared = json.loads(raw).get("mediaType", kind)
            except (ValueError, AttributeError):
                declared = None
            if kind not in KNOWN_TYPES or declared != kind:
                return self._error(400, "MANIFEST_INVALID", "manifest invalid")
            digest = state.put(name, tag, kind, raw)
            self._raw(201, b"", {"Docker-Content-Digest": digest, "Location": f"/v2/{name}/manifests/{digest}"})

        def _error(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
            body = json.dumps({"errors": [{"code": code, "message": message}]}).encode()
            self._raw(status, body, {"Content-Type": "application/json", **(headers or {})})

        def _send(self, status: int, payload: Any) -> None:
            self._raw(status, json.dumps(payload).encode(), {"Content-Type": "application/json"})

        def _raw(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_HEAD = do_PUT = _serve  # noqa: N815 - http.server names

    return Handler


@contextmanager
def registry_api(state: RegistryState | None = None) -> Iterator[RegistryState]:
    """Serve ``state`` on loopback; its ``url`` is the API base."""
    state = state or RegistryState()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
