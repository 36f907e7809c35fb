"""Round 31 (K2): an act or an object set aside beside the wanted one ("X 로그 말고 재시작만", "X 재시작 말고
6개로", "… 보여 줘 로그 말구", "A 목록이 아니라 B 목록", "80 lines, not 20"): what is set aside is dropped, and
the name written before both still belongs to the wanted act, with the kind word it was written with."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_SET_ASIDE = [
    # An act's word set aside right after the name: the name stays the wanted act's object.
    ("media-sync deploy 말고 rollback만 해줘", Intent.ROLLBACK, {"app_name": "media-sync"}),
    ("media-sync deploy 말고 status 보여줘", Intent.STATUS, {"app_name": "media-sync"}),
    ("cart-api 스케일 말고 deployment 정보 보여줘", Intent.GET_DEPLOYMENT, {"deployment_name": "cart-api"}),
    # A count asked for instead is no other app.
    ("media-sync 재시작 말고 6개로 늘려줘", Intent.SCALE, {"app_name": "media-sync", "replicas": 6}),
    # A read set aside with the kind word after the name: the kind stays the name's.
    ("geo-lookup 서비스 로그 말고 주소 알려줘", Intent.ENDPOINT, {"service_name": "geo-lookup"}),
    # The request first, then what it is not: the verb is the request's, never set aside.
    ("media-sync 재시작해 롤백말고", Intent.RESTART, {"app_name": "media-sync"}),
    ("geo-lookup 배포 정보 보여 줘 로그 말구", Intent.GET_DEPLOYMENT, {"deployment_name": "geo-lookup"}),
    # "A 이/가 아니라 B": A is set aside as "A 말고" is.
    ("서비스 목록이 아니라 파드 목록 보여줘", Intent.LIST_PODS, {}),
    # A count turned down after the one asked for.
    ("Give me 80 lines of logs for the cart-api pod, not 20.", Intent.LOGS, {"pod_name": "cart-api", "lines": 80}),
    ("scale cart-api to 5 replicas, not 3", Intent.SCALE, {"app_name": "cart-api", "replicas": 5}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _SET_ASIDE)
def test_what_is_set_aside_leaves_the_name_to_the_wanted_act(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


_NEARBY = [
    # The same requests with nothing set aside.
    ("media-sync rollback만 해줘", Intent.ROLLBACK, {"app_name": "media-sync"}),
    ("media-sync 6개로 늘려줘", Intent.SCALE, {"app_name": "media-sync", "replicas": 6}),
    ("geo-lookup 서비스 엔드포인트 알려줘", Intent.ENDPOINT, {"service_name": "geo-lookup"}),
    ("media-sync 재시작해", Intent.RESTART, {"app_name": "media-sync"}),
    ("geo-lookup 배포 정보 보여 줘", Intent.GET_DEPLOYMENT, {"deployment_name": "geo-lookup"}),
    ("Give me 80 lines of logs for the cart-api pod.", Intent.LOGS, {"pod_name": "cart-api", "lines": 80}),
    # Another app named after what is set aside takes the act; a list set aside takes its kind with it.
    ("media-sync 재시작 말고 payment 롤백", Intent.ROLLBACK, {"app_name": "payment"}),
    ("media-sync 재시작 말고 stream-billing 재시작해줘", Intent.RESTART, {"app_name": "stream-billing"}),
    ("geo-lookup 파드 목록 말고 상태 보여줘", Intent.STATUS, {"app_name": "geo-lookup"}),
    ("web 파드 목록 말고 서비스 목록 보여줘", Intent.LIST_SERVICES, {"namespace": "web"}),
    # A bound on the count is no count set aside; nor is it the count to set (round 32, G3): the count is asked for.
    ("scale cart-api to no more than 5 replicas", Intent.SCALE, {"app_name": "cart-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _NEARBY)
def test_requests_nearby_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_statement_with_not_but_asks_nothing() -> None:
    reads_exactly("이건 버그가 아니라 설정 문제야", Intent.UNKNOWN, {})
