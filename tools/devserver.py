"""`make dev`: the whole product on one machine, with nothing set.

Every function behind one origin; SQLite under .klepaas/, the in-process Redis stand-in unless
KLEPAAS_REDIS_URL is set, and the in-process Pub/Sub bus delivering to every event entry point as
Eventarc would. An admin login made on the first run (printed, kept in .klepaas/) and a token of
that admin for curl. A loopback stand-in for every outside system whose setting is empty
(``klepaas_fakes.devstack``, dev-only; KLEPAAS_DEV_STANDINS=0: none), and the console's realtime
channel (:mod:`dev_realtime`).
"""

from __future__ import annotations

import errno
import importlib.util
import inspect
import json
import os
import platform
import secrets
import signal
import socket
import string
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType
from typing import Any

import dev_realtime  # tools/: beside this file

ROOT = Path(__file__).resolve().parent.parent
ADMIN_USERNAME = "admin"


def _state_dir() -> Path:
    """Where make dev keeps what it made up once (.klepaas/; KLEPAAS_DEV_STATE moves it, for tests)."""
    state = Path(os.environ.get("KLEPAAS_DEV_STATE") or ROOT / ".klepaas")
    state.mkdir(parents=True, exist_ok=True)
    return state


def _made_once(state: Path, name: str, make: Any) -> str:
    """A secret generated on the first run, kept (owner-only) under the state directory and reused."""
    path = state / name
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def _dev_defaults(state: Path) -> str | None:
    """The local defaults; returns the admin password when make dev made up the admin login."""
    os.environ.setdefault("KLEPAAS_ENV", "local")
    os.environ.setdefault("KLEPAAS_JWT_SECRET", _made_once(state, "dev-jwt-secret", lambda: secrets.token_urlsafe(48)))
    os.environ.setdefault("KLEPAAS_SQLITE_PATH", str(state / "klepaas.sqlite3"))
    if os.environ.get("KLEPAAS_ADMIN_PASSWORD_HASH"):
        return None  # an admin login of one's own: its password is not ours to print
    from klepaas_auth import passwords

    alphabet = string.ascii_letters + string.digits  # nothing a shell or a form would trip on
    password = _made_once(state, "dev-admin-password", lambda: "".join(secrets.choice(alphabet) for _ in range(16)))
    os.environ.setdefault("KLEPAAS_ADMIN_USERNAME", ADMIN_USERNAME)
    # A fresh salt each start: only the password is kept, and it checks against any hash of it.
    os.environ["KLEPAAS_ADMIN_PASSWORD_HASH"] = passwords.make(password)
    return password


def _admin_token() -> str:
    """A token for the admin account itself (stored as the admin login stores it), so /auth/me knows it."""
    from klepaas_auth import tokens, users
    from klepaas_auth.settings import get_settings
    from klepaas_auth.upstream import Profile
    from klepaas_shared.store import get_store

    settings = get_settings()
    profile = Profile("admin", settings.admin_subject, "", settings.admin_username or ADMIN_USERNAME, "", True)
    user = users.upsert(get_store(), profile, "admin", force_role="admin")
    return tokens.for_user(user, settings)


def _dev_standins(stack: ExitStack, state: Path, base_url: str) -> list[Any]:
    """A local stand-in for every outside system whose setting is empty (KLEPAAS_DEV_STANDINS=0: none),
    stopped with ``stack``; returns what to run once the server is up. klepaas_fakes is a dev-only
    package (never bundled): imported here only."""
    if os.environ.get("KLEPAAS_DEV_STANDINS") == "0":
        return []
    from klepaas_fakes import devstack  # type: ignore[import-untyped]

    started = devstack.start(stack, state, base_url, dict(os.environ))
    for name, value in started.env.items():
        os.environ.setdefault(name, value)
    for note in started.notes:
        print(f"  stand-in: {note}")
    return list(started.after_start)


