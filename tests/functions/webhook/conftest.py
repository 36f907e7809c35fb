"""Fixtures for the webhook function: signed deliveries, the real entry point, a GitHub stand-in."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import flask
import functions_framework
import pytest

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.github import FakeGitHub, github_standin
from klepaas_shared.bus import local_bus
from klepaas_shared.store import Store, get_store
from klepaas_webhook import github_api, settings
from klepaas_webhook.signature import sign

ROOT = Path(__file__).resolve().parents[3]
PAYLOADS = Path(__file__).resolve().parent / "payloads"
APP_SECRET = "app-webhook-secret-0123456789"
REPO_SECRET = "repo-webhook-secret-9876543210"


def payload(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text())
    return data


def _forget() -> None:
    settings.settings.cache_clear()
    github_api.get_app.cache_clear()


@pytest.fixture(autouse=True)
def webhook_env() -> Iterator[None]:
    values = {
        "KLEPAAS_GITHUB_APP_WEBHOOK_SECRET": APP_SECRET,
        "KLEPAAS_GITHUB_WEBHOOK_SECRET": REPO_SECRET,
        "KLEPAAS_GITHUB_APP_ID": "",
        "KLEPAAS_GITHUB_APP_PRIVATE_KEY": "",
        "KLEPAAS_WATCHED_IMAGE_REPOSITORIES": "asia-northeast3-docker.pkg.dev/demo-test/apps",
    }
    with klepaas_env(values):
        _forget()
        yield
    _forget()


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    """The GitHub stand-in, with the App configured to use it (the store is kept)."""
    with github_standin() as (fake, private_key):
        monkeypatch.setenv("KLEPAAS_GITHUB_APP_ID", str(fake.app_id))
        monkeypatch.setenv("KLEPAAS_GITHUB_APP_PRIVATE_KEY", private_key)
        monkeypatch.setenv("KLEPAAS_GITHUB_API_URL", fake.url)
        _forget()
        yield fake
        _forget()


@pytest.fixture
def client() -> flask.testing.FlaskClient:
    app = functions_framework.create_app(target="webhook_http", source=str(ROOT / "functions/webhook/main.py"))
    return app.test_client()


@pytest.fixture
def store() -> Store:
    return get_store()


Deliver = Callable[..., Any]


@pytest.fixture
def deliver(client: flask.testing.FlaskClient) -> Deliver:
    """``deliver(event, payload, guid=..., secret=..., path=...)``: a signed delivery as GitHub sends it."""

    def send(
        event: str,
        body: dict[str, Any] | bytes,
        *,
        guid: str | None = None,
        secret: str = APP_SECRET,
        path: str = "/api/v1/github/webhook",
        headers: dict[str, str] | None = None,
    ) -> Any:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        sent = {
            "X-GitHub-Event": event,
            "X-GitHub-Delivery": guid or str(uuid.uuid4()),
            "X-GitHub-Hook-ID": "109948940",
            "User-Agent": "GitHub-Hookshot/044aadd",
            "X-Hub-Signature-256": sign(raw, secret),
            **(headers or {}),
        }
        return client.post(path, data=raw, headers=sent, content_type="application/json")

    return send


def published(topic: str) -> list[dict[str, Any]]:
    return [json.loads(data) for t, _, data, _ in local_bus().published if t == topic]


def connect(store: Store, owner: str = "K-Le-PaaS", repo: str = "test01", **fields: Any) -> dict[str, Any]:
    """An integration as P2 writes it (for tests that start after connecting)."""
    from klepaas_shared.records.integrations import Integrations
    from klepaas_webhook import integrations

    doc = integrations.create(
        store,
        user_id=str(fields.pop("user_id", "user-1")),
        owner=owner,
        repo=repo,
        branch=str(fields.pop("branch", "main")),
        installation_id=fields.pop("installation_id", None),
        html_url=f"https://github.com/{owner}/{repo}",
        repository_id=None,
    )
    if fields:
        Integrations(store).update(doc["id"], fields)
        doc.update(fields)
    return doc


def repo_secret(doc: dict[str, Any]) -> str:
    """The webhook secret the repository of ``doc`` was shown at connect time."""
    from klepaas_webhook import repo_secrets

    return repo_secrets.secret_of(str(doc["full_name"]), str(doc["webhook_nonce"]))
