"""Cutting a command into pieces where one clause ends and the next begins.

A piece ends at a sentence mark, after a request ending that a Korean clause follows, at a Korean
connective ending or 그리고 / 그 다음, at a condition (-면, -기 전에), at English "then" or "and"
before a verb. Cutting is kept apart from reading (clauses): only an act of its own opens a new
clause, so the cut asks the predicate of each side before it cuts.
"""

from __future__ import annotations

import functools
import itertools
import re

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.deferral import IF_THAT_FAILS
from klepaas_nlp.rules.hangul import FINAL_N as _PAST_ADNOMINAL
from klepaas_nlp.rules.indirect import asked_indirectly
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import (
    ALSO,
    ASKS,
    HANGUL,
    IMPERATIVE_WORD,
    LOGS_DATED_BEFORE,
    PROGRESSIVE,
    STATEMENT_END,
    names_a_read,
)
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.predicate import (
    ASKING_NEGATION,
    FORBIDDING_NEGATION,
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    concessive,
    english_act,
    korean_predicate,
    mentions_an_operation,
    predicate,
)

# The words every join holds: a command without any of them is one clause, with nothing compiled.
_KOREAN_JOINS = LazyPattern(
    # "cart-api하고 order-api" joins two nouns (see coordination), not two verbs.
    # "앱이 레포에 있고 이걸 배포하고 싶어요": 있고/없고 states what is, it asks for no act of its own.
    # A comma may follow the connective ("롤백하여 주시고, 조치 후 …").
    # "늘리라고 추천했는데", "하자고 했어": the quotative -라고 / -다고 / -자고 reports words, it joins no acts.
    # "로그 먼저 보고요, 그 다음에 …": the polite -고요 before a comma joins as -고 does.
    r"(?<=[가-힣])(?<![A-Za-z0-9] 하)(?<!있)(?<!없)(?<!라)(?<!다)(?<!자)(?<!냐)(?<!그리)고"
    r"(?:\s*나서|\s*난\s*(?:뒤|후|다음)(?:에)?|요(?=,))?,?\s+(?!싶|있|계|말|나서)"
    # "재시작하구 3대로 늘려줘": -구 is the spoken -고, after a verb's 하/되 or a vowel-final stem.
    r"|(?<=하|되|리|이|보|켜)구(?:\s*나서|\s*난\s*(?:뒤|후|다음)(?:에)?)?\s+(?!싶|있|계|말|나서)"
    r"|(?<=[가-힣])면서\s+"
    # "롤백하거나 재시작해 줘": either act, offered as two; which one is the user's to say.
    r"|(?<=[가-힣])거나\s+"
    # "재시작하든가 롤백하든가", "늘리든지 줄이든지 해줘", "재시작하든 롤백하든": the choice -든(가/지) offers
    # each act; bare -든 only after a verb's 하 ("뭐든", "언제든" are no verbs).
    # The last one before the light verb that takes them all ("…하든지 해줘") is no join.
    r"|(?:(?<=[가-힣])든(?:가|지)|(?<=하)든)\s+(?!(?:좀\s*)?(?:해|하|할)(?:[가-힣]|\s|$))"
    # "배포는 다음 주에": 다음 before a span of time is "next", no join.
    # "운영 배포는 다음 스프린트로": 는 is the topic there, and "-는 다음" no sequence ("하는 다음" aside).
    rf"|(?:(?<=[{_PAST_ADNOMINAL}])(?<!는)|(?<=하는))\s*(?:다음|뒤|후)(?:에|엔)?\s+(?!(?:주|달|번|날|해|분기|주말)(?:\s|에|엔|부터|까지|쯤))"
    r"|\s후(?:에|엔)?\s+"
    # "재시작후에": 후 written onto an operation's noun (never "오후에", the afternoon).
    r"|(?:(?<=시작|배포|롤백|기동|가동)|(?<=스케일))후(?:에|엔)?\s+"
    r"|(?<!\S)(?:그리고|그\s?다음(?:에)?|그\s?뒤(?:에)?|그\s?후(?:에)?|다음에),?\s+",
    needs=("고", "구", "면서", "거나", "든", "다음", "뒤", "후", "그"),
)
# A condition ("이상하면 재시작", "에러 나면 롤백", "괜찮으면 배포") is a check the rules cannot make: its
# clause reads the state, whatever verb it holds ("배포하면 어떻게 돼?" deploys nothing).
# "scale 하기 전에 파드 목록 좀": what is to be done *before* (-기 전에) is not asked for now; like a
# condition, its clause only reads. Before the app failed (죽기, 뻗기, 멈추기, 꺼지기, 터지기 전에) is
# no act of the user's: it dates what follows ("죽기 전에 남긴 로그": the previous container's logs).
_CONDITION = LazyPattern(
    # "배포됐으면 좋겠어요", "롤백했으면 합니다": a wish (-았으면 좋겠다 / 하다) is no condition.
    # "restart만 하면 될 것 같아요", "롤백하면 되겠어요": a suggestion closing its sentence asks for the act.
    r"(?<=[가-힣])(?<=하|되|으|나|이|다|르|우)면,?\s+(?!좋겠|좋을|합니다|해요|하는데|싶"
    r"|(?:될\s*(?:것|거)\s*같(?:아요|아|습니다|네요)|될\s*듯(?:해요|합니다|요)?|되겠(?:어요|습니다|네요|다)"
    r"|됩니다|돼요|되요|돼)(?:[.!~]|\s|$)|" + ASKING_NEGATION + "|" + FORBIDDING_NEGATION + r")"
    r"|(?<=[가-힣])(?<!죽)(?<!뻗)(?<!멈추)(?<!꺼지)(?<!터지)기\s*전에,?\s+",
    needs=("전에", "면"),
)
_ENGLISH_JOINS = LazyPattern(
    # A fallback is a second act ("restart X, if that fails roll it back", "…, otherwise restart it"): offered
    # beside the first, never run for it.
    rf"(?<=\S)\s*[,;.]?\s*(?<=[\s,;.])(?:and\s+|or\s+|but\s+)?(?:{IF_THAT_FAILS}"
    r"|otherwise|or\s+else|failing\s+that)\s*,?\s+"
    r"|\s*(?:,|;)?\s+(?:and\s+then|then|after\s+that|afterwards)\s+|\s*;\s*"
    # "1) restart X 2) show its logs", "step 1: … step 2: …": the next numbered step opens a clause.
    r"|\s+(?=[0-9]{1,2}\)\s+\S|step\s+[0-9]{1,2}\s*:\s)",
    re.IGNORECASE,
    needs=("afterwards", "that", "then", "and", ";", ")", "step", "if", "otherwise", "else"),
)
_KOREAN_VERB_END = LazyPattern(r"[가-힣](?:줘|요|까|냐|니|어|해|봐)\W*$")


