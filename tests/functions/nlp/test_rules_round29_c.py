"""Round 29 (c): notes, jokes taken back, chat after a request, corrections and exclusions with kind words.

New wordings of the structures dev_redteam8 found (other apps, endings, registers), never its lines."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly


@pytest.mark.parametrize(
    "command",
    [
        # One labelled line is a note (notes.py), as a labelled list is.
        "메모: orders 디플로이먼트 5개로 줄여야 함",
        "할 일: shop-web 서비스 재시작",
        "todo: roll back orders to 9f8e7d6",
        "notes: restart shop-web pods",
        "오늘 한 일: orders 파드 재배포해줘",
        # A line tagged as done records a change made.
        "[처리완료] orders 파드 2개로 줄여줘",
        "(done) scale shop-web to 6",
        "- [x] restart the orders pods",
        # A request taken back as a joke, in English as in Korean.
        "deploy shop-web to prod jk",
        "restart orders pods haha jk",
        "roll back shop-web to 0a1b2c3 just kidding",
        # A request quoted to ask how it is worded.
        "orders 파드 2개로 줄여줘라고 치면 바로 줄어?",
        "shop-web 재배포하라고 입력할 때 승인 필요해요?",
    ],
)
def test_notes_jokes_and_quoted_wording_ask_for_nothing(command: str) -> None:
    result = interpret(command).interpretation
    assert result.intent is Intent.UNKNOWN, (command, result.intent, result.args)
    assert result.confidence < 0.9


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        # Chat after an English request: an emoticon, "seriously", laughter before a remark, a purpose, the
        # user's own edit.
        ("restart orders :P", Intent.RESTART, {"app_name": "orders"}),
        ("restart orders, seriously", Intent.RESTART, {"app_name": "orders"}),
        ("scale shop-web to 4, not kidding", Intent.SCALE, {"app_name": "shop-web", "replicas": 4}),
        ("restart orders haha it keeps hanging", Intent.RESTART, {"app_name": "orders"}),
        ("bounce orders so the cache clears", Intent.RESTART, {"app_name": "orders"}),
        ("restart orders so that users can log in again", Intent.RESTART, {"app_name": "orders"}),
        ("restart orders after changing settings.yaml", Intent.RESTART, {"app_name": "orders"}),
        ("orders 재시작해줘 농담 아니고", Intent.RESTART, {"app_name": "orders"}),
        # Insisting on what was asked.
        ("아니 orders 재시작해 달라니깐요", Intent.RESTART, {"app_name": "orders"}),
        # An undoing forbidden before carrying on keeps the operation.
        ("orders 재배포 중단하지 말고 계속 진행해 주세요", Intent.DEPLOY, {"app_name": "orders"}),
    ],
)
def test_chat_and_insisting_keep_the_request(command: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(command, intent, args)


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        # A name set aside or corrected goes with its kind word.
        ("orders 디플로이먼트 말고 shop-web 디플로이먼트 재시작해줘", Intent.RESTART, {"app_name": "shop-web"}),
        ("orders 서비스는 말고 shop-web 서비스만 재시작", Intent.RESTART, {"app_name": "shop-web"}),
        ("shop-web 파드 재시작해줘 아 잠깐 orders 파드로", Intent.RESTART, {"app_name": "orders"}),
        ("orders 앱 재시작해줘 말고 shop-web 앱", Intent.RESTART, {"app_name": "shop-web"}),
        ("orders 재배포해줘 말고 shop-web", Intent.DEPLOY, {"app_name": "shop-web"}),
        # A hesitation before the count that replaces the first.
        ("shop-web 2개로... 흠... 5개로 하자", Intent.SCALE, {"app_name": "shop-web", "replicas": 5}),
        ("scale orders to 3... um... 6", Intent.SCALE, {"app_name": "orders", "replicas": 6}),
        # A commit corrected inside the clause.
        (
            "roll back shop-web to 1a2b3c4 no wait 5d6e7f8",
            Intent.ROLLBACK,
            {"app_name": "shop-web", "target_commit_sha": "5d6e7f8"},
        ),
        # A second name asked about after a pause.
        ("orders 상태 괜찮아? 아 잠깐 shop-web은?", Intent.STATUS, {"app_name": "shop-web"}),
        ("shop-web 재배포해줘\n아 아니다 orders", Intent.DEPLOY, {"app_name": "orders"}),
    ],
)
def test_corrections_and_exclusions_with_kind_words(command: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(command, intent, args)


def test_all_but_one_named_with_its_kind_leaves_the_target_asked() -> None:
    reads_exactly("orders 파드 하나만 빼고 전부 재시작해줘", Intent.RESTART, {}, missing=["target"])


def test_a_corrected_request_is_never_sure() -> None:
    # "X 해줘 말고 Y": rewritten from a request turned down, so likely at most.
    assert interpret("orders 파드 재시작해줘 말고 shop-web 파드").interpretation.confidence < 0.9


def test_a_kind_set_aside_for_another_kind_keeps_the_name() -> None:
    # Only the kind is set aside when no other name follows: the service is still orders'.
    expected: dict[str, object] = {"service_name": "orders", "resource_type": "service"}
    reads_exactly("orders 파드 말고 서비스 상태 알려줘", Intent.STATUS, expected)


def test_a_domain_noun_put_in_a_changes_place_names_the_app() -> None:
    reads_exactly("orders 재배포해줘\n아 아니다 pricing", Intent.DEPLOY, {"app_name": "pricing"})
