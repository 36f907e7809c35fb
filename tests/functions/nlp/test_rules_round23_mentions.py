"""Round 23: an operation's noun inside something else asks for no operation (rules/operation_talk.py).

New wordings of the structures dev_redteam found (other apps, endings, registers), never its lines."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("cart-api가 자꾸 재시작되네", {"app_name": "cart-api"}),
        ("order-svc 재부팅 루프 도는 중", {"app_name": "order-svc"}),
        ("payments keeps rebooting", {"app_name": "payments"}),
        ("shop-front 롤백 왜 이렇게 오래 걸려", {"app_name": "shop-front"}),
        ("orders 배포 시간 너무 느림", {"app_name": "orders"}),
        ("Acme/shop 계속 재기동되고 있어", {"github_owner": "Acme", "github_repo": "shop"}),
    ],
)
def test_a_symptom_of_an_operation_reads_the_status(command: str, args: dict[str, object]) -> None:
    reads_exactly(command, Intent.STATUS, args)


@pytest.mark.parametrize(
    "command",
    [
        "아니 또 cart-api 재시작하라고? ㅎㅎ",
        "order-svc 배포나 해야지 뭐",
        "결국 invoice 롤백밖에 없네",
        "shop-front 롤백해 봤자 똑같아",
        "제발 cart-api 재시작 좀 그만",
        "ledger 배포 이제 그만해",
        "stop restarting payments",
        "the deploy of shop-front went out fine",
        "cart-api 3대까지 된다",
        "order-svc 재시작 절차서 만들어줘",
        "ledger 배포 체크리스트 정리 부탁",
        "write a rollback runbook for payments",
        "shop-front 롤백 이유 알려줘",
    ],
)
def test_talk_about_an_operation_asks_for_nothing(command: str) -> None:
    reads_exactly(command, Intent.UNKNOWN, {})
    assert interpret(command).interpretation.refused is None


@pytest.mark.parametrize(
    "command",
    [
        "cart-api 배포 알람 켜줘",
        "give me deploy permissions on ledger",
        "order-svc 워커 스레드 16개로 올려줘",
        "payments 파티션 개수 12개로 늘려",
        "bump shop-front to 4 nodes",
        "cart-api 커넥션 수 20개로",
        "orders 두 개로 늘리는 것보다 메모리 올리는 게 나을듯",
        "bump the memory on orders instead of scaling it",
    ],
)
def test_a_count_or_a_setting_that_is_not_the_apps_copies_is_refused(command: str) -> None:
    reads_exactly(command, Intent.UNKNOWN, {})
    assert interpret(command).interpretation.refused is not None


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        ("orders 파드 3개로 늘려줘", Intent.SCALE, {"app_name": "orders", "replicas": 3}),
        ("orders 인스턴스 4대로 늘려줘", Intent.SCALE, {"app_name": "orders", "replicas": 4}),
        ("orders 10개까지 늘려줘", Intent.SCALE, {"app_name": "orders", "replicas": 10}),
        ("orders 또 재시작해줘", Intent.RESTART, {"app_name": "orders"}),
        ("orders 재시작 요청합니다", Intent.RESTART, {"app_name": "orders"}),
        ("restart orders, it keeps crashing", Intent.RESTART, {"app_name": "orders"}),
        ("orders 롤백 목록", Intent.LIST_ROLLBACK, {"app_name": "orders"}),
        ("has the restart of cart-api completed", Intent.STATUS, {"app_name": "cart-api"}),
        ("재시작해 봤자 소용없으니까 orders 이전 버전으로 돌려줘", Intent.ROLLBACK, {"app_name": "orders"}),
    ],
)
def test_the_operation_asked_for_beside_such_talk_is_still_read(
    command: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(command, intent, args)
