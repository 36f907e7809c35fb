"""Round 34, the lead's: a change taken back by its last words, and a "not" that judges the request rather than set
a thing aside beside it (an attack on nlp34b's "not" segments, written after the merge)."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    "text",
    [
        # The last words set aside the very change just asked, named again or pointed back at: nothing runs.
        "ledger-api 재시작해줘, 아 재시작 말고",
        "ledger-api 4개로 늘려줘, 아니 늘리는 거 말고",
        "ledger-api 롤백해, 아 잠깐 롤백 말고",
        "ledger-api 배포해, 아냐 그거 말고",
        # A judgment of the request in a clause of its own is no thing set aside: the request is doubted, not asked.
        "deploy ledger-api to production - not a good idea right now though",
        # A time set aside after the request puts it off: nothing is asked to run now.
        "roll back ledger-api, not yet",
        "restart ledger-api — not right now",
        "scale ledger-api to 6, not until the batch finishes",
        "ledger-api 재배포 부탁해요, 아 아직 말고요",
        "ledger-api 재시작해줘, 지금 말고 퇴근 후에",
    ],
)
def test_a_change_taken_back_or_doubted_proposes_nothing(text: str) -> None:
    from klepaas_nlp.intents import MUTATING_INTENTS
    from klepaas_nlp.rules import interpret

    got = interpret(text).interpretation
    assert got.intent not in MUTATING_INTENTS or got.missing, (text, got.intent, got.args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # Neighbours that keep their reading: another app, a count, or an act set aside, and a short "not".
        ("ledger-api 재시작해줘, audit-api 말고", Intent.RESTART, {"app_name": "ledger-api"}),
        ("ledger-api 롤백 말고 재시작해줘", Intent.RESTART, {"app_name": "ledger-api"}),
        # How far set aside, not the change: "두 단계 롤백 말고" keeps the rollback to the commit.
        (
            "ledger-api 커밋 4c3b2a1 로 되돌려, 두 단계 롤백 말고",
            Intent.ROLLBACK,
            {"app_name": "ledger-api", "target_commit_sha": "4c3b2a1"},
        ),
        ("ledger-api 배포해줘. 아니 배포 말고 로그", Intent.LOGS, {"app_name": "ledger-api"}),
        ("restart ledger, not audit", Intent.RESTART, {"app_name": "ledger"}),
        ("show ledger-api logs, not now", Intent.LOGS, {"app_name": "ledger-api"}),
        ("restart ledger-api, not delete it", Intent.RESTART, {"app_name": "ledger-api"}),
        (
            "services in kube-public please, not the default namespace",
            Intent.LIST_SERVICES,
            {"namespace": "kube-public"},
        ),
    ],
)
def test_what_is_set_aside_beside_a_request_leaves_it_standing(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)
