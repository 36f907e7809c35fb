"""Every nlp endpoint: dry-run interpretation, and malformed or unsigned input → a 4xx envelope, never 500."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROUTES = ["/api/v1/nlp/conversation", "/api/v1/nlp/confirm", "/api/v1/nlp/interpret"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=600),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


def test_interpret_is_a_dry_run_with_uppercase_risk(client, auth_headers, deploy):
    body = client.post("/api/v1/nlp/interpret", json={"command": "K-Le-PaaS/test01 3개로 늘려줘"}, headers=auth_headers)
    data = body.get_json()
    assert body.status_code == 200
    assert data["intent"] == "scale" and data["risk_level"] == "MEDIUM" and data["requires_confirmation"] is True
    assert data["args"] == {"github_owner": "K-Le-PaaS", "github_repo": "test01", "replicas": 3}
    assert [c for c in deploy.calls if not c.dry_run] == []  # at most deploy's check of the mutation
    # Only the policy's answer is used here: deploy reads no target and asks GitHub nothing for it.
    assert [c.policy_only for c in deploy.calls] == [True]


def test_commands_longer_than_500_chars_or_empty_are_rejected(client, auth_headers):
    for command in ("", "파" * 501):
        response = client.post("/api/v1/nlp/conversation", json={"command": command}, headers=auth_headers)
        assert response.status_code == 422 and response.get_json()["error"]["code"]
    # The length is said in characters, in both languages (pydantic's words for it were "501 items").
    said = client.post("/api/v1/nlp/conversation", json={"command": "파" * 501}, headers=auth_headers).get_json()
    message = said["error"]["message"]
    assert "500자까지" in message and "(501자)" in message and "500 characters" in message and "items" not in message
    # Control characters cleaned away first: what is left is what is measured.
    assert (
        client.post(
            "/api/v1/nlp/interpret", json={"command": "\x00" * 600 + "파드 목록"}, headers=auth_headers
        ).status_code
        == 200
    )


def test_unsigned_requests_are_rejected_with_401(client):
    for route in ROUTES:
        assert client.post(route, json={"command": "파드 목록"}).status_code == 401
    assert client.get("/api/v1/nlp/history").status_code == 401


def test_bad_paging_is_a_422(client, auth_headers):
    for query in ("limit=abc", "limit=0", "limit=100000", "offset=-1"):
        assert client.get(f"/api/v1/nlp/history?{query}", headers=auth_headers).status_code == 422


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    route=st.sampled_from(ROUTES),
    body=st.dictionaries(
        st.sampled_from(["command", "session_id", "confirmed", "user_id", "timestamp"]), json_values, max_size=4
    ),
)
def test_random_bodies_answer_2xx_or_a_4xx_envelope(
    client: FlaskClient, auth_headers: dict[str, str], route: str, body: dict[str, Any]
) -> None:
    response = client.post(route, json=body, headers=auth_headers)
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code >= 400:
        assert set(response.get_json()["error"]) >= {"code", "message"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_random_raw_bytes_never_cause_a_500(client: FlaskClient, auth_headers: dict[str, str], raw: bytes) -> None:
    response = client.post(
        "/api/v1/nlp/conversation", data=raw, headers={**auth_headers, "Content-Type": "application/json"}
    )
    assert 400 <= response.status_code < 500 or response.status_code == 200


def test_interpret_with_a_session_remembers_the_target_for_a_follow_up(client, auth_headers, deploy):
    first = {"command": "K-Le-PaaS/test01 상태 보여줘", "session_id": "interpret-follow-up"}
    assert client.post("/api/v1/nlp/interpret", json=first, headers=auth_headers).status_code == 200
    follow_up = {"command": "3개로 늘려줘", "session_id": "interpret-follow-up"}
    data = client.post("/api/v1/nlp/interpret", json=follow_up, headers=auth_headers).get_json()
    assert data["intent"] == "scale"
    assert data["args"] == {"github_owner": "K-Le-PaaS", "github_repo": "test01", "replicas": 3}
    without_session = client.post("/api/v1/nlp/interpret", json={"command": "3개로 늘려줘"}, headers=auth_headers)
    assert without_session.get_json()["args"].get("github_repo") is None
    assert [c for c in deploy.calls if not c.dry_run] == []  # at most deploy's check of the mutation
    # Only the policy's answer is used here: deploy reads no target and asks GitHub nothing for it.
    assert [c.policy_only for c in deploy.calls] == [True]


# The walk's input: NUL, BEL, an ANSI colour, CR LF, U+202E (right-to-left override), U+FEFF, DEL, C0.
CONTROLS = "nginx\x00 재시작\x07해줘\x1b[31m\r\n\u202e\ufeff\x7f" + "".join(chr(i) for i in range(32))
HIDDEN = [chr(i) for i in range(32)] + ["\x7f", "\x1b", "\u202e", "\u202d", "\u2066", "\u2069", "\ufeff", "\u200f"]


def _every_text(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _every_text(item)]
    if isinstance(value, list):
        return [text for item in value for text in _every_text(item)]
    return []


def test_control_and_bidi_characters_are_never_echoed_and_never_read_as_words(client, auth_headers, deploy):
    """A command's control, escape and bidi-override characters are taken out where the body comes
    in (klepaas_shared.text.displayable), before the rules read it: no suggestion is built from an
    escape's leftovers ("31m 재시작해줘"), and no text of a reply carries one back to the console."""
    read = client.post("/api/v1/nlp/interpret", json={"command": CONTROLS}, headers=auth_headers)
    assert read.status_code == 200, read.get_data(as_text=True)
    interpreted = read.get_json()
    assert not any("31m" in s or "[31" in s for s in interpreted.get("suggestions") or [])
    assert interpreted["intent"] == "restart" and interpreted["args"].get("app_name") == "nginx", interpreted
    for route in ("/api/v1/nlp/interpret", "/api/v1/nlp/conversation"):
        for command in (CONTROLS, "\u202e오늘 점심\x1b[1m 뭐\ufeff 먹지\x00"):
            reply = client.post(route, json={"command": command}, headers=auth_headers)
            assert reply.status_code == 200, reply.get_data(as_text=True)
            texts = _every_text(reply.get_json())
            assert not [t for t in texts if any(c in t for c in HIDDEN)], texts
    unknown = client.post(
        "/api/v1/nlp/conversation", json={"command": "\u202e오늘 점심\x1b[1m 뭐\ufeff 먹지\x00"}, headers=auth_headers
    )
    assert unknown.get_json()["result"]["data"]["formatted"]["command"] == "오늘 점심 뭐 먹지"
    rows = client.get("/api/v1/nlp/conversation-history", headers=auth_headers).get_json()
    assert not [t for t in _every_text(rows) if any(c in t for c in HIDDEN)]


def test_a_command_of_nothing_but_control_characters_is_an_empty_command(client, auth_headers):
    response = client.post("/api/v1/nlp/interpret", json={"command": "\x00\x1b[0m\u202e\ufeff"}, headers=auth_headers)
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "validation_failed"
