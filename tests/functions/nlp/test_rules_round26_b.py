"""Time and cause (issue 24, round 26): a change named in a clause of time, sequence or cause is what
happened, not a request; a deadline beside a request is no second act; in a long message, a list or a
story, only the request is read. New wording, not corpus lines."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly


@pytest.mark.parametrize(
    "text",
    [
        # A past change joined by -고 나서 / -고 나니까 / 후 / 뒤 to what went wrong since.
        "ledger-svc 재시작하고 나서 대시보드가 비었어요",
        "cart-web 롤백하고 나니까 결제가 안 돼요",
        "quiz-api 4개로 줄이고 나서 타임아웃이 나",
        "media-proxy 배포 후 502",
        "media-proxy 배포하고 난 뒤에 메모리가 튀어요",
        # The English clause of time or cause, with a subject's past, a gerund or the change's noun.
        "since we rolled back ledger-svc the dashboard is empty",
        "after scaling quiz-api to 2, latency went up",
        "after bouncing media-proxy we get timeouts",
        "ever since the cart-web rollout, checkout hangs",
    ],
)
def test_a_change_told_as_the_time_of_a_symptom_asks_for_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


def test_a_slowness_after_a_change_is_read_at_most() -> None:
    # How the app behaves since the change may be read as its state; the change is never proposed.
    result = interpret("ledger-svc 재시작하고 나서 응답이 느려요").interpretation
    assert result.intent in (Intent.UNKNOWN, Intent.STATUS), result


@pytest.mark.parametrize(
    "text",
    [
        # A request after the sequence: both acts may be meant, never the change alone.
        "ledger-svc 재시작하고 나서 로그 보여줘",
        "quiz-api 배포한 다음에 3개로 늘려줘",
        "after you roll back cart-web, restart ledger-svc",
    ],
)
def test_a_sequence_before_a_request_stays_two_acts(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A deadline or a time clause beside the request is when, not a second act.
        ("Roll back ledger-svc before the customers wake up.", Intent.ROLLBACK, {"app_name": "ledger-svc"}),
        (
            "Deploy quiz-api to staging until the demo starts",
            Intent.DEPLOY,
            {"app_name": "quiz-api", "environment": "staging"},
        ),
        # 돌리다 runs the act its noun names, whatever stands between them.
        ("주말 점검 전에 media-proxy 배포 한 번 돌리자", Intent.DEPLOY, {"app_name": "media-proxy"}),
        ("ledger-svc 재시작 한번 돌려 보자", Intent.RESTART, {"app_name": "ledger-svc"}),
    ],
)
def test_a_time_clause_beside_a_request_is_no_second_act(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # The one request among chat: a question about what the hearer did, a promise, a statement.
        (
            "출근길이 막혀서 늦었어요. 주말 잘 보내셨어요? 어쨌든 ledger-svc 재시작해 주세요. "
            "다음 회의는 금요일로 옮길게요.",
            Intent.RESTART,
            {"app_name": "ledger-svc"},
        ),
        # The request restated as what the message comes to.
        ("간단히 말하면 cart-web 재시작해 달라는 얘기예요", Intent.RESTART, {"app_name": "cart-web"}),
        (
            "정리하자면 quiz-api를 5개로 늘려 달라는 말이에요",
            Intent.SCALE,
            {"app_name": "quiz-api", "replicas": 5},
        ),
        # A story, then the request: the target is the request's, never a word of the story.
        (
            "A merchant says the payout never showed up. Could I look at the ledger-svc logs?",
            Intent.LOGS,
            {"app_name": "ledger-svc"},
        ),
    ],
)
def test_the_request_among_chat_is_read_alone(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "- cart-web 재시작\n- ledger-svc 로그 보여줘",
        "* restart quiz-api\n* show me the logs of media-proxy",
        "1. media-proxy 3개로 늘리기\n2. ledger-svc 상태 확인",
    ],
)
def test_a_list_of_two_requests_is_two_acts(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})
