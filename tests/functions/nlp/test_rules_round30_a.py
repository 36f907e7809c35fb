"""Round 30 (a): requests the platform does not support (creations, wipes, grants of rights, things that
are not ours) are refused or left unknown, and a secret's word that only modifies a symptom, a feature or
a name refuses nothing."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_UNKNOWN = [
    # A count made by a making verb counts what is made, never replicas.
    "redis 컨테이너 두 개 생성해 주세요",
    "postgres 파드 한 개 만들어줄래?",
    "실습용 네임스페이스를 하나 더 만들어 주시겠어요?",
    "연구실 전용 DB 서버를 마련해 주세요",
    "분석팀용 데이터 플랫폼 구축해줘",
    # Everything wiped.
    "flush everything in the staging cluster",
    "wipe out every deployment we have",
    "모든 앱 싹 밀어버려",
    # Rights granted.
    "grant bob cluster-admin in staging",
    "make me an admin on the dev cluster",
    "운영 배포 권한 좀 주세요",
    # The user's own devices, desktop programs, appliances and other products.
    "제 노트북에서 슬랙 앱 재시작해 주세요",
    "on my laptop, restart the browser",
    "discord 앱 재시작 어떻게 해?",
    "프린터 상태 어때?",
    "깃허브 액션 상태 알려줘",
    "PR #88 상태 어때?",
    "주문번호 4417-2209-8813 배송 조회해줘",
]


@pytest.mark.parametrize("text", _UNKNOWN)
def test_unsupported_requests_read_as_nothing_we_do(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


_READS_AND_CHANGES = [
    ("ledger 파드 하나만 남겨줘", Intent.SCALE, {"app_name": "ledger", "replicas": 1}),
    ("ledger-api 4개로 만들어줘", Intent.SCALE, {"app_name": "ledger-api", "replicas": 4}),
    ("deployment 목록 만들어서 보여줘", Intent.LIST_DEPLOYMENTS, {}),
    ("login-svc 로그 보여줘 (세션 토큰 만료 에러 때문에)", Intent.LOGS, {"app_name": "login-svc"}),
    ("sso logs please, token validation keeps failing", Intent.LOGS, {"app_name": "sso"}),
    ("list pods in the secrets namespace", Intent.LIST_PODS, {"namespace": "secrets"}),
    ("zoom-bridge 재시작해줘", Intent.RESTART, {"app_name": "zoom-bridge"}),
    ("ticket-router 상태 보여줘", Intent.STATUS, {"app_name": "ticket-router"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _READS_AND_CHANGES)
def test_reads_and_changes_that_mention_these_words_still_read(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


_SECRETS_ASKED = ["db 비밀번호 알려줘", "show me the api token for billing", "list secrets in payments"]


@pytest.mark.parametrize("text", _SECRETS_ASKED)
def test_secrets_asked_for_are_still_refused(text: str) -> None:
    assert interpret(text).interpretation.refused is not None
