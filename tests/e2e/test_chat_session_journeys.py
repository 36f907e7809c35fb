"""The walk of the chat with the real console (make dev): a follow-up by the repository's bare name
acts on the session's repository; a mutation deploy would refuse or could not find is answered
before any question; the question's history row ends with the outcome."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Chat, Console
from .standins import OWNER, REPO


def _asks(answer: dict[str, Any], kind: str) -> dict[str, Any]:
    assert answer["requires_confirmation"] is True and answer["result"] is None, answer
    action: dict[str, Any] = answer["pending_action"]
    assert action["type"] == kind
    return action


def _answered_instead_of_asking(answer: dict[str, Any]) -> str:
    assert answer["requires_confirmation"] is False and answer["pending_action"] is None, answer
    assert answer["cost_estimate"] is None and answer["result"]["type"] == "error"
    message: str = answer["message"]
    return message


def _question(console: Console, answer: dict[str, Any]) -> dict[str, Any]:
    rows = console.ok(console.get("/api/v1/nlp/history", limit=50, offset=0, t=1))
    # The session's own question: earlier journeys of the same user may have asked the same one.
    [row] = [
        r
        for r in rows
        if r["tool"] != "user_message"
        and r["command_text"] == answer["message"]
        and r.get("session_id", answer["session_id"]) == answer["session_id"]
    ]
    found: dict[str, Any] = row
    return found


def test_a_follow_up_by_the_repositorys_bare_name_acts_on_the_sessions_repository(
    chat: Chat, admin: Console, released: dict[str, Any]
) -> None:
    chat.say(f"{OWNER}/{REPO} 상태 보여줘")
    logs = chat.say(f"{REPO} 로그 보여줘")
    assert logs["result"]["type"] == "logs", logs
    assert logs["result"]["data"]["formatted"]["pod_name"].startswith("k-le-paas-test01-")

    scale = chat.say(f"{REPO} 3개로 늘려줘")
    action = _asks(scale, "scale")
    assert action["parameters"] == {"github_owner": OWNER, "github_repo": REPO, "replicas": 3}
    assert "개에서 3개로" in scale["message"]  # the dry run found the app and its replicas
    assert _question(admin, scale)["status"] == "pending"
    assert 200 <= chat.confirm(False).status_code < 300
    row = _question(admin, scale)
    assert (row["status"], row["outcome"]) == ("failed", "cancelled")  # it never ran

    restart = chat.say(f"{REPO} 재시작해줘")
    _asks(restart, "restart")
    assert admin.ok(chat.confirm(True))["status"] == "completed"
    row = _question(admin, restart)
    assert (row["status"], row["outcome"]) == ("completed", "confirmed")


def test_a_mutation_of_an_app_that_does_not_exist_is_answered_before_asking(chat: Chat) -> None:
    message = _answered_instead_of_asking(chat.say("no-such-app 3개로 늘려줘"))
    assert "no-such-app" in message and "찾을 수 없습니다" in message
    assert 400 <= chat.confirm(True).status_code < 500  # nothing is pending


@pytest.mark.parametrize(
    ("command", "english", "korean"),
    [
        ("nginx를 kube-system 네임스페이스에 배포해줘", "system namespace", "시스템 네임스페이스"),
        ("nginx를 team-b 네임스페이스에 배포해줘", "not team-b", "team-b가 아니라"),
        ("frontend-app를 team-c 네임스페이스에 배포해줘", "not team-c", "team-c가 아니라"),
    ],
)
def test_a_deploy_the_policy_refuses_is_refused_before_asking(
    chat: Chat, admin: Console, command: str, english: str, korean: str
) -> None:
    message = _answered_instead_of_asking(chat.say(command))
    assert korean in message and english not in message, message  # one language: the command's
    assert 400 <= chat.confirm(True).status_code < 500
    interpreted = admin.ok(admin.post("/api/v1/nlp/interpret", {"command": command}))
    assert interpreted["requires_confirmation"] is False and korean in interpreted["refused"], interpreted
