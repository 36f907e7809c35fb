"""Round 24: which target and which count. Manner words are never the app, a correction replaces what
it corrects, a name excluded or said to be fine is never chosen, a place set aside is no namespace, a
present count is no goal, and a count for each environment is two acts. New wording throughout."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("safe rollback please", Intent.ROLLBACK, {}),
        ("redeploy immediately", Intent.DEPLOY, {}),
        ("forced restart", Intent.RESTART, {}),
        ("deploy the patch to staging", Intent.DEPLOY, {"environment": "staging"}),
        ("quick rollback now", Intent.ROLLBACK, {}),
    ],
)
def test_a_manner_word_is_never_the_app(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args, missing=["target"])


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("emergency restart of payments-api", Intent.RESTART, {"app_name": "payments-api"}),
        ("restart billing-svc gracefully", Intent.RESTART, {"app_name": "billing-svc"}),
        ("there's a bug in fee-svc, restart it", Intent.RESTART, {"app_name": "fee-svc"}),
        ("noticed a regression in quote-api, roll back", Intent.ROLLBACK, {"app_name": "quote-api"}),
    ],
)
def test_the_app_beside_a_manner_or_fault_word_is_kept(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("scale invoice-api to 2, actually 6", Intent.SCALE, {"app_name": "invoice-api", "replicas": 6}),
        ("scale invoice-api to 2, actually make it 3", Intent.SCALE, {"app_name": "invoice-api", "replicas": 3}),
        ("scale orders-svc to 6 no wait 2", Intent.SCALE, {"app_name": "orders-svc", "replicas": 2}),
        ("orders-svc 4개로 줄여줘 아니 2개", Intent.SCALE, {"app_name": "orders-svc", "replicas": 2}),
        ("invoice-api 4단계 롤백 아니 2단계", Intent.ROLLBACK, {"app_name": "invoice-api", "steps_back": 2}),
        ("ledger-svc 롤백해 2단계는 과하고 1단계만", Intent.ROLLBACK, {"app_name": "ledger-svc", "steps_back": 1}),
        ("restart ledger-svc, sorry I meant fee-svc", Intent.RESTART, {"app_name": "fee-svc"}),
        ("quote-api 재시작, 아니 fee-svc", Intent.RESTART, {"app_name": "fee-svc"}),
        ("rollback fee-svc 3 times", Intent.ROLLBACK, {"app_name": "fee-svc", "steps_back": 3}),
        ("fee-svc 롤백 세 번", Intent.ROLLBACK, {"app_name": "fee-svc", "steps_back": 3}),
        ("quote-api 세 번 롤백해줘", Intent.ROLLBACK, {"app_name": "quote-api", "steps_back": 3}),
    ],
)
def test_a_correction_replaces_what_it_corrects(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("invoice-api는 괜찮아요, fee-svc 재시작해 주세요", Intent.RESTART, {"app_name": "fee-svc"}),
        ("ledger-svc is healthy, roll back fee-svc", Intent.ROLLBACK, {"app_name": "fee-svc"}),
        ("quote-api는 멀쩡해 fee-svc 롤백해줘", Intent.ROLLBACK, {"app_name": "fee-svc"}),
        ("quote-api 빼고 fee-svc 재시작", Intent.RESTART, {"app_name": "fee-svc"}),
    ],
)
def test_a_name_said_fine_or_excluded_is_never_chosen(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    ["fee-svc 제외하고 전부 롤백", "roll back everything except ledger-svc", "restart all but quote-api"],
)
def test_everything_but_one_names_no_single_target(text: str) -> None:
    reads_exactly(text, Intent.RESTART if "restart" in text else Intent.ROLLBACK, {}, missing=["target"])


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("default에 떠 있는 거 말고 fee-svc 재시작", {"app_name": "fee-svc"}),
        (
            "fee-svc shop 네임스페이스에서 재시작해줘 dev 네임스페이스 말고",
            {"app_name": "fee-svc", "namespace": "shop"},
        ),
        ("restart fee-svc -n pods", {"app_name": "fee-svc", "namespace": "pods"}),
        ("namespace is services, restart fee-svc", {"app_name": "fee-svc", "namespace": "services"}),
        ("fee-svc 재시작 namespace는 apps", {"app_name": "fee-svc", "namespace": "apps"}),
        ("in the apps namespace, restart quote-api", {"app_name": "quote-api", "namespace": "apps"}),
    ],
)
def test_the_namespace_is_the_one_kept(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.RESTART, args)


def test_a_present_count_is_no_goal() -> None:
    reads_exactly(
        "fee-svc only has 1 replica, scale it up", Intent.SCALE, {"app_name": "fee-svc"}, missing=["replicas"]
    )


@pytest.mark.parametrize(
    "text",
    [
        "fee-svc 운영 3대 스테이징 1대로",
        "quote-api prod 4개, dev 1개로 맞춰줘",
        "quote-api 로그와 fee-svc 로그 보여줘",
        "ledger-svc 서비스 정보와 fee-svc 서비스 정보 알려 주십시오",
    ],
)
def test_two_objects_each_with_its_own_slot_are_two_acts(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("What can quote-api roll back to?", Intent.LIST_ROLLBACK, {"app_name": "quote-api"}),
        ("show the deployment details of fee-svc, no reboot", Intent.GET_DEPLOYMENT, {"deployment_name": "fee-svc"}),
        (
            "정책상 금요일엔 배포 못 한다던데, fee-svc 디플로이먼트 정보 보여줘",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "fee-svc"},
        ),
        ("quote-api 3개로 줄이면 비용이 얼마나 줄지 예측해줘", Intent.COST_ANALYSIS, {"analysis_type": "forecast"}),
    ],
)
def test_a_read_beside_a_supposed_or_reported_change(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("show the services in latency", Intent.LIST_SERVICES, {"namespace": "latency"}),
        ("traffic 네임스페이스 파드 목록 보여줘", Intent.LIST_PODS, {"namespace": "traffic"}),
        ("orders-api 요즘 traffic 많아서 4개로 늘려줘", Intent.SCALE, {"app_name": "orders-api", "replicas": 4}),
    ],
)
def test_a_word_of_load_is_never_the_app_but_may_name_a_namespace(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text", ["quiz-api rollout undo 부탁해", "rollout undo quiz-api now", "deployment undo quiz-api"]
)
def test_a_rollout_undone_is_a_rollback_never_one_more_rollout(text: str) -> None:
    reads_exactly(text, Intent.ROLLBACK, {"app_name": "quiz-api"})
