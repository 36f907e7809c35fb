"""Issue 24, round 16: words, typos and reads.

New phrasings (none is a line of a dev set): more copies with a deploy verb, a bare worded count,
slang for deploying into a place, one key off in a short command word, a place's summary, how many
of a kind there are, earlier deploy versions, a name ending in -ns, and two out-of-scope shapes.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.normalize import clean, normalise
from klepaas_nlp.rules.scope import asks_about_something_else

from .readings import reads_within as _reads


@pytest.mark.parametrize(
    "text",
    [
        "ledger-api 3개 더 띄워줘",
        "ledger-api 몇 대 더 올려줘",
        "launch 2 more copies of ledger-api",
        "launch a few more ledger-api",
    ],
)
def test_more_copies_with_a_deploy_verb_is_a_scale_whose_count_is_asked(text: str) -> None:
    _reads(text, Intent.SCALE, {"app_name": "ledger-api"}, ["replicas"])


@pytest.mark.parametrize(("text", "count"), [("ledger-api 세 개만", 3), ("ledger-api 5개만", 5)])
def test_a_bare_count_after_a_name_is_a_scale(text: str, count: int) -> None:
    _reads(text, Intent.SCALE, {"app_name": "ledger-api", "replicas": count})


def test_driving_an_app_into_a_place_deploys_it_there() -> None:
    _reads("ledger-api 스테이징에 박아줘", Intent.DEPLOY, {"app_name": "ledger-api", "environment": "staging"})


def test_costing_asks_for_the_cost() -> None:
    _reads("how much is staging costing per month", Intent.COST_ANALYSIS, {})


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("롤ㄹ백해줘", "롤백해줘"),  # a stray letter inside the word
        ("목롯 보여줘", "목록 보여줘"),  # a final struck with the key beside it
        ("비욜 예측", "비용 예측"),
        ("팓 상태", "파드 상태"),  # the second syllable's vowel lost, its consonant merged
        ("서비스 목 록", "서비스 목 록"),  # a syllable of another command word is left alone
    ],
)
def test_one_jamo_off_in_a_short_command_word_is_repaired(typed: str, right: str) -> None:
    assert clean(typed) == right


@pytest.mark.parametrize("text", ["billing-staging 간단히 요약해줘", "billing-staging 쪽 상황 요약 좀"])
def test_a_summary_of_a_place_is_its_overview(text: str) -> None:
    _reads(text, Intent.OVERVIEW, {"namespace": "billing-staging"})


def test_how_many_of_a_kind_in_a_place_is_their_list() -> None:
    _reads("shop-ns에 파드 몇 개나 떠 있어?", Intent.LIST_PODS, {"namespace": "shop-ns"})


def test_a_count_before_the_kind_word_still_counts_the_apps_copies() -> None:
    result = interpret("ledger-api 몇 개 떠 있는지 디플로이먼트 상태 봐줘").interpretation
    assert result.intent is not Intent.LIST_DEPLOYMENTS


def test_all_the_endpoints_pulled_out_is_their_list() -> None:
    _reads("엔드포인트 쭉 보여줘", Intent.LIST_ENDPOINTS, {})


def test_the_earlier_deploy_versions_are_the_rollback_list() -> None:
    _reads("ledger-api 지난 배포 버전 뭐 있어?", Intent.LIST_ROLLBACK, {"app_name": "ledger-api"})


def test_a_name_ending_in_ns_is_a_namespace_for_its_logs() -> None:
    _reads("billing-ns 로그 보여줄 수 있어?", Intent.LOGS, {"namespace": "billing-ns"}, ["pod_name"])


@pytest.mark.parametrize(
    "text",
    [
        "how do I present a deploy to our investors?",
        "핀테크 UI 디자인 요즘 어때?",
    ],
)
def test_a_request_about_something_not_ours_is_unknown(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.UNKNOWN


@pytest.mark.parametrize(
    "text", ["지금 클러스터 어때?", "ledger-api 상태 요즘 어때?", "how do I deploy web to our staging?"]
)
def test_a_how_is_it_or_how_to_of_ours_is_in_scope(text: str) -> None:
    assert not asks_about_something_else(normalise(text))
