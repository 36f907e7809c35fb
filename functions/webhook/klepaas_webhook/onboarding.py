"""Onboarding a repository: the CI workflow file arrives in a pull request, never as a direct
push to the default branch (branch protection and review stay in the owner's hands)."""

from __future__ import annotations

from typing import Any

from .github_api import GitHubApp

BRANCH = "klepaas/ci-workflow"
WORKFLOW = """name: K-Le-PaaS CI
on:
  push:
    branches: [{branch}]
  pull_request:
    branches: [{branch}]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build the container image
        run: docker build --tag ${{{{ github.repository }}}}:${{{{ github.sha }}}} .
"""


def workflow_text(branch: str) -> str:
    return WORKFLOW.format(branch=branch)


def propose_workflow(app: GitHubApp, installation_id: int, owner: str, repo: str, path: str) -> dict[str, Any]:
    """Open the pull request that adds the CI workflow, or reuse the one still open from an
    earlier onboarding of the repository; say what happened."""
    from github import GithubException

    def run(gh: Any) -> dict[str, Any]:
        repository = gh.get_repo(f"{owner}/{repo}")
        base = repository.default_branch
        try:
            repository.get_contents(path, ref=base)
            return {"status": "present", "path": path}
        except GithubException as exc:
            if exc.status != 404:
                raise
        head = repository.get_git_ref(f"heads/{base}").object.sha
        try:
            repository.create_git_ref(f"refs/heads/{BRANCH}", head)
        except GithubException as exc:
            if exc.status != 422:  # the branch exists from an earlier attempt: reuse it
                raise
        message = "Add the K-Le-PaaS CI workflow"
        try:
            current = repository.get_contents(path, ref=BRANCH)
            repository.update_file(path, message, workflow_text(base), current.sha, branch=BRANCH)
        except GithubException as exc:
            if exc.status != 404:
                raise
            repository.create_file(path, message, workflow_text(base), branch=BRANCH)
        pull = open_pull(repository, owner, base)
        if pull is not None:
            return {"status": "proposed", "path": path, "pull_request": pull.html_url, "number": pull.number}
        try:
            pull = repository.create_pull(
                title=message,
                body="K-Le-PaaS builds and deploys this repository. Review and merge to turn on CI.",
                head=BRANCH,
                base=base,
            )
        except GithubException as exc:
            # GitHub answers 422 to a second open pull request for the same head and base: one
            # opened since we looked (another onboarding of the same repository) is reused.
            pull = open_pull(repository, owner, base) if exc.status == 422 else None
            if pull is None:
                raise
        return {"status": "proposed", "path": path, "pull_request": pull.html_url, "number": pull.number}

    return app.call(installation_id, f"the CI workflow pull request on {owner}/{repo}", run)


def open_pull(repository: Any, owner: str, base: str) -> Any | None:
    """The open workflow pull request into ``base`` (from an earlier onboarding), if there is one."""
    pulls = repository.get_pulls(state="open", head=f"{owner}:{BRANCH}", base=base)
    return next(iter(pulls), None)
