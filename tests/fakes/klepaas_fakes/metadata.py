"""A GCE metadata-server stand-in (what Cloud Functions and Cloud Run serve at
``metadata.google.internal``), enough for google-auth's real Application Default Credentials path:
the ping (``Metadata-Flavor: Google``), the project id, the service account, its access token
(``expires_in`` as configured) and its ID tokens (``identity?audience=…&format=full``, a JWT whose
``exp`` google-auth reads). Point google-auth at it with ``GCE_METADATA_HOST`` and
``GCE_METADATA_IP``; it counts what it hands out."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = "/computeMetadata/v1/"
ACCOUNT = "klepaas-fn@demo-test.iam.gserviceaccount.com"


@dataclass
class MetadataState:
    project: str = "demo-test"
    expires_in_s: int = 3600
    access_token: str = ""  # hand out this one every time (a cluster stand-in that knows it), else fresh ones
    rotation: list[str] = field(default_factory=list)  # hand these out in order first (a key being rotated)
    fetched: Counter[str] = field(default_factory=Counter)  # "token", "identity:<audience>"
    issued: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _id_token(audience: str, expires_in_s: int) -> str:
    import jwt

    now = int(time.time())
    claims = {"iss": "https://accounts.google.com", "aud": audience, "sub": "1234", "email": ACCOUNT}
    claims |= {"iat": now, "exp": now + expires_in_s}
    return jwt.encode(claims, secrets.token_bytes(32), algorithm="HS256")


def _handler(state: MetadataState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: Any, kind: str = "application/json") -> None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Metadata-Flavor", "Google")
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _serve(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if self.headers.get("Metadata-Flavor") != "Google":
                return self._send(403, "Missing Metadata-Flavor:Google header.", "text/plain")
            path = url.path.removeprefix(ROOT)
            for alias in ("default", ACCOUNT):  # google-auth uses the email once it has learnt it
                path = path.replace(f"instance/service-accounts/{alias}/", "instance/service-accounts/default/")
            account = "instance/service-accounts/default/"
            with state.lock:
                if url.path == "/":
                    return self._send(200, "ok", "text/plain")
                if path == "project/project-id":
                    return self._send(200, state.project, "text/plain")
                if path == account and query.get("recursive") == "true":
                    return self._send(200, {"email": ACCOUNT, "aliases": ["default"], "scopes": [query.get("scopes")]})
                if path == account + "token":
                    state.fetched["token"] += 1
                    rotated = state.rotation.pop(0) if state.rotation else ""
                    token = rotated or state.access_token or "ya29." + secrets.token_urlsafe(24)
                    state.issued.append(token)
                    return self._send(
                        200, {"access_token": token, "expires_in": state.expires_in_s, "token_type": "Bearer"}
                    )
                if path == account + "identity" and query.get("audience"):
                    state.fetched["identity:" + query["audience"]] += 1
                    token = _id_token(query["audience"], state.expires_in_s)
                    state.issued.append(token)
                    return self._send(200, token, "text/plain")
            return self._send(404, "not found", "text/plain")

        do_GET = do_POST = _serve  # noqa: N815 - http.server's names

    return Handler


@contextmanager
def metadata_server(state: MetadataState | None = None) -> Iterator[tuple[MetadataState, str]]:
    """Yields the state and ``host:port`` for ``GCE_METADATA_HOST`` / ``GCE_METADATA_IP``."""
    state = state or MetadataState()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        yield state, f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
