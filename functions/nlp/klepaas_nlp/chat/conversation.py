"""A chat turn (N1) and a confirmation (N2), in the console's exact shapes."""

from __future__ import annotations

from typing import Any

from klepaas_nlp import deploy_client, learning
from klepaas_nlp.arguments import CommandValidationError
from klepaas_nlp.chat import checks, costs, history, outcomes, pending, sessions
from klepaas_nlp.formatting import error_result, escape, format_operation, status_error_result, unknown_result
from klepaas_nlp.formatting.help import list_commands
from klepaas_nlp.formatting.language import (
    Language,
    failure_of,
    language_of,
    missing_names,
    mutation_summary,
    read_summary,
    text,
)
from klepaas_nlp.intents import Intent, Interpretation
from klepaas_nlp.interpreting import understand
from klepaas_nlp.prompts import confirmation_question, replaced_notice
from klepaas_shared.auth import Principal
from klepaas_shared.errors import KlepaasError, NotFound
from klepaas_shared.operations import OperationRequest

Reply = dict[str, Any]


def _reply(session_id: str, message: str, result: dict[str, Any] | None, **extra: Any) -> Reply:
    return {
        "session_id": session_id,
        "state": extra.pop("state", "completed"),
        "message": escape(message),
        "requires_confirmation": False,
        "pending_action": None,
        "cost_estimate": None,
        "result": result,
        **extra,
    }


def run_read(principal: Principal, intent: Interpretation, language: Language = "ko") -> tuple[str, dict[str, Any]]:
    """Execute a read-only intent now and answer (message, result), the message in `language`."""
    if intent.intent is Intent.LIST_COMMANDS:
        result = list_commands()
        return result["summary"], result
    args = dict(intent.args)
    try:
        response = deploy_client.operations().run(
            OperationRequest.model_validate({"type": intent.intent.value, "args": args, "source": "nlp"}), principal
        )
    except NotFound as exc:
        said = failure_of(exc, intent.intent.value, args, language)
        if intent.intent is Intent.STATUS:
            # The bubble says the status card's headline as it stands (tests/e2e), in the user's language.
            return said.split("\n")[0], status_error_result(said, args)
        return text("failed_read", language, said), error_result(said)
    except KlepaasError as exc:
        said = failure_of(exc, intent.intent.value, args, language)
        return text("failed_read", language, said), error_result(said)
    said = read_summary(intent.intent.value, response.data, args, response.message, language)
    result = format_operation(intent.intent.value, response.data, said, args)
    return said or result["summary"], result


def turn(principal: Principal, command: str, session_id: object) -> Reply:
    sid = sessions.resolve(session_id)
    user = principal.sub
    asked = history.record(user, sid, command, history.USER_TOOL, status="processing")
    try:
        reply = _turn(principal, sid, command, asked)
    except Exception:
        history.mark(user, asked, "failed")  # never left `processing` by a crash
        raise
    history.mark(user, asked, _row_status(reply))
    return reply


# Answers that carried nothing out: a command not understood, or one that still lacks what it needs.
# The dashboard shows `completed` as Success, which would say the command was done.
_NOTHING_DONE = frozenset({"unknown", "needs_input"})


def _row_status(reply: Reply) -> str:
    if reply["requires_confirmation"]:
        return "pending"
    return "error" if _failed(reply["result"]) or reply.get("state") in _NOTHING_DONE else "completed"


def _failed(result: dict[str, Any] | None) -> bool:
    """An error card, or a status card in its error form (`formatted.error`: the target was not found),
    which the dashboard must not show as Success beside the logs read that failed the same way."""
    if result is None:
        return False
    data = result.get("data")
    formatted = data.get("formatted") if isinstance(data, dict) else None
    return result.get("type") == "error" or (isinstance(formatted, dict) and formatted.get("error") is True)


def _turn(principal: Principal, sid: str, command: str, asked: int) -> Reply:
    user = principal.sub
    try:
        interpretation, update = understand(command, sessions.load(user, sid), user)
    except CommandValidationError as exc:
        result = error_result(exc.message_ko)
        history.record(
            user,
            sid,
            escape(exc.message_ko),
            "error",
            status="error",
            result=result,
            error_message=str(exc),
            reply_to=asked,
        )
        return _reply(sid, exc.message_ko, result, state="validation_failed")
    if update is not None:
        sessions.save(user, sid, update)
    reply = _answer(principal, sid, command, interpretation, asked)
    history.record(
        user,
        sid,
        reply["message"],
        interpretation.intent.value,
        status=_row_status(reply),
        args=dict(interpretation.args),
        result=reply["result"],
        reply_to=asked,
        model=interpretation.model,
    )
    return reply


