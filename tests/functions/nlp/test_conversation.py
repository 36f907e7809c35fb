"""Console journeys 3-15 of FRONTEND_API §5 through the HTTP entry point."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from .conftest import DeployStandIn


def say(client: FlaskClient, headers: dict[str, str], command: str, sid: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"command": command, "timestamp": "2025-01-01T00:00:00Z", "user_id": "user-1"}
    if sid:
        body["session_id"] = sid
    response = client.post("/api/v1/nlp/conversation", json=body, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def confirm(client: FlaskClient, headers: dict[str, str], sid: str, yes: bool) -> Any:
    return client.post("/api/v1/nlp/confirm", json={"session_id": sid, "confirmed": yes}, headers=headers)


def test_help_command_returns_list_commands_with_both_summary_and_message(client, auth_headers):
    reply = say(client, auth_headers, "명령어 목록 보여줘")
    assert reply["session_id"] and reply["requires_confirmation"] is False and reply["pending_action"] is None
    result = reply["result"]
    assert result["type"] == "list_commands" and result["summary"] and result["message"]
    formatted = result["data"]["formatted"]
    assert isinstance(formatted["categories"], list) and isinstance(formatted["help_text"], list)
    assert set(formatted["categories"][0]["commands"][0]) == {"name", "name_ko", "desc", "example"}
    assert result["metadata"]["total_commands"] == formatted["total_commands"]


def test_pod_list_is_an_array_with_counts_in_metadata(client, auth_headers):
    reply = say(client, auth_headers, "파드 목록 보여줘")
    result = reply["result"]
    assert result["type"] == "list_pods"
    assert result["data"]["formatted"] == [
        {
            "name": "nginx-1",
            "status": "Running",
            "ready": "1/1",
            "restarts": 0,
            "age": "2d",
            "node": "node-1",
            "namespace": "default",
        }
    ]
    assert result["metadata"] | {} == {"namespace": "default", "running": 1, "pending": 0, "failed": 0, "total": 1}


def test_client_session_id_is_always_honoured(client, auth_headers):
    reply = say(client, auth_headers, "디플로이먼트 목록 보여줘", sid="client-chosen-id")
    assert reply["session_id"] == "client-chosen-id"
    assert reply["result"]["data"]["formatted"][0]["ready"] == "1/1"


def test_scale_waits_for_confirmation_then_runs_exactly_once(client, auth_headers, deploy: DeployStandIn):
    first = say(client, auth_headers, "K-Le-PaaS/test01 3개로 늘려줘")
    sid = first["session_id"]
    assert first["requires_confirmation"] is True and first["result"] is None
    action = first["pending_action"]
    assert action["type"] == "scale" and action["risk_level"] == "MEDIUM"
    assert action["parameters"] == {"github_owner": "K-Le-PaaS", "github_repo": "test01", "replicas": 3}
    assert "1개에서 3개로" in first["message"]
    assert not [c for c in deploy.calls if c.type == "scale" and not c.dry_run]

    done = confirm(client, auth_headers, sid, True)
    assert done.status_code == 200
    body = done.get_json()
    assert body["status"] == "completed" and body["result"]["type"] == "scale"
    formatted = body["result"]["data"]["formatted"]
    assert formatted["old_replicas"] == 1 and formatted["new_replicas"] == 3 and formatted["status"] == "success"
    assert formatted["repository"] == "K-Le-PaaS/test01"
    assert body["message"] == "K-Le-PaaS/test01의 레플리카를 1개에서 3개로 조정했습니다."  # a Korean chat, in Korean
    executed = [c for c in deploy.calls if c.type == "scale" and not c.dry_run]
    assert len(executed) == 1 and executed[0].operation_id

    again = confirm(client, auth_headers, sid, True)
    assert again.status_code == 409 and "error" in again.get_json()
    assert len([c for c in deploy.calls if c.type == "scale" and not c.dry_run]) == 1


def test_a_confirm_runs_the_action_the_user_saw_or_is_a_409(client, auth_headers, deploy: DeployStandIn):
    """Issue 16, item 10: two tabs (or two quick commands) on one session."""
    seen = say(client, auth_headers, "K-Le-PaaS/test01 3개로 늘려줘")
    sid = seen["session_id"]
    newer = say(client, auth_headers, "K-Le-PaaS/test01 5개로 늘려줘", sid=sid)  # the other tab
    body = {"session_id": sid, "confirmed": True, "action_id": seen["pending_action"]["id"]}
    stale = client.post("/api/v1/nlp/confirm", json=body, headers=auth_headers)
    assert stale.status_code == 409 and "no longer pending" in stale.get_json()["error"]["message"]
    assert not [c for c in deploy.calls if c.type == "scale" and not c.dry_run]
    body["action_id"] = newer["pending_action"]["id"]
    done = client.post("/api/v1/nlp/confirm", json=body, headers=auth_headers)
    assert done.status_code == 200 and done.get_json()["result"]["data"]["formatted"]["new_replicas"] == 5
    [executed] = [c for c in deploy.calls if c.type == "scale" and not c.dry_run]
    assert executed.args["replicas"] == 5


def test_cancel_runs_nothing_and_a_second_confirm_is_rejected(client, auth_headers, deploy: DeployStandIn):
    sid = say(client, auth_headers, "K-Le-PaaS/test01 재시작해줘")["session_id"]
    cancelled = confirm(client, auth_headers, sid, False)
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert confirm(client, auth_headers, sid, True).status_code == 409
    assert not [c for c in deploy.calls if c.type == "restart" and not c.dry_run]


def test_another_user_cannot_confirm_my_pending_action(client, auth_headers, make_token, deploy: DeployStandIn):
    sid = say(client, auth_headers, "K-Le-PaaS/test01 배포해줘")["session_id"]
    other = {"Authorization": f"Bearer {make_token(sub='intruder')}"}
    assert confirm(client, other, sid, True).status_code == 409
    assert not [c for c in deploy.calls if c.type == "deploy" and not c.dry_run]


def test_rollback_list_then_rollback_uses_the_session_repository(client, auth_headers, deploy: DeployStandIn):
    listing = say(client, auth_headers, "K-Le-PaaS/test01 롤백 목록")
    sid = listing["session_id"]
    formatted = listing["result"]["data"]["formatted"]
    assert listing["result"]["type"] == "list_rollback"
    assert formatted["current"]["commit"] == "abc1234"
    assert formatted["versions"] == [
        {
            "steps_back": 1,
            "commit": "def5678",
            "message": "before",
            "date": "2025-01-01 09:00:00 KST",  # the card prints it as it comes: as a reader in Korea says it
            "can_rollback": True,
        }
    ]
    pending = say(client, auth_headers, "def5678로 롤백해줘", sid=sid)
    action = pending["pending_action"]
    assert action["type"] == "rollback" and action["risk_level"] == "HIGH"
    assert (
        action["parameters"]["github_owner"] == "K-Le-PaaS" and action["parameters"]["target_commit_sha"] == "def5678"
    )
    done = confirm(client, auth_headers, sid, True).get_json()
    assert done["result"]["type"] == "rollback"
    assert done["result"]["data"]["formatted"]["target_commit"] == "def5678"


def test_unknown_command_offers_suggestions_as_strings(client, auth_headers):
    reply = say(client, auth_headers, "오늘 점심 뭐 먹지")
    assert reply["requires_confirmation"] is False
    result = reply["result"]
    assert result["type"] == "unknown" and result["summary"]
    assert result["data"]["formatted"]["suggestions"] and all(
        isinstance(s, str) for s in result["data"]["formatted"]["suggestions"]
    )


def test_message_is_html_escaped(client, auth_headers):
    """The bubble (`message`) is HTML in the console; the result's texts are React text, kept as is."""
    reply = say(client, auth_headers, "<script>alert(1)</script> 파드 목록 보여줘")
    assert "<script>" not in reply["message"]
    assert reply["result"]["message"] == reply["result"]["summary"]  # not an escaped copy (e2e: the real texts)


