"""Each model's track record in the store: collection `nlp_model_records`, one document per model.

Fields: ``model``, ``provider``, ``answers`` (valid answers), ``wins`` (answers chosen),
``timeouts``, ``errors`` (HTTP errors, 429s, connection failures), ``off_schema`` (answers
outside the closed schema or not JSON), ``skipped`` (rounds sat out while the model's circuit was
open), ``correct`` / ``wrong`` (user feedback through :func:`credit`), ``latency_ms_total`` (over
answers: mean = total / answers), ``latency_ms_max`` and ``updated_at``. One round's change to a
record is one store transaction, so concurrent instances lose neither a count nor a larger maximum.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.store import Increment, Store, Transaction

COLLECTION = "nlp_model_records"
COUNTERS = (
    "answers",
    "wins",
    "timeouts",
    "errors",
    "off_schema",
    "skipped",
    "correct",
    "wrong",
    "latency_ms_total",
)
FIELDS = ("model", "provider", *COUNTERS, "latency_ms_max", "updated_at")


def _doc_id(model: str) -> str:
    # Firestore document ids may not contain "/" (some model names do, e.g. "models/gemini-…").
    return model.replace("/", "_")


def add(store: Store, model: str, provider: str, counts: Mapping[str, int], latency_ms: int | None = None) -> None:
    """Add `counts` (names from COUNTERS) to the model's record; `latency_ms` also raises the max."""
    doc_id = _doc_id(model)

    def apply(tx: Transaction) -> None:
        current = tx.get(COLLECTION, doc_id)
        if current is None:
            blank: dict[str, Any] = dict.fromkeys(COUNTERS, 0)
            fresh = {"model": model, "provider": provider, **blank, **counts, "latency_ms_max": latency_ms or 0}
            tx.set(COLLECTION, doc_id, {**fresh, "updated_at": now_iso()})
            return
        changes: dict[str, Any] = {name: Increment(amount) for name, amount in counts.items() if amount}
        if latency_ms is not None and latency_ms > int(current.get("latency_ms_max") or 0):
            changes["latency_ms_max"] = latency_ms
        tx.update(COLLECTION, doc_id, {**changes, "updated_at": now_iso()})

    store.transaction(apply)


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
    """The records of the named models that exist."""
    found = {}
    for model in models:
        doc = store.get(COLLECTION, _doc_id(model))
        if doc is not None:
            found[model] = doc
    return found
