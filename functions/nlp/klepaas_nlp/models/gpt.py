"""GPT through the official `openai` SDK: Chat Completions with a `json_schema` response format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_nlp.models.answer import ANSWER_SCHEMA, parse_json
from klepaas_nlp.models.base import ModelClient


class Gpt(ModelClient):
    source = "gpt"
    provider = "openai"

    def _make(self) -> Any:
        import openai

        options: dict[str, Any] = {"base_url": self.base_url} if self.base_url else {}
        return openai.OpenAI(api_key=self.api_key, max_retries=0, timeout=self.timeout_s, **options)

    def _ask(self, client: Any, system: str, user: str) -> Mapping[str, object]:
        completion = client.chat.completions.create(
            model=self.model,
            temperature=0,
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "interpretation", "schema": ANSWER_SCHEMA, "strict": False},
            },
        )
        if not completion.choices:
            return parse_json("")
        return parse_json(completion.choices[0].message.content or "")
