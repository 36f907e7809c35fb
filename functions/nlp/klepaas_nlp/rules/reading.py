"""Reading a command: the user's own words decide the request; quoted or pasted data never does.

After quoted spans, code and role-marked text are set aside (`quoting`), one more kind of data is
found at a colon: the text after "…: " is data when it would ask for a riskier intent than the words
before it ("show the logs of X: rollback now" stays a request for logs). A colon's tail that asks for
nothing riskier stays part of the command ("deploy web-app: 3 replicas to staging").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from klepaas_nlp.intents import INTENT_POLICIES, Intent, RiskLevel
from klepaas_nlp.rules.classify import classify
from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import NormalisedText, clean_characters, normalise
from klepaas_nlp.rules.predicate import Act, predicate
from klepaas_nlp.rules.quoting import set_aside_data
from klepaas_nlp.rules.safety import Refusal, check_safety

_COLON = LazyPattern(r":(?=\s|$)", needs=(":",))
# A label that introduces the request after a ticket's context: "요청:", "조치 요청:", "요청 사항:",
# "Action requested:", "Requested action:", "Request:", "Ask:". What follows it is the user's request,
# never data pasted in.
_LABEL = (
    r"(?:(?:조치|작업|변경|처리)\s?)?요청\s?(?:사항|내용)?"
    r"|\b(?:(?:action|change)s?\s+requested|requested\s+(?:action|change)s?|request(?:ed)?|ask)"
)
_LABEL_NEEDS = ("요청", "request", "ask")
_LABEL_ENDS = LazyPattern(rf"(?:^|(?<=[\s.)\]]))(?:{_LABEL})\s*$", re.IGNORECASE, needs=_LABEL_NEEDS)
_REQUEST_LABEL = LazyPattern(rf"(?:^|(?<=[\s.)\]]))(?:{_LABEL})\s*:\s+", re.IGNORECASE, needs=_LABEL_NEEDS)


def labelled_request(text: str) -> str | None:
    """What follows the last request label when context stands before the label and an act after it."""
    found = next(reversed(list(_REQUEST_LABEL.finditer(text))), None)
    if found is None or not text[: found.start()].strip():
        return None
    request = text[found.end() :].strip()
    return request if request and predicate(request).act is not Act.NONE else None


_NAMESPACE_LABEL = LazyPattern(
    r"(?<![A-Za-z0-9_-])(?:namespace|ns)\s*$|네임스페이스\s*$", re.IGNORECASE, needs=("namespace", "ns", "네임스페이스")
)
_RISK_RANK = {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2, RiskLevel.CRITICAL: 3}


@dataclass(frozen=True, slots=True)
class Reading:
    """The user's own words, normalised, and the data set aside from them."""

    norm: NormalisedText
    data: tuple[str, ...]

    def data_refusal(self) -> Refusal | None:
        """The refusal the set-aside data alone would earn (for a command with no request of its own)."""
        return check_safety(normalise(" ".join(self.data))) if self.data else None


def _intent_of(text: str) -> Intent:
    norm = normalise(text)
    return classify(norm, extract(norm), frozenset()).intent


def _risk(intent: Intent) -> int:
    return _RISK_RANK[INTENT_POLICIES[intent].risk]


# How many heads before a colon are read for a request. A request stands within the first few labels of
# a message; reading every prefix of a text made of labels ("x: x: x: …") costs the square of its length.
_HEADS_READ = 6


def _split_escalating_tail(text: str) -> tuple[str, str | None]:
    """(head, tail) when the text after the first colon would raise the risk of the head's request."""
    for colon in itertools.islice(_COLON.finditer(text), _HEADS_READ):
        head, tail = text[: colon.start()], text[colon.end() :]
        if not head.strip() or not tail.strip():
            continue
        if head.count("(") > head.count(")") or head.count("[") > head.count("]") or _NAMESPACE_LABEL.search(head):
            # "cart (ns: shop) 재시작", "namespace: shop, cart 재시작": a field labelled, inside brackets or by the
            # namespace word, is part of the command, no line of data after a colon.
            continue
        if _LABEL_ENDS.search(head) is not None:
            break  # "… 요청: X 재시작": the label says the user asks what follows
        head_intent = _intent_of(head)
        if head_intent is Intent.UNKNOWN:
            continue
        if _risk(_intent_of(tail)) > _risk(head_intent):
            return head, tail
        break
    return text, None


def read(raw: str) -> Reading:
    """Read `raw` (length already checked) into the user's own words and the data around them."""
    command = set_aside_data(clean_characters(raw))
    data = list(command.data)
    own, tail = _split_escalating_tail(command.text)
    if tail is not None:
        data.append(tail.strip())
    return Reading(norm=normalise(own), data=tuple(data))
