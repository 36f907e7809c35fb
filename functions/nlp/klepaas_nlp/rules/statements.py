"""The request among clauses that only state: what happened, why, or what someone will do.

A clause that STATES (its predicate declarative) asks for nothing, however many operation words it
holds, when another clause carries a request form. Only the request clause gives the act, the
count, the place and the target: the statements may lend it nothing but the one name it points
back at.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.assemble import NAMESPACE_ONLY_INTENTS, names_a_namespace
from klepaas_nlp.rules.classify import classify
from klepaas_nlp.rules.english_roles import EN_SEGMENTS
from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_L as _FINAL_L
from klepaas_nlp.rules.hangul import FINAL_N as _PAST_ADNOMINAL
from klepaas_nlp.rules.indirect import asked_indirectly
from klepaas_nlp.rules.korean_roles import states_a_situation
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.lending import VERSION, kind_lent, objectless, told_plain_names
from klepaas_nlp.rules.marks import (
    ASKS,
    FORMAL_REQUEST,
    HANGUL,
    HEARSAY,
    IMPERATIVE_WORD,
    PAST_END,
    PROGRESSIVE,
    QUESTION_END,
    SPEAKER_TELLS,
    STATEMENT_END,
    SUBJECT,
    TOLD_PAST,
    WISH,
    names_a_read,
)
from klepaas_nlp.rules.names import tickets_in
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.numbers import NUMBER
from klepaas_nlp.rules.pieces import AUXILIARY, SENTENCES, at_request_endings, closes_a_request, obliged_toward_others
from klepaas_nlp.rules.predicate import MUTATION_ACTS, NAME_LIKE, Act, english_act, mentions_an_operation, predicate
from klepaas_nlp.rules.role import Requested, Role
from klepaas_nlp.rules.vocabulary import is_stopword, is_topic_noun

# Korean statement forms: the situation's endings (STATEMENT_END, hearsay, the progressive), the past
# (PAST_END), a polite or plain declarative whose verb has a subject of its own ("Jisoo가 QA 시작해요"),
# a reason or purpose ending the clause (-아서요, -려고, -니까요, -거든요, 위해서), and a note ("INC-2055
# 참고."). A reason whose verb is a change ("반영해야 돼서", "재시작해서") may be the means of the
# request ("재시작해서" is how), so it is none; an indirect question (-는지) is a read's object, no statement.
_KO_REASON_END = LazyPattern(
    r"(?:(?:아|어|해|라|려|워|돼|와|봐|여)서|려고|려구|니까|거든|기\s*위해서?|기\s*때문이)(?:요)?[.!~…]*$"
)
_NOTE = LazyPattern(r"(?:참고|참조|cf|fyi)(?:로|요|하세요|해\s*주세요)?[.!~]*$", re.IGNORECASE)
_SUBJECT_DECLARES = LazyPattern(r"[가-힣](?:요|다|음|어|네)[.!~]*$")
_EMBEDDED_QUESTION = LazyPattern(rf"(?:는지|은지|인지|[{_PAST_ADNOMINAL}{_FINAL_L}]지)[,.]?$", needs=("지",))
# A word that may close a Korean statement inside a sentence with no mark after it ("민지가 QA 끝냈대
# X 올려", "수정본 머지했어요 X 배포해 주세요"): the past, hearsay, a formal or polite declarative. Never
# the past with -다 alone: "껐다 켜", "내렸다 올려" join two steps of one act.
_KO_FINITE_WORD = LazyPattern(
    rf"(?:[{TOLD_PAST}](?:어|어요|음|네|네요|대|대요|습니다)|[가-힣](?<![{_FINAL_L}])(?:대|래)(?:요)?"
    rf"|습니다|있음|없음|[가-힣](?:어요|아요)|^(?:건데|거인데|것인데)(?:요)?)[.!~,]*$"
)
# What happened told as a background: the past adnominal, then 거/것 with -ㄴ데 ("스케일 올리다 난 건데",
# "배포하다 생긴 건데요"): a statement the request after it is beside ("할 건데", a plan, is not this).
_TOLD_BACKGROUND = LazyPattern(rf"[{_PAST_ADNOMINAL}]\s(?:건데|거인데|것인데)(?:요)?[.!~,]*$", needs=("데",))


# Korean request forms: a request ending (ASKS, a formal one), a bare imperative whose clause has an
# act and no subject of its own, or a wish (-고 싶어요) for an act ("이전 로그를 확인하고 싶어요"); never
# the speaker's own humble telling ("참고로 알려드려요").
# A question about what the hearer did, in the honorific past ("문서는 다 읽어보셨나요?", "점심 드셨어요?",
# "회의 끝나셨죠?"): chat to a person, no act or read asked of the platform.
_HEARERS_PAST = LazyPattern(r"(?:셨|으셨)(?:나요|어요|습니까|죠|지요|나|어|니)?\s*\?*[.!~]*$", needs=("셨",))


# The speaker's promise, -ㄹ게(요) ("옮길게요", "정리할게", "제가 살게요"): what the speaker will do.
_PROMISE = LazyPattern(rf"[{_FINAL_L}]\s?게(?:요)?[.!~]*$", needs=("게",))


def _asks_the_hearer_what_they_did(segment: str) -> bool:
    return (
        _HEARERS_PAST.search(segment) is not None
        and NAME_LIKE.search(segment) is None
        and not names_a_read(segment)
        and not mentions_an_operation(segment.lower().replace(" ", ""))
    )


def korean_asks(segment: str) -> bool:
    stripped = segment.strip()
    if SPEAKER_TELLS.search(stripped) is not None or _asks_the_hearer_what_they_did(stripped):
        return False
    if ASKS.search(stripped) is not None or FORMAL_REQUEST.search(stripped) is not None:
        return True
    if WISH.search(stripped) is not None:
        # "비용 최적화 제안 받고 싶어요": a wish to get what is read asks for that read.
        return predicate(stripped).act is not Act.NONE or names_a_read(stripped)
    if asked_indirectly(stripped) is not None:
        return True  # "X 재시작이 필요합니다", "X 롤백해야 할 것 같아요": a change asked for indirectly
    return closes_a_request(stripped) and not states_a_situation(stripped)


def korean_states(segment: str) -> bool:
    stripped = segment.strip()
    if _asks_the_hearer_what_they_did(stripped):
        return True  # chat beside the request, as a statement is
    if _PROMISE.search(stripped) is not None and not mentions_an_operation(NAME_LIKE.sub("§", stripped).lower()):
        return True  # "다음 회의는 금요일로 옮길게요": what the speaker will do, told
    if "?" in stripped or QUESTION_END.search(stripped) is not None or _EMBEDDED_QUESTION.search(stripped):
        return False
    if korean_asks(stripped):  # a request, indirect ones included (asked_indirectly)
        return False
    if _KO_REASON_END.search(stripped) is not None:
        return not mentions_an_operation(NAME_LIKE.sub("§", stripped).lower().replace(" ", ""))
    return (
        STATEMENT_END.search(stripped) is not None
        or HEARSAY.search(stripped) is not None
        or PROGRESSIVE.search(stripped) is not None
        or PAST_END.search(stripped) is not None
        or SPEAKER_TELLS.search(stripped) is not None
        or _NOTE.search(stripped) is not None
        or _TOLD_BACKGROUND.search(stripped) is not None
        or (SUBJECT.search(stripped) is not None and _SUBJECT_DECLARES.search(stripped) is not None)
        or obliged_toward_others(stripped)
    )


def _korean_context_cuts(sentence: str) -> list[str]:
    """`sentence` cut where a statement meets a request inside it with no mark between them: after a
    finite statement's word that a request follows, after a request's word that a statement follows."""
    words = sentence.split(" ")
    for index in range(1, len(words)):
        before, after = " ".join(words[:index]), " ".join(words[index:])
        if _KO_FINITE_WORD.search(words[index - 1]) is not None and korean_states(before) and korean_asks(after):
            return [before, *_korean_context_cuts(after)]
        if (
            IMPERATIVE_WORD.search(words[index - 1]) is not None
            and AUXILIARY.match(words[index]) is None
            and closes_a_request(before)
            and korean_states(after)
        ):
            return [before, after]
    return [sentence]


def _korean_segments(text: str) -> list[str]:
    return [
        cut.strip()
        for whole in SENTENCES.split(text)
        for part in at_request_endings(whole)
        for clause in EN_SEGMENTS.split(part)
        for cut in _korean_context_cuts(clause.strip())
        if cut.strip()
    ]


# English: a statement opens with its subject, a noun phrase ("the last release", "about 5% of
# accounts", "Daniel"; never "you" or "please"), not with a verb (english_act reads none), then a finite
# verb: a form of be or have, a modal, a past in -ed or a common irregular past, or a verb that reports
# what its subject shows or does. A request opens with its verb (english_act reads one). A clause opened by
# "if" or "suppose" supposes what it says, in the past too ("if I rolled back X, …"): it tells nothing.
_EN_FINITE = (
    r"(?:is|are|was|were|has|have|had|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|can'?t|cannot"
    r"|won'?t|will|would|could|should|might|may|must|doesn'?t|don'?t|didn'?t|does|did|keeps?|kept|seems?|looks?"
    r"|broke|threw|went|fell|ran|began|got|gets|took|came|made|saw|left|lost|hit|stuck|grew|rose|shows?|showed"
    # A compound verb's past keeps its hyphen ("someone fat-fingered X up to 8").
    r"|returns?|throws?|fails?|says?|said|reports?|(?:[a-z]+-)*[a-z]+ed"
    # What is scheduled or foreseen: "Black Friday starts at 9am", "marketing expects 4x traffic".
    r"|starts|begins|ends|opens|closes|launches|goes|comes|happens|peaks|lands|expects?|anticipates?|predicts?"
    r"|forecasts?)"
)
_EN_STATES = LazyPattern(
    r"^(?:(?:so|and|but|fyi|btw|note|because|since|as)[\s,:]+)?"
    r"(?!(?:you|u|please|pls|kindly|just|let'?s|after|then|also|next|first|finally|if|suppose|supposing)\b)"
    r"(?:[\w%:.'/-]+\s+){1,6}?" + _EN_FINITE + r"\b",
    re.IGNORECASE,
)


def english_asks(segment: str) -> bool:
    return english_act(segment) is not Act.NONE or asked_indirectly(segment) is not None


def english_states(segment: str) -> bool:
    stripped = segment.strip()
    return (
        not stripped.endswith("?")
        and english_act(stripped) is Act.NONE
        and _EN_STATES.match(stripped) is not None
        and asked_indirectly(stripped) is None
    )


_EN_POINTS_BACK = LazyPattern(r"\b(?:it|this|that|this\s+one|that\s+one)\b", re.IGNORECASE)
# A time of day ("14:20", "10:40") is written like a name but names nothing.
CLOCK = LazyPattern(r"^[0-9]{1,2}:[0-9]{2}$")
# What a statement may hold that a request takes: a place ("namespace is fares", "네임스페이스는 X입니다",
# a branch) or a count with its unit ("3개면 충분할 듯", "last 40 lines would be enough"). A statement
# holding one beside a request that gives none of its own is part of the request: read whole.
# A count told as how things are ("cart has 3 replicas", "it's at 3", "지금 3개인데"): no count the request
# takes when it says its own ("make it 5", "5개로 늘려줘").
_COUNT_AS_IT_IS = LazyPattern(
    r"\b(?:has|had|have|is\s+at|was\s+at|are\s+at|'s\s+at|currently(?:\s+at)?|running)\s+[0-9]+"
    r"(?:\s*(?:replicas?|instances?|pods?|copies))?\b|(?:지금|현재)\s*[0-9]+\s*(?:개|대)(?:인데|이고|야|예요|입니다)?",
    re.IGNORECASE,
)
# An image written with its tag or digest ("registry.y/x:3.8.1", "x@sha256:…"), a letter first (a clock's
# "14:20" is none): told in a statement beside a deploy, it is the image the deploy takes.
TYPED_IMAGE = LazyPattern(
    r"(?<![\w./:@-])[A-Za-z][\w.-]*(?:/[\w.-]+)*(?::[A-Za-z0-9][\w.-]*|@sha256:[0-9a-f]{64})(?![\w/-])",
    needs=(":",),
)
_BARE_COUNT = LazyPattern(r"(?<![0-9:.])[0-9]+(?![0-9:.])")
_COPIES_COUNTED = LazyPattern(
    r"(?<![0-9:.])[0-9]+\s*(?:replicas?|instances?|pods?|copies|개|대|레플리카|복제본)(?![A-Za-z])", re.IGNORECASE
)
GIVES_A_SLOT = LazyPattern(
    r"\b(?:namespace|ns|branch|commit|sha)\b|네임스페이스|브랜치|커밋"
    # A count in words gives the slot its digits would ("세 단계가 아니라 두 단계 전으로요").
    r"|(?<![0-9:.])" + NUMBER + r"\s*(?:개|대|줄|단계|레플리카|복제본|lines?\b|replicas?\b|instances?\b|pods?\b"
    r"|copies\b|steps?\b|versions?\b)",
    re.IGNORECASE,
)


def among_statements(text: str) -> Requested | None:
    """The request among clauses that only state (context: what happened, why, what someone will do),
    when every other clause states and one or more carry a request form; None otherwise, and None when
    the statements hold what the request leaves out: a slot it gives none of, the object of a read that
    names none ("…로그가 이상해, 좀 보여줘"), or a name it does not point back at. A request that names
    no target takes the one name the statements hold in English when "it" points at it; in Korean the
    object left unsaid points back, and such a command is read whole, as before."""
    korean = HANGUL.search(text) is not None
    segments = _korean_segments(text) if korean else [part for part in EN_SEGMENTS.split(text.strip()) if part]
    if len(segments) < 2:
        return None
    asks, states = (korean_asks, korean_states) if korean else (english_asks, english_states)
    requests = [segment for segment in segments if asks(segment)]
    statements = [segment for segment in segments if segment not in requests and states(segment)]
    if not requests or not statements or len(requests) + len(statements) != len(segments):
        return None
    request = " ".join(requests)
    context = " ".join(statements)
    # A count the request says itself ("…, make it 5", "…, it should be 2 again") is the one asked: the copies
    # counted in the statements are how things are or were, no slot the request leaves out.
    given = (
        _COPIES_COUNTED.sub(" ", _COUNT_AS_IT_IS.sub(" ", NAME_LIKE.sub(" ", context)))
        if _BARE_COUNT.search(request)
        else context
    )
    if GIVES_A_SLOT.search(NAME_LIKE.sub(" ", given)) is not None and GIVES_A_SLOT.search(request) is None:
        return None
    said = predicate(request)
    if said.act is Act.DEPLOY and TYPED_IMAGE.search(context) is not None and TYPED_IMAGE.search(request) is None:
        # "X 운영 배포해 주세요. 이미지는 registry.y/x:3.8 입니다": the image a deploy takes, told beside it.
        return None
    if NAME_LIKE.search(request) is None and said.act is Act.READ and not names_a_read(request):
        return None
    tickets = tickets_in(context)
    names = list(
        dict.fromkeys(
            found.group(0)
            for found in NAME_LIKE.finditer(context)
            if VERSION.match(found.group(0)) is None
            and CLOCK.match(found.group(0)) is None
            and found.group(0) not in tickets
            and not _told_verb(found.group(0), context)
        )
    )
    if not names and NAME_LIKE.search(request) is None and extract(normalise(request)).names == []:
        # "since cart is slow, restart it": a plain word told of as the app; each statement keeps its
        # boundary ("I need help, api keeps crashing": api opens a clause of its own).
        names = told_plain_names(", ".join(statements))
    if NAME_LIKE.search(request) is not None or not names:
        # "네임스페이스가 몇 개인지 모르겠어. 목록 보여줘": the kind the statements name is what a list is of.
        return Requested(request=request, kind=kind_lent([(context, Role.ASIDE)], request))
    points = _EN_POINTS_BACK.search(request) is not None or objectless(request)
    if not korean and len(names) == 1 and points and _only_candidate(context):
        return Requested(request=request, lent=_with_its_kind(names[0]))
    if len(names) == 1 and _background_place(statements, request):
        # "X 스테이징 테스트 통과했어요. 이제 운영에 배포해 주세요": the staging of what was done describes
        # it, never the request; the request takes the one name and keeps its own place (or none).
        return Requested(request=request, lent=names[0])
    if said.act is Act.READ and _lists_without_a_place(request, context):
        # "X 스케일 올리다 난 건데 일단 파드 목록만 보여줘": a list takes no target, and the name the
        # statements tell of, not written as a place, is no namespace of the list.
        return Requested(request=request)
    return None


# Words joined by hyphens, letters only: written as a name is, or a compound word ("fat-fingered").
_HYPHENED_WORDS = LazyPattern(r"[A-Za-z]+(?:-[A-Za-z]+)+")


def _told_verb(word: str, context: str) -> bool:
    """A compound word the statements write as a name is, which the name reading turns down where it stands (the
    past of a compound verb after its subject: "someone fat-fingered X up to 8"): no name to lend."""
    if _HYPHENED_WORDS.fullmatch(word) is None or not word.lower().endswith("ed"):
        return False
    return all(name.value != word for name in extract(normalise(context)).names)


def _with_its_kind(name: str) -> str:
    """The name lent as the statement introduced it: a command word with its kind ("the app called logs, restart
    it" restarts the logs app, never the logs), any other name bare."""
    return f"the {name} app" if is_stopword(name) and not is_topic_noun(name) else name


def _lists_without_a_place(request: str, context: str) -> bool:
    """The request alone asks for a list (no target), and the statements write no name as a place."""
    asked = normalise(request)
    if classify(asked, extract(asked), frozenset()).intent not in NAMESPACE_ONLY_INTENTS:
        return False
    if _POINTS_AT_A_PLACE.search(request) is not None:
        return False  # "거기 파드들", "the pods there": the place the statements named
    return not any(
        name.kind == "located" or name.scoped or names_a_namespace(name.value)
        for name in extract(normalise(context)).names
    )


_POINTS_AT_A_PLACE = LazyPattern(r"거기|그곳|그쪽|저기|\bthere\b", re.IGNORECASE)


def _background_place(statements: list[str], request: str) -> bool:
    """The statements give an environment the request must not take: the request says its own, or
    every statement that gives one tells what was done (the past), no place things are in now."""
    placed = [part for part in statements if extract(normalise(part)).references.environment is not None]
    if not placed or predicate(request).act not in MUTATION_ACTS:
        return False  # "X 프로드 배포했으면 좋겠는데 해줘": a request with no act of its own takes its act from them
    if extract(normalise(request)).references.environment is not None:
        return True
    return all(PAST_END.search(part.strip()) is not None for part in placed)


def _only_candidate(context: str) -> bool:
    """The context holds one thing "it" may point at: one clause, with one name (by the names the
    request would take, plain words included) and no namespace. "api-gw is fine but checkout is
    broken. Restart it." holds two, and which is broken is not for the rules to guess."""
    if _EN_CONTRAST.search(context) is not None:
        return False  # "X is fine but the ledger is broken": "it" may be the other clause's subject
    found = extract(normalise(context))
    return len({name.value.lower() for name in found.names}) == 1 and found.references.namespace is None


_EN_CONTRAST = LazyPattern(r"\b(?:but|while|whereas|though|although|except|unlike)\b|;", re.IGNORECASE)
