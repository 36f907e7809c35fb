"""Calls to one cluster: raw JSON in and out, errors translated, retried only where safe.

Reads are retried on 5xx, 429 and timeouts. Writes are sent as idempotent bodies (a strategic-merge
patch that sets a value, a replace carrying its resourceVersion), so a write is retried on 429 and
on conflicts (after re-reading) and, when ``idempotent``, on 5xx; a create is never retried blind.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from klepaas_shared.errors import KlepaasError
from klepaas_shared.resilience import CircuitOpen, retry

from ..settings import TargetKind
from .errors import KubeConflict, translate, upstream_failure
from .targets import Target, target

Json = dict[str, Any]
STRATEGIC = "application/strategic-merge-patch+json"


def _is_retryable(exc: BaseException) -> bool:
    return isinstance(exc, KlepaasError) and exc.retryable and not isinstance(exc, CircuitOpen)


class Kube:
    """One cluster's API groups, used with ``_preload_content=False`` (the JSON as the server sent it)."""

    def __init__(self, target: Target, timeout_s: float, *, attempts: int = 4, base_s: float = 0.05) -> None:
        from kubernetes import client

        self.target = target
        self.timeout_s = timeout_s
        self.attempts, self.base_s = attempts, base_s
        api = target.api_client()
        self.core = client.CoreV1Api(api)
        self.apps = client.AppsV1Api(api)
        self.networking = client.NetworkingV1Api(api)

    def _once(self, fn: Callable[..., Any], what: str, args: tuple[Any, ...], kwargs: Json) -> Any:
        try:
            response = fn(*args, _preload_content=False, _request_timeout=self.timeout_s, **kwargs)
            data = response.data
        except Exception as exc:  # the client raises ApiException and urllib3's errors
            raise translate(exc, what) from None
        return json.loads(data) if data else {}

    def _guarded(self, call: Callable[[], Any], retry_on: Callable[[BaseException], bool]) -> Any:
        def attempt() -> Any:
            return self.target.breaker.call(call, counts=upstream_failure)

        return retry(attempt, attempts=self.attempts, base_s=self.base_s, max_s=2.0, retry_on=retry_on)

    def read(self, fn: Callable[..., Any], what: str, *args: Any, **kwargs: Any) -> Json:
        """A GET or LIST: safe to repeat."""
        result: Json = self._guarded(lambda: self._once(fn, what, args, kwargs), _is_retryable)
        return result

    def write(
        self,
        fn: Callable[..., Any],
        what: str,
        *args: Any,
        idempotent: bool = True,
        stale_on_conflict: bool = False,
        **kwargs: Any,
    ) -> Json:
        """A write; 5xx is retried only when repeating the same body cannot do harm, and a 409 only
        when the body carries no resourceVersion (``stale_on_conflict``: the caller must re-read)."""

        def retry_on(exc: BaseException) -> bool:
            if isinstance(exc, KubeConflict):
                return not stale_on_conflict
            return _is_retryable(exc) and idempotent

        result: Json = self._guarded(lambda: self._once(fn, what, args, kwargs), retry_on)
        return result

    def modify(
        self, read: Callable[[], Json], change: Callable[[Json], Json | None], replace: Callable[[Json], Json]
    ) -> Json:
        """Read, change, replace with the read resourceVersion; a 409 starts over from the read."""

        def attempt() -> Json:
            current = read()
            changed = change(current)
            return current if changed is None else replace(changed)

        result: Json = retry(
            attempt,
            attempts=self.attempts + 2,
            base_s=self.base_s,
            max_s=1.0,
            retry_on=lambda exc: isinstance(exc, KubeConflict),
        )
        return result

    def text(self, fn: Callable[..., Any], what: str, *args: Any, **kwargs: Any) -> str:
        """A GET that answers text (pod logs)."""

        def call() -> str:
            try:
                response = fn(*args, _preload_content=False, _request_timeout=self.timeout_s, **kwargs)
            except Exception as exc:
                raise translate(exc, what) from None
            return bytes(response.data).decode("utf-8", "replace")

        result: str = self._guarded(call, _is_retryable)
        return result

    def watch(self, fn: Callable[..., Any], what: str, *args: Any, timeout_s: int, **kwargs: Any) -> Iterator[Json]:
        """Watch events (``{"type", "object"}`` as raw JSON) for at most ``timeout_s`` seconds."""
        from kubernetes import watch

        stream = watch.Watch()  # type: ignore[no-untyped-call]
        try:
            yield from stream.stream(  # type: ignore[no-untyped-call]
                fn, *args, deserialize=False, timeout_seconds=timeout_s, _request_timeout=timeout_s + 5, **kwargs
            )
        except Exception as exc:
            raise translate(exc, what) from None
        finally:
            stream.stop()  # type: ignore[no-untyped-call]


@cache
def kube_of(kind: TargetKind) -> Kube:
    """The one :class:`Kube` of a cluster target in this instance."""
    chosen = target(kind)
    return Kube(chosen, chosen.settings.kube_timeout_s)


def glance_of(kind: TargetKind) -> Kube:
    """The same cluster (client and circuit breaker) for reads a console polls: a short timeout
    and one attempt, since a stale answer soon is better than a slow one."""
    chosen = target(kind)
    if chosen.glance is None:  # kept on the target: forgotten with it
        chosen.glance = Kube(chosen, min(chosen.settings.kube_timeout_s, chosen.settings.glance_timeout_s), attempts=1)
    glance: Kube = chosen.glance
    return glance
