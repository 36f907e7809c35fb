"""Round 12 words and slots: a name read as a place is no keyword, kind words label names, plural pods.

Each case is a phrasing of its own, not one from a development set.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.rules import interpret


def _read(command: str) -> tuple[str, dict[str, object]]:
    it = interpret(command).interpretation
    return it.intent.value, dict(it.args)


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        # Namespaces whose names are command words: a cost word, a logs word, an overview word.
        ("billing 네임스페이스 서비스 목록 보여줘", "list_services", {"namespace": "billing"}),
        ("logging 네임스페이스 디플로이먼트 목록", "list_deployments", {"namespace": "logging"}),
        ("show deployments -n billing", "list_deployments", {"namespace": "billing"}),
        ("get svc ledger-api -n cost", "get_service", {"service_name": "ledger-api", "namespace": "cost"}),
    ],
)
def test_a_namespace_the_command_named_is_no_keyword(command: str, intent: str, args: dict[str, object]) -> None:
    assert _read(command) == (intent, args)


def test_a_namespace_named_by_its_word_still_leaves_the_real_cost_words() -> None:
    assert _read("billing 네임스페이스 비용 분석해줘")[0] == "cost_analysis"


def test_a_name_its_kind_word_follows_is_that_resource_not_the_namespace() -> None:
    intent, args = _read("spend ns ledger-api 서비스 상태")
    assert intent == "status"
    assert args["service_name"] == "ledger-api"
    assert args["namespace"] == "spend"


@pytest.mark.parametrize(
    ("command", "namespace"),
    [("qa 네임스페이스 파드들 괜찮은지 확인해줘", "qa"), ("ops ns 파드들 상태 알려줘", "ops")],
)
def test_plural_pods_asked_how_they_are_is_the_status_of_their_place(command: str, namespace: str) -> None:
    assert _read(command) == ("status", {"namespace": namespace})


def test_plural_pods_asked_which_ones_still_list() -> None:
    assert _read("요즘 파드들 뭐 돌아가는지 쭉 보여줘")[0] == "list_pods"


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        ("show pods in billing", "list_pods", {"namespace": "billing"}),
        (
            "address of the ledger-api service in billing",
            "endpoint",
            {"service_name": "ledger-api", "namespace": "billing"},
        ),
    ],
)
def test_a_place_after_a_kind_word_and_in_is_the_namespace(command: str, intent: str, args: dict[str, object]) -> None:
    assert _read(command) == (intent, args)


def test_an_environment_after_a_kind_word_and_in_stays_an_environment() -> None:
    _, args = _read("list pods in prod")
    assert "namespace" not in args or args["namespace"] != "prod"


def test_savings_in_korean_are_a_cost_question() -> None:
    assert _read("ops 네임스페이스 절감할 만한 데 있어?")[0] == "cost_analysis"