# A numbered item ("1) X 재시작 2) Y 로그 100줄", "(2) …") opens a sentence of its own, as a new line does.
SENTENCES = LazyPattern(
    r"(?<=[.!?])\s+|\n+|\s+(?=(?:[0-9]{1,2}\)|\([0-9]{1,2}\))\s*\S)", needs=("\n", "!", ".", "?", ")")
)
# Each request ending, before a space or before a comma and a space ("배포 좀 해주세요, QA 기다려요").
_REQUEST_ENDINGS = tuple(
    ending + after
    for ending in ("줘", "줘요", "주세요", "부탁해", "부탁해요", "부탁합니다", "부탁드려요", "부탁드립니다")
    for after in (" ", ", ")
)


def at_request_endings(sentence: str) -> list[str]:
    """`sentence` cut after each request ending (줘, 주세요, 부탁해요) that a Korean clause follows: "좀
    다시 띄워줘 응답이 없어", "restart 부탁해요 hang 걸렸어" say why after the request; a name alone
    after it ("보여줘 api-server") is the request's own, postposed. (Plain string search: a regex here
    would be compiled for nearly every command.)"""
    cuts = sorted(
        position + len(ending)
        for ending in _REQUEST_ENDINGS
        for position in _occurrences(sentence, ending)
        if any("가" <= char <= "힣" for char in sentence[position + len(ending) :])
    )
    bounds = [0, *cuts, len(sentence)]
    pieces = (sentence[begin:end].strip().removesuffix(",").rstrip() for begin, end in itertools.pairwise(bounds))
    return [piece for piece in pieces if piece]


def _occurrences(text: str, word: str) -> list[int]:
    found: list[int] = []
    position = text.find(word)
    while position != -1:
        found.append(position)
        position = text.find(word, position + 1)
    return found


_AND = LazyPattern(r"(\s+and\s+|\s+also\s+|\s+or\s+|\s*[,+]\s*)", re.IGNORECASE, needs=("also", "and", "or", "+", ","))


