"""Counts in a command: replicas, log lines and rollback steps, each recognised by its counter word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from klepaas_nlp.rules.numbers import HANGUL, NUMBER_GROUP, parse_number
from klepaas_nlp.rules.scan import MaskedText

_I = re.IGNORECASE
_KOREAN_DIGITS = r"하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉"
_STANDALONE_KOREAN = rf"(?<!{HANGUL})(?:열\s?(?:{_KOREAN_DIGITS})?|스물|{_KOREAN_DIGITS})"
_REPLICA_WORD = r"(?:replicas?|레플리카|복제본|인스턴스|instances?|copies|pods?|파드|팟)"

_STEPS = (
    re.compile(
        rf"{NUMBER_GROUP}\s*(?:단계|스텝|steps?|versions?|버전|번째|번|개|releases?|deploy(?:ment)?s?)\s*"
        r"(?:의\s*)?(?:전(?![부체])|이전|앞|뒤로|back|before|ago|earlier|previous)",
        _I,
    ),
    re.compile(
        rf"(?:\bback|이전|\bprevious)\s*(?:by\s*)?{NUMBER_GROUP}\s*(?:versions?|steps?|단계|버전|releases?)",
        _I,
    ),
    re.compile(rf"\bsteps?[_ ]?back\s*[:=]?\s*{NUMBER_GROUP}", _I),
    re.compile(rf"{NUMBER_GROUP}\s*(?:steps?\b|단계|versions?\b|releases?\b)", _I),
)
_LINES = (
    re.compile(rf"{NUMBER_GROUP}\s*(?:줄|라인|행|lines?\b|rows?\b)", _I),
    re.compile(r"(?:--tail|\btail(?:\s+-n)?|\blines?)\s*[:=]?\s*(?P<number>\d+)", _I),
    re.compile(
        rf"(?:\blast|마지막|최근)\s*{NUMBER_GROUP}"
        r"(?!\s*(?:분|시간|초|일|min|minutes?|hours?|seconds?|days?|개|대))",
        _I,
    ),
)
_RELATIVE = (
    re.compile(rf"{NUMBER_GROUP}\s*(?:개|대)?\s*(?:더|추가|씩)", _I),
    # Without 로 the count is how many to add or take away: "두 개 줄여줘" (but "두 개로 줄여줘" sets it).
    re.compile(rf"{NUMBER_GROUP}\s*(?:개|대)\s*(?:늘려|늘리|줄여|줄이)", _I),
    re.compile(rf"\bby\s+{NUMBER_GROUP}", _I),
    re.compile(rf"{NUMBER_GROUP}\s+(?:more|fewer|less|extra|additional)\b", _I),
    re.compile(rf"\badd\s+{NUMBER_GROUP}", _I),
)
_REPLICAS = (
    re.compile(rf"{_REPLICA_WORD}\s*(?:수|개수|count)?\s*(?:를|을|는|은)?\s*(?:to\s+|=|:)?\s*{NUMBER_GROUP}", _I),
    re.compile(rf"{NUMBER_GROUP}\s*(?:개|대|{_REPLICA_WORD})", _I),
    re.compile(r"(?<![A-Za-z0-9])x\s?(?P<number>\d+)(?![A-Za-z0-9])", _I),
    re.compile(rf"\bto\s+{NUMBER_GROUP}(?![A-Za-z0-9:.])", _I),
    re.compile(
        rf"(?:스케일(?:링)?|\bscale)(?:\s*(?:up|down|out|in|업|다운|아웃|인))?\s*(?:to\s+)?{NUMBER_GROUP}(?![0-9])",
        _I,
    ),
    re.compile(rf"(?P<number>(?<![A-Za-z0-9_.-])\d+|{_STANDALONE_KOREAN})\s*(?:으로|로)"),
)


@dataclass(slots=True)
class Quantities:
    replicas: int | None = None
    replicas_relative: bool = False
    lines: int | None = None
    steps_back: int | None = None


def _value(match: re.Match[str] | None) -> int | None:
    return None if match is None else parse_number(match["number"])


def take_quantities(masked: MaskedText) -> Quantities:
    """Blank and return the step count, line count and replica count in `masked`, in that order."""
    found = Quantities()
    found.steps_back = _value(masked.take_first_of(_STEPS))
    found.lines = _value(masked.take_first_of(_LINES))
    found.replicas_relative = masked.take_first_of(_RELATIVE) is not None
    found.replicas = _value(masked.take_first_of(_REPLICAS))
    return found
