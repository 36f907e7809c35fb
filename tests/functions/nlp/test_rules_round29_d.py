"""Round 29 (names): file names beside a real name, domain nouns as apps, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.arguments import CommandValidationError
from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("handler.py 고쳤으니 payment 재시작", Intent.RESTART, {"app_name": "payment"}),
        ("values.yaml 바꿨어 cart 재배포해줘", Intent.DEPLOY, {"app_name": "cart"}),
        ("utils.go 고쳤으니 payment 롤백", Intent.ROLLBACK, {"app_name": "payment"}),
        (
            "at org.shop.Cart.add(Cart.java:41)\nat org.shop.Web.serve(Web.java:7)\ncart 롤백해줘",
            Intent.ROLLBACK,
            {"app_name": "cart"},
        ),
    ],
)
def test_a_file_name_yields_to_an_app_name(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_file_name_alone_asks_for_the_target() -> None:
    # Round 30: a file's name names no app, so the act asks for its target rather than being refused.
    reads_exactly("handler.py 재시작", Intent.RESTART, {}, missing=["target"])


def test_a_name_that_is_no_file_and_no_app_is_still_refused() -> None:
    with pytest.raises(CommandValidationError):
        interpret("com.shop.Cart 재시작")


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("pricing 서버 상태", Intent.STATUS, {"app_name": "pricing"}),
        ("pricing 재시작하되 나머지는 그대로 둬", Intent.RESTART, {"app_name": "pricing"}),
        ("did pricing restart?", Intent.STATUS, {"app_name": "pricing"}),
        ("pricing 이전 로그", Intent.LOGS, {"app_name": "pricing", "previous": True}),
        ("pricing 잘 돌아가?", Intent.STATUS, {"app_name": "pricing"}),
        ("usage 로그 좀 보자", Intent.LOGS, {"app_name": "usage"}),
        ("price 4개로", Intent.SCALE, {"app_name": "price", "replicas": 4}),
    ],
)
def test_a_domain_noun_names_the_app_of_an_act_or_a_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize("text", ["billing 비용 보여줘", "how much did pricing cost"])
def test_a_domain_noun_with_a_cost_word_stays_a_cost_request(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.COST_ANALYSIS
