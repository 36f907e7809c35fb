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


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("payroll-api 롤아웃 끝났으면 접속 주소 알려줘", Intent.ENDPOINT),
        ("quiz-web 에러 나면 로그 보여줘", Intent.LOGS),
        ("quiz-web 롤백 완료되면 상태 보여줘", Intent.STATUS),
    ],
)
def test_a_condition_before_a_read_is_no_read_of_its_own(text: str, intent: Intent) -> None:
    reads_exactly(text, intent, {"app_name": text.split(maxsplit=1)[0]})


@pytest.mark.parametrize(
    "text",
    ["ticket-hub 어디로 붙으면 되나요? 주소 알려주세요", "ticket-hub 어디서 접속하면 돼? 링크 좀 알려줘"],
)
def test_a_should_i_question_then_its_request_is_one_read(text: str) -> None:
    reads_exactly(text, Intent.ENDPOINT, {"app_name": "ticket-hub"})


@pytest.mark.parametrize("text", ["quiz-web 떠 있어? 로그도 좀", "ledger-api 잘 돌아가? 그리고 로그도 보여줘"])
def test_a_question_and_one_more_read_are_two_acts(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})


def test_at_least_after_a_question_is_the_one_read() -> None:
    reads_exactly("quiz-web 왜 이렇게 느리지? 로그라도 보여줘", Intent.LOGS, {"app_name": "quiz-web"})
