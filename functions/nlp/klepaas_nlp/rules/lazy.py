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
_FOLDED = tuple(chr(code) for code in _FOLD)


def fold(text: str) -> str:
    """``text`` as the needs of a pattern are looked for in it."""
    # translate() with a table runs in Python-level steps per letter (30 µs on a 500-letter command,
    # read by every guarded pattern): only a text that holds one of those letters needs it.
    if any(letter in text for letter in _FOLDED):
        text = text.translate(_FOLD)
    return text.lower()


# The last text folded and its fold: the rules read one text with many patterns in a row.
_last_fold: tuple[str, str] = ("", "")


def _folded(text: str) -> str:
    global _last_fold  # noqa: PLW0603 - a one-entry cache; a tuple is replaced whole, never torn
    seen, folded = _last_fold
    if text is not seen:
        folded = fold(text)
        _last_fold = (text, folded)
    return folded


class LazyPattern:
    """``re.compile(source, flags)`` on first use; the methods the rules use, with re's meaning."""

    __slots__ = ("_compiled", "_last_checked", "flags", "needs", "source")

    def __init__(self, source: str, flags: int = 0, *, needs: tuple[str, ...] = ()) -> None:
        joined = "\n".join(needs)  # folded at once: hundreds of patterns are made at import
        if not all(needs) or fold(joined) != joined:
            raise ValueError(f"needs must be non-empty folded words: {needs!r}")
        self.source = source
        self.flags = flags
        self.needs = needs
        self._compiled: re.Pattern[str] | None = None
        # The last text checked and the answer: a pattern is often tried at many places of one text
        # (a window per word of a 500-letter command), and the answer is the same for all of them.
        self._last_checked: tuple[str, bool] = ("", False)

    def may_match(self, string: str) -> bool:
        """False only when ``string`` holds none of the words every match holds."""
        if not self.needs:
            return True
        seen, answer = self._last_checked
        if string is seen:
            return answer
        folded = _folded(string)
        answer = False
        for word in self.needs:  # a plain loop: a generator under any() costs more than the look-ups
            if word in folded:
                answer = True
                break
        self._last_checked = (string, answer)
        return answer

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


class LazyAlternation:
    """The pattern ``b0|b1|...`` as its branches, each a LazyPattern, so a text compiles and runs
    only the branches whose needed words it holds (one big alternation compiles whole).

    It finds what the joined pattern finds: at the leftmost place where any branch matches, the
    first branch (in order) that matches there, with that branch's match. No branch may match an
    empty text (tests check it), so successive matches never meet at one place."""

    __slots__ = ("branches",)

    def __init__(self, *branches: LazyPattern) -> None:
        self.branches = branches

    def fullmatch(self, string: str) -> tuple[int, re.Match[str]] | None:
        """The first branch that matches the whole of ``string`` (as the joined pattern backtracks
        into the next branch when one cannot reach the end), and its match."""
        for index, branch in enumerate(self.branches):
            match = branch.fullmatch(string)
            if match is not None:
                return index, match
        return None

    def search(self, string: str, pos: int = 0) -> tuple[int, re.Match[str]] | None:
        """The branch that matches first from ``pos`` and its match."""
        return next(self.finditer(string, pos), None)

    def finditer(self, string: str, pos: int = 0) -> Iterator[tuple[int, re.Match[str]]]:
        # Each branch's next match is kept while it lies ahead: the leftmost match from a later
        # place is the same one, and a branch with none from here has none further on.
        ahead: list[re.Match[str] | None] = [branch.search(string, pos) for branch in self.branches]
        while True:
            best: tuple[int, re.Match[str]] | None = None
            for index, match in enumerate(ahead):
                if match is not None and (best is None or match.start() < best[1].start()):
                    best = (index, match)
            if best is None:
                return
            yield best
            pos = best[1].end()
            for index, match in enumerate(ahead):
                if match is not None and match.start() < pos:  # its needs were found: search on
                    ahead[index] = self.branches[index].compiled.search(string, pos)

    def sub(self, repl: Callable[[re.Match[str]], str], string: str) -> str:
        pieces, pos = [], 0
        for _, match in self.finditer(string):
            pieces += [string[pos : match.start()], repl(match)]
            pos = match.end()
        return "".join(pieces) + string[pos:] if pieces else string


Pattern = re.Pattern[str] | LazyPattern
"""What the scanners take: a compiled pattern or a lazy one."""
