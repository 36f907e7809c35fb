"""The nlp function's settings (``KLEPAAS_`` prefix)."""

from __future__ import annotations

from functools import cache

from pydantic import Field, SecretStr

from klepaas_shared.settings import CommonSettings, load


class NlpSettings(CommonSettings):
    session_ttl_s: int = Field(1800, gt=0, description="sliding expiry of a chat session's context")
    pending_ttl_s: int = Field(900, gt=0, description="how long a pending action may be confirmed")
    max_replicas: int = Field(10, gt=0)
    deploy_confirm_window_s: float = Field(
        3.0, ge=0, le=20, description="how long a confirmed deploy is followed before the answer says running"
    )
    llm_deadline_ms: int = Field(1500, gt=0, description="the ensemble's answer deadline")
    anthropic_api_key: SecretStr = SecretStr("")
    anthropic_base_url: str = ""
    anthropic_model: str = "claude-3-5-haiku-latest"
    openai_api_key: SecretStr = SecretStr("")
    openai_base_url: str = ""
    openai_model: str = "gpt-4o-mini"
    gemini_api_key: SecretStr = SecretStr("")
    gemini_base_url: str = ""
    gemini_model: str = "gemini-2.0-flash"


@cache
def settings() -> NlpSettings:
    """This instance's settings (tests clear with ``settings.cache_clear()``)."""
    return load(NlpSettings)
