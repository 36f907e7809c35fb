"""The envelope `{type, summary, message, data: {formatted, raw}, metadata}` and the dispatch."""

from __future__ import annotations

import html
from typing import Any

from klepaas_nlp.formatting import lists, mutations, single

Shaped = tuple[str, Any, dict[str, Any]]


def escape(text: str) -> str:
    """Text for a chat bubble, which the console renders as HTML (the reply's top-level `message`
    and the rows of the conversation history)."""
    return html.escape(text, quote=True)


def envelope(kind: str, summary: str, formatted: Any, metadata: dict[str, Any], raw: Any = None) -> dict[str, Any]:
    """A result for the renderers. They show every text of it (`message`, `formatted.*`) as React
    text, which escapes by itself: escaping here too showed entities, such as `&#x27;list pods&#x27;`."""
    return {
        "type": kind,
        "summary": summary,
        "message": summary,
        "data": {"formatted": formatted, "raw": raw},
        "metadata": metadata,
    }


def error_result(message: str, *, kind: str = "error") -> dict[str, Any]:
    return envelope(kind, message, {"error": message}, {})


def status_error_result(message: str, args: dict[str, Any]) -> dict[str, Any]:
    """The status renderers' error form: `formatted{error: true, message}`, headline first, hint last."""
    kind = single.status_type(args)
    namespace = str(args.get("namespace") or "default")
    return envelope(
        kind,
        message.split("\n", maxsplit=1)[0],
        {"error": True, "message": message},
        {"is_healthy": False, "namespace": namespace},
    )


def unknown_result(command: str, summary: str, suggestions: list[str]) -> dict[str, Any]:
    return envelope("unknown", summary, {"command": command, "suggestions": list(suggestions)}, {})


def _shape(intent: str, data: Any, args: dict[str, Any]) -> Shaped:
    body: dict[str, Any] = data if isinstance(data, dict) else {}
    if intent in lists.LISTS:
        return lists.LISTS[intent](body, args)
    if intent in mutations.MUTATIONS:
        return mutations.MUTATIONS[intent](body, args)
    if intent in single.SINGLE:
        return single.SINGLE[intent](body, args)
    return intent, body, {}


def format_operation(intent: str, data: Any, message: str, args: dict[str, Any]) -> dict[str, Any]:
    """The result for deploy's answer to `intent`; an `error` result if the data cannot be shaped."""
    try:
        kind, formatted, metadata = _shape(intent, data, args)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return error_result(f"결과를 표시할 수 없습니다: {type(exc).__name__}")
    return envelope(kind, message or kind, formatted, metadata, raw=data)
