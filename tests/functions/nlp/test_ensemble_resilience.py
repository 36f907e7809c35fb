"""The ensemble under failing and slow models: a circuit per model, latency in the weighting,
and records that stay exact under concurrent rounds."""

from __future__ import annotations

import threading
from typing import Any

from klepaas_fakes.llm import MODELS, FakeLLM
from klepaas_nlp.intents import Intent
from klepaas_nlp.interpreting import understand
from klepaas_nlp.models import records
from klepaas_nlp.models.base import BREAKER_FAILURES
from klepaas_nlp.models.ensemble import configured
from klepaas_nlp.settings import settings
from klepaas_shared.resilience import CircuitState
from klepaas_shared.store import get_store

CLAUDE, GPT, GEMINI = MODELS["anthropic"], MODELS["openai"], MODELS["google"]
REPO = {"github_owner": "K-Le-PaaS", "github_repo": "test01"}
VAGUE = "make K-Le-PaaS/test01 beefier, like three copies"


def scale(replicas: int, confidence: float) -> dict[str, Any]:
    return {"intent": "scale", "args": {**REPO, "replicas": replicas}, "confidence": confidence}


def record(model: str) -> dict[str, Any]:
    return next(row for row in records.read_all(get_store()) if row["model"] == model)


def test_a_model_that_keeps_failing_is_skipped_without_a_call(llm: FakeLLM) -> None:
    llm.script(CLAUDE, status=503)
    llm.script(GPT, answer=scale(3, 0.8))
    llm.script(GEMINI, answer=scale(3, 0.8))
    for _ in range(BREAKER_FAILURES):
        understand(VAGUE, None)
    assert len(llm.calls_to(CLAUDE)) == BREAKER_FAILURES
    ensemble = configured(settings())
    assert ensemble is not None
    claude = next(client for client in ensemble.clients if client.model == CLAUDE)
    assert claude.breaker.state is CircuitState.OPEN and not claude.available

    interpretation, _ = understand(VAGUE, None)
    assert (interpretation.intent, interpretation.args) == (Intent.SCALE, {**REPO, "replicas": 3})
    assert len(llm.calls_to(CLAUDE)) == BREAKER_FAILURES  # not asked again
    assert (record(CLAUDE)["errors"], record(CLAUDE)["skipped"]) == (BREAKER_FAILURES, 1)
    assert record(GPT)["skipped"] == 0


def test_off_schema_answers_do_not_open_the_circuit(llm: FakeLLM) -> None:
    llm.script(CLAUDE, malformed=True)
    for _ in range(BREAKER_FAILURES + 1):
        understand(VAGUE, None)
    assert len(llm.calls_to(CLAUDE)) == BREAKER_FAILURES + 1
    assert record(CLAUDE)["off_schema"] == BREAKER_FAILURES + 1 and record(CLAUDE)["skipped"] == 0


def test_a_skipped_model_is_asked_again_after_its_reset_time(llm: FakeLLM) -> None:
    llm.script(GPT, status=500)
    for _ in range(BREAKER_FAILURES):
        understand(VAGUE, None)
    ensemble = configured(settings())
    assert ensemble is not None
    gpt = next(client for client in ensemble.clients if client.model == GPT)
    gpt.breaker.reset_timeout_s = 0.0  # the reset time has passed
    llm.script(GPT, answer=scale(4, 0.9))
    interpretation, _ = understand(VAGUE, None)
    assert interpretation.args.get("replicas") == 4
    assert len(llm.calls_to(GPT)) == BREAKER_FAILURES + 1
    assert gpt.breaker.state is CircuitState.CLOSED


def test_of_two_equally_accurate_models_the_one_near_the_deadline_ranks_below_the_fast_one(llm: FakeLLM) -> None:
    store = get_store()
    deadline_ms = settings().llm_deadline_ms
    for model, provider, mean_ms in ((GPT, "openai", deadline_ms * 0.95), (CLAUDE, "anthropic", 40)):
        records.add(store, model, provider, {"answers": 10, "latency_ms_total": int(mean_ms * 10)}, int(mean_ms))
        for _ in range(5):
            records.credit(store, model, True, provider)
    llm.script(GPT, answer={"intent": "restart", "args": REPO, "confidence": 0.95})  # surer, but slow
    llm.script(CLAUDE, answer=scale(3, 0.9))
    llm.script(GEMINI, status=500)
    interpretation, _ = understand(VAGUE, None)
    assert (interpretation.intent, interpretation.model) == (Intent.SCALE, CLAUDE)


def test_speed_falls_linearly_from_one_to_a_half_at_the_deadline() -> None:
    assert records.speed(None, 1000) == 1.0
    assert records.speed({"answers": 2, "latency_ms_total": 0}, 1000) == 1.0
    assert records.speed({"answers": 2, "latency_ms_total": 1000}, 1000) == 0.75
    assert records.speed({"answers": 1, "latency_ms_total": 5000}, 1000) == 0.5
    assert records.weight({"answers": 1, "latency_ms_total": 1000, "correct": 3, "wrong": 1}, 1000) == 2 * (4 / 6) * 0.5


def test_concurrent_rounds_lose_neither_a_count_nor_the_largest_latency() -> None:
    store = get_store()
    latencies = [37 * n % 1000 for n in range(1, 41)]
    gate = threading.Barrier(8)

    def report(batch: list[int]) -> None:
        gate.wait()
        for latency in batch:
            records.add(store, GPT, "openai", {"answers": 1, "latency_ms_total": latency}, latency)

    threads = [threading.Thread(target=report, args=(latencies[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    row = record(GPT)
    assert (row["answers"], row["latency_ms_total"], row["latency_ms_max"]) == (
        len(latencies),
        sum(latencies),
        max(latencies),
    )
