"""Round 32 (F1): what 띄우다 brings up follows its object. A thing shown (logs, a list, a screen's contents) is
put on the screen, again or not: a read, never a restart or a deploy. A workload, or no object, is brought up as
before. A change's verb with -아서 before the main verb is a step of the request, so a count in it is the request's."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_SHOWN = [
    # The logs brought up again: "다시" belongs to the showing, not to the app.
    ("tile-cache 로그 좀 다시 띄워줘", Intent.LOGS, {"app_name": "tile-cache"}),
    ("quote-svc 로그 다시 좀 띄워 줄래?", Intent.LOGS, {"app_name": "quote-svc"}),
    ("geo-index 로그 다시 띄워주세요", Intent.LOGS, {"app_name": "geo-index"}),
    ("price-feed 최근 로그 다시 띄워봐", Intent.LOGS, {"app_name": "price-feed"}),
    ("tile-cache 로그도 다시 띄워 줄래요", Intent.LOGS, {"app_name": "tile-cache"}),
    # The English noun, a count of lines or the screen it goes to between the object and the verb.
    ("price-feed logs 다시 띄워", Intent.LOGS, {"app_name": "price-feed"}),
    ("inbox-api 파드 로그 50줄 다시 띄워줘", Intent.LOGS, {"pod_name": "inbox-api", "lines": 50}),
    ("tile-cache 로그 화면에 다시 띄워줘", Intent.LOGS, {"app_name": "tile-cache"}),
    ("inbox-api 로그 창에 띄워봐", Intent.LOGS, {"app_name": "inbox-api"}),
    # A list shown again.
    ("payments 네임스페이스 서비스 목록 다시 띄워줘", Intent.LIST_SERVICES, {"namespace": "payments"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _SHOWN)
def test_a_shown_thing_brought_up_is_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_TWO_ACTS = [
    # A change, then the logs brought up again: two acts, each offered, none run.
    "geo-index 롤백하고 로그 다시 띄워줘",
    "inbox-api 재기동하고 로그 다시 띄워줘",
    "order-sync 재시작 하구 로그 좀 띄워봐",
]


@pytest.mark.parametrize("text", _TWO_ACTS)
def test_a_change_then_logs_brought_up_again_is_two_acts(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})


_BROUGHT_UP = [
    # The same verb with a workload, or no object: still a restart, or a deploy to a place.
    ("tile-cache 다시 띄워줘", Intent.RESTART, {"app_name": "tile-cache"}),
    ("log-router 다시 띄워줘", Intent.RESTART, {"app_name": "log-router"}),
    ("catalog 다시 띄워줘", Intent.RESTART, {"app_name": "catalog"}),
    ("quote-svc 스테이징에 다시 띄워줘", Intent.DEPLOY, {"app_name": "quote-svc", "environment": "staging"}),
    ("price-feed 스테이징에 띄워줘", Intent.DEPLOY, {"app_name": "price-feed", "environment": "staging"}),
    # The logs are only why: the app is brought up again.
    ("quote-svc 로그에 에러가 많아서 다시 띄워줘", Intent.RESTART, {"app_name": "quote-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _BROUGHT_UP)
def test_a_workload_or_no_object_is_still_brought_up(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_STEP_COUNTS = [
    (
        "order-sync feature/dark-mode 브랜치로 개발 환경에 세 개 띄워서 배포해 줘",
        Intent.DEPLOY,
        {"app_name": "order-sync", "environment": "development", "branch": "feature/dark-mode", "replicas": 3},
    ),
    (
        "inbox-api 운영에 3개 띄워서 배포해줘",
        Intent.DEPLOY,
        {"app_name": "inbox-api", "environment": "production", "replicas": 3},
    ),
    ("geo-index 두 개 띄워서 배포해줘", Intent.DEPLOY, {"app_name": "geo-index", "replicas": 2}),
    (
        "quote-svc 운영에 4개 올려서 배포해줘",
        Intent.DEPLOY,
        {"app_name": "quote-svc", "environment": "production", "replicas": 4},
    ),
    (
        "geo-index develop 브랜치로 4개 올려서 배포",
        Intent.DEPLOY,
        {"app_name": "geo-index", "branch": "develop", "replicas": 4},
    ),
    # Nearby, as before: the count said with the main verb itself.
    (
        "order-sync 개발 환경에 세 개 띄워줘",
        Intent.DEPLOY,
        {"app_name": "order-sync", "environment": "development", "replicas": 3},
    ),
    ("price-feed 5개로 늘려서 유지해줘", Intent.SCALE, {"app_name": "price-feed", "replicas": 5}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _STEP_COUNTS)
def test_a_count_in_a_step_before_the_main_verb_is_the_requests(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


def test_a_count_told_in_a_reason_is_still_no_goal() -> None:
    # -아서 after a state (not a change's verb) gives a reason: the count is how things are now.
    reads_exactly("tile-cache 4개로 돌고 있어서 느려, 늘려줘", Intent.SCALE, {"app_name": "tile-cache"}, ["replicas"])
