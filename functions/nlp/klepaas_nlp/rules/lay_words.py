"""The words of people who are not engineers, read as the platform's own before matching (issue 24).

Someone who has never heard of replicas counts the copies of an app in the machines it runs on: "run X on
seven servers", "give X three machines", "get X to 7 servers". A number with that counter, in a command
(never a name), counts the app's copies as "copies" does, so it is written so and every concern that reads
a count of copies (quantities, the scale's verbs, coordination) reads it the same. Only the counter after a
number is read: "the servers", "which machine" count nothing, and the kind word of a name stays a kind word.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.numbers import LATIN_NUMBER

# A number, maybe "more" or "extra" after it, then the machines counted: "7 servers", "three more machines".
_MACHINES_COUNTED = LazyPattern(
    rf"(?<![\w./@:-])(?P<count>{LATIN_NUMBER}(?:\s+(?:more|extra|additional|fewer))?)\s+(?:servers?|machines?)"
    r"(?![\w/@:-]|\.\w)",
    re.IGNORECASE,
    needs=("server", "machine"),
)


def in_platform_words(text: str) -> str:
    """`text` with its lay counters of copies written as "copies"."""
    return _MACHINES_COUNTED.sub(r"\g<count> copies", text)
