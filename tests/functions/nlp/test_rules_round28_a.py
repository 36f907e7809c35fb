"""Round 28 (a): purposes, conditions, exclusions and scopes around one act, and two requests under one
need, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from tests.functions.nlp.readings import reads_exactly, reads_within

_R = Intent.RESTART


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        # A need asked as whether is what the look decides, no request.
        ("ticket-sync 롤백 필요한지 판단하게 로그 먼저", Intent.LOGS, {"app_name": "ticket-sync"}),
        ("render-farm 재시작해야 하는지 알게 파드 상태부터", Intent.STATUS, {"pod_name": "render-farm"}),
        ("triage-api 재시작 필요한지 확인해줘", Intent.STATUS, {"app_name": "triage-api"}),
        # A deletion as the purpose of a change, of something transient, is no deletion request.
        ("bounce loot-service to delete the stale cache", _R, {"app_name": "loot-service"}),
        ("scale quiz-engine to 4 to remove stuck sessions", Intent.SCALE, {"app_name": "quiz-engine", "replicas": 4}),
        # A deletion set aside is no deletion.
        ("loot-service 삭제 쪽은 제외하고 재배포 진행 부탁드립니다", Intent.DEPLOY, {"app_name": "loot-service"}),
        ("roll back voice-gw, no removals", Intent.ROLLBACK, {"app_name": "voice-gw"}),
        # Exclusion before the act.
        ("chat-gw는 말고 voice-gw를 롤백해 주세요", Intent.ROLLBACK, {"app_name": "voice-gw"}),
        ("redeploy not chat-gw but voice-gw", Intent.DEPLOY, {"app_name": "voice-gw"}),
        ("chat-gw는 롤백하면 안 되고 voice-gw만 롤백해 주세요", Intent.ROLLBACK, {"app_name": "voice-gw"}),
        ("chat-gw 는 재시작하면 안 되고 로그만 보여줘", Intent.LOGS, {"app_name": "chat-gw"}),
        # A -되 clause forbidding other things is a scope of the act.
        (
            "lab-results 커밋 a1b2c3d 로 되돌리되 다른 서비스는 건드리지 마세요",
            Intent.ROLLBACK,
            {"app_name": "lab-results", "target_commit_sha": "a1b2c3d"},
        ),
        (
            "ward 네임스페이스의 lab-results 재시작하되 다른 앱은 손대지 마세요",
            _R,
            {"app_name": "lab-results", "namespace": "ward"},
        ),
        ("lab-results 5개로 늘리되 다른 건 건드리지 마세요", Intent.SCALE, {"app_name": "lab-results", "replicas": 5}),
        # A topic phrase before the request names no act.
        ("about the lab-results alerts, restart triage-api", _R, {"app_name": "triage-api"}),
        ("regarding triage-api's error rate, roll back lab-results", Intent.ROLLBACK, {"app_name": "lab-results"}),
        ("re: billing-api restart - go ahead", _R, {"app_name": "billing-api"}),
    ],
)
def test_the_act_around_purposes_exclusions_and_scopes(command: str, intent: Intent, args: dict[str, object]) -> None:
    if intent is Intent.STATUS and "pod_name" in args:
        reads_within(command, intent, args)
    else:
        reads_exactly(command, intent, args)


@pytest.mark.parametrize(
    "command",
    [
        "We need lab-results rolled back and the triage-api logs.",
        "I'd like triage-api restarted and the lab-results deployment info.",
        "I need web-app restarted and its logs",
    ],
)
def test_two_objects_of_one_need_are_two_acts(command: str) -> None:
    it = interpret(command).interpretation
    assert it.intent is Intent.AMBIGUOUS, (command, it.intent, it.args)
    assert len(it.suggestions) >= 2 and not it.requires_confirmation


def test_a_deletion_of_ours_as_a_purpose_is_still_refused() -> None:
    it = interpret("restart quiz-engine to delete the pods").interpretation
    assert it.intent is Intent.UNKNOWN and it.refused


@pytest.mark.parametrize(
    "command",
    [
        "seat-map 하나만 빼고 다 재시작해 줘",
        "fare-calc 한 개만 빼고 전부 롤백",
        "gate-api 하나만 제외하고 재배포해 주세요",
    ],
)
def test_the_one_excluded_with_its_count_is_never_the_target(command: str) -> None:
    """ "X 하나만 빼고 다 …" is all but X: a count between the name and 만 goes with what is excluded
    (it read as a change of X alone, the opposite of what was asked)."""
    result = interpret(command).interpretation
    assert result.missing == ["target"] and "app_name" not in result.args, (command, result.args)