def _opens_a_clause(part: str) -> bool:
    """After "and" or a comma: an English verb, or a Korean predicate with its ending ("api 재시작해줘")."""
    if english_act(part) is not Act.NONE:
        return True
    said = predicate(part)
    # A bare stem ends a clause too ("mail-worker 배포, queue-worker 재시작"): the piece before it
    # must have an act of its own (see _split), so objects of one predicate stay together.
    return (said.act not in (Act.NONE, Act.READ)) or bool(said.act is Act.READ and _KOREAN_VERB_END.search(part))


_OPENING_WORD = LazyPattern(r"^\s*([A-Za-z]+)\s+\S")


def _at_repeated_verb(piece: str) -> list[str]:
    """ "scale X to 3 scale X to 5", "restart web restart api": the opening verb of a change said again,
    with no joint before it, opens a second command (run on, as typed in haste)."""
    opening = _OPENING_WORD.match(piece)
    if opening is None or english_act(opening.group(1)) not in MUTATION_ACTS:
        return [piece]
    verb = opening.group(1).lower()
    words = piece.split(" ")
    cuts = [index for index, word in enumerate(words) if index > 1 and word.lower() == verb]
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[begin:end]) for begin, end in itertools.pairwise(bounds)]


def _english_parts(piece: str) -> list[str]:
    """`piece` split at "then"; a part with no verb of its own ("show X logs then Y logs") repeats the
    act before it on another object, so it stays joined to that part by "and" (see coordination)."""
    parts: list[str] = []
    for part in (cut for whole in _at_repeated_verb(piece) for cut in _ENGLISH_JOINS.split(whole)):
        if parts and part.strip() and predicate(part).act is Act.NONE:
            parts[-1] = f"{parts[-1]} and {part}"
        else:
            parts.append(part)
    return parts


# A verb of saying or summing up under -면 ("요약하면", "정리하면", "간단히 말하면", "한마디로 하면", "다시
# 말하자면"): the speaker's frame for what follows.
_SAYING = LazyPattern(
    r"(?:요약|정리|간추|종합|말|얘기|이야기|한마디로)\s*(?:하|해|하자|하자면|한다)?$|(?:말하자|얘기하자|정리하자|요약하자)$",
    needs=("요약", "정리", "간추", "종합", "말", "얘기", "이야기", "한마디"),
)


_DATED_LOGS = LazyPattern(LOGS_DATED_BEFORE, re.IGNORECASE, needs=("전에",))


def _conditions(text: str) -> list[tuple[str, bool]]:
    """`text` cut after each condition, each part with whether it is one. Before something no act of
    the user's ("저녁 주문 몰리기 전에", "트래픽 오기 전에") only dates the request after it: no cut. Nor does a
    time that dates the clause describing the logs read ("재시작하기 전에 남은 로그 보여줘", marks.py)."""
    parts: list[str] = []
    start = 0
    for found in _CONDITION.finditer(text):
        before = text[start : found.start()]
        dates = "전에" in found.group(0)
        if dates and not _an_act_of_the_users(before):
            continue
        if dates and _DATED_LOGS.match(text, found.start() + found.group(0).index("전에")) is not None:
            continue
        if _SAYING.search(before) is not None:
            continue  # "요약하면", "다시 말하면": how the speaker puts what follows, no condition
        parts.append(before)
        start = found.end()
    parts.append(text[start:])
    return [(part, index < len(parts) - 1) for index, part in enumerate(parts)]


def _an_act_of_the_users(before: str) -> bool:
    """ "scale 하", "배포하", "로그 보": a verb of the user's, before -기 전에."""
    return predicate(f"{before}기").act is not Act.NONE or mentions_an_operation(before.lower().replace(" ", ""))


def _remark_after_request(segment: str) -> bool:
    """A segment that only states what is or happened ("트래픽 터졌어", "또 멈췄네", "배포 후 에러가
    나요"): Korean, no request of its own, no question, and nothing a request could take from it (a
    name written as one, a number, a noun with 도 asking for one more thing)."""
    said = predicate(segment)
    return (
        HANGUL.search(segment) is not None
        and "?" not in segment
        and NAME_LIKE.search(segment) is None
        and DIGIT.search(segment) is None
        and ALSO.search(segment) is None
        # "롤백해 주시기 바랍니다": the auxiliary's formal ending after the verb asks; it states nothing.
        and ASKS.search(segment.strip()) is None
        and STATEMENT_END.search(segment) is not None
        and (
            (said.act is Act.NONE and said.source == "none")
            or (said.act is Act.READ and said.source == "question")
            or (said.act is Act.READ and PROGRESSIVE.search(segment) is not None)
        )
    )


