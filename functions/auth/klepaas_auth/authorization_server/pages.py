"""The login and consent page: server-rendered HTML in Korean or English, no script.

Protection: every form carries a CSRF token bound to a cookie (double submit, the token being an
HMAC of the cookie under a key derived from the JWT secret); the consent form also carries a
*ticket* that says who signed in, for which exact authorization request, until when, and is
accepted once. Pages are sent with ``frame-ancestors 'none'``/``X-Frame-Options: DENY``
(no clickjacking), ``no-store`` and ``no-referrer`` (the query holds the PKCE challenge and state).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import secrets
import time
from collections.abc import Mapping
from typing import Any

import flask

from klepaas_shared.auth import derived_key
from klepaas_shared.context import security_context
from klepaas_shared.errors import BadRequest, Forbidden
from klepaas_shared.text import particle

from .settings import AsSettings

# The authorization request's parameters the forms carry along, in this order.
PARAMS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "resource",
)
CSRF_COOKIE = "klepaas_as_csrf"
TICKET_TTL_S = 600
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Sign in to K-Le-PaaS",
        "asks": "{client} wants to use K-Le-PaaS on your behalf.",
        "sign_in": "Sign in",
        "username": "Username",
        "password": "Password",
        "with": "Sign in with {provider}",
        "or": "or",
        "consent_title": "Allow access?",
        "signed_in_as": "Signed in as {name}",
        "scopes": "It asks to:",
        "not_held": "(your account does not hold this; it will not be granted)",
        "resource": "For: {resource}",
        "redirect": "You will be sent back to {redirect}",
        "allow": "Allow",
        "deny": "Deny",
        "error_title": "This authorization request cannot be used",
        "client_source_cimd": "Client identified by {host}",
        "client_source_dcr": "Client registered itself with this server (unverified)",
    },
    "ko": {
        "title": "K-Le-PaaS 로그인",
        "asks": "{client_as_subject} 사용자를 대신해 K-Le-PaaS를 사용하려고 합니다.",
        "sign_in": "로그인",
        "username": "사용자 이름",
        "password": "비밀번호",
        "with": "{provider}로 로그인",
        "or": "또는",
        "consent_title": "접근을 허용할까요?",
        "signed_in_as": "{name_as_means} 로그인됨",
        "scopes": "요청한 권한:",
        "not_held": "(이 계정에 없는 권한이라 부여되지 않습니다)",
        "resource": "대상: {resource}",
        "redirect": "허용하면 {redirect_as_goal} 돌아갑니다",
        "allow": "허용",
        "deny": "거부",
        "error_title": "이 인가 요청은 사용할 수 없습니다",
        "client_source_cimd": "{host}에서 확인한 클라이언트",
        "client_source_dcr": "이 서버에 스스로 등록한 클라이언트(확인되지 않음)",
    },
}
SCOPE_WORDS: dict[str, dict[str, str]] = {
    "mcp:execute": {"en": "Use the K-Le-PaaS MCP tools", "ko": "K-Le-PaaS MCP 도구 사용"},
    "read": {"en": "Read your apps, pods, logs and deployments", "ko": "앱, 파드, 로그, 배포 내역 읽기"},
    "deploy:execute": {
        "en": "Deploy, scale, restart and roll back apps (changes in protected environments still wait for approval)",
        "ko": "앱 배포, 스케일, 재시작, 롤백 (보호된 환경의 변경은 여전히 승인을 기다립니다)",
    },
}
PROVIDER_NAMES = {"google": "Google", "github": "GitHub"}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1f2937}"
    "h1{font-size:1.4rem}form{margin:1rem 0}label{display:block;margin:.5rem 0 .2rem}"
    "input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}"
    "button{padding:.5rem 1rem;margin:.3rem .3rem .3rem 0}.muted{color:#6b7280;font-size:.9rem}"
    "li{margin:.3rem 0}.error{color:#b91c1c}"
)


def language(request: flask.Request) -> str:
    return request.accept_languages.best_match(["en", "ko"], default="en") or "en"


def _key(settings: AsSettings) -> bytes:
    return derived_key("", b"klepaas-authorization-server-v1", settings)


def _mac(settings: AsSettings, *parts: str) -> str:
    digest = hmac.new(_key(settings), "\n".join(parts).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _secure(settings: AsSettings) -> bool:
    return settings.issuer().startswith("https://")


def csrf_cookie_name(settings: AsSettings) -> str:
    return ("__Host-" if _secure(settings) else "") + CSRF_COOKIE


def csrf_pair(request: flask.Request, settings: AsSettings) -> tuple[str, str, bool]:
    """The cookie value (kept or new), the form token for it, and whether the cookie is new."""
    cookie = request.cookies.get(csrf_cookie_name(settings), "")
    fresh = not (16 <= len(cookie) <= 64)
    if fresh:
        cookie = secrets.token_urlsafe(24)
    return cookie, _mac(settings, "csrf", cookie), fresh


def check_csrf(request: flask.Request, settings: AsSettings) -> str:
    """The cookie, after checking the form's token against it (403 otherwise)."""
    cookie = request.cookies.get(csrf_cookie_name(settings), "")
    given = request.form.get("csrf", "")
    if not cookie or not hmac.compare_digest(given.encode(), _mac(settings, "csrf", cookie).encode()):
        raise Forbidden("the form has expired or did not come from this page; open the authorization link again")
    return cookie


def fingerprint(params: Mapping[str, str]) -> str:
    return hashlib.sha256(json.dumps([params.get(p, "") for p in PARAMS]).encode()).hexdigest()


