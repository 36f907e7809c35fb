"""The GitHub API through PyGithub, authenticated as the GitHub App's installation.

PyGithub is imported on first use. Installation tokens come from the App's one cache
(:mod:`klepaas_shared.github_app`); the base URL is configurable so tests drive a local stand-in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from klepaas_shared.errors import NotFound, Unavailable, UpstreamError, ValidationFailed
from klepaas_shared.github_app import installation_tokens

from .settings import settings

if TYPE_CHECKING:
    from github import Github

T = TypeVar("T")


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    message: str
    author: str
    url: str


@contextmanager
def github_errors(what: str) -> Iterator[None]:
    """Turn PyGithub and transport failures into our error tree (404 stays a NotFound)."""
    import requests
    from github import GithubException

    try:
        yield
    except GithubException as exc:
        if exc.status == 404:
            raise NotFound(f"GitHub: {what}: not found") from None
        if exc.status == 422:
            raise ValidationFailed(f"GitHub refused {what}") from None
        raise UpstreamError(f"GitHub answered {exc.status} to {what}") from None
    except requests.RequestException as exc:
        raise Unavailable(f"GitHub is unreachable ({what}): {type(exc).__name__}") from None


class GitHubApp:
    """One GitHub App: its JWT, its installations' tokens and clients (the App's one cache,
    :mod:`klepaas_shared.github_app`: a token fetched once an hour per installation)."""

    def __init__(self, app_id: str, private_key: str, base_url: str, timeout_s: float) -> None:
        self.app_id, self.base_url, self.timeout_s = app_id, base_url.rstrip("/"), timeout_s
        self._tokens = installation_tokens(app_id, private_key, self.base_url, timeout_s)

    def _integration(self) -> Any:
        return self._tokens.integration()

    def app_request(self, verb: str, url: str, parameters: dict[str, Any] | None = None) -> tuple[dict[str, Any], Any]:
        """Call an App-level endpoint (``/app/...``) with the App's JWT: (headers, JSON body)."""
        with github_errors(f"{verb} {url.split('?', maxsplit=1)[0]}"):
            headers, body = self._integration().requester.requestJsonAndCheck(verb, url, parameters=parameters)
        return dict(headers), body

    def installation_of(self, owner: str, repo: str) -> int | None:
        """The App's installation id on ``owner/repo``, or None when it is not installed there."""
        try:
            with github_errors(f"the installation on {owner}/{repo}"):
                return int(self._integration().get_repo_installation(owner, repo).id)
        except NotFound:
            return None

    def token(self, installation_id: int) -> str:
        return self._tokens.token(installation_id)

    def client(self, installation_id: int) -> Github:
        """A PyGithub client acting as the installation (lazy objects: no request until read)."""
        return self._tokens.client(installation_id)

    def call(self, installation_id: int, what: str, fn: Callable[[Github], T]) -> T:
        with github_errors(what):
            return fn(self.client(installation_id))

    def commit(self, installation_id: int, owner: str, repo: str, ref: str) -> CommitInfo:
        """Re-read a commit (or a branch's head) from GitHub: the payload is not trusted."""

        def read(gh: Github) -> CommitInfo:
            commit = gh.get_repo(f"{owner}/{repo}").get_commit(ref)
            author = commit.author.login if commit.author else commit.commit.author.name
            return CommitInfo(commit.sha, commit.commit.message, author or "", commit.html_url or "")

        return self.call(installation_id, f"commit {ref} of {owner}/{repo}", read)

    def permission(self, installation_id: int, owner: str, repo: str, account_id: int) -> str:
        """The GitHub account's permission on ``owner/repo``: admin, write, read or none."""

        def read(gh: Github) -> str:
            login = gh.get_user_by_id(account_id).login
            return str(gh.get_repo(f"{owner}/{repo}").get_collaborator_permission(login))

        try:
            return self.call(installation_id, f"the permission of account {account_id} on {owner}/{repo}", read)
        except NotFound:
            return "none"


@cache
def get_app() -> GitHubApp | None:
    """This instance's GitHub App, or None when ``KLEPAAS_GITHUB_APP_ID`` is not set."""
    config = settings()
    if not config.app_configured:
        return None
    return GitHubApp(
        config.github_app_id,
        config.github_app_private_key.get_secret_value(),
        config.github_api_url,
        config.github_timeout_s,
    )
