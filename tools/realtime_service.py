"""The console's realtime channel in a cloud project: ``/api/v1/ws/deployments`` served by a small
Cloud Run service (infra/terraform/realtime.tf), behind the HTTPS load balancer's path rule.

Cloud Functions cannot hold a WebSocket and the function layout is fixed, so this is its own
process in its own container (tools/realtime.Dockerfile), built from what `make dev` already
serves the channel with: :mod:`dev_realtime`'s RFC 6455 handling and
:mod:`klepaas_shared.realtime`'s messages. It pulls the deployment-events topic through its own
subscription (``KLEPAAS_REALTIME_SUBSCRIPTION``, projects/P/subscriptions/S): pulled, not pushed,
so nothing but the load balancer's one path reaches it, and its account needs only
``pubsub.subscriber`` on that subscription. One subscription feeds one instance (Pub/Sub gives each
message to one puller), so Terraform runs exactly one; each connection holds a thread.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # dev_realtime beside this file

import dev_realtime

from klepaas_shared.realtime import Hub

MAX_CONNECTIONS = 500  # the container's threads; the console reconnects after a 503


def relay(hub: Hub, subscription: str) -> Any:
    """Stream-pull ``subscription`` into ``hub``; the returned future runs until cancelled."""
    from google.cloud.pubsub_v1 import SubscriberClient

    from klepaas_shared.realtime import relayed

    def deliver(message: Any) -> None:
        event = relayed(message.data, dict(message.attributes), message.message_id)  # as make dev decides
        if event is not None:
            hub.publish(event)
        message.ack()  # the console shows what it sees now; a message missed is read from D5

    return SubscriberClient().subscribe(subscription, deliver)


def handler(hub: Hub, slots: threading.BoundedSemaphore) -> type[BaseHTTPRequestHandler]:
    class Channel(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # Cloud Run logs requests itself
            pass

        def _answer(self, status: int, code: str, message: str) -> None:
            body = json.dumps({"error": {"code": code, "message": message}} if status >= 400 else {"status": code})
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if status == 503:
                self.send_header("Retry-After", "5")
            self.end_headers()
            self.wfile.write(body.encode())

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/healthz":
                return self._answer(200, "ok", "")
            environ = {
                "PATH_INFO": path,
                "HTTP_UPGRADE": self.headers.get("Upgrade", ""),
                "HTTP_SEC_WEBSOCKET_KEY": self.headers.get("Sec-WebSocket-Key", ""),
                "werkzeug.socket": self.connection,
            }
            if path != dev_realtime.PATH:
                return self._answer(404, "not_found", f"no route for GET {path}")
            if not dev_realtime.is_upgrade(environ) or not environ["HTTP_SEC_WEBSOCKET_KEY"]:
                return self._answer(400, "bad_request", "a WebSocket upgrade is expected here")
            self.close_connection = True
            if not dev_realtime.serve(environ, hub, slots):
                self._answer(503, "unavailable", "too many realtime connections")

    return Channel


def server(hub: Hub, host: str, port: int, max_connections: int = MAX_CONNECTIONS) -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer((host, port), handler(hub, threading.BoundedSemaphore(max_connections)))
    httpd.daemon_threads = True
    return httpd


def main() -> None:
    hub = Hub()
    pulling = relay(hub, os.environ["KLEPAAS_REALTIME_SUBSCRIPTION"])
    # Cloud Run's container listens on every interface; a test run on this machine says 127.0.0.1.
    host = os.environ.get("KLEPAAS_REALTIME_LISTEN", "0.0.0.0")  # noqa: S104
    httpd = server(hub, host, int(os.environ.get("PORT", "8080")))
    try:
        httpd.serve_forever()
    finally:
        pulling.cancel()


if __name__ == "__main__":
    main()
