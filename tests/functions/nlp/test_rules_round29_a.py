"""Round 29 (a): text pasted or quoted around a request (log lines, errors, quoted earlier messages,
struck-through and markdown text, an email's greeting and signature) lends the request nothing."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_CASES = [
    # A pasted log line, error, event or status line names nothing and asks nothing.
    (
        'Liveness probe failed: Get "http://10.9.1.3:9000/ready": dial tcp 10.9.1.3:9000: connect: '
        "connection refused\norder-router 상태 좀 확인해줘",
        Intent.STATUS,
        {"app_name": "order-router"},
    ),
    (
        "HTTP 504 Gateway Timeout on /api/payments since 09:40. what is the endpoint of checkout-web?",
        Intent.ENDPOINT,
        {"app_name": "checkout-web"},
    ),
    (
        "2026-12-01T03:10:22Z ERROR connection pool exhausted\nshow me the logs of pricing-api",
        Intent.LOGS,
        {"app_name": "pricing-api"},
    ),
    (
        "[ERROR] upstream timed out while reading response header\nledger-sync status please",
        Intent.STATUS,
        {"app_name": "ledger-sync"},
    ),
    (
        'Error from server (NotFound): deployments.apps "quota-svc" not found\nquota-svc 롤백 이력 보여줘',
        Intent.LIST_ROLLBACK,
        {"app_name": "quota-svc"},
    ),
    # A kubectl command the user says they ran is a story, never a request.
    (
        "kubectl rollout restart deployment/tax-engine 돌렸는데 에러남: error: not found\ntax-engine 로그 보여줘",
        Intent.LOGS,
        {"app_name": "tax-engine"},
    ),
    (
        "kubectl rollout undo deployment/geo-api 했다가 실패함\ngeo-api 롤백 이력 보여줘",
        Intent.LIST_ROLLBACK,
        {"app_name": "geo-api"},
    ),
    (
        "Warning BackOff 2m kubelet Back-off restarting failed container. 일단 서비스 목록만 보여줘",
        Intent.LIST_SERVICES,
        {},
    ),
    # A background told with the past adnominal and 건데: the list takes no namespace from its name.
    ("settlement-job 배포하다 생긴 건데 일단 서비스 목록만 보여줘", Intent.LIST_SERVICES, {}),
    # Quoted earlier messages and struck-through text are not asked now.
    (
        "> Could you roll back auth-gate to the previous version?\n\nThat worked, thanks. "
        "Now show me the rollback history of auth-gate.",
        Intent.LIST_ROLLBACK,
        {"app_name": "auth-gate"},
    ),
    (
        "> please restart search-api\n\nDone, thanks. Now please scale search-api to 4 for quarter-end.",
        Intent.SCALE,
        {"app_name": "search-api", "replicas": 4},
    ),
    (
        "Checklist:\n- ~~deploy `promo-web` to staging~~\n- ~~restart `cart-svc`~~\n\nRemaining:\n- list deployments",
        Intent.LIST_DEPLOYMENTS,
        {},
    ),
    (
        "Status:\n- ~~scale report-gen to 5~~ done\n- please show the logs of report-gen",
        Intent.LOGS,
        {"app_name": "report-gen"},
    ),
    ("~~restart web-a~~ never mind, show the status of web-a", Intent.STATUS, {"app_name": "web-a"}),
    # Markdown marks around a name are no part of it, and a told change lends no namespace.
    ("Heads up: we **restarted** `feed-api` this morning. Now: list services only.", Intent.LIST_SERVICES, {}),
    ("Update: the team scaled orders-db to 5 last night; show me the pods", Intent.LIST_PODS, {}),
    # An email's greeting and signature ask nothing; "could someone VERB" asks as "could you" does.
    (
        "Hello all,\n\nCan someone restart the crop-monitor? It stopped reporting at noon.\n\nBest,\nMin",
        Intent.RESTART,
        {"app_name": "crop-monitor"},
    ),
    (
        "Hi Jun,\n\nCould anybody roll back greenhouse-api? The last release broke the sensor page.\n\nRegards,\nSora",
        Intent.ROLLBACK,
        {"app_name": "greenhouse-api"},
    ),
    (
        "Hi team,\n\nCould someone show me the logs of weather-sync? Thanks!\n\nCheers,\nAlex",
        Intent.LOGS,
        {"app_name": "weather-sync"},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _CASES)
def test_pasted_and_quoted_text_lends_nothing(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_kubectl_line_alone_is_still_read() -> None:
    reads_exactly("kubectl scale deployment/geo-api --replicas=5", Intent.SCALE, {"app_name": "geo-api", "replicas": 5})


def test_a_log_line_alone_asks_nothing_of_its_words() -> None:
    # Nothing of the user's own remains: the line is read as before (never a change).
    result = interpret("error: no rollout history found for payroll-api")
    assert result.interpretation.intent not in (Intent.ROLLBACK, Intent.DEPLOY, Intent.SCALE, Intent.RESTART)
