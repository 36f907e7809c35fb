"""Issue 24, round 17 (part A): the clause roles that decide whether a clause asks for anything.

New phrasings (none is a line of a dev set): a change told in the past, planned, put off, forbidden,
made a condition or something someone else said asks for nothing; only the request clauses give the
act, the count and the target, and a request that names no app borrows the one app the other
clauses name, when what it asks for takes one.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.calibration import SKIP_CONFIDENCE


@pytest.mark.parametrize(
    "text",
    [
        # A change told in the past, in every ending: declarative, chat -ㅁ, hearsay, a guess.
        "order-sync 지난주에 6개로 줄였어요",
        "ledger-api 배포는 오전에 김 대리님이 하셨대요",
        "pay-gw 어제 재시작함.",
        "invoice-svc 7개로 늘린 게 문제였나 봐",
        "we already redeployed cart-svc this morning",
        # A change planned or supposed.
        "월말에 stock-api 4개로 늘릴 예정이에요",
        "다음 달에 promo-web 배포할 거야",
        "if queue-relay falls over again we'll restart it",
    ],
)
def test_a_change_only_told_or_planned_asks_for_nothing(text: str) -> None:
    got = interpret(text).interpretation
    assert got.intent is Intent.UNKNOWN, got


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # The past clause's app is the read's, its count is no slot.
        ("stock-api 그저께 롤백했는데 지금 로그 좀 보여줘", Intent.LOGS, {"app_name": "stock-api"}),
        ("order-sync는 아까 재시작했어, 상태만 확인해줘", Intent.STATUS, {"app_name": "order-sync"}),
        ("ledger-api 어제 롤백함. 로그 보여줘", Intent.LOGS, {"app_name": "ledger-api"}),
        (
            "pay-gw 지난주에 6개로 늘렸는데 파드가 2개만 떠 있어. 상태 확인 부탁해",
            Intent.STATUS,
            {"app_name": "pay-gw"},
        ),
        ("we just restarted invoice-svc, show me its logs", Intent.LOGS, {"app_name": "invoice-svc"}),
        # A plan beside a read: the read, with the plan's app when it takes one.
        ("promo-web 롤백은 내일 할 거고 지금은 로그만", Intent.LOGS, {"app_name": "promo-web"}),
        ("stock-api 3개로 늘릴 계획인데 지금 비용부터 분석해줘", Intent.COST_ANALYSIS, {}),
        ("서비스 목록만 볼게, 재시작은 나중에", Intent.LIST_SERVICES, {}),
        # Before a change, a read first: the change frames the read, it is not asked for.
        ("cart-svc 롤백하기 전에 되돌릴 수 있는 버전부터 알려줘", Intent.LIST_ROLLBACK, {"app_name": "cart-svc"}),
        ("queue-relay 재시작하기 전에 서비스 정보 먼저 볼게", Intent.GET_SERVICE, {"service_name": "queue-relay"}),
        # Someone else's word: what they said to do is no request.
        ("cost-bot이 2개로 줄이라고 했는데, 먼저 비용 분석부터 보여줘", Intent.COST_ANALYSIS, {}),
        # A forbidden change: the rest is asked for, about its own apps or the forbidden change's one.
        ("ledger-api 재시작은 아직 하지 마, 로그만 보여줘", Intent.LOGS, {"app_name": "ledger-api"}),
        ("promo-web 잘 떠 있어? 롤백 작업은 절대 하지 마", Intent.STATUS, {"app_name": "promo-web"}),
    ],
)
def test_only_the_request_clauses_are_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    got = interpret(text).interpretation
    assert (got.intent, dict(got.args)) == (intent, args), got


def test_the_count_of_a_past_clause_is_not_the_requests() -> None:
    got = interpret("order-sync 그저께 8개로 늘렸는데 도로 줄여줘").interpretation
    assert got.intent is Intent.SCALE, got
    assert dict(got.args) == {"app_name": "order-sync"} and "replicas" in got.missing, got


def test_a_forbidden_change_takes_its_app_along_when_the_rest_names_its_own() -> None:
    got = interpret("ledger-api 롤백은 하지 말고 pay-gw랑 cart-svc 상태만 봐줘").interpretation
    assert got.intent is Intent.AMBIGUOUS, got
    assert not any("ledger-api" in suggestion for suggestion in got.suggestions), got


def test_a_borrowed_target_is_never_sure() -> None:
    got = interpret("invoice-svc 어제 롤백함. 지금 상태 어때").interpretation
    assert (got.intent, dict(got.args)) == (Intent.STATUS, {"app_name": "invoice-svc"}), got
    assert got.confidence < SKIP_CONFIDENCE, got


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Still requests: a question about a past change, a change with how urgent it is.
        ("stock-api 배포했어?", Intent.STATUS),
        ("cart-svc 급함 재시작 ㄱㄱ", Intent.RESTART),
    ],
)
def test_requests_stay_requests(text: str, intent: Intent) -> None:
    got = interpret(text).interpretation
    assert got.intent is intent, got
