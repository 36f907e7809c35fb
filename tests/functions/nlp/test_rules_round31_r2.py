"""Round 31 (R2): a request to stop, hold, lock, postpone or switch off an operation is not that operation;
a change under a condition closed by 시, 경우 or -ㄹ 때 is not asked for now, as under -(으)면; and a kubectl
verb outside the closed set on a deployment (or an unknown verb done at "X deploy에") asks for nothing of
ours. Each is read as `unknown`, never refused, and the same requests without the stop, the condition or
the foreign verb read as before."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_STOPPED = [
    # The operation's noun is the object of a verb that stops, holds, locks, postpones or switches it off.
    "inventory-api 배포 멈춰 주세요",
    "inventory-api 재시작 멈춰주실 수 있나요?",
    "inventory-api 재시작 중지해줘",
    "inventory-api 배포 중지 부탁드립니다",
    "inventory-api 배포 좀 막아주세요",
    "inventory-api 롤백 잠깐 멈춰",
    "inventory-api 배포 스탑",
    "inventory-api 배포 동결해 주세요",
    "inventory-api 배포 잠궈줘",
    "inventory-api 배포에 잠금 걸어줘",
    "inventory-api 재시작은 다음으로 연기하자",
    # Switching off an operation that runs by itself: no count or setting of it is asked for either.
    "inventory-api 자동 스케일링 꺼주세요",
    "inventory-api 스케일링 중단해줘",
    "halt deploys to inventory-api",
    "pause the rollout for inventory-api",
    "please hold the restart of inventory-api",
    "stop the inventory-api restart",
]


@pytest.mark.parametrize("text", _STOPPED)
def test_stopping_an_operation_is_not_that_operation(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
    assert interpret(text).interpretation.refused is None


_CONDITIONAL = [
    "디스크 부족 시 ledger-svc 재시작해줘",
    "큐 적체 시 ledger-svc 8개로",
    "응답 지연 발생할시 ledger-svc 재시작",
    "배포 실패한 경우 ledger-svc 롤백해줘",
    "오류율 올라갈 경우에는 ledger-svc 롤백 부탁",
    "ledger-svc 트래픽 많을 때 5개로 늘려줘",
    # The condition said after the request.
    "ledger-svc 재시작해줘 메모리 부족할 때",
]


@pytest.mark.parametrize("text", _CONDITIONAL)
def test_a_change_under_a_condition_of_occasion_is_not_run_now(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
    assert interpret(text).interpretation.refused is None


_FOREIGN_KUBECTL = [
    "kubectl label deploy ledger-svc tier=web",
    "kubectl rollout resume deploy/ledger-svc",
    "k edit deployment ledger-svc",
    "kubectl set resources deploy ledger-svc --limits=cpu=200m",
    # "deploy" with the locative particle is the resource the unknown verb is done at.
    "ledger-svc deploy에 태그 달아줘",
]


@pytest.mark.parametrize("text", _FOREIGN_KUBECTL)
def test_a_verb_outside_the_closed_set_on_a_deployment_asks_for_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


_STILL_READ = [
    # The same requests without the stop.
    ("inventory-api 배포해 주세요", Intent.DEPLOY, {"app_name": "inventory-api"}),
    ("inventory-api 재시작해줘", Intent.RESTART, {"app_name": "inventory-api"}),
    # Switched off and on again is a restart; a state of having stopped is the background of one.
    ("inventory-api 끄고 다시 켜줘", Intent.RESTART, {"app_name": "inventory-api"}),
    ("inventory-api 껐다 켜줘", Intent.RESTART, {"app_name": "inventory-api"}),
    ("inventory-api 멈춰있어요 재시작해줘", Intent.RESTART, {"app_name": "inventory-api"}),
    (
        "Hold off on staging. Deploy inventory-api to production.",
        Intent.DEPLOY,
        {"app_name": "inventory-api", "environment": "production"},
    ),
    # The bound noun 꺼 ("the one of") is no verb of switching off.
    ("ledger-svc 로그 이전꺼 보여줘", Intent.LOGS, {"app_name": "ledger-svc", "previous": True}),
    # The same requests without the condition; 시 inside a word is another word.
    ("ledger-svc 지금 5개로 늘려줘", Intent.SCALE, {"app_name": "ledger-svc", "replicas": 5}),
    ("ledger-svc 즉시 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-svc"}),
    ("ledger-svc 다시 배포해줘", Intent.DEPLOY, {"app_name": "ledger-svc"}),
    # A read beside a time clause is still that read.
    ("ledger-svc 재시작할 때 로그 보여줘", Intent.LOGS, {"app_name": "ledger-svc"}),
    # kubectl's own verbs of the closed set, and "set image", a deploy of the image given.
    ("kubectl rollout undo deploy/ledger-svc", Intent.ROLLBACK, {"app_name": "ledger-svc"}),
    ("kubectl rollout restart deployment/ledger-svc", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("kubectl scale deploy ledger-svc --replicas=2", Intent.SCALE, {"app_name": "ledger-svc", "replicas": 2}),
    (
        "kubectl set image deploy/ledger-svc ledger-svc=ledger-svc:1.4",
        Intent.DEPLOY,
        {"app_name": "ledger-svc", "image": "ledger-svc:1.4"},
    ),
    ("ledger-svc deploy해줘", Intent.DEPLOY, {"app_name": "ledger-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _STILL_READ)
def test_nearby_requests_still_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_forbidden_kubectl_verb_is_still_refused() -> None:
    assert interpret("kubectl delete deploy ledger-svc").interpretation.refused is not None
