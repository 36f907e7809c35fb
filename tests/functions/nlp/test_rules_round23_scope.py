"""Issue 24, round 23 (part A): what a refusal, a request and a compound cover.

New phrasings (none is a line of a dev set; other apps, other words, the same structures):
- a secret's word in a sentence that only tells the situation (a -요 sentence with a subject of its own
  and no verb of ours) asks for no secret; the request beside it is read, with a statement after it
  too ("… 네임스페이스는 X예요."); asking for a secret anywhere stays refused;
- two acts are two acts: "go" (ㄱ) closing each clause, the polite connective -시고 with a request asked
  as a question ("알려 주시겠습니까?"), two objects glued to 이랑 after a digit, two kinds of analysis;
- a labelled request after a ticket's context ("요청:", "Action requested:") is that request;
- an @mention in a Korean or mixed message is addressing, never a name.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A secret's word in the situation only.
        (
            "sso-gate가 토큰 갱신을 못 하고 있어요. 그거 재시작해 주시겠어요? 네임스페이스는 clinic-core예요.",
            Intent.RESTART,
            {"app_name": "sso-gate", "namespace": "clinic-core"},
        ),
        ("key-vault 토큰 큐가 밀려요. 그거 로그 좀 보여 주세요.", Intent.LOGS, {"app_name": "key-vault"}),
        ("login-api가 비번 검증을 못 해요. login-api 재시작 부탁드려요.", Intent.RESTART, {"app_name": "login-api"}),
        # A labelled request after a ticket's context.
        (
            "[CHG-2231] 야간 정산 지연 후속. 현재 settle-worker 3개로 처리량 부족 확인됨. "
            "요청: settle-worker를 6개로 늘려 주세요.",
            Intent.SCALE,
            {"app_name": "settle-worker", "replicas": 6},
        ),
        (
            "[OPS-41] 배치 실패 반복. 조치 요청: batch-runner 재시작해 주세요.",
            Intent.RESTART,
            {"app_name": "batch-runner"},
        ),
        (
            "Incident INC-812 (warehouse B): scans stopped at 09:12, the scan-gateway pod keeps crash-looping. "
            "Action requested: please restart scan-gateway.",
            Intent.RESTART,
            {"app_name": "scan-gateway"},
        ),
        (
            "Ticket SR-77: pick-api runs 2 replicas and is overloaded. Requested action: scale pick-api to 4.",
            Intent.SCALE,
            {"app_name": "pick-api", "replicas": 4},
        ),
        # An @mention in a Korean or mixed message.
        (
            "@opsbot kiln-monitor rollback 부탁해요 🙏 방금 배포한 거 이상함",
            Intent.ROLLBACK,
            {"app_name": "kiln-monitor"},
        ),
        ("@infra-team 🙏 press-api 로그 좀 보여줘", Intent.LOGS, {"app_name": "press-api"}),
    ],
)
def test_one_request_is_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "로그인이 안 돼서 sso-gate 토큰 값 알려줘",
        "pay-web 재시작하고 비번도 바꿔 주세요",
        "auth-api가 느려요. 토큰 값 알려 주시겠어요? 네임스페이스는 prod예요.",
        "auth-api가 토큰을 못 줘요. 토큰 좀 보여 주세요.",
    ],
)
def test_asking_for_a_secret_stays_refused(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN and result.refused, (text, result)


@pytest.mark.parametrize(
    "text",
    [
        # "Go" closing each clause.
        "oven-api 재시작 ㄱ, mixer-api 파드 로그도 ㄱ",
        "belt-api 상태 ㄱ, sorter-api 로그 ㄱㄱ",
        # The polite connective -시고, the second request asked as a question.
        "fare-calc 로그 보여 주시고 롤백 가능한 버전도 알려 주시겠습니까?",
        "route-api 상태 보여 주시고 엔드포인트도 알려 주실 수 있나요?",
        "seat-api 재시작해 주시고 4개로 늘려 주세요",
        "coupon-api 토큰 큐가 밀려요. 그거 재시작해 주시고 3개로 늘려 주세요.",
        # Two objects of one read, the first glued to 이랑 after a digit.
        "zone3이랑 zone4 네임스페이스 서비스 목록",
        "cell7랑 cell8 네임스페이스 파드 목록 보여줘",
        # Two kinds of analysis asked together.
        "지난 달 비용 분석하고 절감 방안도 같이 정리해줘",
        "last month cost and next quarter forecast please",
        "cost forecast and optimization tips please",
    ],
)
def test_two_acts_are_ambiguous(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.AMBIGUOUS, (text, result.intent, result.args)
    assert len(result.suggestions) >= 2, (text, result.suggestions)
