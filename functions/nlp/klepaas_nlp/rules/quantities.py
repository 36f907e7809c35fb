"""Counts in a command: replicas, log lines and rollback steps, each recognised by its counter word; bounds and
ranges, which are no count; and the noun a count of copies belongs to."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from klepaas_nlp.rules.hangul import CONTRACTED, INFLECTED
from klepaas_nlp.rules.indirect import asked_indirectly, wanted_before
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import ASKS, FORMAL_REQUEST, WISH
from klepaas_nlp.rules.names import KIND_WORDS
from klepaas_nlp.rules.numbers import HANGUL, MARKED_NUMBER, NUMBER_MARK, mark_numbers, parse_number
from klepaas_nlp.rules.predicate import FORBIDDING_NEGATION, MUTATION_ACTS, Act, closes_on_a_step, predicate
from klepaas_nlp.rules.scan import MaskedText

_I = re.IGNORECASE
_KOREAN_DIGITS = r"하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉"
_STANDALONE_KOREAN = rf"(?<!{HANGUL})(?:(?:한|두|세|반)\s?다스|열\s?(?:{_KOREAN_DIGITS})?|스물|{_KOREAN_DIGITS})"
# A hedge on a count ("about 5", "5개 정도로", "대략 5개"): the count is still the one asked for.
_ABOUT = r"(?:(?:about|around|roughly|approximately|approx\.?|some|like)\s+)?"
_ABOUT_AFTER = r"(?:\s*(?:정도|쯤|가량|내외|남짓))?"
# The English hedge after it ("5ish", "5-ish") likewise.
_ABOUT_AFTER_EN = r"(?:-?ish\b)?"
_REPLICA_WORD = r"(?:replicas?|레플리카|복제본|인스턴스|instances?|copies|pods?|파드|팟)"
_N = MARKED_NUMBER


class _Count(NamedTuple):
    """A pattern for a count and its counter word; ``marked``: it reads the command with its number
    tokens marked (:func:`~klepaas_nlp.rules.numbers.mark_numbers`), else the command itself."""

    pattern: LazyPattern
    marked: bool


def _marked(pattern: str) -> _Count:
    # Every match holds a number's mark, so a command with no number compiles none of these.
    return _Count(LazyPattern(pattern, _I, needs=(NUMBER_MARK,)), marked=True)


def _plain(pattern: str, flags: int = _I, *, needs: tuple[str, ...]) -> _Count:
    return _Count(LazyPattern(pattern, flags, needs=needs), marked=False)


_STEPS = (
    _marked(
        rf"{_N}\s*(?:단계|스텝|steps?|versions?|revisions?|버전|리비전|번째|번|개|releases?|deploy(?:ment)?s?"
        r"|(?:개\s*)?(?:커밋|commits?))\s*"
        r"(?:의\s*)?(?:전(?![부체])|이전|앞|뒤로|back|before|ago|earlier|previous)",
    ),
    _marked(
        rf"(?:\bback|이전|\bprevious)\s*(?:by\s*)?{_N}\s*(?:versions?|revisions?|steps?|단계|버전|리비전|releases?)",
    ),
    # "--steps 5", "--steps-back=2": a flag written the command-line way.
    _marked(rf"\bsteps?(?:[_ -]?back)?\s*[:=]?\s*{_N}"),
    # "두 번 롤백", "롤백 2회", "rollback 2 times": how many times to go back is how many steps.
    _marked(rf"{_N}\s*(?:번|회|times)\s*(?:더\s*)?(?:롤백|되돌|rollback|roll\s*back|revert)"),
    _marked(rf"(?:롤백|되돌려|\brollback|\broll\s*back|\brevert)\s*{_N}\s*(?:번|회|times\b)(?!\s*째)"),
    _marked(rf"(?P<lead>\b(?:rollback|roll\s*back|revert)\s+[\w./-]+\s+){_N}\s*times\b"),
    # "rollback X by 3", "roll X back by two": how far a rollback goes back, said with "by", is its steps.
    _marked(
        rf"(?P<lead>\b(?:rollback|roll\s*back|revert)(?:\s+[\w./-]+)?\s+|\broll\s+[\w./-]+\s+back\s+)"
        rf"by\s+{_N}(?![\w%.])"
    ),
    _marked(rf"{_N}\s*(?:steps?\b|단계|versions?\b|revisions?\b|리비전|releases?\b)"),
    # "rollback api twice", "roll web back once": a multiplicative after the rollback says how many steps.
    _plain(
        r"(?P<lead>\b(?:rollback|roll\s*back|revert)(?:\s+[\w./-]+)?\s+|\broll\s+[\w./-]+\s+back\s+)"
        r"(?P<number>once|twice|thrice)\b",
        needs=("once", "twice", "thrice"),
    ),
)
_LINES = (
    _marked(rf"{_N}\s*(?:줄|라인|행|lines?\b|rows?\b)"),
    _plain(r"(?:--tail|\btail(?:\s+-n)?|\blines?)\s*[:=]?\s*(?P<number>\d+)", needs=("tail", "line")),
    _marked(
        rf"(?:\blast|마지막|최근)\s*{_N}"
        r"(?!\s*(?:분|시간|초|일|min|minutes?|hours?|seconds?|days?|개|대))",
    ),
)
_RELATIVE = (
    # 씩 (each) is a step only before a change of the count ("2개씩 늘려"); alone it gives each target
    # named its count ("web api 3개씩"), which is a count to set.
    # 만 (just) may stand between ("1개만 더 추가", "2대만 증설"); taking one away is a step too ("하나 빼줘"),
    # but 빼고 / 빼면 is an exception ("하나만 빼고 다"), never a change of the count.
    _marked(
        rf"{_N}\s*(?:개|대)?\s*(?:만\s*)?(?:더|추가|증설|증량|증가|감축|감설|감소|제거|없애"
        r"|빼(?=\s*(?:줘|주|라|자|요|봐|달|$))|씩\s*(?:더|추가|늘|줄))"
    ),
    # Without 로 the count is how many to add or take away: "두 개 줄여줘" (but "두 개로 줄여줘" sets it).
    _marked(rf"{_N}\s*(?:개|대)\s*(?:늘려|늘리|줄여|줄이)"),
    _marked(rf"\bby\s+{_N}"),
    _marked(rf"{_N}\s+(?:more|fewer|less|extra|additional)\b"),
    # "add 2", "remove one api replica", "take away one": copies added or taken away, not the count to reach.
    _marked(rf"\b(?:add|remove|drop|subtract|take\s+(?:away|off|out))\s+{_N}"),
)
# A factor ("두 배로", "3배"), not a count: how much to multiply by, which the rules do not compute;
# a count written beside it ("두 배로 해서 6개") is the one asked for.
_FACTORS = (_marked(rf"{_N}\s*배(?!포)"),)
# A full stop after the count ends the sentence ("down to 2."); a digit after it makes a version ("to 2.1").
# The count the change goes to: the Korean goal particle ("1개로"), or "to" before it ("from 3 to 5").
# It decides among several counts: "3개는 너무 많아 1개로 줄여줘" sets 1; 3 is what there is now.
_GOAL_COUNTS = (
    _marked(rf"{_N}\s*(?:개|대|{_REPLICA_WORD}){_ABOUT_AFTER}(?=\s*(?:으로|로)(?!그))"),
    _marked(rf"\bto\s+{_ABOUT}{_N}{_ABOUT_AFTER_EN}(?![A-Za-z0-9:]|\.\d)"),
    # "하나만 남기고", "두 개만 돌려", "3대만 유지": the count kept running is the count it goes to.
    _marked(rf"{_N}\s*(?:개|대)?\s*만\s*(?:남[기겨긴길]|돌[려리린릴]|유지|띄워|살려|켜)"),
    # "1개만 돌게 해줘", "두 대만 떠 있게", "셋만 돌아가도록": the count made to keep running.
    _marked(rf"{_N}\s*(?:개|대)?\s*만\s*(?:돌|뜨|떠\s*있|돌아가|실행되|살아\s*있|켜져\s*있|남)(?:게|도록)"),
    # "4 → 11", "3->5": an arrow points at the count it goes to.
    _marked(rf"(?:→|->|=>|⇒|➡)\s*{_N}(?![A-Za-z0-9:]|\.\d)"),
)
_REPLICAS = (
    *_GOAL_COUNTS,
    # "replicas to 3", "레플리카 수를 3", "replica make 3" (the verb giving the count its value between them).
    _marked(
        rf"{_REPLICA_WORD}\s*(?:수|개수|count)?\s*(?:를|을|는|은)?\s*(?:(?:make|set)\s+(?:it\s+)?)?(?:to\s+|=|:)?\s*{_N}"
    ),
    _marked(rf"{_N}(?:-?ish)?\s*(?:개|대|{_REPLICA_WORD})"),
    # "x3" alone; "x3-cache", "x2-proxy" are one name, a word joined to the rest by its dash.
    _plain(r"(?<![A-Za-z0-9])x\s?(?P<number>\d+)(?![A-Za-z0-9]|[-_.][A-Za-z0-9])", needs=("x",)),
    _marked(rf"\bto\s+{_N}(?![A-Za-z0-9:]|\.\d)"),
    _marked(
        rf"(?:스케일(?:링)?|\bscale)(?:\s*(?:up|down|out|in|업|다운|아웃|인))?\s*(?:to\s+)?{_N}(?![0-9])",
    ),
    # "scale order-api 3": the verb, its object, then the bare count closing the clause (the name
    # before it is kept: only what follows `lead` is taken).
    _marked(
        rf"(?P<lead>\bscal(?:e|ing)\s+(?:(?:up|down|out|in)\s+)?[A-Za-z][\w.-]*)\s+{_N}\s*(?:[.!?]|$|(?=(?:on|in|at)\s))",
    ),
    # The goal particle, not the first syllable of 로그: a number before the logs' noun has no counter, so
    # it counts nothing; labelled by a noun ("에러코드 42 로그", "order 88 로그") or an HTTP status ("404
    # 로그") it is what the logs are searched for, never their length.
    _plain(rf"(?P<number>(?<![A-Za-z0-9_.-])\d+|{_STANDALONE_KOREAN})\s*(?:으로|로)(?!그)", 0, needs=("로",)),
    # "let's go with three", "settle on 4", "make it 5": the count decided on, said in English; "make web 3":
    # the app made that many (the name before it, or the blank a repository taken before left, is kept).
    _marked(rf"\b(?:go(?:ing)?\s+with|settle\s+on|stick\s+with|make\s+it)\s+{_N}(?![A-Za-z0-9:]|\.\d)"),
    # "it should be 2 again", "X ought to stay at 3": the state wanted, a bare count after a verb of being under
    # an obligation, closing its clause (indirect.py reads it as the scale asked). Its subject is the app, by a
    # pronoun or a name written as one: of anything else ("the logs should be 50") the count is no copies'.
    _marked(
        rf"(?P<lead>(?:\b(?:it|they|this|that)|(?<![\w.-])[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+)\s+"
        rf"(?:(?:really|just|probably|definitely)\s+)?(?:should|must|ought\s+to|(?:meant|supposed|needs?|has|have)\s+to)\s+"
        rf"(?:(?:really|just|probably|always|definitely)\s+)?(?:be|stay|sit|remain|run)\s+(?:back\s+)?"
        rf"(?:(?:at|on)\s+)?){_N}(?=(?:\s+(?:again|now|please|pls|instead|too|asap))*\s*(?:$|[,.;!]))"
    ),
    _marked(
        rf"(?P<lead>\bmake\s+(?:[A-Za-z][\w./-]*\s+)?)(?<=\s){_N}(?![A-Za-z0-9:]|\.\d)"
        r"(?=\s*(?:$|[.!,;]|(?:again|now|please|pls|instead|then|too|as\s+well|today|asap)\b))"
    ),
)


# The same patterns, split by whether a counter word says the number counts copies.
_COUNTED_REPLICAS = _REPLICAS[len(_GOAL_COUNTS) : len(_GOAL_COUNTS) + 3]
_UNCOUNTED_REPLICAS = _REPLICAS[len(_GOAL_COUNTS) + 3 :]
_ANOTHER_N = MARKED_NUMBER.replace("(?P<number>", "(?:", 1)
# Two counts offered as alternatives or a range ("3 or 4", "3개나 4개", "3~4개"): neither is the one asked for.
_ALTERNATIVE_COUNTS = LazyPattern(
    rf"{_N}\s*(?:(?:개|대)\s*(?:이나|나|또는|아니면)|(?:개|대)?\s*(?:~|또는|아니면|\bor\b))\s*{_ANOTHER_N}",
    re.I,
    needs=(NUMBER_MARK,),
)
# A number with a counter of copies: what can compete with the count taken.
_COUNTED = (_marked(rf"{_N}\s*(?:개|대|{_REPLICA_WORD})"), _marked(rf"{_REPLICA_WORD}\s*(?:=|:)?\s*{_N}"))

# A bound or a range is no count to set: "6개 미만으로", "4개 넘게", "3개 밑으로", "최소 3개", "less than 4
# replicas", "at least 3", "2-4 pods", "between 2 and 4". Which count is meant is the user's to say: the bound is
# blanked, so the change asks for its count, unless a goal is written beside it ("4개 넘게, 6개로 늘려줘": 6).
# "N개까지" and "up to N" name the count to reach, no bound.
_BOUND_COUNTS = (
    _marked(
        rf"{_N}\s*(?:개|대|{_REPLICA_WORD})\s*(?:미만|초과|이하|이내|이상(?![하해했한함합])|넘[게어는도지으]|밑|아래|위로)"
    ),
    _marked(rf"(?:최소|최대|적어도|많아야)(?:한)?\s*{_N}\s*(?:개|대|{_REPLICA_WORD})?"),
    _marked(
        rf"\b(?:(?:less|fewer|more|greater)\s+than|at\s+(?:least|most)|no\s+(?:more|less|fewer)\s+than"
        rf"|not\s+more\s+than)\s+{_N}(?:\s*{_REPLICA_WORD})?"
    ),
    _marked(rf"\b(?:under|over|below|above)\s+{_N}\s*{_REPLICA_WORD}"),
    _marked(rf"\bbetween\s+{_N}\s*(?:and|&)\s*{_ANOTHER_N}(?:\s*{_REPLICA_WORD})?"),
    # A count negated as the state wanted ("X should not be at 4 replicas", "X shouldn't have 6 pods", "X 4개면 안
    # 돼"): it says which count is wrong, not which to set; the change asks for its count.
    _marked(
        rf"\b(?:should|must|ought\s+to|can|could|may)(?:n['’]?t|\s+not|\s+never)\s+(?:(?:ever|really|just|be\s+left)\s+)?"
        rf"(?:be|have|stay|sit|remain|run|keep)\s+(?:(?:at|on|with)\s+)?{_N}"
    ),
    # (The count alone is blanked in English, its noun left to say what the change is about.) Asked as a question
    # ("3개면 안 돼?", "wouldn't 3 do"), the negation proposes the count, and is not read here.
    _marked(rf"{_N}\s*(?:개|대|{_REPLICA_WORD})?\s*(?:이|가|은|는)?\s*(?:이)?면\s*{FORBIDDING_NEGATION}"),
    # A dash between two numbers and a counter after them ("2-4 pods", "3–5개"); the second number, glued to
    # the dash, is no token of its own, so the digits are read as written.
    _plain(
        rf"(?<![\w.-])(?P<number>\d+)\s*[-\u2013]\s*\d+\s*(?:개|대|{_REPLICA_WORD})",
        needs=("-", "\u2013"),
    ),
)


def _drop_bounds(masked: MaskedText, marked: str) -> None:
    """Blank every bound or range of copies (:data:`_BOUND_COUNTS`): none is the count asked for. `marked`: the
    command's numbers marked (:func:`~klepaas_nlp.rules.numbers.mark_numbers`), maybe before other counts were
    blanked; what it finds there is blanked again at most."""
    for pattern, reads_marks in _BOUND_COUNTS:
        for match in pattern.finditer(marked if reads_marks else masked.text):
            masked.blank(match.start(), match.end())


# A count stated as the state things are in now, not as the one asked for: "지금 2개밖에 없어요",
# "3개인데", "현재 2대", "is still at 1", "currently 4 replicas", "only 2 pods running". It never fills
# the count; a second count without such a mark ("지금 2개인데 6개로") does. Only the count itself
# (group ``count``) is blanked, so the words around it stay for the rest of the reading.
_COUNTER = rf"(?:개|대|{_REPLICA_WORD})"
_STATE_TAIL = (
    r"(?:만\s*)?(?:밖에|뿐|인데|인\s데|이(?:니까|라서|지만|고)|라서|니까|지만"
    r"|(?:이|가)?\s*(?:있|떠\s?있|돌고|돌아가|실행\s?중|운영\s?중|남아\s?있)(?!게|도록))"
)  # "2대만 떠 있게 해줘": under -게 / -도록 the state is the one the change is to bring about, not the present.
_STATE_COUNTS = (
    _marked(rf"(?P<count>{_N}\s*{_COUNTER})\s*{_STATE_TAIL}"),
    # 지금/현재/아직 before a count that is no goal ("지금 3개로" is one) and no change ("지금 3개 띄워"),
    # the count's own noun between them or not ("현재 replicas=4", "지금 레플리카 3개").
    _marked(
        rf"(?:지금|현재|아직|여태)\s*(?:은|는|도)?\s*(?:{_REPLICA_WORD}\s*(?:수|개수)?\s*(?:는|은|이|가|=|:)?\s*)?"
        rf"(?P<count>{_N}\s*{_COUNTER}?)"
        rf"(?!\s*{_COUNTER}?\s*(?:으로|로|씩|더|만|→|->|늘|줄|띄|돌려|유지|만들|추가|배포)|[0-9])",
    ),
    _marked(
        rf"\b(?:is|are|'s|was|were|sits?|sitting|stays?|stuck|been)\s+(?:(?:still|currently|only|already|now"
        rf"|just)\s+)*(?:at|on)\s+(?P<count>{_N}(?:\s*{_REPLICA_WORD})?)(?![A-Za-z0-9:]|\.\d)",
    ),
    _marked(
        rf"\b(?:still|currently)\s+(?:(?:at|on|has|have|runs|running|with)\s+)?(?:only\s+)?"
        rf"(?P<count>{_N}(?:\s*{_REPLICA_WORD})?)(?![A-Za-z0-9:]|\.\d)",
    ),
    _marked(
        rf"(?<!\bto )(?<!keep )(?<!leave )(?<!with )\bonly\s+(?P<count>{_N}\s*{_REPLICA_WORD})"
        r"(?=\s+(?:are\s+|is\s+)?(?:running|left|up|now|alive|healthy|available|ready)\b)",
    ),
    _marked(rf"\b(?:has|have|there(?:'s|\s+is|\s+are))\s+only\s+(?P<count>{_N}(?:\s*{_REPLICA_WORD})?)"),
    # "X only has 2 replicas", "it's just running 3 pods": what it has now, not the goal.
    _marked(
        rf"\b(?:only|just)\s+(?:has|have|had|runs|running|got|gets)\s+(?P<count>{_N}(?:\s*{_REPLICA_WORD})?)"
        r"(?![A-Za-z0-9:]|\.\d)"
    ),
)


# An English count held by the present of a statement's verb: its subject runs it or has it now ("X is running
# 3 replicas", "X has 4 pods right now"), or it describes the subject of a statement ("X with 8 replicas is
# overkill"). The past ("X had 6 replicas last month") may be what a request points back at ("scale it back
# to that"), so it is left to pointing.py. Under a subordinator the clause says what is to be ("make sure X has
# 5 replicas", "so that it's running 4 pods") or supposed ("if X has 3 pods"): that count is no state. Nor is
# a statement alone ("X has 6 replicas."): read as the context of a request beside it, it holds the count the
# request may point back at ("… Keep it at that.").
_STATEMENT_COUNTS = (
    _marked(
        rf"\b(?:is|are|'s|'re)\s+(?:(?:still|currently|only|already|now|just)\s+)*"
        rf"(?:running|using)\s+(?:(?:on|with)\s+)?(?P<count>{_N}\s*{_REPLICA_WORD})",
    ),
    _marked(rf"\bhas\s+(?:(?:still|currently|only|already|now|just)\s+)*(?P<count>{_N}\s*{_REPLICA_WORD})"),
    _marked(rf"\bwith\s+(?P<count>{_N}\s*{_REPLICA_WORD})\s+(?:is|are|seems?|looks?|feels?)\b"),
    # A count turned down, the subject of a negated verb or judged too few or too many ("3 replicas won't do",
    # "two isn't enough", "5 pods are too many"), as "3개로는 안 돼" turns one down in Korean.
    _marked(
        rf"(?P<count>{_N}(?:\s*{_REPLICA_WORD})?)\s+(?:(?:is|are|was|were|does|do|did|would|could)n['’]?t"
        r"|won['’]?t|can['’]?t|(?:is|are|was|were|will|would|does|do)\s+not"
        r"|(?:is|are|was|were|seems?)\s+(?:way\s+|far\s+|much\s+)?too\s+(?:few|many|much|little|low|high))\b"
    ),
)
# A subordinator and the subject after it, right before the verb (a closed class).
_SUBORDINATE_BEFORE = LazyPattern(
    r"\b(?:sure|ensure|so|that|until|till|unless|if|when|once|whether)\s+(?:[\w.'/-]+\s+){0,3}$", re.IGNORECASE
)


_CLAUSE_MARKS = LazyPattern(r"[,.;!?]")


class _Letters:
    """Where a text's letters and clause marks are, found once, so that what lies before or after a place
    is answered without reading the text again for each count in it."""

    __slots__ = ("first", "last", "marks")

    def __init__(self, text: str) -> None:
        letters = [index for index, letter in enumerate(text) if letter.isalpha()]
        self.first = letters[0] if letters else len(text)
        self.last = letters[-1] if letters else -1
        self.marks = [found.start() for found in _CLAUSE_MARKS.finditer(text)]

    def after(self, index: int) -> bool:
        """Whether a letter stands at or after `index`."""
        return self.last >= index

    def beside_the_clause(self, start: int, end: int) -> bool:
        """Whether words stand outside the clause (between marks) of text[start:end]."""
        before = bisect.bisect_left(self.marks, start)
        if before and self.first < self.marks[before - 1]:
            return True
        after = bisect.bisect_left(self.marks, end)
        return after < len(self.marks) and self.after(self.marks[after])


# A Korean count in a clause of its own, closed before the change is asked: "3개로 돌고 있는데 … 늘려줄래?",
# "2대로 버티기 힘들다 늘려줘", "5개 쓰기엔 트래픽이 적어 줄여줘", "2개로는 부족해 늘려줘". The change goes to a
# count only in its own clause ("3개로 늘려줘", "3개로 늘리고 로그 보여줘"); a count whose clause closes on
# something else tells how things are now, and the relative verb after it asks for the count.
# The count: a number with its counter, or a bare number after the noun of copies ("replicas 3으로").
_CLAUSE_COUNT = _marked(
    rf"(?P<noun>{_REPLICA_WORD}\s*(?:수|개수)?\s*(?:는|은|이|가|=|:)?\s*)?{_N}(?:\s*(?P<counter>{_COUNTER}))?"
)
_WORD = LazyPattern(r"\S+")
_MARKS_AFTER = ".,!?~…"
# The count is the condition of what follows ("3개면 충분해 줄여줘", "두 개면 돼"): the count wanted.
_CONDITION = LazyPattern(r"(?:이|으)?면$", needs=("면",))
# Endings that close a clause and never ask (a closed class): the background -ㄴ데/-는데, the reason -니(까)
# and -아서/-어서 (never the place's 에서), the concessive -지만, the judgement -기엔, a plain or chat
# declarative (-다, -네, -죠, 있음, 임), the copula's polite forms (-예요, -이에요).
_CLOSES_TELLING = LazyPattern(
    r"(?:데|니|니까|니깐|지만|기엔|기에는|기에|(?<![에문순])서|다|네|죠|있음|없음|임|예요|이에요)(?:요)?$"
)
# The copula's plain -야 on the count's own word ("3개야", "2대짜리야"); elsewhere -야 is as often the
# obligation -아야/-어야 ("있어야", "늘려야"), which wants the count.
_COUNT_IS = LazyPattern(r"^(?:짜리)?(?:이)?야$", needs=("야",))
# Endings that close a clause and may ask as well as tell: the plain -아/-어 form and the polite -요
# ("부족해" and "설정해", "남아돌아요" and "해요"). They tell only of a count taken as given (below).
_CLOSES_EITHER = LazyPattern(rf"(?:[{INFLECTED}]|요)$")
# The count taken as given, the topic of what the clause says of it: "2개로는 부족해", "3개는 너무 많아".
_GIVEN = LazyPattern(r"^(?:짜리|정도|쯤)?(?:으로|로)?(?:는|은)$", needs=("는", "은"))
# What goes on now: the progressive -고 있다, never -고 있게 / -고 있도록 (the state the change is to bring).
_ONGOING = LazyPattern(r"고\s?있(?!게|도록)", needs=("있",))
# What is wanted in the count's clause makes it the count asked for: a need, an obligation, a wish, a
# permission ("8개는 있어야 할 것 같아요", "5개 필요한데", "2개로 줄여도 될 것 같은데").
_WANTED = LazyPattern(
    r"필요|[가-힣]야\s?(?:하|해|돼|되|할|겠|함|됨)|싶|좋겠|좋을|도\s?(?:돼|되|될|됨|괜찮)",
    needs=("필요", "야", "싶", "좋", "도"),
)
_CLAUSE_WORDS = 6
# The short negation, an adverb standing before its verb (a closed class): "3개로는 안 돼", "2대로는 못 버텨".
_SHORT_NEGATION = frozenset({"안", "못"})


def _asks(clause: str) -> bool:
    said = predicate(clause)
    changes = said.act in (*MUTATION_ACTS, Act.CHANGE, Act.CREATE) and said.source != "korean_done"
    return (
        changes
        # "2개 띄워서 배포": a count in a step of the request (a change's verb with -아서) is the request's count.
        or closes_on_a_step(clause.rstrip(_MARKS_AFTER).lower().replace(" ", ""))
        or ASKS.search(clause) is not None
        or FORMAL_REQUEST.search(clause) is not None
        or WISH.search(clause) is not None
        or _WANTED.search(clause) is not None
        or asked_indirectly(clause) is not None
    )


def _tells_now(text: str, start: int, end: int, letters: _Letters) -> bool:
    """Whether the count at text[start:end] stands in a clause that closes before more of the command
    follows and only tells how things are: closed by an ending that never asks, going on now, saying
    something of the count taken as given, or turning it down by a negated verb ("3개로는 안 돼 5개로",
    "2대로 못 버텨 늘려줘"); and asking for nothing (no change, request, need)."""
    given = negated = False
    for index, found in enumerate(_WORD.finditer(text, end)):
        if index == _CLAUSE_WORDS:
            return False
        word = found.group(0)
        bare = word.rstrip(_MARKS_AFTER)
        own = index == 0 and found.start() == end  # the rest of the count's own word: "로는", "는", "야"
        given = given or (own and _GIVEN.search(bare) is not None)
        if _CONDITION.search(bare) is not None:
            return False
        closed = bare != word
        whole = text[start:end] + bare if found.start() == end else bare
        # A verb after the short negation ("안 돼", "못 써") is a predicate of two words, however short its own.
        after_negation, negated = negated, bare in _SHORT_NEGATION
        if sum(1 for letter in whole if "가" <= letter <= "힣") < 2 and not closed and not after_negation:
            continue  # "더", "다", "좀": a word of one syllable closes nothing
        telling = _CLOSES_TELLING.search(bare) is not None or (own and _COUNT_IS.search(bare) is not None)
        if not (closed or telling or _CLOSES_EITHER.search(bare) is not None):
            continue
        if not letters.after(found.end()):
            return False  # the count's clause is the command's last: it is the change's own
        clause = text[start : found.end()]
        # A count turned down by the negated verb closing its clause ("2개로 안 돼") is no more asked for.
        told = telling or given or after_negation or _ONGOING.search(clause) is not None
        return told and not _asks(clause)
    return False


def _drop_counts_told_in_clauses(masked: MaskedText, marked: str) -> None:
    """Blank each Korean count whose own clause tells how things are now (see :func:`_tells_now`)."""
    text = masked.text
    letters = _Letters(text)
    for match in _CLAUSE_COUNT.pattern.finditer(marked):
        if (match.group("noun") or match.group("counter")) and _tells_now(text, match.start(), match.end(), letters):
            masked.blank(match.start("number"), match.end())


def _drop_state_counts(masked: MaskedText) -> str:
    """Blank every count :data:`_STATE_COUNTS` marks as the present state, every count a statement's verb
    holds (:data:`_STATEMENT_COUNTS`) and every Korean count told in a clause of the present state
    (:func:`_drop_counts_told_in_clauses`). The command as it was read, its numbers marked."""
    marked = mark_numbers(masked.text)
    for pattern, _ in _STATE_COUNTS:
        for match in pattern.finditer(marked):
            if wanted_before(marked, match.start()):
                continue  # "X is meant to sit at 3", "nice to have X sitting on 4": the state wanted is the goal
            masked.blank(match.start("count"), match.end("count"))
    letters: _Letters | None = None
    for pattern, _ in _STATEMENT_COUNTS:
        for match in pattern.finditer(marked):
            if _SUBORDINATE_BEFORE.search(marked[max(0, match.start() - 80) : match.start()]) is not None:
                continue
            letters = letters if letters is not None else _Letters(marked)
            if letters.beside_the_clause(match.start(), match.end()):
                masked.blank(match.start("count"), match.end("count"))
    if NUMBER_MARK in marked and any("가" <= letter <= "힣" for letter in marked):
        _drop_counts_told_in_clauses(masked, marked)
    return marked


@dataclass(slots=True)
class Quantities:
    replicas: int | None = None
    replicas_relative: bool = False
    lines: int | None = None
    steps_back: int | None = None
    replicas_counted: bool = True
    """The count was written with a counter word ("3개", "3 replicas", "x3"), not a bare number
    ("3으로", "scale api 3", "to 3"), which only the verb makes a count of copies."""
    replicas_conflict: bool = False
    """Another, different count of copies is written beside the one taken, and neither is marked as
    the goal ("3개 5개 배포"): which one is meant is a question, never a guess."""
    replicas_at: tuple[int, int] | None = field(default=None, compare=False)
    """Where the count of copies (or the step of it) taken is written: the span blanked for it (where, not
    what: two readings of the same counts are equal wherever they stand)."""
    counts_another_noun: bool = False
    """The count taken counts something other than the app's copies (:func:`read_the_counted_noun`)."""


