"""Round 31 (R1a): a count told as how things are now is no count to scale to.

The change goes to a count only in its own clause ("4개로 늘려줘", "scale X to 5"). A count held by a clause
that closes before the change and only tells the present (running, operating, too few, too many: "4개로
돌아가고 있는데", "3대로 감당이 안 된다", "1개로는 모자라", "X is running 5 pods", "X has 2 replicas",
"X with 9 pods is too much", "현재 레플리카 3") describes now; the relative verb after it asks for the count.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_TOLD_NOW = [
    # Korean: the count's clause closes on a background, a reason, a judgement or a statement.
    ("order-svc 앱은 4개로 돌아가고 있는데 트래픽이 많아. 늘려줄 수 있어?", "order-svc"),
    ("invoice-api 3대로 감당이 안 된다 늘려줘", "invoice-api"),
    ("media-proxy 6개 띄워놨는데 남으니 줄여줘", "media-proxy"),
    ("quiz-web은 2개짜리인데 스케일 업 좀", "quiz-web"),
    ("geo-api 레플리카 5로 운영하는데 줄여 주세요", "geo-api"),
    ("feed-worker 4개 쓰기에는 요청이 너무 적어요 줄여줘", "feed-worker"),
    ("feed-worker 5개로 늘렸는데 모자라 더 늘려줘", "feed-worker"),
    ("quiz-web 3개예요, 늘려 주세요", "quiz-web"),
    # The count taken as given, the topic of what is said of it.
    ("auth-gw 1개로는 모자라 늘려줘", "auth-gw"),
    ("auth-gw 6대로는 넘쳐요 줄여주세요", "auth-gw"),
    ("quiz-web 현재 레플리카 3, 좀 늘려줘", "quiz-web"),
    # English: the finite verb of a statement holds the count.
    ("geo-api is running 5 pods, scale it down please", "geo-api"),
    ("feed-worker has 2 replicas at the moment, bump it up", "feed-worker"),
    ("quiz-web with 9 pods is too much, scale it down", "quiz-web"),
]


@pytest.mark.parametrize(("text", "app"), _TOLD_NOW)
def test_a_count_told_as_the_present_asks_for_the_count(text: str, app: str) -> None:
    reads_exactly(text, Intent.SCALE, {"app_name": app}, missing=["replicas"])
    assert interpret(text).interpretation.confidence < 0.9


_COUNT_ASKED = [
    # The same requests without the state: the count is the change's own.
    ("order-svc 앱 4개로 늘려줄 수 있어?", 4),
    ("invoice-api 3대로 늘려줘", 3),
    ("geo-api 레플리카 5로 줄여 주세요", 5),
    ("scale geo-api to 5 pods", 5),
    ("media-proxy 2대만 떠 있게 해주세요", 2),
    # A state beside a count of the change's own: the latter.
    ("auth-gw 2개에서 6개로 늘려줘", 6),
    ("auth-gw 지금 2개인데 6개로 늘려줘", 6),
    ("order-svc 4개로 돌고 있는데 8개로 늘려줘", 8),
    # A count wanted in a clause of its own: a condition, an obligation; a goal under a subordinator.
    ("feed-worker 두 개면 충분해 줄여줘", 2),
    ("order-svc 4개는 있어야 할 것 같아요 늘려줘", 4),
    ("make sure quiz-web has 4 replicas", 4),
    ("quiz-web 5개로 늘려야 할 것 같아 해줘", 5),
    # A statement alone beside the request holds the count it points back at.
    ("quote-engine has 6 replicas. Scale it back to that.", 6),
]


@pytest.mark.parametrize(("text", "replicas"), _COUNT_ASKED)
def test_a_count_the_change_goes_to_is_still_read(text: str, replicas: int) -> None:
    assert interpret(text).interpretation.args.get("replicas") == replicas, interpret(text).interpretation.args


def test_a_step_still_asks_and_a_deploys_count_still_reads() -> None:
    reads_exactly("feed-worker 3개 더 늘려줘", Intent.SCALE, {"app_name": "feed-worker"}, missing=["replicas"])
    reads_exactly("deploy quiz-web with 3 replicas", Intent.DEPLOY, {"app_name": "quiz-web", "replicas": 3})