def closes_a_request(segment: str) -> bool:
    return (
        IMPERATIVE_WORD.search(segment) is not None
        and predicate(segment).act is not Act.NONE
        and not obliged_toward_others(segment)
    )


# An obligation of the speaker's toward someone else ("외부 업체에 알려줘야 해요", "팀장님께 보내야 돼요"): a
# recipient (에게, 한테, 께, a noun's 에), then a verb's -야 with 하다 or 되다. It is what the user must do,
# not a request to the platform; a change so owed ("운영에 배포해야 해요") is asked for indirectly instead.
_OBLIGED_TOWARD = LazyPattern(
    r"[가-힣](?:에게|한테|께|에)\s+(?:[가-힣]+\s+)?[가-힣]+야\s*(?:해|돼|되|합니다|됩니다|하거든|하는데)[가-힣]*[.!~]*$",
    needs=("야",),
)


def obliged_toward_others(segment: str) -> bool:
    stripped = segment.strip()
    return _OBLIGED_TOWARD.search(stripped) is not None and predicate(stripped).act not in MUTATION_ACTS


def _without_trailing_remarks(segments: list[str]) -> list[str]:
    """`segments` without the remarks that follow a request: once a segment ends in a request form, a
    later segment that only states what is or happened tells why, and is set aside; the request is
    the one act ("click-tracker 롤백해 망했어"). A request of its own after it stays a second act."""
    kept: list[str] = []
    for segment in segments:
        if kept and closes_a_request(kept[-1]):
            if _remark_after_request(segment):
                continue
            # "해줘 5개로, latency 너무 튐": a slot postposed to the request, then the remark after a comma.
            head, comma, tail = segment.rpartition(", ")
            if comma and _remark_after_request(tail):
                kept.append(head)
                continue
        kept.append(segment)
    return kept


# An auxiliary verb after the verb's -아/-어 form ("줄여 놨습니다", "늘려 둬", "지워 버렸어") is the same
# predicate: the -아/-어 form before it closes nothing. So is 달다, the 주다 of a request quoted ("재시작해
# 달라는 요청이 왔어요", "배포해 달라고 했는데"): what closes the clause is the verb that reports it.
AUXILIARY = LazyPattern(
    r"(?:놓|놔|놨|두|둬|뒀|버리|버려|버렸|달라|달란)",
    needs=("놓", "놔", "놨", "두", "둬", "뒀", "버리", "버려", "버렸", "달라", "달란"),
)


def _at_imperatives(sentence: str) -> list[str]:
    """`sentence` cut after a word closing a request ("롤백해", "재시작 ㄱ") that a remark follows."""
    words = sentence.split(" ")
    for index in range(1, len(words)):
        if IMPERATIVE_WORD.search(words[index - 1]) is None or AUXILIARY.match(words[index]) is not None:
            continue
        before, after = " ".join(words[:index]), " ".join(words[index:])
        if closes_a_request(before) and _remark_after_request(after):
            return [before, after]
    return [sentence]


def pieces_of(text: str) -> list[tuple[str, bool]]:
    """The pieces of `text`, each with whether it states a condition."""
    return list(_pieces(text))


# Three readers of one sentence (its clauses, its roles, whether it asks about a change) cut it the
# same way: cut once (the cut reads a predicate per comma, the bulk of a long list's cost).
@functools.lru_cache(maxsize=64)
def _pieces(text: str) -> tuple[tuple[str, bool], ...]:
    found: list[tuple[str, bool]] = []
    segments = [
        cut for whole in SENTENCES.split(text) for part in at_request_endings(whole) for cut in _at_imperatives(part)
    ]
    for sentence in _without_trailing_remarks(segments):
        for part, condition in _conditions(sentence):
            pieces = _split(part)
            found += [(piece, condition and index == len(pieces) - 1) for index, piece in enumerate(pieces)]
    return tuple(found)


# "deploy 하고 logs 보여줘": 하고 after a Latin word joins two clauses when the left one names an
# operation and the right one has an act of its own; between two names it joins objects (coordination).
_LATIN_HAGO = LazyPattern(r"(?<=[A-Za-z0-9])\s+하고\s+", needs=("하고",))


