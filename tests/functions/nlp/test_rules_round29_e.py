"""Round 29 (e): owners said in other ways, relative counts that keep their app, versions dictated, one
thing's state asked in English, two names listed with a domain noun, and states of the world, in new
wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from tests.functions.nlp.readings import reads_exactly


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        # "owned by" names the owner whatever the noun.
        ("bounce ledger owned by sora", Intent.RESTART, {"github_owner": "sora", "github_repo": "ledger"}),
        (
            "scale inventory owned by Acme-Labs to 4",
            Intent.SCALE,
            {"github_owner": "Acme-Labs", "github_repo": "inventory", "replicas": 4},
        ),
        (
            "redeploy gallery owned by the org nova to production",
            Intent.DEPLOY,
            {"github_owner": "nova", "github_repo": "gallery", "environment": "production"},
        ),
        # A repository taken from a cased owner, or from an organisation.
        (
            "roll back repo storefront from Acme-Labs",
            Intent.ROLLBACK,
            {"github_owner": "Acme-Labs", "github_repo": "storefront"},
        ),
        (
            "Acme-Labs에서 storefront 롤백해줘",
            Intent.ROLLBACK,
            {"github_owner": "Acme-Labs", "github_repo": "storefront"},
        ),
        ("nova 조직에서 gallery 배포해줘", Intent.DEPLOY, {"github_owner": "nova", "github_repo": "gallery"}),
        # A cased place is no owner.
        ("Staging에서 cart 재시작", Intent.RESTART, {"app_name": "cart", "environment": "staging"}),
        # A dictated version or a commit counted back.
        ("gallery 5번째 전 커밋으로", Intent.ROLLBACK, {"app_name": "gallery", "steps_back": 5}),
        ("cart 2개 전 리비전으로", Intent.ROLLBACK, {"app_name": "cart", "steps_back": 2}),
        # One thing's state, asked in English.
        ("is ledger running?", Intent.STATUS, {"app_name": "ledger"}),
        ("check on gallery", Intent.STATUS, {"app_name": "gallery"}),
        ("is cart up?", Intent.STATUS, {"app_name": "cart"}),
        # An initialism before a read's noun.
        ("MQ 상태 보여줘", Intent.STATUS, {"app_name": "mq"}),
        ("DB 로그 좀 보여줘", Intent.LOGS, {"app_name": "db"}),
        # Two domain nouns are one cost request's topics.
        ("pricing, usage 비용 분석", Intent.COST_ANALYSIS, {"analysis_type": "usage"}),
    ],
)
def test_reads(command: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(command, intent, args)


@pytest.mark.parametrize(
    ("command", "intent", "args", "missing"),
    [
        # A step up or down keeps the app and asks for the count.
        ("ledger 한 개 더 추가해줘", Intent.SCALE, {"app_name": "ledger"}, ["replicas"]),
        ("add one more replica to ledger", Intent.SCALE, {"app_name": "ledger"}, ["replicas"]),
        ("ledger 세 대 더", Intent.SCALE, {"app_name": "ledger"}, ["replicas"]),
        ("ledger 하나 감소", Intent.SCALE, {"app_name": "ledger"}, ["replicas"]),
        ("ledger 2대 증설", Intent.SCALE, {"app_name": "ledger"}, ["replicas"]),
        # A version dictated in Sino-Korean digits is no commit and no step.
        ("gallery 사점일 버전으로 되돌려줘", Intent.ROLLBACK, {"app_name": "gallery"}, ["target_commit_sha"]),
    ],
)
def test_asks(command: str, intent: Intent, args: dict[str, object], missing: list[str]) -> None:
    reads_exactly(command, intent, args, missing)


@pytest.mark.parametrize(
    ("command", "intent"),
    [
        ("ledger, pricing 로그 보여줘", Intent.AMBIGUOUS),
        ("하늘 상태 어때?", Intent.UNKNOWN),
        ("기분 상태 좋아?", Intent.UNKNOWN),
        ("어제 병원 갔다왔어", Intent.UNKNOWN),
        ("check it out", Intent.UNKNOWN),
    ],
)
def test_no_single_act(command: str, intent: Intent) -> None:
    reads_exactly(command, intent, {})


@pytest.mark.parametrize("command", ["서버 상태 어때?", "디비 상태 어때?", "노드 상태 어때?"])
def test_state_of_our_parts_stays_a_status(command: str) -> None:
    reads_exactly(command, Intent.STATUS, {})


def test_a_domain_noun_in_the_state_frame_is_the_app() -> None:
    reads_exactly("is pricing running?", Intent.STATUS, {"app_name": "pricing"})
