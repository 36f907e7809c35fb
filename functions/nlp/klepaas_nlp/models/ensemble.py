"""One round: every configured model asked in parallel, each under its deadline, then one answer chosen.

The clients, and the threads that call them, live as long as the instance. The round waits for
the slowest model's deadline at most; a model still running then is left to finish on its own
(its SDK timeout is its deadline, so its thread is soon free) and counts as a timeout. The
round's bookkeeping (the models' records) is written off the request: reading the records
(for the weights) or writing them may fail without failing the user's turn.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import cache

from klepaas_nlp.models import records
from klepaas_nlp.models.base import ModelClient, Outcome
from klepaas_nlp.models.choice import Choice, choose
from klepaas_nlp.models.claude import Claude
from klepaas_nlp.models.gemini import Gemini
from klepaas_nlp.models.gpt import Gpt
from klepaas_nlp.rules import RuleResult, SessionContext
from klepaas_nlp.settings import NlpSettings
from klepaas_shared.errors import KlepaasError
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import get_store

# Three models per round; room for rounds whose slow calls outlive their deadline.
MAX_THREADS = 24
Pending = dict[Future[Outcome], ModelClient]
COUNTER = {
    "answer": "answers",
    "timeout": "timeouts",
    "error": "errors",
    "off_schema": "off_schema",
    "refusal": "refusals",
    "truncated": "truncated",
    "blocked": "blocked",
    "unavailable": "unavailable",
    "skipped": "skipped",
}
log = get_logger("nlp.models")


@cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=MAX_THREADS, thread_name_prefix="nlp-model")


class Ensemble:
    """The configured models of this instance."""

    def __init__(self, clients: list[ModelClient], deadline_ms: int) -> None:
        self.clients = clients
        self.deadline_ms = deadline_ms
        self.deadline_s = max([client.timeout_s for client in clients], default=deadline_ms / 1000)

    def warm(self) -> None:
        """Make every client now (imports included), as the first round would."""
        for client in self.clients:
            client.client()

    def ask(self, text: str, context: SessionContext | None) -> list[Outcome]:
        """Every model's outcome, within the deadline."""
        return self._collect(*self._start(text, context))

    def decide(self, text: str, context: SessionContext | None, rules: RuleResult) -> Choice:
        """Ask the models, choose, and add the round to each model's record."""
        started, futures = self._start(text, context)
        store = get_store()
        try:
            known = records.read_many(store, [client.model for client in self.clients])  # while the models think
        except KlepaasError as exc:  # the weights are a refinement: without them every model counts 1
            log.warning("model records not read", extra=log_fields(error=exc.message))
            known = {}
        weights = {model: records.weight(record, self.deadline_ms) for model, record in known.items()}
        outcomes = self._collect(started, futures)
        choice = choose(rules, outcomes, weights)
        rounds = []
        for outcome in outcomes:
            counts: dict[str, int] = {COUNTER[outcome.kind]: 1}
            if outcome is choice.winner:
                counts["wins"] = 1
            latency = outcome.latency_ms if outcome.kind == "answer" else None
            if latency is not None:
                counts["latency_ms_total"] = latency
            reason = outcome.detail if outcome.kind == "unavailable" else None
            rounds.append((outcome.model, outcome.provider, counts, latency, reason))
        records.add_later(store, rounds)
        return choice

    def _start(self, text: str, context: SessionContext | None) -> tuple[float, Pending]:
        started = time.perf_counter()
        pending: Pending = {}
        for client in self.clients:
            # A model whose circuit is open sits the round out without taking a thread.
            future: Future[Outcome] = Future()
            if client.available:
                future = _pool().submit(client.answer, text, context)
            else:
                future.set_result(client.skipped())
            pending[future] = client
        return started, pending

    def _collect(self, started: float, futures: Pending) -> list[Outcome]:
        done, _ = wait(futures, timeout=max(0.0, self.deadline_s - (time.perf_counter() - started)))
        waited_ms = round((time.perf_counter() - started) * 1000)
        return [
            future.result()
            if future in done
            else Outcome(client.source, client.model, client.provider, "timeout", waited_ms)
            for future, client in futures.items()
        ]


_lock = threading.Lock()
_current: tuple[NlpSettings, Ensemble | None] | None = None


def configured(settings: NlpSettings) -> Ensemble | None:
    """This instance's ensemble for `settings` (None when no API key is set); made once per settings."""
    global _current  # noqa: PLW0603 - one ensemble per instance, rebuilt only when settings are reloaded
    with _lock:
        if _current is None or _current[0] is not settings:
            for old in _current[1].clients if _current and _current[1] else []:
                old.close()
            _current = (settings, _build(settings))
            for client in _current[1].clients if _current[1] else []:
                _pool().submit(client.client)  # import the SDK and make the client off the request path
        return _current[1]


def _build(s: NlpSettings) -> Ensemble | None:
    wanted: list[tuple[type[ModelClient], str, str, str, int, str]] = [
        (
            Claude,
            s.anthropic_model,
            s.anthropic_api_key.get_secret_value(),
            s.anthropic_base_url,
            s.anthropic_deadline_ms,
            "",
        ),
        (
            Gpt,
            s.openai_model,
            s.openai_api_key.get_secret_value(),
            s.openai_base_url,
            s.openai_deadline_ms,
            s.openai_reasoning_effort,
        ),
        (
            Gemini,
            s.gemini_model,
            s.gemini_api_key.get_secret_value(),
            s.gemini_base_url,
            s.gemini_deadline_ms,
            s.gemini_thinking_level,
        ),
    ]
    clients = [
        kind(model, key, base_url, min(deadline_ms, s.llm_deadline_ms) / 1000, s.max_replicas, effort)
        for kind, model, key, base_url, deadline_ms, effort in wanted
        if key and model
    ]
    return Ensemble(clients, s.llm_deadline_ms) if clients else None
