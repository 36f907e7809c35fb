"""What the fault and fuzz tests share: entry points loaded as Cloud Functions would, CloudEvents
as Eventarc delivers them, a store that fails its Nth write, snapshots and envelope checks."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import functions_framework
from cloudevents.http import CloudEvent

from klepaas_fakes.clients import function_client
from klepaas_shared.errors import Unavailable
from klepaas_shared.events import encode, pubsub_envelope
from klepaas_shared.store import Store, get_store

ROOT = Path(__file__).resolve().parents[2]
WRITES = ("create", "set", "update", "delete")


@cache
def main_of(function: str) -> ModuleType:
    """``functions/<function>/main.py`` imported once under a unique name (its entry points)."""
    path = ROOT / "functions" / function / "main.py"
    spec = importlib.util.spec_from_file_location(f"faults_main_{function}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def http_client(function: str) -> Any:
    """The function's HTTP entry point inside functions-framework, as Cloud Functions runs it."""
    return function_client(f"{function}_http", str(ROOT / "functions" / function / "main.py"))


def event(topic: str, message: Any, *, message_id: str, publish_time: str | None = None) -> CloudEvent:
    """The CloudEvent Eventarc sends for one Pub/Sub message."""
    attributes, data = pubsub_envelope(
        "demo-test", topic, f"sub-{topic}", encode(message), message_id=message_id, publish_time=publish_time
    )
    return CloudEvent(attributes, data)


# Served in functions-framework's ASGI mode (issue 18): its router answers some paths itself.
ASGI_FUNCTIONS = frozenset({"mcp"})


def framework_answers(function: str, method: str, path: str) -> bool:
    """Whether functions-framework's ASGI router answers this request itself, before the function:
    its fixed ``GET /robots.txt`` and ``/favicon.ico``, and a path with a newline its pattern cannot
    match (``.*$``: one at the very end still matches). It has no hook for that answer, a plain
    404; a Flask-mode function's error page hands such paths to our dispatch instead."""
    if function not in ASGI_FUNCTIONS:
        return False
    decoded = unquote(path.split("?", 1)[0])
    fixed = method == "GET" and decoded in ("/robots.txt", "/favicon.ico")
    return fixed or "\n" in decoded.removesuffix("\n")


def assert_framework_404(response: Any) -> None:
    assert response.status_code == 404 and response.mimetype == "text/plain", response.data[:300]


def assert_envelope(response: Any, *statuses: int) -> dict[str, Any]:
    """A refusal in the JSON error envelope, with one of ``statuses`` when given."""
    assert not statuses or response.status_code in statuses, (response.status_code, response.data[:300])
    assert response.status_code >= 400, (response.status_code, response.data[:300])
    body = response.get_json(silent=True)
    # auth's answers also carry the console's {"success": false, "message"} beside the envelope
    assert isinstance(body, dict) and isinstance(body.get("error"), dict), response.data[:300]
    assert isinstance(body["error"].get("code"), str) and body["error"]["code"]
    assert isinstance(body["error"].get("message"), str) and body["error"]["message"]
    return body


def assert_refusal_of(route: Any, response: Any) -> None:
    """A refusal in the format the route's protocol fixes (``Route.errors``): the envelope; for the
    OAuth endpoints RFC 6749 §5.2's ``{"error": "<code>", "error_description"}`` (or the envelope,
    for what the platform refuses before OAuth is reached); for the consent page an HTML page."""
    body = response.get_json(silent=True)
    if route.errors == "oauth" and isinstance(body, dict) and isinstance(body.get("error"), str):
        assert body["error"] and set(body) <= {"error", "error_description", "error_uri", "state"}, body
        return
    if route.errors == "html" and response.mimetype == "text/html":
        assert b"<!doctype html>" in response.data and response.headers["X-Frame-Options"] == "DENY"
        return
    assert_envelope(response)


