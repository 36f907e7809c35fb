"""Issue 24, round 13: clause structure. A remark beside a request (after a comma, a sentence end or
"as"; before it, as a Korean background) asks for nothing, and its words are neither the target nor
a slot; "the X pods" are the app's pods; a vague count is a count not given.

New phrasings (none is a line of a dev set).
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_within as _reads


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A statement of failure with a subject of its own: can't, stopped, broke.
        (
            "please restart the quiz-engine app, students can't submit answers",
            Intent.RESTART,
            {"app_name": "quiz-engine"},
        ),
        ("reboot the grade-book service, the export jobs stopped running", Intent.RESTART, {"app_name": "grade-book"}),
        # After a sentence end: someone's wish, said in a sentence of its own.
        (
            "can you ship grade-book to staging? QA wants the new rubric page today",
            Intent.DEPLOY,
            {"app_name": "grade-book"},
        ),
        # A subject of five words; a hyphenated word in it is no target when the request names its own.
        (
            "redeploy quiz-engine to production, the patch for the time-zone offset is ready",
            Intent.DEPLOY,
            {"app_name": "quiz-engine", "environment": "production"},
        ),
        # A clause of reason opened by "as", with a subject of its own.
        (
            "roll back grade-book to the previous release, as the averages are computed wrong",
            Intent.ROLLBACK,
            {"app_name": "grade-book"},
        ),
        # "I was wondering if you could …" frames the request; "when you can" and after say when and why.
        (
            "I was wondering if you could restart quiz-engine whenever you can, the timer is off",
            Intent.RESTART,
            {"app_name": "quiz-engine"},
        ),
    ],
)
def test_an_english_remark_after_the_request_is_set_aside(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


def test_a_remark_still_names_what_it_refers_to_when_the_request_names_nothing() -> None:
    _reads("grade-book is broken, roll it back", Intent.ROLLBACK, {"app_name": "grade-book"})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # 좀 alone after the verb closes the request; a -ㅁ statement after it is the situation.
        ("grade-book restart 좀, config 바꾼 뒤로 반영 안 됨", Intent.RESTART, {"app_name": "grade-book"}),
        ("quiz-engine pod restart 부탁, 채점 요청이 계속 timeout 남", Intent.RESTART, {"app_name": "quiz-engine"}),
        # -ㅂ adjectives in the chat -ㅁ form (아까움, 귀찮음 alike).
        ("grade-book 레플리카 좀 줄여줘 돈 아까움", Intent.SCALE, {"app_name": "grade-book"}),
        # A polite background (-ㄴ데요,) before the request.
        ("채점 화면이 멈춰서 그런데요, quiz-engine 재시작 좀 부탁드려요", Intent.RESTART, {"app_name": "quiz-engine"}),
    ],
)
def test_a_korean_remark_beside_the_request_is_set_aside(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("are the grade-book pods healthy?", Intent.STATUS, {"app_name": "grade-book"}),
        ("kick the quiz-engine pods, they hang", Intent.RESTART, {"app_name": "quiz-engine"}),
        ("show me what the quiz-engine pods printed", Intent.LOGS, {"app_name": "quiz-engine"}),
    ],
)
def test_the_pods_of_a_name_are_the_apps_pods(text: str, intent: Intent, args: dict) -> None:
    result = interpret(text).interpretation
    _reads(text, intent, args)
    assert "pod_name" not in result.args


def test_a_name_labelled_by_a_bare_pods_still_names_a_pod() -> None:
    result = interpret("grade-book pods 상태 보여줘").interpretation
    assert result.args.get("pod_name") == "grade-book"


@pytest.mark.parametrize("text", ["scale grade-book to a few more", "scale quiz-engine up to several pods"])
def test_a_vague_count_is_a_count_not_given(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.SCALE and result.missing == ["replicas"], (text, result.intent, result.missing)
    assert "app_name" in result.args


def test_a_pronoun_after_nothing_is_no_name() -> None:
    result = interpret("list the services, nothing more").interpretation
    assert result.intent is Intent.LIST_SERVICES, result


@pytest.mark.parametrize(
    "text",
    [
        "스케일 기능도 되나? 명령어 리스트 보여줘",
        "can you do backups too? show me the available commands",
    ],
)
def test_the_command_list_answers_the_capability_questions_before_it(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.LIST_COMMANDS


def test_a_namespace_said_with_a_copula_is_the_namespace() -> None:
    _reads("show the logs of quiz-engine, the namespace is exams", Intent.LOGS, {"namespace": "exams"})


def test_what_happens_under_a_condition_stated_in_a_closed_sentence_is_the_situation() -> None:
    _reads(
        "제출 버튼 누르면 화면이 멈춘대. quiz-engine 이전 버전으로 롤백해줘",
        Intent.ROLLBACK,
        {"app_name": "quiz-engine"},
    )


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        ("we want 4 replicas, could you do that?", Intent.SCALE, {"replicas": 4}, ["target"]),
        ("restart grade-book, can you manage that?", Intent.RESTART, {"app_name": "grade-book"}, []),
    ],
)
def test_a_question_asking_for_what_was_said_names_nothing(
    text: str, intent: Intent, args: dict, missing: list[str]
) -> None:
    _reads(text, intent, args, missing)