def test_histories_share_ids_and_orders(client, auth_headers, make_token):
    say(client, auth_headers, "파드 목록 보여줘")
    say(client, auth_headers, "명령어 목록 보여줘")
    say(client, {"Authorization": f"Bearer {make_token(sub='someone-else')}"}, "파드 목록 보여줘")
    chat = client.get(
        "/api/v1/nlp/conversation-history?limit=50&offset=0&t=1&user_id=u&user_id=u", headers=auth_headers
    ).get_json()
    assert [row["tool"] for row in chat] == ["user_message", "list_pods", "user_message", "list_commands"]
    assert chat[0]["command_text"] == "파드 목록 보여줘"
    assert chat[1]["result"]["type"] == "list_pods" and chat[1]["command_text"]
    ids = [row["id"] for row in chat]
    assert ids == sorted(ids) and all(isinstance(i, int) for i in ids)
    recent = client.get("/api/v1/nlp/history?limit=50&offset=0", headers=auth_headers).get_json()
    assert [row["id"] for row in recent] == list(reversed(ids))
    assert {"status", "created_at", "args", "updated_at", "user_id"} <= set(recent[0])
    # A page is the newest rows, shown oldest-first: the console's reload ends on the latest reply
    # (the walk's reload, past 50 rows, ended on a command from long before).
    page = client.get("/api/v1/nlp/conversation-history?limit=2&offset=0", headers=auth_headers).get_json()
    assert [row["id"] for row in page] == ids[-2:]
    older = client.get("/api/v1/nlp/conversation-history?limit=2&offset=2", headers=auth_headers).get_json()
    assert [row["id"] for row in older] == ids[:2]


