"""Claude through the official `anthropic` SDK: the Messages API, answering by a forced tool call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_nlp.models.answer import ANSWER_SCHEMA, TOOL_NAME, OffSchema, parse_json
from klepaas_nlp.models.base import ModelClient


class Claude(ModelClient):
    source = "claude"
    provider = "anthropic"

    def _make(self) -> Any:
        import anthropic

        options: dict[str, Any] = {"base_url": self.base_url} if self.base_url else {}
        return anthropic.Anthropic(api_key=self.api_key, max_retries=0, timeout=self.timeout_s, **options)

    def _ask(self, client: Any, system: str, user: str) -> Mapping[str, object]:
        message = client.messages.create(
            model=self.model,
            max_tokens=512,
            system=system,
            messages=[{"role": "user", "content": user}],
            tools=[{"name": TOOL_NAME, "description": "Record the interpretation.", "input_schema": ANSWER_SCHEMA}],
            tool_choice={"type": "tool", "name": TOOL_NAME},
        )
        for block in message.content:
            if block.type == "tool_use" and block.name == TOOL_NAME:
                if not isinstance(block.input, Mapping):
                    raise OffSchema("tool input is not an object")
                return block.input
        return parse_json("".join(block.text for block in message.content if block.type == "text"))
