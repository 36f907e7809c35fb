"""The notify function's fixtures: notify settings, the Slack stand-in, the HTTP client, events."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import flask
import functions_framework
import pytest
from cloudevents.http import CloudEvent

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.slack import FakeSlack, SlackState, slack_server
from klepaas_shared.events import pubsub_envelope

ROOT = Path(__file__).resolve().parents[3]
MAIN = ROOT / "functions" / "notify" / "main.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SIGNING_SECRET = "slack-signing-secret-for-tests"
AM_TOKEN = "alertmanager-shared-secret"


def clear_notify_caches() -> None:
    from klepaas_notify import settings
    from klepaas_notify.deploys import decisions
    from klepaas_notify.messages import render
    from klepaas_notify.slack import senders

    for cached in (settings.notify_settings, senders.get_sender, senders.limiter, render.environment):
        cached.cache_clear()
    decisions.operations_client.cache_clear()


@pytest.fixture(autouse=True)
def notify_env() -> Iterator[dict[str, str]]:
    values = {
        "KLEPAAS_SLACK_BOT_TOKEN": "",
        "KLEPAAS_SLACK_WEBHOOK_URL": "",
        "KLEPAAS_SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "KLEPAAS_SLACK_RESPONSE_URL_LOCAL_ORIGIN": "",
        "KLEPAAS_SLACK_CLIENT_ID": "cid-1",
        "KLEPAAS_SLACK_CLIENT_SECRET": "csecret-1",
        "KLEPAAS_SLACK_REDIRECT_URI": "https://api.klepaas.test/api/v1/slack/auth/callback",
        "KLEPAAS_SLACK_TOKEN_KEY": "token-key-for-tests",
        "KLEPAAS_SLACK_STATE_SECRET": "",
        "KLEPAAS_SLACK_TEMPLATES_DIR": "",
        "KLEPAAS_SLACK_LANGUAGE": "ko",
        "KLEPAAS_SLACK_REPO_CHANNELS": "{}",
        "KLEPAAS_SLACK_ALERT_CHANNEL_RATE_LIMITED": "#quota",
        "KLEPAAS_SLACK_ALERT_CHANNEL_UNAUTHORIZED": "#credentials",
        "KLEPAAS_SLACK_RATE_PER_S": "50",
        "KLEPAAS_SLACK_BURST": "20",
        "KLEPAAS_ALERTMANAGER_TOKEN": AM_TOKEN,
        "KLEPAAS_CONSOLE_ORIGIN": "https://console.klepaas.test",
        "KLEPAAS_API_URL": "",
        "KLEPAAS_PROMETHEUS_URL": "",
    }
    with klepaas_env(values):
        clear_notify_caches()
        yield values
    clear_notify_caches()


def use_env(**values: str) -> None:
    """Change notify settings inside a test (restored by ``notify_env``)."""
    import os

    for key, value in values.items():
        os.environ[f"KLEPAAS_{key.upper()}"] = value
    from klepaas_fakes.env import reset_caches

    reset_caches()
    clear_notify_caches()


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """The Slack stand-in, with notify pointed at it through a bot token."""
    with slack_server(SlackState(channel_rate_per_s=100, channel_burst=50)) as fake:
        # the stand-in's response_url origin: allowed only because KLEPAAS_ENV is "test"
        use_env(slack_bot_token="xoxb-test-token", slack_api_url=fake.api_url, slack_response_url_local_origin=fake.url)
        yield fake


@pytest.fixture
def client() -> flask.testing.FlaskClient:
    return functions_framework.create_app(target="notify_http", source=str(MAIN)).test_client()


@pytest.fixture(scope="session")
def main_module() -> Any:
    spec = importlib.util.spec_from_file_location("klepaas_notify_main_under_test", MAIN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def deliver(main_module: Any) -> Callable[..., None]:
    """``deliver(entry_point_name, payload, attributes=None)``: one Eventarc CloudEvent, as Pub/Sub sends it."""

    def send(target: str, payload: Any, attributes: dict[str, str] | None = None) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        ce_attributes, ce_data = pubsub_envelope("demo-test", "topic", "sub", data, attributes)
        getattr(main_module, target)(CloudEvent(ce_attributes, ce_data))

    return send


@pytest.fixture
def fixture_json() -> Callable[[str], Any]:
    return lambda name: json.loads((FIXTURES / name).read_text())


@pytest.fixture
def set_env() -> Callable[..., None]:
    """``set_env(slack_language="en")`` sets ``KLEPAAS_SLACK_LANGUAGE`` and reloads the settings."""
    return use_env
