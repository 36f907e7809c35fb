"""`GET /api/v1/nlp/insights`: per user (commands, success, accuracy, corrections, learned) and per model."""

from __future__ import annotations

from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_nlp.models.records import COLLECTION as MODEL_RECORDS
from klepaas_shared.store import get_store

URL = "/api/v1/nlp/insights"


def ask(client: FlaskClient, headers: dict[str, str], command: str) -> int:
    assert client.post("/api/v1/nlp/conversation", json={"command": command}, headers=headers).status_code == 200
    return int(client.get("/api/v1/nlp/history?limit=2", headers=headers).get_json()[1]["id"])


def feedback(client: FlaskClient, headers: dict[str, str], row: int, interpretation: dict | None = None) -> None:
    body = {"history_id": row, "correct": interpretation is None, "interpretation": interpretation}
    assert client.post("/api/v1/nlp/feedback", json=body, headers=headers).status_code == 200


def test_a_users_insights_count_commands_accuracy_corrections_and_aliases(client, auth_headers, make_token):
    feedback(client, auth_headers, ask(client, auth_headers, "파드 목록 보여줘"))
    ask(client, auth_headers, "파드 목록 보여줘")
    ask(client, auth_headers, "디플로이먼트 목록 보여줘")
    wrong = ask(client, auth_headers, "내 앱 재시작")
    feedback(client, auth_headers, wrong, {"intent": "restart", "args": {"app_name": "my-app"}})
    ask(client, {"Authorization": f"Bearer {make_token(sub='other')}"}, "서비스 목록 보여줘")

    user = client.get(f"{URL}?user_id=u&user_id=u", headers=auth_headers).get_json()["user"]
    assert user["commands"] == 4 and user["feedback"] == {"right": 1, "wrong": 1} and user["accuracy"] == 0.5
    assert user["success_rate"] == 0.75  # the restart without a target was a question, not a success
    assert user["top_intents"][0] == {"intent": "list_pods", "count": 2}
    assert {"intent": "list_deployments", "count": 1} in user["top_intents"]
    assert "list_services" not in {item["intent"] for item in user["top_intents"]}
    [correction] = user["corrections"]
    assert correction["command"] == "내 앱 재시작"
    assert correction["was"] == {"intent": "restart", "args": {}}
    assert correction["wanted"] == {"intent": "restart", "args": {"app_name": "my-app"}}
    assert [(a["phrase"], a["to"], a["kind"]) for a in user["aliases"]] == [("내 앱", "my-app", "target")]
    assert user["known_targets"] == ["my-app"] and user["preferred_environment"] is None


def test_a_new_user_has_empty_insights(client, auth_headers):
    body = client.get(URL, headers=auth_headers).get_json()
    assert body == {
        "user": {
            "commands": 0,
            "window": 1000,
            "success_rate": None,
            "feedback": {"right": 0, "wrong": 0},
            "accuracy": None,
            "corrections": [],
            "top_intents": [],
            "aliases": [],
            "preferred_environment": None,
            "known_targets": [],
        },
        "models": [],
    }


def test_model_insights_read_the_ensemble_records(client, auth_headers):
    store = get_store()
    store.set(
        MODEL_RECORDS,
        "gpt-4o-mini",
        {
            "model": "gpt-4o-mini",
            "provider": "openai",
            "answers": 8,
            "wins": 2,
            "timeouts": 1,
            "errors": 0,
            "off_schema": 1,
            "correct": 3,
            "wrong": 1,
            "latency_ms_total": 3200,
            "latency_ms_max": 900,
            "updated_at": "2025-01-01T00:00:00Z",
        },
    )
    store.set(MODEL_RECORDS, "gemini-2.0-flash", {"model": "gemini-2.0-flash", "provider": "google", "answers": "bad"})
    models = client.get(URL, headers=auth_headers).get_json()["models"]
    assert [m["model"] for m in models] == ["gemini-2.0-flash", "gpt-4o-mini"]
    gpt = models[1]
    assert (gpt["accuracy"], gpt["win_rate"], gpt["latency_ms_avg"], gpt["latency_ms_max"]) == (0.75, 0.25, 400.0, 900)
    assert (gpt["timeouts"], gpt["off_schema"], gpt["provider"]) == (1, 1, "openai")
    assert models[0]["answers"] == 0 and models[0]["accuracy"] is None and models[0]["latency_ms_avg"] is None


def test_insights_need_a_token(client):
    assert client.get(URL).status_code == 401


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=200))
def test_random_queries_never_cause_a_500(client: FlaskClient, auth_headers: dict[str, str], query: str) -> None:
    response = client.get(URL, query_string=query, headers=auth_headers)
    assert response.status_code == 200
