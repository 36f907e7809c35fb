"""Round 30 (e): text about a command is not the command (examples, feature questions, check marks,
jokes, complaints, thanks, notices, headings, tags, pasted logs and traces, reports of what someone did),
and a request after pasted text, or pointing at it, is read; in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from tests.functions.nlp.readings import reads_exactly


@pytest.mark.parametrize(
    "command",
    [
        # Examples and questions about a feature or about what a change would do.
        "예: ledger 앱 4개로 줄여줘",
        "예를 들면 orders 재배포해줘 같은 거요",
        "for example, roll back ledger",
        "orders 재시작해주는 버튼 있어요?",
        "ledger 롤백하는 스크립트 어디서 찾아?",
        "orders 5개로 늘리면 어떻게 되나요?",
        "the runbook says to redeploy orders after a schema change",
        # Check marks, jokes, complaints, thanks for a change done.
        "orders 롤백 ✔",
        "✅ ledger 4개로 늘림",
        "scale ledger to 2 (jk)",
        "ledger 상태 체크 jk",
        "orders 배포 얘기 그만 좀 해",
        "ledger 앱 재배포해 줘서 고마워요",
        # Notices, headings, tags, reports.
        "잠시 후 orders 재배포합니다. 참고 바랍니다",
        "## Rollback runbook for ledger",
        "# orders 재시작 절차\n1. 파드 확인\n2. 재시작",
        "[WIP] orders 3개로 늘리기",
        "Minji restarted orders an hour ago",
        # Machine output pasted alone.
        "DELETE /v1/apps/orders/restart 500",
        "2025-03-02 WARN [deployer] rollback of ledger skipped",
        "kubectl rollout restart deploy/ledger 돌렸는데 안 먹혀요",
        "$ kubectl scale deploy/orders --replicas=3\nError from server (Forbidden): forbidden",
        'Traceback (most recent call last):\n  File "/srv/x.py", line 3, in run\n    go()\nIndexError: out of range',
    ],
)
def test_text_about_a_command_asks_for_nothing(command: str) -> None:
    reads_exactly(command, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        # A request after a pasted trace is read, and the trace lends no name.
        (
            'Traceback (most recent call last):\n  File "/srv/ledger/app.py", line 9, in run\n'
            "TypeError: bad operand\nledger 재시작해 주세요",
            Intent.RESTART,
            {"app_name": "ledger"},
        ),
        (
            'Exception in thread "worker" java.lang.IllegalStateException\n\tat com.acme.Orders.run(Orders.java:5)\n'
            "orders 로그 보여줘",
            Intent.LOGS,
            {"app_name": "orders"},
        ),
        # A heading, then a line that asks.
        ("## 점검\nledger 상태 보여줘", Intent.STATUS, {"app_name": "ledger"}),
        # "Do it" pointing at the one command pasted or quoted.
        (
            "kubectl scale deploy ledger --replicas=2 했는데 권한이 없대요. 대신 해줘",
            Intent.SCALE,
            {"app_name": "ledger", "replicas": 2},
        ),
        ("> orders 재배포해줘\n그대로 부탁드려요", Intent.DEPLOY, {"app_name": "orders"}),
        # A joke takes back only its own clause; "its" after it is that clause's app.
        ("scale ledger to 6 jk, show its status", Intent.STATUS, {"app_name": "ledger"}),
        ("redeploy orders (jk). list pods", Intent.LIST_PODS, {}),
        # A nod closing with a check mark still gives leave.
        ("ok can restart orders now ✅", Intent.RESTART, {"app_name": "orders"}),
    ],
)
def test_a_request_beside_text_about_one_is_read(command: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(command, intent, args)
