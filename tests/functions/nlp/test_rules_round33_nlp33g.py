"""Round 33 (nlp33g): wrong mutations of deferral, negated states, questions back and alternatives.

A clock reading after "at" or before 에 / 쯤 puts the change at that hour, and "later" closing the change's clause
puts it off: both are refused as a schedule, as "at 3pm" and "3시에" are. A time that dates what happened, a log
window or a pasted timestamp stays as it is. A count negated as the state wanted ("shouldn't be at 4", "4개면 안
돼") is no count to set. A request quoted back as a question ("재시작하라는 거 아니야?", "you mean restart X?") asks
about a request and is none. Two acts joined by 아니면 are alternatives, the choice the user's.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.deferral import SCHEDULE_REASON

from .readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    "text",
    [
        "restart ledger-sync at 16:45",
        "roll back tally-hub at 22:10 please",
        "deploy kiosk-feed at 7:30",
        "ledger-sync 16:45에 재시작해줘",
        "tally-hub 22:10쯤 롤백 부탁해요",
        "kiosk-feed 8시 반에 배포해줘",
        "restart ledger-sync later",
        "could we roll back tally-hub later?",
        "deploy kiosk-feed later, please",
    ],
)
def test_a_clock_reading_or_later_schedules_the_change(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN, (text, result.intent, result.args)
    assert result.refused == SCHEDULE_REASON, text


_TIME_OF_SOMETHING_ELSE = [
    # A log window, a pasted timestamp: no time of the change.
    ("ledger-sync 16:45부터 로그 보여줘", Intent.LOGS, {"app_name": "ledger-sync"}),
    ("[16:45] restart ledger-sync", Intent.RESTART, {"app_name": "ledger-sync"}),
    ("[09:12] tally-hub 재시작해줘", Intent.RESTART, {"app_name": "tally-hub"}),
    # A time that dates what happened, told in the past or by a past adnominal.
    ("restart the ledger-sync pod that died at 16:45", Intent.RESTART, {"app_name": "ledger-sync"}),
    ("16:45에 죽은 ledger-sync 재시작해줘", Intent.RESTART, {"app_name": "ledger-sync"}),
    ("tally-hub 4시에 터졌어 재시작해줘", Intent.RESTART, {"app_name": "tally-hub"}),
    # "later" that is not about the change.
    ("restart ledger-sync, I'll look at the logs later", Intent.RESTART, {"app_name": "ledger-sync"}),
    ("show tally-hub logs from later on", Intent.LOGS, {"app_name": "tally-hub"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _TIME_OF_SOMETHING_ELSE)
def test_a_time_not_the_changes_stays(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    ["kiosk-feed should not be at 5 replicas", "kiosk-feed must not run 3 replicas", "kiosk-feed 파드 3개면 안 돼요"],
)
def test_a_negated_count_is_no_count(text: str) -> None:
    result = interpret(text).interpretation
    assert result.args.get("replicas") is None, (text, result.args)
    assert result.intent in (Intent.SCALE, Intent.UNKNOWN, Intent.STATUS), (text, result.intent)
    if result.intent is Intent.SCALE:
        assert "replicas" in result.missing, (text, result.missing)


def test_the_negated_count_beside_the_goal_leaves_the_goal() -> None:
    reads_exactly(
        "kiosk-feed shouldn't be at 2, scale it to 5", Intent.SCALE, {"app_name": "kiosk-feed", "replicas": 5}
    )
    reads_exactly("kiosk-feed 3개면 안 돼, 6개로 늘려줘", Intent.SCALE, {"app_name": "kiosk-feed", "replicas": 6})


def test_the_wanted_count_stays_a_count() -> None:
    reads_exactly("kiosk-feed should be at 5 replicas", Intent.SCALE, {"app_name": "kiosk-feed", "replicas": 5})


@pytest.mark.parametrize(
    "text",
    [
        "ledger-sync 재시작하라는 거 아니야?",
        "tally-hub 롤백하란 말이야?",
        "kiosk-feed 배포해 달라는 거 맞죠?",
        "you mean restart ledger-sync?",
        "do you mean roll back tally-hub?",
        "are you asking me to redeploy kiosk-feed?",
    ],
)
def test_a_request_asked_back_is_none(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN, (text, result.intent, result.args)


def test_a_request_restated_still_asks() -> None:
    reads_exactly("ledger-sync 재시작하라는 거야", Intent.RESTART, {"app_name": "ledger-sync"})
    reads_exactly("I mean restart ledger-sync", Intent.RESTART, {"app_name": "ledger-sync"})
    reads_within("ledger-sync 재시작하라는 거 아니고 로그 보여줘", Intent.LOGS, {"app_name": "ledger-sync"})


@pytest.mark.parametrize(
    "text",
    ["tally-hub 재시작 아니면 롤백 해줘", "kiosk-feed 배포 아님 재시작 부탁해요", "restart tally-hub or roll it back"],
)
def test_alternatives_are_two_acts(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.AMBIGUOUS, (text, result.intent, result.args)


def test_instead_of_picks_one() -> None:
    reads_exactly("tally-hub 재시작 말고 롤백 해줘", Intent.ROLLBACK, {"app_name": "tally-hub"})


@pytest.mark.parametrize(
    "text", ["ledger-sync 재시작한 거 아니야?", "tally-hub 롤백된 거 맞죠?", "kiosk-feed 배포했던 거 아니에요?"]
)
def test_a_question_whether_a_change_happened_asks_for_none(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN, (text, result.intent, result.args)


def test_a_request_after_asking_whether_it_happened_still_asks() -> None:
    reads_exactly("ledger-sync 재시작한 거 아니야? 다시 재시작해줘", Intent.RESTART, {"app_name": "ledger-sync"})
    reads_within("ledger-sync 재시작한 거 로그 보여줘", Intent.LOGS, {"app_name": "ledger-sync"})
