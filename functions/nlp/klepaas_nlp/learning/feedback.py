"""`POST /api/v1/nlp/feedback`: was a command understood right? If not, what did it mean?

Feedback names a row of the user's own history (the command, or the assistant's answer to it),
once. A correction is checked against the closed schema, taught to the user's profile
(:mod:`klepaas_nlp.learning`) and, when a model gave the answer, credited to that model's record.
"""

from __future__ import annotations

import hashlib
from typing import Any

from klepaas_nlp import learning
from klepaas_nlp.bodies import FeedbackBody
from klepaas_nlp.chat import history
from klepaas_nlp.intents import (
    CommandValidationError,
    Intent,
    Interpretation,
    build_interpretation,
    missing_requirements,
    parse_intent,
    validate_args,
)
from klepaas_nlp.settings import settings
from klepaas_shared.clock import now_iso
from klepaas_shared.errors import Conflict, NotFound, ValidationFailed
from klepaas_shared.store import Increment, get_store

FEEDBACK = "nlp_feedback"
STATS = "nlp_feedback_stats"


def user_doc(user: str) -> str:
    return hashlib.sha256(user.encode()).hexdigest()


def _rows(user: str, row_id: int) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """(the user's command row, the answer row) for either id; NotFound when not the user's."""
    row = history.get(user, row_id)
    if row is None:
        raise NotFound(f"there is no command {row_id} in your history")
    if row.get("tool") == history.USER_TOOL:
        answer = history.answer_to(user, row_id)
        if answer is None:
            raise ValidationFailed(f"command {row_id} has no answer to give feedback on")
        return row, answer
    asked = row.get("reply_to")
    return (history.get(user, asked) if isinstance(asked, int) else None), row


def _wanted(body: FeedbackBody) -> Interpretation | None:
    if body.correct:
        if body.interpretation is not None:
            raise ValidationFailed("send interpretation only with correct: false")
        return None
    if body.interpretation is None:
        raise ValidationFailed("correct: false needs the correct interpretation {intent, args}")
    try:
        intent = parse_intent(body.interpretation.intent)
        args = validate_args(intent, body.interpretation.args, max_replicas=settings().max_replicas)
    except CommandValidationError as exc:
        raise ValidationFailed(exc.message_en, details={"field": exc.field, "message_ko": exc.message_ko}) from None
    missing = missing_requirements(intent, args)
    if missing:
        raise ValidationFailed(f"the correct interpretation lacks: {', '.join(missing)}")
    return build_interpretation(intent, args, confidence=1.0, source="rules")


def _was(answer: dict[str, Any]) -> Intent | None:
    try:
        return Intent(str(answer.get("tool")))
    except ValueError:
        return None


def give(user: str, body: FeedbackBody) -> dict[str, Any]:
    """Record one feedback and learn from it; answers what was recorded and learned."""
    command_row, answer = _rows(user, body.history_id)
    wanted = _wanted(body)
    store = get_store()
    was = _was(answer)
    model = answer.get("model") if isinstance(answer.get("model"), str) else None
    record = {
        "user_id": user,
        "history_id": int(answer["id"]),
        "command": command_row.get("command_text") if command_row else None,
        "correct": body.correct,
        "was": {"intent": was.value if was else None, "args": answer.get("args") or {}},
        "wanted": {"intent": wanted.intent.value, "args": dict(wanted.args)} if wanted else None,
        "model": model,
        "created_at": now_iso(),
    }
    if not store.create(FEEDBACK, f"{user_doc(user)}:{int(answer['id']):012d}", record):
        raise Conflict(f"feedback on command {body.history_id} was already given")
    store.create(STATS, user_doc(user), {"user_id": user, "right": 0, "wrong": 0})
    store.update(STATS, user_doc(user), {"right" if body.correct else "wrong": Increment(1)})
    if model is not None:
        from klepaas_nlp.models import records

        records.credit(store, model, body.correct)
    learned: list[dict[str, Any]] = []
    if wanted is not None and record["command"]:
        learned = learning.learn(user, str(record["command"]), was, wanted, max_replicas=settings().max_replicas)
    elif body.correct:
        learning.note_use(user, dict(answer.get("args") or {}))
    return {"history_id": record["history_id"], "correct": body.correct, "model": model, "learned": learned}
