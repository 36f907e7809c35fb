"""The chat against the real deploy function (over HTTP) and the Kubernetes stand-in: the session
carries its repository to a bare app name, a mutation deploy would refuse or could not find is
answered before any question, and the question's history row ends with the outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import functions_framework
import pytest
from flask.testing import FlaskClient

from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS
from klepaas_shared.store import get_store

from .test_journeys import HOST_APP, ROOT, chat, cluster  # noqa: F401  (the journeys' fixtures)

OWNER, REPO = "K-Le-PaaS", "test01"
DEVELOPER = ("read", "deploy:execute")


def _nlp() -> FlaskClient:
    return functions_framework.create_app(target="nlp_http", source=str(ROOT / "functions/nlp/main.py")).test_client()


def _say(client: FlaskClient, headers: dict[str, str], command: str, session: str) -> dict[str, Any]:
    body = {"command": command, "session_id": session, "timestamp": "2025-01-01T00:00:00Z"}
    response = client.post("/api/v1/nlp/conversation", json=body, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    answer: dict[str, Any] = response.get_json()
    return answer


def _confirm(client: FlaskClient, headers: dict[str, str], session: str, confirmed: bool = True) -> Any:
    return client.post("/api/v1/nlp/confirm", json={"session_id": session, "confirmed": confirmed}, headers=headers)


def _refused_before_asking(answer: dict[str, Any]) -> str:
    assert answer["requires_confirmation"] is False and answer["pending_action"] is None, answer
    assert answer["cost_estimate"] is None and answer["result"]["type"] == "error"
    message: str = answer["message"]
    return message


def _no_work_left() -> None:
    assert [d.data for d in get_store().query("operations")] == []
    assert [p for p in local_bus().published if p[0] == TOPIC_DEPLOY_REQUESTS] == []


def test_a_bare_app_name_that_is_the_sessions_repository_reads_and_changes_that_repository(
    cluster: KubeStandIn,  # noqa: F811
    auth_headers: dict[str, str],
) -> None:
    client = _nlp()
    first = _say(client, auth_headers, f"{OWNER}/{REPO} 상태 보여줘", "carry")
    assert first["result"]["type"] != "error", first

    logs = _say(client, auth_headers, "test01 로그 보여줘", "carry")
    assert logs["result"]["type"] == "logs", logs
    assert logs["result"]["data"]["formatted"]["pod_name"].startswith(f"{HOST_APP}-")

    scale = _say(client, auth_headers, "TEST01 3개로 늘려줘", "carry")
    assert scale["requires_confirmation"] is True, scale
    assert scale["pending_action"]["parameters"] == {"github_owner": OWNER, "github_repo": REPO, "replicas": 3}
    assert "1개에서 3개로" in scale["message"]
    done = _confirm(client, auth_headers, "carry")
    assert done.status_code == 200 and done.get_json()["status"] == "completed", done.get_json()
    assert cluster.get("deployments", "default", HOST_APP)["spec"]["replicas"] == 3

    # the session still remembers the repository, not an app called test01
    again = _say(client, auth_headers, "재시작해줘", "carry")
    assert again["pending_action"]["parameters"] == {"github_owner": OWNER, "github_repo": REPO}


def test_a_mutation_of_an_app_that_is_not_there_is_answered_before_asking(
    cluster: KubeStandIn,  # noqa: F811
    auth_headers: dict[str, str],
) -> None:
    client = _nlp()
    for command in ("ghost-app 3개로 늘려줘", "ghost-app 재시작해줘"):
        message = _refused_before_asking(_say(client, auth_headers, command, "ghost"))
        assert "ghost-app" in message and "찾을 수 없습니다" in message
        assert _confirm(client, auth_headers, "ghost").status_code == 409
    english = _refused_before_asking(_say(client, auth_headers, "scale ghost-app to 3", "ghost"))
    assert "not found" in english
    _no_work_left()


@pytest.mark.parametrize(
    ("command", "english", "korean"),
    [
        ("nginx를 kube-system 네임스페이스에 배포해줘", "system namespace", "시스템 네임스페이스"),
        ("deploy nginx to namespace kube-system", "system namespace", "시스템 네임스페이스"),
        ("frontend-app를 team-c 네임스페이스에 배포해줘", "not team-c", "team-c가 아니라"),
        ("K-Le-PaaS/test01 team-b 네임스페이스에 배포해줘", "not team-b", "team-b가 아니라"),
    ],
)
def test_a_deploy_the_policy_refuses_is_refused_before_asking_with_its_reason(
    cluster: KubeStandIn,  # noqa: F811
    make_token: Callable[..., str],
    command: str,
    english: str,
    korean: str,
) -> None:
    client = _nlp()
    for scopes in (DEVELOPER, ("read", "deploy:execute", "admin:read", "admin:write")):
        if "K-Le-PaaS/" in command and scopes == DEVELOPER:
            from klepaas_shared.projects import ProjectRepository, repository_id

            ProjectRepository(get_store()).claim(repository_id(OWNER, REPO), "repository", f"{OWNER}/{REPO}", "eve")
        headers = {"Authorization": f"Bearer {make_token(scopes=scopes, sub='eve')}"}
        message = _refused_before_asking(_say(client, headers, command, "policy"))
        assert english in message and korean in message, message
        assert _confirm(client, headers, "policy").status_code == 409

        interpreted = client.post("/api/v1/nlp/interpret", json={"command": command}, headers=headers).get_json()
        assert interpreted["requires_confirmation"] is False, interpreted
        assert english in interpreted["refused"] and korean in interpreted["refused"]
        assert interpreted["intent"] == "deploy"
    _no_work_left()
    assert cluster.objects("deployments", "kube-system") == []


def _question_row(client: FlaskClient, headers: dict[str, str], question: dict[str, Any]) -> dict[str, Any]:
    rows = client.get("/api/v1/nlp/history", query_string={"limit": 50}, headers=headers).get_json()
    [row] = [r for r in rows if r["tool"] != "user_message" and r["command_text"] == question["message"]]
    chat_rows = client.get("/api/v1/nlp/conversation-history", query_string={"limit": 50}, headers=headers).get_json()
    [shown] = [r for r in chat_rows if r["id"] == row["id"]]
    assert shown["status"] == row["status"]
    found: dict[str, Any] = row
    return found


def test_the_question_row_ends_with_the_outcome_confirmed_cancelled_or_failed(
    cluster: KubeStandIn,  # noqa: F811
    auth_headers: dict[str, str],
) -> None:
    client = _nlp()
    asked = _say(client, auth_headers, f"{OWNER}/{REPO} 2개로 늘려줘", "rows")
    assert _question_row(client, auth_headers, asked)["status"] == "pending"
    assert _confirm(client, auth_headers, "rows").get_json()["status"] == "completed"
    row = _question_row(client, auth_headers, asked)
    assert (row["status"], row["outcome"]) == ("completed", "confirmed")

    asked = _say(client, auth_headers, f"{OWNER}/{REPO} 4개로 늘려줘", "rows")
    assert _confirm(client, auth_headers, "rows", confirmed=False).status_code == 200
    row = _question_row(client, auth_headers, asked)
    assert (row["status"], row["outcome"]) == ("failed", "cancelled")  # it never ran

    asked = _say(client, auth_headers, f"{OWNER}/{REPO} 재시작해줘", "rows")
    cluster.fail_next(404, method="GET", path=f"*/deployments/{HOST_APP}", times=3)  # gone before the yes
    failed = _confirm(client, auth_headers, "rows").get_json()
    assert failed["status"] == "failed", failed
    row = _question_row(client, auth_headers, asked)
    assert (row["status"], row["outcome"]) == ("failed", "failed") and row["error_message"]
