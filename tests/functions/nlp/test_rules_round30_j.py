"""Round 30 (j): mail marks are marks only in a header's place; a place followed by a kind word of ours is
what the act is on, and a kind word shared by two names is no sure reading; replicas of a named app made N
is a scale; 밀다 wipes only resources; a secret's word with 관련 before information is still a secret."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.calibration import SKIP_CONFIDENCE

from .readings import reads_exactly

_READS = [
    # Mail marks outside a header's place are names like any other.
    ("bcc 재시작 부탁해요", Intent.RESTART, {"app_name": "bcc"}, None),
    ("please restart fwd now", Intent.RESTART, {"app_name": "fwd"}, None),
    ("roll back subj", Intent.ROLLBACK, {"app_name": "subj"}, None),
    ("forwarded 상태 어때?", Intent.STATUS, {"app_name": "forwarded"}, None),
    # In a header's place they are marks: the body's request still lacks its target.
    ("Fw: 점검 결과 공유\n확인 후 재배포 부탁드립니다", Intent.DEPLOY, {}, ["target"]),
    (
        "CC: 운영팀\nSubject: hub-gateway 로그 요청\nhub-gateway 로그 보여주세요",
        Intent.LOGS,
        {"app_name": "hub-gateway"},
        None,
    ),
    # A place followed by a kind word of ours: its pods are what the act is on.
    ("inventory에 있는 파드 전부 재기동해줘", Intent.RESTART, {"app_name": "inventory"}, None),
    ("payroll 안의 파드들 재시작 부탁", Intent.RESTART, {"app_name": "payroll"}, None),
    ("search 안에 있는 서비스 재시작해", Intent.RESTART, {"app_name": "search"}, None),
    # A place alone, or before a kind word with 에서, still asks for the target.
    ("ops-east에서 재시작 부탁해요", Intent.RESTART, {"namespace": "ops-east"}, ["target"]),
    # Replicas, or several pods, of a named app made N: a scale to N.
    ("catalog 레플리카 4개 만들어줘", Intent.SCALE, {"app_name": "catalog", "replicas": 4}, None),
    ("media-api 파드 세 개 만들어 주세요", Intent.SCALE, {"app_name": "media-api", "replicas": 3}, None),
    ("feed-svc 복제본을 6개 생성해줘", Intent.SCALE, {"app_name": "feed-svc", "replicas": 6}, None),
    # A secret's word before a symptom or its logs asks for no secret.
    ("gate-api 로그 보여줘, 인증 토큰 관련 오류가 나요", Intent.LOGS, {"app_name": "gate-api"}, None),
]


@pytest.mark.parametrize(("text", "intent", "args", "missing"), _READS)
def test_marks_places_and_counts_read_by_their_structure(
    text: str, intent: Intent, args: dict[str, object], missing: list[str] | None
) -> None:
    reads_exactly(text, intent, args, missing)


_REFUSED_OR_NOTHING = [
    # One pod, or a kind we never make, made: a creation.
    "elastic 파드 하나 만들어 줄 수 있어?",
    "네임스페이스 레플리카 2개 만들어줘",
    "파드 네 개 만들어줘",
    # 밀다 of what is no resource is a push, no wipe (and no request of ours).
    "새 커밋 전부 밀어줘",
    "운영에 다 밀어버려",
    # A wipe of resources with words of totality.
    "서비스 전부 싹 밀어줘",
    "리소스 몽땅 밀어",
    # A secret's information or settings, whatever relates them.
    "api 키 관련 정보 좀 줘",
    "비번 관련 내용 알려주세요",
    "시크릿 쪽 설정 보여줘",
]


@pytest.mark.parametrize("text", _REFUSED_OR_NOTHING)
def test_creations_pushes_wipes_and_secrets_change_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    "text",
    ["pay-gw 서비스 ledger-core 재시작해줘", "web-front 파드 cache-api 롤백해줘", "edge-ns 앱 img-resizer 재시작"],
)
def test_a_kind_word_between_two_names_is_no_sure_target(text: str) -> None:
    result = interpret(text)
    assert result.interpretation.confidence < SKIP_CONFIDENCE or result.interpretation.missing, text
