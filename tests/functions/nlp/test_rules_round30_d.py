"""Round 30 (nlp30d): conditions, times, hedges and compounds, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # Politeness opening a request is no condition, and none of its words is a name.
        (
            "When you get a chance, restart ledger-api in staging.",
            Intent.RESTART,
            {"app_name": "ledger-api", "environment": "staging"},
        ),
        ("if possible, scale coupon-svc to 4", Intent.SCALE, {"app_name": "coupon-svc", "replicas": 4}),
        ("가능하면 coupon-svc 재시작 부탁해요", Intent.RESTART, {"app_name": "coupon-svc"}),
        ("시간 되실 때 coupon-svc 로그 좀 봐주세요", Intent.LOGS, {"app_name": "coupon-svc"}),
        # A modal with need/have to before a change is a maybe for later: the read asked now is read.
        (
            "We may have to restart ledger-api tomorrow, but for now show me its logs.",
            Intent.LOGS,
            {"app_name": "ledger-api"},
        ),
        ("I might need to scale coupon-svc later, just so you know.", Intent.UNKNOWN, {}),
        # "if" after tell/check is whether: a question asked now.
        ("no need to restart, just tell me if coupon-svc is up", Intent.STATUS, {"app_name": "coupon-svc"}),
        ("check if ledger-api is healthy", Intent.STATUS, {"app_name": "ledger-api"}),
        # A revision list is the rollback candidates; the rollback put off asks nothing now.
        ("coupon-svc 롤백은 내일 할 거니까 오늘은 리비전 목록만 줘", Intent.LIST_ROLLBACK, {"app_name": "coupon-svc"}),
        ("show the revision list of ledger-api", Intent.LIST_ROLLBACK, {"app_name": "ledger-api"}),
        # 올리고 / 띄우고 deploy: with a read after them, two acts.
        ("개발 환경에 coupon-svc 올리고 상태 봐줘", Intent.AMBIGUOUS, {}),
        ("ledger-api 띄우고 로그 보여줘", Intent.AMBIGUOUS, {}),
    ],
)
def test_round30_d(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
