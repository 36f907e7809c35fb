"""One model behind one SDK: its client made once per instance, one question, one classified outcome."""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from klepaas_nlp.intents import Interpretation, Source
from klepaas_nlp.models.answer import SYSTEM_PROMPT, OffSchema, check_answer, grounded, user_prompt
from klepaas_nlp.rules import SessionContext
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.resilience import CircuitBreaker, CircuitOpen, CircuitState

Kind = Literal["answer", "timeout", "error", "off_schema", "skipped"]
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


def _failure_kind(exc: BaseException) -> Kind:
    # Every SDK (and httpx under them) names its timeout classes "...Timeout...".
    return "timeout" if any("Timeout" in cls.__name__ for cls in type(exc).__mro__) else "error"


class ModelClient(ABC):
    """A provider's model; subclasses make the SDK client and ask one question."""

    source: Source
    provider: str

    def __init__(self, model: str, api_key: str, base_url: str, timeout_s: float, max_replicas: int) -> None:
        self.model = model
        self.api_key = api_key
        self.base_url = base_url
        self.timeout_s = timeout_s
        self.max_replicas = max_replicas
        self._client: Any = None
        self._lock = threading.Lock()
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
            if self._client is None:
                self._client = self._make()
            return self._client

    def close(self) -> None:
        """Close the SDK client's connections (when settings are reloaded)."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

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
        try:
            request = user_prompt(text, context, attachments)
            # An answer outside the schema is the model talking, not failing: it does not open the circuit.
            raw = self.breaker.call(
                lambda: self._ask(self.client(), SYSTEM_PROMPT, request),
                counts=lambda exc: not isinstance(exc, OffSchema),
            )
            interpretation = grounded(check_answer(raw, self.source, max_replicas=self.max_replicas), text, context)
        except CircuitOpen:
            return self.skipped()
        except OffSchema as exc:
            kind = "off_schema"
            detail = str(exc)
        except Exception as exc:  # an SDK's errors (HTTP, connection, parsing) all mean: skip this model
            kind = _failure_kind(exc)
            detail = type(exc).__name__
        latency_ms = round((time.perf_counter() - started) * 1000)
        if kind != "answer":
            log.info("model skipped", extra=log_fields(model=self.model, outcome=kind, detail=detail[:200]))
        return Outcome(self.source, self.model, self.provider, kind, latency_ms, interpretation)
