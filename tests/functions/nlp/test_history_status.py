"""The dashboard lists the user's commands with their status (FRONTEND_API N4): a command's row says
where it stands, from `processing` through its answer to the end of the question it asked."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask.testing import FlaskClient

from klepaas_nlp.chat import conversation, pending, under_way
from klepaas_shared.contracts import ErrorInfo, Operation, OperationStatus
from klepaas_shared.errors import Forbidden, NotFound, Unavailable
from klepaas_shared.store import get_store

from .conftest import DeployStandIn
from .test_conversation import confirm, say


def _rows(client: FlaskClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    found = client.get("/api/v1/nlp/history?limit=50&offset=0", headers=headers).get_json()
    assert isinstance(found, list)
    return found


def _command_and_question(client: FlaskClient, headers: dict[str, str], command: str) -> tuple[dict[str, Any], ...]:
    rows = _rows(client, headers)
    [asked] = [row for row in rows if row["tool"] == "user_message" and row["command_text"] == command]
    [question] = [row for row in rows if row.get("reply_to") == asked["id"]]
    return asked, question


def test_a_read_and_a_refused_change_end_with_their_answer(client, auth_headers, deploy: DeployStandIn):
    say(client, auth_headers, "파드 목록 보여줘")
    deploy.refusal = Forbidden("namespace kube-system is a system namespace")
    say(client, auth_headers, "K-Le-PaaS/test01 재시작해줘")
    statuses = {
        row["command_text"]: row["status"] for row in _rows(client, auth_headers) if row["tool"] == "user_message"
    }
    assert statuses == {"파드 목록 보여줘": "completed", "K-Le-PaaS/test01 재시작해줘": "error"}


@pytest.mark.parametrize(
    ("yes", "status", "outcome"), [(True, "completed", "confirmed"), (False, "failed", "cancelled")]
)
def test_a_question_keeps_its_command_pending_until_answered(
    client, auth_headers, deploy: DeployStandIn, yes: bool, status: str, outcome: str
):
    command = "K-Le-PaaS/test01 3개로 늘려줘"
    sid = say(client, auth_headers, command)["session_id"]
    asked, question = _command_and_question(client, auth_headers, command)
    assert (asked["status"], question["status"]) == ("pending", "pending")
    assert confirm(client, auth_headers, sid, yes).status_code == 200
    asked, question = _command_and_question(client, auth_headers, command)
    assert (asked["status"], question["status"], question["outcome"]) == (status, status, outcome)
    # A cancelled command never ran: the dashboard must not show it as a success, and says why.
    assert ("취소" in (asked.get("error_message") or "")) is (not yes)


def test_a_question_replaced_by_a_newer_command_is_settled(client, auth_headers, deploy: DeployStandIn):
    first = "K-Le-PaaS/test01 3개로 늘려줘"
    sid = say(client, auth_headers, first)["session_id"]
    say(client, auth_headers, "K-Le-PaaS/test01 재시작해줘", sid=sid)
    asked, question = _command_and_question(client, auth_headers, first)
    assert (asked["status"], question["status"], question["outcome"]) == ("failed", "failed", "replaced")
    assert "replaced" in asked["error_message"] and "대체" in asked["error_message"]
    asked, question = _command_and_question(client, auth_headers, "K-Le-PaaS/test01 재시작해줘")
    assert (asked["status"], question["status"]) == ("pending", "pending")


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        (
            "K-Le-PaaS/test01 재시작해줘",
            "K-Le-PaaS/test01 2개로 늘려줘",
            "확인을 기다리던 이전 요청(K-Le-PaaS/test01 재시작)은 취소했습니다",
        ),
        (
            "restart K-Le-PaaS/test01",
            "scale K-Le-PaaS/test01 to 2",
            "The earlier request still waiting for confirmation (restart of K-Le-PaaS/test01) was cancelled",
        ),
    ],
)
def test_the_question_that_replaces_another_says_the_older_one_is_gone(
    client, auth_headers, deploy: DeployStandIn, first: str, second: str, said: str
):
    # The console's 확인 names no action: a button left on the restart's question runs the scale.
    sid = say(client, auth_headers, first)["session_id"]
    reply = say(client, auth_headers, second, sid=sid)
    assert reply["requires_confirmation"] and reply["pending_action"]["type"] == "scale"
    assert reply["message"].startswith(said)
    again = say(client, auth_headers, second, sid=sid)  # the same action asked again replaces nothing new
    assert not again["message"].startswith(said[:10])


def test_an_expired_question_is_settled_when_confirmed_too_late(client, auth_headers, deploy: DeployStandIn):
    command = "K-Le-PaaS/test01 재시작해줘"
    sid = say(client, auth_headers, command)["session_id"]
    doc = pending._doc("user-1", sid)  # the subject of auth_headers
    get_store().set(pending.PENDING, doc, {"expires_at": "2000-01-01T00:00:00Z"}, merge=True)
    late = confirm(client, auth_headers, sid, True)
    assert late.status_code == 409 and "expired" in (said := late.get_json()["error"]["message"]) and "만료" in said
    asked, question = _command_and_question(client, auth_headers, command)
    assert (asked["status"], question["status"], question["outcome"]) == ("failed", "failed", "expired")
    assert not [c for c in deploy.calls if c.type == "restart" and not c.dry_run]


def test_a_question_nobody_answers_shows_expired_once_its_time_has_run_out(client, auth_headers, deploy: DeployStandIn):
    command = "K-Le-PaaS/test01 재시작해줘"
    say(client, auth_headers, command)
    asked, _ = _command_and_question(client, auth_headers, command)
    assert asked["status"] == "pending"
    old = "2000-01-01T00:00:00.000Z"
    for row in _rows(client, auth_headers):
        if row["status"] == "pending":
            get_store().set("commands", f"{row['id']:012d}", {"updated_at": old}, merge=True)
    asked, question = _command_and_question(client, auth_headers, command)
    assert (asked["status"], question["status"], asked["outcome"]) == ("failed", "failed", "expired")
    assert "만료" in asked["error_message"]
    # Shown so, not written: the first confirm after it still settles the rows (test above).
    assert get_store().get("commands", f"{asked['id']:012d}")["status"] == "pending"


def test_a_crash_while_answering_never_leaves_the_command_processing(client, auth_headers, monkeypatch):
    def crash(*_: object, **__: object) -> None:
        raise RuntimeError("the interpreter fell over")

    monkeypatch.setattr(conversation, "understand", crash)
    assert (
        client.post("/api/v1/nlp/conversation", json={"command": "파드 목록 보여줘"}, headers=auth_headers).status_code
        == 500
    )
    [asked] = [row for row in _rows(client, auth_headers) if row["tool"] == "user_message"]
    assert asked["status"] == "failed"


def test_a_question_that_expired_is_not_said_to_be_replaced(client, auth_headers, deploy: DeployStandIn):
    first = "K-Le-PaaS/test01 3개로 늘려줘"
    sid = say(client, auth_headers, first)["session_id"]
    doc = pending._doc("user-1", sid)
    get_store().set(pending.PENDING, doc, {"expires_at": "2000-01-01T00:00:00Z"}, merge=True)
    reply = say(client, auth_headers, "K-Le-PaaS/test01 재시작해줘", sid=sid)
    assert reply["requires_confirmation"] and "이전 요청" not in reply["message"]  # nothing was still waiting
    asked, question = _command_and_question(client, auth_headers, first)
    assert (asked["status"], question["outcome"]) == ("failed", "expired")


def test_a_command_that_carried_nothing_out_is_no_success(client, auth_headers, deploy: DeployStandIn):
    """The re-walk read Success on the dashboard for a command not understood and for one lacking its
    target: neither did anything."""
    for command in ("오늘 점심 뭐 먹지", "롤백해줘", "파드 목록 보여줘"):
        say(client, auth_headers, command)
    statuses = {
        row["command_text"]: row["status"] for row in _rows(client, auth_headers) if row["tool"] == "user_message"
    }
    assert statuses == {"오늘 점심 뭐 먹지": "error", "롤백해줘": "error", "파드 목록 보여줘": "completed"}


@pytest.mark.parametrize(
    ("ended", "status", "outcome", "said"),
    [
        (OperationStatus.SUCCEEDED, "completed", "confirmed", None),
        (OperationStatus.CANCELLED, "failed", "refused", "승인이 거부"),
        (OperationStatus.FAILED, "failed", "failed", "quota exceeded"),
    ],
)
def test_a_change_held_for_an_approver_is_processing_until_decided(
    client,
    auth_headers,
    deploy: DeployStandIn,
    ended: OperationStatus,
    status: str,
    outcome: str,
    said: str | None,
    monkeypatch,
):
    """The walk's held production deploy showed Success on the dashboard before anyone approved it.
    The command stays `processing` while deploy holds its operation, and ends as the approver and
    the run decide (read from deploy when the history is read, then written)."""
    monkeypatch.setattr(under_way, "REASK_S", -1.0)  # asked again at once (not after 20 s)
    deploy.status = OperationStatus.PENDING
    command = "K-Le-PaaS/test01 프로덕션 재시작해줘"
    sid = say(client, auth_headers, command)["session_id"]
    assert confirm(client, auth_headers, sid, True).status_code == 200
    asked, question = _command_and_question(client, auth_headers, command)
    assert (asked["status"], question["status"], asked["outcome"]) == ("processing", "processing", "held")
    [operation] = deploy.operations.values()
    assert asked["operation_id"] == operation.id
    operation.status = ended
    if ended is OperationStatus.FAILED:
        operation.error = ErrorInfo(code="unavailable", message="quota exceeded")
    asked, question = _command_and_question(client, auth_headers, command)
    assert (asked["status"], question["status"], asked["outcome"]) == (status, status, outcome)
    assert (said is None) is (asked.get("error_message") is None) and (said or "") in (asked["error_message"] or "")
    # Written, so a later read need not ask deploy again.
    assert get_store().get("commands", f"{asked['id']:012d}")["status"] == status


def test_a_history_read_when_deploy_cannot_say_keeps_the_change_processing(
    client, auth_headers, deploy: DeployStandIn, monkeypatch
):
    monkeypatch.setattr(under_way, "REASK_S", -1.0)
    deploy.status = OperationStatus.RUNNING
    command = "K-Le-PaaS/test01 재시작해줘"
    sid = say(client, auth_headers, command)["session_id"]
    assert confirm(client, auth_headers, sid, True).status_code == 200

    def unreachable(operation_id: str, principal: Any) -> Operation:
        raise Unavailable("deploy is unreachable")

    monkeypatch.setattr(deploy, "get", unreachable)
    asked, _ = _command_and_question(client, auth_headers, command)
    assert (asked["status"], asked["outcome"]) == ("processing", "running")
    monkeypatch.setattr(deploy, "get", DeployStandIn.get.__get__(deploy))
    monkeypatch.setattr(deploy, "operations", {})  # the record is gone (say, a store restored from an older copy)
    # A 404 that is not deploy's word on this operation (a missing route, a wrong URL) loses nothing.
    monkeypatch.setattr(deploy, "get", lambda operation_id, principal: (_ for _ in ()).throw(NotFound("no route")))
    asked, _ = _command_and_question(client, auth_headers, command)
    assert (asked["status"], asked["outcome"]) == ("processing", "running")
    monkeypatch.setattr(deploy, "get", DeployStandIn.get.__get__(deploy))
    asked, _ = _command_and_question(client, auth_headers, command)
    assert (asked["status"], asked["outcome"]) == ("failed", "lost") and "찾을 수 없습니다" in asked["error_message"]


def test_a_change_done_within_its_answer_is_completed_without_asking_deploy_again(
    client, auth_headers, deploy: DeployStandIn, monkeypatch
):
    command = "K-Le-PaaS/test01 재시작해줘"
    sid = say(client, auth_headers, command)["session_id"]
    assert confirm(client, auth_headers, sid, True).status_code == 200

    def never(operation_id: str, principal: Any) -> Operation:
        raise AssertionError("a finished command's operation was asked for again")

    monkeypatch.setattr(deploy, "get", never)
    asked, question = _command_and_question(client, auth_headers, command)
    assert (asked["status"], question["outcome"]) == ("completed", "confirmed") and "operation_id" not in asked


def test_a_read_of_an_app_that_is_not_there_is_no_success_whichever_read_it_was(
    client, auth_headers, deploy: DeployStandIn, monkeypatch
):
    """The walk's status of an app not deployed yet showed Success (its card is the status card's error
    form) beside the logs read that failed the same way (Failed)."""
    answered = deploy.run

    def not_there(request: Any, principal: Any) -> Any:
        if request.type in ("status", "logs"):
            raise NotFound("app K-Le-PaaS/test01 was not found in namespace default")
        return answered(request, principal)

    monkeypatch.setattr(deploy, "run", not_there)
    for command in ("K-Le-PaaS/test01 상태 보여줘", "K-Le-PaaS/test01 로그 보여줘"):
        say(client, auth_headers, command)
    statuses = {
        row["command_text"]: row["status"] for row in _rows(client, auth_headers) if row["tool"] == "user_message"
    }
    assert statuses == {"K-Le-PaaS/test01 상태 보여줘": "error", "K-Le-PaaS/test01 로그 보여줘": "error"}


def test_a_change_that_failed_in_its_run_is_failed_in_the_history(client, auth_headers, deploy: DeployStandIn):
    """A rollout that never became ready comes back from deploy as a failed operation, not an error:
    the rows say failed, with deploy's reason (they said Success beside a card that said failed)."""
    deploy.status = OperationStatus.FAILED
    answered = deploy.run

    def failing(request: Any, principal: Any) -> Any:
        response = answered(request, principal)
        if response.operation is not None:
            response.operation.error = ErrorInfo(
                code="rollout_failed", message="pods never became ready", stage="rollout"
            )
        return response

    deploy.run = failing  # type: ignore[method-assign]
    command = "K-Le-PaaS/test01 재시작해줘"
    sid = say(client, auth_headers, command)["session_id"]
    assert confirm(client, auth_headers, sid, True).status_code == 200
    asked, question = _command_and_question(client, auth_headers, command)
    assert (asked["status"], question["status"], asked["outcome"]) == ("failed", "failed", "failed")
    assert asked["error_message"] == "pods never became ready (rollout)"


