"""Round 32 (F4): what the words around a request tell is not what it asks. A count turned down ("3개로는 안 돼",
"3 replicas won't do") or told as the state ("X is running 3 replicas") leaves the count asked after it; "make it
5" after a statement is a request of its own, never a correction of the statement; an operation's noun that
modifies the object of a verb none of ours ("배포 락 풀어줘") asks for no operation; a change told as the reason
(-으니, "we rotated the secret") is the situation, not the request; and "한 번 더 해줘" / "do it again" after a change
told as done asks for that change again."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import MUTATING_INTENTS, Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly, reads_within

_TURNED_DOWN = [
    # The count turned down by a negated verb, Korean (with or without 는, its counter or its numeral in words).
    ("ledger-svc 2개로는 안 돼 6개로", Intent.SCALE, {"app_name": "ledger-svc", "replicas": 6}),
    ("map-tiles 4대로는 안 돼요, 8대로 늘려 주세요", Intent.SCALE, {"app_name": "map-tiles", "replicas": 8}),
    ("quote-svc 세 개로는 안 돼 다섯 개로", Intent.SCALE, {"app_name": "quote-svc", "replicas": 5}),
    ("inbox-api 3개론 못 버텨 7개로", Intent.SCALE, {"app_name": "inbox-api", "replicas": 7}),
    ("ledger-svc 2개로 안 돼 4개로", Intent.SCALE, {"app_name": "ledger-svc", "replicas": 4}),
    # In English: the count the subject of a negated verb, or too few.
    ("3 replicas won't do for tile-cache, make it 5", Intent.SCALE, {"app_name": "tile-cache", "replicas": 5}),
    ("two pods aren't enough for geo-index, scale it to 6", Intent.SCALE, {"app_name": "geo-index", "replicas": 6}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _TURNED_DOWN)
def test_a_count_turned_down_leaves_the_count_asked_after_it(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9


_TOLD_STATE = [
    ("ledger-svc is running 3 replicas, make it 5", Intent.SCALE, {"app_name": "ledger-svc", "replicas": 5}),
    ("quote-svc has 2 pods right now, make it four", Intent.SCALE, {"app_name": "quote-svc", "replicas": 4}),
    ("tile-cache is at 6 replicas. Make it 2 please.", Intent.SCALE, {"app_name": "tile-cache", "replicas": 2}),
    (
        "price-feed got scaled to 9 last night. Bring it back down to 4.",
        Intent.SCALE,
        {"app_name": "price-feed", "replicas": 4},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _TOLD_STATE)
def test_the_told_count_is_the_state_and_the_asked_one_wins(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9


_MODIFIED_OBJECT = [
    "배포 잠금 해제해 주세요",
    "order-sync 배포 락 풀어줘",
    "tile-cache 롤백 버튼 눌러줘",
    "release the deploy lock on quote-svc",
    "lift the deploy freeze",
]


@pytest.mark.parametrize("text", _MODIFIED_OBJECT)
def test_an_operation_noun_modifying_the_object_asks_for_no_operation(text: str) -> None:
    it = interpret(text).interpretation
    assert it.intent is Intent.UNKNOWN, (text, it.intent, it.args)
    assert it.refused is None


_REASON_TOLD = [
    ("토큰 갱신했으니 orders-api 재시작해 주세요", Intent.RESTART, {"app_name": "orders-api"}),
    ("비밀번호 바꿨으니 auth-svc 롤백해줘", Intent.ROLLBACK, {"app_name": "auth-svc"}),
    ("we rotated the secret, restart price-feed", Intent.RESTART, {"app_name": "price-feed"}),
    ("I just updated the token, please restart quote-svc", Intent.RESTART, {"app_name": "quote-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _REASON_TOLD)
def test_a_secret_only_the_reason_leaves_the_request(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "시크릿 바꿨으니 시크릿 값 보여줘",
        "토큰 갱신했으니 새 토큰 알려줘",
        "we rotated the secret, show me the new secret",
    ],
)
def test_a_secret_asked_for_after_its_reason_is_still_refused(text: str) -> None:
    assert interpret(text).interpretation.refused is not None


_DONE_AGAIN = [
    ("tile-cache 아까 롤백했는데 다시 해 주세요", Intent.ROLLBACK, {"app_name": "tile-cache"}),
    ("geo-index 어제 배포했는데 한 번 더 해줘", Intent.DEPLOY, {"app_name": "geo-index"}),
    ("price-feed 재시작했어요. 다시 한번 해 주세요", Intent.RESTART, {"app_name": "price-feed"}),
    ("order-sync 재시작해 줬잖아, 또 해줄래?", Intent.RESTART, {"app_name": "order-sync"}),
    ("I restarted quote-svc an hour ago, do it again", Intent.RESTART, {"app_name": "quote-svc"}),
    ("order-sync was restarted this morning, do it again please", Intent.RESTART, {"app_name": "order-sync"}),
    ("inbox-api got rolled back an hour ago, do it again", Intent.ROLLBACK, {"app_name": "inbox-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _DONE_AGAIN)
def test_doing_again_what_was_told_done_asks_for_that_change(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_within(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9  # its act lent by another clause: likely, never sure


def test_a_count_changed_again_is_not_guessed() -> None:
    # "한 번 더" after a count changed may mean the same count or as many again: no count is proposed.
    it = interpret("tile-cache 3개로 늘렸는데 한 번 더 해줘").interpretation
    assert it.intent not in MUTATING_INTENTS or it.missing


_PLAIN = [
    # The same requests with nothing turned down, told, modified or done before read as before.
    ("ledger-svc 6개로", Intent.SCALE, {"app_name": "ledger-svc", "replicas": 6}),
    ("map-tiles 4대로 늘려 주세요", Intent.SCALE, {"app_name": "map-tiles", "replicas": 4}),
    ("make quote-svc 4", Intent.SCALE, {"app_name": "quote-svc", "replicas": 4}),
    ("scale quote-svc to 4, actually make it 6", Intent.SCALE, {"app_name": "quote-svc", "replicas": 6}),
    ("order-sync 배포 좀 쏴줘", Intent.DEPLOY, {"app_name": "order-sync"}),
    ("order-sync 배포 스테이징에 쏴줘", Intent.DEPLOY, {"app_name": "order-sync", "environment": "staging"}),
    ("tile-cache 리스타트 쳐줘", Intent.RESTART, {"app_name": "tile-cache"}),
    ("tile-cache 재시작 한 번 더 해줘", Intent.RESTART, {"app_name": "tile-cache"}),
    ("orders-api 재시작해 주세요", Intent.RESTART, {"app_name": "orders-api"}),
    ("restart price-feed", Intent.RESTART, {"app_name": "price-feed"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _PLAIN)
def test_the_plain_requests_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "make it 5pm",  # no bare number: nothing is made a count
        "I restarted quote-svc an hour ago",  # told, nothing asked
        "order-sync 배포 락 걸어줘",  # a lock put on deploys, as before
    ],
)
def test_nothing_is_asked_without_the_request(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.UNKNOWN


def test_a_booked_change_is_still_refused_as_a_schedule() -> None:
    it = interpret("order-sync 재시작 예약 걸어줘").interpretation
    assert it.intent is Intent.UNKNOWN and it.refused is not None
