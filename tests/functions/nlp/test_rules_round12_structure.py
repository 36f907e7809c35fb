"""Issue 24, round 12: clause roles. A statement beside a request asks for nothing; its words are
neither the target nor a slot.

New phrasings (none is a line of a dev set): English statements with a subject of their own after
the request, a bare participle ("just browsing"), a first-person wish restating a read.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_within as _reads


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A subject of several words, then a finite verb: the situation, not a target.
        ("restart ledger-svc, the nightly import job is stuck", Intent.RESTART, {"app_name": "ledger-svc"}),
        ("scale quiz-api to 6, the exam season is here", Intent.SCALE, {"app_name": "quiz-api"}),
        # Someone else's wish is why, not what.
        ("ship quiz-api to staging, Marketing needs the new banner by noon", Intent.DEPLOY, {"app_name": "quiz-api"}),
        # A number glued to letters (500s, 5xx) counts nothing.
        ("revert quiz-api, the login form is returning 502s since lunch", Intent.ROLLBACK, {"app_name": "quiz-api"}),
    ],
)
def test_an_english_statement_beside_a_request_is_a_remark(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "list the deployments, we want to know what is live before the standup",
        "which deployments are there? nothing to change, just browsing",
    ],
)
def test_a_wish_or_a_participle_beside_a_read_names_nothing(text: str) -> None:
    _reads(text, Intent.LIST_DEPLOYMENTS, {})


def test_a_second_request_beside_the_first_is_still_two_acts() -> None:
    assert interpret("restart ledger-svc, scale quiz-api to 3").interpretation.intent is Intent.AMBIGUOUS


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A request ending then a comma: the statement after it is cut off all the same.
        ("quiz-api 재시작해주세요, 조교들이 채점 화면 보고 있어요", Intent.RESTART, {"app_name": "quiz-api"}),
        # -아/어 놔 closes a request too.
        ("quiz-api 예전 버전으로 되돌려놔 점수 다 틀렸어", Intent.ROLLBACK, {"app_name": "quiz-api"}),
    ],
)
def test_a_korean_statement_after_a_request_is_a_remark(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


def test_a_subject_in_a_remark_is_never_the_target() -> None:
    """Progressive "기다리고 있어요" states what someone is doing: its subject is no app."""
    result = interpret("운영에 배포 부탁해, PM 기다리고 있어").interpretation
    assert result.intent is Intent.DEPLOY
    assert "app_name" not in result.args
    assert result.missing


@pytest.mark.parametrize(
    "text", ["quiz-api 배포 이력 언제까지 되돌릴 수 있나요?", "quiz-api 릴리스 기록 얼마나 되돌릴 수 있어?"]
)
def test_how_far_a_change_could_go_is_a_question_not_the_change(text: str) -> None:
    """An adverb asking for extent (언제까지, 어디까지, 얼마나) over "can it be done" asks which
    versions there are: the candidates are listed, nothing is rolled back."""
    _reads(text, Intent.LIST_ROLLBACK, {"app_name": "quiz-api"})


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("lab-staging 의 grade-sync 재시작해줘", Intent.RESTART),
        ("lab-staging의 grade-sync 로그 보여줘", Intent.LOGS),
        ("lab-staging의 grade-sync 상태 어때?", Intent.STATUS),
    ],
)
def test_a_name_owning_another_name_is_where_it_runs(text: str, intent: Intent) -> None:
    """ "A의 B", both written as names: A holds B, so B is acted on or read, in namespace A."""
    _reads(text, intent, {"app_name": "grade-sync", "namespace": "lab-staging"})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        (
            "the upgrade of grade-sync complete? show me the deployment",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "grade-sync"},
        ),
        ("the patch for grade-sync live yet? show me the service", Intent.GET_SERVICE, {"service_name": "grade-sync"}),
    ],
)
def test_a_read_after_a_question_about_a_named_app_is_about_it(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


def test_a_read_naming_its_own_target_keeps_it() -> None:
    _reads(
        "the upgrade of grade-sync complete? show me the deployment quiz-api",
        Intent.GET_DEPLOYMENT,
        {"deployment_name": "quiz-api"},
    )


def test_after_written_onto_an_operation_joins_two_acts() -> None:
    """ "롤백후에 상태도": 후 glued to the operation's noun ends its clause as "롤백 후에" does."""
    assert interpret("grade-sync 롤백후에 상태도 보여줘").interpretation.intent is Intent.AMBIGUOUS


def test_the_afternoon_is_no_join() -> None:
    _reads("grade-sync 오후에 재시작해줘", Intent.RESTART, {"app_name": "grade-sync"})


@pytest.mark.parametrize(
    "text",
    [
        "grade-sync 재시작 좀 해줄래? exam page 가 안 열려",
        "grade-sync 재시작해 주실래요? 로그인 화면이 안 떠요",
    ],
)
def test_what_does_not_work_after_a_request_asked_as_a_question_is_a_remark(text: str) -> None:
    """A request of willingness (해줄래?) closes the request; a negated verb after it (안 열려) says
    what is broken, and its words (exam page) are no target."""
    _reads(text, Intent.RESTART, {"app_name": "grade-sync"})


@pytest.mark.parametrize(
    ("text", "replicas"),
    [("grade-sync 열두 개는 과하고 여섯 개로 줄여줘", 6), ("grade-sync 8개는 급하고 5개로 맞춰줘", 5)],
)
def test_a_count_set_aside_by_an_adjective_leaves_the_goal(text: str, replicas: int) -> None:
    """ "A는 과하고 B로": 과하다 is an adjective ending its clause with -고, not the noun 과 joined by
    하고; the count asked for is the goal one."""
    _reads(text, Intent.SCALE, {"app_name": "grade-sync", "replicas": replicas})


def test_a_few_more_copies_asked_for_with_an_unknown_verb_is_a_scale_missing_its_count() -> None:
    """몇 under a request ending is "a few", not "how many": the scale is asked for, its count open."""
    result = interpret("grade-sync 인스턴스 몇 개만 더 얹어줘").interpretation
    assert result.intent is Intent.SCALE
    assert result.args.get("app_name") == "grade-sync"
    assert "replicas" in result.missing


@pytest.mark.parametrize("text", ["grade-sync 레플리카 몇 개야?", "grade-sync 인스턴스 몇 개인지 알려줘"])
def test_how_many_copies_asked_is_still_a_read(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.STATUS


@pytest.mark.parametrize(
    ("text", "replicas"),
    [("grade-sync scale out 해줘 7개로, 응답 계속 느림", 7), ("grade-sync 늘려줘 6개로, 대기열 너무 밀림", 6)],
)
def test_a_chat_statement_after_a_postposed_count_is_a_remark(text: str, replicas: int) -> None:
    """After the request and its postposed count, a comma and a statement in the -ㅁ form of chat
    ("계속 느림") say why; "scale out" before 해줘 is the scale verb with its particle."""
    _reads(text, Intent.SCALE, {"app_name": "grade-sync", "replicas": replicas})