def _answer(principal: Principal, sid: str, command: str, it: Interpretation, asked: int | None = None) -> Reply:
    language = language_of(command)
    if it.refused:
        return _reply(sid, it.refused, error_result(it.refused), state="refused")
    if it.intent is Intent.UNKNOWN:
        said = text("unknown", language)
        return _reply(sid, said, unknown_result(command, said, it.suggestions), state="unknown")
    if it.intent is Intent.AMBIGUOUS:
        said = text("ambiguous", language)
        return _reply(sid, said, unknown_result(command, said, it.suggestions), state="needs_input")
    if it.missing:
        said = text("missing", language, missing_names(it.missing, language))
        return _reply(sid, said, unknown_result(command, said, it.suggestions), state="needs_input")
    if it.requires_confirmation:
        checked = checks.check(principal, it)
        if checked.refusal is not None:  # the real run would be refused or fail: say why, ask nothing
            said = failure_of(checked.refusal, it.intent.value, dict(it.args), language)
            state = "refused" if checked.refusal.code == "forbidden" else "error"
            return _reply(sid, text("refused_action", language, said), error_result(said), state=state)
        action, replaced = pending.propose(principal.sub, sid, it.intent.value, dict(it.args), command, asked=asked)
        question = confirmation_question(it, language, checked.preview)
        if replaced is not None and replaced.get("hash") != action["hash"]:
            older = replaced_notice(str(replaced.get("intent")), dict(replaced.get("args") or {}), language)
            question = older + question
        return _reply(
            sid,
            question,
            None,
            state="pending_confirmation",
            requires_confirmation=True,
            cost_estimate=costs.estimate(principal, it),
            pending_action={
                "id": action["action_id"],
                "type": it.intent.value,
                "parsed_intent": it.intent.value,
                "parameters": dict(it.args),
                "risk_level": it.risk_level.value,
            },
        )
    message, result = run_read(principal, it, language)
    return _reply(sid, message, result, state="error" if _failed(result) else "completed")


def confirm(principal: Principal, session_id: object, confirmed: bool, action_id: str | None = None) -> Reply:
    sid = sessions.resolve(session_id)
    action = pending.take(principal.sub, sid, action_id)
    intent, args = str(action["intent"]), dict(action["args"])
    language = language_of(
        str(action.get("command") or "한")
    )  # actions stored before it had a command: Korean, as then
    asked = action.get("asked")
    if not confirmed:
        said = text("cancelled", language)
        history.record(principal.sub, sid, said, intent, status="completed", args=args)
        history.settle(principal.sub, asked, "failed", "cancelled")
        return {"status": "cancelled", "message": said, "session_id": sid, "result": None}
    request = OperationRequest.model_validate(
        {"type": intent, "args": args, "operation_id": f"nlp-{action['action_id']}", "source": "nlp"}
    )
    try:
        response = deploy_client.operations().run(request, principal)
    except KlepaasError as exc:
        if exc.retryable:
            pending.restore(action)  # still pending: confirming again runs it once
        else:
            history.settle(principal.sub, asked, "failed", "failed", exc.message)
        result = error_result(exc.message)
        history.record(
            principal.sub,
            sid,
            escape(exc.message),
            intent,
            status="failed",
            args=args,
            result=result,
            error_message=exc.message,
        )
        retry = text("retry", language) if exc.retryable else ""
        said = failure_of(exc, intent, args, language)
        return {
            "status": "failed",
            "message": escape(text("failed_action", language, said, retry)),
            "session_id": sid,
            "result": result,
        }
    if intent == "deploy":
        return _deploy_answer(principal, sid, args, outcomes.follow(response, principal), language, asked)
    said = response.message or text("done", language)
    summary = mutation_summary(intent, response.data, args, said, language)
    # The card says what was done in the chat's language, as its message does (the walk's rollback
    # card read "rolling … back to …" under a Korean question).
    data = {**response.data, "message": summary} if isinstance(response.data, dict) else response.data
    result = format_operation(intent, data, summary, args)
    message = escape(summary)
    history.record(principal.sub, sid, message, intent, status="completed", args=args, result=result)
    _settle_confirmed(principal, asked, response)
    learning.note_use(principal.sub, args)
    return {"status": "completed", "message": message, "session_id": sid, "result": result}


def _settle_confirmed(principal: Principal, asked: object, response: Any) -> None:
    """The confirmed command's rows say where it stands: done, failed in its run (a rollout that did
    not become ready), or still under way (held for an approver, or running on) with its operation's
    id, which the history follows until it ends."""
    fields = outcomes.standing(response.operation)
    operation = response.operation.id if fields["status"] == "processing" else None
    history.settle(
        principal.sub, asked, fields["status"], fields["outcome"], fields.get("error_message"), operation_id=operation
    )


def _deploy_answer(
    principal: Principal, sid: str, args: dict[str, Any], response: Any, language: Language, asked: object = None
) -> Reply:
    """A confirmed deploy as it stands after the confirm's window: failed (why), succeeded, or running
    (its id), said in the chat's language."""
    number = outcomes.deployment_id(response)
    ref = f" (deployment #{number})" if number is not None else ""
    reason = outcomes.failure(response)
    if reason is not None:
        result = error_result(reason)
        message = text("deploy_failed", language, ref, reason)
        history.record(
            principal.sub,
            sid,
            escape(message),
            "deploy",
            status="failed",
            args=args,
            result=result,
            error_message=reason,
        )
        history.settle(principal.sub, asked, "failed", "failed", reason)
        return {"status": "failed", "message": escape(message), "session_id": sid, "result": result}
    data = dict(response.data or {})
    said = mutation_summary("deploy", data, args, str(data.get("message") or response.message or ""), language)
    if data.get("status") == "running" or data.get("deployment_status") in ("waiting", "running"):
        data["status"] = "running"  # deployment_status says what it is doing: waiting (for its build), running
        data["message"] = said = text("under_way", language, said or text("done", language), ref)
    data["message"] = said = said or text("done", language)  # the card's line, in the chat's language
    result = format_operation("deploy", data, said, args)
    message = escape(said)
    history.record(principal.sub, sid, message, "deploy", status="completed", args=args, result=result)
    _settle_confirmed(principal, asked, response)
    learning.note_use(principal.sub, args)
    return {"status": "completed", "message": message, "session_id": sid, "result": result}