def _take_count(
    masked: MaskedText, counts: tuple[_Count, ...], spans: list[tuple[int, int]] | None = None
) -> str | None:
    """The number of the first count found (its span blanked, and added to `spans`), as the command writes it."""
    text = masked.text
    marked: str | None = None
    for pattern, reads_marks in counts:
        subject = text
        if reads_marks:
            marked = subject = marked if marked is not None else mark_numbers(text)
        match = pattern.search(subject)
        if match is not None:
            start = match.end("lead") if "lead" in match.re.groupindex else match.start()
            masked.blank(start, match.end())
            if spans is not None:
                spans.append((start, match.end()))
            return text[match.start("number") : match.end("number")]
    return None


_MULTIPLICATIVES = {"once": 1, "twice": 2, "thrice": 3}


def _value(number: str | None) -> int | None:
    if number is not None and number.lower() in _MULTIPLICATIVES:
        return _MULTIPLICATIVES[number.lower()]
    return None if number is None else parse_number(number)


def take_quantities(masked: MaskedText) -> Quantities:
    """Blank and return the step count, line count and replica count in `masked`, in that order."""
    found = Quantities()
    found.steps_back = _value(_take_count(masked, _STEPS))
    found.lines = _value(_take_count(masked, _LINES))
    _drop_bounds(masked, _drop_state_counts(masked))
    spans: list[tuple[int, int]] = []
    found.replicas_relative = _take_count(masked, _RELATIVE, spans) is not None
    _take_count(masked, _FACTORS)
    before = masked.text
    alternatives = _ALTERNATIVE_COUNTS.search(mark_numbers(before)) is not None
    goal = _take_count(masked, _GOAL_COUNTS[:1], spans)
    if goal is None:
        goal = _take_count(masked, _GOAL_COUNTS[1:], spans)
        # "to 3": a goal, but only a counter after it ("to 3 replicas") says of what.
        found.replicas_counted = goal is None or (
            re.search(rf"\bto\s+{_ABOUT}{re.escape(goal)}{_ABOUT_AFTER_EN}\s*{_REPLICA_WORD}", before, _I) is not None
        )
    if goal is not None:
        # "두 개 더 늘려서 총 5개로": a step, then the total it comes to; the total is the count asked for.
        found.replicas_relative = False
    number = goal
    if number is None:
        number = _take_count(masked, _COUNTED_REPLICAS, spans)
    if number is None:
        number = _take_count(masked, _UNCOUNTED_REPLICAS, spans)
        found.replicas_counted = number is None
    found.replicas = _value(number)
    found.replicas_at = spans[-1] if spans else None
    if found.replicas is not None and goal is None and before != masked.text:
        other = _value(_take_count(MaskedText(masked.text), _COUNTED))
        found.replicas_conflict = other is not None and other != found.replicas
    found.replicas_conflict = found.replicas_conflict or (found.replicas is not None and alternatives)
    return found


