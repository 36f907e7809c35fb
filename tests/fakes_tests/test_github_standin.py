"""The GitHub stand-in through PyGithub, and the schema check every one of its replies goes through
(tests/conftest.py fails a test that leaves a mismatch behind)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from github import Auth, Github, GithubException, GithubIntegration

from klepaas_fakes import github_schema
from klepaas_fakes.github import FakeGitHub, FakeRepo, github_standin


@pytest.fixture
def github() -> Iterator[tuple[FakeGitHub, FakeRepo, Any]]:
    with github_standin() as (fake, private_key):
        repo = fake.add_repo("octo", "app", installation_id=9)
        fake.add_commit(repo, "a" * 40, "first", branch="main")
        integration = GithubIntegration(auth=Auth.AppAuth(fake.app_id, private_key), base_url=fake.url)
        token = integration.get_access_token(9).token
        client = Github(auth=Auth.Token(token), base_url=fake.url)
        yield fake, repo, client.get_repo("octo/app")
        client.close()


def test_a_reply_github_would_not_give_is_recorded_as_a_mismatch() -> None:
    """The check is not vacuous: a pull request without its required fields is caught."""
    problems = github_schema.check_reply("POST", "/repos/o/r/pulls", 201, {"number": 1, "title": "x"})
    assert any("'head' is a required property" in p for p in problems)
    undocumented = github_schema.check_reply("GET", "/repos/o/r/pulls", 418, {})
    assert undocumented == ["GET /repos/{owner}/{repo}/pulls: status 418 is not a documented answer"]
    assert github_schema.take_mismatches() == [*problems, *undocumented]  # taken: this test stays green


def test_the_description_is_the_pinned_octokit_openapi() -> None:
    assert github_schema.description().version == "23.0.2"


def test_the_combined_status_counts_the_latest_status_of_each_context(github: tuple[FakeGitHub, FakeRepo, Any]) -> None:
    fake, repo, api = github
    fake.add_status(repo, "a" * 40, "failure", "ci/test")
    fake.add_status(repo, "a" * 40, "success", "ci/test")  # the same context, later: it replaces the failure
    fake.add_status(repo, "a" * 40, "success", "ci/lint")
    combined = api.get_commit("a" * 40).get_combined_status()
    assert combined.state == "success" and combined.total_count == 2
    fake.add_status(repo, "a" * 40, "pending", "ci/lint")
    assert api.get_commit("a" * 40).get_combined_status().state == "pending"


def test_updating_a_file_without_its_sha_is_422_and_with_a_stale_one_409(
    github: tuple[FakeGitHub, FakeRepo, Any],
) -> None:
    _, repo, api = github
    created = api.create_file("a.txt", "add", "one", branch="main")
    assert created["content"].sha
    with pytest.raises(GithubException) as missing:
        api._requester.requestJsonAndCheck(  # PyGithub always sends the sha: the raw call it wraps
            "PUT", f"{api.url}/contents/a.txt", input={"message": "again", "content": "dHdv", "branch": "main"}
        )
    assert missing.value.status == 422 and missing.value.data["documentation_url"]
    with pytest.raises(GithubException) as stale:
        api.update_file("a.txt", "again", "two", "0" * 40, branch="main")
    assert stale.value.status == 409
    assert repo.files[("main", "a.txt")] == "one"


def test_a_deployment_of_a_ref_that_does_not_exist_is_422(github: tuple[FakeGitHub, FakeRepo, Any]) -> None:
    _, repo, api = github
    assert api.create_deployment("main", environment="staging").sha == "a" * 40
    with pytest.raises(GithubException) as missing:
        api.create_deployment("no-such-branch", environment="staging")
    assert missing.value.status == 422 and "No ref found" in missing.value.data["message"]
    assert len(repo.deployments) == 1
