"""Round 26 (a): whether a sentence that names a change asks for it (issue 24).

A negation or a reminder that frames the asking ("can't you …?", "don't forget to …", "안 될까요?")
still asks; the speaker's own opinion against the act or a denial that it was asked ("I don't think we
should …", "nobody told you to …", "why didn't you …?") asks for nothing.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

ASKED = [
    ("be sure to bounce invoice-svc", Intent.RESTART, {"app_name": "invoice-svc"}),
    ("make sure you roll back ledger-api", Intent.ROLLBACK, {"app_name": "ledger-api"}),
    (
        "don't forget to deploy ledger-api to staging",
        Intent.DEPLOY,
        {"app_name": "ledger-api", "environment": "staging"},
    ),
    ("remember to scale ledger-api to 6", Intent.SCALE, {"app_name": "ledger-api", "replicas": 6}),
    ("couldn't you just redeploy invoice-svc?", Intent.DEPLOY, {"app_name": "invoice-svc"}),
    ("won't you restart invoice-svc?", Intent.RESTART, {"app_name": "invoice-svc"}),
    ("why not bounce invoice-svc?", Intent.RESTART, {"app_name": "invoice-svc"}),
    ("why don't you roll back ledger-api?", Intent.ROLLBACK, {"app_name": "ledger-api"}),
    ("Shall we scale ledger-api to 3 replicas?", Intent.SCALE, {"app_name": "ledger-api", "replicas": 3}),
    ("I would appreciate it if you rolled back ledger-api", Intent.ROLLBACK, {"app_name": "ledger-api"}),
    ("it'd be nice if invoice-svc were restarted", Intent.RESTART, {"app_name": "invoice-svc"}),
    ("switch invoice-svc off and back on", Intent.RESTART, {"app_name": "invoice-svc"}),
    ("ledger-api 롤백하면 안 될까요?", Intent.ROLLBACK, {"app_name": "ledger-api"}),
    ("ledger-api 3개로 늘려주면 안 돼?", Intent.SCALE, {"app_name": "ledger-api", "replicas": 3}),
    ("invoice-svc 배포 안 해주실래요?", Intent.DEPLOY, {"app_name": "invoice-svc"}),
    ("invoice-svc 재시작해 주셨으면 좋겠네요", Intent.RESTART, {"app_name": "invoice-svc"}),
    ("invoice-svc 껐다가 다시 켜줘", Intent.RESTART, {"app_name": "invoice-svc"}),
]

NOT_ASKED = [
    "I don't believe we should roll back ledger-api",
    "nobody told you to scale ledger-api",
    "we wouldn't deploy ledger-api on a friday",
    "you shouldn't restart invoice-svc",
    "why hasn't anyone restarted invoice-svc?",
    "why did they roll back ledger-api?",
    "I'm not sure we should restart invoice-svc",
    "I didn't ask you to deploy ledger-api",
    "shall I restart invoice-svc?",
    "invoice-svc 재시작 안 해줘도 돼",
    "ledger-api 롤백 안 해주셔도 됩니다",
]


@pytest.mark.parametrize(("text", "intent", "args"), ASKED)
def test_a_request_framed_by_a_negation_or_a_reminder_asks(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_an_opinion_against_a_change_or_a_denial_asks_for_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


def test_a_prohibition_stated_with_myeon_an_dwae_proposes_no_change() -> None:
    # "…하면 안 돼요." (it must not be done) is no question that asks.
    assert interpret("ledger-api 롤백하면 안 돼요.").interpretation.intent not in (Intent.ROLLBACK, Intent.AMBIGUOUS)
