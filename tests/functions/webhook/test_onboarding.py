"""Onboarding's CI workflow pull request against the GitHub stand-in, which answers a duplicate
``POST /pulls`` (same head and base, still open) with 422 as GitHub does."""

from __future__ import annotations

import pytest

from klepaas_fakes.github import FakeGitHub
from klepaas_webhook.github_api import GitHubApp, get_app
from klepaas_webhook.onboarding import BRANCH, propose_workflow

PATH = ".github/workflows/klepaas.yml"


def _app() -> GitHubApp:
    app = get_app()
    assert app is not None
    return app


def test_onboarding_again_while_the_workflow_pull_request_is_open_reuses_it(github: FakeGitHub) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "a" * 40, "initial", branch="main")
    first = propose_workflow(_app(), 77, "K-Le-PaaS", "test01", PATH)
    again = propose_workflow(_app(), 77, "K-Le-PaaS", "test01", PATH)
    assert first["status"] == again["status"] == "proposed"
    assert again["number"] == first["number"] and again["pull_request"] == first["pull_request"]
    assert [(p["head"], p.get("state", "open")) for p in repo.pulls] == [(BRANCH, "open")]
    assert ("POST", "/repos/K-Le-PaaS/test01/pulls") in github.requests  # the first one was opened


def test_a_closed_workflow_pull_request_is_not_reused(github: FakeGitHub) -> None:
    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "a" * 40, "initial", branch="main")
    first = propose_workflow(_app(), 77, "K-Le-PaaS", "test01", PATH)
    repo.pulls[0]["state"] = "closed"
    again = propose_workflow(_app(), 77, "K-Le-PaaS", "test01", PATH)
    assert again["number"] != first["number"]
    assert [p.get("state", "open") for p in repo.pulls] == ["closed", "open"]


def test_the_stand_in_refuses_a_duplicate_pull_request_as_github_does(github: FakeGitHub) -> None:
    """What onboarding relies on: without the reuse, the second proposal would fail on this 422."""
    from github import GithubException

    repo = github.add_repo("K-Le-PaaS", "test01", installation_id=77)
    github.add_commit(repo, "a" * 40, "initial", branch="main")
    propose_workflow(_app(), 77, "K-Le-PaaS", "test01", PATH)
    repository = _app().client(77).get_repo("K-Le-PaaS/test01")
    with pytest.raises(GithubException) as raised:
        repository.create_pull(title="again", body="", head=BRANCH, base="main")
    assert raised.value.status == 422
    assert "already exists" in raised.value.data["errors"][0]["message"]
    assert raised.value.data["documentation_url"]
    assert len(repo.pulls) == 1
