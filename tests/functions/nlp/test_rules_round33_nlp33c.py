"""Round 33 (nlp33c): a correction after the request. The speaker asks, then puts another value of the same
kind in place of one the request took (a count in digits or words, the steps, a commit, an environment, a
namespace, the name), after a word taking back (아니, 아니아니, 아니다, 정정, 죄송해요, 잘못 말했네, I mean,
scratch that, actually no, make that, sorry) or a pause (아, er): the last value replaces the first, the act
stays the request's. A correction that takes the count back without one that can be read in its place leaves
it asked, never the first proposed; remarks and second counts of another thing are no corrections."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_REPLACED = [
    # A count in Korean words, the correction after an apology, with a copula or particle.
    ("qsync-api를 다섯 개로 늘려요. 아, 죄송해요, 세 개요.", Intent.SCALE, {"app_name": "qsync-api", "replicas": 3}),
    ("qsync-api 네 개로 늘려줘 아 잠깐 여섯 개", Intent.SCALE, {"app_name": "qsync-api", "replicas": 6}),
    ("qsync-api 일곱개로 늘려 잘못말했네 일곱개말고 다섯개", Intent.SCALE, {"app_name": "qsync-api", "replicas": 5}),
    # A doubled 아니, glued to the verb as typed in a hurry.
    ("qsync-api 7개로스케일 아니아니 2개", Intent.SCALE, {"app_name": "qsync-api", "replicas": 2}),
    # The steps back, in words, after 아니 or a pause alone.
    ("grid-relay 세 단계 전으로 되돌려줘, 아니 두 단계", Intent.ROLLBACK, {"app_name": "grid-relay", "steps_back": 2}),
    ("grid-relay 세단계전으로 롤백 아 한단계", Intent.ROLLBACK, {"app_name": "grid-relay", "steps_back": 1}),
    # A reason before the value: the remark asks nothing, the value closes the correction.
    ("qsync-api 8개로 늘리고… 아니다 너무 많아, 4개", Intent.SCALE, {"app_name": "qsync-api", "replicas": 4}),
    # English: scratch that, actually no, make that, er; the count said to be enough.
    ("Scale qsync-api to 9, scratch that, 3 is enough.", Intent.SCALE, {"app_name": "qsync-api", "replicas": 3}),
    ("qsync-api scale 2, actually no, 4로 해줘", Intent.SCALE, {"app_name": "qsync-api", "replicas": 4}),
    ("Scale qsync-api to 7, make that 2.", Intent.SCALE, {"app_name": "qsync-api", "replicas": 2}),
    ("scale qsync-api to 3 er 5", Intent.SCALE, {"app_name": "qsync-api", "replicas": 5}),
    ("scale qsync-api to five, no wait, three", Intent.SCALE, {"app_name": "qsync-api", "replicas": 3}),
    ("qsync-api 3개로 늘려줘. 정정: 5개", Intent.SCALE, {"app_name": "qsync-api", "replicas": 5}),
    # The commit, after an avowed slip.
    (
        "grid-relay b7e1c09로 롤백, 아 잘못 말했네 b7e1c0a",
        Intent.ROLLBACK,
        {"app_name": "grid-relay", "target_commit_sha": "b7e1c0a"},
    ),
    # The environment, with a copula, in Korean or English words.
    (
        "atlas-web을 staging에 배포하십시오. 아, 정정합니다. production입니다.",
        Intent.DEPLOY,
        {"app_name": "atlas-web", "environment": "production"},
    ),
    (
        "atlas-web 운영에 배포해줘, 아 죄송합니다, 스테이징이요",
        Intent.DEPLOY,
        {"app_name": "atlas-web", "environment": "staging"},
    ),
    # The namespace of a request that names no app.
    ("Show the pods in orbit-dev. I mean orbit-qa.", Intent.LIST_PODS, {"namespace": "orbit-qa"}),
    # The name, corrected before the request is said.
    ("atlas-wbe 아니 atlas-web 엔드포인트 알려줘", Intent.ENDPOINT, {"app_name": "atlas-web"}),
    # The count of a read named by its nouns only, after a remark on the limit.
    ("atlas-web logs 300 lines... 아 max가 100이지, 80 lines로", Intent.LOGS, {"app_name": "atlas-web", "lines": 80}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _REPLACED)
def test_the_value_after_a_correction_replaces_the_first(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_UNSETTLED = [
    # The count taken back, none given that can be read: asked, never the first one.
    ("qsync-api 5개로 늘려줘 아니다 그보다는 적게", Intent.SCALE, {"app_name": "qsync-api"}, ["replicas"]),
    ("qsync-api 5개로 늘려줘, 아니 7개였나", Intent.SCALE, {"app_name": "qsync-api"}, ["replicas"]),
    ("scale qsync-api to 5, actually maybe 7?", Intent.SCALE, {"app_name": "qsync-api"}, ["replicas"]),
    ("grid-relay 2단계 롤백, 아 아니 3단계였나 4단계였나", Intent.ROLLBACK, {"app_name": "grid-relay"}, ["steps_back"]),
]


@pytest.mark.parametrize(("text", "intent", "args", "missing"), _UNSETTLED)
def test_a_count_taken_back_without_a_readable_one_is_asked(
    text: str, intent: Intent, args: dict[str, object], missing: list[str]
) -> None:
    reads_exactly(text, intent, args, missing)
    assert interpret(text).interpretation.confidence < 0.9


_UNCHANGED = [
    # A second count of another thing is no correction.
    ("qsync-api 3개로 늘려줘 아 50줄", Intent.SCALE, {"app_name": "qsync-api", "replicas": 3}),
    # A remark after 아니 corrects nothing.
    ("qsync-api 4개로 늘려줘 아니 왜 안 돼", Intent.SCALE, {"app_name": "qsync-api", "replicas": 4}),
    ("atlas-web 재시작해 주세요. 아, 죄송해요, 급해서요", Intent.RESTART, {"app_name": "atlas-web"}),
    ("restart atlas-web, sorry for the noise", Intent.RESTART, {"app_name": "atlas-web"}),
    ("scale atlas-web to 4, I mean it", Intent.SCALE, {"app_name": "atlas-web", "replicas": 4}),
    ("deploy atlas-web to staging, er, thanks", Intent.DEPLOY, {"app_name": "atlas-web", "environment": "staging"}),
    # "네" alone after a request is a yes, no count.
    ("atlas-web 세 개로 늘려 줘, 네?", Intent.SCALE, {"app_name": "atlas-web", "replicas": 3}),
    # What was told before the correction is no request to rewrite; the request after it is read.
    (
        "qsync-api 여섯 개로 늘려 달라고 했는데 잘못 말했네, 세 개로 해줘",
        Intent.SCALE,
        {"app_name": "qsync-api", "replicas": 3},
    ),
    ("qsync-api has 2 replicas, make it 6", Intent.SCALE, {"app_name": "qsync-api", "replicas": 6}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _UNCHANGED)
def test_near_misses_are_no_corrections(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_two_acts_with_a_count_corrected_stay_two() -> None:
    # The correction's count replaces the nearest count; the two acts are still two.
    reads_exactly("qsync-api 3개로 늘리고 로그 50줄, 아니 100", Intent.AMBIGUOUS, {})


@pytest.mark.parametrize(
    "text",
    [
        "atlas-web 배포해줘, 아 잘못 말했네 취소",
        "atlas-web 배포해줘 잘못 썼어요",
        "Scale atlas-web to 8, scratch that.",
    ],
)
def test_a_slip_with_nothing_in_its_place_takes_the_request_back(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
