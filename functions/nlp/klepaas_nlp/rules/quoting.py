"""What a command quotes or pastes is data: it is set aside and never read as the request.

- Code (``` fences, `inline code`), block-quote lines ("> ...") and everything from a role marker
  ("SYSTEM:", "assistant:", "<|im_start|>", "[INST]", "시스템:") to the end are data.
- A quoted span ("…", '…', 「…」, 『…』, «…», 《…》) is data, except a single name ("web-app",
  `K-Le-PaaS/test01`): that is the user naming something, so it stays, without its quotes.
- Markdown decoration (**bold**, __bold__, ~~struck~~, headings, bullets, [text](url)) is dropped; each
  item of a list of two or more ends as a sentence does ("- X 재시작\n- Y 로그 보여줘": two requests).
- Markup is data: an HTML or XML tag (`<img src=x onerror=…>`, closed or not), a comment, and the
  whole of a script or style element. Nothing inside a tag is something the user named.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.vocabulary import is_stopword

_FENCE = LazyPattern(r"```.*?(?:```|\Z)", re.DOTALL, needs=("```",))
_INLINE_CODE = LazyPattern(r"`(?P<inner>[^`\n]*)`", needs=("`",))
_BLOCK_QUOTE = LazyPattern(r"^[ \t]*>.*$", re.MULTILINE, needs=(">",))
_QUOTED = (
    LazyPattern(r'"(?P<inner>[^"]*)"', needs=('"',)),
    LazyPattern(r"(?<![A-Za-z0-9])'(?P<inner>[^'\n]*)'(?![A-Za-z0-9])", needs=("'",)),
    LazyPattern(
        r"「(?P<inner>[^」]*)」|『(?P<inner2>[^』]*)』|«(?P<inner3>[^»]*)»|《(?P<inner4>[^》]*)》",
        needs=("«", "《", "「", "『"),
    ),
)
_ROLE_MARKER = LazyPattern(
    r"(?<![A-Za-z0-9_-])(?:system|assistant|developer|시스템|어시스턴트)(?:\s*(?:prompt|message|프롬프트))?\s*:"
    r"|<\|[^|>\n]{0,20}\|>|\[/?(?:INST|SYS|SYSTEM)\]|<</?SYS>>|</?(?:system|assistant|instructions?)>"
    r"|^[ \t]*#+[ \t]*(?:system|assistant|instructions?|시스템)\b",
    re.IGNORECASE | re.MULTILINE,
    needs=("<<", "<|", "assistant", "developer", "inst]", "instruction", "sys]", "system", "시스"),
)
# A tag opens with "<" and a letter ("<3" or "< 5" is no tag); one left open runs to the end of its line.
_MARKUP = LazyPattern(
    r"<(?P<element>script|style)\b[^>]*>.*?(?:</(?P=element)\s*>|\Z)"
    r"|<!--.*?(?:-->|\Z)"
    r"|</?[A-Za-z][^<>\n]*(?:>|$)",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
    needs=("<",),
)
_MARKDOWN = (
    (LazyPattern(r"\[(?P<text>[^\]\n]*)\]\([^)\s]*\)", needs=("](",)), r"\g<text>"),
    (LazyPattern(r"\*\*|__|~~|(?<!\S)\*(?=\S)|(?<=\S)\*(?!\S)", needs=("__", "~~", "*")), " "),
    (LazyPattern(r"^[ \t]*(?:#+|[-*+]|\d+\.)[ \t]+", re.MULTILINE), ""),
    (LazyPattern(r"\(\s*\)|\[\s*\]", needs=("(", "[")), " "),  # brackets emptied by setting their data aside
)
_NAME = LazyPattern(r"[A-Za-z0-9][A-Za-z0-9._/:@-]*")
# An item of a list ("- X 재시작", "2. show Y logs"), its marker apart: the item ends at its line, as a
# sentence does, so two items are two clauses however the lines are joined later.
_LIST_ITEM = LazyPattern(r"^[ \t]*(?:[-*+•]|\d+\.)[ \t]+(?P<item>.*?[^\s.!?:;,])[ \t]*$", re.MULTILINE)


def _items_closed(text: str) -> str:
    """`text` with each item of a list of two or more closed by a full stop."""
    if "\n" not in text or sum(1 for _ in itertools.islice(_LIST_ITEM.finditer(text), 2)) < 2:
        return text
    return _LIST_ITEM.sub(lambda found: f"{found.group(0).rstrip()}.", text)


@dataclass(frozen=True, slots=True)
class Command:
    """A command split in two: the user's own words, and the data they quoted or pasted."""

    text: str
    data: tuple[str, ...] = ()


def _is_a_name(span: str) -> bool:
    stripped = span.strip()
    return _NAME.fullmatch(stripped) is not None and not is_stopword(stripped)


def set_aside_data(text: str) -> Command:
    """Split `text` (characters already cleaned, lines kept) into the user's words and the data."""
    data: list[str] = []

    def to_data(match: re.Match[str]) -> str:
        data.append(match.group(0))
        return " "

    def quoted(match: re.Match[str]) -> str:
        inner = next((group for group in match.groups() if group is not None), "")
        return f" {inner.strip()} " if _is_a_name(inner) else to_data(match)

    text = _FENCE.sub(to_data, text)
    text = _INLINE_CODE.sub(quoted, text)
    text = _BLOCK_QUOTE.sub(to_data, text)
    for pattern in _QUOTED:
        text = pattern.sub(quoted, text)
    marker = _ROLE_MARKER.search(text)
    if marker is not None:
        data.append(text[marker.start() :])
        text = text[: marker.start()]
    text = _items_closed(_MARKUP.sub(to_data, text))
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return Command(text=text, data=tuple(span.strip() for span in data if span.strip()))
