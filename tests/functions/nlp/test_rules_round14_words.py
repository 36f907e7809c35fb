"""Issue 24, round 14: words, reads and requests that are not ours. Restart and rollback verbs
(새로 시작, 되감다), the pods' count, 할 줄 앎, 되돌릴만한, plural services alone, reaching from outside,
a word sent before its last vowel; a bill's kind is no namespace; and requests whose object is none
of the platform's things (a how-to of another job, "what's a <noun> for", an output as a file, an
amount of something else, a foreign thing's result) read as unknown.

New phrasings (none is a line of a dev set).
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_within as _reads


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("ledger-api 새로 시작해줘", Intent.RESTART, {"app_name": "ledger-api"}),
        ("quota-svc 두 단계 뒤로 되감아 줘", Intent.ROLLBACK, {"app_name": "quota-svc"}),
        ("lab-portal 되감기 해줘", Intent.ROLLBACK, {"app_name": "lab-portal"}),
        ("넌 뭘 할 줄 앎?", Intent.LIST_COMMANDS, {}),
        ("audit-tool 돌아갈만한 버전 있어?", Intent.LIST_ROLLBACK, {"app_name": "audit-tool"}),
        ("harbor-ops 서비스들", Intent.LIST_SERVICES, {"namespace": "harbor-ops"}),
        ("harbor-ops 디플로이먼트들?", Intent.LIST_DEPLOYMENTS, {"namespace": "harbor-ops"}),
        ("how can i hit seat-map from the outside", Intent.ENDPOINT, {}),
        ("bed-tracker 로ㄱ 좀", Intent.LOGS, {"app_name": "bed-tracker"}),
        ("지난달 hosting cost 보여줘", Intent.COST_ANALYSIS, {}),
    ],
)
def test_words_of_our_requests(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


def test_the_pods_count_changed_is_a_scale_missing_its_count() -> None:
    _reads("meal-order 파드 수 변경해줘", Intent.SCALE, {"app_name": "meal-order"}, ["replicas"])


def test_a_word_cut_before_its_vowel_is_repaired_only_as_a_whole_word() -> None:
    # "…으로ㄱ" is a goal and "go", not a cut 로그.
    assert interpret("menu-api 프로덕션으로ㄱ").interpretation.intent is not Intent.LOGS


@pytest.mark.parametrize(
    "text",
    [
        # A how-to of a job that is none of ours.
        "how do I bake sourdough for the team party?",
        "how can we translate the menu-api docs into Spanish",
        # "what's a <noun> for": a noun that is none of ours.
        "what is a nice slogan for the quiz-engine launch?",
        # An output asked for as a file.
        "사용량 데이터 csv로 내보내줘",
        "export the pod list to a spreadsheet",
        # An amount of something else.
        "택배 배송비 얼마 나왔어?",
        # The result of something that is not ours.
        "학생 박OO 성적결과 알려줘",
    ],
)
def test_requests_about_something_else_are_unknown(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.UNKNOWN, text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The same shapes over our own things stay ours.
        ("how do I access grade-book from home?", Intent.ENDPOINT),
        ("how can we reduce costs in clinic-prod?", Intent.COST_ANALYSIS),
        ("what's the url for seat-map?", Intent.ENDPOINT),
        ("이번 주 인프라비 대략 얼마 나왔어?", Intent.COST_ANALYSIS),
        ("ledger-api 배포결과 알려줘", Intent.STATUS),
    ],
)
def test_the_same_shapes_about_our_things_stay_ours(text: str, intent: Intent) -> None:
    assert interpret(text).interpretation.intent is intent, text
