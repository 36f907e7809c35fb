"""Issue 3: the cost of a login. Admin login with the production scrypt parameters, a GitHub
login through the entry point against the local stand-in, and token verification."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CALLBACK = "http://127.0.0.1:3000/console/oauth2-callback"
RUNS = 20


def _median_ms(action: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


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
    with GitHubOAuth(redirect_uris=(CALLBACK,)).running() as github:
        assert isinstance(github, GitHubOAuth)
        env = {
            "KLEPAAS_ENV": "test",
            "KLEPAAS_JWT_SECRET": TEST_JWT_SECRET,
            "KLEPAAS_SQLITE_PATH": ":memory:",
            "KLEPAAS_AUTH_REDIRECT_URIS": CALLBACK,
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
                body = {"provider": "github", "code": github.issue_code(CALLBACK), "redirect_uri": CALLBACK}
                assert client.post("/api/v1/auth/oauth2/login", json=body).status_code == 200

            token = mint("583231", ["read"])
            admin_ms = _median_ms(admin, 10)
            github_ms = _median_ms(github_login)
            verify_us = _median_ms(lambda: verify(token), 200) * 1000
            get_settings.cache_clear()
    return [
        _figure("admin login (scrypt n=2^15), median", admin_ms, "ms", 500.0),
        _figure("GitHub login via local stand-in (3 provider calls), median", github_ms, "ms", 200.0),
        _figure("token verification, median", verify_us, "µs", 1000.0),
    ]
