"""Request bodies (the console also sends `user_id` and `timestamp`; the token is authoritative)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictBool

MAX_COMMAND = 500


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ConversationBody(_Body):
    command: str = Field(min_length=1, max_length=MAX_COMMAND)
    session_id: str | None = Field(None, max_length=128)


class InterpretBody(ConversationBody):
    pass


class ConfirmBody(_Body):
    session_id: str = Field(min_length=1, max_length=128)
    confirmed: StrictBool
