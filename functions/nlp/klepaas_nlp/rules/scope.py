"""Requests about something that is not ours: the read's object is no resource, log, cost or command
of this platform, so no intent is read from the words around it.

Three shapes, each decided by the object the request takes, never by a list of foreign things:
- an English how-to whose verb is none of the command vocabulary ("how do I write a Dockerfile");
- an English "what's a <noun> for/of" whose noun is none of the command vocabulary ("a good name");
- an output asked for as a file ("엑셀로 뽑아줘", "export it to csv"): answers are given in the
  conversation, never as a document.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import NormalisedText
from klepaas_nlp.rules.vocabulary import is_stopword

# "how do I <verb>", "how can we <verb>", "how to <verb>": the verb is what the user wants to do.
_HOW_TO = LazyPattern(
    r"\bhow (?:(?:do|can|could|should|would) (?:i|we|you)|to) (?P<verb>[a-z]+)\b",
    re.IGNORECASE,
    needs=("how do", "how can", "how could", "how should", "how would", "how to"),
)
# "what's a good name for …", "what is the best colour of …": the noun (after one adjective at most)
# is the thing asked for.
_WHAT_IS_A = LazyPattern(
    r"\bwhat(?:'s|s| is| are) (?:a|an|the|some|our|my) (?:[a-z]+ )?(?P<noun>[a-z]+) (?:for|of)\b",
    re.IGNORECASE,
    needs=("what",),
)
# A file format or a document as the goal of the output: the platform answers in the conversation.
_AS_A_FILE = LazyPattern(
    r"(?:엑셀|csv|pdf|스프레드시트|워드)(?:파일)?(?:으로|로)(?:뽑|내보내|변환|추출|저장|다운|만들|정리)"
    r"|\b(?:export|download|save|dump|convert)\b.*\b(?:to|as|into|in) (?:an? )?(?:excel|csv|pdf|spreadsheet|sheet)s?\b",
    re.IGNORECASE,
    needs=("엑셀", "csv", "pdf", "스프레드시트", "워드", "excel", "spreadsheet", "sheet"),
)


def _ours(word: str) -> bool:
    return is_stopword(word)


def asks_about_something_else(norm: NormalisedText) -> bool:
    """True when the request's object or output is not something this platform reads or does."""
    how_to = _HOW_TO.search(norm.lower)
    if how_to is not None and not _ours(how_to.group("verb")):
        return True
    what_is = _WHAT_IS_A.search(norm.lower)
    if what_is is not None and not _ours(what_is.group("noun")):
        return True
    return _AS_A_FILE.search(norm.compact) is not None or _AS_A_FILE.search(norm.lower) is not None
