"""Chat abbreviations of English ops talk, spelled out before matching (issue 24).

Engineers chatting shorten words the rules read in full: how soon ("rn", "asap"), thanks ("ty",
"thx"), a reason ("b/c", "cuz"), "w/" and "w/o", and the nouns of the domain ("svcs", "prev", "env",
"mem"). Each is read as the word it shortens, and only as a word of its own, so a name holding the
letters ("rn-gateway", "env-api", "prev/repo") is never rewritten. "depl" shortens the verb at the
head of a clause ("depl web to prod") and the noun elsewhere ("status of depl web").

kubectl's order without kubectl puts the namespace after the resource's name, the flag "-n" said as
"ns" ("describe deployment web-api ns shop", "logs pod web-1 ns shop last 50 lines"): the word after
it, when it is no grammar or kind word, is the namespace, as "in namespace shop" says it.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.vocabulary import is_function_word

# A word of its own: no letter, digit, dash, dot, slash or underscore of a name on either side.
_BEFORE = r"(?<![\w./@:-])"
_AFTER = r"(?![\w/@:-]|\.\w)"

_SHORT_WORDS: tuple[tuple[LazyPattern, str], ...] = (
    # How soon: "now" (never a second act nor a name).
    (
        LazyPattern(_BEFORE + r"(?:rn|asap|a\.s\.a\.p\.?)" + _AFTER, re.IGNORECASE, needs=("rn", "asap", "a.s.a.p")),
        "now",
    ),
    # A reason clause: "b/c it's leaking memory" (never an owner/repo).
    (
        LazyPattern(_BEFORE + r"(?:b/c|bc/|b\.c\.|cuz|coz|'cause|bcuz|bcoz)" + _AFTER, re.IGNORECASE, needs=("b", "c")),
        "because",
    ),
    (LazyPattern(_BEFORE + r"w/o" + _AFTER, re.IGNORECASE, needs=("w/o",)), "without"),
    (LazyPattern(_BEFORE + r"w/(?=\s|$)", re.IGNORECASE, needs=("w/",)), "with"),
    (LazyPattern(_BEFORE + r"(?:thx|thnx|thanx|tnx|ty|tysm|tyvm|tia)" + _AFTER, re.IGNORECASE, needs=("t",)), "thanks"),
    # Nouns of the domain.
    (LazyPattern(_BEFORE + r"svcs" + _AFTER, re.IGNORECASE, needs=("svcs",)), "services"),
    (LazyPattern(_BEFORE + r"depls" + _AFTER, re.IGNORECASE, needs=("depls",)), "deployments"),
    (LazyPattern(_BEFORE + r"(?:prev|prv)" + _AFTER, re.IGNORECASE, needs=("prev", "prv")), "previous"),
    (LazyPattern(_BEFORE + r"(?:envs)" + _AFTER, re.IGNORECASE, needs=("envs",)), "environments"),
    (LazyPattern(_BEFORE + r"env" + _AFTER, re.IGNORECASE, needs=("env",)), "environment"),
    (LazyPattern(_BEFORE + r"mem" + _AFTER, re.IGNORECASE, needs=("mem",)), "memory"),
    # The copula and the pronoun spelled by their sound ("how much r we burning", "r u sure", "what r the pods"):
    # only between a question word or the copula and the subject, where no name stands.
    (
        LazyPattern(
            r"\b(?P<before>what|where|how|why|who|which|much|many|when)\s+r"
            r"(?=\s+(?:we|u|you|they|the|these|those|our|my|all|any)\b)",
            re.IGNORECASE,
            needs=("r",),
        ),
        r"\g<before> are",
    ),
    (
        LazyPattern(r"\b(?P<before>are|can|could|would|will|do|did|have)\s+u(?=\s)", re.IGNORECASE, needs=("u",)),
        r"\g<before> you",
    ),
)
# "depl" at the head of a clause (the message's start, after a mark or a joining word) is the verb.
_DEPL_VERB = LazyPattern(
    r"(?:^|(?<=[,;.!?:])|(?<=\band)|(?<=\bthen)|(?<=\bplease)|(?<=\bpls)|(?<=\bplz)|(?<=\bnow))\s*depl" + _AFTER,
    re.IGNORECASE,
    needs=("depl",),
)
_DEPL_NOUN = LazyPattern(_BEFORE + r"depl" + _AFTER, re.IGNORECASE, needs=("depl",))
# "web-api ns shop": a resource's name, then the namespace flag said as "ns", then its value.
_NAMESPACE_FLAG = LazyPattern(
    r"(?<![\w./@:'-])(?P<name>[a-z0-9]+(?:[-_.][a-z0-9]+)+)\s+ns\s+(?P<value>[a-z][a-z0-9-]*[a-z0-9])(?![\w./@:-])",
    re.IGNORECASE,
    needs=("ns",),
)


def _namespace_flag(match: re.Match[str]) -> str:
    value = match.group("value")
    return match.group(0) if is_function_word(value) else f"{match.group('name')} in namespace {value}"


_HANGUL = LazyPattern(r"[가-힣]")


def spelled_out(text: str) -> str:
    """`text` with its chat abbreviations written as the words they shorten (English commands only)."""
    if _HANGUL.search(text) is not None:
        return text
    for pattern, word in _SHORT_WORDS:
        text = pattern.sub(word, text)
    text = _DEPL_VERB.sub(lambda match: match.group(0)[: -len("depl")] + "deploy", text)
    text = _DEPL_NOUN.sub("deployment", text)
    return _NAMESPACE_FLAG.sub(_namespace_flag, text)
