"""Google credentials, created once per instance and refreshed only when they near expiry.

- :func:`access_tokens`: OAuth access tokens from Application Default Credentials (on Cloud
  Functions, the metadata server) for Google APIs (Cloud Build) and GKE;
- :func:`id_tokens`: Google-signed ID tokens for one audience, for calls to another function that
  only its invoker service account may reach.

google-auth decides freshness (a token is refreshed within its refresh threshold of expiry, about
four minutes); a lock makes one refresh serve every thread that was waiting for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from .errors import ConfigError, Unavailable

CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"


class _Cached:
    def __init__(self, what: str, create: Callable[[Any], Any]) -> None:
        self._what, self._create = what, create
        self._credentials: Any = None
        self._request: Any = None
        self._lock = threading.Lock()

    def token(self) -> str:
        """A token that stays valid for a few minutes at least."""
        import google.auth.exceptions
        from google.auth.credentials import TokenState
        from google.auth.transport.requests import Request

        with self._lock:
            try:
                if self._request is None:
                    self._request = Request()
                if self._credentials is None:
                    self._credentials = self._create(self._request)
                if self._credentials.token_state is not TokenState.FRESH:
                    self._credentials.refresh(self._request)
            except google.auth.exceptions.DefaultCredentialsError:
                raise ConfigError(f"no Google credentials for {self._what} (Application Default Credentials)") from None
            except (google.auth.exceptions.RefreshError, google.auth.exceptions.TransportError) as exc:
                raise Unavailable(
                    f"Google refused or did not answer a {self._what} refresh: {type(exc).__name__}"
                ) from None
            return str(self._credentials.token)

    def bearer(self, _method: str = "", _url: str = "") -> Mapping[str, str]:
        """``Authorization: Bearer …`` (an :data:`klepaas_shared.outbound.Auth`)."""
        return {"Authorization": f"Bearer {self.token()}"}


class AccessTokens(_Cached):
    def __init__(self, scopes: tuple[str, ...]) -> None:
        def create(_request: Any) -> Any:
            import google.auth

            credentials, _ = google.auth.default(scopes=list(scopes))
            return credentials

        super().__init__("an access token", create)


class IdTokens(_Cached):
    def __init__(self, audience: str) -> None:
        def create(request: Any) -> Any:
            from google.oauth2 import id_token

            return id_token.fetch_id_token_credentials(audience, request=request)  # type: ignore[no-untyped-call]

        super().__init__("an ID token", create)

    def serverless(self, _method: str = "", _url: str = "") -> Mapping[str, str]:
        """``X-Serverless-Authorization``: Cloud Run checks (and strips) it, which leaves
        ``Authorization`` free for the end user's delegated token."""
        return {"X-Serverless-Authorization": f"Bearer {self.token()}"}


@cache
def access_tokens(scopes: tuple[str, ...] = (CLOUD_PLATFORM,)) -> AccessTokens:
    """This instance's access tokens for ``scopes``."""
    return AccessTokens(scopes)


@cache
def id_tokens(audience: str) -> IdTokens:
    """This instance's ID tokens for ``audience`` (the called function's URL)."""
    return IdTokens(audience)
