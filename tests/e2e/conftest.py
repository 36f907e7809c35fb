"""The e2e suite: the real dev server (`make dev`) in a child process, driven over HTTP as the console does.

One dev server and one set of stand-ins serve the whole session (starting them is the slow part).
Journeys that change state use their own repository or app where they could disturb another.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .server import DevServer, devserver, free_port
from .standins import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    CALLBACK,
    HEAD_SHA,
    OLDER_SHA,
    OWNER,
    REPO,
    StandIns,
    environment,
    running,
)


class Console:
    """What ``lib/api.ts`` does: the console's headers, the bearer token, and ``user_id`` injected."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30.0)
        self.token: str | None = None
        self.user: dict[str, Any] = {}

    def close(self) -> None:
        self.http.close()

    @property
    def user_id(self) -> str:
        return str(self.user.get("provider_id") or self.user.get("id") or "")

    def headers(self) -> dict[str, str]:
        sent = {"Content-Type": "application/json", "Cache-Control": "no-cache", "Pragma": "no-cache"}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        return sent

    def login(self, token: str, user: dict[str, Any]) -> None:
        self.token, self.user = token, {**user, "provider": user.get("provider", "admin")}

    def get(self, path: str, **query: Any) -> httpx.Response:
        params: list[tuple[str, str | int | float | bool | None]] = [(k, str(v)) for k, v in query.items()]
        if self.user_id:
            params.append(("user_id", self.user_id))
        return self.http.get(path, params=params, headers=self.headers())

    def send(self, method: str, path: str, body: dict[str, Any] | None = None, **query: Any) -> httpx.Response:
        if body is not None and self.user_id:
            body = {**body, "user_id": self.user_id}
        return self.http.request(method, path, json=body, params=query, headers=self.headers())

    def post(self, path: str, body: dict[str, Any] | None = None, **query: Any) -> httpx.Response:
        return self.send("POST", path, body, **query)

    def ok(self, response: httpx.Response) -> Any:
        """The JSON body of a 2xx answer (the console throws on anything else)."""
        assert 200 <= response.status_code < 300, f"{response.request.method} {response.request.url}: " + (
            f"{response.status_code} {response.text[:600]}"
        )
        return response.json()


@pytest.fixture(scope="session")
def state_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def standins(state_dir: Path) -> Iterator[StandIns]:
    with running(state_dir) as started:
        yield started


@pytest.fixture(scope="session")
def dev_env(standins: StandIns, state_dir: Path) -> dict[str, str]:
    """The environment the dev server runs with (its JWT secret lets a test forge an expired token)."""
    return environment(standins, state_dir, free_port())


@pytest.fixture(scope="session")
def dev(standins: StandIns, dev_env: dict[str, str], state_dir: Path) -> Iterator[DevServer]:
    with devserver(dev_env, state_dir) as server:
        yield server
    assert standins.kube.internal_errors == []


def admin_console(base_url: str) -> Console:
    console = Console(base_url)
    body = console.ok(
        console.post("/api/v1/auth/oauth2/admin/login", {"username": ADMIN_USER, "password": ADMIN_PASSWORD})
    )
    assert body["success"] is True
    console.login(body["access_token"], body["user"])
    return console


@pytest.fixture(scope="session")
def admin(dev: DevServer) -> Iterator[Console]:
    """The console logged in with the admin account (journey 2), shared by the journeys."""
    console = admin_console(dev.base_url)
    yield console
    console.close()


@pytest.fixture
def anonymous(dev: DevServer) -> Iterator[Console]:
    console = Console(dev.base_url)
    yield console
    console.close()


def wait_for(probe: Callable[[], Any], *, timeout_s: float = 10.0, every_s: float = 0.05) -> Any:
    """Poll ``probe`` until it returns something truthy (bounded), and return that."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout_s}s waiting for {probe}")
        time.sleep(every_s)


def follow_consent(auth_url: str) -> dict[str, str]:
    """Play the browser: consent at the provider, our callback, and the redirect on to the console's
    callback page; the query that page reads."""
    at_provider = httpx.get(auth_url, follow_redirects=False, timeout=5.0)
    assert at_provider.status_code == 302, at_provider.text
    ours = at_provider.headers["Location"]
    assert "/api/v1/auth/oauth2/callback/" in ours  # a provider's code goes to the backend only
    at_backend = httpx.get(ours, follow_redirects=False, timeout=10.0)
    assert at_backend.status_code == 302, at_backend.text
    location = at_backend.headers["Location"]
    assert location.startswith(CALLBACK + "?")
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def oauth_login(console: Console, provider: str = "github") -> dict[str, Any]:
    """The login modal and /console/oauth2-callback (journey 1), step by step; returns A2's body."""
    found = console.ok(console.get(f"/api/v1/auth/oauth2/url/{provider}", redirect_uri=CALLBACK))
    back = follow_consent(found["auth_url"])
    answer = console.http.post(
        "/api/v1/auth/oauth2/login",
        json={"provider": back["state"].split("provider=")[1], "code": back["code"], "redirect_uri": CALLBACK},
        headers={"Content-Type": "application/json"},
    )
    body: dict[str, Any] = console.ok(answer)
    if body.get("success"):
        console.login(body["access_token"], body["user"])
    return body


@pytest.fixture(scope="session")
def developer(dev: DevServer) -> Iterator[Console]:
    """A second console, logged in through GitHub OAuth (a developer with a history of its own)."""
    console = Console(dev.base_url)
    assert oauth_login(console)["success"] is True
    yield console
    console.close()


@pytest.fixture(scope="session")
def released(admin: Console) -> dict[str, Any]:
    """Two releases of K-Le-PaaS/test01 (def5678, then abc1234), through the operations API."""
    last: dict[str, Any] = {}
    for sha, message in ((OLDER_SHA, "First release"), (HEAD_SHA, "Add the health endpoint")):
        args = {
            "github_owner": OWNER,
            "github_repo": REPO,
            "image": f"registry.klepaas.test/k-le-paas-test01:{sha[:7]}",
            "commit": {"sha": sha, "message": message, "author": "octocat"},
        }
        answer = admin.http.post("/api/v1/operations", json={"type": "deploy", "args": args}, headers=admin.headers())
        last = admin.ok(answer)
    return last


@pytest.fixture(scope="session")
def connected(admin: Console) -> dict[str, Any]:
    """K-Le-PaaS/test01 connected through the GitHub tab (P2)."""
    body: dict[str, Any] = admin.ok(admin.post("/api/v1/projects/github/connect", {"owner": OWNER, "repo": REPO}))
    return body


class Chat:
    """The Commands view: one session, the id taken from the first answer and sent ever after."""

    def __init__(self, console: Console) -> None:
        self.console, self.session_id = console, None

    def say(self, command: str) -> dict[str, Any]:
        body: dict[str, Any] = {"command": command, "timestamp": "2026-01-05T09:00:00.000Z"}
        if self.session_id:
            body["session_id"] = self.session_id
        answer: dict[str, Any] = self.console.ok(self.console.post("/api/v1/nlp/conversation", body))
        assert answer["session_id"]
        if self.session_id is None:
            self.session_id = answer["session_id"]
        return answer

    def confirm(self, confirmed: bool = True) -> httpx.Response:
        return self.console.post("/api/v1/nlp/confirm", {"session_id": self.session_id, "confirmed": confirmed})


@pytest.fixture
def chat(admin: Console) -> Chat:
    return Chat(admin)
