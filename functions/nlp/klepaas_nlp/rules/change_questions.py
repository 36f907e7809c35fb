"""A question about a change rather than a request for it.

Who made it ("누가 X 재시작했나요?", "did anyone restart X?"), or what it would do, asked of a change
supposed ("X 재시작하면 세션이 끊기나요?", "X 롤백하면 데이터도 돌아가?", "If we scale X down, will jobs be
lost?"). The rules answer neither: the command asks for no act and no read.

In Korean any question after a change supposed by -면 asks what it would do, unless it asks for something
itself: a request's ending ("X 재시작하면 로그 보여줄래?"), or one of our reads ("X 배포하면 어디로
접속해?", "X 롤백하면 어떤 버전으로 돌아가?"). Nor is -면 되다 a condition: "X 롤백하면 돼?" asks whether
to, and "X 재시작하면 안 될까요?" asks for the change.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.english_roles import EN_OPERATION, EN_OPERATION_WORD, EN_SEGMENTS, supposes
from klepaas_nlp.rules.korean_roles import korean_roles
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import HANGUL, QUESTION_END, names_a_read
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.pieces import pieces_of
from klepaas_nlp.rules.predicate import MUTATION_ACTS, NAME_LIKE, mentions_an_operation, predicate

# A question about a change rather than a request for it: who made it ("누가 X 재시작했나요?", "X를
# 2개로 줄인 사람이 누구예요?", "did anyone restart X?"), or what it would do, asked of a change supposed
# ("X 재시작하면 세션이 끊기나요?", "If we scale X down, will jobs be lost?", "How long does a rollback
# take?"). The rules answer neither: the command asks for no act and no read.
_WHO_KO = LazyPattern(r"누가|누구(?:예요|에요|야|죠|지|인가|인지|였|냐|니|세요)|사람이?\s*누구", needs=("누가", "누구"))
_WHO_EN = LazyPattern(
    r"\bwho\b|\b(?:did|has|have|had)\s+(?:anyone|anybody|someone|somebody)\b",
    re.IGNORECASE,
    needs=("who", "anyone", "anybody", "someone", "somebody"),
)
# What a change does to what runs: cut off, stopped, lost, undone, affected, or the time it takes.
_EFFECT_KO = LazyPattern(
    r"끊기|끊겨|끊어|끊길|중단|멈추|멈춰|멈출|날아가|날아갈|사라지|사라져|사라질|유실|잃|되돌아가|되돌아갈|되돌려지|영향"
    r"|(?:시간|몇\s*분|몇\s*초|얼마나)[가-힣\s]{0,6}(?:걸리|걸려|걸릴|중단|멈)",
    needs=("끊", "중단", "멈", "날아", "사라", "유실", "잃", "되돌", "영향", "걸", "얼마나"),
)
_EFFECT_EN = LazyPattern(
    r"\b(?:be\s+lost|get\s+lost|lose|go\s+down|be\s+interrupted|get\s+interrupted|be\s+dropped|get\s+dropped"
    r"|drop|disconnect|break|affect|cause\s+downtime)\b|\bhow\s+long\b",
    re.IGNORECASE,
    needs=("lost", "lose", "down", "interrupted", "dropped", "drop", "disconnect", "break", "affect", "long"),
)
# Why someone did or did not make a change ("why didn't you roll back X?", "why has nobody restarted X?",
# "why would they redeploy X?"): a complaint or a question about an act, asking for none. "why don't you
# …?" and "why not …?" propose the act instead (predicate.py).
_WHY_EN = LazyPattern(
    r"^\s*why\s+(?:(?:did|has|have|had|would|was|were|is|are|could|should)(?:n['’]?t|\s+not)?|wouldn['’]?t)\s+"
    r"(?:you|u|we|they|he|she|i|someone|somebody|anyone|anybody|nobody|no\s+one|(?:the|our|your)\s+[\w-]+)\b",
    re.IGNORECASE,
    needs=("why",),
)
# How a change is made, what it would do, or how long it takes, asked of the change as knowledge: "how do I
# restart X?", "how to roll back X", "explain what a rollback of X would do", "what does redeploying X do?",
# "X 재배포는 보통 몇 분 걸려요?", "X 롤백하려면 어떻게 해요?". No change is asked for and nothing of ours is read.
# ("how about restarting X?" proposes the act: no auxiliary or "to" follows "how" there.)
_HOW_EN = LazyPattern(
    r"^\s*(?:(?:so|and|but|ok|okay|hey|quick\s+question)[\s,:]+)*"
    r"(?:how\s+(?:(?:do|does|can|could|should|would|will|shall)\s+(?:i|we|you|one|someone|they|u)|to)\s+"
    r"(?:(?:properly|safely|actually|even|best|correctly|quickly|manually)\s+)?"
    rf"{EN_OPERATION}\b"
    r"|(?:explain|describe)\s+(?:to\s+me\s+)?(?:what|how)\b(?=.*\b(?:would|will|does|do|works?|happens?)\b)"
    rf"|what\s+(?:would|will|does|could|might)\s+(?:a\s+|an\s+|the\s+)?{EN_OPERATION}\b"
    r"|what\s+(?:happens|would\s+happen|will\s+happen)\s+(?:if|when|after|during)\b)",
    re.IGNORECASE,
    needs=("how", "explain", "describe", "tell", "what"),
)
_HOW_KO = LazyPattern(
    # "어떻게 재시작해요?", "X 롤백은 어떻게 하나요?", "재배포하려면 어떻게 해야 돼?" (not "배포 어떻게 됐어?").
    r"(?:어떻게|어케|어떡해|어찌)\s*(?:[가-힣A-Za-z0-9§-]+\s+)?[가-힣]*?(?:재시작|재기동|롤백|배포|스케일|되돌리|늘리|줄이)"
    r"[가-힣]*?(?:하|해|시켜|려)(?!.*(?:됐|되었|됨|돼\s*가|되어\s*가|돼가))"
    r"|(?:재시작|재기동|롤백|배포|스케일)[가-힣]*?(?:하려면|할려면|하면|하는\s*건|은|는)\s*(?:보통\s*)?(?:어떻게|어케)\s*(?:해|하)"
    # The time it takes: "재배포는 보통 몇 분 걸려요?", "롤백 시간 얼마나 걸려?".
    r"|(?:몇\s*분|몇\s*초|몇\s*시간|얼마나|얼마|시간이?)\s*(?:정도\s*|쯤\s*|이나\s*)?(?:걸려|걸리|걸릴|소요)",
    needs=("어떻게", "어케", "어떡해", "어찌", "몇", "얼마", "시간"),
)
_EN_SUPPOSED = LazyPattern(r"^(?:if|when|once|suppose|what\s+if)\b|\bhow\s+long\b", re.IGNORECASE)
# The benefactive 주다 of a request, or 부탁: a question that asks for something done ("보여줄래?").
_GIVING_KO = LazyPattern(r"줘|주세요|주실|주시|줄래|줄\s*수|부탁", needs=("줘", "주", "줄", "부탁"))
# -면 되다 (is it enough to …?, "X 롤백하면 돼?"), its -면 no condition: what is asked is whether to.
_SUFFICES_KO = LazyPattern(r"^\s*(?:안\s*)?(?:돼|되|됩|될|됨)")


# A request quoted by 라고 and said as a supposition ("X 재시작해줘라고 쓰면 돼?", "'배포해'라고 치면 바로 되나요?"):
# a question about how to word a command, which asks for none. The quotation ends in a request's ending.
_WORDING_KO = LazyPattern(
    r"(?:줘|주세요|줄래|해|해요|하자|하)\s*(?:이)?라고\s*(?:만\s*)?"
    r"(?:쓰|써|치|쳐|입력|말하|말해|적|보내|요청하|요청해|하|해|물어보|물으)[가-힣]*(?:면|\s?때)(?:\s|$)",
    needs=("라고",),
)


def _asks_a_read(question: str) -> bool:
    """A question asking one of our reads: a thing read ("어디로 접속해?"), or the versions to go back to
    ("롤백하면 어떤 버전으로 돌아가?")."""
    return names_a_read(question) or kw.LIST_ROLLBACK.found_in(normalise(question))


def asks_about_a_change(text: str) -> bool:
    """`text` asks who made a change, or what a change supposed would do, or how a request is worded,
    not for the change."""
    if _WORDING_KO.search(text) is not None and QUESTION_END.search(text) is not None:
        return True
    if HANGUL.search(text) is not None:
        pieces = pieces_of(text)
        operation = any(predicate(piece).act in MUTATION_ACTS for piece, _ in pieces) or mentions_an_operation(
            NAME_LIKE.sub("§", text).lower().replace(" ", "")
        )
        if not operation:
            return False
        if _HOW_KO.search(text) is not None and QUESTION_END.search(text) is not None:
            # Only as the one question asked: "롤백 얼마나 걸려? 일단 해줘" asks for the change after it.
            return len(korean_roles(text)) == 1
        if _WHO_KO.search(text) is not None:
            # Only as the one question asked: "누가 X 롤백했대, 로그 보여줘" tells (누가, someone) and asks.
            return len(korean_roles(text)) == 1 and QUESTION_END.search(text) is not None
        supposed = [index for index, (piece, condition) in enumerate(pieces) if condition and supposes(piece)]
        if not supposed or QUESTION_END.search(text) is None:
            return False
        after = " ".join(piece for piece, _ in pieces[supposed[0] + 1 :])
        if _EFFECT_KO.search(after) is not None:
            return True
        # Any other question after it asks what the change would do, unless it asks for something itself.
        if not after.strip() or _SUFFICES_KO.match(after) is not None:
            return False
        return _GIVING_KO.search(after) is None and not _asks_a_read(after)
    if EN_OPERATION_WORD.search(text) is None:
        return False
    if _HOW_EN.match(text) is not None:
        # Only as the one thing said: "how long does a restart take? just do it" asks after it.
        return len(EN_SEGMENTS.split(text.strip())) == 1
    if _WHY_EN.match(text) is not None:
        return len(EN_SEGMENTS.split(text.strip())) == 1
    if _WHO_EN.search(text) is not None:
        return text.rstrip().endswith("?") and len(EN_SEGMENTS.split(text.strip())) == 1
    return text.rstrip().endswith("?") and _EN_SUPPOSED.search(text) is not None and _EFFECT_EN.search(text) is not None