def test_the_reply_speaks_the_language_of_the_command(client, auth_headers, monkeypatch):
    """A Korean command is answered in Korean, an English one in English (a read's line comes from
    deploy in English and is said again in Korean from the read's data)."""
    from . import conftest

    status = {
        "resource_type": "pod",
        "namespace": "default",
        "total_pods": 1,
        "running": 1,
        "pending": 0,
        "failed": 0,
        "pods": [conftest.POD],
        "problem_pods": [],
        "is_healthy": True,
    }
    monkeypatch.setitem(conftest.READS, "status", status)
    korean = say(client, auth_headers, "payments 상태 보여줘")
    assert korean["result"]["type"] == "pod_status"
    assert korean["message"] == "default 네임스페이스의 파드 상태: 정상"
    assert korean["result"]["summary"] == korean["message"]
    english = say(client, auth_headers, "show me the status of payments")
    assert english["result"]["type"] == "pod_status" and english["message"] == "status answered"

    assert "이해할 수 없습니다" in say(client, auth_headers, "오늘 점심 뭐 먹지")["message"]
    assert say(client, auth_headers, "what should I eat for lunch")["message"].startswith("I could not understand")
    # No letter of either language (emoji, digits): the console's own, Korean (the walk read English).
    for wordless in ("😀😀😀", "???", "123"):
        assert "이해할 수 없습니다" in say(client, auth_headers, wordless)["message"], wordless
    asked = say(client, auth_headers, "restart it")
    assert asked["state"] == "needs_input" and asked["message"].startswith("To run this command I need")
    question = say(client, auth_headers, "scale K-Le-PaaS/test01 to 3 replicas")
    assert question["requires_confirmation"] and question["message"] == "Scale K-Le-PaaS/test01 from 1 to 3 replicas?"
    cancelled = confirm(client, auth_headers, question["session_id"], False)
    assert cancelled.get_json()["message"] == "The action was cancelled."
    korean_question = say(client, auth_headers, "K-Le-PaaS/test01 3개로 늘려줘")
    assert korean_question["message"] == "K-Le-PaaS/test01의 레플리카를 1개에서 3개로 조정하시겠습니까?"


