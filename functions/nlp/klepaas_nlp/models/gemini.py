"""Gemini through the official `google-genai` SDK: generateContent with a JSON response schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_nlp.models.answer import ANSWER_SCHEMA, parse_json
from klepaas_nlp.models.base import ModelClient


class Gemini(ModelClient):
    source = "gemini"
    provider = "google"

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

    def _ask(self, client: Any, system: str, user: str) -> Mapping[str, object]:
        from google.genai import types

        response = client.models.generate_content(
            model=self.model,
            contents=user,
            config=types.GenerateContentConfig(
                system_instruction=system,
                temperature=0,
                response_mime_type="application/json",
                response_json_schema=ANSWER_SCHEMA,
            ),
        )
        return parse_json(response.text or "")
