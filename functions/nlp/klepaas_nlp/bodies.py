"""Request bodies (the console also sends `user_id` and `timestamp`; the token is authoritative)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from klepaas_shared.text import displayable

MAX_COMMAND = 500


def _typed(value: object) -> object:
    """A command as it may be shown again and read: no control, escape or bidi-override characters
    (klepaas_shared.text.displayable). Cleaned here, at the edge, before the rules or a model read
    it and before anything echoes it; what is left must still be 1-500 characters (said in the
    console's language: pydantic's own words for a length checked after a validator are "items")."""
    if not isinstance(value, str):
        return value
    cleaned = displayable(value)
    if len(cleaned) > MAX_COMMAND:
        raise PydanticCustomError(
            "command_too_long",
            "명령은 {limit}자까지 읽습니다 ({length}자). A command is read up to {limit} characters ({length} given).",
            {"limit": MAX_COMMAND, "length": len(cleaned)},
        )
    return cleaned


Command = Annotated[str, BeforeValidator(_typed), Field(min_length=1)]


class _Body(BaseModel):
    # Each body's validator is built by the first request that reads it: a cold instance's first
    # request builds only its own route's body, not the other routes' (issue 19).
    model_config = ConfigDict(extra="ignore", defer_build=True)


class ConversationBody(_Body):
    command: Command
    session_id: str | None = Field(None, max_length=128)


class InterpretBody(ConversationBody):
    """`POST /api/v1/nlp/interpret`: the conversation's body, under its own name in the API schema."""


class ConfirmBody(_Body):
    session_id: str = Field(min_length=1, max_length=128)
    confirmed: StrictBool
    # The pending_action.id the user answered; when given, only that action is confirmed.
    action_id: str | None = Field(
        None, min_length=1, max_length=64, validation_alias=AliasChoices("action_id", "pending_action_id")
    )


class CorrectInterpretation(BaseModel):
    """What the command should have meant: an intent of the closed set and its arguments."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    intent: str = Field(min_length=1, max_length=40)
    args: dict[str, StrictStr | StrictInt | StrictBool] = Field(default_factory=dict, max_length=12)


class FeedbackBody(_Body):
    history_id: StrictInt = Field(ge=1, le=2**53 - 1, validation_alias=AliasChoices("history_id", "command_id"))
    correct: StrictBool
    interpretation: CorrectInterpretation | None = None
