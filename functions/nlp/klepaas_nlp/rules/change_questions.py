"""A question about a change rather than a request for it.

Who made it ("누가 X 재시작했나요?", "did anyone restart X?"), or what it would do, asked of a change
supposed ("X 재시작하면 세션이 끊기나요?", "X 롤백하면 데이터도 돌아가?", "If we scale X down, will jobs be
lost?"), or what it did, asked of a change told as the time or the cause of a change of state ("배포하고 나서
응답속도 빨라졌어?", "스케일 아웃한 뒤로 에러율 떨어졌나요?", "Did latency improve after the X scale-up?", "What
changed in the code between the last two releases?"). The rules answer none: the command asks for no act and
no read.

What a change did is asked with a verb of a change of state closing the question (-아/-어지다, become: 빨라지다,
떨어지다; the intransitive verbs of change: 늘다, 줄다, 바뀌다, 생기다; improve, drop, go down, change), or
closing a clause in -는지 that a verb of showing takes ("배포에서 코드 뭐 바뀌었는지 보여줘"). Its subject is a
measure (응답속도, error rate, p99), never an app, and what is asked is no read of ours, unless the question
names one after the change ("롤백한 뒤로 접속 주소가 바뀌었나?" asks for the endpoint, "재배포 후에 서비스 정보
바뀌었는지 보여줘" for the service).

In Korean any question after a change supposed by -면 asks what it would do, unless it asks for something
itself: a request's ending ("X 재시작하면 로그 보여줄래?"), or one of our reads ("X 배포하면 어디로
접속해?", "X 롤백하면 어떤 버전으로 돌아가?", "X 롤백하면 뭐로 돌아가?"), as English asks what a rollback would go
back to ("what would a rollback of X go back to?"). Nor is -면 되다 a condition: "X 롤백하면 돼?" asks whether
to, and "X 재시작하면 안 될까요?" asks for the change.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.english_roles import EN_OPERATION, EN_OPERATION_WORD, EN_SEGMENTS, supposes
from klepaas_nlp.rules.hangul import INFLECTED
from klepaas_nlp.rules.korean_roles import korean_roles
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import HANGUL, QUESTION_END, names_a_read
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.pieces import pieces_of
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    mentions_an_operation,
    opens_with_question_word,
    operations_before,
    predicate,
)

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


# Whether a change was meant, asked back: a request quoted as the speaker's own (-(으)라는, -란, -자는, -(아/어)
# 달라는, before 거 / 말 / 얘기 / 뜻 and the copula, its negation or 맞다) closing a question ("X 재시작하라는 거
# 아니야?", "롤백하란 말이야?", "배포해 달라는 거 맞죠?"), or "(do) you mean …?", "are you asking me to …?". It asks
# about a request, which the user has still to make; stated, "재시작하라는 거야" restates the speaker's own request
# (marks.ASKS) and asks for it.
_MEANT_KO = LazyPattern(
    r"(?:달라는|달란|(?<=하)라는|(?<=하)란|(?<=[가-힣])자는)\s*(?:거|것|겁|게|건|말|말씀|얘기|뜻)[가-힣]*"
    r"(?:\s*(?:아니|아냐|아닌|아녜|맞)[가-힣]*)?\s*(?:\?|(?<=[냐니까])|(?<=나요)|(?<=지요)|(?<=죠))[?!.~\s]*$",
    needs=("라는", "란", "자는"),
)
_MEANT_EN = LazyPattern(
    r"^\s*(?:so\s+|wait\s*,?\s+)?(?:(?:do|did)\s+)?(?:you|u)\s+mean\b"
    r"|^\s*(?:so\s+)?(?:are\s+you|you(?:'re|\s+are))\s+(?:asking|telling|saying)\b",
    re.IGNORECASE,
    needs=("mean", "asking", "telling", "saying"),
)


# Whether a change happened, asked: a change's verb in its past adnominal (-ㄴ/-된/-했던) before 거 and the
# copula's negation or 맞다, closing the one question ("X 재시작한 거 아니야?", "롤백된 거 맞죠?", "배포했던 거
# 아니에요?"): it asks what was done, which the user has still to ask for.
_HAPPENED_KO = LazyPattern(
    r"(?:[한된진]|했던|됐던|되었던)\s*(?:거|것|건|게)\s*(?:아니|아냐|아닌|아녜|맞)[가-힣]*\s*\?[?!.~\s]*$",
    needs=("거", "것", "건", "게"),
)


def asks_whether_meant(text: str) -> bool:
    """Whether `text`, one question, asks back whether a change was meant ("X 재시작하라는 거 아니야?", "you mean
    restart X?") or whether it happened ("X 재시작한 거 아니야?"): a question about a change, no request."""
    if not text.rstrip().endswith("?") and HANGUL.search(text) is None:
        return False
    if HANGUL.search(text) is not None:
        asked_back = _MEANT_KO.search(text) is not None or _HAPPENED_KO.search(text) is not None
        return asked_back and len(korean_roles(text)) == 1
    return _MEANT_EN.search(text) is not None and "?" not in text.rstrip()[:-1]


# What a change did, asked after it. A verb of a change of state: -아/-어지다 (become) after a verb's -아/-어 form
# ("빨라졌", "떨어지나", "좋아질까"), or an intransitive verb of change, in its past, present or future form.
_BECOMING_KO = (
    rf"[{INFLECTED}](?:졌|졋|지|져|질)"
    r"|늘었|늘어났|늘어나|늘어날|늘어|줄었|줄어들었|줄어들|줄어|올랐|올라갔|올라가|올라갈|올라|내려갔|내려가|내려갈"
    r"|바뀌었|바꼈|바뀌어|바뀌|바뀔|변했|변해|변하|변할|생겼|생겨|생기|생길|튀었|튀어|튈"
    r"|(?:개선|향상|악화|증가|감소|단축|상승|하락)(?:됐|되었|돼|되|될|했|하였|해|하|할)"
)
# The verb closing the question (an ending and marks after it: `closed`), or a clause in -는지 / -(으)ㄹ지 that
# the rest of the sentence takes.
_BECAME_KO = LazyPattern(
    rf"(?:{_BECOMING_KO})(?:(?:어요|어|나요|나|니|냐|습니까|는가요|는가|을까요|을까|까요|까|지요|죠|요|음)?"
    r"(?P<closed>[^가-힣a-z0-9]*$)|(?:는|은|을)?지(?![가-힣]))"
)
# The change told as the time, the place or the cause of what is asked, right after its stem ("배포 한 거",
# "스케일 아웃한 뒤로", "배포 이후", "마지막 배포에서", "재시작 때문에", "롤백했는데", "배포 끝나고"), or as the
# first of two clauses joined by -고 ("배포하고 (나서)"), which a question of its own makes a change done before it.
_AFTER_IT_KO = LazyPattern(
    r"(?P<joined>(?:하|시키|되|돼)?(?:고|구))(?!나서|난)"
    r"|(?:하|시키|되|돼)?(?:고|구)(?:나서|난뒤|난후|난다음)|(?:한|된|시킨|했던|됐던|하신)(?:거|건|게|것|뒤|후|다음|이후|직후)"
    r"|이후|후|뒤|다음|직후|에서|때문에|(?:했|됐|시켰)(?:는데|더니|으니)|끝나고|끝난(?:뒤|후|다음)"
)
_BECAME_EN = LazyPattern(
    r"\b(?:improv(?:e|ed|es)|drop(?:ped|s)?|f[ae]ll(?:en|s)?|r[io]s(?:e|en|es)|increas(?:e|ed|es)|decreas(?:e|ed|es)"
    r"|declin(?:e|ed|es)|chang(?:e|ed|es)|spik(?:e|ed|es)|shr[iau]nk|shrinks|gr[eo]w(?:n|s)?"
    r"|(?:go|goes|went|gone|come|came)\s+(?:up|down)|(?:sped|speed)\s+up|slow(?:ed)?\s+down"
    r"|(?:get|gets|got|gotten|become|became|becomes)\s+(?:any\s+|much\s+|a\s+lot\s+)?(?:better|worse|[a-z]+er))\b",
    re.IGNORECASE,
)
# The change as the time, the cause or the span of what is asked: "after the X scale-up", "since yesterday's deploy",
# "between the last two releases".
_AFTER_IT_EN = LazyPattern(
    rf"\b(?:after|since|following|between|from|with|in)\s+(?:[\w'’.-]+\s+){{0,4}}?{EN_OPERATION}\b", re.IGNORECASE
)
# The change told first, as the time of the question after the comma: "after the X deploy, did latency improve?".
_TIME_FIRST_EN = LazyPattern(
    rf"^\s*(?:ever\s+since|since|right\s+after|after|following)\s+[^,?]*?\b{EN_OPERATION}\b[^,?]*,\s*", re.IGNORECASE
)
# What we read, named by its own word or by the kind of thing read ("파드 수", "서비스 정보", "the endpoint"). A
# word of trouble (에러, 장애: WEAK_STATUS) is a measure here, not a state asked for.
_READ_WORDS = (
    *(kw.LOGS, kw.STRONG_STATUS, kw.LISTING, kw.COST, kw.ENDPOINT, kw.LIST_ROLLBACK, kw.OVERVIEW),
    *(kw.LIST_INGRESSES, kw.LIST_ENDPOINTS, kw.POD, kw.DEPLOYMENT, kw.SERVICE, kw.NAMESPACE, kw.DETAIL),
    kw.COUNT_QUESTION,
)
# A sentence closed inside the text: what a change did is asked only as the one sentence.
_SENTENCE_INSIDE = LazyPattern(r"[.!?]\s+\S")
# The marks that join an English operation word into a name ("rollout-api", "deploy_bot").
_NAME_JOINERS = ("-", "_", "/", ".", ":", "@")


def _names_a_read_of_ours(text: str) -> bool:
    norm = normalise(text)
    return any(family.found_in(norm) for family in _READ_WORDS)


def _spaced_index(text: str, compact_index: int) -> int:
    """The index in `text` of the character at `compact_index` in `text` without its spaces."""
    seen = 0
    for index, char in enumerate(text):
        if char == " ":
            continue
        if seen == compact_index:
            return index
        seen += 1
    return len(text)


def _asks_what_it_did_ko(text: str) -> bool:
    """A Korean question of what a change told before it did: a verb of a change of state closing it, or closing a
    clause in -는지 that a verb of showing takes; after the change, no read of ours named."""
    lower = text.lower()
    became = None
    for found in _BECAME_KO.finditer(lower):
        became = found
    if became is None:
        return False
    closed = became.group("closed") is not None
    if closed and QUESTION_END.search(text) is None:
        return False
    if not closed and predicate(text[became.end() :]).act is not Act.READ:
        return False
    compact = lower.replace(" ", "")
    # Where each index of `lower` falls in `compact` (one pass, so that no index is counted twice).
    compact_at = [0]
    for char in lower:
        compact_at.append(compact_at[-1] + (char != " "))
    ends = [end for _, end in operations_before(compact, compact_at[became.start()])]
    # An English operation word in a Korean sentence ("hotfix rollout 하고 나서"), not part of a name ("rollout-api").
    ends += [
        compact_at[found.end()]
        for found in EN_OPERATION_WORD.finditer(lower, 0, became.start())
        if lower[found.start() - 1 : found.start()] not in _NAME_JOINERS
        and lower[found.end() : found.end() + 1] not in _NAME_JOINERS
    ]
    for end in sorted(ends):
        after = _AFTER_IT_KO.match(compact, end)
        # Joined by -고, the change may be the first of two asked ("X 재시작하고 에러 줄었는지 봐줘"): only a question
        # whose verb is its own makes it a change done before.
        if after is None or (after.group("joined") is not None and not closed):
            continue
        return not _names_a_read_of_ours(text[_spaced_index(text, after.end()) :])
    return False


def _asks_what_it_did_en(text: str) -> bool:
    """An English question of what a change did: a question word opening it, a verb of a change of state, the
    change as its time or span (or told first: "after the X deploy, did …?"), and no read of ours named but the
    change's own word; one question, nothing else said."""
    told_first = _TIME_FIRST_EN.match(text)
    question = text[told_first.end() :] if told_first is not None else text
    if not question.rstrip().endswith("?") or not opens_with_question_word(question):
        return False
    if _BECAME_EN.search(question) is None or len(EN_SEGMENTS.split(question.strip())) != 1:
        return False
    if told_first is None and _AFTER_IT_EN.search(question) is None:
        return False
    return not _names_a_read_of_ours(EN_OPERATION_WORD.sub(" ", text))


def _asks_where_it_goes(question: str) -> bool:
    """The versions a rollback goes back to, asked of a rollback supposed or described ("X 롤백하면 뭐로 돌아가?",
    "what would a rollback of X go back to?"): its target is read (list_rollback); the change is not what is asked
    about."""
    return kw.LIST_ROLLBACK.found_in(normalise(question))


def asks_about_a_change(text: str) -> bool:
    """`text` asks who made a change, or what a change supposed would do or a change done did, or how a request
    is worded, not for the change."""
    if _WORDING_KO.search(text) is not None and QUESTION_END.search(text) is not None:
        return True
    if asks_whether_meant(text):
        return True
    if HANGUL.search(text) is not None:
        pieces = pieces_of(text)
        unnamed = NAME_LIKE.sub("§", text)
        operation = (
            any(predicate(piece).act in MUTATION_ACTS for piece, _ in pieces)
            or mentions_an_operation(unnamed.lower().replace(" ", ""))
            or EN_OPERATION_WORD.search(unnamed) is not None
        )
        if not operation:
            return False
        if _HOW_KO.search(text) is not None and QUESTION_END.search(text) is not None:
            # Only as the one question asked: "롤백 얼마나 걸려? 일단 해줘" asks for the change after it.
            return len(korean_roles(text)) == 1
        if _WHO_KO.search(text) is not None:
            # Only as the one question asked: "누가 X 롤백했대, 로그 보여줘" tells (누가, someone) and asks.
            return len(korean_roles(text)) == 1 and QUESTION_END.search(text) is not None
        if _SENTENCE_INSIDE.search(text.strip()) is None and _asks_what_it_did_ko(text):
            # "배포하고 나서 응답속도 빨라졌어?": what a change done did, asked as the one sentence.
            return True
        supposed = [index for index, (piece, condition) in enumerate(pieces) if condition and supposes(piece)]
        if not supposed or QUESTION_END.search(text) is None:
            return False
        after = " ".join(piece for piece, _ in pieces[supposed[0] + 1 :])
        if _EFFECT_KO.search(after) is not None:
            return True
        # Any other question after it asks what the change would do, unless it asks for something itself: a
        # request, one of our reads, or where the change supposed goes back to (its question word may stand
        # alone after it: "X 롤백하면 뭐로 돌아가?").
        if not after.strip() or _SUFFICES_KO.match(after) is not None:
            return False
        supposition = " ".join(piece for piece, _ in pieces[supposed[0] :])
        return _GIVING_KO.search(after) is None and not names_a_read(after) and not _asks_where_it_goes(supposition)
    if EN_OPERATION_WORD.search(text) is None:
        return False
    if _HOW_EN.match(text) is not None:
        # Only as the one thing said: "how long does a restart take? just do it" asks after it. What a rollback
        # would go back to ("what would a rollback of X go back to?") is its target, a read of ours.
        return len(EN_SEGMENTS.split(text.strip())) == 1 and not _asks_where_it_goes(text)
    if _WHY_EN.match(text) is not None:
        return len(EN_SEGMENTS.split(text.strip())) == 1
    if _WHO_EN.search(text) is not None:
        return text.rstrip().endswith("?") and len(EN_SEGMENTS.split(text.strip())) == 1
    if _asks_what_it_did_en(text):
        # "Did latency improve after the X scale-up?": what a change done did.
        return True
    return text.rstrip().endswith("?") and _EN_SUPPOSED.search(text) is not None and _EFFECT_EN.search(text) is not None
