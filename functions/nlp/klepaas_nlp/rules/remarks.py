"""What the user says beside the request: a remark says why, the request says what to do.

- A Korean question weighing a change ("롤백해야 하나? 일단 cart 파드 로그 50줄") asks nothing yet
  when another sentence follows it: that sentence is the request.
- In English, a statement beside an imperative ("restart inventory-svc, it is not responding since
  morning", "logs look bad, restart pay-svc", "I've seen the pods, now scale cart to 4") or a clause
  of time or reason ("before I scale, show the pods") tells the situation. Its words are not
  targets: only the imperative segment is read.

- A short lead-in before a colon ("just read: list deployments in qa", "quick one: restart web")
  labels the request after it; its words are not names.

A remark is recognised by its grammar (a subject and a finite verb, a subordinator before a subject),
never by what it talks about, and only when the rest is a request of its own.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.predicate import Act, english_act, predicate

_SENTENCES = re.compile(r"(?<=\?)\s+")
_HANGUL = re.compile(r"[가-힣]")
_SEGMENTS = re.compile(r"\s*[,;]\s+")
# A subject pronoun opening the segment, or a first word followed by a finite verb of state.
_STATEMENT = re.compile(
    r"^(?:(?:i|i'?ve|i'?m|i'?d|we|we'?ve|we'?re|it|it'?s|this|that|they|they'?re|he|she)\s"
    r"|[a-z][\w-]*\s+(?:is|are|was|were|looks?|seems?|keeps?|kept|isn'?t|aren'?t|doesn'?t|didn'?t|has|have)\b)",
    re.IGNORECASE,
)
# A clause of time or reason before a subject ("before I scale", "since it crashed"): not a condition
# ("if it fails, restart web" asks for a restart only then, which the rules read elsewhere).
_SUBORDINATE = re.compile(r"^(?:before|because|since|as|although|though)\s+(?:i|we|it|they|you)\b", re.IGNORECASE)


def _wondering_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") and predicate(sentence).source == "korean_wondering"


def _remark(segment: str) -> bool:
    return english_act(segment) is Act.NONE and (
        _STATEMENT.match(segment) is not None or _SUBORDINATE.match(segment) is not None
    )


# At most three plain words, then a colon and a space: a label, not a slot ("namespace: qa" is
# kept, as its words say what follows; "image: shop:1.2" has no space after its second colon).
_LEAD_IN = re.compile(r"^\s*(?P<lead>[A-Za-z]+(?:\s+[A-Za-z]+){0,2})\s*:\s+(?P<rest>.+)$", re.DOTALL)


def _after_lead_in(text: str) -> str | None:
    found = _LEAD_IN.match(text)
    if found is None or english_act(found["lead"]) is not Act.NONE or english_act(found["rest"]) is Act.NONE:
        return None
    return found["rest"]


def without_remarks(text: str) -> str:
    """`text` with only its request, when remarks stand beside one; otherwise `text` itself."""
    request = _after_lead_in(text)
    if request is not None:
        text = request
    sentences = _SENTENCES.split(text.strip())
    if len(sentences) > 1:
        kept = [sentence for sentence in sentences[:-1] if not _wondering_question(sentence)] + sentences[-1:]
        if len(kept) < len(sentences):
            return " ".join(kept)
    if _HANGUL.search(text) is not None:
        return text
    segments = _SEGMENTS.split(text.strip())
    if len(segments) < 2:
        return text
    requests = [segment for segment in segments if english_act(segment) is not Act.NONE]
    if len(requests) == 1 and all(_remark(segment) for segment in segments if segment is not requests[0]):
        return requests[0]
    return text
