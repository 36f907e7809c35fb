"""Counts read beside their counter words: a count is always a whole number token as the command
writes it (the counter patterns read the command with each number token marked, issue 19)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klepaas_nlp.rules.numbers import mark_numbers
from klepaas_nlp.rules.quantities import Quantities, take_quantities
from klepaas_nlp.rules.scan import MaskedText


def _read(text: str) -> tuple[Quantities, str]:
    masked = MaskedText(text)
    return take_quantities(masked), masked.text


@pytest.mark.parametrize(
    "text",
    [
        "최근 30분 로그",  # a duration, not 3 lines and a stray 0
        "last 30 minutes of logs",
        "last 열다섯 minutes",  # not 열 (10) lines
        "마지막 12 분",
    ],
)
def test_a_count_is_never_the_first_part_of_a_longer_number(text: str) -> None:
    found, left = _read(text)
    assert found == Quantities()
    assert left == text  # nothing taken


@pytest.mark.parametrize(
    ("text", "expected", "left"),
    [
        ("마지막 20줄", Quantities(lines=20), "마지막    "),
        ("최근 열다섯 줄", Quantities(lines=15), "최근      "),
        ("3단계 전으로", Quantities(steps_back=3), "     으로"),
        ("스무 한 개로", Quantities(replicas=21), "      로"),
        ("스물 more", Quantities(replicas_relative=True), "       "),  # the space after 스물 is still there
        ("tail 50", Quantities(lines=50), "       "),
        ("x3", Quantities(replicas=3), "  "),
        ("다섯3개", Quantities(replicas=3), "다섯  "),  # two tokens side by side stay two
        ("a single replica", Quantities(replicas=1), " " * 16),
    ],
)
def test_counts_beside_their_counter_words(text: str, expected: Quantities, left: str) -> None:
    assert _read(text) == (expected, left)


@pytest.mark.parametrize("text", ["\ua000개 늘려", "레플리카 \ua000\ua001", "replicas \ua000"])
def test_typed_marks_are_no_number(text: str) -> None:
    assert _read(text) == (Quantities(), text)


@given(st.text(max_size=40))
def test_marking_keeps_every_offset(text: str) -> None:
    marked = mark_numbers(text)
    assert len(marked) == len(text)
    # Only number tokens change; what is not a mark is the command's own character.
    assert all(m == t or m in "\ua000\ua001\ua002" for m, t in zip(marked, text, strict=True))


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["줄", " lines", "개", " replicas", "단계 전"]))
def test_any_written_count_is_read_whole(number: int, counter: str) -> None:
    found, _ = _read(f"{number}{counter}")
    assert number in (found.lines, found.replicas, found.steps_back)


@pytest.mark.parametrize(
    ("text", "replicas"),
    [
        ("3개는 너무 많아 1개로 줄여줘", 1),  # the goal particle marks the count to set; 3 is the current one
        ("3개에서 5개로 늘려줘", 5),
        ("from 3 to 5 replicas", 5),
    ],
)
def test_the_count_marked_as_the_goal_wins(text: str, replicas: int) -> None:
    found, _ = _read(text)
    assert found.replicas == replicas and not found.replicas_conflict


@pytest.mark.parametrize("text", ["3개 5개 배포", "레플리카 2 그리고 4개"])
def test_two_unmarked_counts_conflict(text: str) -> None:
    assert _read(text)[0].replicas_conflict
