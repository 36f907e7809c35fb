"""A target described instead of named ("느린 거", "the broken one") points back as 그거 does, but never
at a name said to be fine: with every name set aside, the target is a question (issue 24, round 23).
New wording, not corpus lines."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("ledger-api는 멀쩡해요, 느린 거 5개로 늘려줘", Intent.SCALE, {"replicas": 5}),
        ("ledger-api is fine, scale the slow one to 5", Intent.SCALE, {"replicas": 5}),
        ("quiz-web은 정상이야. 에러 나는 걸 재시작해줘", Intent.RESTART, {}),
        ("quiz-web looks okay. Roll back the failing one.", Intent.ROLLBACK, {}),
        ("quiz-web 괜찮아, 터진 쪽 재시작", Intent.RESTART, {}),
    ],
)
def test_a_described_target_beside_a_name_said_to_be_fine_is_asked(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args, missing=["target"])


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # The one name said is not set aside: the description points at it.
        ("quiz-web crashed twice. Restart the broken one.", Intent.RESTART, {"app_name": "quiz-web"}),
        # A version's description (최신, 이전 거로) describes no app.
        ("ledger-api 검증 끝났어요. 최신 거 배포해줘", Intent.DEPLOY, {"app_name": "ledger-api"}),
        ("ledger-api 어제 올렸어요, 이전 거로 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-api"}),
        # Named in the same clause: nothing to point back at.
        ("ledger-api 느린 거 같은데 5개로 늘려줘", Intent.SCALE, {"app_name": "ledger-api", "replicas": 5}),
    ],
)
def test_a_description_that_points_at_the_one_name_or_at_a_version_keeps_the_name(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)
