"""Stand-ins for three LLM APIs on one threaded loopback HTTP server, in their real wire formats.

- Anthropic Messages: ``POST /v1/messages`` (``x-api-key`` or a bearer key, and ``anthropic-version``);
  answers with a ``tool_use`` block when the request offers tools, else a ``text`` block.
- OpenAI Chat Completions: ``POST /v1/chat/completions`` (``Authorization: Bearer``).
- Gemini generateContent: ``POST /v1beta/models/{model}:generateContent`` (``x-goog-api-key``).

Point the official SDKs at :attr:`FakeLLM.url` (OpenAI: ``url + "/v1"``). Each model (by the name
in the request) follows its :class:`Script`: answer a given interpretation JSON, after a delay,
or hang, or fail with 429 (``retry-after``) or 5xx, or answer text that is not JSON, or a body
that is not JSON, or echo: answer ``{"system": <system instruction>, "user": <user turn, parsed
when it is JSON>}``, so a test sees what the model was sent through the SDK and back; or stop
for a reason (``stop="max_tokens"``: each provider's own out-of-tokens stop), refuse
(``refusal=True``), or be blocked by a safety filter (``blocked=True``; Gemini's
``no_candidates=True`` blocks the prompt itself). Errors use each provider's error envelope.

Strict like the services (API versions: Anthropic Messages 2023-06-01, OpenAI Chat Completions
v1, Gemini v1beta, as of December 2026): a model id the stand-in does not know (:data:`KNOWN`,
plus every model a test scripts) is a 404 in the provider's own shape and words; a request
carrying a parameter the current models reject is a 400 (OpenAI: ``temperature`` with a
reasoning effort other than ``none``; Gemini: ``thinkingLevel`` with ``thinkingBudget``;
Anthropic: thinking with a forced tool choice). Every call is recorded.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from klepaas_fakes.llm.wire import error_body, not_found_body, rejected_parameter, request_texts, success_body

KEYS = {"anthropic": "sk-ant-test-key", "openai": "sk-openai-test-key", "google": "gemini-test-key"}
# The test models and the current ids the nlp settings default to; anything else is a 404.
KNOWN = frozenset(
    {"claude-test", "gpt-test", "gemini-test", "claude-haiku-4-5", "gpt-5.4-mini", "gemini-3.5-flash-lite"}
)
UNKNOWN = {"intent": "unknown", "args": {}, "confidence": 0.2}
_GEMINI_PATH = re.compile(r"^/v1beta/models/([A-Za-z0-9._-]+):generateContent$")
Reply = tuple[int, Any, dict[str, str]]


@dataclass
class Script:
    """How one model behaves: `answer` is the JSON object its output carries."""

    answer: dict[str, Any] = field(default_factory=lambda: dict(UNKNOWN))
    delay_ms: int = 0
    hang: bool = False
    status: int | None = None
    retry_after: int = 1
    malformed: bool = False
    garbage: bool = False
    echo: bool = False
    stop: str | None = None  # "max_tokens": the provider's out-of-tokens stop (length, MAX_TOKENS)
    refusal: bool = False
    blocked: bool = False
    no_candidates: bool = False


@dataclass
class Call:
    provider: str
    model: str
    body: dict[str, Any]
    at: float


class FakeLLM:
    """The stand-in's scripts and calls; :func:`llm_server` serves it over HTTP."""

    def __init__(self) -> None:
        self.scripts: dict[str, Script] = {}
        self.known: set[str] = set(KNOWN)
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.url = ""

    def script(self, model: str, **behaviour: Any) -> Script:
        """Set how `model` answers from now on (see :class:`Script`)."""
        with self.lock:
            self.scripts[model] = Script(**behaviour)
            self.known.add(model)
            return self.scripts[model]

    def calls_to(self, model: str) -> list[Call]:
        with self.lock:
            return [call for call in self.calls if call.model == model]

    def handle(self, provider: str, model: str, key: str, body: dict[str, Any]) -> Reply | None:
        """One API call: (status, JSON body or raw text, headers); None means hang up without answering."""
        if key != KEYS[provider]:
            return 401, error_body(provider, 401, "invalid api key"), {}
        with self.lock:
            self.calls.append(Call(provider, model, body, time.monotonic()))
            script = self.scripts.get(model, Script())
            known = model in self.known
        if not known:
            return 404, not_found_body(provider, model), {}
        rejected = rejected_parameter(provider, body)
        if rejected is not None:
            return 400, rejected, {}
        if script.hang:
            self.closing.wait(60)
            return None
        if script.delay_ms:
            self.closing.wait(script.delay_ms / 1000)
        if script.status is not None:
            headers = {"retry-after": str(script.retry_after)} if script.status == 429 else {}
            return script.status, error_body(provider, script.status, f"scripted {script.status}"), headers
        if script.garbage:
            return 200, "<html>upstream proxy error", {}
        answer = _echo(provider, body) if script.echo else script.answer
        text = '{"intent": "scale", "args": {' if script.malformed else json.dumps(answer, ensure_ascii=False)
        ending = _ending(script)
        if ending in ("max_tokens", "refusal", "blocked", "no_candidates"):
            text = text[: len(text) // 2]  # what came before the stop, if anything
        whole = None if script.malformed or ending else answer
        return 200, success_body(provider, model, body, text, whole, ending), {}


def _ending(script: Script) -> str | None:
    if script.no_candidates:
        return "no_candidates"
    if script.blocked:
        return "blocked"
    if script.refusal:
        return "refusal"
    return script.stop


def _echo(provider: str, body: dict[str, Any]) -> dict[str, Any]:
    system, user = request_texts(provider, body)
    try:
        sent: Any = json.loads(user)
    except ValueError:
        sent = user
    return {"system": system, "user": sent}


def _bearer(headers: Any) -> str:
    value = str(headers.get("Authorization") or "")
    return value.removeprefix("Bearer ") if value.startswith("Bearer ") else ""


def _route(path: str, headers: Any, body: dict[str, Any]) -> tuple[str, str, str] | None:
    if path == "/v1/messages":
        # The Messages API takes the key as x-api-key or (anthropic SDK 2.x) a bearer token, with a version.
        key = headers.get("x-api-key") or _bearer(headers) if headers.get("anthropic-version") else ""
        return "anthropic", str(body.get("model", "")), key
    if path == "/v1/chat/completions":
        return "openai", str(body.get("model", "")), _bearer(headers)
    found = _GEMINI_PATH.match(path)
    if found:
        return "google", found.group(1), headers.get("x-goog-api-key") or ""
    return None


def _handler(llm: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, payload: Any, headers: dict[str, str]) -> None:
            data = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (its deadline passed)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = None
            path = self.path.split("?", 1)[0]
            route = _route(path, self.headers, body) if isinstance(body, dict) else None
            if route is None or not isinstance(body, dict):
                self._send(404 if route is None else 400, {"error": {"message": f"no route {path}"}}, {})
                return
            reply = llm.handle(*route, body)
            if reply is None:
                self.close_connection = True
                return
            self._send(*reply)

    return Handler


def import_sdks() -> None:
    """Import the three SDKs now: a cold import takes seconds, far beyond a round's deadline."""
    import anthropic  # noqa: F401
    import openai  # noqa: F401
    from google import genai  # noqa: F401


@contextmanager
def llm_server(*, warm: bool = True) -> Iterator[FakeLLM]:
    """A running stand-in on 127.0.0.1 (ephemeral port); hanging calls are released on exit.

    With `warm`, the SDKs are imported first, as an instance that has answered before has them.
    """
    if warm:
        import_sdks()
    llm = FakeLLM()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(llm))
    server.daemon_threads = True
    llm.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="llm-stand-in", daemon=True)
    thread.start()
    try:
        yield llm
    finally:
        llm.closing.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
