"""Round 27 (b): the target carried across clauses (issue 24).

A statement or a topic names the app, in a plain word too ("ledger"), and the request beside it points
back to it by a pronoun or an object left unsaid; a topic's operation is carried out by "진행해 주세요",
"go ahead"; a request asked once leave is given ("…해도 되나요? 되면 …") is that request. Where nothing is
asked, or the target is not told of as an app, no change is proposed.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly, reads_within

CARRIED = [
    ("because ledger is timing out, bounce it", Intent.RESTART, {"app_name": "ledger"}),
    ("inventory is down again, restart it pls", Intent.RESTART, {"app_name": "inventory"}),
    ("inventory crashed after the deploy, roll it back", Intent.ROLLBACK, {"app_name": "inventory"}),
    ("we restarted ledger an hour ago, restart it again", Intent.RESTART, {"app_name": "ledger"}),
    (
        "I pushed ledger to staging, now deploy it to production",
        Intent.DEPLOY,
        {"app_name": "ledger", "environment": "production"},
    ),
    (
        "since we scaled inventory to 6 costs are up, scale it back to 3",
        Intent.SCALE,
        {"app_name": "inventory", "replicas": 3},
    ),
    ("inventory is at 2, bump to 4", Intent.SCALE, {"app_name": "inventory", "replicas": 4}),
    ("orders 배포 후 먹통이야 롤백 ㄱㄱ", Intent.ROLLBACK, {"app_name": "orders"}),
    ("ledger 배포하고 나서 응답이 느려졌으니까 롤백해 주세요", Intent.ROLLBACK, {"app_name": "ledger"}),
    ("inventory 재시작하고 나서 또 느려졌어 4개로 늘려줘", Intent.SCALE, {"app_name": "inventory", "replicas": 4}),
    ("ledger 재시작했는데 또 멈췄어, 다시 재시작해 주세요", Intent.RESTART, {"app_name": "ledger"}),
]

TOPICS = [
    ("concerning ledger, please redeploy it", Intent.DEPLOY, {"app_name": "ledger"}),
    ("about inventory: please roll it back", Intent.ROLLBACK, {"app_name": "inventory"}),
    ("regarding the ledger service — scale to 5", Intent.SCALE, {"app_name": "ledger", "replicas": 5}),
    ("I'm writing about inventory, please bounce it", Intent.RESTART, {"app_name": "inventory"}),
    ("re: ledger rollback — proceed", Intent.ROLLBACK, {"app_name": "ledger"}),
    ("about the inventory restart: go ahead please", Intent.RESTART, {"app_name": "inventory"}),
    ("ledger 재시작 관련해서 처리 부탁드립니다", Intent.RESTART, {"app_name": "ledger"}),
    ("inventory 롤백 건으로 진행해 주세요", Intent.ROLLBACK, {"app_name": "inventory"}),
    ("about ledger: show me its logs", Intent.LOGS, {"app_name": "ledger"}),
]

LEAVE = [
    ("ledger 롤백해도 될까요? 그렇다면 진행해 주세요", Intent.ROLLBACK, {"app_name": "ledger"}),
    ("inventory 재시작해도 될까요? 괜찮으면 재시작해 주세요", Intent.RESTART, {"app_name": "inventory"}),
    (
        "Could you roll back ledger-api to the previous build at your convenience?",
        Intent.ROLLBACK,
        {"app_name": "ledger-api"},
    ),
    ("please restart ledger when you get a chance", Intent.RESTART, {"app_name": "ledger"}),
    ("plus redeploy inventory", Intent.DEPLOY, {"app_name": "inventory"}),
]

NO_CHANGE = [
    "ledger 재시작 관련해서 메일 주세요",  # a topic, nothing asked
    "regarding ledger, go ahead",  # what to carry out is not said
    "ledger 롤백해도 될까요? 되면 알려 주세요",  # leave asked, no change asked after it
]


@pytest.mark.parametrize(("text", "intent", "args"), CARRIED)
def test_a_statement_lends_its_app_to_the_request(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_within(text, intent, args)


@pytest.mark.parametrize(("text", "intent", "args"), TOPICS)
def test_a_topic_lends_its_app_or_its_operation(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(("text", "intent", "args"), LEAVE)
def test_courtesy_around_the_request(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_within(text, intent, args)


def test_a_request_asked_once_leave_is_given_keeps_its_target_missing() -> None:
    reads_exactly(
        "지금 배포해도 될까요? 괜찮으면 스테이징에 배포해 주세요", Intent.DEPLOY, {"environment": "staging"}, ["target"]
    )


def test_two_operations_carried_out_together_are_ambiguous() -> None:
    reads_exactly("ledger-api 배포랑 재시작 둘 다 요청해도 될까요? 되면 둘 다 해 주세요", Intent.AMBIGUOUS, {})


@pytest.mark.parametrize("text", NO_CHANGE)
def test_nothing_asked_proposes_no_change(text: str) -> None:
    assert interpret(text).interpretation.intent in (Intent.UNKNOWN, Intent.STATUS), text


def test_a_plain_word_not_told_of_as_the_app_is_not_lent() -> None:
    reads_exactly("users are complaining, restart it", Intent.RESTART, {}, ["target"])
    reads_exactly(
        "deploy는 skip하고 seller 네임스페이스 디플로이먼트만 보여줘", Intent.LIST_DEPLOYMENTS, {"namespace": "seller"}
    )
