"""Round 31 (Y2): a question about a change and its state is a read, never the change. A change's noun or verb
in a clause that dates or qualifies what is read ("X 재배포 후에", "재시작하고 나서 새로 찍힌", "재시작 전에 찍힌",
"X 재배포한 거", "before X restarted", "the scale-out on X") is a time or a topic; the act is the main predicate's.
The same sentences without the dating clause, and ordinary requests nearby, read as before."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_READS = [
    # The logs written before the restart are the previous container's: 전에 dates the clause describing them.
    ("fare-engine 재시작 전에 남은 로그 보여줘", Intent.LOGS, {"app_name": "fare-engine", "previous": True}),
    (
        "fare-engine 재시작하기 전에 쌓인 로그 50줄 보여줘",
        Intent.LOGS,
        {"app_name": "fare-engine", "lines": 50, "previous": True},
    ),
    ("show me the logs from before ledger-sync crashed", Intent.LOGS, {"app_name": "ledger-sync", "previous": True}),
    # A bare name labelled as an image, in a read, is whose image: the app read.
    (
        "tariff-calc 이미지 바꾼 거 반영됐는지 디플로이먼트 정보 보여줘",
        Intent.GET_DEPLOYMENT,
        {"deployment_name": "tariff-calc"},
    ),
    (
        "tariff-calc 이미지 어떤 태그인지 디플로이먼트 상세 보여줘",
        Intent.GET_DEPLOYMENT,
        {"deployment_name": "tariff-calc"},
    ),
    # What the change left, described in the past, dates the change: it was done, not asked for.
    ("dock-scheduler 재시작하고 나서 새로 쌓인 로그 보여줘", Intent.LOGS, {"app_name": "dock-scheduler"}),
    ("bid-router 재배포 후에 엔드포인트 바뀌었는지 알려줘", Intent.ENDPOINT, {"app_name": "bid-router"}),
    ("bid-router 롤백 후에 서비스 설정 달라졌는지 보여줘", Intent.GET_SERVICE, {"service_name": "bid-router"}),
    # "배포한 거": the deploy done, not the deployments; the app is asked after.
    ("voucher-api 배포한 거 상태 좀 봐줘", Intent.STATUS, {"app_name": "voucher-api"}),
    ("slot-keeper 배포한 거 들어갔나 check 좀", Intent.STATUS, {"app_name": "slot-keeper"}),
    # A question with no mark, closed by -인가요 / -ㄴ가요, asks whether the change is under way or over.
    ("pick-list 배포 아직 진행중 인가요", Intent.STATUS, {"app_name": "pick-list"}),
    ("pick-list 롤백 끝난 건가요", Intent.STATUS, {"app_name": "pick-list"}),
    # "반영됐나": a past question, no "or" joining two things.
    ("slot-keeper scale out 한 거 반영됐나 확인 좀", Intent.STATUS, {"app_name": "slot-keeper"}),
    # The rollback supposed says what the read is about, its app named in another clause.
    (
        "slot-keeper 롤백은 하지 말고 롤백하면 어떤 버전 되는지만 알려줘",
        Intent.LIST_ROLLBACK,
        {"app_name": "slot-keeper"},
    ),
    ("If we roll back parcel-hub, which release will it land on?", Intent.LIST_ROLLBACK, {"app_name": "parcel-hub"}),
    # The pods said as many are the app's, not one pod named.
    ("tram-api 롤백 후에 파드 다 Running이야?", Intent.STATUS, {"app_name": "tram-api", "resource_type": "pod"}),
    # An operation's compound noun is no name.
    ("Did the scale-up of parcel-hub go through?", Intent.STATUS, {"app_name": "parcel-hub"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _READS)
def test_questions_about_a_change_read_its_state(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_rollback_supposed_with_no_app_asks_for_the_target() -> None:
    reads_exactly("If I roll back, which version does it go to?", Intent.LIST_ROLLBACK, {}, missing=["target"])


# Up again into an environment puts the app there: a deploy; bare "up again" restarts it where it runs.
_UP_AGAIN = [
    ("parcel-hub 운영에 다시 올려줘", Intent.DEPLOY, {"app_name": "parcel-hub", "environment": "production"}),
    ("parcel-hub staging에 다시 띄워", Intent.DEPLOY, {"app_name": "parcel-hub", "environment": "staging"}),
    ("parcel-hub 다시 올려줘", Intent.RESTART, {"app_name": "parcel-hub"}),
    ("parcel-hub 다시 띄워줘", Intent.RESTART, {"app_name": "parcel-hub"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _UP_AGAIN)
def test_up_again_into_an_environment_deploys(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


# Nearby requests, and the same sentences without what dates or qualifies the read, read as before.
_AS_BEFORE = [
    ("fare-engine 재시작 전에 로그부터 보여줘", Intent.LOGS, {"app_name": "fare-engine"}),
    ("fare-engine 재시작 전에 일단 로그 보자", Intent.LOGS, {"app_name": "fare-engine"}),
    ("fare-engine 재시작 전에 최근 로그 보자", Intent.LOGS, {"app_name": "fare-engine"}),
    ("show the ledger-sync logs before restarting it", Intent.LOGS, {"app_name": "ledger-sync"}),
    ("nginx 이미지로 tariff-calc 배포해줘", Intent.DEPLOY, {"app_name": "tariff-calc", "image": "nginx"}),
    (
        "tariff-calc를 tariff-calc:3.1.0 이미지로 배포해줘",
        Intent.DEPLOY,
        {"app_name": "tariff-calc", "image": "tariff-calc:3.1.0"},
    ),
    ("dock-scheduler 재시작하고 나서 로그 보여줘", Intent.AMBIGUOUS, {}),
    ("dock-scheduler 재시작하고 이전 로그 좀 보여줘", Intent.AMBIGUOUS, {}),
    ("bid-router 재배포 후에 엔드포인트 알려줘", Intent.AMBIGUOUS, {}),
    ("bid-router 롤백 후에 서비스 정보 보여줘", Intent.AMBIGUOUS, {}),
    ("배포한 것들 목록 보여줘", Intent.LIST_DEPLOYMENTS, {}),
    ("배포된 거 목록 보여줘", Intent.LIST_DEPLOYMENTS, {}),
    ("pick-list 배포해줘", Intent.DEPLOY, {"app_name": "pick-list"}),
    ("slot-keeper 재시작이나 롤백 해줘", Intent.AMBIGUOUS, {}),
    ("slot-keeper 롤백해줘", Intent.ROLLBACK, {"app_name": "slot-keeper"}),
    ("tram-api 파드 상태 보여줘", Intent.STATUS, {"pod_name": "tram-api", "resource_type": "pod"}),
    ("scale-up-worker 상태 보여줘", Intent.STATUS, {"app_name": "scale-up-worker"}),
    ("If we scale parcel-hub down, will jobs be lost?", Intent.UNKNOWN, {}),
    ("roll back parcel-hub", Intent.ROLLBACK, {"app_name": "parcel-hub"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _AS_BEFORE)
def test_nearby_requests_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
