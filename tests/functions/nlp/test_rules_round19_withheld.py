"""Issue 24, round 19: clauses that mention a change without asking for it.

A clause whose predicate forbids (the auxiliary -지 말다 / -지 마 in all its endings, "don't V"), finds no
need ("필요 없다", "no need to V"), leaves as it is (그대로 두다), puts off or drops (보류, 미루다, 없던 걸로
하다, "hold off on N", "skip N", "X은 later"), reports as done or received ("이미 끝났고", "접수됐어요", "X는
done", "the team rolled back X", "the request has been queued", "after this morning's redeploy") or
supposes ("would a restart fix X?", "before anyone rolls back") has a non-request role: it gives the
request no act, count, place or target, though its one name or kind may be what a request naming none
is about. A line with only such clauses asks for nothing.

New phrasings (none is a line of a dev set).
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # The negative auxiliary -지 말다 / -지 마 in its endings: only the request after it is read.
        (
            "스테이징 배포는 하지 말고 cart-svc 운영에만 올려 줘",
            Intent.DEPLOY,
            {"app_name": "cart-svc", "environment": "production"},
        ),
        ("재시작은 진행하지 마시고 ledger-api 롤백 부탁드립니다.", Intent.ROLLBACK, {"app_name": "ledger-api"}),
        ("스케일은 건드리지 마 orders-api 재시작해", Intent.RESTART, {"app_name": "orders-api"}),
        (
            "재배포는 하지 말아 주십시오. mailer-svc 로그 50줄 보여 주세요.",
            Intent.LOGS,
            {"app_name": "mailer-svc", "lines": 50},
        ),
        ("quote-svc은 배포하지 마세요", Intent.UNKNOWN, {}),
        # Not needed, left as it is, put off or dropped.
        ("롤백할 필요 없고 search-api 상태만 알려줘", Intent.STATUS, {"app_name": "search-api"}),
        ("롤백은 필요없어요", Intent.UNKNOWN, {}),
        ("quote-svc 스케일 조정은 보류해 주세요", Intent.UNKNOWN, {}),
        ("배포는 다음 분기로 미루고 파드 목록 보여줘", Intent.LIST_PODS, {}),
        ("롤백 건은 없던 일로 하고 quote-svc 재시작해 줘", Intent.RESTART, {"app_name": "quote-svc"}),
        (
            "운영은 그대로 두고 quote-svc 개발 환경에 배포해",
            Intent.DEPLOY,
            {"app_name": "quote-svc", "environment": "development"},
        ),
        # A Latin word of the same acts after a Korean topic.
        ("restart는 skip하고 quote-svc 로그 보여줘", Intent.LOGS, {"app_name": "quote-svc"}),
        ("deploy는 later, quote-svc endpoint 알려줘", Intent.ENDPOINT, {"app_name": "quote-svc"}),
        ("scale은 no need, 이번 달 비용 보여줘", Intent.COST_ANALYSIS, {}),
        ("rollback은 done, service 목록 보여줘", Intent.LIST_SERVICES, {}),
        # Reported done, received, or tried as the means that did not help.
        ("재배포는 이미 끝났고 quote-svc 상태 알려줘", Intent.STATUS, {"app_name": "quote-svc"}),
        ("재시작 요청은 접수됐어요, 디플로이먼트 목록 보여줘", Intent.LIST_DEPLOYMENTS, {}),
        ("재시작 요청이 접수됐습니다", Intent.UNKNOWN, {}),
        ("재시작으로는 안 풀려서 quote-svc 이전 버전으로 되돌려 주세요", Intent.ROLLBACK, {"app_name": "quote-svc"}),
        # The kind a withheld clause names is what a request naming none reads.
        ("서비스는 건드리지 말고 목록만 보여 줘", Intent.LIST_SERVICES, {}),
        ("Don't touch the services, just list them.", Intent.LIST_SERVICES, {}),
        # English frames: no need to V, don't V, hold off on N, skip N and V.
        ("No need to restart billing-core; just show its endpoint.", Intent.ENDPOINT, {"app_name": "billing-core"}),
        ("Don't scale billing-core, restart it instead.", Intent.RESTART, {"app_name": "billing-core"}),
        (
            "Hold off on staging. Deploy billing-core to production.",
            Intent.DEPLOY,
            {"app_name": "billing-core", "environment": "production"},
        ),
        ("There's no need to roll back billing-core.", Intent.UNKNOWN, {}),
        ("Hold off on the redeploy for now.", Intent.UNKNOWN, {}),
        ("Skip the rollback and just restart billing-core.", Intent.RESTART, {"app_name": "billing-core"}),
        # English reports and suppositions: done by someone, finished, received, after it, weighed, before it.
        (
            "The platform team rolled back billing-core an hour ago. Is billing-core healthy?",
            Intent.STATUS,
            {"app_name": "billing-core"},
        ),
        ("The restart request for billing-core has been queued.", Intent.UNKNOWN, {}),
        ("The redeploy finished. What's the endpoint for billing-core?", Intent.ENDPOINT, {"app_name": "billing-core"}),
        ("After this morning's redeploy, which pods are running?", Intent.LIST_PODS, {}),
        ("Would a restart fix billing-core? Show its status.", Intent.STATUS, {"app_name": "billing-core"}),
        ("Before anyone rolls back, how much did we spend this month?", Intent.COST_ANALYSIS, {}),
        (
            "Show me the last 20 lines from the billing-core pod.",
            Intent.LOGS,
            {"pod_name": "billing-core", "lines": 20},
        ),
        # What is not withheld stays as it was.
        ("Don't forget to restart billing-core.", Intent.RESTART, {"app_name": "billing-core"}),
        ("Is the rollback of billing-core done?", Intent.STATUS, {"app_name": "billing-core"}),
        ("필요 없는 파드 목록 보여줘", Intent.LIST_PODS, {}),
        ("billing-core 롤백하고 ledger-api는 그대로 두고 로그만 보여줘", Intent.AMBIGUOUS, {}),
    ],
)
def test_a_clause_that_mentions_a_change_without_asking_gives_the_request_nothing(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    ["quote-svc은 배포하지 마세요", "There's no need to roll back billing-core.", "Hold off on the redeploy for now."],
)
def test_a_line_that_only_withholds_proposes_no_change(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN and not result.requires_confirmation
