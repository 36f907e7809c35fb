"""Round 32 (G3): a count is a replica count only when it counts the app's copies: its noun (the one written
right before the number, with no particle between) is the app, its kind word, its copies, or nothing. A count of
another noun ("X 프로듀서 4개로", "X 캐시 레플리카 4개로", "X 파드당 스레드 3개로") is no change the closed set
offers; a bound or a range ("5개 이상으로", "at most 3 replicas", "3-5개") is no count to set, so it is asked for."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_OTHER_NOUNS = [
    # A noun of something in or beside the app, bare before the count, after the app's name.
    "billing-api 프로듀서 4개로 늘려줘",
    "ledger-svc 리스너 3개로 줄여줘",
    "svc/ledger-svc 핸들러 6개로 늘려줘",
    "cart-web 업로드 슬롯 5개로 늘려줘",
    "cart-web의 프로듀서 5개로 늘려줘",
    # Copies, but of another thing named before the copies' word.
    "cart-web 캐시 레플리카 4개로 늘려줘",
    "cart-web 검색엔진 인스턴스 2개로 줄여줘",
    # Spread over each copy, or inside one.
    "notify-api 인스턴스마다 컨슈머 2개로 늘려줘",
    "notify-api 파드당 리스너 3개로 늘려줘",
    "notify-api 파드 안 사이드카 2개로 줄여줘",
    # A setting of the pods, measured in its own unit.
    "notify-api 파드 메모리 8기가로 올려줘",
]


@pytest.mark.parametrize("text", _OTHER_NOUNS)
def test_a_count_of_another_noun_is_no_scale(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
    assert interpret(text).interpretation.refused is None


_BOUNDS = [
    "billing-api 5개 이상으로 늘려줘",
    "billing-api 3개 이하로 줄여줘",
    "ledger-svc 7대 아래로 줄여줘",
    "ledger-svc 2개 넘도록 늘려줘",
    "ledger-svc 최소 3개로 유지해줘",
    "ledger-svc 3-5개로 늘려줘",
    "scale ledger-svc to more than 5 pods",
    "scale ledger-svc to at most 3 replicas",
    "scale ledger-svc to between 3 and 6 replicas",
    "scale ledger-svc to 3\u20135 instances",
]


@pytest.mark.parametrize("text", _BOUNDS)
def test_a_bound_or_a_range_asks_for_the_count(text: str) -> None:
    reads_exactly(text, Intent.SCALE, {"app_name": "billing-api" if "billing" in text else "ledger-svc"}, ["replicas"])


_S = Intent.SCALE
_COPIES = [
    # The same requests with the app's copies, its kind word, or no noun before the count.
    ("billing-api 4개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 4}),
    ("billing-api 레플리카 4개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 4}),
    ("billing-api 파드 수 4개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 4}),
    ("billing-api 인스턴스 개수 4개로 맞춰줘", _S, {"app_name": "billing-api", "replicas": 4}),
    ("billing-api 앱 4개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 4}),
    ("billing-api 운영 4개로 늘려줘", _S, {"app_name": "billing-api", "environment": "production", "replicas": 4}),
    (
        "notify-api 스테이징에 네 개 복제본으로 배포해줘",
        Intent.DEPLOY,
        {"app_name": "notify-api", "environment": "staging", "replicas": 4},
    ),
    # An adverb, a time, a clause closed before the count: the count has no noun of its own.
    ("billing-api 좀 4개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 4}),
    ("billing-api 주말 동안 2개로 줄여줘", _S, {"app_name": "billing-api", "replicas": 2}),
    ("billing-api 너무 느려 4개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 4}),
    ("billing-api 트래픽 몰려서 6개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 6}),
    # The -어 form contracted into the stem (버티+어, 바꾸+어): a clause closed before the count.
    ("billing-api 지금으론 못 버텨 6개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 6}),
    ("billing-api 설정 바꿔 5개로 늘려줘", _S, {"app_name": "billing-api", "replicas": 5}),
    ("billing-api 두 개 더 늘려서 총 6개로 해줘", _S, {"app_name": "billing-api", "replicas": 6}),
    # A count to reach is no bound; a goal beside a bound is the count asked for.
    ("billing-api 8개까지 늘려줘", _S, {"app_name": "billing-api", "replicas": 8}),
    ("bump ledger-svc up to 7 replicas", _S, {"app_name": "ledger-svc", "replicas": 7}),
    ("ledger-svc 4개 넘게 떠 있는데 2개로 줄여줘", _S, {"app_name": "ledger-svc", "replicas": 2}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _COPIES)
def test_a_count_of_the_apps_copies_reads_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_kind_word_described_by_a_noun_is_the_app() -> None:
    # "결제 서버": the server the app is, described; its count is of copies, and the target is asked for.
    reads_exactly("결제 서버 3대로 늘려줘", Intent.SCALE, {"replicas": 3}, ["target"])
