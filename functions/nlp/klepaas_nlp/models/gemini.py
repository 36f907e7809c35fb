"""Gemini through the official `google-genai` SDK: generateContent with a JSON response schema.

Current Gemini models think by default; thinking is set explicitly to the least the model takes
(``KLEPAAS_GEMINI_THINKING_LEVEL``, default ``minimal``: Google's advice for classification and
JSON extraction). A Gemini 2.x model takes a thinking budget instead (0: off); a request may
not carry both. No temperature: Gemini 3.5 ignores a custom one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_nlp.models.answer import ANSWER_SCHEMA, Blocked, Truncated, parse_json
from klepaas_nlp.models.base import ModelClient

BLOCKED = frozenset({"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"})


def _name(value: object) -> str:
    """An SDK enum (or a string it did not know) by its wire name."""
    return str(getattr(value, "value", value) or "")


class Gemini(ModelClient):
    source = "gemini"
    provider = "google"
    default_effort = "minimal"  # the thinking level

    def _make(self) -> Any:
        from google import genai
        from google.genai import types

        http = types.HttpOptions(
            base_url=self.base_url or None,
            api_version="v1beta",
            timeout=int(self.timeout_s * 1000),
            retry_options=types.HttpRetryOptions(attempts=1),
        )
        return genai.Client(api_key=self.api_key, http_options=http)

    def _thinking(self) -> Any:
        from google.genai import types

        if self.model.removeprefix("models/").startswith("gemini-2"):
            return types.ThinkingConfig(thinking_budget=0)
        return types.ThinkingConfig(thinking_level=types.ThinkingLevel(self.effort.upper()))

    def _ask(self, client: Any, system: str, user: str) -> Mapping[str, object]:
        from google.genai import types

        response = client.models.generate_content(
            model=self.model,
            contents=user,
            config=types.GenerateContentConfig(
                system_instruction=system,
                thinking_config=self._thinking(),
                response_mime_type="application/json",
                response_json_schema=ANSWER_SCHEMA,
            ),
        )
        feedback = response.prompt_feedback
        if feedback is not None and feedback.block_reason:
            raise Blocked(f"prompt blocked: {_name(feedback.block_reason)}")
        if not response.candidates:
            raise Blocked("no candidates")
        reason = _name(response.candidates[0].finish_reason)
        if reason in BLOCKED:
            raise Blocked(f"finishReason {reason}")
        if reason == "MAX_TOKENS":
            raise Truncated("finishReason MAX_TOKENS")
        content = response.candidates[0].content
        parts = content.parts if content is not None and content.parts else []
        text = "".join(part.text or "" for part in parts if not part.thought)
        return parse_json(text)
