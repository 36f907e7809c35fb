"""The three providers' response and error bodies, as their APIs send them."""

from __future__ import annotations

import time
from typing import Any


def _text(content: Any) -> str:
    """The text of a message content: a string, or a list of parts/blocks carrying ``text``."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    if isinstance(content, dict):
        return _text(content.get("parts") or content.get("text") or "")
    return ""


def request_texts(provider: str, body: dict[str, Any]) -> tuple[str, str]:
    """(system instruction, last user turn) of a request, as each provider's API carries them."""
    if provider == "anthropic":
        messages = body.get("messages") or [{}]
        return _text(body.get("system") or ""), _text(messages[-1].get("content"))
    if provider == "openai":
        messages = body.get("messages") or []
        system = next((_text(m.get("content")) for m in messages if m.get("role") in ("system", "developer")), "")
        user = next((_text(m.get("content")) for m in reversed(messages) if m.get("role") == "user"), "")
        return system, user
    contents = body.get("contents") or [{}]
    return _text(body.get("systemInstruction") or body.get("system_instruction") or ""), _text(contents[-1])


def error_body(provider: str, status: int, message: str) -> Any:
    if provider == "anthropic":
        kinds = {401: "authentication_error", 429: "rate_limit_error", 404: "not_found_error"}
        return {"type": "error", "error": {"type": kinds.get(status, "api_error"), "message": message}}
    if provider == "openai":
        codes = {401: "invalid_api_key", 429: "rate_limit_exceeded"}
        kind = "server_error" if status >= 500 else "invalid_request_error"
        return {"error": {"message": message, "type": kind, "param": None, "code": codes.get(status)}}
    names = {401: "UNAUTHENTICATED", 429: "RESOURCE_EXHAUSTED", 404: "NOT_FOUND", 503: "UNAVAILABLE"}
    return {"error": {"code": status, "message": message, "status": names.get(status, "INTERNAL")}}


def success_body(provider: str, model: str, body: dict[str, Any], text: str, answer: dict[str, Any] | None) -> Any:
    stamp = int(time.time())
    if provider == "anthropic":
        tools = body.get("tools") or []
        block: dict[str, Any] = {"type": "text", "text": text}
        if tools and answer is not None:
            block = {"type": "tool_use", "id": f"toolu_{stamp}", "name": tools[0]["name"], "input": answer}
        return {
            "id": f"msg_{stamp}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [block],
            "stop_reason": "tool_use" if block["type"] == "tool_use" else "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 120, "output_tokens": 30},
        }
    if provider == "openai":
        return {
            "id": f"chatcmpl-{stamp}",
            "object": "chat.completion",
            "created": stamp,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
        }
    return {
        "candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": "STOP", "index": 0}],
        "usageMetadata": {"promptTokenCount": 120, "candidatesTokenCount": 30, "totalTokenCount": 150},
        "modelVersion": model,
        "responseId": f"resp-{stamp}",
    }
