"""`GET /api/v1/nlp/insights`: per user (commands, success, accuracy, corrections, what was learned)
and per model (accuracy, latency, wins), from the records the ensemble keeps in `nlp_model_records`."""

from __future__ import annotations

from collections import Counter
from typing import Any

from klepaas_nlp import learning
from klepaas_nlp.chat import history
from klepaas_nlp.learning.feedback import FEEDBACK, STATS, user_doc
from klepaas_nlp.models import records
from klepaas_shared.store import get_store
from klepaas_shared.store.queries import declare_query

WINDOW = 1000
CORRECTIONS_SHOWN = 20
TOP_INTENTS = 5
_NOT_INTENTS = frozenset({history.USER_TOOL, "error", "unknown", "ambiguous"})
declare_query(FEEDBACK, equal=["user_id"])


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _succeeded(row: dict[str, Any]) -> bool:
    """Answered or waiting for a yes; a question back, an unknown command or an error is not a success."""
    result = row.get("result")
    kind = result.get("type") if isinstance(result, dict) else None
    return row.get("status") in ("completed", "pending") and kind not in ("error", "unknown")


def for_user(user: str) -> dict[str, Any]:
    rows = history.rows(user, newest_first=True, limit=WINDOW, offset=0)
    asked = sum(1 for row in rows if row.get("tool") == history.USER_TOOL)
    answers = [row for row in rows if row.get("reply_to") is not None]
    succeeded = sum(1 for row in answers if _succeeded(row))
    intents = Counter(str(row["tool"]) for row in answers if row.get("tool") not in _NOT_INTENTS)
    stats = get_store().get(STATS, user_doc(user)) or {}
    right, wrong = _count(stats.get("right")), _count(stats.get("wrong"))
    given = get_store().query(FEEDBACK, where=[("user_id", "==", user)], limit=WINDOW)
    corrections = sorted(
        (doc.data for doc in given if doc.data.get("correct") is False),
        key=lambda item: int(item.get("history_id") or 0),
        reverse=True,
    )[:CORRECTIONS_SHOWN]
    return {
        "commands": asked,
        "window": WINDOW,
        "success_rate": _ratio(succeeded, len(answers)),
        "feedback": {"right": right, "wrong": wrong},
        "accuracy": _ratio(right, right + wrong),
        "corrections": [
            {k: item.get(k) for k in ("history_id", "command", "was", "wanted", "created_at")} for item in corrections
        ],
        "top_intents": [{"intent": name, "count": n} for name, n in intents.most_common(TOP_INTENTS)],
        **learning.summary(user),
    }


def for_models() -> list[dict[str, Any]]:
    """Every model's record, with accuracy, average latency and win rate worked out, and whether
    it works now (`available` false: its provider refused it since its last answer)."""
    shown = []
    for data in records.read_all(get_store()):
        counts = {k: _count(data.get(k)) for k in records.COUNTERS if k != "latency_ms_total"}
        latency = data.get("latency_ms_total")
        average = float(latency) / counts["answers"] if isinstance(latency, int | float) and counts["answers"] else None
        shown.append(
            {
                "model": str(data.get("model")),
                "provider": data.get("provider"),
                **counts,
                "accuracy": _ratio(counts["correct"], counts["correct"] + counts["wrong"]),
                "win_rate": _ratio(counts["wins"], counts["answers"]),
                "latency_ms_avg": None if average is None else round(average, 1),
                "latency_ms_max": data.get("latency_ms_max"),
                "updated_at": data.get("updated_at"),
                "available": records.available(data),
                "unavailable_reason": None if records.available(data) else data.get("unavailable_reason"),
            }
        )
    return sorted(shown, key=lambda m: m["model"])


def insights(user: str) -> dict[str, Any]:
    return {"user": for_user(user), "models": for_models()}
