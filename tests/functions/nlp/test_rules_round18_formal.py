"""Issue 24, round 18: long formal requests and their joins.

Formal Korean asks with the written -하여 and 주시기 바랍니다 / 주십시오 / 요청드립니다 / 부탁드립니다
after a verb or an act noun; an act noun may be the object of a verb of carrying it out (진행, 실시,
수행) with adverbials between them. The long reason before it (-는바, -으므로, -어서, -고 있어) is
background; 복원 to an earlier state is a rollback with its steps. Two requests joined by -고 (with a
comma after it) are two acts. Verbose English: a first-person request frame ("we would like to request
that X be scaled out": the passive made active; "we kindly request a forecast"), "kindly please",
"be so kind as to", "would you mind to V"; "at your earliest convenience" says when; an apology, thanks
or purpose beside the request is no second act; a lead-in announcing things and ordinals enumerate
the requests.

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
        # A verb's -하여 form or an act noun before the formal request ending.
        ("tax-portal을 이전 버전으로 되돌려 주시기 바랍니다.", Intent.ROLLBACK, {"app_name": "tax-portal"}),
        (
            "ledger-svc의 복제본을 다섯 개로 확장하여 주시기 바랍니다.",
            Intent.SCALE,
            {"app_name": "ledger-svc", "replicas": 5},
        ),
        ("오류가 지속되어서 bill-gw 재기동을 부탁드립니다.", Intent.RESTART, {"app_name": "bill-gw"}),
        (
            "bill-gw를 스테이징 환경에 배포하여 주시기 바랍니다.",
            Intent.DEPLOY,
            {"app_name": "bill-gw", "environment": "staging"},
        ),
        # A long reason before it is background.
        (
            "신규 기능 반영 이후 응답 지연이 다수 발생하고 있어, bill-gw를 직전 버전으로 롤백하여 주시기 바랍니다.",
            Intent.ROLLBACK,
            {"app_name": "bill-gw"},
        ),
        (
            "야간 트래픽이 감소하였으므로 bill-gw의 인스턴스를 한 개로 축소하여 주십시오.",
            Intent.SCALE,
            {"app_name": "bill-gw", "replicas": 1},
        ),
        (
            "점검 결과 메모리 누수가 의심되는바, bill-gw의 재시작을 요청드립니다.",
            Intent.RESTART,
            {"app_name": "bill-gw"},
        ),
        # An act noun as the object of a verb of carrying it out.
        (
            "welfare-web의 스테이징 배포를 진행하여 주시기 바랍니다.",
            Intent.DEPLOY,
            {"app_name": "welfare-web", "environment": "staging"},
        ),
        (
            "검토가 끝났으므로 프로덕션 배포를 Civic-Lab/permit-hub 레포 기준으로 수행하여 주십시오.",
            Intent.DEPLOY,
            {"github_owner": "Civic-Lab", "github_repo": "permit-hub", "environment": "production"},
        ),
        (
            "예산 수립에 참고하고자 하오니, 다음 분기 클라우드 비용 예측을 수행하여 주시기 바랍니다.",
            Intent.COST_ANALYSIS,
            {"analysis_type": "forecast"},
        ),
        # Back to an earlier state is a rollback, with its steps.
        (
            "permit-api를 두 단계 이전 상태로 복원하여 주십시오.",
            Intent.ROLLBACK,
            {"app_name": "permit-api", "steps_back": 2},
        ),
        # The participle describes the app named by its kind word.
        ("Civic-Lab/permit-hub 레포로 배포된 앱의 상태를 알려 주십시오.", Intent.STATUS, {"github_repo": "permit-hub"}),
        # Verbose English.
        (
            "Per our meeting, we would like to request that billing-core be restarted, thanks in advance.",
            Intent.RESTART,
            {"app_name": "billing-core"},
        ),
        (
            "we kindly ask that the quota-svc be scaled down to 2 replicas.",
            Intent.SCALE,
            {"app_name": "quota-svc", "replicas": 2},
        ),
        (
            "Good afternoon, kindly please roll out audit-web to production at your earliest convenience.",
            Intent.DEPLOY,
            {"app_name": "audit-web", "environment": "production"},
        ),
        (
            "Could you be so kind as to redeploy Civic-Lab/permit-hub to staging? QA signed off yesterday.",
            Intent.DEPLOY,
            {"github_owner": "Civic-Lab", "github_repo": "permit-hub", "environment": "staging"},
        ),
        ("Would you mind to restart ledger-api?", Intent.RESTART, {"app_name": "ledger-api"}),
        (
            "We kindly request a cost forecast for next month, for reporting purposes.",
            Intent.COST_ANALYSIS,
            {"analysis_type": "forecast"},
        ),
        (
            "Please scale ledger-api to 4 replicas, apologies for the short notice.",
            Intent.SCALE,
            {"app_name": "ledger-api", "replicas": 4},
        ),
    ],
)
def test_a_formal_request_is_read(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "bill-gw를 재시작하여 주시고, 조치 후 로그를 50줄 보여 주시기 바랍니다.",
        "permit-api의 배포를 진행하여 주시고, 아울러 로그도 함께 보여 주시기 바랍니다.",
        "bill-gw 상태를 확인하여 주시고, 아울러 audit-svc 서비스의 엔드포인트도 조회하여 주십시오.",
        "We have two requests: first deploy ledger-api to staging, second show its last 20 log lines.",
    ],
)
def test_two_formal_requests_are_offered_as_two(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.AMBIGUOUS, text


@pytest.mark.parametrize(
    "text",
    [
        # A statement of what was asked before proposes no change.
        "we requested a restart of ledger-api yesterday",
        # Something carried out whose object is no act noun.
        "배포 전 점검을 진행하여 주시기 바랍니다.",
    ],
)
def test_no_change_is_proposed(text: str) -> None:
    assert interpret(text).interpretation.intent not in (
        Intent.DEPLOY,
        Intent.SCALE,
        Intent.RESTART,
        Intent.ROLLBACK,
    ), text
