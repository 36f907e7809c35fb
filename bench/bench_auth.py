"""Issue 3: the cost of a login. Admin login with the production scrypt parameters, a GitHub
login the way the console does it (consent URL, the provider's redirect to our callback, the
console redeeming our one-time code) through the entry point against the local stand-in, and
token verification."""

from __future__ import annotations

import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CALLBACK = "http://127.0.0.1:3000/console/oauth2-callback"
BACKEND = "http://127.0.0.1:8080"  # where the provider sends the browser back (KLEPAAS_API_BASE_URL)
RUNS = 20


def _median_ms(action: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _provider_redirect(auth_url: str) -> str:
    """The browser at the provider's consent page: where the provider sends it back."""
    try:
        urllib.request.build_opener(_NoRedirect).open(auth_url, timeout=5)
    except urllib.error.HTTPError as exc:
        if exc.code == 302:
            return str(exc.headers["Location"])
        raise
    raise AssertionError("the provider did not redirect back")


def _figure(name: str, value: float, unit: str, target: float | None) -> dict[str, Any]:
    ok = None if target is None else value <= target
    return {"issue": 3, "figure": name, "value": value, "unit": unit, "baseline": None, "target": target, "ok": ok}


def run() -> list[dict[str, Any]]:
    import functions_framework

    from klepaas_auth import passwords
    from klepaas_auth.settings import get_settings
    from klepaas_fakes.env import TEST_JWT_SECRET, klepaas_env
    from klepaas_fakes.oauth import GitHubOAuth
    from klepaas_shared.auth import mint, verify

    password = "a benchmark admin password"
    backend_callback = f"{BACKEND}/api/v1/auth/oauth2/callback/github"
    with GitHubOAuth(redirect_uris=(backend_callback,)).running() as github:
        assert isinstance(github, GitHubOAuth)
        env = {
            "KLEPAAS_ENV": "test",
            "KLEPAAS_JWT_SECRET": TEST_JWT_SECRET,
            "KLEPAAS_SQLITE_PATH": ":memory:",
            "KLEPAAS_AUTH_REDIRECT_URIS": CALLBACK,
            "KLEPAAS_CONSOLE_ORIGIN": "http://127.0.0.1:3000",
            "KLEPAAS_API_BASE_URL": BACKEND,
            "KLEPAAS_AUTH_GITHUB_AUTHORIZE_URL": github.authorize_url,
            "KLEPAAS_AUTH_GITHUB_CLIENT_ID": github.client_id,
            "KLEPAAS_AUTH_GITHUB_CLIENT_SECRET": github.client_secret,
            "KLEPAAS_AUTH_GITHUB_TOKEN_URL": github.token_url,
            "KLEPAAS_AUTH_GITHUB_API_URL": github.api_url,
            "KLEPAAS_ADMIN_USERNAME": "admin",
            "KLEPAAS_ADMIN_PASSWORD_HASH": passwords.make(password),
        }
        with klepaas_env(env):
            get_settings.cache_clear()
            app = functions_framework.create_app(target="auth_http", source=str(ROOT / "functions/auth/main.py"))
            client = app.test_client()

            def admin() -> None:
                body = {"username": "admin", "password": password}
                assert client.post("/api/v1/auth/oauth2/admin/login", json=body).status_code == 200

            def github_login() -> None:
                started = client.get("/api/v1/auth/oauth2/url/github", query_string={"redirect_uri": CALLBACK})
                assert started.status_code == 200, started.get_json()
                back = urllib.parse.urlsplit(_provider_redirect(started.get_json()["auth_url"]))
                at_console = client.get(back.path, query_string=back.query)
                assert at_console.status_code == 302, at_console.get_data(as_text=True)
                query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(at_console.headers["Location"]).query))
                body = {"provider": "github", "code": query["code"], "redirect_uri": CALLBACK}
                answer = client.post("/api/v1/auth/oauth2/login", json=body)
                assert answer.status_code == 200, answer.get_json()

            token = mint("583231", ["read"])
            admin_ms = _median_ms(admin, 10)
            github_ms = _median_ms(github_login)
            verify_us = _median_ms(lambda: verify(token), 200) * 1000
            get_settings.cache_clear()
    return [
        _figure("admin login (scrypt n=2^15), median", admin_ms, "ms", 500.0),
        _figure(
            "GitHub login as the console does it, via local stand-in (consent + 3 provider calls), median",
            github_ms,
            "ms",
            200.0,
        ),
        _figure("token verification, median", verify_us, "µs", 1000.0),
    ]
