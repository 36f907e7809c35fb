"""The GitHub App: its installation tokens and clients, through PyGithub's App authentication.

One cache per App, API and instance, for every function that acts as the App (deploy clones and
reads commits, webhook posts statuses and Deployments, both ask who may push): an installation's
token lives an hour and is fetched again only when it has less than :data:`REFRESH_BEFORE_S`
left. A GitHub 5xx, 429 or dropped connection is tried again and stays retryable; a refusal (bad
key, unknown installation) is final. PyGithub is imported on first use; it comes with the
functions that act as the App (their own dependency), never at module load.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import UpstreamError, UpstreamRefused
from .resilience import retry

if TYPE_CHECKING:
    from github import Github

REFRESH_BEFORE_S = 300.0


class GitHubTokenError(UpstreamError):
    """GitHub did not hand out a token this time (5xx, 429, network): worth retrying."""

    code = "github_token_unavailable"


class GitHubTokenRefused(UpstreamRefused):
    """GitHub refused the App or the installation: retrying will not help."""

    code = "github_token_failed"


class InstallationTokens:
    """One App's installation tokens (and clients acting as an installation) at one GitHub API."""

    def __init__(
        self,
        app_id: str,
        private_key_pem: str,
        api_url: str,
        *,
        timeout_s: float = 10.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._app_id, self._key, self._api_url = app_id, private_key_pem, api_url.rstrip("/")
        self.timeout_s, self._clock, self._sleep = timeout_s, clock, sleep
        self._integration: Any = None
        self._tokens: dict[int, tuple[str, float]] = {}  # installation → (token, expires at, epoch s)
        self._clients: dict[str, Github] = {}
        self._lock = threading.RLock()  # a fetch, under it, builds the integration under it too

    @property
    def api_url(self) -> str:
        return self._api_url

    def token(self, installation_id: int) -> str:
        """The installation's token, valid for five minutes at least."""
        with self._lock:
            cached = self._tokens.get(installation_id)
            if cached is not None and cached[1] - self._clock() > REFRESH_BEFORE_S:
                return cached[0]
            # A GitHub hiccup (5xx, 429, a dropped connection) is tried again here, so one bad
            # answer does not fail a deployment; a refusal is final at once.
            token, expires = retry(lambda: self._fetch(installation_id), attempts=3, base_s=0.5, sleep=self._sleep)
            self._tokens[installation_id] = (token, expires)
            return token

    def integration(self) -> Any:
        """This App's PyGithub integration (its JWT), built once per instance."""
        from github import Auth, GithubIntegration

        if not self._api_url.startswith(("https://", "http://")):
            raise GitHubTokenRefused("the GitHub API address must be http(s)", status=400)
        with self._lock:
            if self._integration is None:
                auth = Auth.AppAuth(self._app_id, self._key)
                self._integration = GithubIntegration(
                    auth=auth, base_url=self._api_url, timeout=int(self.timeout_s), retry=None
                )
            return self._integration

    def client(self, installation_id: int) -> Github:
        """A PyGithub client acting as the installation, on its current token (lazy objects: no
        request until one is read)."""
        from github import Auth, Github

        token = self.token(installation_id)
        with self._lock:
            found = self._clients.get(token)
            if found is None:
                found = Github(
                    auth=Auth.Token(token),
                    base_url=self._api_url,
                    timeout=int(self.timeout_s),
                    retry=None,
                    seconds_between_requests=None,
                    seconds_between_writes=None,
                    lazy=True,
                )
                # One client per installation's current token; a replaced token's client is dropped.
                self._clients = {t: c for t, c in self._clients.items() if t in self._current()} | {token: found}
            return found

    def _current(self) -> set[str]:
        return {token for token, _ in self._tokens.values()}

    def _fetch(self, installation_id: int) -> tuple[str, float]:
        from github import GithubException
        from requests.exceptions import RequestException

        integration = self.integration()
        try:
            granted = integration.get_access_token(installation_id)
        except GithubException as exc:
            if exc.status == 429 or exc.status >= 500:
                raise GitHubTokenError(f"GitHub did not hand out an installation token: {exc.status}") from None
            raise GitHubTokenRefused(f"GitHub refused an installation token: {exc.status}", status=exc.status) from None
        except RequestException as exc:
            raise GitHubTokenError(f"no installation token from GitHub: {type(exc).__name__}") from None
        expires_at = granted.expires_at or datetime.now(UTC)
        return str(granted.token), expires_at.timestamp()


def installation_tokens(app_id: str, private_key_pem: str, api_url: str, timeout_s: float = 10.0) -> InstallationTokens:
    """This instance's token cache of one App at one API (one object, however it is asked for)."""
    return _tokens_of(app_id, private_key_pem, api_url.rstrip("/"), float(timeout_s))


@cache
def _tokens_of(app_id: str, private_key_pem: str, api_url: str, timeout_s: float) -> InstallationTokens:
    return InstallationTokens(app_id, private_key_pem, api_url, timeout_s=timeout_s)