def load_main(function: str) -> ModuleType:
    """Import functions/<function>/main.py under a unique module name."""
    path = ROOT / "functions" / function / "main.py"
    spec = importlib.util.spec_from_file_location(f"klepaas_main_{function}", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wsgi_entry(entry: Any) -> Any:
    """An HTTP entry point as a callable taking a ``flask.Request``. One served as ASGI
    (functions-framework's aio mode: ``async def`` taking a Starlette request, answering an ASGI
    app) runs on a2wsgi's event loop, as its uvicorn worker would run it."""
    if not inspect.iscoroutinefunction(entry):
        return entry
    import flask
    from a2wsgi import ASGIMiddleware
    from starlette.requests import Request

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        answer = await entry(Request(scope, receive))
        await answer(scope, receive, send)

    wsgi: Any = ASGIMiddleware(asgi)
    return lambda request: flask.Response.from_app(wsgi, request.environ)


def build_app() -> Any:
    """One Flask app routing by the table to each function's HTTP entry point."""
    import flask
    from werkzeug.exceptions import HTTPException

    from klepaas_shared import routes
    from klepaas_shared.bus import local_bus
    from klepaas_shared.entrypoints import ENTRY_POINTS
    from klepaas_shared.http import framework_error, json_response

    mains = {fn: load_main(fn) for fn in routes.FUNCTIONS}
    bus = local_bus()
    for entry in ENTRY_POINTS:
        if entry.kind != "event":
            continue
        handler = getattr(mains[entry.function], entry.target, None)
        if handler is None:
            print(f"note: {entry.function} has no event entry point {entry.target} yet", file=sys.stderr)
            continue
        for topic in entry.topics:
            bus.subscribe(topic, f"{entry.target}-{topic}", handler)
    http = {e.function: wsgi_entry(getattr(mains[e.function], e.target)) for e in ENTRY_POINTS if e.kind == "http"}
    hub = _realtime(bus)

    app = flask.Flask("klepaas-dev")
    app.url_map.strict_slashes = False
    # What Flask's routing refuses (``<path:path>`` does not match a newline) gets the functions'
    # answer: their error handler hands it to the view named "run" (functions-framework's name).
    app.register_error_handler(HTTPException, framework_error)
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]

    @app.route("/", defaults={"path": ""}, methods=methods, endpoint="run")
    @app.route("/<path:path>", methods=methods, endpoint="run")
    def front_door(path: str) -> Any:
        request = flask.request
        found, allowed = routes.match(request.method, request.path)
        if found is not None:
            return http[found.route.function](request)
        if request.method == "OPTIONS" or allowed:
            # Let any function answer the preflight or the 405 (they share the dispatch code).
            return http["auth"](request)
        body = {"error": {"code": "not_found", "message": f"no route for {request.method} {request.path}"}}
        return json_response(body, 404, {"Access-Control-Allow-Origin": "*"})

    routed = app.wsgi_app

    def realtime_first(environ: dict[str, Any], start_response: Any) -> Any:
        """The WebSocket upgrade goes around Flask's routing (its rules refuse a WebSocket request)."""
        if dev_realtime.is_upgrade(environ):
            if dev_realtime.serve(environ, hub):  # held this thread until the console left
                start_response("204 No Content", [])
                return []
            busy = json.dumps({"error": {"code": "unavailable", "message": "too many realtime connections"}})
            start_response("503 Service Unavailable", [("Content-Type", "application/json"), ("Retry-After", "5")])
            return [busy.encode()]
        return routed(environ, start_response)

    app.wsgi_app = realtime_first  # type: ignore[method-assign]
    return app


def _realtime(bus: Any) -> Any:
    """The console's realtime channel, fed by the deployment-events topic as its Cloud Run service would be."""
    from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS
    from klepaas_shared.events_codec import decode
    from klepaas_shared.realtime import Hub, relayed

    hub = Hub()

    def relay(cloud_event: Any) -> None:
        message = decode(cloud_event)
        event = relayed(message.data, message.attributes, message.message_id)  # as realtime_service.py decides
        if event is not None:
            hub.publish(event)

    bus.subscribe(TOPIC_DEPLOYMENT_EVENTS, "dev-realtime", relay)
    return hub


def _fixed_mmap_threshold() -> None:
    """Keep glibc's mmap threshold fixed, so blocks of a megabyte or more go back to the system when freed.

    After each answer werkzeug drains the socket with a 10 MB read buffer; once glibc has freed one
    such block it raises its threshold and serves the next ones from the heap, where they stay.
    """
    if sys.platform == "linux" and platform.libc_ver()[0] == "glibc":
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, 1024 * 1024)  # -3: M_MMAP_THRESHOLD


