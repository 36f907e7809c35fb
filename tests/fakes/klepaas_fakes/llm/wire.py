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


def not_found_body(provider: str, model: str) -> Any:
    """Each provider's 404 for a model id it does not serve, in its own words."""
    if provider == "anthropic":
        return {"type": "error", "error": {"type": "not_found_error", "message": f"model: {model}"}}
    if provider == "openai":
        message = f"The model `{model}` does not exist or you do not have access to it."
        return {
            "error": {"message": message, "type": "invalid_request_error", "param": None, "code": "model_not_found"}
        }
    message = (
        f"models/{model} is not found for API version v1beta, or is not supported for generateContent. "
        "Call ListModels to see the list of available models and their supported methods."
    )
    return {"error": {"code": 404, "message": message, "status": "NOT_FOUND"}}


def rejected_parameter(provider: str, body: dict[str, Any]) -> Any:
    """The 400 body for a parameter the current models reject, or None."""
    if provider == "openai":
        temperature = body.get("temperature")
        if temperature is not None and temperature != 1 and body.get("reasoning_effort") != "none":
            message = (
                f"Unsupported value: 'temperature' does not support {temperature} with this model. "
                "Only the default (1) value is supported."
            )
            kind = "invalid_request_error"
            return {"error": {"message": message, "type": kind, "param": "temperature", "code": "unsupported_value"}}
        return None
    if provider == "anthropic":
        forced = (body.get("tool_choice") or {}).get("type") in ("tool", "any")
        if forced and (body.get("thinking") or {}).get("type") in ("enabled", "adaptive"):
            message = "Thinking may not be enabled when tool_choice forces tool use."
            return {"type": "error", "error": {"type": "invalid_request_error", "message": message}}
        return None
    # Google's JSON takes proto field names in camelCase or snake_case (the SDK sends the latter here).
    thinking = {k.replace("_", "").lower() for k in ((body.get("generationConfig") or {}).get("thinkingConfig") or {})}
    if {"thinkinglevel", "thinkingbudget"} <= thinking:
        message = "You can only set one of thinking budget and thinking level."
        return {"error": {"code": 400, "message": message, "status": "INVALID_ARGUMENT"}}
    return None


ANTHROPIC_STOPS = {"max_tokens": "max_tokens", "refusal": "refusal", "blocked": "refusal"}
OPENAI_FINISH = {"max_tokens": "length", "blocked": "content_filter"}
REFUSAL = "I'm sorry, but I can't help with that request."
SAFETY_RATINGS = [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": True}]


def success_body(
    provider: str, model: str, body: dict[str, Any], text: str, answer: dict[str, Any] | None, ending: str | None = None
) -> Any:
    """A 200 answer carrying `text` (`answer` when it is a whole answer), ended by `ending`:
    None (a normal stop), "max_tokens", "refusal", "blocked" or "no_candidates"."""
    stamp = int(time.time())
    if provider == "anthropic":
        return _anthropic(model, body, text, answer, ending, stamp)
    if provider == "openai":
        refused = ending == "refusal"
        message = {"role": "assistant", "content": None if refused else text, "refusal": REFUSAL if refused else None}
        return {
            "id": f"chatcmpl-{stamp}",
            "object": "chat.completion",
            "created": stamp,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "logprobs": None,
                    "finish_reason": OPENAI_FINISH.get(ending or "", "stop"),
                }
            ],
            "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
        }
    usage = {"promptTokenCount": 120, "candidatesTokenCount": 30, "totalTokenCount": 150}
    if ending == "no_candidates":  # the prompt itself was blocked
        return {
            "promptFeedback": {"blockReason": "SAFETY", "safetyRatings": SAFETY_RATINGS},
            "usageMetadata": usage,
            "modelVersion": model,
            "responseId": f"resp-{stamp}",
        }
    candidate: dict[str, Any] = {"content": {"role": "model", "parts": [{"text": text}]}, "index": 0}
    if ending == "blocked":
        candidate = {"finishReason": "SAFETY", "index": 0, "safetyRatings": SAFETY_RATINGS}
    elif ending == "refusal":  # Gemini has no refusal field: it says so in words
        candidate["content"]["parts"] = [{"text": REFUSAL}]
        candidate["finishReason"] = "STOP"
    else:
        candidate["finishReason"] = "MAX_TOKENS" if ending == "max_tokens" else "STOP"
    return {"candidates": [candidate], "usageMetadata": usage, "modelVersion": model, "responseId": f"resp-{stamp}"}


def _anthropic(
    model: str, body: dict[str, Any], text: str, answer: dict[str, Any] | None, ending: str | None, stamp: int
) -> dict[str, Any]:
    tools = body.get("tools") or []
    block: dict[str, Any] = {"type": "text", "text": text}
    if tools and (answer is not None or ending == "max_tokens"):
        # A tool call cut by max_tokens arrives with the input it had so far (here: nothing).
        block = {"type": "tool_use", "id": f"toolu_{stamp}", "name": tools[0]["name"], "input": answer or {}}
    stop = ANTHROPIC_STOPS.get(ending or "") or ("tool_use" if block["type"] == "tool_use" else "end_turn")
    return {
        "id": f"msg_{stamp}",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [] if stop == "refusal" else [block],
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {"input_tokens": 120, "output_tokens": 30},
    }