# What a count counts is the noun written right before it (or before its counter), with no particle between:
# "X 레플리카 3개로" counts X's copies; "X 컨슈머 3개로", "X 배치 크기 5개로", "X 파드 안 컨테이너 2개로" count
# something of X that the platform does not set, and "X DB 레플리카 3개로" the copies of another thing (the DB).
# A count is one of copies when that noun is the app itself (its name, or the kind word standing for it: 앱,
# 서비스, 서버, 레포), its copies, or nothing: a particle, an ending, an adverb or an act's word before the count
# ("X를 3개로", "느려서 4개로", "좀 6개로", "스케일 2개로") leaves it no noun of its own. Spread over the copies
# ("파드당 워커 4개", "파드마다 2개"), a count is of something in each copy, never of the copies.
_COPY = rf"(?:{_REPLICA_WORD}|레플|포드)"
_COPY_WORD = LazyPattern(_COPY, _I)
_COPY_WORD_AFTER = LazyPattern(rf"\s*{_COPY}", _I)
_APP_WORD = LazyPattern(rf"(?:{KIND_WORDS}|서버|servers?|레포|리포|저장소|repo(?:sitory)?)", _I)
# The noun of the number itself or of its setting ("파드 수", "인스턴스 개수", "서버 대수", "레플리카 설정"): what is
# counted stands before it.
_NUMBER_NOUN = LazyPattern(r"(?:수|개수|갯수|대수|숫자|규모|설정|설정값|값|세팅|count|number|setting|value)", _I)
# Spread over each of something: the particle 마다, the suffix 당 after the copies' or the app's word.
_DISTRIBUTIVE = LazyPattern(rf"[가-힣A-Za-z]+마다|(?:{_COPY}|{KIND_WORDS}|서버)당", _I)
_BARE_WORD = LazyPattern(r"[가-힣]+|[A-Za-z]+")
# A word that ends in a particle (a closed class): an argument of the verb, not the count's noun.
_PARTICLE_END = LazyPattern(
    r"(?:을|를|은|는|이|가|도|만|에|에서|으로|로|의|와|과|랑|하고|까지|부터|보다|께|한테|처럼|씩|만큼)$"
)
# A particle standing alone after a span the reading took: the name's ("X의 컨슈머 3개로", "X 를 3개로").
_PARTICLE = LazyPattern(r"(?:을|를|은|는|이|가|도|만|의)")
# Endings that close or join a clause (a closed class): the count is in the clause after it ("부족해서 4개로",
# "터졌다 8개로", "늘리되 5개까지만"; -서 only after the -아/-어 form it joins, not in 프로듀서, 센서), and the plain
# -아/-어 form of the stems that take it whole or contracted ("느려 4개로", "트래픽 많아 6개로", "막혀", "터져",
# "못 버텨", "부족해"; not the open syllables that end loanwords as well: 워커, 서버, 컨슈머).
_PREDICATE_END = LazyPattern(
    rf"(?:다|네|죠|데|니|니까|(?<=[{INFLECTED}])서|면서|요|고|구|면|며|되|나|자|게|도록|려고|듯|됨|함|음|임|야|라"
    rf"|아|어|해|[{CONTRACTED}])$"
)
# Words that stand before a count without being what it counts (closed classes): adverbs of degree, manner and
# time, demonstratives, interjections and the words that take a count back ("좀 6개로", "딱 세 대로", "그거 2개로",
# "음 세 대로", "3개 말고 5개로").
_NOT_A_NOUN = LazyPattern(
    r"(?:좀|더|다시|지금|이제|당장|바로|얼른|빨리|그냥|일단|우선|딱|총|한|약|대략|대충|한번|많이|조금|너무|꼭|제발|전부|모두"
    r"|다|또|각|각각|아까|방금|어제|오늘|내일|요즘|이번|지난주|지난번|저번|그거|이거|저거|그걸|이걸|그것|이것|걔|얘|쟤|거|것"
    r"|모든|전체|여러|몇|아|어|음|앗|잠깐|아니|아니다|아니고|말고|대신|그럼|그러면|그리고|근데|그래서|일단은|우선은"
    # Nouns of time and the dependent nouns that make a time of the word before ("주말 동안 2개로", "오늘 밤 6개로").
    r"|동안|때|중|전|후|뒤|이후|이전|내내|간|쯤|정도|모레|아침|점심|저녁|밤|새벽|낮|오전|오후|야간|주간|주말|평일|주|달"
    r"|당분간|잠시|한동안)"
)
_PHRASE_WORDS = 4


