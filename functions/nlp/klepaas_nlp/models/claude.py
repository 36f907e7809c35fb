"""Claude through the official `anthropic` SDK: the Messages API, answering by a forced tool call.

No thinking: Claude Haiku 4.5 thinks only when asked (extended thinking), and a forced tool
choice does not combine with thinking anyway. No temperature either: the forced tool call and
the closed schema already pin the answer's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_nlp.models.answer import ANSWER_SCHEMA, TOOL_NAME, OffSchema, Refused, Truncated, parse_json
from klepaas_nlp.models.base import ModelClient

MAX_TOKENS = 512  # the answer is one small JSON object (~60 tokens)


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
            max_tokens=MAX_TOKENS,
            system=system,
            messages=[{"role": "user", "content": user}],
            tools=[{"name": TOOL_NAME, "description": "Record the interpretation.", "input_schema": ANSWER_SCHEMA}],
            tool_choice={"type": "tool", "name": TOOL_NAME},
        )
        # Read why it stopped before what it said: a cut-off tool input is not an answer.
        if message.stop_reason == "refusal":
            raise Refused("stop_reason refusal")
        if message.stop_reason == "max_tokens":
            raise Truncated(f"stop_reason max_tokens at {MAX_TOKENS} tokens")
        for block in message.content:
            if block.type == "tool_use" and block.name == TOOL_NAME:
                if not isinstance(block.input, Mapping):
                    raise OffSchema("tool input is not an object")
                return block.input
        text = "".join(block.text for block in message.content if block.type == "text")
        return parse_json(text) if text else self._no_answer(message.stop_reason)

    @staticmethod
    def _no_answer(stop_reason: object) -> Mapping[str, object]:
        raise OffSchema(f"no tool call and no text (stop_reason {stop_reason})")
