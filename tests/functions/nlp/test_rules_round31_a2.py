"""Round 31 (a2): text that tells of a change or muses about one asks for none. English tells a change by
its participle, by its noun in a state, by the noun of the request for it, or behind a notice label; a
Korean change embedded by -ㄹ 수도 있다, a reported 달라, 여부 or a conceded wish that is refused, or supposed
by -면 before a question, is talked about. The same changes asked for still read."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_TOLD = [
    # English: the participle opens the clause, after a name's label maybe.
    "ledger-svc: restarted",
    "ledger-svc - rolled back to the previous build",
    "Redeploying ledger-svc now, back in ten",
    "scaling ledger-svc to 4, will ping when done",
    # The noun of the change after a name, in a state.
    "ledger-svc rollback underway",
    "ledger-svc restart pending review",
    "ledger-svc redeploy on hold",
    # The noun of the request for it, which came or went.
    "rollback request for ledger-svc was rejected",
    "the deploy request for ledger-svc got approved this morning",
    # A notice label before the change.
    "heads-up: redeploying ledger-svc at 17:30",
    "FYI ledger-svc restart tonight",
    "PSA: scaling ledger-svc down to 1 after lunch",
    # A log line whose time stamp is bracketed.
    "[2026-12-03T08:15:00Z] POST /api/v1/scale ledger-svc 202",
    # Korean: said possible.
    "ledger-svc 재시작할 수도 있어",
    "ledger-svc 롤백될 수도 있어요",
    "다음 주에 ledger-svc 늘려야 할 수도 있음",
    # Someone's request reported, and the sentence's own verb asks nothing of ours.
    "ledger-svc 배포해 달라는 건 나중에 보자",
    "ledger-svc 롤백해 달라던데 어떡하지?",
    # Left to a decision.
    "ledger-svc 재배포 여부는 회의 후 결정",
    # Wished, conceded and refused.
    "ledger-svc 3개로 늘려주면 좋겠지만 지금은 안 돼",
    # A question about what a supposed change would do.
    "ledger-svc 재시작하면 캐시도 날아가?",
    "ledger-svc 스케일 아웃하면 응답이 빨라져?",
]


@pytest.mark.parametrize("text", _TOLD)
def test_a_change_told_or_mused_about_asks_for_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


_ASKED = [
    # The same changes asked for: a bare verb, the name and the noun alone, "please", a question after.
    ("restart ledger-svc", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("ledger-svc restart", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("scale ledger-svc to 4", Intent.SCALE, {"app_name": "ledger-svc", "replicas": 4}),
    ("rolling restart ledger-svc", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("um restart ledger-svc", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("FYI: restart ledger-svc please", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("FYI we restarted ledger-svc. can you show its logs?", Intent.LOGS, {"app_name": "ledger-svc"}),
    ("Restarting didn't help. Please roll back ledger-svc", Intent.ROLLBACK, {"app_name": "ledger-svc"}),
    ("ledger-svc 재시작해 주실 수 있어요?", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("ledger-svc 배포해 달라는 거예요", Intent.DEPLOY, {"app_name": "ledger-svc"}),
    ("ledger-svc 배포해달라니까", Intent.DEPLOY, {"app_name": "ledger-svc"}),
    ("ledger-svc 3개로 늘려주면 좋겠어", Intent.SCALE, {"app_name": "ledger-svc", "replicas": 3}),
    ("번거로우시겠지만 ledger-svc 재시작해 주세요", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("ledger-svc 재시작하면 안 될까요?", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("ledger-svc 재시작하면 로그 보여줘", Intent.LOGS, {"app_name": "ledger-svc"}),
    ("ledger-svc 배포 여부 확인해줘", Intent.STATUS, {"app_name": "ledger-svc"}),
    ("ledger-svc 롤백하면 어느 버전으로 돌아가?", Intent.LIST_ROLLBACK, {"app_name": "ledger-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _ASKED)
def test_the_same_changes_asked_for_still_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_musing_after_a_request_leaves_the_request() -> None:
    # "…일 수도 있어서" gives a reason beside the requests of the sentence before it.
    text = "ledger-svc 롤백하고 audit-worker 재시작해줘. 둘 다 원인일 수도 있어서"
    assert interpret(text).interpretation.intent is Intent.AMBIGUOUS
