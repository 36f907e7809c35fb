"""One command → one checked Interpretation: the rules (the floor), then the model ensemble."""

from __future__ import annotations

from klepaas_nlp.intents import Interpretation
from klepaas_nlp.rules import SessionContext, interpret
from klepaas_nlp.settings import settings


def understand(text: str, context: SessionContext | None) -> tuple[Interpretation, SessionContext | None]:
    """The interpretation and the session context to keep (None: keep the old one).

    Raises CommandValidationError for an empty or over-long command or out-of-schema values.
    """
    result = interpret(text, context, None, max_replicas=settings().max_replicas)
    return result.interpretation, result.context_update
