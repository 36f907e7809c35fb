"""Issue 24, round 21 (part B): plans written as steps, "both" after a told plan, suggestions, wishes.

New phrasings (none is a line of a dev set):
- a label before a colon or a bracket ("next task:", "step 3:", "plan for today:", "2)") is no subject: the
  verb after it asks for its act, so two labelled steps are two acts;
- "둘 다 해 주세요" / "do both" after the speaker's -ㄹ게요 plan asks for each act said before it;
- a suggestion closing its sentence ("-하면 될 것 같아요", "-면 되겠어요") asks for its act, it is no condition;
- a wish to get a read ("비용 리포트 받고 싶어요") beside a change is two acts.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # Labelled steps: each step's verb asks, so two steps are two acts (never the last one alone).
        ("Next task: restart media-proxy. After that, list the services.", Intent.AMBIGUOUS, {}),
        ("Step 3: scale quote-api to 4. Step 4: show me the deployments.", Intent.AMBIGUOUS, {}),
        ("Plan for today: roll back geo-tiles, then deploy ledger-ui to staging.", Intent.AMBIGUOUS, {}),
        ("1) restart ticket-bot 2) show its logs", Intent.AMBIGUOUS, {}),
        # One labelled step is the one act it names.
        ("Next step: restart media-proxy.", Intent.RESTART, {"app_name": "media-proxy"}),
        ("Step 1: show the pods in the shop namespace.", Intent.LIST_PODS, {"namespace": "shop"}),
        # "Both" after a plan told in -ㄹ게요: each act asked for.
        ("quote-api 상태 먼저 확인하고요, 그 다음에 롤백할게요. 둘 다 부탁해요.", Intent.AMBIGUOUS, {}),
        ("media-proxy 로그 보고요, 그 다음 재시작할게요. 두 개 다 진행해 주세요.", Intent.AMBIGUOUS, {}),
        # A suggestion closing its sentence is a request, beside another request two acts.
        ("ledger-ui 는 재시작만 하면 될 것 같아요. geo-tiles 는 롤백해야 하고요.", Intent.AMBIGUOUS, {}),
        # A wish to get a read beside a change: two acts.
        ("이번 달 비용 분석 받고 싶어요. 그리고 quote-api 2개로 줄여 주세요.", Intent.AMBIGUOUS, {}),
        # A suggestion asked as a question asks for no change.
        ("quote-api 롤백하면 돼?", Intent.STATUS, {"app_name": "quote-api"}),
    ],
)
def test_plans_and_suggestions(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A capitalised event told beside the request is no app: the request's own target stands.
        (
            "Cyber Monday begins at noon. Scale storefront to 8.",
            Intent.SCALE,
            {"app_name": "storefront", "replicas": 8},
        ),
        (
            "The Spring Sale opens tomorrow and finance expects 3x load. Restart quote-api.",
            Intent.RESTART,
            {"app_name": "quote-api"},
        ),
    ],
)
def test_events_are_no_apps(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_as_well_names_nothing() -> None:
    # "as well" is an adverb: never the target (with two apps in the context, which one is asked).
    result = interpret("media-proxy is already at 4 replicas. quote-api is still at 2, scale it to 4 as well.")
    assert result.interpretation.intent in (Intent.AMBIGUOUS, Intent.SCALE)
    assert result.interpretation.args.get("app_name") != "well"
    assert all(not suggestion.startswith("well ") for suggestion in result.interpretation.suggestions or [])


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # "Not a <change>." set aside with its article: what follows is the request, never the change.
        (
            "Not a rollback. I only want to see which versions quote-api can roll back to.",
            Intent.LIST_ROLLBACK,
            {"app_name": "quote-api"},
        ),
        ("Not a restart, just show me the logs of media-proxy.", Intent.LOGS, {"app_name": "media-proxy"}),
    ],
)
def test_change_set_aside_with_article(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_within(text, intent, args)
