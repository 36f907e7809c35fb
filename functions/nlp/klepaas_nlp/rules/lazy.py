"""Regular expressions compiled at their first use, not at import.

Compiling every rule's pattern at import cost a cold instance's first interpretation about 60 ms
(issue 19), most of it in character classes over the 11,172 Hangul syllables (``[가-힣]``), which
Python's compiler expands one code point at a time. A pattern that a command does not reach (a
keyword family read after the decision was made, a repair whose letters are not in the text) is
now compiled only for the first command that does reach it; what it matches does not change.

A pattern may also name the words it ``needs``: every match holds one of them. A text that holds
none of them is answered "no match" without compiling or running the pattern. The text is folded
first (lower case, and the letters that case-insensitive matching equates with ASCII ``i`` and
``s`` made ASCII), so a word found by ``re.IGNORECASE`` is always found by the fold.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

# İ (U+0130) and ı (U+0131) match "i", ſ (U+017F) matches "s" under re.IGNORECASE; the Kelvin
# sign, the only other such letter, lowers to "k" by itself.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """``text`` as the needs of a pattern are looked for in it."""
    return text.translate(_FOLD).lower()


class LazyPattern:
    """``re.compile(source, flags)`` on first use; the methods the rules use, with re's meaning."""

    __slots__ = ("_compiled", "flags", "needs", "source")

    def __init__(self, source: str, flags: int = 0, *, needs: tuple[str, ...] = ()) -> None:
        if any(word != fold(word) or not word for word in needs):
            raise ValueError(f"needs must be non-empty folded words: {needs!r}")
        self.source = source
        self.flags = flags
        self.needs = needs
        self._compiled: re.Pattern[str] | None = None

    def may_match(self, string: str) -> bool:
        """False only when ``string`` holds none of the words every match holds."""
        if not self.needs:
            return True
        folded = fold(string)
        return any(word in folded for word in self.needs)

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.source, self.flags)
        return compiled

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos) if self.may_match(string) else None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos) if self.may_match(string) else None

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos) if self.may_match(string) else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos) if self.may_match(string) else iter(())

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count) if self.may_match(string) else string

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit) if self.may_match(string) else [string]

    def __repr__(self) -> str:
        return f"LazyPattern({self.source!r}, {self.flags!r}, needs={self.needs!r})"


Pattern = re.Pattern[str] | LazyPattern
"""What the scanners take: a compiled pattern or a lazy one."""
