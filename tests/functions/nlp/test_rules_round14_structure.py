"""Issue 24, round 14: clause structure. A version number beside an app's name says which build runs,
never a second target; a reason clause before the request keeps only the names it writes as names.

New phrasings (none is a line of a dev set).
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_within as _reads


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A version number is which build runs: the count is for the app it stands beside.
        ("harbor-gate 1.8.2 떠 있는 거 복제본 3개로 맞춰줘", Intent.SCALE, {"app_name": "harbor-gate", "replicas": 3}),
        ("ticket-desk v5.1 쓰고 있는데 2개로 줄여줘", Intent.SCALE, {"app_name": "ticket-desk", "replicas": 2}),
        ("restart parcel-hub v7 please", Intent.RESTART, {"app_name": "parcel-hub"}),
    ],
)
def test_a_version_number_names_no_app(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A reason before a change (-아서, -해서): only the name written as one is taken from it.
        ("ledger-sync 디스크 cache 꼬인 것 같아서 재시작해줘", Intent.RESTART, {"app_name": "ledger-sync"}),
        ("promo-banner 오늘 traffic 급해서 restart 부탁해요", Intent.RESTART, {"app_name": "promo-banner"}),
        # A statement after a formal request (-십시오) tells why.
        ("kiosk-api 재시작해 주십시오. 결제 화면이 멈췄습니다", Intent.RESTART, {"app_name": "kiosk-api"}),
        # A reason after a 반말 request in -여.
        ("quiz-bot 두 개로 줄여 요즘 조용하니까", Intent.SCALE, {"app_name": "quiz-bot", "replicas": 2}),
        # A place postposed to the request, its name a read's word.
        (
            "fare-worker 재시작해줘 billing 네임스페이스에서",
            Intent.RESTART,
            {"app_name": "fare-worker", "namespace": "billing"},
        ),
    ],
)
def test_a_reason_or_place_beside_a_change(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


def test_a_number_in_an_english_remark_is_what_was() -> None:
    _reads(
        "scale tide-api down to 3, it has been running 8 since monday",
        Intent.SCALE,
        {"app_name": "tide-api", "replicas": 3},
    )


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A change turned down by a noun before 하지 마 / 하지 말고요: only the other request counts.
        ("meal-plan 재시작 부탁해요, rollback은 하지 말고요", Intent.RESTART, {"app_name": "meal-plan"}),
        ("vote-api 재배포 하지 마! 상태 먼저 볼래", Intent.STATUS, {"app_name": "vote-api"}),
        # A change planned for later, then what is asked for now.
        ("다음 달에 dock-api 롤백할 예정, 지금은 서비스 목록만 보여줘", Intent.LIST_SERVICES, {}),
        ("crane-api 재시작은 내일 하고, 일단 디플로이먼트 목록만", Intent.LIST_DEPLOYMENTS, {}),
        # What the user wonders about gives the target of the read asked after it.
        ("pier-api 왜 느려졌는지 궁금해, 로그 100줄 보여줘", Intent.LOGS, {"app_name": "pier-api", "lines": 100}),
        # An English question about a deployment names the one the definite read points back at.
        (
            "what did the newest rollout of dock-api touch? show me the deployment",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "dock-api"},
        ),
    ],
)
def test_a_change_declined_planned_or_wondered_about(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


def test_release_asked_in_korean_is_a_deploy_and_the_remark_after_it_tells_why() -> None:
    _reads(
        "tax-filer 스테이징에 release 해주세요, 계산 오류 fix 반영됐어요",
        Intent.DEPLOY,
        {"app_name": "tax-filer", "environment": "staging"},
    )


def test_one_more_thing_asked_with_do_shares_the_topic_of_the_clause_before() -> None:
    # Two analyses of the cost: the second clause leaves out the noun "cost" it shares with the first.
    assert interpret("비용 예측하고 절감 방안도 같이 정리해줘").interpretation.intent is Intent.AMBIGUOUS
