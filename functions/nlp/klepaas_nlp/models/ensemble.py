"""One round: every configured model asked in parallel, each under its deadline, then one answer chosen.

The clients live as long as the instance; the threads that call them live as long as the round.
Nothing of a round runs after its answer (issue 16: on Cloud Functions the CPU is throttled once
the response is sent, and work left running then stalls the instance's next request). The round
waits for the slowest model's deadline; a model still running then counts as a timeout, and its
thread is joined before the round returns: its SDK timeout is its deadline, so it ends within
JOIN_GRACE_S. The round's bookkeeping (the models' records) is written before the answer too;
reading the records (for the weights) or writing them may fail without failing the user's turn.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, wait

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

# How long past the round's deadline a timed-out model's thread is waited for: its SDK gives up
# at the same deadline, so this only covers the SDK noticing.
JOIN_GRACE_S = 0.5
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
        with _Round() as round_:
            return self._collect(*self._start(round_, text, context))

    def decide(self, text: str, context: SessionContext | None, rules: RuleResult) -> Choice:
        """Ask the models, choose, and add the round to each model's record."""
        store = get_store()
        with _Round() as round_:
            started, futures = self._start(round_, text, context)
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
        records.add_round(store, rounds)
        return choice

    def _start(self, round_: _Round, text: str, context: SessionContext | None) -> tuple[float, Pending]:
        # A cold instance makes its SDK clients (their imports) here, before the deadline starts:
        # made inside a model's thread, they would outlast the deadline and the round's grace.
        for client in self.clients:
            if client.available:
                client.warm()
        started = time.perf_counter()
        pending: Pending = {}
        for client in self.clients:
            # A model whose circuit is open sits the round out without taking a thread.
            future: Future[Outcome] = Future()
            if client.available:
                future = round_.ask(client, text, context)
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


class _Round:
    """The threads of one round, each asking one model; all joined when the round leaves.

    A thread still running at the deadline gets JOIN_GRACE_S more (its SDK times out at the same
    deadline); one that outlives that too is logged as an error: it is work after the response.
    """

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []

    def __enter__(self) -> _Round:
        return self

    def ask(self, client: ModelClient, text: str, context: SessionContext | None) -> Future[Outcome]:
        future: Future[Outcome] = Future()

        def run() -> None:
            future.set_running_or_notify_cancel()
            future.set_result(client.answer(text, context))  # answer() never raises

        thread = threading.Thread(target=run, name=f"nlp-model-{client.source}", daemon=True)
        thread.start()
        self.threads.append(thread)
        return future

    def __exit__(self, *exc: object) -> None:
        late = time.monotonic() + JOIN_GRACE_S
        for thread in self.threads:
            thread.join(max(0.0, late - time.monotonic()))
        if any(thread.is_alive() for thread in self.threads):
            log.error("a model call outlived the round's deadline", extra=log_fields(grace_s=JOIN_GRACE_S))


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
