"""Issue 24, round 21 (part C): wrong changes from what the sentence only tells.

New phrasings (none is a line of a dev set):
- a count stated as the present state (지금/현재/아직 N, N개밖에, N개인데, "is still at N", "currently N",
  "only N running") is no count asked for; a count without such a mark beside it is;
- "다른 거 / 나머지 / the other one / another one" as the object of a change names no target, and the
  app named in the sentence before is the one excluded;
- the environment of a statement telling what was done never fills the request: the request's own wins.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        # The present count only: the count asked for is a question.
        ("order-api는 현재 3개뿐이라 모자라요. 좀 늘려 주세요.", Intent.SCALE, {"app_name": "order-api"}, ["replicas"]),
        ("web-front 아직 1대밖에 없어요. 늘려줘", Intent.SCALE, {"app_name": "web-front"}, ["replicas"]),
        ("api-gw는 4개인데 늘려 주세요", Intent.SCALE, {"app_name": "api-gw"}, ["replicas"]),
        (
            "search-api has only 2 replicas running. Scale it up.",
            Intent.SCALE,
            {"app_name": "search-api"},
            ["replicas"],
        ),
        ("scale up report-api, it is currently at 3 replicas", Intent.SCALE, {"app_name": "report-api"}, ["replicas"]),
        # A marked present count beside an unmarked goal: the goal is the count.
        ("order-api 지금 3개인데 8개로 늘려 주세요", Intent.SCALE, {"app_name": "order-api", "replicas": 8}, None),
        ("web-front 현재 2대에서 5대로 늘려줘", Intent.SCALE, {"app_name": "web-front", "replicas": 5}, None),
        ("scale report-api to 7, it is still at 2", Intent.SCALE, {"app_name": "report-api", "replicas": 7}, None),
        # 지금 as "now" before a goal stays a goal.
        ("지금 4개로 늘려줘 batch-api", Intent.SCALE, {"app_name": "batch-api", "replicas": 4}, None),
        # "The other one": the named app is excluded, the target is a question.
        ("order-api는 아까 재시작했어요. 이번엔 다른 거 재시작해야 돼요.", Intent.RESTART, {}, ["target"]),
        ("web-front는 멀쩡해요. 나머지 재시작해 주세요.", Intent.RESTART, {}, ["target"]),
        ("api-gw is not the culprit. Restart the other one.", Intent.RESTART, {}, ["target"]),
        ("report-api was rolled back already. Roll back another one.", Intent.ROLLBACK, {}, ["target"]),
    ],
)
def test_stated_state_and_other_target_fill_nothing(
    text: str, intent: Intent, args: dict[str, object], missing: list[str] | None
) -> None:
    reads_exactly(text, intent, args, missing)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "order-api 스테이징 검증 끝났어요. 이제 운영에 배포해 주세요.",
            {"app_name": "order-api", "environment": "production"},
        ),
        (
            "web-front 개발 환경 테스트 통과했어요. 이제 스테이징에 배포 부탁해요.",
            {"app_name": "web-front", "environment": "staging"},
        ),
        (
            "batch-api passed QA on staging. Now deploy it to production.",
            {"app_name": "batch-api", "environment": "production"},
        ),
    ],
)
def test_done_sentence_environment_never_fills_the_request(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.DEPLOY, args)
