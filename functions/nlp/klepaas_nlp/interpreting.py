"""One command → one checked Interpretation: the rules (the floor), then the model ensemble."""

from __future__ import annotations

from klepaas_nlp import learning
from klepaas_nlp.intents import Interpretation
from klepaas_nlp.rules import SessionContext, interpret
from klepaas_nlp.settings import settings


def understand(
    text: str, context: SessionContext | None, user_id: str | None = None
) -> tuple[Interpretation, SessionContext | None]:
    """The interpretation and the session context to keep (None: keep the old one).

    `user_id` brings in what was learned from that user's corrections (aliases, preferences).
    Raises CommandValidationError for an empty or over-long command or out-of-schema values.
    """
    profile = learning.profile(user_id)
    result = interpret(text, context, profile, max_replicas=settings().max_replicas)
    return result.interpretation, result.context_update
