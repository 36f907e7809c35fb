"""A Slack Web API stand-in that ``slack_sdk.WebClient(base_url=...)`` drives, plus an incoming webhook,
after Slack's method reference (api.slack.com/methods, as published in 2026-11).

Methods: ``chat.postMessage``, ``chat.update``, ``oauth.v2.access``, ``auth.test``,
``conversations.open``, an interaction's ``response_url`` (minted by :meth:`FakeSlack.response_url`).
Bodies may be JSON, form-encoded or query strings, as the SDK sends them.
Answers are Slack's: HTTP 200 with ``{"ok": true, ...}`` or ``{"ok": false, "error": ...}``
(``not_authed`` without a token, ``invalid_auth`` with a wrong one; ``oauth.v2.access`` answers
``bad_redirect_uri`` unless ``redirect_uri`` is the one the grant was sent with); 429
with ``Retry-After`` when a channel goes over its rate or a fault is injected; 5xx on demand. A
faulted call changes nothing; ``queued_delays`` makes the next calls slow. Every accepted message
is recorded.
"""

from __future__ import annotations

import base64
import json
import random
import secrets
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

RESPONSE_URL_TTL_S = 30 * 60  # Slack: a response_url may be used up to 5 times within 30 minutes
RESPONSE_URL_USES = 5


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    blocks: Any = None
    thread_ts: str | None = None
    updates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ResponseUrl:
    """A ``response_url`` Slack put in one person's interaction: usable 5 times within 30 minutes."""

    user: str
    channel: str = ""
    ts: str = ""
    expires: float = 0.0
    uses: int = 0


@dataclass
class SlackState:
    bot_tokens: set[str] = field(default_factory=lambda: {"xoxb-test-token"})
    client_id: str = "cid-1"
    client_secret: str = "csecret-1"
    oauth_codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel_rate_per_s: float = 1.0
    channel_burst: int = 3
    fault_rate: float = 0.0
    fault_seed: int = 7
    queued_faults: list[int] = field(default_factory=list)  # status codes for the next calls
    retry_after_s: int = 1  # the Retry-After of an injected 429
    queued_delays: list[float] = field(default_factory=list)  # seconds to wait before answering the next calls
    channel_faults: dict[str, list[int]] = field(default_factory=dict)  # status codes for the next posts to a channel
    messages: list[Message] = field(default_factory=list)
    webhook_posts: list[dict[str, Any]] = field(default_factory=list)
    response_urls: dict[str, ResponseUrl] = field(default_factory=dict)  # by path
    ephemerals: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (user, body) shown to one person
    calls: list[str] = field(default_factory=list)
    faults_served: int = 0
    rate_limited: int = 0


