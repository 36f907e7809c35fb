"""Round 30, third wave (nlp30k): classes of misreads, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    ("text", "name", "replicas"),
    [
        ("트래픽 적으니까 report-gen 두 대만 떠 있게 해 주세요", "report-gen", 2),
        ("요청이 별로 없어서 batch-sync 셋만 돌아가도록 해줘", "batch-sync", 3),
        ("api-edge 2개만 뜨게 만들어줘", "api-edge", 2),
        ("queue-relay 하나만 켜져 있게 해줘", "queue-relay", 1),
        ("worker-pool 4대만 실행되게 해 주세요", "worker-pool", 4),
    ],
)
def test_only_n_kept_running_is_a_scale(text: str, name: str, replicas: int) -> None:
    reads_exactly(text, Intent.SCALE, {"app_name": name, "replicas": replicas})


def test_a_count_up_now_is_still_no_goal() -> None:
    reads_within("batch-sync 지금 2대만 떠 있어요", Intent.STATUS, {"app_name": "batch-sync"})


@pytest.mark.parametrize(
    "text",
    [
        "hotel-api 아까 올린 거 취소하고 이전 버전으로",
        "pay-gw 어제 배포한 걸 취소해 주세요",
        "crm-web 방금 반영한 거 취소하고 원래대로",
    ],
)
def test_cancelling_a_change_made_undoes_it(text: str) -> None:
    reads_exactly(text, Intent.ROLLBACK, {"app_name": text.split(" ", maxsplit=1)[0]})


def test_cancelling_a_deploy_not_yet_done_still_withholds_it() -> None:
    reads_exactly("pay-gw 배포한 거 취소하지 말고 로그 보여줘", Intent.LOGS, {"app_name": "pay-gw"})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        (
            "acme/shop-web 다시 배포해 줄래요? 핫픽스가 적용이 안 됐어요",
            Intent.DEPLOY,
            {"github_owner": "acme", "github_repo": "shop-web"},
        ),
        ("cart-api 재시작해 주시겠어요? 캐시 갱신이 아직 안 됐어요", Intent.RESTART, {"app_name": "cart-api"}),
    ],
)
def test_a_reason_told_after_a_request_takes_nothing_back(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_never_mind_still_takes_a_request_back() -> None:
    reads_exactly("cart-api 재시작해 주세요. 아니 됐어요", Intent.UNKNOWN, {})


def test_a_change_then_a_read_after_it_is_still_two_acts() -> None:
    reads_exactly("ledger-svc 재시작하고 나서 로그 보여줘", Intent.AMBIGUOUS, {})
    reads_exactly("ledger-svc 배포 후에 로그 보여줘", Intent.AMBIGUOUS, {})


@pytest.mark.parametrize(
    "text", ["promo-api describe pod 하고 로그도 보여줘", "coupon-svc get svc 하고 endpoint도 알려줘"]
)
def test_a_latin_read_after_the_name_is_a_read_beside_another(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})


def test_a_latin_read_of_deployments_deploys_nothing() -> None:
    reads_within("promo-api get deploy", Intent.STATUS, {})


@pytest.mark.parametrize(
    "text",
    ["지난주 order-api 롤백했음 참고용 메모", "어제 seat-map 스케일 인 했었음 기록 차원에서 적어 둠"],
)
def test_a_past_note_asks_for_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


def test_a_past_note_before_a_request_leaves_the_request() -> None:
    reads_within("order-api 재시작했음 로그 보여줘", Intent.LOGS, {"app_name": "order-api"})


@pytest.mark.parametrize(
    ("text", "intent", "name"),
    [
        ("ArgoCD deployed billing, show me its status", Intent.STATUS, "billing"),
        ("Jenkins restarted ledger, show its logs", Intent.LOGS, "ledger"),
        ("Redis restarted three times, can you show the logs", Intent.LOGS, "redis"),
        ("postgres rebooted again, show me its status", Intent.STATUS, "postgres"),
    ],
)
def test_the_object_of_a_change_told_is_what_the_read_is_about(text: str, intent: Intent, name: str) -> None:
    reads_within(text, intent, {"app_name": name})
