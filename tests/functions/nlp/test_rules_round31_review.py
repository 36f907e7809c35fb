"""Round 31 (issue 24): what a review of the round's merge found over-reaching, with its own probes read before
and after the round: each of these asked before the round, and asks again."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # Leave asked without its question mark, a plan to read, a change named at the end.
        ("quota-api 롤백하고 싶은데 가능해", Intent.ROLLBACK, {"app_name": "quota-api"}),
        ("quota-api 배포하고 싶은데 해도 돼", Intent.DEPLOY, {"app_name": "quota-api"}),
        ("quota-api 배포하고 싶은데 그 전에 로그 좀 볼게", Intent.LOGS, {"app_name": "quota-api"}),
        ("quota-api 배포했는데 에러 나네 롤백", Intent.ROLLBACK, {"app_name": "quota-api"}),
        # Any noun after a change's noun is no state of it: a place, an urgency.
        ("quota-api 배포 스테이징", Intent.DEPLOY, {"app_name": "quota-api", "environment": "staging"}),
        ("quota-api 롤백 긴급!", Intent.ROLLBACK, {"app_name": "quota-api"}),
        # An occasion that says which version or which response is no condition.
        ("잘 될 때 버전으로 quota-api 롤백해줘", Intent.ROLLBACK, {"app_name": "quota-api"}),
        ("장애 시 대응으로 quota-api 재시작해줘", Intent.RESTART, {"app_name": "quota-api"}),
    ],
)
def test_what_the_review_found_over_reached_asks_again(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "quota-api 롤백하면 좋겠는데 스키마가 바뀌어서 불가능해",
        "quota-api 재시작 요청 반려",
        "메모리 부족할 때 quota-api 재시작해줘",
    ],
)
def test_the_narrowed_rules_still_hold_back(text: str) -> None:
    reads_within(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A participle whose complement is an argument of the change says how it is done.
        ("quota-api deploy using main branch", Intent.DEPLOY, {"app_name": "quota-api", "branch": "main"}),
        ("quota-api deploy going to staging", Intent.DEPLOY, {"app_name": "quota-api", "environment": "staging"}),
        ("mailer restart everything", Intent.RESTART, {"app_name": "mailer"}),
        # The speaker's own asking, told again.
        ("I've asked you to restart mailer twice now", Intent.RESTART, {"app_name": "mailer"}),
        # A clause naming an app-shaped name before a request naming only a word: not read alone.
        ("quota-api 느리니까 API 재시작해줘", Intent.RESTART, {"app_name": "quota-api"}),
    ],
)
def test_english_notices_and_reasons_leave_requests_alone(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize("text", ["mailer deploy pending approval", "Jane asked me to scale mailer to 4"])
def test_notices_and_reports_still_ask_nothing(text: str) -> None:
    reads_within(text, Intent.UNKNOWN, {})