class FakeSlack:
    """The stand-in's state and behaviour; :func:`slack_server` serves it over HTTP."""

    def __init__(self, state: SlackState | None = None) -> None:
        self.state = state or SlackState()
        self.lock = threading.Lock()
        self._random = random.Random(self.state.fault_seed)
        self._seq = 0
        self._buckets: dict[str, tuple[float, float]] = {}
        self.url = ""

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    @property
    def webhook_url(self) -> str:
        return self.url + "/services/T000/B000/hook"

    def response_url(self, user: str, channel: str = "", ts: str = "") -> str:
        """A fresh ``response_url`` for an interaction of ``user`` on the message ``channel``/``ts``."""
        with self.lock:
            self._seq += 1
            path = f"/actions/T000/{self._seq}/{secrets.token_hex(12)}"
            self.state.response_urls[path] = ResponseUrl(user, channel, ts, time.time() + RESPONSE_URL_TTL_S)
        return self.url + path

    def told(self, user: str) -> list[str]:
        """The texts shown privately to ``user`` (ephemeral responses)."""
        with self.lock:
            return [str(body.get("text") or "") for who, body in self.state.ephemerals if who == user]

    def posts(self, channel: str | None = None) -> list[Message]:
        with self.lock:
            return [m for m in self.state.messages if channel is None or m.channel == channel]

    def _fault(self) -> int | None:
        if self.state.queued_faults:
            return self.state.queued_faults.pop(0)
        if self.state.fault_rate and self._random.random() < self.state.fault_rate:
            return self._random.choice((429, 500, 503))
        return None

    def _maybe_wait(self) -> None:
        """A slow Slack: the next queued delay, outside the lock (other calls go on meanwhile)."""
        with self.lock:
            delay = self.state.queued_delays.pop(0) if self.state.queued_delays else 0.0
        if delay:
            time.sleep(delay)

    def _over_rate(self, channel: str) -> bool:
        now = time.monotonic()
        tokens, at = self._buckets.get(channel, (float(self.state.channel_burst), now))
        tokens = min(float(self.state.channel_burst), tokens + (now - at) * self.state.channel_rate_per_s)
        if tokens < 1.0:
            self._buckets[channel] = (tokens, now)
            return True
        self._buckets[channel] = (tokens - 1.0, now)
        return False

    def _ts(self) -> str:
        self._seq += 1
        return f"{int(time.time())}.{self._seq:06d}"

    def call(self, method: str, args: dict[str, Any], auth: str) -> tuple[int, dict[str, Any], dict[str, str]]:
        """One Web API call: (status, body, headers)."""
        self._maybe_wait()
        with self.lock:
            self.state.calls.append(method)
            fault = self._fault()
            by_channel = self.state.channel_faults.get(str(args.get("channel", "")))
            if fault is None and method == "chat.postMessage" and by_channel:
                fault = by_channel.pop(0)
            if fault is not None:
                self.state.faults_served += 1
                if fault == 429:
                    return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(self.state.retry_after_s)}
                return fault, {"ok": False, "error": "internal_error"}, {}
            if method == "oauth.v2.access":
                return 200, self._oauth(args, auth), {}
            token = auth.removeprefix("Bearer ").strip() or str(args.get("token", ""))
            if not token:
                return 200, {"ok": False, "error": "not_authed"}, {}
            if token not in self.state.bot_tokens:
                return 200, {"ok": False, "error": "invalid_auth"}, {}
            handler = getattr(self, "_" + method.replace(".", "_"), None)
            if handler is None:
                return 200, {"ok": False, "error": "unknown_method"}, {}
            if method in ("chat.postMessage", "chat.update") and self._over_rate(str(args.get("channel", ""))):
                self.state.rate_limited += 1
                return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}
            result: dict[str, Any] = handler(args)
            return 200, result, {}

    def _oauth(self, args: dict[str, Any], auth: str) -> dict[str, Any]:
        client_id, client_secret = str(args.get("client_id", "")), str(args.get("client_secret", ""))
        if auth.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
        if (client_id, client_secret) != (self.state.client_id, self.state.client_secret):
            return {"ok": False, "error": "invalid_client_id"}
        grant = self.state.oauth_codes.pop(str(args.get("code", "")), None)
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        # The redirect_uri must be the one the authorization was sent with, when it was sent one.
        sent_with = grant.get("redirect_uri")
        if sent_with is not None and args.get("redirect_uri") != sent_with:
            return {"ok": False, "error": "bad_redirect_uri"}
        self.state.bot_tokens.add(grant["access_token"])
        answer = {k: v for k, v in grant.items() if k != "redirect_uri"}
        return {"ok": True, "token_type": "bot", "app_id": "A000", "scope": "chat:write", **answer}

    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://klepaas.slack.com/",
            "team": "K-Le-PaaS",
            "team_id": "T000",
            "user": "klepaas",
            "user_id": "UBOT",
            "bot_id": "B000",
            "is_enterprise_install": False,
        }

    def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = str(args.get("users", ""))
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        return {"ok": True, "channel": {"id": "D" + users.split(",", maxsplit=1)[0]}}

    def _chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, text, blocks = str(args.get("channel", "")), args.get("text"), _blocks(args.get("blocks"))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not text and not blocks:
            return {"ok": False, "error": "no_text"}
        message = Message(channel, self._ts(), str(text or ""), blocks, args.get("thread_ts") or None)
        self.state.messages.append(message)
        return {"ok": True, "channel": channel, "ts": message.ts, "message": _message_json(message)}

    def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = str(args.get("channel", "")), str(args.get("ts", ""))
        found = next((m for m in self.state.messages if m.channel == channel and m.ts == ts), None)
        if found is None:
            return {"ok": False, "error": "message_not_found"}
        found.updates.append({"text": found.text, "blocks": found.blocks})
        found.text, found.blocks = str(args.get("text") or ""), _blocks(args.get("blocks"))
        message = {k: v for k, v in _message_json(found).items() if k not in ("ts", "thread_ts")}
        return {"ok": True, "channel": channel, "ts": ts, "text": found.text, "message": message}

    def webhook(self, body: dict[str, Any]) -> tuple[int, str, dict[str, str]]:
        self._maybe_wait()
        with self.lock:
            self.state.calls.append("webhook")
            fault = self._fault()
            if fault is not None:
                self.state.faults_served += 1
                return fault, "rate_limited" if fault == 429 else "internal_error", {"Retry-After": "1"}
            if not body.get("text") and not body.get("blocks"):
                return 400, "no_text", {}
            self.state.webhook_posts.append(body)
            return 200, "ok", {}

    def respond(self, path: str, body: dict[str, Any], content_type: str) -> tuple[int, str, dict[str, str]]:
        """A POST to a ``response_url``: JSON only; ``ephemeral`` is shown to its user alone,
        ``replace_original: true`` edits the message pressed, anything else is a new message."""
        self._maybe_wait()
        with self.lock:
            self.state.calls.append("response_url")
            fault = self._fault()
            if fault is not None:
                self.state.faults_served += 1
                return fault, "rate_limited" if fault == 429 else "internal_error", {"Retry-After": "1"}
            found = self.state.response_urls.get(path)
            if found is None or found.expires < time.time():
                return 404, "expired_url", {}
            if found.uses >= RESPONSE_URL_USES:
                return 404, "used_url", {}
            if not content_type.startswith("application/json"):
                return 400, "invalid_payload", {}
            if not body.get("text") and not body.get("blocks"):
                return 400, "no_text", {}
            found.uses += 1
            if body.get("response_type") == "ephemeral":
                self.state.ephemerals.append((found.user, body))
                return 200, "ok", {}
            original = next((m for m in self.state.messages if (m.channel, m.ts) == (found.channel, found.ts)), None)
            if body.get("replace_original") is True and original is not None:
                original.updates.append({"text": original.text, "blocks": original.blocks})
                original.text, original.blocks = str(body.get("text") or ""), _blocks(body.get("blocks"))
            else:
                text = str(body.get("text") or "")
                self.state.messages.append(Message(found.channel, self._ts(), text, _blocks(body.get("blocks"))))
            return 200, "ok", {}


