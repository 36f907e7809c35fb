"""Round 31 (K1): a correction closing the command replaces the part of the request of the same kind (a
name, a count, an environment, a namespace) or keeps only one of its names or acts; what it takes out
("X 말고", "X 네임스페이스가 아니라") is never the target."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_CORRECTED = [
    # A name put in place of the request's, with the one it replaces said again or not.
    ("order-sync 롤백해줘. 아 잠깐, order-sync 말고 cart-api", Intent.ROLLBACK, {"app_name": "cart-api"}),
    ("geo-index 재시작ㄱㄱ 아 아니 tile-cache임", Intent.RESTART, {"app_name": "tile-cache"}),
    ("restart quote-svc no wait price-feed", Intent.RESTART, {"app_name": "price-feed"}),
    # A count, written with its counter after it, before it or as a multiple.
    ("inbox-api 파드 로그 30줄 보여줘, 아니 90줄", Intent.LOGS, {"pod_name": "inbox-api", "lines": 90}),
    ("geo-index replicas 9로 scale 해줘, 아 wait 3으로", Intent.SCALE, {"app_name": "geo-index", "replicas": 3}),
    ("tile-cache x8 아니 x2로 스케일", Intent.SCALE, {"app_name": "tile-cache", "replicas": 2}),
    # An environment, a namespace.
    (
        "order-sync 스테이징에 배포해 아 잠깐 스테이징 말고 운영",
        Intent.DEPLOY,
        {"app_name": "order-sync", "environment": "production"},
    ),
    (
        "Restart quote-svc in the billing namespace. Sorry, I mean the ledger namespace.",
        Intent.RESTART,
        {"app_name": "quote-svc", "namespace": "ledger"},
    ),
    (
        "payments 네임스페이스가 아니라 search 네임스페이스의 파드 목록 보여줘",
        Intent.LIST_PODS,
        {"namespace": "search"},
    ),
    # Only one of two names, or one of two acts, is kept.
    (
        "cart-api랑 price-feed 재시작해 주세요. 아, 정정할게요, price-feed만요",
        Intent.RESTART,
        {"app_name": "price-feed"},
    ),
    (
        "geo-index 롤백하고 tile-cache도... 아니 tile-cache는 빼고 geo-index만",
        Intent.ROLLBACK,
        {"app_name": "geo-index"},
    ),
    (
        "Restart quote-svc and deploy price-feed to production. Actually, skip the deploy, just the restart.",
        Intent.RESTART,
        {"app_name": "quote-svc"},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _CORRECTED)
def test_a_closing_correction_replaces_the_part_of_its_kind(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9  # rewritten: likely, never sure


def test_what_a_correction_sets_aside_is_no_target() -> None:
    reads_exactly("order-sync 말고... 음 뭐더라, 아무튼 그거 재시작해줘", Intent.RESTART, {}, ["target"])


_PLAIN = [
    # The same requests with no correction read as before.
    ("order-sync 롤백해줘", Intent.ROLLBACK, {"app_name": "order-sync"}),
    ("inbox-api 파드 로그 30줄 보여줘", Intent.LOGS, {"pod_name": "inbox-api", "lines": 30}),
    ("tile-cache x2로 스케일", Intent.SCALE, {"app_name": "tile-cache", "replicas": 2}),
    ("Restart quote-svc in the billing namespace.", Intent.RESTART, {"app_name": "quote-svc", "namespace": "billing"}),
    ("search 네임스페이스의 파드 목록 보여줘", Intent.LIST_PODS, {"namespace": "search"}),
    ("order-sync 스테이징에 배포해", Intent.DEPLOY, {"app_name": "order-sync", "environment": "staging"}),
    # "no" saying what is not to be done takes nothing back; a commit corrected stays the commit.
    ("restart price-feed, no deletions", Intent.RESTART, {"app_name": "price-feed"}),
    (
        "roll back quote-svc to 1a2b3c4, no wait 5d6e7f8",
        Intent.ROLLBACK,
        {"app_name": "quote-svc", "target_commit_sha": "5d6e7f8"},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _PLAIN)
def test_the_same_requests_uncorrected_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
