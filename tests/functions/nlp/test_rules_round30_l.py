"""Round 30 (speed, issue 24): a situation and its request read as before once each cut is asked once."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("세션이 자꾸 끊겨서 ledger-api 재시작해줘", Intent.RESTART, {"app_name": "ledger-api"}),
        ("캐시가 꽉 찼길래 orbit-web 로그 좀 보자", Intent.LOGS, {"app_name": "orbit-web"}),
        ("quota-svc 3개로 늘려줘, 주문이 밀렸어", Intent.SCALE, {"app_name": "quota-svc", "replicas": 3}),
        ("결제가 안 된대. wallet-api 상태 확인해줘", Intent.STATUS, {"app_name": "wallet-api"}),
    ],
)
def test_the_request_beside_its_situation_reads_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_long_message_of_situations_only_proposes_no_change() -> None:
    reads_within(("세션이 끊겨서 " * 70)[:500], Intent.UNKNOWN, {})