def _message_json(message: Message) -> dict[str, Any]:
    """The message as Slack's answers carry it (posted by the stand-in's bot)."""
    body: dict[str, Any] = {"type": "message", "user": "UBOT", "bot_id": "B000", "text": message.text, "ts": message.ts}
    if message.blocks:
        body["blocks"] = message.blocks
    if message.thread_ts:
        body["thread_ts"] = message.thread_ts
    return body


def _blocks(value: Any) -> Any:
    if isinstance(value, str) and value:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _handler(slack: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _reply(self, status: int, body: str, headers: dict[str, str], mimetype: str) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", mimetype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            args: dict[str, Any] = dict(urllib.parse.parse_qsl(url.query))
            if (self.headers.get("Content-Type") or "").startswith("application/json"):
                try:
                    loaded = json.loads(raw or b"{}")
                except ValueError:
                    self._reply(200, json.dumps({"ok": False, "error": "invalid_json"}), {}, "application/json")
                    return
                args.update(loaded if isinstance(loaded, dict) else {})
            else:
                args.update(urllib.parse.parse_qsl(raw.decode(errors="replace")))
            if url.path.startswith("/actions/"):
                status, text, headers = slack.respond(url.path, args, self.headers.get("Content-Type") or "")
                self._reply(status, text, headers, "text/plain")
                return
            if url.path.startswith("/services/"):
                status, text, headers = slack.webhook(args)
                self._reply(status, text, headers, "text/plain")
                return
            method = url.path.removeprefix("/api/")
            status, body, headers = slack.call(method, args, self.headers.get("Authorization", ""))
            self._reply(status, json.dumps(body), headers, "application/json; charset=utf-8")

        do_GET = do_POST  # noqa: N815 - some SDK methods use GET

    return Handler


@contextmanager
def slack_server(state: SlackState | None = None) -> Iterator[FakeSlack]:
    """Serve a :class:`FakeSlack` on 127.0.0.1 (ephemeral port) for the ``with`` block."""
    slack = FakeSlack(state)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(slack))
    server.daemon_threads = True
    slack.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield slack
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def signed_headers(secret: str, body: bytes, *, at: int | None = None) -> dict[str, str]:
    """The headers Slack sends with an interaction, signed with the v0 scheme."""
    import hashlib
    import hmac

    stamp = str(at if at is not None else int(time.time()))
    digest = hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
