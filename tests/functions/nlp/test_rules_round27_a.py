"""Round 27 (a): alternatives, exclusions, prohibitions and talk about a change, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from tests.functions.nlp.readings import reads_exactly


@pytest.mark.parametrize(
    "command",
    [
        "orders-api 배포하든가 재시작하든가",
        "billing 재시작하든지 롤백하든지 좀 해 주세요",
        "ledger를 롤백하든 재시작하든 편한 대로 해",
        "ledger 롤백이나 재시작 부탁해",
        "inventory 배포나 롤백 해 주세요",
        "billing-api를 dev이나 staging에 올려줘",
        "revert ledger to 9c0ffee or 1badbed",
        "restart orders-api restart billing-api",
        "scale ledger to 2 scale ledger to 7",
    ],
)
def test_alternatives_offer_each_act_or_value(command: str) -> None:
    it = interpret(command).interpretation
    assert it.intent is Intent.AMBIGUOUS, (command, it.intent, it.args)
    assert len(it.suggestions) >= 2 and not it.requires_confirmation


def test_counts_as_alternatives_still_ask_for_the_count() -> None:
    reads_exactly("scale ledger to 4 or 5 replicas", Intent.SCALE, {"app_name": "ledger"}, missing=["replicas"])


def test_an_excluded_app_is_never_the_target() -> None:
    reads_exactly("ledger만 빼고 롤백해줘", Intent.ROLLBACK, {}, missing=["target"])


@pytest.mark.parametrize(
    ("command", "intent", "app"),
    [
        ("ledger 롤백 말고 inventory 재시작", Intent.RESTART, "inventory"),
        ("ledger 재시작 말고 inventory 재시작해 줘", Intent.RESTART, "inventory"),
        ("orders-api 배포 말고 billing-api 배포해줘", Intent.DEPLOY, "billing-api"),
        ("inventory 재시작 말고 롤백해줘", Intent.ROLLBACK, "inventory"),
    ],
)
def test_an_act_set_aside_with_its_app(command: str, intent: Intent, app: str) -> None:
    reads_exactly(command, intent, {"app_name": app})


@pytest.mark.parametrize(
    "command",
    [
        "ledger 롤백하면 안 돼요",
        "inventory는 절대 배포하면 안 됩니다",
        "orders-api 재시작하면 안 된다",
        "make sure no one rolls back ledger",
        "ensure nobody will deploy the inventory app",
        "we can't redeploy ledger, it keeps failing",
        "ledger 롤백하는 방법",
        "inventory 배포하는 법 알려줘",
        "remind me to scale ledger to 3 tomorrow",
        "ask me about rolling back inventory later",
        "let the ops team know we redeployed ledger",
        "inventory 롤백했다고 운영팀에 공유해 줘",
    ],
)
def test_prohibitions_reports_and_talk_ask_for_no_change(command: str) -> None:
    reads_exactly(command, Intent.UNKNOWN, {})


def test_the_polite_question_form_still_asks() -> None:
    reads_exactly("ledger 롤백하면 안 될까요?", Intent.ROLLBACK, {"app_name": "ledger"})


def test_a_change_declined_beside_a_read_asked() -> None:
    reads_exactly(
        "order-service는 롤백할 필요 없고요, 로그 30줄만 보여 주세요.",
        Intent.LOGS,
        {"app_name": "order-service", "lines": 30},
    )
    reads_exactly("order-service 배포하면 안 돼요, 상태만 보여줘", Intent.STATUS, {"app_name": "order-service"})
