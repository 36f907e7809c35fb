"""A deploy question asks GitHub whether its repository can be built, but never waits on it long."""

from __future__ import annotations

import time
from typing import Any

import pytest
from pydantic import SecretStr

from klepaas_deploy.pipeline import commits
from klepaas_deploy.settings import DeploySettings


def test_github_that_does_not_answer_in_time_refuses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def hangs(*_: Any) -> tuple[str, str]:
        time.sleep(commits.CHECK_BUDGET_S + 2)
        return ("never said", "never said")

    monkeypatch.setattr(commits, "_ask_github", hangs)
    settings = DeploySettings(github_app_id="1", github_app_private_key=SecretStr("key"))
    started = time.monotonic()
    assert commits.missing_source(settings, "acme", "shop", "main") is None
    assert time.monotonic() - started < commits.CHECK_BUDGET_S + 1


def test_without_an_app_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def asked(*_: Any) -> None:
        raise AssertionError("GitHub was asked")

    monkeypatch.setattr(commits, "_ask_github", asked)
    assert commits.missing_source(DeploySettings(), "acme", "shop", "main") is None
