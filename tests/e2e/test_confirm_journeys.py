"""Journeys 8–12 (FRONTEND_API §5): mutations in the chat wait for 확인 or 취소."""

from __future__ import annotations

from typing import Any

from .conftest import Chat, Console, wait_for
from .standins import OWNER, REPO

REPOSITORY = f"{OWNER}/{REPO}"


def _pending(answer: dict[str, Any], kind: str, risk: str) -> dict[str, Any]:
    assert answer["requires_confirmation"] is True and answer["result"] is None, answer
    action: dict[str, Any] = answer["pending_action"]
    assert action["type"] == kind and action["risk_level"] == risk
    return action


def _confirmed(chat: Chat, kind: str | tuple[str, ...]) -> dict[str, Any]:
    body: dict[str, Any] = chat.console.ok(chat.confirm(True))
    assert body["message"]
    result: dict[str, Any] = body["result"]
    assert result["type"] in ((kind,) if isinstance(kind, str) else kind), result
    return result


def _replicas(console: Console) -> int:
    return int(console.ok(console.get(f"/api/v1/deployments/{REPOSITORY}/config"))["replica_count"])


def test_journey_08_scale_asks_then_scales(chat: Chat, admin: Console) -> None:
    before = _replicas(admin)
    target = 3 if before != 3 else 2
    answer = chat.say(f"{REPOSITORY} {target}개로 늘려줘")
    action = _pending(answer, "scale", "MEDIUM")
    assert action["parsed_intent"] == "scale"
    assert action["parameters"] == {"github_owner": OWNER, "github_repo": REPO, "replicas": target}
    assert f"{before}개에서 {target}개로" in answer["message"]
    cost = answer["cost_estimate"]  # the console shows no cost box for a scale; nothing it reads is null
    assert cost["currency"] == "KRW" and cost["current_cost"] > 0 and None not in cost.values()
    result = _confirmed(chat, "scale")
    formatted = result["data"]["formatted"]
    assert formatted["repository"] == REPOSITORY and formatted["status"] == "success"
    assert (formatted["old_replicas"], formatted["new_replicas"]) == (before, target)
    assert formatted["timestamp"] and formatted["action"]
    assert result["metadata"]["owner"] == OWNER and result["metadata"]["repo"] == REPO
    assert _replicas(admin) == target


def test_journey_09_cancel_drops_the_pending_action_and_a_second_answer_is_refused(chat: Chat, admin: Console) -> None:
    before = _replicas(admin)
    _pending(chat.say(f"{REPOSITORY} 5개로 늘려줘"), "scale", "MEDIUM")
    cancelled = chat.confirm(False)
    assert 200 <= cancelled.status_code < 300, cancelled.text
    again = chat.confirm(True)
    assert 400 <= again.status_code < 500, again.text
    assert _replicas(admin) == before


def test_journey_10_rollback_list_then_one_click_rollback(chat: Chat, released: dict[str, Any]) -> None:
    listed = chat.say(f"{REPOSITORY} 롤백 목록")
    assert listed["requires_confirmation"] is False
    result = listed["result"]
    assert result["type"] == "list_rollback"
    formatted, meta = result["data"]["formatted"], result["metadata"]
    assert {"commit", "date", "is_rollback", "message"} <= formatted["current"].keys()
    assert isinstance(formatted["history"], list) and formatted["versions"]
    assert (meta["owner"], meta["repo"]) == (OWNER, REPO)
    assert meta["total_available"] == len(formatted["versions"])
    english = chat.say(f"list the rollback versions of {REPOSITORY}")
    count = english["result"]["metadata"]["total_available"]
    assert english["message"] == f"{count} earlier version{'' if count == 1 else 's'} can be restored", english
    version = next(
        v for v in formatted["versions"] if v["can_rollback"] and v["commit"] != formatted["current"]["commit"]
    )
    assert version["steps_back"] >= 1 and len(version["commit"]) == 7 and version["message"] and version["date"]
    previous = formatted["current"]["commit"]
    action = _pending(chat.say(f"{version['commit']}로 롤백해줘"), "rollback", "HIGH")
    assert action["parameters"]["github_owner"] == OWNER and action["parameters"]["github_repo"] == REPO
    assert action["parameters"]["target_commit_sha"] == version["commit"]
    done = _confirmed(chat, "rollback")["data"]["formatted"]
    assert done["status"] == "success" and done["target_commit"] == version["commit"]
    assert done["previous_commit"] == previous and (done["owner"], done["repo"]) == (OWNER, REPO)


def test_journey_11_deploy_via_chat_appears_in_the_pipelines_tab(chat: Chat, admin: Console) -> None:
    def listed() -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = admin.ok(admin.get("/api/v1/github/pipelines", t=1, repository=REPOSITORY))[
            "deployments"
        ]
        return found

    before = {d["id"] for d in listed()}
    _pending(chat.say(f"{REPOSITORY} 배포해줘"), "deploy", "MEDIUM")
    formatted = _confirmed(chat, ("deploy", "deploy_github_repository"))["data"]["formatted"]
    assert formatted["repository"] == REPOSITORY and formatted["branch"] == "main"
    assert {"status", "message", "deployment_status"} <= formatted.keys()
    assert {"sha", "message", "author", "url"} <= formatted["commit"].keys()

    new = wait_for(lambda: [d for d in listed() if d["id"] not in before])
    assert new[0]["repository"] == REPOSITORY and new[0]["status"] in ("running", "success")  # the build is quick


