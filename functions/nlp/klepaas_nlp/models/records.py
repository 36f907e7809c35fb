"""Each model's track record in the store: collection `nlp_model_records`, one document per model.

Fields: ``model``, ``provider``, ``answers`` (valid answers), ``wins`` (answers chosen),
``timeouts``, ``errors`` (HTTP errors, 429s, connection failures), ``off_schema`` (answers
outside the closed schema or not JSON), ``correct`` / ``wrong`` (user feedback through
:func:`credit`), ``latency_ms_total`` (over answers: mean = total / answers), ``latency_ms_max``
and ``updated_at``. Counters move with `Increment`, so concurrent instances never lose a count;
``latency_ms_max`` is raised read-then-write and may, rarely, miss a concurrent larger value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.errors import NotFound
from klepaas_shared.store import Increment, Store

COLLECTION = "nlp_model_records"
COUNTERS = ("answers", "wins", "timeouts", "errors", "off_schema", "correct", "wrong", "latency_ms_total")
FIELDS = ("model", "provider", *COUNTERS, "latency_ms_max", "updated_at")


def _doc_id(model: str) -> str:
    # Firestore document ids may not contain "/" (some model names do, e.g. "models/gemini-…").
    return model.replace("/", "_")


def _ensure(store: Store, model: str, provider: str) -> None:
    blank: dict[str, Any] = dict.fromkeys((*COUNTERS, "latency_ms_max"), 0)
    store.create(COLLECTION, _doc_id(model), {"model": model, "provider": provider, **blank, "updated_at": now_iso()})


def add(store: Store, model: str, provider: str, counts: Mapping[str, int], latency_ms: int | None = None) -> None:
    """Add `counts` (names from COUNTERS) to the model's record; `latency_ms` also raises the max."""
    changes: dict[str, Any] = {name: Increment(amount) for name, amount in counts.items() if amount}
    changes["updated_at"] = now_iso()
    try:
        store.update(COLLECTION, _doc_id(model), changes)
    except NotFound:
        _ensure(store, model, provider)
        store.update(COLLECTION, _doc_id(model), changes)
    if latency_ms is not None:
        current = store.get(COLLECTION, _doc_id(model)) or {}
        if latency_ms > int(current.get("latency_ms_max") or 0):
            store.update(COLLECTION, _doc_id(model), {"latency_ms_max": latency_ms})


def credit(store: Store, model: str, correct: bool, provider: str = "") -> None:
    """Credit (`correct`) or blame the model whose answer a user judged."""
    add(store, model, provider, {"correct" if correct else "wrong": 1})


def read_all(store: Store) -> list[dict[str, Any]]:
    """Every model's record, by model name, with all FIELDS present."""
    docs = store.query(COLLECTION, order_by=[("model", "asc")])
    return [{name: doc.data.get(name, 0) for name in FIELDS} for doc in docs]


def accuracy(record: Mapping[str, Any] | None) -> float:
    """Feedback accuracy with a uniform prior: 0.5 for a model nobody has judged yet."""
    if not record:
        return 0.5
    right, wrong = int(record.get("correct") or 0), int(record.get("wrong") or 0)
    return (right + 1) / (right + wrong + 2)


def read_many(store: Store, models: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The records of the named models that exist."""
    found = {}
    for model in models:
        doc = store.get(COLLECTION, _doc_id(model))
        if doc is not None:
            found[model] = doc
    return found
