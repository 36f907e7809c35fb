"""Issue 24, round 7: which clauses are acts, and a sure answer only when every word was read.

New phrasings of the structural rules (none is a line of a dev set):
- a clause that only states what is, or only carries a slot, is not a second act;
- a withdrawn or negated act is not asked for;
- two reads joined by 하고 on a noun, by "and" under one English verb, or by "then" with "the X one";
- a name or a number no slot took keeps the answer below the skip threshold;
- a creation verb before a postposed argument, a destruction stem in any form, and running a
  script are refused; a commit asked for but not given is a question.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.calibration import SKIP_CONFIDENCE


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A clause stating what is (있어 / 있다, no question) is a remark beside the request.
        ("search-api 파드가 너무 적게 떠 있어. 5개로 늘려줘", Intent.SCALE, {"app_name": "search-api", "replicas": 5}),
        ("cart-api 어제 배포한 거 에러 있어, 롤백해줘", Intent.ROLLBACK, {"app_name": "cart-api"}),
        # A count with no verb after a deploy is the deploy's count.
        (
            "web-api 운영 배포, 인스턴스 두 개",
            Intent.DEPLOY,
            {"app_name": "web-api", "environment": "production", "replicas": 2},
        ),
        # A plain word after a subject and its copula describes it: it is no second name.
        ("billing-worker is frozen, could you restart it?", Intent.RESTART, {"app_name": "billing-worker"}),
        ("search-api seems totally wedged, please reboot it", Intent.RESTART, {"app_name": "search-api"}),
        ("restart pay-api please, it's hanging", Intent.RESTART, {"app_name": "pay-api"}),
        # A withdrawn act ("…? no, …") is not asked for; its names stay for the request after it.
        ("roll back pay-api? no, just show me its status", Intent.STATUS, {"app_name": "pay-api"}),
        # A declarative past clause says what happened: a remark, not a read.
        ("order-svc 재시작 부탁해요. 아까부터 타임아웃 났어요", Intent.RESTART, {"app_name": "order-svc"}),
        # What stands before 말고 is set aside, a name before it kept; "no X" asks for no X.
        ("billing-api 서비스 목록 말고 그 앱 로그만", Intent.LOGS, {"app_name": "billing-api"}),
        ("show the pods in qa, no restarts", Intent.LIST_PODS, {"namespace": "qa"}),
        # "the last good version": a word describing the version, not the app.
        ("roll back auth-svc to the last working release", Intent.ROLLBACK, {"app_name": "auth-svc"}),
    ],
)
def test_a_clause_that_is_no_act_joins_the_one_act(text: str, intent: Intent, args: dict[str, object]) -> None:
    got = interpret(text).interpretation
    assert (got.intent, dict(got.args)) == (intent, args), got


def test_a_count_with_no_verb_after_a_deploy_gives_its_count_and_the_target_is_still_asked_for() -> None:
    got = interpret("스테이징에 배포해줘, 레플리카 4개로").interpretation
    assert got.intent is Intent.DEPLOY
    assert (got.args.get("environment"), got.args.get("replicas"), got.missing) == ("staging", 4, ["target"])


@pytest.mark.parametrize(
    "text",
    [
        "서비스 목록하고 파드 목록 좀 보여줘",
        "show me the cluster overview and a cost breakdown",
        "list the services, then describe the checkout one",
        # The second act's count is out of bounds: it is still an act of its own.
        "web-api 15개로 늘리고 재시작도",
        "orders 3개로 줄이고 운영에 다시 배포도",
    ],
)
def test_two_acts_are_ambiguous(text: str) -> None:
    got = interpret(text).interpretation
    assert got.intent is Intent.AMBIGUOUS and len(got.suggestions) >= 2, got


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("billing-ns 인그레스 목록", "billing-ns"),
        ("ops-west 쪽 이번 달 비용 분석해줘", "ops-west"),
        ("cost breakdwn for shop-eu", "breakdwn"),
    ],
)
def test_a_name_is_read_into_a_slot_or_the_answer_is_not_sure(text: str, name: str) -> None:
    """Whatever reads the name (a namespace, a target), an answer that left it unread is never sure."""
    result = interpret(text)
    got = result.interpretation
    if name not in got.args.values():
        assert got.confidence < SKIP_CONFIDENCE and result.path.endswith("/unread"), (got, result.path)


@pytest.mark.parametrize(
    "text",
    [
        "qa 에 네임스페이스 새로 하나 생성해 qa-2로",
        "디플로이먼트 전부 날리는 작업 돌려",
        "정리 스크립트 좀 돌려줘",
    ],
)
def test_creation_destruction_and_scripts_are_refused_wherever_the_verb_stands(text: str) -> None:
    got = interpret(text).interpretation
    assert got.intent is Intent.UNKNOWN and got.refused, got


@pytest.mark.parametrize(
    "text", ["billing-api를 원하는 커밋으로 롤백해줘", "roll back billing-api to a particular commit"]
)
def test_a_commit_asked_for_but_not_given_is_a_question(text: str) -> None:
    got = interpret(text).interpretation
    assert got.intent is Intent.ROLLBACK and got.args.get("app_name") == "billing-api", got
    assert "target_commit_sha" in got.missing and got.confidence < SKIP_CONFIDENCE


def test_a_commit_placed_relative_to_the_current_one_is_a_step_back() -> None:
    got = interpret("billing-api 이전 커밋으로 롤백해줘").interpretation
    assert got.intent is Intent.ROLLBACK and got.missing == [], got
