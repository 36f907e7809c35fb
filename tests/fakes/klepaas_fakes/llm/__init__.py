"""Stand-ins for the Anthropic, OpenAI and Gemini APIs (see :mod:`klepaas_fakes.llm.server`)."""

from __future__ import annotations

from klepaas_fakes.llm.server import KEYS, KNOWN, Call, FakeLLM, Script, import_sdks, llm_server

__all__ = ["KEYS", "KNOWN", "MODELS", "Call", "FakeLLM", "Script", "import_sdks", "llm_server", "nlp_env"]

MODELS = {"anthropic": "claude-test", "openai": "gpt-test", "google": "gemini-test"}


def nlp_env(llm: FakeLLM, deadline_ms: int = 1000, providers: tuple[str, ...] = tuple(MODELS)) -> dict[str, str]:
    """KLEPAAS_* settings that point the nlp function's models (the named providers) at `llm`."""
    names = {"anthropic": "ANTHROPIC", "openai": "OPENAI", "google": "GEMINI"}
    env = {"KLEPAAS_LLM_DEADLINE_MS": str(deadline_ms)}
    for provider, name in names.items():
        wanted = provider in providers
        env[f"KLEPAAS_{name}_API_KEY"] = KEYS[provider] if wanted else ""
        env[f"KLEPAAS_{name}_MODEL"] = MODELS[provider]
        env[f"KLEPAAS_{name}_BASE_URL"] = llm.url + ("/v1" if provider == "openai" else "")
    return env