def ticket(user_id: str, params: Mapping[str, str], cookie: str, settings: AsSettings) -> str:
    body = {
        "u": user_id,
        "f": fingerprint(params),
        "c": _mac(settings, "cookie", cookie),
        "e": int(time.time()) + TICKET_TTL_S,
        "n": secrets.token_urlsafe(12),
    }
    text = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    return f"{text}.{_mac(settings, 'ticket', text)}"


def redeem(value: str, params: Mapping[str, str], cookie: str, settings: AsSettings) -> str:
    """The user id a consent ticket names, once, for this request and browser (400/403 otherwise)."""
    text, _, mac = value.partition(".")
    if len(value) > 2048 or not mac or not hmac.compare_digest(mac.encode(), _mac(settings, "ticket", text).encode()):
        raise Forbidden("the consent form was not issued by this server; sign in again")
    try:
        body = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except ValueError:
        raise Forbidden("the consent form was not issued by this server; sign in again") from None
    if not hmac.compare_digest(str(body.get("c", "")).encode(), _mac(settings, "cookie", cookie).encode()):
        raise Forbidden("the consent form belongs to another browser; sign in again")
    if body.get("f") != fingerprint(params):
        raise BadRequest("the consent form does not match this authorization request; sign in again")
    remaining = int(body.get("e", 0)) - int(time.time())
    if remaining <= 0:
        raise BadRequest("the consent form has expired; sign in again")
    if security_context().incr(f"auth:as-ticket:{body.get('n')}", remaining + 1) > 1:
        raise BadRequest("the consent form was already used; open the authorization link again")
    return str(body["u"])


def _hidden(params: Mapping[str, str], csrf: str) -> str:
    fields = [(p, params[p]) for p in PARAMS if params.get(p)] + [("csrf", csrf)]
    return "".join(f'<input type="hidden" name="{p}" value="{html.escape(v)}">' for p, v in fields)


def _page(lang: str, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def _client_lines(lang: str, client: Any) -> str:
    w = WORDS[lang]
    from urllib.parse import urlsplit

    source = (
        w["client_source_cimd"].format(host=urlsplit(client.client_id).hostname or "")
        if client.source == "cimd"
        else w["client_source_dcr"]
    )
    asks = w["asks"].format(client=client.client_name, client_as_subject=particle(client.client_name, "이"))
    return f'<p>{html.escape(asks)}</p><p class="muted">{html.escape(source)}</p>'


def respond(text: str, status: int = 200, cookie: tuple[str, AsSettings] | None = None) -> flask.Response:
    response = flask.Response(text, status=status, mimetype="text/html", headers=HEADERS)
    if cookie is not None:
        value, settings = cookie
        response.set_cookie(
            csrf_cookie_name(settings),
            value,
            max_age=3600,
            path="/",
            secure=_secure(settings),
            httponly=True,
            samesite="Lax",
        )
    return response


def login(lang: str, client: Any, params: Mapping[str, str], csrf: str, providers: list[str], error: str = "") -> str:
    w = WORDS[lang]
    problem = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    hidden = _hidden(params, csrf)
    buttons = "".join(
        f'<form method="post" action="/oauth/authorize">{hidden}<input type="hidden" name="action" value="{p}">'
        f'<button type="submit">{html.escape(w["with"].format(provider=PROVIDER_NAMES.get(p, p)))}</button></form>'
        for p in providers
    )
    alternative = f'<p class="muted">{w["or"]}</p>{buttons}' if buttons else ""
    body = (
        f"{_client_lines(lang, client)}{problem}"
        f'<form method="post" action="/oauth/authorize">{hidden}<input type="hidden" name="action" value="login">'
        f'<label for="username">{w["username"]}</label>'
        '<input type="text" id="username" name="username" autocomplete="username" required>'
        f'<label for="password">{w["password"]}</label>'
        '<input type="password" id="password" name="password" autocomplete="current-password" required>'
        f'<button type="submit">{w["sign_in"]}</button></form>{alternative}'
    )
    return _page(lang, w["title"], body)


def consent(
    lang: str,
    client: Any,
    user: Mapping[str, Any],
    params: Mapping[str, str],
    csrf: str,
    ticket_value: str,
    granted: list[str],
    resource: str,
) -> str:
    w = WORDS[lang]
    asked = (params.get("scope") or "").split() or granted
    items = "".join(
        f"<li><code>{html.escape(s)}</code> {html.escape(SCOPE_WORDS.get(s, {}).get(lang, s))}"
        + ("" if s in granted else f' <span class="muted">{w["not_held"]}</span>')
        + "</li>"
        for s in asked
    )
    who = str(user.get("name") or user.get("email") or user.get("provider_id") or "")
    redirect = params.get("redirect_uri", "")
    signed_in = w["signed_in_as"].format(name=who, name_as_means=particle(who, "으로"))
    sent_back = w["redirect"].format(redirect=redirect, redirect_as_goal=particle(redirect, "으로"))
    hidden = _hidden(params, csrf) + f'<input type="hidden" name="ticket" value="{html.escape(ticket_value)}">'
    body = (
        f"{_client_lines(lang, client)}"
        f'<p class="muted">{html.escape(signed_in)}</p>'
        f"<p>{w['scopes']}</p><ul>{items}</ul>"
        f'<p class="muted">{html.escape(w["resource"].format(resource=resource))}</p>'
        f'<p class="muted">{html.escape(sent_back)}</p>'
        f'<form method="post" action="/oauth/authorize">{hidden}'
        f'<button type="submit" name="action" value="approve">{w["allow"]}</button>'
        f'<button type="submit" name="action" value="deny">{w["deny"]}</button></form>'
    )
    return _page(lang, w["consent_title"], body)


def error(lang: str, message: str) -> str:
    w = WORDS[lang]
    return _page(lang, w["error_title"], f'<p class="error" role="alert">{html.escape(message)}</p>')
