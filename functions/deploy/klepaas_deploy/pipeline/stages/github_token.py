"""A GitHub App installation token for cloning a repository: an App JWT (RS256, ten minutes at
most) exchanged at ``POST /app/installations/{id}/access_tokens``. The token is short-lived and
travels only in git's ``http.extraHeader`` (see :mod:`.mirror`)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable

from klepaas_shared.errors import UpstreamError

TokenSource = Callable[[], str]


class GitHubTokenError(UpstreamError):
    code = "github_token_failed"
    retryable = False


def installation_token(
    app_id: str, private_key_pem: str, installation_id: int, *, api_url: str = "https://api.github.com"
) -> str:
    """A fresh installation token of ``installation_id``."""
    import jwt

    issued = int(time.time()) - 60  # GitHub's clock may be behind ours
    app_jwt = jwt.encode({"iat": issued, "exp": issued + 540, "iss": str(app_id)}, private_key_pem, algorithm="RS256")
    if not api_url.startswith(("https://", "http://")):
        raise GitHubTokenError("the GitHub API address must be http(s)")
    request = urllib.request.Request(  # noqa: S310 - checked above
        f"{api_url.rstrip('/')}/app/installations/{installation_id}/access_tokens",
        method="POST",
        headers={
            "Authorization": f"Bearer {app_jwt}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10.0) as response:  # noqa: S310 - checked above
            return str(json.loads(response.read())["token"])
    except urllib.error.HTTPError as exc:
        raise GitHubTokenError(f"GitHub refused an installation token: {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, KeyError, ValueError) as exc:
        raise GitHubTokenError(f"no installation token from GitHub: {type(exc).__name__}") from None


def token_of(source: str | TokenSource) -> str:
    return source() if callable(source) else source
