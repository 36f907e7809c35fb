"""Round 31 (issue 24): a wish as the background of a request ("-고 싶은데 해줄 수 있어?") asks for the change it
wishes, as the obligation "-야 하는데 해줄 수 있어?" did; a wish held back asks for nothing (about.py)."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("quota-api 재시작하고 싶은데 해줄 수 있어?", Intent.RESTART, {"app_name": "quota-api"}),
        ("quota-api 4개로 늘리고 싶은데 해줄래?", Intent.SCALE, {"app_name": "quota-api", "replicas": 4}),
        ("mailer 롤백하고 싶은데 가능할까요?", Intent.ROLLBACK, {"app_name": "mailer"}),
        ("mailer 재배포하고 싶은데 해주실 수 있나요?", Intent.DEPLOY, {"app_name": "mailer"}),
    ],
)
def test_a_wish_before_a_polite_do_it_asks_for_the_change(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "quota-api 재시작하고 싶은데 지금은 피크라 못 해",
        "mailer 배포하고 싶은데 권한이 없어",
    ],
)
def test_a_wish_held_back_still_asks_for_nothing(text: str) -> None:
    reads_within(text, Intent.UNKNOWN, {})