def test_deploys_errors_are_said_in_the_language_of_the_command():
    """Deploy answers in English; a Korean chat hears its error in Korean, by code and what was asked."""
    from klepaas_nlp.formatting.language import failure, missing_names

    said = "no pod payments (nor pods of app payments) in namespace shop\ncheck the name with 'list pods'"
    assert failure("not_found", said, "status", {"app_name": "payments", "namespace": "shop"}, "en") == said
    korean = failure("not_found", said, "status", {"app_name": "payments", "namespace": "shop"}, "ko")
    headline, hint = korean.split("\n")
    assert headline == "shop 네임스페이스에서 파드(또는 앱) payments를 찾을 수 없습니다."
    assert "'파드 목록 보여줘'" in hint
    assert failure("timeout", "the cluster did not answer in time", "restart", {}, "ko").startswith("제시간에")
    both = "K-Le-PaaS/test01: 이 프로젝트의 구성원이 아닙니다 (not a member)"
    assert failure("forbidden", both, "restart", {}, "ko") == both  # already said in Korean too
    assert missing_names(["target"], "ko").startswith("대상") and missing_names(["target"], "en") == "target"


def test_a_confirmed_change_is_said_in_the_language_of_the_command():
    """Deploy says what it changed in English; a Korean chat hears it in Korean from deploy's data,
    and waiting for an approval or a dry run is never said as done."""
    from klepaas_nlp.formatting.language import mutation_summary

    args = {"github_owner": "K-Le-PaaS", "github_repo": "shop"}
    scaled = {"repository": "K-Le-PaaS/shop", "old_replicas": 2, "new_replicas": 5, "status": "success"}
    said = "K-Le-PaaS/shop: 2 → 5 replicas"
    assert mutation_summary("scale", scaled, args, said, "en") == said
    assert (
        mutation_summary("scale", scaled, args, said, "ko") == "K-Le-PaaS/shop의 레플리카를 2개에서 5개로 조정했습니다."
    )
    restarted = {"repository": "K-Le-PaaS/shop", "deployment": "shop", "namespace": "retail", "status": "success"}
    assert mutation_summary("restart", restarted, args, "", "ko").startswith("retail 네임스페이스의 shop을 순차 재시작")
    rolling = {"repository": "K-Le-PaaS/shop", "target_commit": "abc1234", "status": "running"}
    assert (
        mutation_summary("rollback", rolling, args, "", "ko") == "K-Le-PaaS/shop을 abc1234 버전으로 되돌리고 있습니다."
    )
    released = {"repository": "K-Le-PaaS/shop", "environment": "staging", "image": "r/shop:1", "status": "success"}
    assert mutation_summary("deploy", released, args, "", "ko") == (
        "K-Le-PaaS/shop을 staging 환경에 배포했습니다 (이미지 r/shop:1)."
    )
    held = {"status": "pending_approval", "approval_id": "ap-1", "message": "scale ... is waiting for an approval"}
    assert "승인을 기다리고" in mutation_summary("scale", held, args, held["message"], "ko")
    dry = {**scaled, "status": "dry_run", "dry_run": True}
    assert "실제로 실행하지 않았습니다" in mutation_summary("scale", dry, args, "would scale", "ko")
    # A shape it does not know keeps deploy's line rather than a guess.
    assert mutation_summary("scale", {"status": "success"}, args, said, "ko") == said


def test_the_question_before_a_change_names_everything_the_command_set(client, auth_headers):
    """The person confirms what will run: the image, the count, the environment and the namespace the
    command named are in the question, not only the target."""
    korean = say(client, auth_headers, "kube-system 네임스페이스에 evil 앱을 evil/miner:1 이미지로 배포해줘")
    assert korean["pending_action"]["parameters"]["namespace"] == "kube-system"
    assert korean["message"] == "evil (kube-system 네임스페이스)를 evil/miner:1 이미지로 배포하시겠습니까?"
    english = say(client, auth_headers, "deploy shop to production with 3 replicas")
    assert english["message"] == "Deploy shop (production) from branch main with 3 replicas?"
    restart = say(client, auth_headers, "restart web in namespace team-b")
    assert restart["message"] == "Restart web (namespace team-b)?"


