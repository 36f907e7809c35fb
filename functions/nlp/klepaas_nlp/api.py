"""The nlp function's HTTP routes (handlers are registered on ``app``)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import ValidationFailed
from klepaas_shared.http import FunctionApp, Req


def _health() -> dict[str, Any]:
    """The models this instance found unavailable (a retired id, a refused key): see models.availability."""
    from klepaas_nlp.models.availability import health

    return health()


app = FunctionApp("nlp", health=_health)
MAX_PAGE = 200


def _page(req: Req) -> tuple[int, int]:
    try:
        limit = int(req.args.get("limit", "50"))
        offset = int(req.args.get("offset", "0"))
    except ValueError:
        raise ValidationFailed("limit and offset must be integers") from None
    if not 1 <= limit <= MAX_PAGE or not 0 <= offset <= 100_000:
        raise ValidationFailed(f"limit must be 1-{MAX_PAGE} and offset 0-100000")
    return limit, offset


@app.route("POST", "/api/v1/nlp/conversation")
def conversation(req: Req) -> dict[str, Any]:
    from klepaas_nlp.bodies import ConversationBody
    from klepaas_nlp.chat.conversation import turn

    body = req.model(ConversationBody)
    return turn(req.user(), body.command, body.session_id)


@app.route("POST", "/api/v1/nlp/confirm")
def confirm(req: Req) -> dict[str, Any]:
    from klepaas_nlp.bodies import ConfirmBody
    from klepaas_nlp.chat.conversation import confirm as run_confirm

    body = req.model(ConfirmBody)
    return run_confirm(req.user(), body.session_id, body.confirmed, body.action_id)


@app.route("GET", "/api/v1/nlp/conversation-history")
def conversation_history(req: Req) -> list[dict[str, Any]]:
    from klepaas_nlp.chat import history
    from klepaas_nlp.chat.under_way import followed
    from klepaas_nlp.formatting import escape

    limit, offset = _page(req)
    # The page counts back from the newest row (offset 0 is the latest conversation), and is shown
    # oldest-first, as a chat reads: the first page of 50 was the user's first 50 rows, ever.
    principal = req.user()
    rows = followed(history.rows(principal.sub, newest_first=True, limit=limit, offset=offset), principal)[::-1]
    answered = [
        {k: row.get(k) for k in ("id", "command_text", "tool", "created_at", "result", "session_id", "status")}
        for row in rows
    ]
    for row in answered:
        # The chat shows every row as a bubble, as HTML: an answer's text was kept as sent (escaped),
        # a user's as typed (the dashboard's recent commands, /nlp/history, show it as text).
        if row["tool"] == history.USER_TOOL:
            row["command_text"] = escape(str(row["command_text"] or ""))
    return answered


@app.route("GET", "/api/v1/nlp/history")
def command_history(req: Req) -> list[dict[str, Any]]:
    from klepaas_nlp.chat import history
    from klepaas_nlp.chat.under_way import followed

    limit, offset = _page(req)
    principal = req.user()
    return followed(history.rows(principal.sub, newest_first=True, limit=limit, offset=offset), principal)


@app.route("POST", "/api/v1/nlp/interpret")
def interpret(req: Req) -> dict[str, Any]:
    from klepaas_nlp.arguments import CommandValidationError
    from klepaas_nlp.bodies import InterpretBody
    from klepaas_nlp.interpreting import understand
    from klepaas_nlp.rules import SessionContext

    body = req.model(InterpretBody)
    user = req.user().sub
    session_id: str | None = None
    context: SessionContext | None = None
    if body.session_id:  # only a command that names its session loads the context store
        from klepaas_nlp.chat.sessions import load, resolve

        session_id = resolve(body.session_id)
        context = load(user, session_id)
    try:
        interpretation, update = understand(body.command, context, user)
    except CommandValidationError as exc:
        raise ValidationFailed(exc.message_en, details={"field": exc.field, "message_ko": exc.message_ko}) from None
    if session_id and update is not None:
        from klepaas_nlp.chat.sessions import save

        save(user, session_id, update)  # a follow-up in the same session resolves "그거" like the conversation does
    if interpretation.requires_confirmation:
        from klepaas_nlp.chat.checks import refused_by_policy

        # What the chat would answer instead of its question: deploy's policy refuses this mutation.
        interpretation = refused_by_policy(req.user(), interpretation)
    return interpretation.model_dump(mode="json")


@app.route("POST", "/api/v1/nlp/feedback")
def feedback(req: Req) -> dict[str, Any]:
    from klepaas_nlp.bodies import FeedbackBody
    from klepaas_nlp.learning.feedback import give

    return give(req.user().sub, req.model(FeedbackBody))


@app.route("GET", "/api/v1/nlp/insights")
def insights(req: Req) -> dict[str, Any]:
    from klepaas_nlp.learning.insights import insights as gather

    return gather(req.user().sub)
