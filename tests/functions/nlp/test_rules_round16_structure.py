"""Issue 24, round 16: a clause that only tells the situation, beside the request.

A clause with a subject of its own (이/가) or a statement ending (hearsay -대, the progressive, -는 듯,
안 + verb), asking for nothing, says why; only the clause that asks supplies the target and the
slots, before or after the situation. English: "so go ahead and" frames the request; a statement
beside a segment whose verb the rules read by its nouns leaves that segment. A time clause before
something no act of the user's (-기 전에) dates the request; -아서 contracted onto a vowel stem (나서)
gives a reason; a commit label's topic marker stands before its value.

New phrasings (none is a line of a dev set).
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_within as _reads


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A sentence before the request: hearsay, the progressive.
        ("결제가 두 번 됐대. wallet-api 로그 30줄 보여줘", Intent.LOGS, {"app_name": "wallet-api", "lines": 30}),
        (
            "디자인팀이 확인하고 있어요. banner-svc 를 스테이징에 배포해 주세요",
            Intent.DEPLOY,
            {"app_name": "banner-svc", "environment": "staging"},
        ),
        # A clause before it, with a comma: a subject and 안 + verb, a guess (-는 듯).
        ("메일이 안 와요, mailer-job 좀 restart", Intent.RESTART, {"app_name": "mailer-job"}),
        ("cache miss 많은 듯, edge-cache 한 번 재시작 부탁드려요", Intent.RESTART, {"app_name": "edge-cache"}),
        # A remark after it: a subject and a plain -어 verb.
        ("seat-map 이전 버전으로 되돌려줘, 좌석이 겹쳐", Intent.ROLLBACK, {"app_name": "seat-map"}),
        ("tax-calc rollback 해줘, rounding 결과가 달라", Intent.ROLLBACK, {"app_name": "tax-calc"}),
        ("metrics-agent 재시작, 그래프가 안 그려져", Intent.RESTART, {"app_name": "metrics-agent"}),
        # A reason with -아서 contracted onto a vowel stem.
        ("image-resizer 타임아웃 나서 restart 필요해요", Intent.RESTART, {"app_name": "image-resizer"}),
        # A commit label with its topic marker after the verb.
        (
            "ticket-api 롤백해 커밋 해시는 4c9e1a7",
            Intent.ROLLBACK,
            {"app_name": "ticket-api", "target_commit_sha": "4c9e1a7"},
        ),
        # A time clause before something that is no act of the user's.
        (
            "점심 트래픽 오기 전에 menu-web 운영에 배포하자",
            Intent.DEPLOY,
            {"app_name": "menu-web", "environment": "production"},
        ),
        # English.
        (
            "The hotfix for the login page is merged, so go ahead and deploy auth-portal to staging.",
            Intent.DEPLOY,
            {"app_name": "auth-portal", "environment": "staging"},
        ),
        (
            "the sale is over, bring promo-banner down to two instances",
            Intent.SCALE,
            {"app_name": "promo-banner", "replicas": 2},
        ),
    ],
)
def test_the_situation_beside_the_request_names_nothing(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # The situation names the target the request points back at: it stays.
        ("order-api 가 또 죽었어, 재시작해줘", Intent.RESTART, {"app_name": "order-api"}),
        # -ㄹ래 is what the speaker wants, no hearsay: the read is asked for.
        ("cart-svc 재시작 하지 마! 로그 먼저 볼래", Intent.LOGS, {"app_name": "cart-svc"}),
        # Before an act of the user's (-기 전에) is still a condition: only the read runs now.
        ("배포하기 전에 서비스 목록 먼저 보여줘", Intent.LIST_SERVICES, {}),
    ],
)
def test_what_the_situation_holds_or_asks_is_kept(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)
