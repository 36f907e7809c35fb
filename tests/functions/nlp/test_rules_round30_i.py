"""Round 30 (i): text about a command over-reached onto the request after it.

A named person's report, a complaint, a question about a feature and what someone said to do each ask
nothing only when nothing else is asked; a to-do tag before an explicit request, a read from the user's
own laptop, and "for me when …" keep their requests (or their condition) as they are.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        # A named report, then a request after a comma: the request is read.
        ("Billing rolled back cleanly, now restart ledger", Intent.RESTART, {"app_name": "ledger"}),
        (
            "Payments deployed yesterday, scale payments to 6 please",
            Intent.SCALE,
            {"app_name": "payments", "replicas": 6},
        ),
        ("Search restarted again, show the logs of search", Intent.LOGS, {"app_name": "search"}),
        # A complaint, then a request: the request is read.
        ("그만 물어보고 바로 ledger 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger"}),
        ("그만 좀 물어보고 payments 상태 보여줘", Intent.STATUS, {"app_name": "payments"}),
        ("stop nagging me and just redeploy ledger", Intent.DEPLOY, {"app_name": "ledger"}),
        # A question about a feature, then a plain request of the act.
        ("ledger 롤백하는 방법 말고 그냥 롤백해", Intent.ROLLBACK, {"app_name": "ledger"}),
        ("payments 배포하는 파이프라인 한 번 더 돌려", Intent.DEPLOY, {"app_name": "payments"}),
        ("payments 배포하는 스크립트 수정했으니 다시 배포", Intent.DEPLOY, {"app_name": "payments"}),
        # What someone said to do, asked to be done.
        (
            "My lead told me to scale ledger to 3, could you do that?",
            Intent.SCALE,
            {"app_name": "ledger", "replicas": 3},
        ),
        # A to-do or under-way tag before an explicit request.
        ("[작업중] payments 재시작해 주세요", Intent.RESTART, {"app_name": "payments"}),
        ("(pending) redeploy ledger please", Intent.DEPLOY, {"app_name": "ledger"}),
        # A read of an app of ours from the user's own laptop.
        ("제 맥북에서 ledger 상태 확인해줘", Intent.STATUS, {"app_name": "ledger"}),
        ("show me the logs of payments from my laptop", Intent.LOGS, {"app_name": "payments"}),
    ],
)
def test_a_request_after_text_about_one_is_read(command: str, intent: Intent, args: dict[str, object]) -> None:
    reads_within(command, intent, args)


def test_the_same_version_as_before_asks_a_rollback_target() -> None:
    reads_within("ledger 롤백해 줘 지난주랑 같은 거로", Intent.ROLLBACK, {"app_name": "ledger"}, ["target_commit_sha"])


@pytest.mark.parametrize(
    "command",
    [
        # Still about a command: a report alone, a complaint alone, a feature asked, a tag without a request,
        # a change on the user's laptop, a desktop app, a condition served "for me".
        "Ravi scaled ledger to 2 before lunch",
        "payments 롤백하라고 그만 말해",
        "stop asking me to redeploy ledger",
        "ledger 재시작하는 버튼 어디 있는지 찾아봐",
        "[할 일] payments 재시작",
        "[완료] ledger 롤백해 줘",
        "제 노트북에서 ledger 재시작해줘",
        "내 노트북에서 메모리 사용량 보여줘",
        "내 노트북에서 크롬 앱 재시작해줘",
        "scale ledger to 6 for me when the queue backs up",
        "redeploy payments for me if the build goes green",
    ],
)
def test_text_about_a_command_still_asks_for_no_change(command: str) -> None:
    result_is_no_change(command)


def result_is_no_change(command: str) -> None:
    from klepaas_nlp.rules import interpret

    intent = interpret(command).interpretation.intent
    assert intent in (Intent.UNKNOWN, Intent.AMBIGUOUS), (command, intent)


def test_a_condition_after_let_me_know_is_no_condition() -> None:
    reads_exactly("scale ledger to 3, let me know if it fails", Intent.SCALE, {"app_name": "ledger", "replicas": 3})
