"""Round 32 (G1): a time word is the schedule of a change only when it dates the change's own verb. A time in a
reason ("모레 오픈이라 …", "release is next week, …"), in a clause describing the target ("토요일에 멈춘 X") or of a
cause ("저번 주 수요일 점검 때문에"), a day gone by ("지난 토요일에"), or beside an explicit now, leaves the request
for now; and a version named by a day or a date names no commit: the rollback asks for one."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_NOW = [
    # A time in a reason: the copula's -라 after a noun, -니까, a copula in English.
    ("모레 오픈이라 지금 ticket-api 배포해줘", Intent.DEPLOY, {"app_name": "ticket-api"}),
    ("모레 오픈이라 ticket-api 배포해줘", Intent.DEPLOY, {"app_name": "ticket-api"}),
    ("금요일 행사 시작이라 orbit-svc 5개로 늘려줘", Intent.SCALE, {"app_name": "orbit-svc", "replicas": 5}),
    ("내일 세일 시작하니까 coupon-hub 6개로 늘려줘", Intent.SCALE, {"app_name": "coupon-hub", "replicas": 6}),
    (
        "release is next week, deploy ticket-api to staging now",
        Intent.DEPLOY,
        {"app_name": "ticket-api", "environment": "staging"},
    ),
    ("the launch is on friday, restart orbit-svc", Intent.RESTART, {"app_name": "orbit-svc"}),
    # A time in a clause describing the target, or of a cause; a day the past determiner dates.
    ("토요일에 멈춘 ledger-sync 재시작 부탁해요", Intent.RESTART, {"app_name": "ledger-sync"}),
    ("새벽에 꼬인 ledger-sync 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-sync"}),
    ("저번 주 수요일 점검 때문에 ledger-sync 2개로 줄여줘", Intent.SCALE, {"app_name": "ledger-sync", "replicas": 2}),
    ("지난 토요일에 배포한 ledger-sync 재시작해줘", Intent.RESTART, {"app_name": "ledger-sync"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _NOW)
def test_a_time_that_dates_another_predicate_leaves_the_request_for_now(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


def test_a_described_target_with_no_name_is_asked_for() -> None:
    reads_exactly("주말에 뻗은 거 재시작해줘", Intent.RESTART, {}, ["target"])


_BY_DAY = [
    ("ledger-sync 지난 수요일 버전으로 되돌려줘", {"app_name": "ledger-sync"}),
    ("ledger-sync 10월 3일 빌드로 롤백해줘", {"app_name": "ledger-sync"}),
    ("ledger-sync 토요일 버전으로 롤백", {"app_name": "ledger-sync"}),
    ("roll back ledger-sync to the build from last tuesday", {"app_name": "ledger-sync"}),
    ("revert ledger-sync to Monday's release", {"app_name": "ledger-sync"}),
]


@pytest.mark.parametrize(("text", "args"), _BY_DAY)
def test_a_version_named_by_a_day_asks_for_its_commit(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.ROLLBACK, args, ["target_commit_sha"])
    assert interpret(text).interpretation.refused is None


_SCHEDULED = [
    # The time dates the asked change itself: still refused as a schedule.
    "모레 ticket-api 배포해줘",
    "토요일에 ledger-sync 재시작해줘",
    "새벽 3시에 orbit-svc 재시작해줘",
    "내일 ticket-api 배포해라",
    "deploy ticket-api next week",
    "restart orbit-svc on friday",
    "deploy ticket-api tomorrow, not now",
]


@pytest.mark.parametrize("text", _SCHEDULED)
def test_a_time_of_the_change_itself_is_still_a_schedule(text: str) -> None:
    answer = interpret(text).interpretation
    assert answer.intent is Intent.UNKNOWN and answer.refused is not None, (text, answer)


_PLAIN = [
    # The same requests with no time, or a version placed by steps or named by its commit, read as before.
    ("ticket-api 배포해줘", Intent.DEPLOY, {"app_name": "ticket-api"}),
    ("ledger-sync 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-sync"}),
    ("ledger-sync 이전 버전으로 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-sync"}),
    ("ledger-sync 어제 배포한 거 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-sync"}),
    (
        "roll back ledger-sync to a1b2c3d",
        Intent.ROLLBACK,
        {"app_name": "ledger-sync", "target_commit_sha": "a1b2c3d"},
    ),
    ("how is orbit-svc", Intent.STATUS, {"app_name": "orbit-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _PLAIN)
def test_plain_requests_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args, [])
