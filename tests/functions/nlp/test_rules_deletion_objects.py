"""A deletion word refuses the command when it deletes something of ours, not when it names a
purpose or a consequence about something else ("캐시 지우려고 X 재시작해줘").

Each case is a phrasing of its own, not one from a development set.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.rules import interpret


@pytest.mark.parametrize(
    ("command", "app"),
    [
        ("임시 파일 지우려고 order-api 재기동해줘", "order-api"),  # a purpose clause about a cache, not ours
        ("메모리 누수 없애려면 invoice 재시작 부탁드려요", "invoice"),
        ("bounce ledger-api, it will kill the hanging sockets", "ledger-api"),  # what the restart will do
    ],
)
def test_a_deletion_of_something_not_ours_leaves_the_request(command: str, app: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.refused is None
    assert interpretation.intent.value == "restart"
    assert interpretation.args.get("app_name") == app


@pytest.mark.parametrize(
    "command",
    [
        "ledger 지우고 새로 배포해",  # the app itself, by name, before the redeploy
        "스테이징 날리고 다시 올려줘",  # an environment
        "파드 전부 지우려고 하는데 재시작해줘",  # our resources, all of them
        "restart ledger to delete it",  # a pronoun for the app
        "redeploy api to wipe the staging data",
        "delete the invoice app",
        "invoice 삭제",
    ],
)
def test_a_deletion_of_ours_is_still_refused(command: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == "unknown"
    assert interpretation.refused is not None
