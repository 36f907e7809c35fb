"""`make dev`: every function behind one origin, with the embedded defaults.

SQLite under .klepaas/, the in-process Redis stand-in unless KLEPAAS_REDIS_URL is set, and the
in-process Pub/Sub bus delivering to every event entry point as Eventarc would.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import secrets
import socket
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".klepaas"


def _dev_defaults() -> None:
    STATE.mkdir(exist_ok=True)
    secret_file = STATE / "dev-jwt-secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(48))
        secret_file.chmod(0o600)
    os.environ.setdefault("KLEPAAS_ENV", "local")
    os.environ.setdefault("KLEPAAS_JWT_SECRET", secret_file.read_text().strip())
    os.environ.setdefault("KLEPAAS_SQLITE_PATH", str(STATE / "klepaas.sqlite3"))


def load_main(function: str) -> ModuleType:
    """Import functions/<function>/main.py under a unique module name."""
    path = ROOT / "functions" / function / "main.py"
    spec = importlib.util.spec_from_file_location(f"klepaas_main_{function}", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_app() -> Any:
    """One Flask app routing by the table to each function's HTTP entry point."""
    import flask

    from klepaas_shared import routes
    from klepaas_shared.bus import local_bus
    from klepaas_shared.entrypoints import ENTRY_POINTS
    from klepaas_shared.http import json_response

    mains = {fn: load_main(fn) for fn in routes.FUNCTIONS}
    bus = local_bus()
    for entry in ENTRY_POINTS:
        if entry.kind == "event":
            target = getattr(mains[entry.function], entry.target, None)
            if target is None:  # a function that does not consume its topics yet
                print(f"make dev: {entry.function} has no {entry.target} yet; not subscribed", file=sys.stderr)
                continue
            for topic in entry.topics:
                bus.subscribe(topic, f"{entry.target}-{topic}", target)
    http = {e.function: getattr(mains[e.function], e.target) for e in ENTRY_POINTS if e.kind == "http"}

    app = flask.Flask("klepaas-dev")
    app.url_map.strict_slashes = False

    @app.route("/", defaults={"path": ""}, methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    @app.route("/<path:path>", methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
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

    return app


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


def main() -> int:
    host, port = "127.0.0.1", int(os.environ.get("PORT", "8080"))
    if not _port_free(host, port):
        print(
            f"make dev: port {port} on {host} is taken (is another `make dev` running?). "
            f"Stop it, or run `PORT=8081 make dev`.",
            file=sys.stderr,
        )
        return 1
    _dev_defaults()
    os.environ.setdefault("KLEPAAS_API_BASE_URL", f"http://{host}:{port}")
    from werkzeug.serving import run_simple

    from klepaas_shared.auth import ALL_SCOPES, mint
    from klepaas_shared.bus import local_bus

    app = build_app()
    token = mint("dev-admin", ALL_SCOPES, ttl_s=12 * 3600, extra={"name": "Dev Admin", "provider": "admin"})
    print(f"K-Le-PaaS dev: every function at http://{host}:{port}  (health: /api/v1/health)")
    print(f"A 12-hour admin token for curl: export KLEPAAS_TOKEN={token}")
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        local_bus().close()
        print("K-Le-PaaS dev: stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