def _bare_noun(word: str) -> bool:
    """Whether `word` may be a noun standing bare before a count: letters of one script, no particle or ending
    after it, no adverb of the closed classes and no act's word."""
    if _BARE_WORD.fullmatch(word) is None or _NOT_A_NOUN.fullmatch(word) is not None:
        return False
    if "가" <= word[0] <= "힣" and (_PARTICLE_END.search(word) or _PREDICATE_END.search(word)):
        return _COPY_WORD.fullmatch(word) is not None or _APP_WORD.fullmatch(word) is not None
    return predicate(word).act is Act.NONE


def _counted_words(leftover: str, start: int) -> list[str] | None:
    """The bare nouns right before the count at leftover[start:], in order: what stands between it and what the
    reading took before it (the app's name, its place; blanked in `leftover`) or its clause's start. None when
    something else stands between (a particle, an ending, an adverb, an act's word): the count has no noun."""
    opening = max(leftover.rfind(mark, 0, start) for mark in ",.;!?\n") + 1
    words: list[str] = []
    end = start
    for _ in range(_PHRASE_WORDS):
        gap_end = end
        while gap_end > opening and leftover[gap_end - 1] == " ":
            gap_end -= 1
        if gap_end == opening or end - gap_end > 1:
            return words  # the clause's start, or a span the reading took
        word_start = leftover.rfind(" ", opening, gap_end) + 1 or opening
        word = leftover[word_start:gap_end]
        if _PARTICLE.fullmatch(word) is not None and leftover[max(opening, word_start - 2) : word_start].isspace():
            return words  # "X의 컨슈머", "X를 3개로": the particle of the name the reading took
        if _DISTRIBUTIVE.fullmatch(word) is not None:
            return [word, *words]
        if not _bare_noun(word):
            return None
        words.insert(0, word)
        end = word_start
    return None


def read_the_counted_noun(found: Quantities, leftover: str, named: bool) -> None:
    """Set :attr:`Quantities.counts_another_noun` when the count of copies taken counts another noun, read in
    `leftover` (the command with what the reading took blanked, names too); `named`: the command names its target."""
    if found.replicas_at is None:
        return
    start, end = found.replicas_at
    if _COPY_WORD_AFTER.match(leftover, end) is not None:
        return  # "4개 복제본으로", "8개 인스턴스로": the copies' word after the count
    words = _counted_words(leftover, start)
    while words and _NUMBER_NOUN.fullmatch(words[-1]) is not None:
        words.pop()
    if not words:
        return
    if any(_DISTRIBUTIVE.fullmatch(word) is not None for word in words):
        found.counts_another_noun = True
        return
    head, modifiers = words[-1], words[:-1]
    if not "가" <= head[0] <= "힣" or _APP_WORD.match(head) is not None:
        return
    if _COPY_WORD.match(head) is not None:
        # "X DB 레플리카": with X named, a noun before the copies' word says whose copies they are.
        found.counts_another_noun = named and any(
            _COPY_WORD.fullmatch(word) is None and _APP_WORD.fullmatch(word) is None for word in modifiers
        )
        return
    found.counts_another_noun = True