def test_journey_12_restart_via_chat(chat: Chat) -> None:
    _pending(chat.say(f"{REPOSITORY} 재시작해줘"), "restart", "MEDIUM")
    formatted = _confirmed(chat, "restart")["data"]["formatted"]
    assert formatted["repository"] == REPOSITORY and formatted["status"] == "success"
    assert (formatted["owner"], formatted["repo"], formatted["namespace"]) == (OWNER, REPO, "default")
    assert formatted["deployment"] and formatted["message"] and formatted["timestamp"]


def test_a_production_deploy_held_for_approval_says_so_with_its_operation_and_where_to_approve(
    chat: Chat, admin: Console
) -> None:
    """The walk's card read "배포 시작됨" over an empty commit and "배포은(는) … 콘솔이나 Slack에서
    승인을…" (the console has no approval screen); a later walk read "배포 시작됨 · 진행 중" over a
    deploy nobody had approved (the deploy card's headline is fixed) and an API path in the chat.
    The answer names what waits, its operation id and Slack; the card is the held changes' own (the
    default card, with the approval endpoint among its fields); the commit is the branch's."""
    _pending(chat.say(f"{REPOSITORY} 프로덕션에 배포해줘"), "deploy", "MEDIUM")
    body = admin.ok(chat.confirm(True))
    assert body["status"] in ("completed", "cancelled", "validation_failed")  # the contract's values
    formatted = body["result"]["data"]["formatted"]
    operation = formatted["operation_id"]
    assert operation.startswith("nlp-")
    message = body["message"]
    assert message.startswith(f"{REPOSITORY} production 환경 배포는 승인을 기다리고 있습니다"), message
    assert operation in message and "Slack" in message and "/api/" not in message
    assert "은(는)" not in message and "을(를)" not in message and "콘솔" not in message
    result = body["result"]
    assert result["type"] == "pending_approval" and formatted["status"] == "pending_approval", result
    assert formatted["action"] == "배포" and formatted["branch"] == "main"
    assert formatted["approval_path"] == f"/api/v1/operations/{operation}/approval"
    commit = formatted["commit"]
    assert len(commit["sha"]) == 40 and commit["message"] and commit["author"], commit  # the stand-in App says
    assert commit["url"].endswith(f"/{REPOSITORY}/commit/{commit['sha']}")
    held = admin.ok(admin.get(f"/api/v1/operations/{operation}"))
    assert held["status"] == "pending"


def test_a_production_scale_held_for_approval_is_no_failed_scale_card(chat: Chat, admin: Console) -> None:
    """The walk's held production scale came back as a scale card with status pending_approval, which
    the console's scale card shows as a failure. It is a card of its own that says what waits, its
    operation id and where to approve it; the replicas stay as they were until an approver decides."""
    before = _replicas(admin)
    target = 4 if before != 4 else 2
    _pending(chat.say(f"{REPOSITORY} 프로덕션 {target}개로 늘려줘"), "scale", "MEDIUM")
    body = admin.ok(chat.confirm(True))
    assert body["status"] in ("completed", "cancelled", "validation_failed")  # the contract's values
    result = body["result"]
    formatted = result["data"]["formatted"]
    assert result["type"] == "pending_approval" and formatted["status"] == "pending_approval", result
    operation = formatted["operation_id"]
    message = body["message"]
    waits = f"{REPOSITORY} production 환경 레플리카 {target}개로 스케일 조정은 승인을 기다리고"
    assert message.startswith(waits), message
    assert operation in message and "Slack" in message and "/api/" not in message
    assert formatted["approval_path"] == f"/api/v1/operations/{operation}/approval"
    assert formatted["new_replicas"] == target and formatted["args_hash"] and result["summary"]
    held = admin.ok(admin.get(f"/api/v1/operations/{operation}"))
    assert held["status"] == "pending" and held["result"]["data"]["args_hash"] == formatted["args_hash"]
    assert _replicas(admin) == before
    # The dashboard's recent commands (N4) show it under way, not done, until an approver decides.
    rows = admin.ok(admin.get("/api/v1/nlp/history", limit=50, offset=0))
    command = next(row for row in rows if row["tool"] == "user_message" and row["command_text"].endswith("늘려줘"))
    assert (command["status"], command["operation_id"]) == ("processing", operation), command


def test_a_deploy_of_a_repository_or_branch_github_does_not_have_is_said_before_asking(
    chat: Chat, admin: Console
) -> None:
    """The walk confirmed a deploy of a repository that does not exist: the build failed with git's
    words and a server path, and the app then showed as a failed deployment and a connected repo."""
    before = admin.ok(admin.get("/api/v1/deployment-histories", limit=100))
    for command, said in (
        (f"{OWNER}/no-such-app 배포해줘", "찾을 수 없거나 K-Le-PaaS GitHub App이 설치되어 있지 않습니다"),
        (f"{REPOSITORY} no-such-branch 브랜치 배포해줘", "no-such-branch 브랜치나 커밋이 없습니다"),
        (f"deploy {OWNER}/no-such-app", "not found, or the K-Le-PaaS GitHub App is not installed on it"),
        (f"deploy branch no-such-branch of {REPOSITORY}", "has no branch or commit named no-such-branch"),
    ):
        answer = chat.say(command)
        assert answer["requires_confirmation"] is False and answer["pending_action"] is None, answer
        assert said in answer["message"] and "/.klepaas/" not in answer["message"], answer["message"]
    assert admin.ok(admin.get("/api/v1/deployment-histories", limit=100)) == before
