"""Issue 24, round 23 (part C): a change named but not asked for.

New phrasings (none is a line of a dev set):
- not needed, forbidden or declined, written as a noun phrase or glued to its noun (금지, 불필요,
  필요 없을 듯, 안 하셔도 돼요, 안 할게요, 하지마삼, 하지 말라셨어요, "not needed", "isn't advised");
- planned, put off or held (the noun heading 예정 / 일정 / 사유, "is planned for", 아직 이른 듯,
  승인 기다리는 중, 스킵, -려고 했는데 … 냅두자);
- a request taken back after it (아 취소요, 아 아니에요, 없던 걸로 해, "scratch that"), or only almost made;
- a correction replaces what it corrects, unless it adds to it; "N개 커밋 전" is N steps back.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    "text",
    [
        # Not needed, forbidden, declined.
        "order-api 스케일 금지입니다",
        "pay-gw 재배포 불필요해요",
        "cart-svc 롤백까지는 필요 없을 듯",
        "cart-svc 재시작 안 하셔도 돼요",
        "auth-svc 롤백안함",
        "auth-svc 배포 안 할게요",
        "auth-svc 재배포하지마삼",
        "부장님이 auth-svc 롤백하지 말라셨어요",
        "mail-relay 재시작 x",
        "auth-svc redeploy not needed right now",
        "a rollback of auth-svc isn't advised",
        # Planned, put off, held.
        "the auth-svc deploy is planned for Monday",
        "auth-svc 재시작 예정이에요",
        "auth-svc 롤백 일정",
        "auth-svc 재배포는 아직 이른 듯",
        "auth-svc 배포 승인 기다리는 중",
        "auth-svc 재시작 스킵할게요",
        "auth-svc 2개로 줄이려고 했는데 그냥 냅두자",
        "ledger-svc 4개로 줄이는 건 주말에",
        # Taken back, or almost made.
        "auth-svc 재시작해줘 아 취소요",
        "auth-svc 롤백해 주세요. 아 아니에요",
        "auth-svc 3개로 늘려줘 없던 걸로 해",
        "restart auth-svc, scratch that",
        "auth-svc 재시작할 뻔했다",
    ],
)
def test_a_change_named_but_not_asked_for_asks_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A correction replaces the count or the act it corrects.
        ("auth-svc 4개로 늘려줘 아니 6개로", Intent.SCALE, {"app_name": "auth-svc", "replicas": 6}),
        ("auth-svc 재시작해줘 아니다 롤백해줘", Intent.ROLLBACK, {"app_name": "auth-svc"}),
        ("auth-svc 5개 커밋 전으로 되돌려줘", Intent.ROLLBACK, {"app_name": "auth-svc", "steps_back": 5}),
        # 두 the number is no "leave it" (그냥 두다), and 하려고 closing the command is a purpose.
        ("auth-svc 그냥 두 개로 줄여줘", Intent.SCALE, {"app_name": "auth-svc", "replicas": 2}),
        ("auth-svc 다시 띄워줘 새 이미지 배포되게 하려고", Intent.DEPLOY, {"app_name": "auth-svc"}),
    ],
)
def test_what_still_asks_keeps_its_reading(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
