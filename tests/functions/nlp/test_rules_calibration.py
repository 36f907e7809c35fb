"""The rules claim SKIP_CONFIDENCE only on reading paths measured right every time (issue 24, round 3).

The precision per path is recomputed from the dev and regression corpora (calibrate.py); a sure
path that drops below 100 %, or below its minimum support, fails here, and so does a table in
corpus/CALIBRATION.md that no longer says which paths are sure.
"""

from __future__ import annotations

import json
import re

import pytest

from klepaas_nlp.rules import calibration, interpret

from .calibrate import FIRST_SIGHT, HERE, TABLE, PathFigures, earned, first_sight, measure, record_first_sight

# The first test to ask for `figures` reads every development command (26,000) unless the dev-set score read
# them first in this run; alone, on a machine busy with other work, that took more than the default timeout.
pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def figures() -> dict[tuple[str, str], PathFigures]:
    return measure()


def test_every_sure_path_is_still_right_every_time_with_enough_support(
    figures: dict[tuple[str, str], PathFigures],
) -> None:
    assert calibration.SURE_PATHS, "no path is sure: the table was never generated"
    for kind, path in sorted(calibration.SURE_PATHS):
        row = figures.get((kind, path))
        assert row is not None, f"{kind} {path}: no answer read on it any more"
        bound = calibration.precision_bound(row.right, row.support)
        assert bound >= calibration.MIN_PRECISION_BOUND, f"{kind} {path}: support {row.support}, bound {bound:.1%}"
        assert row.right == row.support, f"{kind} {path}: {row.precision:.1%}, wrong: {row.wrong}"
        assert row.every_intent_right, f"{kind} {path}: {row.by_intent}"
        assert calibration.admissible(kind, path)


def test_the_generated_table_names_the_same_sure_paths(figures: dict[tuple[str, str], PathFigures]) -> None:
    written = set(re.findall(r"^\| (\w+) \| `([^`]+)` \|.*\| \*\*yes\*\* \|$", TABLE.read_text(encoding="utf-8"), re.M))
    assert written == set(calibration.SURE_PATHS)
    earned_now = {key for key, row in figures.items() if earned(*key, row)}
    assert set(calibration.SURE_PATHS) <= earned_now


def test_nothing_wrong_on_the_measured_corpora_claims_to_be_sure(figures: dict[tuple[str, str], PathFigures]) -> None:
    for (kind, path), row in figures.items():
        if row.wrong:
            assert (kind, path) not in calibration.SURE_PATHS, f"{kind} {path}: {row.wrong}"


def test_no_sure_path_was_ever_caught_wrong_at_first_sight() -> None:
    """Sets written blind are read once before anything is tuned to them (first_sight.jsonl): a path
    that misread them has shown how it fails on unseen text, however right it is on the tuned corpora."""
    rounds, seen = first_sight()
    assert rounds and sum(answers for _, answers in seen.values()) >= 400, "too little seen at first sight"
    for key in calibration.SURE_PATHS:
        right, answers = seen.get(key, (0, 0))
        assert right == answers, f"{key}: {right} of {answers} right at first sight ({rounds})"


def test_an_attack_is_never_recorded_as_first_sight() -> None:
    """An attack is written to fail where the rules are weak: it says nothing of how often unseen text fails."""
    recorded = FIRST_SIGHT.read_bytes()
    with pytest.raises(SystemExit, match="an attack is not first sight"):
        record_first_sight(
            "round x", [HERE / "corpus" / "dev_yc_2026_12.jsonl", HERE / "corpus" / "dev_redteam11_2026_12.jsonl"]
        )
    assert FIRST_SIGHT.read_bytes() == recorded
    sets = {json.loads(line)["set"] for line in recorded.decode().splitlines() if line.strip()}
    assert sets and not any(name.startswith("dev_redteam") for name in sets)


