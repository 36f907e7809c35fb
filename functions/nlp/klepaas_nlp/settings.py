"""The nlp function's settings (``KLEPAAS_`` prefix).

The models, and why (ids from each provider's current model list, December 2026):

- ``claude-haiku-4-5`` (Anthropic's models overview: the fastest current Claude, the named
  successor of the retired ``claude-3-5-haiku``). A forced tool call, no thinking (Haiku
  4.5 thinks only when asked, and a forced tool choice excludes thinking). Deadline 2,000 ms:
  about 0.5-0.8 s to the first token over TLS, then ~60 tokens of tool input.
- ``gpt-5.4-mini`` (a generally available small GPT-5 model: OpenAI's deprecations page
  names it as the substitute for retired small snapshots; ``gpt-4o-mini`` has a published
  shutdown date). It reasons by default and then rejects ``temperature``; ``reasoning_effort``
  ``none`` because reading a command into a closed schema is extraction, and reasoning tokens
  would not fit the deadline. Deadline 2,000 ms.
- ``gemini-3.5-flash-lite`` (Google's replacement for Gemini 2.5 Flash; ``gemini-2.0-flash``
  was shut down). It thinks by default: ``thinking_level`` ``minimal``, Google's advice for
  classification and JSON extraction. Deadline 1,500 ms: the lightest of the three.

``llm_deadline_ms`` bounds the whole round (the slowest model); each model's own deadline is
the smaller of its setting and the round's. A wrong id or key shows at the first call: an
error log with the provider's message, ``models_unavailable`` in ``/healthz`` and
``available: false`` in the insights.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field, SecretStr

from klepaas_shared.settings import CommonSettings, load


class NlpSettings(CommonSettings):
    session_ttl_s: int = Field(1800, gt=0, description="sliding expiry of a chat session's context")
    pending_ttl_s: int = Field(900, gt=0, description="how long a pending action may be confirmed")
    max_replicas: int = Field(10, gt=0)
    deploy_confirm_window_s: float = Field(
        3.0, ge=0, le=20, description="how long a confirmed deploy is followed before the answer says running"
    )
    llm_deadline_ms: int = Field(2500, gt=0, description="the longest a round waits for the models")
    anthropic_api_key: SecretStr = SecretStr("")
    anthropic_base_url: str = ""
    anthropic_model: str = "claude-haiku-4-5"
    anthropic_deadline_ms: int = Field(2000, gt=0, description="Claude's deadline (a forced tool call)")
    openai_api_key: SecretStr = SecretStr("")
    openai_base_url: str = ""
    openai_model: str = "gpt-5.4-mini"
    openai_deadline_ms: int = Field(2000, gt=0, description="GPT's deadline (a json_schema answer)")
    openai_reasoning_effort: Literal["none", "minimal", "low", "medium", "high"] = Field(
        "none", description="GPT's reasoning_effort; anything above none costs reasoning tokens"
    )
    gemini_api_key: SecretStr = SecretStr("")
    gemini_base_url: str = ""
    gemini_model: str = "gemini-3.5-flash-lite"
    gemini_deadline_ms: int = Field(1500, gt=0, description="Gemini's deadline (a JSON answer)")
    gemini_thinking_level: Literal["minimal", "low", "medium", "high"] = Field(
        "minimal", description="Gemini 3's thinking_level (a Gemini 2 model gets thinking_budget 0)"
    )


@cache
def settings() -> NlpSettings:
    """This instance's settings (tests clear with ``settings.cache_clear()``)."""
    return load(NlpSettings)
