"""The webhook's GitHub App client through PyGithub against the GitHub stand-in (issue 16, item
3, for the webhook function): an installation's token is fetched once and reused for its hour,
and a 5xx while fetching it is a retryable error, never a final one (the App's one token cache,
klepaas_shared.github_app, tries a fetch three times first)."""

from __future__ import annotations

import pytest

from klepaas_fakes.github import github_standin
from klepaas_shared.errors import KlepaasError
from klepaas_webhook.github_api import GitHubApp


def _fetches(github: object) -> int:
    return sum(1 for _, path in github.requests if path.endswith("/access_tokens"))  # type: ignore[attr-defined]


def test_an_installation_token_is_fetched_once_for_its_hour() -> None:
    with github_standin() as (github, key):
        github.add_repo("o", "r", installation_id=7)
        app = GitHubApp(str(github.app_id), key, github.url, timeout_s=5)
        tokens = {app.token(7) for _ in range(30)}
        assert len(tokens) == 1 and _fetches(github) == 1
        assert github.tokens[tokens.pop()] == 7  # a real token of that installation


def test_a_github_5xx_while_fetching_a_token_is_retryable() -> None:
    with github_standin() as (github, key):
        github.add_repo("o", "r", installation_id=7)
        github.fail_next += [502, 502, 502]  # every try of this token fetch answers 502
        app = GitHubApp(str(github.app_id), key, github.url, timeout_s=5)
        with pytest.raises(KlepaasError) as caught:
            app.token(7)
        assert caught.value.retryable
        assert app.token(7)  # the next try gets one
