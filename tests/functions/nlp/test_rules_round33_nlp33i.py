"""Round 33 (nlp33i): a second thought corrects a count as a correction marker does ("생각해보니", "다시 생각해
보니까", "on second thought"); a count said not to be needed ("we don't need 6 replicas anymore") is refused,
never asked, and the count wanted beside it is the scale's; a familiar word of address closing the message
("… mate", "… bro") is no second target; and 돌리다 with an operation's noun asks for it in the 줄래 / 줄 수
있어 endings too ("배포 돌려줄 수 있어?")."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_READ = [
    # A second thought, then the count that replaces the one asked.
    ("tally-api 8개로 늘려줘, 생각해보니 2개면 돼", Intent.SCALE, {"app_name": "tally-api", "replicas": 2}),
    ("tally-api 6개로 올려, 다시 생각해 보니까 4개로", Intent.SCALE, {"app_name": "tally-api", "replicas": 4}),
    ("scale tally-api to 7. On second thought, 3 is enough", Intent.SCALE, {"app_name": "tally-api", "replicas": 3}),
    # A count no longer needed, beside the count wanted.
    (
        "tally-api doesn't need 9 replicas anymore, scale it down to 2",
        Intent.SCALE,
        {"app_name": "tally-api", "replicas": 2},
    ),
    (
        "we no longer need six instances of tally-api, bring it down to four",
        Intent.SCALE,
        {"app_name": "tally-api", "replicas": 4},
    ),
    # A word of address closing the request.
    ("tally-api 재시작 좀 해줘 bro", Intent.RESTART, {"app_name": "tally-api"}),
    ("restart tally-api dude", Intent.RESTART, {"app_name": "tally-api"}),
    ("tally-api 로그 보여줘, thanks mate", Intent.LOGS, {"app_name": "tally-api"}),
    # 돌리다 with the operation's noun as its object, asked in any request ending.
    ("tally-api 배포 다시 돌려줄래?", Intent.DEPLOY, {"app_name": "tally-api"}),
    ("tally-api 재시작 한번 돌려줄 수 있어요?", Intent.RESTART, {"app_name": "tally-api"}),
    # Near-misses: a name that is a word of address stays the target; a rollback's 돌려 stays a rollback.
    ("restart buddy", Intent.RESTART, {"app_name": "buddy"}),
    ("tally-api 이전 버전으로 돌려줄래?", Intent.ROLLBACK, {"app_name": "tally-api"}),
    ("tally-api 8개로 늘려줘", Intent.SCALE, {"app_name": "tally-api", "replicas": 8}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _READ)
def test_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


# A count said not to be needed, alone, asks for no change; a second thought opening the message is no
# correction of anything.
_NO_CHANGE = [
    "tally-api doesn't need 9 replicas",
    "we don't need five pods of tally-api anymore",
]


@pytest.mark.parametrize("text", _NO_CHANGE)
def test_no_change(text: str) -> None:
    reading = interpret(text).interpretation
    assert (
        reading.intent not in (Intent.SCALE, Intent.RESTART, Intent.DEPLOY, Intent.ROLLBACK) or reading.confidence < 0.7
    )
