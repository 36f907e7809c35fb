"""GitHub App installation tokens for cloning a repository, through PyGithub's App authentication.

A token lives an hour; it is cached per App, API and installation in this instance and fetched
again only when it has less than :data:`REFRESH_BEFORE_S` left. It travels only in git's
``http.extraHeader`` (see :mod:`.mirror`). A GitHub 5xx, 429 or dropped connection is tried
again and stays retryable; a refusal (bad key, unknown installation) is final.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from klepaas_shared.errors import UpstreamError, UpstreamRefused
from klepaas_shared.resilience import retry

TokenSource = Callable[[], str]
REFRESH_BEFORE_S = 300.0


class GitHubTokenError(UpstreamError):
    """GitHub did not hand out a token this time (5xx, 429, network): worth retrying."""

    code = "github_token_unavailable"


class GitHubTokenRefused(UpstreamRefused):
    """GitHub refused the App or the installation: retrying will not help."""

    code = "github_token_failed"


class InstallationTokens:
    """One App's installation tokens at one GitHub API."""

    def __init__(
        self,
        app_id: str,
        private_key_pem: str,
        api_url: str,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._app_id, self._key, self._api_url = app_id, private_key_pem, api_url.rstrip("/")
        self._clock, self._sleep = clock, sleep
        self._integration: Any = None
        self._tokens: dict[int, tuple[str, float]] = {}  # installation → (token, expires at, epoch s)
        self._lock = threading.Lock()

    def token(self, installation_id: int) -> str:
        with self._lock:
            cached = self._tokens.get(installation_id)
            if cached is not None and cached[1] - self._clock() > REFRESH_BEFORE_S:
                return cached[0]
            # A GitHub hiccup (5xx, 429, a dropped connection) is tried again here, so one bad
            # answer does not fail the deployment; a refusal is final at once.
            token, expires = retry(lambda: self._fetch(installation_id), attempts=3, base_s=0.5, sleep=self._sleep)
            self._tokens[installation_id] = (token, expires)
            return token

    @property
    def api_url(self) -> str:
        return self._api_url

    def integration(self) -> Any:
        """This App's PyGithub integration, built once per instance."""
        from github import Auth, GithubIntegration

        if not self._api_url.startswith(("https://", "http://")):
            raise GitHubTokenRefused("the GitHub API address must be http(s)", status=400)
        if self._integration is None:
            auth = Auth.AppAuth(self._app_id, self._key)
            self._integration = GithubIntegration(auth=auth, base_url=self._api_url, timeout=10, retry=None)
        return self._integration

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


@cache
def installation_tokens(app_id: str, private_key_pem: str, api_url: str) -> InstallationTokens:
    """This instance's token cache of one App."""
    return InstallationTokens(app_id, private_key_pem, api_url)


def installation_token(
    app_id: str, private_key_pem: str, installation_id: int, *, api_url: str = "https://api.github.com"
) -> str:
    """An installation token of ``installation_id`` valid for five minutes at least."""
    return installation_tokens(app_id, private_key_pem, api_url).token(installation_id)


def token_of(source: str | TokenSource) -> str:
    return source() if callable(source) else source
