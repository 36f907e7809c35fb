"""Round 25: talk about a change that asks for none, and refusals that were too eager (new wordings)."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules.interpreter import interpret

from .readings import reads_exactly

_NO_CHANGE = [
    "billing-api 롤백 시뮬레이션 돌려줘",
    "cart 배포 드라이런만",
    "orders 재시작 리허설 일정 잡아줘",
    "api-gw 배포할지 말지 결정해 주세요",
    "과장님께 cart 롤백 승인 요청 드려 주세요",
    "orders 재배포는 지수님한테 부탁해줘",
    "billing-api 배포 일지 정리해 줘",
    "ask Tom to restart billing-api",
    "지훈이가 cart 4개로 줄이자고 하더라",
    "orders 롤백해줘 라는 말 알아들어?",
    "billing-api 배포 티켓 생성해줘",
    "schedule a rollback drill for cart",
]


@pytest.mark.parametrize("text", _NO_CHANGE)
def test_talk_about_a_change_asks_for_none(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    "text",
    ["deployment.apps/cart scaled", "pod/orders-7f9c-x2 deleted", "service/billing-api created (dry run)"],
)
def test_pasted_kubectl_report_is_answered(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


def test_kind_with_api_group_is_no_repository() -> None:
    reads_exactly(
        "deployment.apps/cart 상태 보여줘", Intent.STATUS, {"resource_type": "deployment", "deployment_name": "cart"}
    )


@pytest.mark.parametrize("text", ["orders rollout history", "cart 배포 변경사항 좀", "previous deploy of cart"])
def test_record_of_a_change_is_no_deploy(text: str) -> None:
    assert interpret(text).interpretation.intent not in (Intent.DEPLOY, Intent.ROLLBACK)


def test_rollout_history_lists_rollbacks() -> None:
    reads_exactly("orders rollout history", Intent.LIST_ROLLBACK, {"app_name": "orders"})


def test_question_about_a_deletion_is_not_refused() -> None:
    result = interpret("orders 롤백 기록 지워졌어?").interpretation
    assert result.refused is None
    reads_exactly("orders 롤백 기록 지워졌어?", Intent.LIST_ROLLBACK, {"app_name": "orders"})


def test_alert_that_came_reads_state() -> None:
    reads_exactly("cart 배포 알림 떴는데 뭐지?", Intent.STATUS, {"app_name": "cart"})


@pytest.mark.parametrize("text", ["cart 파드 삭제해줘", "cart 지워지게 해줘", "delete deployment cart"])
def test_deletion_asked_stays_refused(text: str) -> None:
    assert interpret(text).interpretation.refused is not None
