"""A command being read left to right: each recognised span is blanked so it is read only once."""

from __future__ import annotations

import re
from collections.abc import Callable

from klepaas_nlp.rules.lazy import Pattern

MatchFilter = Callable[[re.Match[str]], bool]


class MaskedText:
    """The command text; `take` blanks what it returns so later patterns never see it again.

    Blanking keeps every offset, so a match found later can still look at its true neighbours.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @property
    def text(self) -> str:
        return self._text

    def blank(self, start: int, end: int) -> None:
        self._text = self._text[:start] + " " * (end - start) + self._text[end:]

    def take_all(self, pattern: Pattern, accept: MatchFilter | None = None) -> list[re.Match[str]]:
        taken = [match for match in pattern.finditer(self._text) if accept is None or accept(match)]
        for match in taken:
            self.blank(match.start(), match.end())
        return taken

    def take_first(self, pattern: Pattern, accept: MatchFilter | None = None) -> re.Match[str] | None:
        for match in pattern.finditer(self._text):
            if accept is None or accept(match):
                self.blank(match.start(), match.end())
                return match
        return None

    def take_first_of(self, patterns: tuple[Pattern, ...], accept: MatchFilter | None = None) -> re.Match[str] | None:
        for pattern in patterns:
            match = self.take_first(pattern, accept)
            if match is not None:
                return match
        return None
