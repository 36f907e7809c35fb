"""Slack's consent page for `make dev`: ``GET /oauth/v2/authorize`` grants at once, as a user who
clicks "Allow" would, and sends the browser back to the redirect URI with a code the Slack API
stand-in exchanges (``oauth.v2.access``) for a bot token. So the console's "Connect Slack" works offline."""

from __future__ import annotations

import secrets
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ..slack import FakeSlack

TEAM = {"id": "T0DEV", "name": "K-Le-PaaS dev"}


def _handler(slack: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _page(self, status: int, text: str) -> None:
            body = f"<!doctype html><title>Slack</title><p>{text}</p>".encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            if url.path != "/oauth/v2/authorize":
                return self._page(404, "not found")
            if query.get("client_id") != slack.state.client_id or not query.get("redirect_uri"):
                return self._page(400, "invalid_client_id or no redirect_uri")
            code = secrets.token_urlsafe(16)
            with slack.lock:
                slack.state.oauth_codes[code] = {
                    "access_token": "xoxb-dev-" + secrets.token_urlsafe(12),
                    "team": TEAM,
                    "authed_user": {"id": "U0DEV"},
                    "bot_user_id": "U0BOT",
                    "scope": query.get("scope", ""),
                }
            back = urllib.parse.urlencode({"code": code, "state": query.get("state", "")})
            self.send_response(302)
            self.send_header("Location", f"{query['redirect_uri']}?{back}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None

    return Handler


@contextmanager
def slack_consent(slack: FakeSlack) -> Iterator[str]:
    """Serve the consent page on loopback; yields the authorize URL (``KLEPAAS_SLACK_AUTHORIZE_URL``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(slack))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True, name="slack-consent")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/oauth/v2/authorize"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
