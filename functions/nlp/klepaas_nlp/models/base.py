"""One model behind one SDK: its client made once per instance, one question, one classified outcome."""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from klepaas_nlp.intents import Interpretation, Source
from klepaas_nlp.models import availability
from klepaas_nlp.models.answer import SYSTEM_PROMPT, OffSchema, Stopped, check_answer, grounded, user_prompt
from klepaas_nlp.rules import SessionContext
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.resilience import CircuitBreaker, CircuitOpen, CircuitState

# answer: a valid answer; off_schema: an answer outside the schema; refusal, truncated, blocked:
# the response says why it carries no answer (see answer.Stopped); unavailable: the provider
# refused the model or the key (401, 403, 404); timeout and error: the call failed.
Kind = Literal["answer", "timeout", "error", "off_schema", "refusal", "truncated", "blocked", "unavailable", "skipped"]
KINDS: tuple[Kind, ...] = Kind.__args__  # type: ignore[attr-defined]
UNAVAILABLE_STATUSES = frozenset({401, 403, 404})
log = get_logger("nlp.models")

# A model that failed (timeout, HTTP error, connection) this many rounds in a row is skipped, without a
# call, until BREAKER_RESET_S has passed; then one trial round decides whether it is asked again.
BREAKER_FAILURES = 3
BREAKER_RESET_S = 60.0


@dataclass(frozen=True)
class Outcome:
    """What one model did in one round; `interpretation` is set only for a valid answer."""

    source: Source
    model: str
    provider: str
    kind: Kind
    latency_ms: int
    interpretation: Interpretation | None = None
    detail: str = ""  # why there is no answer: the provider's message or the stop reason


@dataclass(frozen=True)
class Failure:
    """A failed call, read from whichever SDK raised it."""

    kind: Kind
    status: int | None
    message: str


def _failure(exc: BaseException) -> Failure:
    # Every SDK (and httpx under them) names its timeout classes "...Timeout...".
    if any("Timeout" in cls.__name__ for cls in type(exc).__mro__):
        return Failure("timeout", None, type(exc).__name__)
    # anthropic and openai: APIStatusError.status_code; google-genai: APIError.code.
    status = getattr(exc, "status_code", None) or getattr(exc, "code", None)
    status = status if isinstance(status, int) else None
    message = str(getattr(exc, "message", None) or exc or type(exc).__name__)
    return Failure("unavailable" if status in UNAVAILABLE_STATUSES else "error", status, message)


class ModelClient(ABC):
    """A provider's model; subclasses make the SDK client and ask one question."""

    source: Source
    provider: str
    default_effort = ""  # the provider's reasoning or thinking setting, when it has one

    def __init__(
        self, model: str, api_key: str, base_url: str, timeout_s: float, max_replicas: int, effort: str = ""
    ) -> None:
        self.model = model
        self.effort = effort or self.default_effort
        self.api_key = api_key
        self.base_url = base_url
        self.timeout_s = timeout_s
        self.max_replicas = max_replicas
        self._client: Any = None
        self._lock = threading.Lock()
        # Calls under way, and clients retired (settings reloaded) while some were: a round returns at its
        # deadline and leaves a slow call running, and closing its client under it leaves that call's new
        # connection open for good. A retired client is closed when the last call under way ends.
        self._in_flight = 0
        self._retired: list[Any] = []
        self.breaker = CircuitBreaker(
            f"nlp-model:{model}", failure_threshold=BREAKER_FAILURES, reset_timeout_s=BREAKER_RESET_S
        )

    @property
    def available(self) -> bool:
        """False while this model's circuit is open (it kept failing): the round skips it."""
        return self.breaker.state is not CircuitState.OPEN

    def client(self) -> Any:
        """The SDK client, made on first use (importing the SDK then, not at cold start)."""
        with self._lock:
            return self._made()

    def _made(self) -> Any:
        """The SDK client, made now if there is none (the lock held)."""
        if self._client is None:
            self._client = self._make()
        return self._client

    def warm(self) -> None:
        """Make the SDK client now; a failure is left for the call to meet and classify."""
        try:
            self.client()
        except Exception as exc:  # an SDK that cannot be made is this model's error in the round
            log.warning("model client not made", extra=log_fields(model=self.model, error=type(exc).__name__))

    def close(self) -> None:
        """Close the SDK client's connections (when settings are reloaded), once no call is using them."""
        with self._lock:
            client, self._client = self._client, None
            if client is not None and self._in_flight:
                self._retired.append(client)
                return
        if client is not None:
            client.close()

    def _ask_once(self, request: str) -> Mapping[str, object]:
        """One call on the current client, counted as under way so that a close waits for it."""
        with self._lock:
            client = self._made()
            self._in_flight += 1
        try:
            return self._ask(client, SYSTEM_PROMPT, request)
        finally:
            with self._lock:
                self._in_flight -= 1
                retired, self._retired = (self._retired, []) if self._in_flight == 0 else ([], self._retired)
            for old in retired:
                old.close()

    @abstractmethod
    def _make(self) -> Any:
        """A new SDK client: this model's key and base URL, no SDK retries, the deadline as timeout."""

    @abstractmethod
    def _ask(self, client: Any, system: str, user: str) -> Mapping[str, object]:
        """The model's raw answer object (raise OffSchema when it is not a JSON object)."""

    def skipped(self) -> Outcome:
        """The outcome of a round this model sat out (its circuit is open)."""
        return Outcome(self.source, self.model, self.provider, "skipped", 0)

    def answer(self, text: str, context: SessionContext | None, attachments: Sequence[str] = ()) -> Outcome:
        """Ask once (through this model's circuit breaker); never raises: failures become the outcome's kind."""
        started = time.perf_counter()
        kind: Kind = "answer"
        interpretation = None
        status: int | None = None
        detail = ""
        try:
            request = user_prompt(text, context, attachments)
            # An answer outside the schema, a refusal or a block is the model talking, not failing:
            # it does not open the circuit.
            raw = self.breaker.call(
                lambda: self._ask_once(request),
                counts=lambda exc: not isinstance(exc, OffSchema | Stopped),
            )
            interpretation = grounded(check_answer(raw, self.source, max_replicas=self.max_replicas), text, context)
        except CircuitOpen:
            return self.skipped()
        except OffSchema as exc:
            kind, detail = "off_schema", str(exc)
        except Stopped as exc:
            kind, detail = exc.kind, str(exc)  # type: ignore[assignment]
        except Exception as exc:  # an SDK's errors (HTTP, connection, parsing) all mean: skip this model
            failure = _failure(exc)
            kind, status, detail = failure.kind, failure.status, failure.message
        latency_ms = round((time.perf_counter() - started) * 1000)
        self._report(kind, status, detail)
        return Outcome(self.source, self.model, self.provider, kind, latency_ms, interpretation, detail[:500])

    def _report(self, kind: Kind, status: int | None, detail: str) -> None:
        """Log a round without an answer; a model the provider refuses is an error everyone must see."""
        fields = log_fields(model=self.model, provider=self.provider, outcome=kind, status=status, detail=detail[:500])
        if kind == "answer":
            availability.mark_available(self.model)
        elif kind == "unavailable":
            availability.mark_unavailable(self.model, self.provider, status, detail[:500])
            log.error("model unavailable: the provider refused the model or the key", extra=fields)
        elif kind == "error" and status is not None and 400 <= status < 500 and status not in (408, 409, 429):
            log.error("model call rejected", extra=fields)  # a request the provider will never take
        else:
            log.warning("model gave no answer", extra=fields)
