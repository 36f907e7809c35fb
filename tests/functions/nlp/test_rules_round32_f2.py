"""Round 32 (F2): a question that only complains is the background of the request after it. A why-question asks
for a cause, which no read of the closed set gives ("X 왜 이렇게 느려? 일단 재시작해"), and a remark closed by the
background -ㄴ데 with a question mark and no question word seeks agreement ("X 상태 좀 이상한데? 재시작 부탁"):
neither is a second act beside the request. A question that asks for a read ("상태 어때?", "몇 개인데?") and a read
asked beside the change still make two acts; "한 번 더" (once more) is part of the request's ending."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_COMPLAINED = [
    # Why it is so: 왜, its chat spelling, 어째서; the change asked after it.
    ("lyric-indexer 왜 이리 버벅대? 일단 재시작 좀", Intent.RESTART, {"app_name": "lyric-indexer"}),
    ("lyric-indexer 왜케 느려? 그냥 재시작해 줘", Intent.RESTART, {"app_name": "lyric-indexer"}),
    ("playlist-sync 어째서 자꾸 튕겨? 재기동 부탁해요", Intent.RESTART, {"app_name": "playlist-sync"}),
    ("lyric-indexer 왜 이렇게 느린데? 재시작해줘", Intent.RESTART, {"app_name": "lyric-indexer"}),
    ("podcast-feed 왜 또 재시작됐어? 롤백해줘", Intent.ROLLBACK, {"app_name": "podcast-feed"}),
    # A remark closed by -ㄴ데 / -는데요 and a question mark, with no question word in it.
    ("playlist-sync 응답이 좀 느린데? 재시작해 주세요", Intent.RESTART, {"app_name": "playlist-sync"}),
    ("podcast-feed 메모리 좀 많이 먹는데? 4개로 늘려줘", Intent.SCALE, {"app_name": "podcast-feed", "replicas": 4}),
    ("podcast-feed 에러가 계속 나는데요? 직전 버전으로 롤백해 주세요", Intent.ROLLBACK, {"app_name": "podcast-feed"}),
    ("lyric-indexer 뭔가 이상한데? 재시작해줘", Intent.RESTART, {"app_name": "lyric-indexer"}),
    # After the request, the complaint says why as well.
    ("podcast-feed 재시작해줘. 왜 이렇게 느려?", Intent.RESTART, {"app_name": "podcast-feed"}),
    # Before a read, the read is what is asked.
    ("podcast-feed 왜 이렇게 느려? 로그라도 보여줘", Intent.LOGS, {"app_name": "podcast-feed"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _COMPLAINED)
def test_a_complaining_question_is_the_background_of_the_request(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9


_TWO_ACTS = [
    # A question asking for a read (a question word, or how it is) beside a change.
    "lyric-indexer 상태 어때? 재시작해줘",
    "playlist-sync 상태 어떤데? 재시작해줘",
    "playlist-sync 파드 몇 개인데? 5개로 늘려줘",
    # A why-question does not merge the read and the change asked after it.
    "lyric-indexer 왜 이렇게 느려? 로그 보여주고 재시작해",
    # Logs read, then a restart once more: two acts.
    "lyric-indexer 로그 보고 재시작 한 번 더 해줘",
    "playlist-sync 재시작하고 나서 로그 보고 재시작 한 번 더",
]


@pytest.mark.parametrize("text", _TWO_ACTS)
def test_a_question_that_asks_beside_a_change_is_two_acts(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.AMBIGUOUS, text


_PLAIN = [
    # The question alone still reads the state it complains of.
    ("podcast-feed 왜 이렇게 느려?", Intent.STATUS, {"app_name": "podcast-feed"}),
    ("podcast-feed 상태 좀 이상한데?", Intent.STATUS, {"app_name": "podcast-feed"}),
    # The same requests with the complaint said as a statement, or with none.
    ("lyric-indexer 느려. 일단 재시작해", Intent.RESTART, {"app_name": "lyric-indexer"}),
    ("playlist-sync 응답이 좀 느린데 재시작해 주세요", Intent.RESTART, {"app_name": "playlist-sync"}),
    ("lyric-indexer 일단 재시작해", Intent.RESTART, {"app_name": "lyric-indexer"}),
    ("메모리 새서 playlist-sync 재시작해줘", Intent.RESTART, {"app_name": "playlist-sync"}),
    # Once more: the request itself.
    ("podcast-feed 재시작 한 번만 더 해줘", Intent.RESTART, {"app_name": "podcast-feed"}),
    ("podcast-feed 배포 한 번 더 해줘", Intent.DEPLOY, {"app_name": "podcast-feed"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _PLAIN)
def test_nearby_requests_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
