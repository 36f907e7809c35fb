"""Each model's track record in the store: collection `nlp_model_records`, sharded counters.

Fields: ``model``, ``provider``, ``answers`` (valid answers), ``wins`` (answers chosen),
``timeouts``, ``errors`` (HTTP errors, 429s, connection failures), ``off_schema`` (answers
outside the closed schema or not JSON), ``refusals``, ``truncated`` (out of output tokens),
``blocked`` (a safety filter), ``unavailable`` (the provider refused the model or the key),
``skipped`` (rounds sat out while the model's circuit was open), ``correct`` / ``wrong`` (user
feedback through :func:`credit`), ``latency_ms_total`` (over answers: mean = total / answers),
``latency_ms_max``, ``updated_at``, and ``answered_at`` / ``unavailable_at`` +
``unavailable_reason`` (the provider's message), which say whether the model works now.

A model's record is :data:`SHARDS` documents ``<model>:<n>``; each change goes to one shard
chosen at random, as one merged write of atomic transforms (``Increment``, ``Maximum``): no
transaction and no document taking every round's write (a document sustains about one write a
second). Readers add the shards up. The ensemble writes a round's changes before it answers
(:func:`add_round`), never after: on Cloud Functions the CPU is throttled once the response is
sent (issue 16). A failure there is logged, never the user's failed turn.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.errors import KlepaasError
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import Increment, Maximum, Store
from klepaas_shared.store.queries import declare_query

_shards = random.Random()  # noqa: S311 - spreading writes; own state: background writes never touch the global generator

COLLECTION = "nlp_model_records"
SHARDS = 8
COUNTERS = (
    "answers",
    "wins",
    "timeouts",
    "errors",
    "off_schema",
    "refusals",
    "truncated",
    "blocked",
    "unavailable",
    "skipped",
    "correct",
    "wrong",
    "latency_ms_total",
)
LATEST = ("updated_at", "answered_at", "unavailable_at")
FIELDS = ("model", "provider", *COUNTERS, "latency_ms_max", *LATEST, "unavailable_reason")
ALL_MODELS = declare_query(COLLECTION, order_by=[("model", "asc")])
SOME_MODELS = declare_query(COLLECTION, equal=["model"])
log = get_logger("nlp.models")


def _doc_id(model: str, shard: int) -> str:
    # Firestore document ids may not contain "/" (some model names do, e.g. "models/gemini-…").
    return f"{model.replace('/', '_')}:{shard}"


def add(
    store: Store,
    model: str,
    provider: str,
    counts: Mapping[str, int],
    latency_ms: int | None = None,
    *,
    unavailable_reason: str | None = None,
) -> None:
    """Add `counts` (names from COUNTERS) to the model's record; `latency_ms` also raises the max."""
    at = now_iso()
    changes: dict[str, Any] = {"model": model, "updated_at": at}
    if provider:
        changes["provider"] = provider
    changes |= {name: Increment(amount) for name, amount in counts.items() if amount}
    if latency_ms is not None:
        changes["latency_ms_max"] = Maximum(latency_ms)
    if counts.get("answers"):
        changes["answered_at"] = at
    if unavailable_reason is not None:
        changes |= {"unavailable_at": at, "unavailable_reason": unavailable_reason[:500]}
    shard = _shards.randrange(SHARDS)
    store.set(COLLECTION, _doc_id(model, shard), changes, merge=True)


def add_round(store: Store, rounds: list[tuple[str, str, dict[str, int], int | None, str | None]]) -> None:
    """Write (model, provider, counts, latency, unavailable reason) entries now, on the request.

    A failure is logged and dropped: the records are statistics, not the user's turn.
    """
    for model, provider, counts, latency, reason in rounds:
        try:
            add(store, model, provider, counts, latency, unavailable_reason=reason)
        except KlepaasError as exc:
            log.warning("model record not written", extra=log_fields(model=model, error=exc.message))


def credit(store: Store, model: str, correct: bool, provider: str = "") -> None:
    """Credit (`correct`) or blame the model whose answer a user judged."""
    add(store, model, provider, {"correct" if correct else "wrong": 1})


def _summed(docs: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The shards' records added up, per model."""
    totals: dict[str, dict[str, Any]] = {}
    for data in docs:
        model = str(data.get("model") or "")
        total = totals.setdefault(model, {"model": model, "provider": "", **dict.fromkeys(COUNTERS, 0)})
        total["provider"] = total["provider"] or data.get("provider") or ""
        for name in COUNTERS:
            value = data.get(name)
            total[name] += value if isinstance(value, int) and not isinstance(value, bool) else 0
        latency = data.get("latency_ms_max")
        if isinstance(latency, int | float) and latency > (total.get("latency_ms_max") or 0):
            total["latency_ms_max"] = latency
        for name in LATEST:
            if str(data.get(name) or "") > str(total.get(name) or ""):
                total[name] = data[name]
                if name == "unavailable_at":
                    total["unavailable_reason"] = data.get("unavailable_reason")
    return totals


def available(record: Mapping[str, Any]) -> bool:
    """False when the provider last refused the model and it has not answered since."""
    return str(record.get("unavailable_at") or "") <= str(record.get("answered_at") or "")


def read_all(store: Store) -> list[dict[str, Any]]:
    """Every model's record, by model name, with all FIELDS present."""
    totals = _summed(doc.data for doc in store.query(COLLECTION, order_by=[("model", "asc")]))
    numbers = (*COUNTERS, "latency_ms_max")
    return [{name: record.get(name, 0 if name in numbers else None) for name in FIELDS} for record in totals.values()]


def accuracy(record: Mapping[str, Any] | None) -> float:
    """Feedback accuracy with a uniform prior: 0.5 for a model nobody has judged yet."""
    if not record:
        return 0.5
    right, wrong = int(record.get("correct") or 0), int(record.get("wrong") or 0)
    return (right + 1) / (right + wrong + 2)


def speed(record: Mapping[str, Any] | None, deadline_ms: int) -> float:
    """1.0 for a model answering at once, falling linearly to 0.5 for one whose mean answer takes the deadline.

    A model nobody has timed yet counts as fast.
    """
    answers = int((record or {}).get("answers") or 0)
    if not answers or deadline_ms <= 0:
        return 1.0
    mean_ms = int((record or {}).get("latency_ms_total") or 0) / answers
    return 1.0 - 0.5 * min(1.0, mean_ms / deadline_ms)


def weight(record: Mapping[str, Any] | None, deadline_ms: int) -> float:
    """A model's vote weight: twice its feedback accuracy, times its speed (1.0 for an untested fast model)."""
    return 2 * accuracy(record) * speed(record, deadline_ms)


def read_many(store: Store, models: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The records of the named models that exist (one query, whatever the number of shards)."""
    wanted = sorted(set(models))
    if not wanted:
        return {}
    return _summed(doc.data for doc in store.query(COLLECTION, where=[("model", "in", wanted)]))