def test_a_refusal_with_both_reasons_is_said_in_the_language_of_the_command():
    """The walk read "kube-system is a system namespace; … (kube-system은 …)" in a Korean chat."""
    from klepaas_nlp.formatting.language import failure_of
    from klepaas_shared.errors import Forbidden

    refusal = Forbidden(
        "kube-system is a system namespace (kube-system은 시스템 네임스페이스라 변경할 수 없습니다)",
        details={"reason": "kube-system is a system namespace", "reason_ko": "kube-system은 시스템 네임스페이스라"},
    )
    assert failure_of(refusal, "deploy", {}, "ko") == "kube-system은 시스템 네임스페이스라"
    assert failure_of(refusal, "deploy", {}, "en") == "kube-system is a system namespace"
    plain = Forbidden("not a member")
    assert failure_of(plain, "deploy", {}, "en") == "not a member"
    coded = Forbidden("web already runs in shop and belongs to no project", details={"code": "unmanaged_app"})
    assert failure_of(coded, "deploy", {}, "en") == coded.message  # a code is never said as the reason


def test_a_list_over_every_namespace_says_so_in_korean():
    from klepaas_nlp.formatting.language import read_summary

    said = read_summary("list_ingresses", {"namespace": "all", "total": 3, "items": []}, {}, "3 ingresses", "ko")
    assert said == "모든 네임스페이스의 인그레스 3개"


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("K-Le-PaaS/test01 3개로 늘려줘", "조정했습니다"),
        ("K-Le-PaaS/test01 재시작해줘", "재시작"),
        ("restart K-Le-PaaS/test01", "restart done"),  # deploy's own line, as the stand-in says it
    ],
)
def test_the_card_of_a_confirmed_change_speaks_the_language_of_the_command(client, auth_headers, command, said):
    """The walk's rollback card read deploy's English line under a Korean question and answer."""
    sid = say(client, auth_headers, command)["session_id"]
    done = confirm(client, auth_headers, sid, True).get_json()
    assert said in done["message"]
    assert done["result"]["summary"] == done["message"]
    formatted = done["result"]["data"]["formatted"]
    if done["result"]["type"] == "scale":
        assert "message" not in formatted  # the scale card has no line of its own
    else:
        assert formatted["message"] == done["message"]


def test_a_new_chat_knows_the_repository_a_bare_name_stands_for(client, auth_headers, deploy: DeployStandIn):
    """The walk's second chat answered "sample-app을 찾을 수 없습니다" for the app its repository deploys."""
    sid = say(client, auth_headers, "K-Le-PaaS/test01 재시작해줘")["session_id"]
    assert confirm(client, auth_headers, sid, True).status_code == 200  # the user has used the repository
    say(client, auth_headers, "test01 상태 보여줘")  # a new chat: no session to remember it by
    read = deploy.calls[-1]
    assert read.type == "status" and (read.args.get("github_owner"), read.args.get("github_repo")) == (
        "K-Le-PaaS",
        "test01",
    )
    say(client, auth_headers, "other-app 상태 보여줘")  # any other name stays as it was said
    assert deploy.calls[-1].args.get("app_name") == "other-app"
    # In a chat that already works on another repository, the name is not rewritten to this one.
    other = say(client, auth_headers, "K-Le-PaaS/shop 상태 보여줘")["session_id"]
    say(client, auth_headers, "test01 상태 보여줘", sid=other)
    assert deploy.calls[-1].args.get("app_name") == "test01"


def test_a_rollback_to_a_commit_the_app_never_ran_says_so_in_korean():
    from klepaas_nlp.formatting.language import failure

    args = {"github_owner": "K-Le-PaaS", "github_repo": "shop", "target_commit_sha": "349e7c1"}
    said = failure("not_found", "commit 349e7c1 is not in the history of K-Le-PaaS/shop", "rollback", args, "ko")
    assert said.startswith("K-Le-PaaS/shop의 배포 이력에 커밋 349e7c1이 없습니다")
    assert "'K-Le-PaaS/shop 롤백 목록 보여줘'" in said
