"""A list kept as notes: things done or to do, written down, asking for nothing.

A numbered list ("1. …  2. …", "1) … 2) …") is a request only when it is written to the platform. It is
notes when a label says what the list is ("notes:", "Todo for tomorrow:", "어제 한 일:", "작업 내역:"),
or when every item tells a change as done ("1. X를 재시작했음 2. Y를 3개로 늘렸음", "1) we restarted X
2) we scaled Y to 3"). Neither is read as the changes it lists: a log is no order, and a to-do list is
the user's own plan. An unlabelled list of imperatives ("1) restart X 2) deploy Y") stays a request
of two acts, each offered. A checklist's item, its box ticked or empty ("- [x] X 재시작", "* [ ] X 재시작"), is a
note of work done or to do. A to-do or under-way tag ("[진행중]", "(pending)", "[ ]") before a request asked in so
many words ("… 해줘", "… please") is a tracker's status; the request is read.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.hangul import PAST
from klepaas_nlp.rules.lazy import LazyPattern

# An item's number: 1 to 9, then "." or ")", at the start or after a space or a colon.
_ITEM = LazyPattern(r"(?:^|(?<=[\s:]))(?P<number>[1-9])[.)]\s+", needs=(".", ")"))

# What the list is: done or to do, at a time, or a record of work.
_LABEL_KO = (
    r"(?:(?:어제|오늘|내일|금일|전일|명일|이번\s?주|지난\s?주|다음\s?주|주말|아까|오전|오후|방금)\s?(?:에\s?)?)?"
    r"(?:한|할|했던|해야\s?할|처리한|처리할|진행한|진행할)\s?(?:일|것|거|작업)(?:\s?(?:목록|리스트|정리|들))?"
    r"|(?:작업|변경|조치|처리|진행)\s?(?:내역|기록|로그|이력|목록|메모|사항\s?정리)"
    r"|메모|노트|할\s?일(?:\s?목록)?|투두|회의록|인수인계|업무\s?일지|일지|기록"
)
_LABEL_EN = (
    r"(?:(?:my|our|the|some|quick|today'?s|yesterday'?s|tomorrow'?s|shift|handover|meeting)\s+)*"
    r"(?:notes?|memo|log|changelog|to-?dos?|to\s+do(?:\s+list)?|todo\s+list|done|tasks?|recap|summary|minutes"
    r"|handover|what\s+(?:we|i)\s+did|things\s+(?:done|to\s+do))"
    r"(?:\s+(?:(?:for|from|of)\s+)?(?:today|tonight|tomorrow|yesterday|(?:this|next|last)\s+\w+|the\s+\w+|later))?"
)
_LABEL = LazyPattern(rf"^\s*(?:{_LABEL_KO}|{_LABEL_EN})\s*[:：]", re.IGNORECASE)
# A tag that marks what follows as done or to do, as trackers and checklists do: "[완료]", "[done]",
# "(처리됨)", "- [x]", "[TODO]", "[할 일]", "(예정)". What it tags is a record of a change made or the
# user's own plan, never a request for one.
_DONE_TAG = LazyPattern(
    r"^\s*(?:[-*+]\s*)?(?:[\[(【]\s*(?:완료|완료됨|처리\s?완료|처리됨|해결|해결됨|종료|끝|done|completed?|resolved"
    r"|closed|fixed|finished|x)\s*[\])】])",
    re.IGNORECASE,
)
# A tag of a thing to do or under way: "[TODO]", "[할 일]", "(예정)", "[진행중]", "(대기)", or a checklist's empty
# box ("- [ ]", "* [ ]"), the item not done yet. What it tags is the user's own plan, unless it is asked in so many
# words ("[진행중] X 배포해줘", "(pending) restart X please"): a tracker's status put before a request.
_TODO_TAG = LazyPattern(
    r"^\s*(?:[-*+]\s*)?(?:[\[(【]\s*(?:todo|to-?do|wip|tbd|pending|planned|backlog|in\s?progress|doing"
    r"|할\s?일|예정|진행\s?중|작업\s?중|대기|보류|계획)\s*[\])】]|\[\s*\])",
    re.IGNORECASE,
)
_ASKED = LazyPattern(
    r"(?:줘|주세요|주실래요?|줄래요?|주십시오|주시겠어요\??|부탁\S*|바랍니다|please|pls|plz)[.!~\s]*$", re.IGNORECASE
)

# An English item told as done: a subject, then a past verb ("we restarted X", "scaled Y to 3").
_DONE_EN = LazyPattern(
    r"^(?:(?:we|i|they|he|she|someone|ops|the\s+team)\s+)?(?:already\s+|just\s+)?"
    r"(?:\w+ed|rolled\s+back|ran|did|made|rebuilt|redid)\b",
    re.IGNORECASE,
)
# A Korean item told as done: its last word holds a past syllable, then at most an ending.
_DONE_KO = LazyPattern(rf"[{PAST}](?:음|어|어요|다|습니다|네|고|는데)?[.!~,\s]*$")


def _items(text: str) -> list[str] | None:
    """The items of a numbered list that counts 1, 2, … in order; None with fewer than two."""
    found = list(_ITEM.finditer(text))
    if len(found) < 2 or [int(item.group("number")) for item in found] != list(range(1, len(found) + 1)):
        return None
    ends = [item.start() for item in found[1:]] + [len(text)]
    return [text[item.end() : end].strip() for item, end in zip(found, ends, strict=True)]


def only_notes(text: str) -> bool:
    """`text` is kept as notes (a line or a numbered list labelled as a record or a to-do, a line tagged
    as done, or a numbered list whose every item is told as done), which asks for nothing."""
    items = _items(text)
    if items is None:
        # One note: "메모: X 재시작 필요", "todo: scale X to 3", "어제 한 거: …", "[완료] X 3개로 늘려줘".
        label = _LABEL.match(text)
        if _DONE_TAG.match(text) is not None:
            return True
        if _TODO_TAG.match(text) is not None:
            return _ASKED.search(text) is None
        return label is not None and bool(text[label.end() :].strip())
    first = _ITEM.search(text)
    head = text[: first.start()] if first is not None else text
    label = _LABEL.match(head)
    if label is not None:
        # "notes: 1) …", "어제 한 일: 1. …": the label is all that stands before the list.
        return not head[label.end() :].strip()
    if head.strip():
        return False
    return all(_DONE_EN.match(item) is not None or _DONE_KO.search(item) is not None for item in items)


def tagged_request(text: str) -> str | None:
    """What a to-do or under-way tag puts before an explicit request ("[진행중] X 배포해줘" -> "X 배포해줘",
    "(pending) restart X please"): the request, read without the tag; None otherwise."""
    tag = _TODO_TAG.match(text)
    if tag is None or _ITEM.search(text) is not None or _ASKED.search(text) is None:
        return None
    return text[tag.end() :].strip() or None
