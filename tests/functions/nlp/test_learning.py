"""A user's corrections become aliases and preferences that change that user's later interpretations."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from klepaas_nlp import learning
from klepaas_nlp.intents import Intent, build_interpretation
from klepaas_nlp.learning import profiles

from .conftest import DeployStandIn


def say(client: FlaskClient, headers: dict[str, str], command: str) -> dict[str, Any]:
    response = client.post("/api/v1/nlp/conversation", json={"command": command}, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def last_command_id(client: FlaskClient, headers: dict[str, str]) -> int:
    rows = client.get("/api/v1/nlp/history?limit=5", headers=headers).get_json()
    return next(row["id"] for row in rows if row["tool"] == "user_message")


def correct(client: FlaskClient, headers: dict[str, str], intent: str, args: dict[str, Any]) -> dict[str, Any]:
    body = {
        "history_id": last_command_id(client, headers),
        "correct": False,
        "interpretation": {"intent": intent, "args": args},
    }
    response = client.post("/api/v1/nlp/feedback", json=body, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def interpret(client: FlaskClient, headers: dict[str, str], command: str) -> dict[str, Any]:
    response = client.post("/api/v1/nlp/interpret", json={"command": command}, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_a_corrected_target_phrase_resolves_for_that_user_only(client, auth_headers, make_token):
    first = say(client, auth_headers, "내 앱 재시작")
    assert first["requires_confirmation"] is False and first["state"] == "needs_input"
    learned = correct(client, auth_headers, "restart", {"app_name": "my-app"})["learned"]
    assert [(a["phrase"], a["to"], a["kind"]) for a in learned] == [("내 앱", "my-app", "target")]

    again = say(client, auth_headers, "내 앱을 재시작해줘")
    assert again["requires_confirmation"] is True
    assert again["pending_action"]["parameters"] == {"app_name": "my-app"}
    other = {"Authorization": f"Bearer {make_token(sub='someone-else')}"}
    assert interpret(client, other, "내 앱 재시작")["missing"] == ["target"]


def test_an_intent_phrase_becomes_an_alias_only_after_a_repeated_correction(client, auth_headers):
    assert interpret(client, auth_headers, "shop-api 살려줘")["intent"] == "unknown"
    say(client, auth_headers, "shop-api 살려줘")
    assert correct(client, auth_headers, "restart", {"app_name": "shop-api"})["learned"] == []
    assert interpret(client, auth_headers, "shop-api 살려줘")["intent"] == "unknown"

    say(client, auth_headers, "shop-api 살려줘")
    learned = correct(client, auth_headers, "restart", {"app_name": "shop-api"})["learned"]
    assert [(a["phrase"], a["to"], a["kind"]) for a in learned] == [("살려줘", "재시작해줘", "intent")]
    reading = interpret(client, auth_headers, "web-app 살려줘")
    assert (reading["intent"], reading["args"]) == ("restart", {"app_name": "web-app"})
    assert reading["requires_confirmation"] is True and reading["risk_level"] == "MEDIUM"


def test_a_learned_mutation_phrase_still_waits_for_confirmation(client, auth_headers, deploy: DeployStandIn):
    for _ in range(2):
        say(client, auth_headers, "shop-api 살려줘")
        correct(client, auth_headers, "restart", {"app_name": "shop-api"})
    reply = say(client, auth_headers, "shop-api 살려줘")
    assert reply["requires_confirmation"] is True and reply["pending_action"]["type"] == "restart"
    assert not [call for call in deploy.calls if call.type == "restart" and not call.dry_run]


def test_a_read_is_never_taught_to_become_a_mutation(client, auth_headers, deploy: DeployStandIn):
    for _ in range(3):
        say(client, auth_headers, "파드 목록 보여줘")
        assert correct(client, auth_headers, "restart", {"app_name": "shop-api"})["learned"] == []
    reply = say(client, auth_headers, "파드 목록 보여줘")
    assert reply["result"]["type"] == "list_pods" and reply["requires_confirmation"] is False
    assert not [call for call in deploy.calls if call.type == "restart" and not call.dry_run]


def test_an_alias_cannot_smuggle_a_forbidden_request(client, auth_headers):
    say(client, auth_headers, "내 앱 재시작")
    correct(client, auth_headers, "restart", {"app_name": "my-app"})
    refused = interpret(client, auth_headers, "내 앱 삭제해줘")
    assert refused["refused"] and refused["requires_confirmation"] is False and refused["intent"] == "unknown"


def test_repeated_environment_corrections_become_the_preferred_environment(client, auth_headers):
    assert "environment" not in interpret(client, auth_headers, "web-app 배포해줘")["args"]
    for _ in range(2):
        say(client, auth_headers, "web-app 배포해줘")
        correct(client, auth_headers, "deploy", {"app_name": "web-app", "environment": "production"})
    assert interpret(client, auth_headers, "api-app 배포해줘")["args"] == {
        "app_name": "api-app",
        "environment": "production",
    }


def test_aliases_and_votes_are_bounded_per_user():
    wanted_of = lambda n: build_interpretation(  # noqa: E731
        Intent.RESTART, {"app_name": f"app-{n}"}, confidence=1.0, source="rules"
    )
    for n in range(profiles.MAX_ALIASES + 5):
        learning.learn("bounded", f"우리꺼{n}번 재시작", Intent.RESTART, wanted_of(n), max_replicas=10)
    saved = profiles.load("bounded")
    assert len(saved["aliases"]) == profiles.MAX_ALIASES
    assert len(saved["votes"]) <= profiles.MAX_VOTES and len(saved["targets"]) <= profiles.MAX_TARGETS
    phrases = {alias["phrase"] for alias in saved["aliases"]}
    assert f"우리꺼{profiles.MAX_ALIASES + 4}번" in phrases and "우리꺼0번" not in phrases


def test_a_confirmed_command_makes_its_target_known(client, auth_headers):
    say(client, auth_headers, "K-Le-PaaS/test01 재시작해줘")
    rows = client.get("/api/v1/nlp/history?limit=1", headers=auth_headers).get_json()
    sid = rows[0]["session_id"]
    client.post("/api/v1/nlp/confirm", json={"session_id": sid, "confirmed": True}, headers=auth_headers)
    assert learning.profile("user-1").known_targets == ["K-Le-PaaS/test01"]
    unfamiliar = interpret(client, auth_headers, "K-Le-PaaS/tset01 재시작해줘")
    assert unfamiliar["confidence"] < 0.9 and any("test01" in s for s in unfamiliar["suggestions"])
