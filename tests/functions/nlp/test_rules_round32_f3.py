"""Round 32 (F3): what a rollback would go back to is asked as a read of its versions (list_rollback), never the
rollback: a question word in the goal case after a rollback supposed ("X 롤백하면 뭐로 돌아가?"), a version noun that
a rollback's relative clause modifies ("롤백 되는 버전"), a supposition in the past ("if I rolled back X, which
version …?"), or "what would a rollback of X go back to?". And two things outside the set stay unknown: work about
an operation whose object is a compound of work nouns ("… 회고 문서 템플릿 만들어줘": a template is made), and an
amount asked of a noun none of our words names ("X 광고 단가 얼마로 잡혀 있어?")."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_WHERE_IT_GOES = [
    # The goal asked by a pronoun after a rollback supposed (-면), in the goal case (으로 / 로 / 까지).
    ("lyric-sync 롤백하면 뭐로 돌아가요?", {"app_name": "lyric-sync"}),
    ("lyric-sync 되돌리면 어디까지 돌아가?", {"app_name": "lyric-sync"}),
    # The versions a rollback's relative clause (되는 / 될) modifies, asked for.
    ("lyric-sync 롤백될 버전 뭐야?", {"app_name": "lyric-sync"}),
    ("beat-grid 롤백 되는 커밋 어떤 거 있어?", {"app_name": "beat-grid"}),
    # A supposition in the past, with the name inside the verb or after it.
    ("if we reverted beat-grid, which release would it end up on?", {"app_name": "beat-grid"}),
    ("if I rolled lyric-sync back, which build would it go to?", {"app_name": "lyric-sync"}),
    # What a rollback, named by its noun or its gerund, would go back to.
    ("what would a revert of beat-grid return to?", {"app_name": "beat-grid"}),
    ("what would rolling back lyric-sync go back to?", {"app_name": "lyric-sync"}),
]


@pytest.mark.parametrize(("text", "args"), _WHERE_IT_GOES)
def test_what_a_rollback_would_go_back_to_lists_its_versions(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.LIST_ROLLBACK, args)
    assert interpret(text).interpretation.confidence < 0.9


_NOTHING_OF_OURS = [
    # Work about an operation: the operation's noun modifies a compound of work nouns, the last its head.
    "재시작 회고 보고서 양식 좀 만들어 줘",
    "롤백 절차 문서 템플릿 하나 만들어줘",
    "lyric-sync 롤백 문서 템플릿 만들어줘",
    # An amount asked of a noun none of our words names (set at, or just what it is).
    "beat-grid 구독료 단가 얼마로 책정돼 있어?",
    "beat-grid 음원 정산 단가 얼마야?",
    # What a change supposed would do, not where it goes, is still asked about the change.
    "lyric-sync 롤백하면 뭐가 달라져?",
    "lyric-sync 재시작하면 뭐로 바뀌어?",
    "what would a rollback of lyric-sync do?",
    "if I rolled back lyric-sync, would the cache be lost?",
]


@pytest.mark.parametrize("text", _NOTHING_OF_OURS)
def test_what_no_intent_answers_stays_unknown(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN, (text, result.intent, result.args)
    assert result.refused is None, text


_PLAIN = [
    # The same apps asked plainly read as before.
    ("lyric-sync 롤백해줘", Intent.ROLLBACK, {"app_name": "lyric-sync"}),
    ("roll back lyric-sync", Intent.ROLLBACK, {"app_name": "lyric-sync"}),
    ("lyric-sync 롤백 목록 보여줘", Intent.LIST_ROLLBACK, {"app_name": "lyric-sync"}),
    ("lyric-sync 배포해줘", Intent.DEPLOY, {"app_name": "lyric-sync"}),
    ("lyric-sync 배포하면 어디로 접속해?", Intent.ENDPOINT, {"app_name": "lyric-sync"}),
    ("beat-grid 상태 어때?", Intent.STATUS, {"app_name": "beat-grid"}),
    # An amount of ours: a count of pods (the word before the noun is ours), a cost.
    ("beat-grid 파드 수 얼마야?", Intent.STATUS, {"pod_name": "beat-grid", "resource_type": "pod"}),
    ("beat-grid 비용 얼마 나왔어?", Intent.COST_ANALYSIS, {"namespace": "beat-grid"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _PLAIN)
def test_the_plain_requests_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