def test_deploy_is_asked_about_an_open_operation_at_most_every_so_often_and_briefly(
    client, auth_headers, deploy: DeployStandIn, monkeypatch
):
    """The dashboard reads the history on every visit: an operation nobody decides is asked about again
    only after REASK_S, and a slow deploy holds a read no longer than the budget."""
    deploy.status = OperationStatus.PENDING
    for app in ("test01", "test02", "test03"):
        sid = say(client, auth_headers, f"K-Le-PaaS/{app} 프로덕션 재시작해줘")["session_id"]
        assert confirm(client, auth_headers, sid, True).status_code == 200
    asked: list[str] = []

    def slow(operation_id: str, principal: Any) -> Operation:
        asked.append(operation_id)
        time.sleep(under_way.FOLLOW_BUDGET_S)
        return deploy.operations[operation_id]

    monkeypatch.setattr(deploy, "get", slow)
    _rows(client, auth_headers)
    assert asked == []  # just confirmed: deploy is not asked again so soon
    monkeypatch.setattr(under_way, "REASK_S", -1.0)
    started = time.monotonic()
    rows = _rows(client, auth_headers)
    assert time.monotonic() - started < under_way.FOLLOW_BUDGET_S * 1.5
    assert len(asked) == 1  # the rest wait for a later read
    assert [row["status"] for row in rows if row.get("operation_id")].count("processing") == 6
