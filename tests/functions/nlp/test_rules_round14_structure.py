"""Issue 24, round 14: clause structure. A version number beside an app's name says which build runs,
never a second target; a reason clause before the request keeps only the names it writes as names.

New phrasings (none is a line of a dev set).
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret


def _reads(text: str, intent: Intent, args: dict) -> None:
    result = interpret(text).interpretation
    assert result.intent is intent, (text, result.intent, result.args)
    assert {key: value for key, value in result.args.items() if key in args} == args, (text, result.args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A version number is which build runs: the count is for the app it stands beside.
        ("harbor-gate 1.8.2 떠 있는 거 복제본 3개로 맞춰줘", Intent.SCALE, {"app_name": "harbor-gate", "replicas": 3}),
        ("ticket-desk v5.1 쓰고 있는데 2개로 줄여줘", Intent.SCALE, {"app_name": "ticket-desk", "replicas": 2}),
        ("restart parcel-hub v7 please", Intent.RESTART, {"app_name": "parcel-hub"}),
    ],
)
def test_a_version_number_names_no_app(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)
