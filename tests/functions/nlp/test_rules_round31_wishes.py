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


# The review of the round's merge (its own probes, each read before and after the round) found these read as
# nothing asked after the round; each asks.
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