def test_a_mutation_needs_a_typed_target_and_an_explicit_predicate() -> None:
    assert not calibration.admissible("mutation", "korean/act/lead")  # "web-app 배포해줘": the name from its place
    assert not calibration.admissible("mutation", "korean_bare/act/repo")  # "K-Le-PaaS/test01 배포": no ending
    assert not calibration.admissible("mutation", "none/nouns/marked")  # no predicate at all
    assert calibration.admissible("mutation", "korean/act/marked")
    assert calibration.admissible("read", "korean/keyword/lead")  # a read may take its target from its place


def test_twenty_right_answers_prove_too_little_and_seventy_three_enough() -> None:
    assert calibration.precision_bound(20, 20) < 0.85  # right 20 of 20: maybe wrong one time in six
    assert calibration.precision_bound(72, 72) < calibration.MIN_PRECISION_BOUND
    assert calibration.precision_bound(73, 73) >= calibration.MIN_PRECISION_BOUND
    assert calibration.precision_bound(199, 200) < calibration.precision_bound(200, 200)
    assert calibration.precision_bound(0, 0) == 0.0


@pytest.mark.parametrize(
    ("text", "sure"),
    [
        # a repository target with a Korean verb: 226 of 226 right at first sight until round 22, whose
        # first sight read a slashed branch name ("브랜치 release/2026.12") as the repository
        ("K-Le-PaaS/test01 3개로 늘려줘", False),
        ("K-Le-PaaS/test01을 재시작해줘", False),
        # a target marked by its particle: right on the tuned corpora, but one miss in 19 at round 7's first sight
        ("web-app을 재시작해줘", False),
        ("web-app 재시작해줘", False),
        ("restart web-app", False),
        ("web-app 재시작", False),
        # a read of a kind named in English: 399 of 399 right until round 25's first sight read three
        # namespaces named by a word of load ("list pods in traffic") as none
        ("show me the pods", False),
        ("K-Le-PaaS/test01 로그 보여줘", True),
        # a read chosen by its Korean kind word: one miss at round 10's first sight
        ("파드 목록 보여줘", False),
        # a read whose target is the name in front: one miss in 39 at round 9's first sight
        ("web-app 로그 보여줘", False),
        ("web-app 어때?", False),
    ],
)
def test_the_confidence_follows_the_path(text: str, sure: bool) -> None:
    got = interpret(text).interpretation
    assert (got.confidence >= calibration.SKIP_CONFIDENCE) is sure, (got, interpret(text).path)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A number no slot took: it meant something the reading missed.
        ("K-Le-PaaS/test01을 7 배포해줘", "deploy"),
        # A bare name beside the repository taken as the target: a second candidate target.
        ("K-Le-PaaS/test01 web 배포해줘", "deploy"),
        # A count with no counter word, and no scale verb to make it one: 3 what?
        ("web을 3으로 배포해줘", "deploy"),
        ("deploy K-Le-PaaS/test01 to 3", "deploy"),
        # A change asked about ("may I?"), not plainly asked for.
        ("K-Le-PaaS/test01을 배포해도 될까?", "deploy"),
    ],
)
def test_what_the_reading_left_unread_keeps_it_below_the_skip_threshold(text: str, intent: str) -> None:
    got = interpret(text).interpretation
    assert got.intent.value == intent
    assert got.confidence < calibration.SKIP_CONFIDENCE, (got, interpret(text).path)


@pytest.mark.parametrize(
    "text",
    ["K-Le-PaaS/test01 3개로 늘려줘", "K-Le-PaaS/test01을 3으로 늘려줘", "K-Le-PaaS/test01 5개로 스케일해줘"],
)
def test_a_count_said_with_its_counter_or_its_scale_verb_is_read_not_left_unread(text: str) -> None:
    """The count fills replicas, so the path (not a penalty for something unread) decides the claim."""
    read = interpret(text)
    assert read.interpretation.args["replicas"] in (3, 5) and not read.path.endswith("/unread"), read.path
