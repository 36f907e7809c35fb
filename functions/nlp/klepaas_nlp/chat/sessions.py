"""Chat sessions: the last target of a conversation, kept with a 30-minute sliding expiry.

A client-supplied session id is always honoured (re-created when unknown or expired), because the
console sets its id once and never changes it.
"""

from __future__ import annotations

import re
import uuid

from klepaas_nlp.rules import SessionContext
from klepaas_nlp.settings import settings
from klepaas_shared.context import get_context
from klepaas_shared.errors import ValidationFailed

_SESSION_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")


def resolve(session_id: object) -> str:
    """The session id to use: the client's (checked), or a new one."""
    if session_id is None or session_id == "":
        return uuid.uuid4().hex
    if not isinstance(session_id, str) or not _SESSION_ID.fullmatch(session_id):
        raise ValidationFailed("session_id must be 1-128 letters, digits or . _ : -")
    return session_id


def _key(user: str, session_id: str) -> str:
    return f"nlp:session:{user}:{session_id}"


def load(user: str, session_id: str) -> SessionContext | None:
    """The session's context (sliding its expiry), or None when new or expired."""
    key = _key(user, session_id)
    saved = get_context().get_json(key)
    if not isinstance(saved, dict):
        return None
    get_context().touch(key, settings().session_ttl_s)
    try:
        return SessionContext.model_validate(saved)
    except ValueError:
        return None


def save(user: str, session_id: str, context: SessionContext) -> None:
    get_context().set_json(_key(user, session_id), context.model_dump(exclude_none=True), settings().session_ttl_s)
