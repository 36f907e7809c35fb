"""Google REST APIs (Cloud Build, Secret Manager) through google-auth's ``AuthorizedSession``.

:class:`GoogleApi` is an :class:`~klepaas_shared.outbound.Outbound` whose requests travel on
google-auth's authorized transport instead of the httpx pool: google-auth attaches the token,
refreshes it before it expires and once more on a 401. On top stays what every outbound call
has: a timeout, retries with backoff where repeating is safe, a bounded body and one error
mapping. One session per instance and set of credentials (its connection pool is requests');
``requests`` and google-auth are imported on the first call, never at module load.

No google-cloud-* client: those bring gRPC, which a cold start pays for.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .google_tokens import CLOUD_PLATFORM, credentials
from .outbound import Answer, Outbound

if TYPE_CHECKING:
    from google.auth.transport.requests import AuthorizedSession

_sessions: dict[tuple[str, tuple[str, ...]], AuthorizedSession] = {}
_sessions_lock = threading.Lock()


def authorized_session(token: str = "", scopes: tuple[str, ...] = (CLOUD_PLATFORM,)) -> AuthorizedSession:
    """This instance's session for the default credentials (``token`` empty) or for a fixed token
    (a local stand-in, ``KLEPAAS_CLOUDBUILD_TOKEN``): a fixed token is never refreshed, so its 401
    comes back as an answer."""
    key = (token, scopes)
    with _sessions_lock:
        found = _sessions.get(key)
        if found is not None:
            return found
    from google.auth.transport.requests import AuthorizedSession

    if token:
        from google.oauth2.credentials import Credentials

        session = AuthorizedSession(Credentials(token), refresh_status_codes=())  # type: ignore[no-untyped-call]
    else:
        # The held credentials, refreshed one thread at a time (shared with the GKE client).
        session = AuthorizedSession(credentials(scopes).serialized())  # type: ignore[no-untyped-call]
    with _sessions_lock:
        found = _sessions.setdefault(key, session)
    if found is session:
        atexit.register(session.close)  # kept-alive connections end with the instance, cleanly
    else:
        session.close()  # type: ignore[no-untyped-call]
    return found


class GoogleApi(Outbound):
    """``GoogleApi("Cloud Build", "https://cloudbuild.googleapis.com")``: an Outbound on Google's
    authorized session (``token``: a fixed token instead of the default credentials)."""

    def __init__(
        self, service: str, base_url: str, *, token: str = "", scopes: tuple[str, ...] = (CLOUD_PLATFORM,), **kw: Any
    ) -> None:
        super().__init__(service, base_url, **kw)
        self._token, self._scopes = token, scopes

    def _exchange(
        self,
        method: str,
        url: str,
        body: Any,
        content: bytes | None,
        form: Mapping[str, str] | None,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str],
        timeout: float,
    ) -> Answer:
        import google.auth.exceptions
        import requests
        from urllib3.exceptions import MaxRetryError

        session = authorized_session(self._token, self._scopes)
        try:
            with session.request(  # type: ignore[no-untyped-call]
                method,
                url,
                json=body,
                data=content if content is not None else form,
                params=params,
                headers=dict(headers),
                timeout=timeout,
                stream=True,
                allow_redirects=False,
            ) as response:
                return Answer(response.status_code, response.headers, self.bounded(response.iter_content(1 << 16)))
        except google.auth.exceptions.DefaultCredentialsError:
            raise ConfigError(f"no Google credentials for {self.service} (Application Default Credentials)") from None
        except (google.auth.exceptions.RefreshError, google.auth.exceptions.TransportError) as exc:
            # The token could not be had: nothing reached the API, a later attempt may do better.
            raise self.no_answer("unreachable", f"its credentials were not refreshed ({type(exc).__name__})") from None
        except requests.ConnectTimeout as exc:
            raise self.no_answer("unreachable", type(exc).__name__) from None
        except requests.ConnectionError as exc:
            # requests wraps a failure to connect in MaxRetryError; a dropped connection is not.
            if exc.args and isinstance(exc.args[0], MaxRetryError):
                raise self.no_answer("unreachable", type(exc).__name__) from None
            raise self.no_answer("dropped", type(exc).__name__) from None
        except requests.Timeout:
            raise self.no_answer("timeout") from None
        except requests.RequestException as exc:  # a broken chunk, a protocol error
            raise self.no_answer("dropped", type(exc).__name__) from None
