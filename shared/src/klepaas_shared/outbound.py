"""The one way out: every HTTP call a function makes to another service goes through :class:`Outbound`.

One connection pool per instance (an ``httpx.Client``, created on the first call: httpx is not
imported before then, so a cold instance's health check does not pay for it), a timeout on every
call, a bounded body, retries with backoff where repeating is safe, and one error mapping:

- a failure to connect, a 429 and a 503 are retried for any method (the request was not acted on);
- another 5xx, a read timeout or a dropped connection are retried only for an idempotent call
  (GET, HEAD, OPTIONS, PUT, DELETE, or one the caller declares ``idempotent=True``);
- what is left is raised as :mod:`klepaas_shared.errors`: a 4xx as ``kinds.refused`` (not retryable),
  a 429/5xx as ``kinds.transient``, no answer as ``kinds.unreachable`` / ``kinds.timeout``. A peer
  function (``relay=True``) has its error envelope relayed as the error of the same status.
"""

from __future__ import annotations

import atexit
import json
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .addresses import Address
from .errors import BY_STATUS, KlepaasError, RateLimited, Unavailable, UpstreamError, UpstreamRefused, UpstreamTimeout

_jitter = random.Random()  # noqa: S311 - jitter; own state: retries in worker threads never touch the global generator

if TYPE_CHECKING:
    import aiohttp
    import httpx

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
NOT_ACTED_ON = frozenset({429, 503})  # statuses that say the request was not carried out
USER_AGENT = "klepaas"
# Headers for a call, computed per attempt (a signature with a timestamp, a token near expiry).
Auth = Callable[[str, str], Mapping[str, str]]

_pool: list[httpx.Client] = []
_pool_lock = threading.Lock()


def pool() -> httpx.Client:
    """This instance's one connection pool, created on first use (thread-safe)."""
    with _pool_lock:
        if not _pool:
            import httpx

            limits = httpx.Limits(max_connections=64, max_keepalive_connections=16, keepalive_expiry=30.0)
            _pool.append(httpx.Client(limits=limits, follow_redirects=False, headers={"User-Agent": USER_AGENT}))
            atexit.register(_pool[0].close)  # kept-alive connections end with the instance, cleanly
        return _pool[0]


_async_pools: dict[object, aiohttp.ClientSession] = {}


def async_pool() -> aiohttp.ClientSession:
    """This event loop's connection pool, for calls made from a coroutine (an ASGI function): no
    worker thread and no hop back to the loop per call. One per loop: its connections belong to
    the loop that opened them, and it lives as long as that loop (the instance).

    aiohttp, not httpx's AsyncClient: on a keep-alive loopback call to deploy, httpx's async stack
    cost about 1 ms more per call than aiohttp (or the standard library's blocking client)."""
    import asyncio

    loop = asyncio.get_running_loop()
    found = _async_pools.get(loop)
    if found is None:
        import aiohttp

        connector = aiohttp.TCPConnector(limit=64, limit_per_host=16, keepalive_timeout=30.0)
        found = aiohttp.ClientSession(connector=connector, headers={"User-Agent": USER_AGENT}, auto_decompress=True)
        _async_pools[loop] = found
    return found


@dataclass(frozen=True)
class ErrorKinds:
    """The error classes one service's failures are raised as."""

    refused: Callable[..., UpstreamError] = UpstreamRefused  # called with the message and status=
    transient: type[UpstreamError] = UpstreamError
    unreachable: type[KlepaasError] = Unavailable
    timeout: type[KlepaasError] = UpstreamTimeout

    @classmethod
    def of(cls, refused: Callable[..., UpstreamError], transient: type[UpstreamError]) -> ErrorKinds:
        """A service with its own two classes: every failure that is not a refusal is ``transient``."""
        return cls(refused, transient, transient, transient)


