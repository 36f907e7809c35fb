"""Round 34 (nlp34a): the words of people who are not engineers. Machines and servers counted are the app's
copies; an update applied is deployed; the old version put back is a rollback; a refresh restarts; error
messages and a record counted in lines are the log; things described as deployed are the deployments."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_READINGS = [
    # A number with servers or machines counts the app's copies.
    ("please run gift-shop on nine servers", Intent.SCALE, {"app_name": "gift-shop", "replicas": 9}),
    ("could we get route-planner to 5 machines?", Intent.SCALE, {"app_name": "route-planner", "replicas": 5}),
    ("lunch-menu 4 servers please", Intent.SCALE, {"app_name": "lunch-menu", "replicas": 4}),
    # An update or a newer version applied.
    ("apply the latest update to gift-shop", Intent.DEPLOY, {"app_name": "gift-shop"}),
    ("route-planner 새 버전 적용해 주세요", Intent.DEPLOY, {"app_name": "route-planner"}),
    ("route-planner 업데이트 적용 부탁해요", Intent.DEPLOY, {"app_name": "route-planner"}),
    ("route-planner update 적용해줘", Intent.DEPLOY, {"app_name": "route-planner"}),
    ("put the new lunch-menu on staging", Intent.DEPLOY, {"app_name": "lunch-menu", "environment": "staging"}),
    (
        "lunch-menu 운영에 두 대로 올려줘",
        Intent.DEPLOY,
        {"app_name": "lunch-menu", "environment": "production", "replicas": 2},
    ),
    # The old version put back.
    ("put the previous release of gift-shop back, the totals are off", Intent.ROLLBACK, {"app_name": "gift-shop"}),
    ("please put back the older version of route-planner", Intent.ROLLBACK, {"app_name": "route-planner"}),
    # A refresh given to the app.
    ("give lunch-menu a refresh please", Intent.RESTART, {"app_name": "lunch-menu"}),
    # Error messages and a record counted in lines.
    ("pull the error messages from gift-shop", Intent.LOGS, {"app_name": "gift-shop"}),
    ("route-planner 오류 메시지 뽑아 주세요", Intent.LOGS, {"app_name": "route-planner"}),
    ("lunch-menu 기록 40줄만 보여줘", Intent.LOGS, {"app_name": "lunch-menu", "lines": 40}),
    # Things described by a relative clause in the perfect of deploying.
    ("show me every app we have deployed", Intent.LIST_DEPLOYMENTS, {}),
    ("a list of everything that has been deployed please", Intent.LIST_DEPLOYMENTS, {}),
]

# Neighbours that keep their reading.
_KEPT = [
    ("lunch-menu 세 대로 올려주세요", Intent.SCALE, {"app_name": "lunch-menu", "replicas": 3}),
    ("restart refresh-api", Intent.RESTART, {"app_name": "refresh-api"}),
    ("give gift-shop three copies", Intent.SCALE, {"app_name": "gift-shop", "replicas": 3}),
    ("get gift-shop to 7 lines of logs", Intent.LOGS, {"app_name": "gift-shop", "lines": 7}),
    ("route-planner 설정 적용해줘", Intent.UNKNOWN, {}),
    ("we've deployed gift-shop, show its logs", Intent.LOGS, {"app_name": "gift-shop"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _READINGS + _KEPT)
def test_lay_words_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_mixed_update_object_does_not_deploy_copies() -> None:
    # "update" is a deploy only as what 적용 applies: the copies updated are still a scale asked for its count.
    reads_exactly("route-planner replicas update 해줘", Intent.SCALE, {"app_name": "route-planner"}, ["replicas"])
