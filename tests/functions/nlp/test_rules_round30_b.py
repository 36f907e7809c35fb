"""Issue 24, round 30 (part B): places, names and the words around them.

New phrasings (none is a line of a dev set): a name with a place's particle and no other name says where a
change happens, never what it changes; a name before a kind word and another name says where that one runs;
words of thought, of an incident's state and of a forwarded mail, and a read verb missing a letter, are no
names; a count set aside keeps the read; a question the writer answers himself asks nothing.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        # A lone place of a change: its namespace, the target asked for (never a change of the place).
        ("ledger-prod에서 재시작 부탁드립니다", Intent.RESTART, {"namespace": "ledger-prod"}, ["target"]),
        ("payments에서 롤백 좀 해줘", Intent.ROLLBACK, {"namespace": "payments"}, ["target"]),
        ("shop-ns에서 3개로 늘려줘", Intent.SCALE, {"namespace": "shop-ns", "replicas": 3}, ["target"]),
        # The place before the name it holds, with 에 or 에서.
        (
            "harbor-east에 crane-sync 재시작해줘 급해",
            Intent.RESTART,
            {"app_name": "crane-sync", "namespace": "harbor-east"},
            None,
        ),
        # A name, a kind word and another name: kubectl's "namespace kind name".
        (
            "fleet-core 서비스 route-planner 상세 알려줘",
            Intent.GET_SERVICE,
            {"service_name": "route-planner", "namespace": "fleet-core"},
            None,
        ),
        (
            "retail-ns 디플로이먼트 cart-sync 상세",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "cart-sync", "namespace": "retail-ns"},
            None,
        ),
        # Other nouns of a summary.
        ("could you give me a rundown of everything in clinic?", Intent.OVERVIEW, {"namespace": "clinic"}, None),
        ("quick recap of what's in retail?", Intent.OVERVIEW, {"namespace": "retail"}, None),
        # A question answered by the writer himself, then the request about the answer.
        (
            "billing-core가 어디 있더라… 아 finance구나. finance 네임스페이스 서비스 목록 보여줘",
            Intent.LIST_SERVICES,
            {"namespace": "finance"},
            None,
        ),
        (
            "I wanted to ask which namespace cart-api is in, but never mind, it's the shop namespace. "
            "List the pods there.",
            Intent.LIST_PODS,
            {"namespace": "shop"},
            None,
        ),
        # Words that are no names.
        ("I wonder if route-planner is up at the moment", Intent.STATUS, {"app_name": "route-planner"}, None),
        ("just curious whether dock-api is healthy", Intent.STATUS, {"app_name": "dock-api"}, None),
        ("sho logs for crane-sync", Intent.LOGS, {"app_name": "crane-sync"}, None),
        ("lis pods in harbor", Intent.LIST_PODS, {"namespace": "harbor"}, None),
        (
            "show me the latest deployment of ticket-hub",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "ticket-hub"},
            None,
        ),
        (
            "Fwd: Incident #77 mitigated\n확인 부탁: dock-api status 다시 봐주세요",
            Intent.STATUS,
            {"app_name": "dock-api"},
            None,
        ),
        ("FW: [긴급] 주문 오류 증가\n전달: 즉시 재시작 바랍니다.", Intent.RESTART, {}, ["target"]),
        # A mail's subject line names no target of the body's request.
        ("RE: 야간 점검 report\n전달: 즉시 재시작 바랍니다.", Intent.RESTART, {}, ["target"]),
        ("Fwd: weekly summary\n바로 재배포 해주세요", Intent.DEPLOY, {}, ["target"]),
        # A count set aside keeps the read and its target.
        ("restart-audit 로그 50줄 말고 15줄만", Intent.LOGS, {"app_name": "restart-audit", "lines": 15}, None),
        ("파드 로그 100줄 말고 5줄만", Intent.LOGS, {"lines": 5}, ["pod_name"]),
    ],
)
def test_places_and_names_read_by_their_roles(
    text: str, intent: Intent, args: dict[str, object], missing: list[str] | None
) -> None:
    reads_exactly(text, intent, args, missing)
