"""What a chat turn writes besides its answer: the models' records off the request, the reply
capped where it is stored, the models that stopped working shown in /healthz and the insights."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from klepaas_fakes.llm import MODELS, FakeLLM
from klepaas_nlp.chat.history import MAX_RESULT_BYTES
from klepaas_nlp.models import availability, records
from klepaas_shared.errors import Unavailable
from klepaas_shared.store import get_store
from klepaas_shared.store.limits import document_bytes

from .conftest import READS

REPO = {"github_owner": "K-Le-PaaS", "github_repo": "test01"}
VAGUE = "make K-Le-PaaS/test01 beefier, like three copies"
SCALE = {"intent": "scale", "args": {**REPO, "replicas": 3}, "confidence": 0.9}


def _history(client: FlaskClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = client.get("/api/v1/nlp/conversation-history?limit=50&offset=0", headers=headers)
    assert response.status_code == 200
    rows: list[dict[str, Any]] = response.get_json()
    return rows


def test_the_model_records_failing_never_fails_the_turn_nor_leaves_it_unanswered(
    client: FlaskClient, auth_headers: dict[str, str], llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    for model in MODELS.values():
        llm.script(model, answer=SCALE)
    store = get_store()
    set_, query = store.set, store.query

    def contended(collection: str, *args: Any, **kwargs: Any) -> Any:
        if collection == records.COLLECTION:  # what Firestore does to a document written too often
            raise Unavailable(f"Firestore is unavailable (Aborted) for {collection}")
        return (set_ if args and isinstance(args[0], str) else query)(collection, *args, **kwargs)

    monkeypatch.setattr(store, "set", contended)
    monkeypatch.setattr(store, "query", contended)
    response = client.post("/api/v1/nlp/conversation", json={"command": VAGUE}, headers=auth_headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["pending_action"]["parameters"] == SCALE["args"]
    monkeypatch.undo()
    rows = _history(client, auth_headers)
    assert [row["tool"] for row in rows] == ["user_message", "scale"]  # asked and answered
    assert records.read_all(store) == []  # the round's statistics were dropped, and only they


def test_a_round_is_counted_once_per_model_in_sharded_records(
    client: FlaskClient, auth_headers: dict[str, str], llm: FakeLLM
) -> None:
    for model in MODELS.values():
        llm.script(model, answer=SCALE)
    for _ in range(3):
        assert client.post("/api/v1/nlp/conversation", json={"command": VAGUE}, headers=auth_headers).status_code == 200
    rows = {row["model"]: row for row in records.read_all(get_store())}
    assert {model: row["answers"] for model, row in rows.items()} == dict.fromkeys(MODELS.values(), 3)
    assert sum(row["wins"] for row in rows.values()) == 3
    shards = get_store().query(records.COLLECTION, where=[("model", "in", list(MODELS.values()))])
    assert all(":" in doc.id for doc in shards) and get_store().get(records.COLLECTION, MODELS["openai"]) is None


def test_a_retired_model_shows_in_healthz_and_the_insights_until_it_answers_again(
    client: FlaskClient, auth_headers: dict[str, str], llm: FakeLLM
) -> None:
    llm.script(MODELS["openai"], answer=SCALE)
    llm.script(MODELS["google"], answer=SCALE)
    llm.known.discard(MODELS["anthropic"])  # the provider retired it
    llm.scripts.pop(MODELS["anthropic"], None)
    assert client.post("/api/v1/nlp/conversation", json={"command": VAGUE}, headers=auth_headers).status_code == 200
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded"
    (down,) = health["models_unavailable"]
    assert (down["model"], down["status"]) == (MODELS["anthropic"], 404)
    assert f"model: {MODELS['anthropic']}" in down["reason"]
    models = {m["model"]: m for m in client.get("/api/v1/nlp/insights", headers=auth_headers).get_json()["models"]}
    claude = models[MODELS["anthropic"]]
    assert (claude["available"], claude["unavailable"]) == (False, 1)
    assert f"model: {MODELS['anthropic']}" in claude["unavailable_reason"]
    assert models[MODELS["openai"]]["available"] is True
    llm.script(MODELS["anthropic"], answer=SCALE)  # back
    assert client.post("/api/v1/nlp/conversation", json={"command": VAGUE}, headers=auth_headers).status_code == 200
    assert client.get("/healthz").get_json()["models_unavailable"] == []
    models = {m["model"]: m for m in client.get("/api/v1/nlp/insights", headers=auth_headers).get_json()["models"]}
    assert models[MODELS["anthropic"]]["available"] is True and availability.unavailable() == []


def test_a_huge_logs_reply_is_stored_capped_with_its_newest_lines_and_a_marker(
    client: FlaskClient, auth_headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [f"{i:05d} " + "로그" * 2000 for i in range(100)]  # ~1.2 MB: past Firestore's 1 MiB
    monkeypatch.setitem(
        READS,
        "logs",
        {"pod_name": "web-1", "namespace": "default", "lines": 100, "log_lines": lines, "total_lines": 100},
    )
    response = client.post(
        "/api/v1/nlp/conversation", json={"command": "web-1 파드 로그 100줄 보여줘"}, headers=auth_headers
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["result"]["type"] == "logs"
    stored = _history(client, auth_headers)[-1]["result"]
    assert document_bytes(stored) <= MAX_RESULT_BYTES
    shown = stored["data"]["formatted"]["log_lines"]
    assert shown[0].startswith("[… earlier lines left out") and shown[-1] == lines[-1]
    assert shown[1:] == lines[-(len(shown) - 1) :]  # the newest lines, in order
    assert stored["data"]["raw"] is None
