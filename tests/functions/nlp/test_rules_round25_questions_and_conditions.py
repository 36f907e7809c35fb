"""Round 25: the words of a change in a sentence that asks for none now (deferral.py, predicate.py).

A present question reads the state; advice, thanks and reports ask nothing; a condition the rules cannot
check asks nothing now; a change for a later time is refused, since the platform cannot schedule one.
Polite requests and thanks closing a request stay requests. All wording here is new.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from tests.functions.nlp.readings import reads_exactly


@pytest.mark.parametrize(
    "text",
    [
        "order-api 재배포하나요?",
        "cart-svc 롤백하는 거지?",
        "cart-svc 4개로 줄이나?",
        "ledger-api 재기동하는가요?",
        "ledger-api 롤백하는 거죠 지금?",
    ],
)
def test_a_present_question_about_a_change_reads_its_state(text: str) -> None:
    app = text.split(maxsplit=1)[0]
    reads_exactly(text, Intent.STATUS, {"app_name": app})


@pytest.mark.parametrize(
    "text",
    [
        "search-api 2개로 줄여야 하나?",
        "search-api 재배포해야 할까?",
        "search-api 롤백 해야 할까요",
        "search-api 재시작할지 말지 골라줘",
        # thanks for a change, and reports that it is over or waiting
        "cart-svc 롤백 감사해요",
        "cart-svc 재배포해 주셔서 고마워요",
        "cart-svc 2개로 줄여줘서 고맙다",
        "thank you so much for rolling back cart-svc",
        "cart-svc 롤백 끝났어",
        "cart-svc 재시작 대기중",
        "cart-svc 재배포 수고하셨습니다",
        # a condition the rules cannot check, before or after the request
        "cart-svc 재시작해줘 메모리 넘으면",
        "QA 끝나면 cart-svc 재배포해줘",
        "지연 시간이 길어지면 cart-svc 6개로 늘려",
        "만약 에러율이 5% 넘으면 cart-svc 롤백해줘",
        "cart-svc 롤백해줘, 단 사용자가 없을 때",
    ],
)
def test_advice_thanks_and_conditions_ask_for_no_change(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    "text",
    [
        "모레 오후 2시에 cart-svc 재배포 부탁해",
        "cart-svc 재시작 예약 걸어줘",
        "roll back cart-svc tonight",
        "cart-svc 재시작은 토요일에 해 주세요",
        "scale cart-svc to 5 tomorrow morning",
        # moved here from test_rules_calibration.py: a time for the change
        "K-Le-PaaS/test01을 내일 배포해줘",
        "restart K-Le-PaaS/test01 tonight",
    ],
)
def test_a_change_for_later_is_refused_as_unsupported(text: str) -> None:
    got = interpret(text)
    assert got.interpretation.intent is Intent.UNKNOWN, (text, got.interpretation)
    assert got.path == "refused", (text, got.path)
    assert got.interpretation.args == {}


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("cart-svc 재시작해 주시겠어요?", Intent.RESTART, {"app_name": "cart-svc"}),
        ("cart-svc 재시작해 줄래?", Intent.RESTART, {"app_name": "cart-svc"}),
        ("cart-svc 롤백해 주실 수 있나요?", Intent.ROLLBACK, {"app_name": "cart-svc"}),
        ("cart-svc 재시작해주세요 감사합니다", Intent.RESTART, {"app_name": "cart-svc"}),
        ("cart-svc 재시작 부탁해요, 고마워", Intent.RESTART, {"app_name": "cart-svc"}),
        ("restart cart-svc, thanks", Intent.RESTART, {"app_name": "cart-svc"}),
        ("가능하면 cart-svc 재시작해줘", Intent.RESTART, {"app_name": "cart-svc"}),
        ("어제 새벽에 배포한 버전으로 cart-svc 롤백해줘", Intent.ROLLBACK, {"app_name": "cart-svc"}),
        ("cart-svc 3개면 충분해 줄여줘", Intent.SCALE, {"app_name": "cart-svc", "replicas": 3}),
        ("cart-svc 6개로 늘려줘, 오늘 밤에 이벤트가 있어", Intent.SCALE, {"app_name": "cart-svc", "replicas": 6}),
    ],
)
def test_requests_beside_courtesy_and_context_stay_requests(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
