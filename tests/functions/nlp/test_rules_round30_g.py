"""Round 30 (g): a fallback offered after a request is a second act, so nothing runs."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    "text",
    [
        "ledger-api 재시작해줘, 안 되면 롤백이라도",
        "invoice-svc 롤백해 주세요 안되면 재시작이라도 해줘",
        "mailer 재시작 부탁해요. 안 되면 롤백이라도 부탁드려요",
        "cart-web 배포해줘 아니면 재시작이라도",
        "restart ledger-api, if that fails roll it back",
        "roll back invoice-svc, otherwise restart it",
        "deploy cart-web and if it doesn't work roll it back",
        "restart mailer; if that doesn't help, roll it back",
    ],
)
def test_a_fallback_is_a_second_act(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})


def test_a_fallback_read_beside_a_change_is_still_two_acts() -> None:
    reads_exactly("ledger-api 롤백해줘, 안 되면 로그라도 보여줘", Intent.AMBIGUOUS, {})


def test_an_operation_with_at_least_is_asked() -> None:
    reads_exactly("mailer 재시작이라도 해줘", Intent.RESTART, {"app_name": "mailer"})


def test_a_leading_condition_still_defers() -> None:
    reads_exactly("if it fails, roll back ledger-api", Intent.UNKNOWN, {})
