"""`make dev`: every function behind one origin, with the embedded defaults.

SQLite under .klepaas/, the in-process Redis stand-in unless KLEPAAS_REDIS_URL is set, and the
in-process Pub/Sub bus delivering to every event entry point as Eventarc would.
With KLEPAAS_DEV_STANDINS=1 it also runs a Kubernetes API and Cloud Build on loopback (the dev-only
stand-ins of ``klepaas_fakes``), so a deploy is built and released without a cloud.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import platform
import secrets
import socket
import sys
from contextlib import ExitStack
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


def _dev_standins(stack: ExitStack) -> None:
    """KLEPAAS_DEV_STANDINS=1: the GKE target and Cloud Build are stand-ins on loopback, stopped
    with ``stack``. klepaas_fakes is a dev-only package: imported here, under the flag, only."""
    if os.environ.get("KLEPAAS_DEV_STANDINS") != "1":
        return
    from klepaas_fakes.cloudbuild import cloud_build_api  # type: ignore[import-untyped]
    from klepaas_fakes.kube import KubeStandIn  # type: ignore[import-untyped]

    kube = stack.enter_context(KubeStandIn(tick_interval_s=0.1))
    cloudbuild, url = stack.enter_context(cloud_build_api())
    os.environ.update(
        {
            "KLEPAAS_DEFAULT_TARGET": "gke",
            "KLEPAAS_GKE_ENDPOINT": kube.url,
            "KLEPAAS_GKE_TOKEN": kube.token,
            "KLEPAAS_CLOUDBUILD_PROJECT": "klepaas-dev",
            "KLEPAAS_CLOUDBUILD_URL": url,
            "KLEPAAS_CLOUDBUILD_TOKEN": cloudbuild.token,
            "KLEPAAS_SECRETMANAGER_URL": url,  # the stand-in serves Secret Manager too
            "KLEPAAS_PIPELINE_POLL_S": "0.2",
        }
    )
    print(f"KLEPAAS_DEV_STANDINS: a Kubernetes API at {kube.url} (the gke target), Cloud Build at {url}")


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
    http = {e.function: getattr(mains[e.function], e.target) for e in ENTRY_POINTS if e.kind == "http"}

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

    return app


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
    _fixed_mmap_threshold()
    os.environ.setdefault("KLEPAAS_API_BASE_URL", f"http://{host}:{port}")
    from klepaas_shared.auth import ALL_SCOPES, mint
    from klepaas_shared.bus import local_bus

    with ExitStack() as standins:
        _dev_standins(standins)
        app = build_app()
        token = mint("dev-admin", ALL_SCOPES, ttl_s=12 * 3600, extra={"name": "Dev Admin", "provider": "admin"})
        print(f"K-Le-PaaS dev: every function at http://{host}:{port}  (health: /api/v1/health)")
        print(f"A 12-hour admin token for curl: export KLEPAAS_TOKEN={token}")
        server = pooled_server(host, port, app)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            server.pool.shutdown(wait=False, cancel_futures=True)
            local_bus().close()
            print("K-Le-PaaS dev: stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