def pooled_server(host: str, port: int, app: Any, threads: int = 32) -> Any:
    """werkzeug's server answering from a fixed pool of threads, as gunicorn's gthread workers do.

    werkzeug closes every connection, so its thread-per-connection server starts a thread for
    each request; glibc gives those threads up to 8 malloc arenas per core and keeps what they
    freed, so RSS grew without bound under `make soak`. A pool reuses the threads (and arenas).
    """
    from concurrent.futures import ThreadPoolExecutor

    from werkzeug.serving import BaseWSGIServer

    class PooledWSGIServer(BaseWSGIServer):
        multithread = True  # HTTP/1.1, so streamed (chunked) answers such as MCP's work

        def __init__(self) -> None:
            super().__init__(host, port, app)
            self.pool = ThreadPoolExecutor(threads, thread_name_prefix="dev-http")

        def process_request(self, request: Any, client_address: Any) -> None:
            self.pool.submit(self._serve, request, client_address)

        def _serve(self, request: Any, client_address: Any) -> None:
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    return PooledWSGIServer()


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server binds: a port whose last connections linger in TIME_WAIT is free to reuse.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


# Cloud Scheduler's stand-in: the tasks that end work whose instance died, once a minute, so a
# deployment cut off by a crash (kill -9, a stopped `make dev`) ends within 2 minutes locally too.
LOCAL_TICKS = {"end_stuck_work": 60.0}


def _scheduler(stop: threading.Event) -> None:
    from klepaas_shared.bus import local_bus
    from klepaas_shared.topics import TOPIC_MAINTENANCE

    due = dict.fromkeys(LOCAL_TICKS, 0.0)
    while not stop.wait(1.0):
        for task, every_s in LOCAL_TICKS.items():
            if time.monotonic() >= due[task]:
                due[task] = time.monotonic() + every_s
                local_bus().publish(TOPIC_MAINTENANCE, {"task": task})


_stopping = threading.Event()


def _stop_once(signum: int, frame: object) -> None:
    """The first stop signal interrupts the server; later ones are let go. A process-group kill delivers
    the signal twice (once directly, once forwarded by `uv run`), and a second KeyboardInterrupt would cut
    the closing short, however soon after the first it came."""
    if not _stopping.is_set():
        _stopping.set()
        raise KeyboardInterrupt


def main() -> int:
    host, port = "127.0.0.1", int(os.environ.get("PORT", "8080"))
    if not _port_free(host, port):
        print(
            f"make dev: port {port} on {host} is taken (is another `make dev` running?). "
            f"Stop it, or run `PORT=8081 make dev`.",
            file=sys.stderr,
        )
        return 1
    state = _state_dir()
    password = _dev_defaults(state)
    _fixed_mmap_threshold()
    base_url = f"http://{host}:{port}"
    os.environ.setdefault("KLEPAAS_API_BASE_URL", base_url)
    from klepaas_shared.bus import local_bus

    # SIGTERM (a supervisor, `kill`) stops it as Ctrl-C does: stand-ins closed, the port released.
    # SIGINT too when started in the background (a shell then hands it down ignored).
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, _stop_once)
    with ExitStack() as standins:
        after_start = _dev_standins(standins, state, base_url)
        app = build_app()
        server = pooled_server(host, port, app)
        _print_welcome(base_url, password, _admin_token())
        for run in after_start:
            run()
        ticking = threading.Event()
        threading.Thread(target=_scheduler, args=(ticking,), daemon=True, name="dev-scheduler").start()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            ticking.set()
            server.server_close()
            server.pool.shutdown(wait=False, cancel_futures=True)
            local_bus().close()
    print("K-Le-PaaS dev: stopped.", flush=True)
    # A request still being answered (a streamed MCP reply) would hold the interpreter's exit, which
    # joins the pool's threads: everything is closed, so leave now and the port is free at once.
    os._exit(0)


def _print_welcome(base_url: str, password: str | None, token: str) -> None:
    print(f"K-Le-PaaS dev: every function at {base_url}  (health: /api/v1/health)")
    if password is not None:
        print(f"Console login: {os.environ['KLEPAAS_ADMIN_USERNAME']} / {password}")
    print(f"The admin's token for curl: export KLEPAAS_TOKEN={token}")
    print(
        "The console against this origin (K-Le-PaaS/frontend): "
        f"NEXT_PUBLIC_API_URL={base_url} NEXT_PUBLIC_WS_URL={base_url.replace('http', 'ws', 1)} "
        "npm run build && npx next start -p 3000, then open http://127.0.0.1:3000/console",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