def snapshot(store: Store | None = None) -> dict[tuple[str, str], Any]:
    """Every document of the embedded SQLite store (the tests' default)."""
    sqlite = store or get_store()
    return {(c, i): d for c, i, d in sqlite.documents()}  # type: ignore[attr-defined]


def changes(before: dict[tuple[str, str], Any], after: dict[tuple[str, str], Any]) -> dict[tuple[str, str], Any]:
    """The documents written or deleted between two snapshots (None: deleted)."""
    return {key: after.get(key) for key in set(before) | set(after) if before.get(key) != after.get(key)}


def refusal_records_only(changed: dict[tuple[str, str], Any]) -> bool:
    """A refused mutation may leave only its record: the operation failed, the audit naming it."""
    for (collection, _), doc in changed.items():
        if collection == "operations" and (doc or {}).get("status") == "failed":
            continue
        # admin_override: the policy's record that an admin:write token acted beyond its role (issue 22),
        # written when the policy decides, whatever becomes of the request
        if collection == "audit" and (doc or {}).get("result") in (
            "failed",
            "refused",
            "rejected",
            "denied",
            "admin_override",
        ):
            continue
        return False
    return True


def audit_of(action: str, store: Store | None = None) -> list[dict[str, Any]]:
    return [d.data for d in (store or get_store()).query("audit", [("action", "==", action)])]


class Crash(Unavailable):
    """The injected failure: the process died (or the store went away) between two writes."""


class FailingWrites:
    """Fails the ``nth`` write (1-based) on the store, counting writes inside transactions too.

    ``only`` limits the count to writes on those collections; after the failure every write
    succeeds again (the redelivery runs on a healthy store).
    """

    def __init__(self, store: Store, nth: int, only: tuple[str, ...] = ()) -> None:
        self.store, self.nth, self.only = store, nth, only
        self.count = 0
        self.failed = False
        self._lock = threading.Lock()

    def _tick(self, op: str, collection: str) -> None:
        if self.only and collection not in self.only:
            return
        with self._lock:
            self.count += 1
            if self.count == self.nth and not self.failed:
                self.failed = True
                raise Crash(f"injected crash at write {self.nth} ({op} {collection})")

    def _wrap(self, op: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(collection: str, *args: Any, **kwargs: Any) -> Any:
            self._tick(op, collection)
            return call(collection, *args, **kwargs)

        return wrapped

    @contextmanager
    def armed(self) -> Iterator[FailingWrites]:
        originals = {op: getattr(self.store, op) for op in (*WRITES, "transaction")}
        for op in WRITES:
            setattr(self.store, op, self._wrap(op, originals[op]))

        def transaction(fn: Callable[[Any], Any]) -> Any:
            def counted(txn: Any) -> Any:
                return fn(_CountingTxn(txn, self))

            return originals["transaction"](counted)

        self.store.transaction = transaction  # type: ignore[method-assign]
        try:
            yield self
        finally:
            for op, original in originals.items():
                setattr(self.store, op, original)


class _CountingTxn:
    def __init__(self, txn: Any, faults: FailingWrites) -> None:
        self._txn, self._faults = txn, faults

    def get(self, collection: str, doc_id: str) -> Any:
        return self._txn.get(collection, doc_id)

    def __getattr__(self, op: str) -> Any:
        call = getattr(self._txn, op)

        def wrapped(collection: str, *args: Any) -> Any:
            self._faults._tick(op, collection)
            return call(collection, *args)

        return wrapped


@contextmanager
def serve(app: Any) -> Iterator[Any]:
    """Serve a WSGI app on 127.0.0.1 (ephemeral port) for the block; yields the server (``.port``).

    ``server.socket`` may be closed inside the block to make the service unreachable."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def deploy_app() -> Any:
    """The deploy function's HTTP entry point as a WSGI app."""
    return functions_framework.create_app(target="deploy_http", source=str(ROOT / "functions" / "deploy" / "main.py"))
