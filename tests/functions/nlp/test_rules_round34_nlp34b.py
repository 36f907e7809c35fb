"""Round 34 (nlp34b): what is set aside beside one request (another kind, another scope, a count, another
namespace, an app whose name looks like the act) is neither the target, nor the namespace, nor a second act;
the request said before it, as a noun phrase or asked, is read."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_READ = [
    # A request said as a noun phrase, then what is set aside: the request stands.
    ("deployments 목록, 파드 말고", Intent.LIST_DEPLOYMENTS, {}),
    ("orders-api 파드 로그 70줄, 20줄 말고", Intent.LOGS, {"pod_name": "orders-api", "lines": 70}),
    ("payments 네임스페이스 파드 목록, kube-public 말고", Intent.LIST_PODS, {"namespace": "payments"}),
    (
        "billing 네임스페이스 invoice-api 서비스 엔드포인트, dev 말고",
        Intent.ENDPOINT,
        {"service_name": "invoice-api", "namespace": "billing"},
    ),
    ("invoice-api 서비스 정보 자세히, 엔드포인트만 말구", Intent.GET_SERVICE, {"service_name": "invoice-api"}),
    # A name set aside with its kind word or its bound noun goes with it.
    ("budget-svc 앱 말고, 전체 클러스터 비용 보여줘", Intent.COST_ANALYSIS, {}),
    (
        "shop 네임스페이스의 cart-api 재시작, checkout 쪽 말고",
        Intent.RESTART,
        {"app_name": "cart-api", "namespace": "shop"},
    ),
    # A phrase picked out as another, or a read's phrase set aside after a request of its own.
    ("invoice-api 서비스 주소 알려줘, 다른 서비스들 말고", Intent.ENDPOINT, {"service_name": "invoice-api"}),
    ("ledger-api 서비스 정보 보여줘, 로그 조회 말고", Intent.GET_SERVICE, {"service_name": "ledger-api"}),
    ("ledger-api 서비스 세부 정보 알려줘, 엔드포인트만 말고 전부", Intent.GET_SERVICE, {"service_name": "ledger-api"}),
    # The app of a change set aside is no scope of the cost read asked instead.
    ("budget-svc 롤백 말고 이번 달 비용 최적화만 보여줘", Intent.COST_ANALYSIS, {"analysis_type": "optimization"}),
    # A plain imperative, then the others withheld.
    ("orders-api 롤백만 해 다른 건 하지 마", Intent.ROLLBACK, {"app_name": "orders-api"}),
    # English: a "not" opening a segment of its own sets the segment aside.
    ("deployments in payments please, not the default namespace", Intent.LIST_DEPLOYMENTS, {"namespace": "payments"}),
    ("not the services — which pods are there?", Intent.LIST_PODS, {}),
    ("check the cluster cost, not the budget-svc app", Intent.COST_ANALYSIS, {}),
    ("budget-svc logs please, not the cluster cost", Intent.LOGS, {"app_name": "budget-svc"}),
    ("not ledger-api in particular, list all the services", Intent.LIST_SERVICES, {}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _READ)
def test_the_request_beside_what_is_set_aside(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_name_set_aside_is_no_target_of_a_change() -> None:
    # The one named only to be set aside is not the target: it is asked for.
    reads_exactly(
        "deploy to staging — not ledger-api though, the other one",
        Intent.DEPLOY,
        {"environment": "staging"},
        ["target"],
    )
    reads_exactly("what's the endpoint? not for invoice-api, the other service", Intent.ENDPOINT, {}, ["service_name"])


_KEPT = [
    # Neighbours that keep their reading: a request withdrawn as the message ends asks nothing.
    ("아 잠깐, web 재시작 말고", Intent.UNKNOWN, {}),
    ("orders 롤백 말고", Intent.UNKNOWN, {}),
    # Only the kind set aside: the name is the other kind's.
    ("cart 파드 말고 서비스 상태 보여줘", Intent.STATUS, {"service_name": "cart", "resource_type": "service"}),
    # The object of a change set aside is shared with the change asked instead.
    ("cart 재시작 말고 롤백해줘", Intent.ROLLBACK, {"app_name": "cart"}),
    # A request forbidden to be tried stays unasked.
    ("롤백 해 보지 마", Intent.UNKNOWN, {}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _KEPT)
def test_neighbours_keep_their_reading(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
