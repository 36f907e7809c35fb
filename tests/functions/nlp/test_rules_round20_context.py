"""Issue 24, round 20 (part A): context sentences around one request.

New phrasings (none is a line of a dev set): a clause whose predicate states (a declarative, hearsay,
the past, a reason or purpose, a note; in English a subject with a finite verb) beside a clause with a
request form is context. Only the request clause gives the act, the count, the place and the target;
the context lends nothing but a name the request points back at, and never asks for a change itself.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A report of what happened or was done, then the request.
        (
            "결제 타임아웃 건은 캐시 설정으로 해결됐습니다. ledger-api 스테이징 반영 부탁드려요.",
            Intent.DEPLOY,
            {"app_name": "ledger-api", "environment": "staging"},
        ),
        (
            "OPS-311 패치 merge 끝냈습니다. Acme/quote-svc 를 staging에 deploy 해주세요.",
            Intent.DEPLOY,
            {"github_owner": "Acme", "github_repo": "quote-svc", "environment": "staging"},
        ),
        # A statement and a request in one sentence with no mark between them.
        (
            "지훈이가 리뷰 끝냈대 invoice-gen 운영 올려",
            Intent.DEPLOY,
            {"app_name": "invoice-gen", "environment": "production"},
        ),
        (
            "OPS-404 수정본 반영했어요 card-sync 스테이징에 배포해 주세요",
            Intent.DEPLOY,
            {"app_name": "card-sync", "environment": "staging"},
        ),
        # The request first, then a symptom or a plan of someone else's.
        ("quote-worker 재시작해 커넥션 다 막혀있음", Intent.RESTART, {"app_name": "quote-worker"}),
        ("rate-feed 3단계 롤백해 그 전 버전도 이상했었음", Intent.ROLLBACK, {"app_name": "rate-feed", "steps_back": 3}),
        (
            "ledger-api 스테이징 배포 부탁, 수아가 11:30에 검증 시작해요",
            Intent.DEPLOY,
            {"app_name": "ledger-api", "environment": "staging"},
        ),
        (
            "metrics-agent 재시작해 주세요. 09:10부터 지표 전송이 안 돼요.",
            Intent.RESTART,
            {"app_name": "metrics-agent"},
        ),
        # A note, a reason or a purpose beside the request.
        ("kyc-checker 재기동 부탁합니다. OPS-2201 참고.", Intent.RESTART, {"app_name": "kyc-checker"}),
        (
            "월간 정산 자료 만들어야 해서요. billing 네임스페이스 비용 보여주세요.",
            Intent.COST_ANALYSIS,
            {"namespace": "billing"},
        ),
        (
            "ledger-batch 디플로이먼트 자세히 보여줘. 레플리카 설정 확인하려고.",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "ledger-batch"},
        ),
        # A wish for a read asks for it; the name and its kind come from the report beside it.
        (
            "quote-api-7c9d8-x2m4p 파드가 두 번 죽었어요. 이전 컨테이너 로그를 보고 싶어요.",
            Intent.LOGS,
            {"pod_name": "quote-api-7c9d8-x2m4p", "previous": True},
        ),
        # English: a statement has its subject before a finite verb; the imperative is the request.
        (
            "The 9:40 deploy broke the fee calculation, around 3% of invoices look wrong. Roll back fee-engine.",
            Intent.ROLLBACK,
            {"app_name": "fee-engine"},
        ),
        (
            "Please scale out quote-api to four instances, the backlog has been growing since noon.",
            Intent.SCALE,
            {"app_name": "quote-api", "replicas": 4},
        ),
    ],
)
def test_a_statement_beside_a_request_is_context(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # The context names no target: the request asks for one, it is never taken from the context.
        ("Roll back to the last good build, the newest release has been timing out since 08:50.", Intent.ROLLBACK, {}),
        ("deploy to staging please, Priya signed off at 15:20", Intent.DEPLOY, {"environment": "staging"}),
    ],
)
def test_context_gives_no_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args, missing=["target"])


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A statement holding what the request leaves out is part of the request: read whole, as before.
        ("pay-router 레플리카 4개면 충분할 듯, 줄여줘", Intent.SCALE, {"app_name": "pay-router", "replicas": 4}),
        (
            "Please show me the logs of fee-worker, last 30 lines would be enough.",
            Intent.LOGS,
            {"app_name": "fee-worker", "lines": 30},
        ),
        # Two steps of one act ("껐다 켜", "내렸다 올려") are no statement and a request.
        ("quote-api 한번 껐다 켜줘", Intent.RESTART, {"app_name": "quote-api"}),
        # The means of the request ("재시작해서") is no reason beside it.
        ("fee-worker 좀 살려줘 재시작해서", Intent.RESTART, {"app_name": "fee-worker"}),
    ],
)
def test_a_statement_that_holds_the_request_s_slot_is_read_with_it(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


def test_the_speaker_telling_asks_for_nothing() -> None:
    # A change reported and the speaker's humble telling: no request at all.
    reads_exactly("어제 fee-engine을 v3.2로 배포했어요. 참고로 말씀드려요", Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    "text",
    [
        "restart it please, ticket ops-88 is open",
        "roll it back please, INC-2041 is open again",
        "티켓 ops-88 아직 열려 있어요. 재시작해 주세요.",
    ],
)
def test_a_ticket_id_in_the_context_is_never_lent_as_the_target(text: str) -> None:
    # Lent to "it", the id would lose the ticket word that marked it: the change asks for its target.
    result = interpret(text).interpretation
    assert result.intent in (Intent.RESTART, Intent.ROLLBACK) and dict(result.args) == {}, result
    assert result.missing == ["target"]


@pytest.mark.parametrize(
    "text",
    [
        # A statement of a needed change asks for it: with another request, two acts.
        "ledger-api도 재시작해야 합니다. fee-worker 로그 보여 주세요.",
        # Two things "it" may point at: which one is meant is not for the rules to guess.
        "quote-gw is fine but checkout is broken. Restart it.",
    ],
)
def test_a_statement_that_wants_a_change_or_names_two_things_is_no_context(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.AMBIGUOUS, (text, result.intent, result.args)
