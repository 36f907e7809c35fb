"""Issue 24, round 21 (part A): a request phrased indirectly beside another request.

New phrasings (none is a line of a dev set): a wish, a need or an obligation with a change in it
("X needs 4 replicas", "I'd like X rolled back", "X 재시작해야 할 것 같아요", "배포됐으면 좋겠어요")
asks for that change. Beside another request it is a second act (ambiguous, both offered); alone, or
beside a statement, it is the request, never sure. A need for a read of a change ("롤백 목록이
필요해요", "I need the rollback history") or a need told in the past asks for no change.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.indirect import asked_indirectly
from klepaas_nlp.rules.predicate import Act

from .readings import reads_exactly


@pytest.mark.parametrize(
    "text",
    [
        "quote-svc needs 4 replicas. Please also restart cache-warmer.",
        "We must roll back quote-svc. Could you also restart cache-warmer?",
        "Can you restart tally-api? And I'd like quote-svc rolled back.",
        "Would you mind restarting tally-api? quote-svc should be scaled to 3 as well.",
        "I want tally-api deployed to staging. Also, can you show me the services in the ops namespace?",
        "quote-svc has to go out to production. Then restart tally-api, please.",
        "Show the cluster overview first, please. Then I'd like tally-api restarted.",
        "quote-svc 재시작해야 할 것 같아요. tally-api는 롤백해 주세요.",
        "tally-api 재배포가 필요합니다. 그리고 quote-svc 로그도 보여주세요.",
        "quote-svc 스케일 아웃 해야 할 듯. tally-api 상태도 봐줘.",
        "tally-api 운영에 올려야 돼요. 그 전에 파드 목록 보여 주세요.",
        "quote-svc 개발에 배포됐으면 좋겠어요. 끝나면 tally-api도 재시작해줘.",
        "quote-svc 파드 로그 좀 볼게요. 아, tally-api도 롤백 필요해요.",
    ],
)
def test_an_indirect_request_beside_another_is_a_second_act(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.AMBIGUOUS, (text, result.intent, result.args)
    assert len(result.suggestions) >= 2, (text, result.suggestions)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("I'd like tally-api restarted.", Intent.RESTART, {"app_name": "tally-api"}),
        ("quote-svc restart가 필요합니다. 세션이 꼬인 상태예요.", Intent.RESTART, {"app_name": "quote-svc"}),
    ],
)
def test_an_indirect_request_alone_is_the_request(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("quote-svc needs 4 replicas.", Act.SCALE),
        ("We have to roll quote-svc back one version.", Act.ROLLBACK),
        ("tally-api should be redeployed", Act.DEPLOY),
        ("quote-svc 재시작이 필요해요.", Act.RESTART),
        ("tally-api 줄여야 하는데 2개로", Act.SCALE),
        ("I need the rollback history of quote-svc.", None),
        ("I want to see which pods restarted.", None),
        ("We don't need to restart quote-svc.", None),
        ("If we scaled quote-svc, would it help?", None),
        ("quote-svc 롤백 목록이 필요해요.", None),
        ("quote-svc 재시작할 필요 없어요.", None),
        ("어제는 quote-svc 재시작이 필요했어요.", None),
    ],
)
def test_what_an_indirect_request_asks_for(text: str, act: Act | None) -> None:
    assert asked_indirectly(text) is act
