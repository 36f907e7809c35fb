"""Round 33 (nlp33e): an English request with a complaint, a reason or a wanted state beside it is one act.

A clause that only tells how the app is or what happened ("X is crawling again", "its throwing 502s", "someone
hot-patched X up to 9"), an interjection, a form of address or thanks is the request's background: none of its
words is a second target. A wanted state ("should be N", "ought to have N", "is meant to sit at N", "nice to have
X sitting on N") asks for a scale to N, with or without a do-it clause after it; the count told of the past is
what happened. An English why-question beside a request is why the request is made, as 왜 is in Korean. A text
written loud reads as its lower-case self."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly, reads_within

_BACKGROUND_BESIDE_A_REQUEST = [
    # An interjection opening the complaint.
    ("oof tile-cache is choking, scale it to 5", Intent.SCALE, {"app_name": "tile-cache", "replicas": 5}),
    ("ugh inbox-relay is lagging again, bounce it", Intent.RESTART, {"app_name": "inbox-relay"}),
    # A form of address after the courtesy word, and thanks closing the request.
    ("please madam, restart quote-svc, thank you", Intent.RESTART, {"app_name": "quote-svc"}),
    ("pls boss, roll back price-feed", Intent.ROLLBACK, {"app_name": "price-feed"}),
    # "it's" typed without its apostrophe before a participle; the participle is no name.
    ("restart quote-svc now its leaking memory", Intent.RESTART, {"app_name": "quote-svc"}),
    ("roll back geo-index its dropping requests", Intent.ROLLBACK, {"app_name": "geo-index"}),
    # The past of a compound verb after a person: what happened, its count not the one asked.
    (
        "someone hot-patched ledger-api up to 9 replicas, it should be 3 again",
        Intent.SCALE,
        {"app_name": "ledger-api", "replicas": 3},
    ),
    # An English why-question is the complaint, as 왜 is: the request beside it is the one act.
    ("why is order-hub so slow? just restart it", Intent.RESTART, {"app_name": "order-hub"}),
    ("ugh why is order-hub so slow, just restart it", Intent.RESTART, {"app_name": "order-hub"}),
    ("order-hub 왜 이렇게 느려? 일단 재시작해", Intent.RESTART, {"app_name": "order-hub"}),
    # A typo of the rollback's counted noun.
    ("rollback order-hub 3 verisons", Intent.ROLLBACK, {"app_name": "order-hub", "steps_back": 3}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _BACKGROUND_BESIDE_A_REQUEST)
def test_a_complaint_or_reason_beside_a_request_is_its_background(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


_WANTED_STATES = [
    ("price-feed ought to have 4 copies, make it happen", {"app_name": "price-feed", "replicas": 4}),
    ("ledger-api is supposed to sit at 2 replicas, put it back", {"app_name": "ledger-api", "replicas": 2}),
    ("it would be lovely to have geo-index sitting on 6 replicas", {"app_name": "geo-index", "replicas": 6}),
    ("I want ledger-api to sit at 4 replicas", {"app_name": "ledger-api", "replicas": 4}),
    ("ledger-api ought to stay at 4, thanks", {"app_name": "ledger-api", "replicas": 4}),
    ("we scaled price-feed to 8 yesterday, it should be 3 again", {"app_name": "price-feed", "replicas": 3}),
]


@pytest.mark.parametrize(("text", "args"), _WANTED_STATES)
def test_a_wanted_state_asks_for_a_scale_to_its_count(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.SCALE, args)


_LOUD = [
    ("DEPLOY QUOTE-SVC TO STAGING WE NEED IT FOR THE DEMO", Intent.DEPLOY, {"app_name": "quote-svc"}),
    ("SCALE TILE-CACHE TO 7 WE ARE GETTING SLAMMED", Intent.SCALE, {"app_name": "tile-cache", "replicas": 7}),
    ("RESTART LEDGER-API ITS STUCK", Intent.RESTART, {"app_name": "ledger-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _LOUD)
def test_a_text_written_loud_reads_as_its_lower_case_self(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_within(text, intent, args)


def test_near_misses_keep_their_reading() -> None:
    # A question about a change done asks for none.
    reads_exactly("who scaled order-hub to 9?", Intent.UNKNOWN, {})
    # Two real requests stay two acts.
    reads_exactly("restart order-hub and roll back price-feed", Intent.AMBIGUOUS, {})
    reads_exactly("price-feed should be 3, and ledger-api should be 5", Intent.AMBIGUOUS, {})
    # A count stated as the present, with no wish over it, is no count asked.
    reads_within("order-hub is sitting at 2 replicas", Intent.SCALE, {"app_name": "order-hub"}, missing=["replicas"])
    reads_exactly("scale tile-cache to 5, it's sitting at 2", Intent.SCALE, {"app_name": "tile-cache", "replicas": 5})
    # A why-question alone still asks how the app is; "why don't you …" proposes the act.
    reads_exactly("why is ledger-api so slow?", Intent.STATUS, {"app_name": "ledger-api"})
    reads_exactly("why don't you restart quote-svc?", Intent.RESTART, {"app_name": "quote-svc"})
    # A bare count wanted of a read's thing counts that thing, never copies.
    reads_within("the logs should be 200", Intent.LOGS, {})
    # A name stays a name: an interjection or a participle inside a name written as one.
    reads_exactly("restart wow-feed", Intent.RESTART, {"app_name": "wow-feed"})
    reads_exactly("restart sitting-duck", Intent.RESTART, {"app_name": "sitting-duck"})
    # Two capitals naming a process stay no app in a loud text.
    reads_within("RESTART QA", Intent.RESTART, {}, missing=["target"])
