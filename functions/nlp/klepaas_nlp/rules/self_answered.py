"""What is said before the request and asks nothing: a question the writer answers himself, a mail's subject.

"X가 어느 네임스페이스였지… 아 mailer구나. mailer 네임스페이스 파드 목록 보여줘", "I was going to ask where X
lives, but never mind, it's the booking namespace. Show me the pods there.": the question and what it was
about are set aside; the answer stays, as the place "there" points at, and the request after it is read.
"should I restart X? yes, do it", "X 롤백할까? 응 해줘": a change the writer weighs and answers yes to is asked
(answered no, set_aside.py reads what follows, about what the question named).
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyPattern

# The answer: an exclamation of finding out ("아", "아하", "아 맞다") before a name and the ending that says it
# was just realised (-구나, -군, -였네), or "never mind, it's …" (nvm, scratch that) after an English question.
_ANSWER = LazyPattern(
    r"(?:(?<=\s)|^)(?:아하?|아\s?맞다)[,!]?\s+(?=[A-Za-z0-9][\w.-]*\s?(?:이)?(?:였)?(?:구나|군요|군|네요|네)[.!~]*(?:\s|$))"
    r"|\b(?:never\s?mind|nvm|scratch\s+that|forget\s+it)\s*[,.;:-]?\s+(?=it(?:'s|\s+is|\s+was)\s)",
    re.IGNORECASE,
    needs=("아", "never", "nvm", "scratch", "forget"),
)
# The question set aside: a question's word or mark before the answer ("어느", "어디", "뭐였", "where", "which",
# "ask", "?", "…"), so an exclamation alone ("아 web이네요, 재시작해줘") keeps what came before it.
_QUESTION_BEFORE = LazyPattern(
    r"어느|어디|뭐였|무슨|였지|였더라|더라|\?|…|\.\.\.|\b(?:where|which|what|ask|asking|wonder(?:ing)?)\b",
    re.IGNORECASE,
)
# What the request says after the answer: it must still be there.
_REST = LazyPattern(r"[.!]\s*\S")


# A question weighing the writer's own change, answered yes by the writer and at most told to go on: "should I
# restart X? yes, do it", "X 재시작할까? 응 해줘". The question's modal frame (should I, shall we, -ㄹ까) is set
# aside; the change it weighs is what is asked.
_YES_TO_ONE_S_OWN = LazyPattern(
    r"^\s*(?:(?:should|shall|can|could|do)\s+(?:i|we)\s+(?P<en>[a-z].*?)"
    r"|(?P<ko>.*[가-힣A-Za-z0-9])\s?할까(?:요)?)\s*\?+\s*"
    r"(?:yes|yeah|yep|yup|sure|ok|okay|응|어|네|예|그래|ㅇㅇ)(?![A-Za-z가-힣])[\s,.!~]*"
    r"(?:(?:(?:please\s+)?(?:do\s+(?:it|that|so)|go\s+(?:ahead|for\s+it)|please\s+do)(?:\s+please)?"
    r"|(?:그냥\s*|바로\s*)?(?:해\s*줘|해\s*주세요|해|하자|진행해\s*줘|진행해|ㄱㄱ|ㄱ))[\s.!~]*)?$",
    re.IGNORECASE,
    needs=("?",),
)


def answered_question(text: str) -> str | None:
    """The text from the writer's own answer on, or None when no question is answered so; for a change the
    writer weighs and answers yes to, the change itself."""
    yes = _YES_TO_ONE_S_OWN.match(text)
    if yes is not None:
        return yes["en"] if yes["en"] is not None else f"{yes['ko']} 해줘"
    match = _ANSWER.search(text)
    if match is None or match.start() == 0:
        return None
    before = text[: match.start()]
    if _QUESTION_BEFORE.search(before) is None or _REST.search(text, match.end()) is None:
        return None
    return text[match.end() :]


# A forwarded or answered mail ("FW: …", "RE: …", "Fwd: …", "전달: …", a tag such as "[긴급]" before): its subject
# line tells what the mail is about, and the body on the lines after it asks. Words of the subject ("outage
# report", "weekly summary") are no target of the body's request.
_MAIL_SUBJECT = LazyPattern(
    # The subject ends at its line's end, or at a dash set apart by spaces on one line ("FWD: outage report -
    # please roll back now"): a subject's words name what the mail is about, never the target.
    r"^\s*(?:\[[^\]\n]{1,20}\]\s*)*(?:(?:fwd?|re|전달|회신|답장)\s*:\s*)+"
    r"(?:[^\n]*\n+|[^\n-]*?\s[-–—]{1,2}\s+)(?P<body>[\s\S]*\S[\s\S]*)$",
    re.IGNORECASE,
    needs=(":",),
)


def mail_body(text: str) -> str | None:
    """The body of a forwarded or answered mail written with its subject line, or None."""
    match = _MAIL_SUBJECT.match(text)
    return None if match is None else match["body"]
