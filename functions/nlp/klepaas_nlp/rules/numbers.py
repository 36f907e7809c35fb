"""Numbers as people type them: digits, Korean native and Sino-Korean numerals, English words."""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyAlternation, LazyPattern

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
_KOREAN_TENS: dict[str, int] = {
    "열": 10,
    "스무": 20,
    "스물": 20,
    "서른": 30,
    "마흔": 40,
    "쉰": 50,
    "예순": 60,
    "일흔": 70,
    "여든": 80,
    "아흔": 90,
}
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
# The tens, and a hundred: "fifty lines", "the last thirty".
_ENGLISH.update({word: 10 * tens for tens, word in enumerate(("thirty", "forty", "fifty", "sixty"), start=3)})
_ENGLISH.update({"seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100})
_ENGLISH["a single"] = 1
_ENGLISH["single"] = 1
_ENGLISH["a couple of"] = 2
# A dozen counts twelve, as a word of its own or a multiple or half of it ("half a dozen", "two dozen").
_ENGLISH.update({"a dozen": 12, "one dozen": 12, "half a dozen": 6, "a half dozen": 6, "half-dozen": 6})
_ENGLISH.update({"two dozen": 24, "three dozen": 36, "a couple dozen": 24, "a couple of dozen": 24, "couple dozen": 24})

_SINO_DIGITS: dict[str, int] = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
# Sino-Korean only with 십 or 백 in it ("오십", "백", "이십오"), and only before a counter or a non-word:
# a bare "이" or "사" is far more often a word, and "백업" is no number.
_SINO_NUMBER = (
    r"(?:[이삼사오육칠팔구]?백(?:[이삼사오육칠팔구]?십)?|[이삼사오육칠팔구]?십)[일이삼사오육칠팔구]?"
    r"(?=\s*(?:$|(?-i:[^가-힣\s])|줄|라인|행|개|대|단계|스텝|번|버전|으로|로|더|씩))"
)
_SINO_SPLIT = LazyPattern(
    r"(?:(?P<hundreds>[이삼사오육칠팔구])?(?P<h>백))?(?:(?P<tens>[이삼사오육칠팔구])?(?P<t>십))?(?P<unit>[일이삼사오육칠팔구])?"
)

_UNIT_ALTERNATION = "|".join(sorted(_KOREAN_UNITS, key=len, reverse=True))
# 다스 (a dozen) counts twelve, as English "a dozen" does: "한 다스", "두 다스", "반 다스" (half of one).
_KOREAN_DOZENS: dict[str, float] = {"한": 1, "두": 2, "세": 3, "반": 0.5}
_KOREAN_DOZEN = LazyPattern(r"(?P<many>한|두|세|반)\s?다스")
_TENS_ALTERNATION = "|".join(_KOREAN_TENS)
_KOREAN_NUMBER = (
    rf"(?:(?:한|두|세|반)\s?다스|(?:{_TENS_ALTERNATION})\s?(?:{_UNIT_ALTERNATION})?|(?:{_UNIT_ALTERNATION}))"
)
_ENGLISH_NUMBER = r"\b(?:" + "|".join(sorted(_ENGLISH, key=len, reverse=True)) + r")\b"
# A count in digits or English words, without the Korean ones (cheap to compile).
LATIN_NUMBER = rf"(?:\d+\b|{_ENGLISH_NUMBER})"

# A Hangul syllable. Scoped out of IGNORECASE (Hangul has no case): under it, `re` folds each of the
# 11,172 code points of the range at compile time, which was most of a cold instance's first
# interpretation (issue 19).
HANGUL = r"(?-i:[가-힣])"

# A number that is not glued to a name on its left ("test01" or "web-2" are names, not counts).
NUMBER = rf"(?<![A-Za-z0-9_.-])(?:\d+|{_ENGLISH_NUMBER}|(?<!{HANGUL})(?:{_SINO_NUMBER}|{_KOREAN_NUMBER}))"
NUMBER_GROUP = rf"(?P<number>{NUMBER})"

# Patterns that read a count beside its counter word ("3 replicas", "최근 다섯 줄") see the command
# with each number token replaced by these private-use marks, of the same length so every offset
# stays: `NUMBER` is compiled once here rather than inside each of those patterns (compiling it
# was most of a cold instance's first interpretation, issue 19), and a count is always a whole
# token ("최근 30분" holds no count of 3). The marks are letters (Yi syllables: no case, matched by
# no pattern), so a word boundary beside a token is where it was; the first one opens a token, so
# two tokens side by side ("다섯3") stay two.
#
# NUMBER's three kinds are read apart (an alternation of them finds the same tokens, see
# LazyAlternation), so a command without English or Korean number words compiles only the digits.
_NOT_GLUED = r"(?<![A-Za-z0-9_.-])"
_NUMBER_TOKEN = LazyAlternation(
    LazyPattern(rf"{_NOT_GLUED}\d+", re.IGNORECASE),
    LazyPattern(rf"{_NOT_GLUED}{_ENGLISH_NUMBER}", re.IGNORECASE, needs=tuple(_ENGLISH)),
    LazyPattern(
        rf"{_NOT_GLUED}(?<!{HANGUL})(?:{_SINO_NUMBER}|{_KOREAN_NUMBER})",
        re.IGNORECASE,
        needs=(*_KOREAN_UNITS, *_KOREAN_TENS, "백", "십", "다스"),  # a Sino-Korean number holds 백 or 십
    ),
)
_OPEN, _REST = "\ua000", "\ua001"
# The marks as typed by someone become another such letter, which no pattern reads either.
_TYPED_MARKS = {ord(_OPEN): "\ua002", ord(_REST): "\ua002"}
# A whole token only: never its first marks, whatever follows.
MARKED_NUMBER = f"(?P<number>{_OPEN}{_REST}*)(?!{_REST})"
# What every match of a pattern holding MARKED_NUMBER holds: a text with no number has none.
NUMBER_MARK = _OPEN


def mark_numbers(text: str) -> str:
    """``text`` with each number token replaced by marks that :data:`MARKED_NUMBER` matches (a
    space the token took before a missing unit, as in "스물 ", stays a space for what follows)."""
    return _NUMBER_TOKEN.sub(_marks, text.translate(_TYPED_MARKS))


def _marks(match: re.Match[str]) -> str:
    token = match[0]
    number = token.rstrip()
    return _OPEN + _REST * (len(number) - 1) + token[len(number) :]


_KOREAN_SPLIT = LazyPattern(rf"(?P<tens>{_TENS_ALTERNATION})?\s?(?P<unit>{_UNIT_ALTERNATION})?")


def parse_number(token: str) -> int | None:
    """The value of one number token matched by NUMBER, or None when it is not a number."""
    word = token.strip().lower()
    if word.isdigit():
        return int(word)
    if word in _ENGLISH:
        return _ENGLISH[word]
    sino = _sino_value(word)
    if sino is not None:
        return sino
    dozen = _KOREAN_DOZEN.fullmatch(word)
    if dozen is not None:
        return int(12 * _KOREAN_DOZENS[dozen["many"]])
    match = _KOREAN_SPLIT.fullmatch(word)
    if match is None or not (match["tens"] or match["unit"]):
        return None
    tens = _KOREAN_TENS[match["tens"]] if match["tens"] else 0
    unit = _KOREAN_UNITS[match["unit"]] if match["unit"] else 0
    return tens + unit


def _sino_value(word: str) -> int | None:
    match = _SINO_SPLIT.fullmatch(word)
    if match is None or not (match["h"] or match["t"]):
        return None
    hundreds = _SINO_DIGITS.get(match["hundreds"] or "", 1) if match["h"] else 0
    tens = _SINO_DIGITS.get(match["tens"] or "", 1) if match["t"] else 0
    return hundreds * 100 + tens * 10 + _SINO_DIGITS.get(match["unit"] or "", 0)
