"""Google credentials: one set per instance, and google-auth decides when they are refreshed.

- :func:`credentials`: Application Default Credentials (on Cloud Functions, the metadata server).
  Google REST APIs (Cloud Build, Secret Manager) use them through google-auth's own
  ``AuthorizedSession`` (:mod:`klepaas_shared.google_apis`), which refreshes them before expiry and
  on a 401; the GKE Kubernetes client, which sets its own header, asks :func:`access_token`.
- :func:`id_tokens`: Google-signed ID tokens for one audience, for calls to another function that
  only its invoker service account may reach.

Freshness is google-auth's (``Credentials.before_request``: a token is refreshed within its refresh
threshold of expiry, about four minutes); the lock here only makes one refresh serve every thread
that was waiting for it. Nothing of google-auth is imported before the first token is needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

from .errors import ConfigError, Unavailable

CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"


class Held:
    """One credentials object, created on first use, whose token google-auth keeps fresh."""

    def __init__(self, what: str, create: Callable[[Any], Any]) -> None:
        self._what, self._create = what, create
        self._credentials: Any = None
        self._request: Any = None
        self._lock = threading.Lock()

    def serialized(self) -> Any:
        """The credentials (created on the first call) for an ``AuthorizedSession``, whose refreshes
        take this lock: the threads of a cold or just-expired instance wait for one refresh instead
        of each making its own."""
        with self._lock, _mapped(self._what):
            return _OneAtATime(self._made(), self._lock)

    def token(self) -> str:
        """A token that stays valid for a few minutes at least."""
        headers: dict[str, str] = {}
        with self._lock, _mapped(self._what):
            self._made().before_request(self._request, "GET", "", headers)  # refreshes only if needed
        return headers["authorization"].removeprefix("Bearer ")

    def _made(self) -> Any:
        from google.auth.transport.requests import Request

        if self._request is None:
            self._request = Request()
        if self._credentials is None:
            self._credentials = self._create(self._request)
        return self._credentials


class _OneAtATime:
    """Credentials whose ``before_request`` (google-auth's refresh-if-needed) and ``refresh`` run
    one thread at a time; anything else is the credentials' own."""

    def __init__(self, credentials: Any, lock: threading.Lock) -> None:
        self._credentials, self._lock = credentials, lock

    def before_request(self, request: Any, method: str, url: str, headers: Any) -> None:
        with self._lock:
            self._credentials.before_request(request, method, url, headers)

    def refresh(self, request: Any) -> None:
        with self._lock:
            self._credentials.refresh(request)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._credentials, name)


@contextmanager
def _mapped(what: str) -> Iterator[None]:
    """google-auth's failures, raised as ours."""
    import google.auth.exceptions

    try:
        yield
    except google.auth.exceptions.DefaultCredentialsError:
        raise ConfigError(f"no Google credentials for {what} (Application Default Credentials)") from None
    except (google.auth.exceptions.RefreshError, google.auth.exceptions.TransportError) as exc:
        raise Unavailable(f"Google refused or did not answer a {what} refresh: {type(exc).__name__}") from None


class IdTokens(Held):
    def __init__(self, audience: str) -> None:
        def create(request: Any) -> Any:
            from google.oauth2 import id_token

            return id_token.fetch_id_token_credentials(audience, request=request)  # type: ignore[no-untyped-call]

        super().__init__("an ID token", create)

    def serverless(self, _method: str = "", _url: str = "") -> Mapping[str, str]:
        """``X-Serverless-Authorization``: Cloud Run checks (and strips) it, which leaves
        ``Authorization`` free for the end user's delegated token (an :data:`~klepaas_shared.outbound.Auth`)."""
        return {"X-Serverless-Authorization": f"Bearer {self.token()}"}


def credentials(scopes: tuple[str, ...] = (CLOUD_PLATFORM,)) -> Held:
    """This instance's default credentials for ``scopes`` (one object, however it is asked for)."""
    return _held(tuple(sorted(scopes)))


@cache
def _held(scopes: tuple[str, ...]) -> Held:

    def create(_request: Any) -> Any:
        import google.auth

        found, _ = google.auth.default(scopes=list(scopes))
        return found

    return Held("an access token", create)


def access_token() -> str:
    """A cloud-platform access token from the default credentials (for a client that sets its own
    ``Authorization``, such as the Kubernetes client of GKE)."""
    return credentials().token()


@cache
def id_tokens(audience: str) -> IdTokens:
    """This instance's ID tokens for ``audience`` (the called function's URL)."""
    return IdTokens(audience)