def _verb_hago(text: str) -> list[str]:
    parts: list[str] = []
    rest = text
    for match in _LATIN_HAGO.finditer(text):
        left, right = rest[: match.start() - (len(text) - len(rest))], text[match.end() :]
        said = predicate(left)
        if (said.act is not Act.NONE or mentions_an_operation(left.lower().replace(" ", ""))) and (
            predicate(right).act is not Act.NONE or names_a_read(right)
        ):
            parts.append(left)
            rest = right
    return [*parts, rest]


def _but(text: str) -> list[str]:
    """ "web을 재시작하되 로그도 보여줘": a -되 clause that asks for an act of its own is a clause of
    its own; one that only adds a slot ("배포하되 3개로") stays with its verb (predicate.concessive)."""
    found = concessive(text)
    if found is None or found[2]:
        return [text]
    rest = found[1]
    return [text[: len(text) - len(rest)].rstrip().removesuffix("되"), rest]


# "목록하고", "현황하고": 하고 on a noun no act is read from joins two nouns ("A하고 B" = A and B);
# only on an action noun ("배포하고") is it the verb 하다 with its connective.
_NOUN_HAGO = LazyPattern(r"(?<=[가-힣])하고\s+$", needs=("하고",))
_LAST_WORD = LazyPattern(r"(?P<word>[가-힣]+)하고\s+$", needs=("하고",))


def _joins_nouns(before: str, joint: str) -> bool:
    if _NOUN_HAGO.search(before + joint) is None:
        return False
    word = _LAST_WORD.search(before + joint)
    return word is not None and korean_predicate(word["word"]) is None and not mentions_an_operation(word["word"])


def _korean_joins(piece: str) -> list[str]:
    """`piece` cut at each connective that ends a verb (see _KOREAN_JOINS)."""
    parts: list[str] = []
    start = 0
    for joint in _KOREAN_JOINS.finditer(piece):
        if _joins_nouns(piece[start : joint.start()], joint.group(0)):
            continue
        parts.append(piece[start : joint.start()])
        start = joint.end()
    return [*parts, piece[start:]]


# "Go" (ㄱ, ㄱㄱ, 고고) closing a piece: the request's end, as a verb's ending is.
_CLOSED_BY_GO = LazyPattern(r"(?<![가-힣])(?:[ㄱᄀ]+|고고)[.!~]*$", needs=("ㄱ", "ᄀ", "고고"))


def _second_object_read(joint: str, part: str) -> bool:
    """After "and": a noun phrase naming a thing read (logs, details, status), of its own app or the same."""
    if joint.strip().lower() != "and" or predicate(part).act is not Act.NONE:
        return False
    return names_a_read(part) or kw.DETAIL.found_in(normalise(part))


def _split(text: str) -> list[str]:
    pieces = [part for whole in _but(text) for piece in _verb_hago(whole) for part in _korean_joins(piece)]
    pieces = [part for piece in pieces for part in _english_parts(piece)]
    # "and" and a comma join clauses only before a verb: "deploy web-app to staging and production" is one.
    split: list[str] = []
    for piece in pieces:
        first, *rest = _AND.split(piece)
        current = first
        for joint, part in zip(rest[::2], rest[1::2], strict=True):
            # Only a piece with an act of its own ends before a new clause: in "cart-api, order-api
            # 재시작해줘" the comma joins two objects of one predicate (see coordination). The act of
            # `current`, which grows with each object joined, is read only when `part` may open a
            # clause: read for every comma, a long list of names cost time quadratic in its length.
            opens = (
                _opens_a_clause(part)
                # "X 재시작 ㄱ, Y 로그도 ㄱ": "go" closing a read's noun asks for that read, as a verb would.
                or (_CLOSED_BY_GO.search(part) is not None and names_a_read(part))
                # After a change ("재시작 + 로그 확인"), a read of its own is a second act, however short.
                or (predicate(part).act is Act.READ and predicate(current).act not in (Act.NONE, Act.READ))
            )
            closed = opens and (
                predicate(current).act is not Act.NONE
                or (_CLOSED_BY_GO.search(current) is not None and names_a_read(current))
            )
            # "I need X restarted and the Y deployment details": a change asked for indirectly, then "and" and a
            # read's noun phrase: the need governs two objects, two acts.
            indirect = (
                not opens
                and _second_object_read(joint, part)
                and predicate(current).act is Act.NONE
                and asked_indirectly(current) is not None
            )
            opens, closed = opens or indirect, closed or indirect
            if not opens or not closed:
                current += joint + part
            else:
                split.append(current)
                current = part
        split.append(current)
    return [piece.strip() for piece in split if piece.strip()]


DIGIT = LazyPattern(r"[0-9]")
