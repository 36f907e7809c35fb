"""Issue 24, round 11: a remark after any request ending is set aside; a second request is not.

New phrasings (none is a line of a dev set): a bare 반말 imperative, "go" (ㄱ), 주세요 and 해줘, each
followed by a clause stating what is or happened; a postposed slot after the request stays its own;
a second request after the first keeps the command ambiguous.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("menu-api 재시작해 계속 뻗었어", Intent.RESTART, {"app_name": "menu-api"}),
        ("menu-api 6개로 늘려 사람 몰렸네", Intent.SCALE, {"app_name": "menu-api", "replicas": 6}),
        ("menu-api 롤백 ㄱ 에러 터졌음", Intent.ROLLBACK, {"app_name": "menu-api"}),
        ("menu-api 재시작해 주세요. 아침부터 응답이 느려요", Intent.RESTART, {"app_name": "menu-api"}),
        ("menu-api 롤백 좀 해줘 배포하고 나서 이상해서", Intent.ROLLBACK, {"app_name": "menu-api"}),
    ],
)
def test_a_statement_after_a_request_is_a_remark(text: str, intent: Intent, args: dict) -> None:
    result = interpret(text).interpretation
    assert result.intent is intent
    assert {key: value for key, value in result.args.items() if key in args} == args


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("menu-api 배포해 스테이징에", "environment", "staging"),
        ("menu-api 롤백해줘 세 단계", "steps_back", 3),
    ],
)
def test_a_word_without_a_verb_after_the_request_is_its_slot(text: str, slot: str, value: object) -> None:
    assert interpret(text).interpretation.args.get(slot) == value


@pytest.mark.parametrize(
    "text",
    ["menu-api 재시작해 그리고 로그도 보여줘", "menu-api 롤백해 주세요. 상태도 알려주세요"],
)
def test_a_second_request_after_the_first_stays_ambiguous(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.AMBIGUOUS


def test_a_topic_turned_down_after_the_request_is_no_act() -> None:
    result = interpret("menu-api 서비스 정보만 줘 배포는 당장 ㄴㄴ").interpretation
    assert result.intent is Intent.GET_SERVICE


def test_the_same_read_with_also_on_the_second_is_two_acts() -> None:
    assert interpret("비용 예측하고 비용 분석도 해줘").interpretation.intent is Intent.AMBIGUOUS


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("could you give menu-api a reboot? it keeps timing out", Intent.RESTART),
        ("please do a rollback of menu-api", Intent.ROLLBACK),
    ],
)
def test_a_light_verb_with_an_operation_noun_asks_for_the_operation(text: str, intent: Intent) -> None:
    assert interpret(text).interpretation.intent is intent


def test_a_noun_after_the_operation_noun_heads_the_object() -> None:
    assert interpret("give me a deploy summary").interpretation.intent is not Intent.DEPLOY


def test_a_step_then_the_total_it_comes_to_scales_to_the_total() -> None:
    result = interpret("menu-api 파드 3개 더 추가해서 8개로 맞춰줘").interpretation
    assert (result.intent, result.args.get("replicas")) == (Intent.SCALE, 8)