@dataclass(frozen=True)
class Answer:
    """What a service answered: any status, headers (case-insensitive), the body."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body) if self.body else None
        except (ValueError, UnicodeDecodeError):
            return None


class _NoAnswer(Exception):
    def __init__(self, error: KlepaasError, *, sent: bool) -> None:
        super().__init__(error.message)
        self.error, self.sent = error, sent


class Outbound:
    """Calls to one service: ``Outbound("github", "https://api.github.com", auth=...)``.

    ``path`` arguments are joined to ``base_url``; a full ``http(s)://`` URL is used as it is.
    """

    def __init__(
        self,
        service: str,
        base_url: str = "",
        *,
        timeout_s: float = 10.0,
        attempts: int = 3,
        backoff_s: float = 0.2,
        max_wait_s: float = 10.0,
        max_body_bytes: int = 4 << 20,
        auth: Auth | None = None,
        kinds: ErrorKinds | None = None,
        relay: bool = False,
        pin_to: Address | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.service, self.base_url = service, base_url.rstrip("/")
        self.pin_to = pin_to  # an address already checked (addresses.check_url): connect there, resolve nothing
        self.timeout_s, self.attempts, self.backoff_s, self.max_wait_s = timeout_s, attempts, backoff_s, max_wait_s
        self.max_body_bytes, self._auth, self.relay, self._sleep = max_body_bytes, auth, relay, sleep
        self.kinds = kinds or ErrorKinds()

    def url(self, path: str) -> str:
        url = path if path.startswith(("https://", "http://")) else self.base_url + path
        if not url.startswith(("https://", "http://")):
            raise self.kinds.refused(f"{self.service}: {url[:100]!r} is not an http(s) endpoint", status=400)
        return url

    def send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        form: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout_s: float | None = None,
        idempotent: bool | None = None,
        deadline_s: float | None = None,
    ) -> Answer:
        """The service's answer, whatever its status, after the retries that are safe; raises only
        when no answer came (``kinds.unreachable`` / ``kinds.timeout`` / ``kinds.transient``)."""
        url, safe = self.url(path), idempotent if idempotent is not None else method.upper() in IDEMPOTENT
        ends = time.monotonic() + deadline_s if deadline_s is not None else None
        for attempt in range(1, self.attempts + 1):
            try:
                outcome: Answer | _NoAnswer = self._once(
                    method, url, json, content, form, params, headers, timeout_s, ends
                )
            except _NoAnswer as failure:
                outcome = failure
            pause = self._pause(attempt, outcome, safe, ends)
            if isinstance(pause, Answer):
                return pause
            self._sleep(pause)
        raise AssertionError("unreachable")

    async def asend(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout_s: float | None = None,
        idempotent: bool | None = None,
    ) -> Answer:
        """:meth:`send` from a coroutine, on this event loop's pool (:func:`async_pool`): the same
        retries, timeouts, body bound and errors, without a worker thread."""
        import anyio

        url, safe = self.url(path), idempotent if idempotent is not None else method.upper() in IDEMPOTENT
        for attempt in range(1, self.attempts + 1):
            try:
                outcome: Answer | _NoAnswer = await self._aonce(method, url, json, headers, timeout_s)
            except _NoAnswer as failure:
                outcome = failure
            pause = self._pause(attempt, outcome, safe, None)
            if isinstance(pause, Answer):
                return pause
            await anyio.sleep(pause)
        raise AssertionError("unreachable")

    async def ajson(self, method: str, path: str, **kwargs: Any) -> Any:
        """:meth:`json` from a coroutine (see :meth:`asend`)."""
        return self._json_of(method, path, await self.asend(method, path, **kwargs))

    def _pause(self, attempt: int, outcome: Answer | _NoAnswer, safe: bool, ends: float | None) -> Answer | float:
        """After one attempt: the answer to return, or how long to wait before the next (raises
        when no answer came and no other attempt may be made)."""
        answer: Answer | None = None
        if isinstance(outcome, _NoAnswer):
            if attempt == self.attempts or (outcome.sent and not safe):
                raise outcome.error from None
            wait = None
        else:
            answer = outcome
            if not (answer.status in NOT_ACTED_ON or (answer.status >= 500 and safe)) or attempt == self.attempts:
                return answer
            wait = retry_after(answer)
        pause = min(self.max_wait_s, wait if wait is not None else self._backoff(attempt))
        if ends is not None and time.monotonic() + pause >= ends:
            if answer is not None:
                return answer
            raise self.kinds.timeout(f"{self.service} did not answer within the deadline")
        return pause

    def call(self, method: str, path: str, **kwargs: Any) -> Answer:
        """Like :meth:`send`, but a status other than 2xx is raised as its error."""
        answer = self.send(method, path, **kwargs)
        if not answer.ok:
            raise self.error_of(method, path, answer)
        return answer

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """The JSON of a 2xx answer (``kinds.transient`` when the body is not JSON)."""
        return self._json_of(method, path, self.send(method, path, **kwargs))

    def _json_of(self, method: str, path: str, answer: Answer) -> Any:
        if not answer.ok:
            raise self.error_of(method, path, answer)
        if not answer.body:
            return {}
        value = answer.json()
        if value is None:
            raise self.kinds.transient(f"{self.service} answered something that is not JSON")
        return value

    def error_of(self, method: str, path: str, answer: Answer) -> KlepaasError:
        """The error an answer that is not a success stands for."""
        if self.relay:  # our own function's message, as it wrote it
            body = answer.json()
            envelope = body.get("error") if isinstance(body, dict) else None
            message = envelope.get("message") if isinstance(envelope, dict) else None
            details = envelope.get("details") if isinstance(envelope, dict) else None
            cls = BY_STATUS.get(answer.status, UpstreamError)
            error = cls(
                str(message)[:2000] if message else f"{self.service} answered {answer.status}",
                details=details if isinstance(details, dict) else None,
            )
        else:
            where = f"{self.service} {method.upper()} {urlsplit(path).path[:120]}"  # never a query's secrets
            message = f"{where}: {answer.status} {detail_of(answer.json())}".strip()
            if 400 <= answer.status < 500 and answer.status != 429:
                return self.kinds.refused(message, status=answer.status)
            error = self.kinds.transient(message)
        if isinstance(error, UpstreamError | RateLimited):
            error.retry_after_s = retry_after(answer)
        return error

    def _once(
        self,
        method: str,
        url: str,
        body: Any,
        content: bytes | None,
        form: Mapping[str, str] | None,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        timeout_s: float | None,
        ends: float | None,
    ) -> Answer:
        timeout = timeout_s or self.timeout_s
        if ends is not None:
            timeout = min(timeout, ends - time.monotonic())
            if timeout <= 0:
                raise _NoAnswer(self.kinds.timeout(f"{self.service} did not answer within the deadline"), sent=False)
        sent_headers = {**(self._auth(method, url) if self._auth else {}), **(headers or {})}
        return self._exchange(method, url, body, content, form, params, sent_headers, timeout)

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
        """One request on the wire: its answer, or :class:`_NoAnswer` (a transport of its own, such
        as Google's authorized session, replaces this and nothing else)."""
        import httpx

        try:
            with (
                self._client_for(url) as client,
                client.stream(
                    method,
                    url,
                    json=body,
                    content=content,
                    data=form,
                    params=params,
                    headers=headers,
                    timeout=timeout,
                ) as response,
            ):
                return Answer(response.status_code, response.headers, self.bounded(response.iter_bytes()))
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise self.no_answer("unreachable", type(exc).__name__) from None
        except httpx.TimeoutException:
            raise self.no_answer("timeout") from None
        except httpx.TransportError as exc:  # a dropped connection, a protocol error
            raise self.no_answer("dropped", type(exc).__name__) from None

    @contextmanager
    def _client_for(self, url: str) -> Iterator[httpx.Client]:
        """The pool; or, pinned to a checked address, a client of its own for this call whose
        connection goes to that address (no second lookup a re-pointed name could answer), with no
        proxy from the environment (a proxy would resolve the name again)."""
        if self.pin_to is None:
            yield pool()
            return
        import httpx

        transport = pinned_transport(url, self.pin_to)
        with httpx.Client(
            transport=transport, trust_env=False, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        ) as client:
            yield client

    def no_answer(self, why: str, detail: str = "") -> _NoAnswer:
        """What a transport raises when no answer came: ``unreachable`` (nothing was sent, safe to
        repeat), ``timeout`` or ``dropped`` (the request may have been acted on)."""
        if why == "unreachable":
            return _NoAnswer(self.kinds.unreachable(f"{self.service} is unreachable: {detail}"), sent=False)
        if why == "timeout":
            return _NoAnswer(self.kinds.timeout(f"{self.service} did not answer in time"), sent=True)
        return _NoAnswer(self.kinds.transient(f"{self.service}: the connection failed ({detail})"), sent=True)

    async def _aonce(
        self, method: str, url: str, body: Any, headers: Mapping[str, str] | None, timeout_s: float | None
    ) -> Answer:
        import aiohttp

        # An auth hook hands out a held token that google-auth refreshes only near expiry (google_tokens):
        # called on the loop, it rarely waits.
        sent_headers = {**(self._auth(method, url) if self._auth else {}), **(headers or {})}
        content = None
        if body is not None:
            content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
            sent_headers.setdefault("Content-Type", "application/json")
        timeout = aiohttp.ClientTimeout(total=timeout_s or self.timeout_s)
        try:
            async with async_pool().request(
                method, url, data=content, headers=sent_headers, timeout=timeout, allow_redirects=False
            ) as response:
                raw = bytearray()
                async for chunk in response.content.iter_chunked(1 << 16):
                    raw += chunk
                    if len(raw) > self.max_body_bytes:
                        raise self._oversized()
                return Answer(response.status, response.headers, bytes(raw))
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            raise self.no_answer("unreachable", type(exc).__name__) from None
        except TimeoutError:  # aiohttp's socket and total timeouts are TimeoutErrors too
            raise self.no_answer("timeout") from None
        except aiohttp.ClientError as exc:  # a dropped connection, a protocol error
            raise self.no_answer("dropped", type(exc).__name__) from None

    def bounded(self, chunks: Iterable[bytes]) -> bytes:
        """A body read chunk by chunk, refused once it passes ``max_body_bytes``."""
        body = bytearray()
        for chunk in chunks:
            body += chunk
            if len(body) > self.max_body_bytes:
                raise self._oversized()
        return bytes(body)

    def _oversized(self) -> _NoAnswer:
        return _NoAnswer(self.kinds.transient(f"{self.service} answered an oversized body"), sent=True)

    def _backoff(self, attempt: int) -> float:
        return _jitter.uniform(0, self.backoff_s * 2 ** (attempt - 1))


def pinned_transport(url: str, address: Address, http: Any = None, *, asynchronous: bool = False) -> Any:
    """A transport that sends every request for ``url``'s host to ``address`` (one
    :func:`klepaas_shared.addresses.check_url` just returned), keeping the Host header and the TLS
    server name (SNI and certificate check) of the host; a request for any other host (a redirect)
    is refused. ``http``: httpx (the default) or a library with its API (the MCP SDK's httpx2);
    ``asynchronous`` for an async client."""
    if http is None:
        import httpx as http
    host = (urlsplit(url).hostname or "").lower()

    def pin(request: Any) -> None:
        if request.url.host.lower() != host:
            raise http.ConnectError(f"refusing to follow {host} to another host ({request.url.host})")
        request.extensions = {**request.extensions, "sni_hostname": host}
        request.url = request.url.copy_with(host=str(address))

    if asynchronous:

        class PinnedAsync(http.AsyncHTTPTransport):  # type: ignore[misc]
            async def handle_async_request(self, request: Any) -> Any:
                pin(request)
                return await super().handle_async_request(request)

        return PinnedAsync()

    class Pinned(http.HTTPTransport):  # type: ignore[misc]
        def handle_request(self, request: Any) -> Any:
            pin(request)
            return super().handle_request(request)

    return Pinned()


def retry_after(answer: Answer) -> float | None:
    """The wait a service asked for, in seconds (``Retry-After`` as a number)."""
    value = str(answer.headers.get("retry-after", "")).strip()
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def detail_of(body: Any) -> str:
    """A short reason from the common error shapes (Google's, GitHub's, the registry V2 API's, ours)."""
    if not isinstance(body, dict):
        return ""
    error, errors = body.get("error"), body.get("errors")
    if isinstance(error, dict):
        text = f"{error.get('message', '')} {error.get('details', '') if isinstance(error.get('details'), str) else ''}"
    elif isinstance(errors, list):
        text = " ".join(f"{e.get('code', '')} {e.get('message', '')}" for e in errors if isinstance(e, dict))
    else:
        text = str(body.get("message") or (error if isinstance(error, str) else ""))
    return " ".join(text.split())[:300]
