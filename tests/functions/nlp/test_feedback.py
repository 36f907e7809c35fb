"""`POST /api/v1/nlp/feedback`: tied to the user's own history, validated, once per command."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_nlp.learning.feedback import FEEDBACK
from klepaas_nlp.models import records
from klepaas_nlp.models.records import COLLECTION as MODEL_RECORDS
from klepaas_shared.store import get_store

URL = "/api/v1/nlp/feedback"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


def ask(client: FlaskClient, headers: dict[str, str], command: str) -> tuple[int, int]:
    """(the command's row id, the answer's row id)."""
    assert client.post("/api/v1/nlp/conversation", json={"command": command}, headers=headers).status_code == 200
    rows = client.get("/api/v1/nlp/history?limit=2", headers=headers).get_json()
    return rows[1]["id"], rows[0]["id"]


def send(client: FlaskClient, headers: dict[str, str], body: Any) -> Any:
    return client.post(URL, json=body, headers=headers)


def test_right_feedback_is_recorded_once_whichever_row_it_names(client, auth_headers):
    asked, answered = ask(client, auth_headers, "파드 목록 보여줘")
    response = send(client, auth_headers, {"history_id": asked, "correct": True, "user_id": "u"})
    assert response.status_code == 200
    assert response.get_json() == {"history_id": answered, "correct": True, "model": None, "learned": []}
    again = send(client, auth_headers, {"command_id": answered, "correct": True})
    assert again.status_code == 409 and "already" in again.get_json()["error"]["message"]
    assert len(get_store().query(FEEDBACK)) == 1


def test_another_users_history_id_is_a_404(client, auth_headers, make_token):
    asked, answered = ask(client, auth_headers, "파드 목록 보여줘")
    intruder = {"Authorization": f"Bearer {make_token(sub='intruder')}"}
    for row_id in (asked, answered, 999_999):
        response = send(
            client, intruder, {"history_id": row_id, "correct": False, "interpretation": {"intent": "list_pods"}}
        )
        assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    assert get_store().query(FEEDBACK) == []


def test_a_wrong_answer_needs_a_complete_valid_correction(client, auth_headers):
    asked, _ = ask(client, auth_headers, "내 앱 재시작")
    cases = [
        ({"correct": False}, "needs the correct interpretation"),
        ({"correct": True, "interpretation": {"intent": "restart", "args": {"app_name": "x"}}}, "only with correct"),
        ({"correct": False, "interpretation": {"intent": "delete_namespace"}}, "Unsupported intent"),
        ({"correct": False, "interpretation": {"intent": "restart", "args": {"shell": "rm -rf /"}}}, "shell"),
        (
            {"correct": False, "interpretation": {"intent": "scale", "args": {"app_name": "x", "replicas": 999}}},
            "limited to 10",
        ),
        ({"correct": False, "interpretation": {"intent": "restart", "args": {}}}, "lacks: target"),
        (
            {"correct": False, "interpretation": {"intent": "restart", "args": {"app_name": "Not A Name!"}}},
            "Kubernetes",
        ),
    ]
    for extra, words in cases:
        response = send(client, auth_headers, {"history_id": asked, **extra})
        assert response.status_code == 422, (extra, response.get_json())
        assert words in response.get_json()["error"]["message"], response.get_json()
    assert get_store().query(FEEDBACK) == []


def test_malformed_bodies_are_422_and_oversized_ones_413(client, auth_headers):
    asked, _ = ask(client, auth_headers, "파드 목록 보여줘")
    for body in (
        {"history_id": str(asked), "correct": True},
        {"history_id": asked, "correct": "yes"},
        {"history_id": True, "correct": True},
        {"history_id": 0, "correct": True},
        {"history_id": asked, "correct": False, "interpretation": {"intent": "restart", "args": {"app_name": ["x"]}}},
        {"history_id": asked, "correct": False, "interpretation": {"intent": "restart", "extra": 1}},
    ):
        assert send(client, auth_headers, body).status_code == 422, body
    assert send(client, auth_headers, [asked]).status_code == 400
    huge = {"history_id": asked, "correct": True, "padding": "x" * 2_000_000}
    assert send(client, auth_headers, huge).status_code == 413
    assert (
        client.post(URL, data=b"{not json", headers={**auth_headers, "Content-Type": "application/json"}).status_code
        == 400
    )
    assert client.post(URL, json={"history_id": asked, "correct": True}).status_code == 401


def test_feedback_on_a_model_answer_credits_that_model(client, auth_headers):
    asked, answered = ask(client, auth_headers, "파드 목록 보여줘")
    store = get_store()
    store.update("commands", f"{answered:012d}", {"model": "claude-3-5-haiku-latest"})
    store.set(
        MODEL_RECORDS,
        "claude-3-5-haiku-latest",
        {"model": "claude-3-5-haiku-latest", "provider": "anthropic", "correct": 4},
    )
    response = send(
        client, auth_headers, {"history_id": asked, "correct": False, "interpretation": {"intent": "list_services"}}
    )
    assert response.status_code == 200 and response.get_json()["model"] == "claude-3-5-haiku-latest"
    # The record was one document (before sharding); the credit went to a shard: readers add them up.
    (record,) = [row for row in records.read_all(store) if row["model"] == "claude-3-5-haiku-latest"]
    assert (record["correct"], record["wrong"]) == (4, 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.dictionaries(
        st.sampled_from(["history_id", "command_id", "correct", "interpretation", "user_id"]), json_values, max_size=4
    )
)
def test_random_feedback_bodies_answer_2xx_or_a_4xx_envelope(
    client: FlaskClient, auth_headers: dict[str, str], body: dict[str, Any]
) -> None:
    response = send(client, auth_headers, body)
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code >= 400:
        assert set(response.get_json()["error"]) >= {"code", "message"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    intent=st.sampled_from(["restart", "scale", "deploy", "logs", "unknown", "rollback", "x" * 41]),
    args=st.dictionaries(
        st.sampled_from(["app_name", "replicas", "github_owner", "lines", "steps_back"]), json_values, max_size=3
    ),
)
def test_random_corrections_never_cause_a_500(
    client: FlaskClient, auth_headers: dict[str, str], intent: str, args: dict[str, Any]
) -> None:
    asked, _ = ask(client, auth_headers, "내 앱 재시작")
    response = send(
        client,
        auth_headers,
        {"history_id": asked, "correct": False, "interpretation": {"intent": intent, "args": args}},
    )
    assert response.status_code in (200, 422), response.get_data(as_text=True)
