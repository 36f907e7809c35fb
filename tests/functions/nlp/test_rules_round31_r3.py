"""Round 31 (R3): a change wished for and held back by what stands in its way, or tried and told with what
came of it, asks for nothing; the same wish or report with a request after it, and the plain request, still
ask."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.about import wished_or_tried

from .readings import reads_exactly

_HELD_BACK = [
    # A wish in a concessive or background ending, then the obstacle.
    "inventory-svc 6개로 늘리고 싶은데 클러스터 자원이 모자라",
    "inventory-svc 재시작하면 좋겠지만 지금 정산 배치가 돌고 있어",
    "ledger-web 롤백하고 싶지만 데이터 호환이 안 돼서 못 해요",
    "ledger-web 배포했으면 좋겠는데 아직 QA가 안 끝났어",
    "ledger-web 2개로 줄이면 좋을 텐데 다음 주까지는 참아야지",
    "search-ui 재배포해주면 감사하겠지만 오늘은 릴리즈 금지일이야",
    "I'd like to roll back search-ui but the release manager said no",
    "we wanted to restart search-ui but the change window closed",
]

_TRIED = [
    # A command quoted (a request ending before a past verb of saying) or done, then what came of it.
    "search-ui 재시작해줘 라고 입력했더니 아무 일도 안 일어나요",
    "search-ui 4개로 늘려줘 했는데 할당량 초과라고 떠",
    "어제 ledger-web 롤백해 달라고 보냈더니 거절당했어",
    "ledger-web 재배포 메뉴 눌렀는데 회색으로 비활성화돼 있어",
    "I tried to restart ledger-web but it timed out",
    "tried rolling back search-ui but the pipeline failed",
]


@pytest.mark.parametrize("text", [*_HELD_BACK, *_TRIED])
def test_a_change_wished_and_held_back_or_tried_and_told_asks_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
    assert interpret(text).interpretation.refused is None


_STILL_ASKED = [
    # The wish alone, or with a request after it.
    ("inventory-svc 재시작하고 싶어요", Intent.RESTART, {"app_name": "inventory-svc"}),
    ("inventory-svc 6개로 늘려주면 좋겠어", Intent.SCALE, {"app_name": "inventory-svc", "replicas": 6}),
    ("inventory-svc 6개로 늘리고 싶은데 부탁해", Intent.SCALE, {"app_name": "inventory-svc", "replicas": 6}),
    ("I'd like to roll back search-ui", Intent.ROLLBACK, {"app_name": "search-ui"}),
    # What follows the wish completes it: a place or a branch.
    ("ledger-web 롤백하고 싶은데 staging에서만", Intent.ROLLBACK, {"app_name": "ledger-web", "environment": "staging"}),
    (
        "ledger-web 배포하고 싶은데 브랜치는 release-2 로",
        Intent.DEPLOY,
        {"app_name": "ledger-web", "branch": "release-2"},
    ),
    # What follows the wish or the report asks for something else, or for the command again.
    ("ledger-web 재시작하고 싶은데 로그 먼저 보여줘", Intent.LOGS, {"app_name": "ledger-web"}),
    ("ledger-web 롤백하고 싶지만 그 전에 롤백 이력 보여줘", Intent.LIST_ROLLBACK, {"app_name": "ledger-web"}),
    ("ledger-web 재시작했더니 에러 나. 로그 보여줘", Intent.LOGS, {"app_name": "ledger-web"}),
    ("search-ui 4개로 늘려줘 했는데 안 됐어. 다시 해줘", Intent.SCALE, {"app_name": "search-ui", "replicas": 4}),
    ("search-ui 재시작해줘 라고 입력했더니 에러가 나요. 대신 해주세요", Intent.RESTART, {"app_name": "search-ui"}),
    # The command itself.
    ("search-ui 4개로 늘려줘", Intent.SCALE, {"app_name": "search-ui", "replicas": 4}),
    (
        "I'd like to scale ledger-web to 4 but only in staging",
        Intent.SCALE,
        {"app_name": "ledger-web", "replicas": 4, "environment": "staging"},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _STILL_ASKED)
def test_the_wish_or_the_report_with_a_request_still_asks(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "inventory-svc 재시작하고 싶은데 해줄 수 있어?",
        "inventory-svc 6개로 늘리고 싶은데 가능할까요?",
        "inventory-svc 재시작하고 싶은데 어떻게 해야 돼",
        "I want to restart inventory-svc but I can't, could you do it",
        "ledger-web 로그 보여줘. search-ui 재시작하고 싶은데 예산이 없어",
    ],
)
def test_a_wish_asked_after_or_beside_a_request_is_no_wish_held_back(text: str) -> None:
    assert not wished_or_tried(text)
