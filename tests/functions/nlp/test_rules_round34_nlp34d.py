"""Round 34 (nlp34d): reads that talk about changes, and changes said against a read.

A change joined by a joint of sequence (후에, -고 나서) to a read asking how things stand (an embedded
question, -는지 / -ㄴ지) is the time of that read, done; an English clause opening with a change's past form,
its subject unsaid, reports the change, and its count is no slot of the read asked; a wish said not to be
the one ("…보고 싶은 게 아니라") is set aside, and the wish restated ("…하고 싶은 거야") asks for its act; a
request quoted by the speaker with the closing -고 ("…해 달라고") asks for its act.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import MUTATING_INTENTS, Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_TAUGHT = [
    # A read of how things stand since the change: the change was done, one read.
    ("billing-core 롤백 후에 결제 오류 나는지 로그 좀 보여줘", Intent.LOGS, {"app_name": "billing-core"}),
    ("quota-svc 재배포하고 나서 상태 괜찮은지 알려줘", Intent.STATUS, {"app_name": "quota-svc"}),
    ("ledger-api 3개로 늘리고 나서 로그 어떤지 확인해줘", Intent.LOGS, {"app_name": "ledger-api"}),
    # A change reported with its subject left unsaid: its count is no count of lines.
    ("scaled quota-svc to 8 yesterday, show me the logs", Intent.LOGS, {"app_name": "quota-svc"}),
    # A wish said not to be the one, then the one wanted.
    ("billing-core 로그 보고 싶은 게 아니라 롤백하고 싶은 거예요", Intent.ROLLBACK, {"app_name": "billing-core"}),
    ("quota-svc 상태 보고 싶은 건 아니고 재시작하고 싶어", Intent.RESTART, {"app_name": "quota-svc"}),
]

_KEPT = [
    # Read so already, and kept: a reported change with its particle, a request quoted after a request set aside.
    (
        "rolled ledger-api back this morning and it's erroring, show me its logs",
        Intent.LOGS,
        {"app_name": "ledger-api"},
    ),
    ("로그 보여달라는 게 아니라 ledger-api 재시작해 달라고요", Intent.RESTART, {"app_name": "ledger-api"}),
    # A plain -고, or a read with no question in it, may be the second of two acts asked for.
    ("quota-svc 배포하고 로그 어떤지 보여줘", Intent.AMBIGUOUS, {}),
    ("quota-svc 배포하고 나서 로그 보여줘", Intent.AMBIGUOUS, {}),
    ("scale ledger-api to 4 and show me its logs", Intent.AMBIGUOUS, {}),
    # The imperative is still asked for; a first-person past still reports.
    ("restart quota-svc", Intent.RESTART, {"app_name": "quota-svc"}),
    ("I restarted quota-svc 2 hours ago, show me its logs", Intent.LOGS, {"app_name": "quota-svc"}),
    # The wish denied asks for nothing; the wish to read still reads.
    ("billing-core 로그 보고 싶은 거야", Intent.LOGS, {"app_name": "billing-core"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _TAUGHT + _KEPT)
def test_reads(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    ["billing-core 롤백하고 싶은 거 아니야", "팀장님이 ledger-api 재시작해달라고 했어"],
)
def test_nothing_changes(text: str) -> None:
    assert interpret(text).interpretation.intent not in MUTATING_INTENTS, text
