"""GPT through the official `openai` SDK: Chat Completions with a `json_schema` response format.

Current GPT models reason by default and then reject `temperature` (only the default is allowed),
so none is sent. `reasoning_effort` is a setting (``KLEPAAS_OPENAI_REASONING_EFFORT``, default
``none``): reading one command into a closed schema is extraction, not a problem to reason
about, and reasoning tokens would not fit the round's deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_nlp.models.answer import ANSWER_SCHEMA, Blocked, OffSchema, Refused, Truncated, parse_json
from klepaas_nlp.models.base import ModelClient


class Gpt(ModelClient):
    source = "gpt"
    provider = "openai"
    default_effort = "none"  # the reasoning effort

    def _make(self) -> Any:
        import openai

        options: dict[str, Any] = {"base_url": self.base_url} if self.base_url else {}
        return openai.OpenAI(api_key=self.api_key, max_retries=0, timeout=self.timeout_s, **options)

    def _ask(self, client: Any, system: str, user: str) -> Mapping[str, object]:
        completion = client.chat.completions.create(
            model=self.model,
            reasoning_effort=self.effort,
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "interpretation", "schema": ANSWER_SCHEMA, "strict": False},
            },
        )
        if not completion.choices:
            raise OffSchema("no choices")
        choice = completion.choices[0]
        if choice.message.refusal:
            raise Refused(f"refusal: {choice.message.refusal}")
        if choice.finish_reason == "content_filter":
            raise Blocked("finish_reason content_filter")
        if choice.finish_reason == "length":
            raise Truncated("finish_reason length")
        return parse_json(choice.message.content or "")
