"""Issue 16, problem 12: nothing keeps working after the HTTP answer.

On Cloud Functions the CPU is throttled once the response is sent; a thread still running then
(a model call past its deadline, a statistics write) crawls and steals the next request's CPU.
Every thread a chat turn starts must have ended when its response is returned.
"""

from __future__ import annotations

import threading

from flask.testing import FlaskClient

from klepaas_fakes.llm import MODELS, FakeLLM
from klepaas_nlp.models import records
from klepaas_shared.store import get_store

VAGUE = "make K-Le-PaaS/test01 beefier, like three copies"
REPO = {"github_owner": "K-Le-PaaS", "github_repo": "test01"}
SCALE = {"intent": "scale", "args": {**REPO, "replicas": 3}, "confidence": 0.9}


def _threads_left(before: set[threading.Thread]) -> list[str]:
    """Threads started since `before` and still alive, but for the LLM stand-in's own request
    threads (socketserver's): those are the peer's, still holding the hanging call."""
    return sorted(
        thread.name
        for thread in threading.enumerate()
        if thread not in before and thread.is_alive() and "process_request_thread" not in thread.name
    )


def test_a_chat_turn_leaves_no_thread_running_after_its_response(
    client: FlaskClient, auth_headers: dict[str, str], llm: FakeLLM
) -> None:
    llm.script(MODELS["anthropic"], answer=SCALE, delay_ms=50)
    llm.script(MODELS["openai"], hang=True)  # outlives the round's 1 s deadline
    llm.script(MODELS["google"], answer=SCALE)
    before = set(threading.enumerate())
    response = client.post("/api/v1/nlp/conversation", json={"command": VAGUE}, headers=auth_headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["pending_action"]["parameters"] == SCALE["args"]
    assert _threads_left(before) == []
    # The round's statistics were written before the answer, not by a thread left behind.
    rows = {row["model"]: row for row in records.read_all(get_store())}
    assert rows[MODELS["openai"]]["timeouts"] == 1 and rows[MODELS["anthropic"]]["answers"] == 1


def test_consecutive_turns_do_not_accumulate_threads(
    client: FlaskClient, auth_headers: dict[str, str], llm: FakeLLM
) -> None:
    for model in MODELS.values():
        llm.script(model, answer=SCALE)
    before = set(threading.enumerate())
    for _ in range(3):
        assert client.post("/api/v1/nlp/conversation", json={"command": VAGUE}, headers=auth_headers).status_code == 200
        assert _threads_left(before) == []
