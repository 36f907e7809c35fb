"""Numbers as people type them: digits, Korean native numerals with counters, English words."""

from __future__ import annotations

import re

_KOREAN_UNITS: dict[str, int] = {
    "한": 1,
    "하나": 1,
    "두": 2,
    "둘": 2,
    "세": 3,
    "셋": 3,
    "석": 3,
    "네": 4,
    "넷": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
}
_KOREAN_TENS: dict[str, int] = {"열": 10, "스무": 20, "스물": 20}
_ENGLISH: dict[str, int] = {
    word: value
    for value, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        )
    )
}
_ENGLISH["a single"] = 1
_ENGLISH["single"] = 1
_ENGLISH["a couple of"] = 2

_UNIT_ALTERNATION = "|".join(sorted(_KOREAN_UNITS, key=len, reverse=True))
_KOREAN_NUMBER = rf"(?:(?:열|스무|스물)\s?(?:{_UNIT_ALTERNATION})?|(?:{_UNIT_ALTERNATION}))"
_ENGLISH_NUMBER = r"\b(?:" + "|".join(sorted(_ENGLISH, key=len, reverse=True)) + r")\b"

# A number that is not glued to a name on its left ("test01" or "web-2" are names, not counts).
NUMBER = rf"(?<![A-Za-z0-9_.-])(?:\d+|{_ENGLISH_NUMBER}|(?<![가-힣]){_KOREAN_NUMBER})"
NUMBER_GROUP = rf"(?P<number>{NUMBER})"

_KOREAN_SPLIT = re.compile(rf"(?P<tens>열|스무|스물)?\s?(?P<unit>{_UNIT_ALTERNATION})?")


def parse_number(token: str) -> int | None:
    """The value of one number token matched by NUMBER, or None when it is not a number."""
    word = token.strip().lower()
    if word.isdigit():
        return int(word)
    if word in _ENGLISH:
        return _ENGLISH[word]
    match = _KOREAN_SPLIT.fullmatch(word)
    if match is None or not (match["tens"] or match["unit"]):
        return None
    tens = _KOREAN_TENS[match["tens"]] if match["tens"] else 0
    unit = _KOREAN_UNITS[match["unit"]] if match["unit"] else 0
    return tens + unit
