"""GitHub App installation tokens through PyGithub against the GitHub stand-in (issue 16, item 3):
one fetch per hour per installation, a GitHub 5xx tried again and retryable, a refusal final.
The App's one cache (klepaas_shared.github_app), which deploy and webhook both use."""

from __future__ import annotations

import pytest

from klepaas_fakes.github import generate_app_key, github_standin
from klepaas_shared import github_app
from klepaas_shared.github_app import GitHubTokenError, GitHubTokenRefused, InstallationTokens, installation_tokens


def fetches(github: object) -> int:
    return sum(1 for method, path in github.requests if path.endswith("/access_tokens"))  # type: ignore[attr-defined]


class Clock:
    def __init__(self) -> None:
        import time

        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_a_token_is_fetched_once_and_reused_for_the_hour() -> None:
    with github_standin() as (github, key):
        github.add_repo("o", "r", installation_id=7)
        github_app._tokens_of.cache_clear()
        tokens = {installation_tokens(str(github.app_id), key, github.url).token(7) for _ in range(30)}
        assert len(tokens) == 1 and fetches(github) == 1
        assert github.tokens[tokens.pop()] == 7  # a real token of that installation


def test_a_token_is_fetched_again_when_it_has_less_than_five_minutes_left() -> None:
    clock = Clock()
    with github_standin() as (github, key):
        github.add_repo("o", "r", installation_id=7)
        tokens = InstallationTokens(str(github.app_id), key, github.url, clock=clock)
        first = tokens.token(7)
        clock.now += 54 * 60
        assert tokens.token(7) == first and fetches(github) == 1
        clock.now += 2 * 60  # 4 minutes left
        assert tokens.token(7) != first and fetches(github) == 2


def test_one_github_502_is_tried_again_and_does_not_fail_the_token() -> None:
    with github_standin() as (github, key):
        github.add_repo("o", "r", installation_id=7)
        github.fail_next.append(502)
        tokens = InstallationTokens(str(github.app_id), key, github.url, sleep=lambda _: None)
        assert tokens.token(7).startswith("ghs_") and fetches(github) == 2


def test_a_github_that_keeps_failing_is_a_retryable_error() -> None:
    with github_standin() as (github, key):
        github.add_repo("o", "r", installation_id=7)
        github.fail_next += [503, 502, 500]
        tokens = InstallationTokens(str(github.app_id), key, github.url, sleep=lambda _: None)
        with pytest.raises(GitHubTokenError) as caught:
            tokens.token(7)
        assert caught.value.retryable and fetches(github) == 3


def test_a_key_github_does_not_know_is_refused_at_once_and_not_retryable() -> None:
    other_key, _ = generate_app_key()
    with github_standin() as (github, _key):
        github.add_repo("o", "r", installation_id=7)
        tokens = InstallationTokens(str(github.app_id), other_key, github.url, sleep=lambda _: None)
        with pytest.raises(GitHubTokenRefused, match="401") as caught:
            tokens.token(7)
        assert not caught.value.retryable and fetches(github) == 1


def test_deploy_and_webhook_share_the_app_s_one_cache() -> None:
    """The webhook's App client and the deploy pipeline's token source ask the same cache: one
    fetch per installation for both (in one process, as under the dev server)."""
    from klepaas_deploy.pipeline.stages.github_token import token_of
    from klepaas_webhook.github_api import GitHubApp

    with github_standin() as (github, key):
        github.add_repo("o", "r", installation_id=7)
        github_app._tokens_of.cache_clear()
        webhook = GitHubApp(str(github.app_id), key, github.url, timeout_s=10)
        deploy = installation_tokens(str(github.app_id), key, github.url + "/")
        assert webhook.token(7) == token_of(lambda: deploy.token(7)) == deploy.token(7)
        assert webhook.client(7) is deploy.client(7)
        assert fetches(github) == 1
