"""Splitting a command into clauses, each with its own predicate.

Korean joins acts with a connective ending on the verb ("늘리고", "롤백하거나", "배포하고 나서", "배포한 다음에",
"재시작 후", a condition such as "이상하면") or with 그리고 / 그 다음; English with "then", "and then",
"after that", or "and" before a verb ("restart api and scale worker"). A piece that asks for no act of its own ("show
logs for worker, last 50 lines") stays part of the clause before it, so only two real acts make
two clauses. "-고 싶어" (want to) and "-고 있어" (is doing) are not connectives.

This module reads the pieces (see pieces) into clauses: which piece asks for an act of its own,
which only adds a slot, a thing to read or a reason to the clause before, and which is a remark.
The other clause modules decide what each clause does beside the request (role, korean_roles,
english_roles, corrections, request) and what a request takes from the clauses around it
(lending, statements).
"""

from __future__ import annotations

import re

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.hangul import FINAL_N as _PAST_ADNOMINAL
from klepaas_nlp.rules.hangul import PAST as _PAST_SYLLABLES
from klepaas_nlp.rules.indirect import asked_indirectly
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import (
    AFTER_A_CHANGE,
    ALSO,
    ASKS,
    EMBEDDED_QUESTION,
    HANGUL,
    IMPERATIVE_WORD,
    QUESTION_END,
    STATEMENT_END,
    WISH,
    described_in_the_past,
    names_a_read,
)
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.pieces import DIGIT, pieces_of
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    Predicate,
    mentions_an_operation,
    operation_named,
    predicate,
)

# 다시 올리다 / 다시 띄우다: "up again", a restart unless what goes up is new.
_UP_AGAIN = LazyPattern(r"다시\s*(?:올려|올리|띄워|띄우)", needs=("다시",))
# A reason or purpose clause (-서, -니까, -거든, -려고, 위해) whose verb puts a change live
# (반영, 배포, 업데이트, deploy): the words that can mean only a deploy, never 올리다 itself.
_NEW_CODE_REASON = LazyPattern(
    r"(?:반영|배포|업데이트|릴리[즈스]|deploy)[가-힣\s]*(?:서|니까|거든요?|려고|위해|하게)\W*$",
    re.IGNORECASE,
    needs=("반영", "배포", "업데이트", "릴리", "deploy"),
)


def _redeploy_reason(before: tuple[str, Predicate], piece: str) -> bool:
    """Whether `piece` gives a change going live as the reason for the "up again" said before it."""
    clause, said = before
    return (
        said.act is Act.RESTART
        and _UP_AGAIN.search(clause) is not None
        and not any(word in clause.lower() for word in ("재시작", "restart"))
        and _NEW_CODE_REASON.search(piece) is not None
    )


def _names_its_own_operation(previous: str, said: Predicate) -> bool:
    """ "web 스케일 3개 그리고 재시작": a piece with no verb that names an operation asks for it, so a
    following change is a second act, not the same clause's verb."""
    return said.act not in (Act.NONE, Act.READ) and mentions_an_operation(previous.lower().replace(" ", ""))


# A clause that states what is ("너무 많이 떠 있다", "방금 배포한 거 문제 있어", "응답이 없어"): the
# verb of being, declarative (no question mark), is a remark beside a request, not a read asked for.
# A past tense, declarative, says what happened ("응답이 멈췄어", "트래픽이 빠졌어요"): a remark too.
_STATES = LazyPattern(
    rf"(?:(?:있|없)(?:어|다|음|네|는데|어요|습니다|더라|던데)?|[{_PAST_SYLLABLES}](?:어|다|음|네|는데|어요|습니다))[.!~]*$"
)


# A finite statement (hearsay -대/-래, -다, -네, the past) closing a sentence with its mark.
_CLOSED_STATEMENT = LazyPattern(rf"(?:대|래|다|네|[{_PAST_SYLLABLES}](?:어|다|음|네)?)(?:요)?[.!]$")


def _states_what_is(piece: str, said: Predicate) -> bool:
    if said.act is not Act.READ or "?" in piece or said.source not in ("korean", "question"):
        return False
    return _STATES.search(piece.replace(" ", "")) is not None


# The rest of a -면 되다 question ("돼?", "되나요?", "될까요?"): "is it enough to …", "what should I …".
_ENOUGH_QUESTION = LazyPattern(r"(?:돼|되|될)[가-힣]{0,3}\?+$")


def _only_a_count(piece: str, said: Predicate) -> bool:
    """ "복제본 2개로", "3대로", "복제본은 다섯 개로 부탁드립니다": a count with no verb of its own (a
    request word is none) adds a slot to the act before it."""
    return said.act is Act.SCALE and _COUNT_VERB.search(piece.lower()) is None


# "배포한 지 얼마 안 됐는데 에러율 올라감..": a -는데 / -ㄴ데 clause sets the scene (background); with
# no request of its own after it, the piece only tells why, like a remark.
_BACKGROUND = LazyPattern(rf"(?:[^,.?!]*?)(?:는|던|[{_PAST_ADNOMINAL}])데\s+\S", needs=("데",))


def _only_says_why(before: tuple[str, Predicate], remark: str) -> bool:
    """A remark after a request that names its own target, with no name written as one and no
    number in it ("재시작 부탁드려요 timeout 계속 났어요"): none of its words is a target or a slot."""
    clause, said = before
    return (
        said.act in MUTATION_ACTS
        and NAME_LIKE.search(clause) is not None
        and NAME_LIKE.search(remark) is None
        and DIGIT.search(remark) is None
    )


def _an_operation_named_only(said: Predicate) -> bool:
    """An operation named by its noun alone ("배포 후에"), with no verb ending asking for it."""
    return said.act in MUTATION_ACTS and said.source == "korean_bare"


# A question that asks something of the hearer (보여줄래?, 확인해 주실 수 있나요?, 볼까요?), not how things are.
_ASKS_THE_HEARER = LazyPattern(r"주|줄|줘|드리|드릴|드려|수\s*(?:있|없)|[볼할갈]까|래요?[?!.~\s]*$")


def _asks_how_things_are(piece: str, said: Predicate) -> bool:
    """A question about the present state ("제대로 올라왔나요?", "상태 괜찮나요?"): after an operation's
    bare noun and 후에 / 뒤에 ("배포 후에 …"), it dates the question, so that operation was done."""
    return said.act is Act.READ and QUESTION_END.search(piece) is not None and _ASKS_THE_HEARER.search(piece) is None


def _an_operation_before(clause: str, said: Predicate) -> bool:
    """An operation named before what follows, with no request of its own: by its bare noun ("재배포 후에") or by
    its verb's connective ("재시작하고 나서"), never closed by a request ending ("재시작해줘, …")."""
    if said.act not in MUTATION_ACTS:
        return False
    return said.source == "korean_bare" or (said.source == "korean" and IMPERATIVE_WORD.search(clause.strip()) is None)


def _dates_the_operation(before: tuple[str, Predicate], piece: str, said: Predicate, in_sequence: bool) -> bool:
    """Whether `piece` makes the operation before it the time of what it says, not an act asked for:
    - "재시작 후에 로그가 이상한데 …", "배포 후에 제대로 올라왔나요?": an operation's bare noun before the scene it
      set or a question about how things are now is when that happened;
    - "X 재배포 후에 서비스 정보 바뀌었는지 보여주세요", "X 재시작하고 나서 새로 찍힌 로그 보여줘": a read of what
      the operation left (described in the past, marks.py) dates it: it was done;
    - "X 재시작 후에 에러 나는지 로그 보여줘", "X 배포하고 나서 로그 어떤지 보여줘": after a joint of sequence
      (`in_sequence`: 후에, -고 나서), a read asking how things stand (an embedded question, -는지 / -ㄴ지) asks
      how the operation left them: it was done. A plain -고 ("배포하고 로그 어떤지 보여줘") may be two acts."""
    clause, operation = before
    if _an_operation_named_only(operation) and (_BACKGROUND.match(piece) or _asks_how_things_are(piece, said)):
        return True
    if not _an_operation_before(clause, operation) or said.act is not Act.READ:
        return False
    return described_in_the_past(piece) or (in_sequence and EMBEDDED_QUESTION.search(piece) is not None)


def _in_sequence(text: str, piece: str) -> bool:
    """Whether `piece` is joined in `text` to what follows by a joint of sequence (후에, -고 나서, 뒤에)."""
    found = text.find(piece)
    return found != -1 and AFTER_A_CHANGE.match(text, found + len(piece)) is not None


def _sets_the_scene(piece: str, said: Predicate) -> bool:
    return said.act in (Act.NONE, Act.READ) and said.source != "condition" and _BACKGROUND.search(piece) is not None


# "재시작하면 괜찮아질까? 일단 해줘": the light verb alone ("해줘", "ㄱㄱ", "진행해") asks for the act the
# clause before weighed, whatever it was.
_DO_IT = LazyPattern(
    r"^(?:일단|그냥|걍|그럼|그러면|그래|좋아|오케이|ok|okay)?\s*(?:해|해줘|해주세요|해봐|하자|진행해?|진행해줘|고고|[ㄱᄀ]+)[.!~]*$",
    re.IGNORECASE,
)


# "둘 다 해 주세요", "두 개 다 진행해 주세요", "do both", "both, please": each act said before is asked for,
# a plan told in the speaker's -ㄹ게요 included ("로그 보고요, 그 다음에 재시작할게요. 둘 다 해 주세요").
_BOTH_DO_IT = LazyPattern(
    r"^(?:그럼\s*|그냥\s*|일단\s*)?(?:둘\s*다|두\s*(?:개|가지|개\s*모두)\s*다?|모두|전부(?:\s*다)?)\s*"
    r"(?:해|해줘|해\s*주세요|해\s*줘요|해요|부탁(?:해요|드려요|드립니다|합니다)?|진행(?:해|해\s*주세요|해\s*줘)?"
    r"|ㄱ+|고고)[.!~]*$"
    r"|^(?:please\s+)?(?:do|run|go\s+ahead\s+with)\s+(?:them\s+)?both(?:\s+of\s+them)?(?:,?\s*please)?[.!]*$"
    r"|^both(?:\s+of\s+them)?,?\s*(?:please|pls)[.!]*$",
    re.IGNORECASE,
    needs=("둘", "두", "모두", "전부", "both"),
)


def _weighed(found: list[tuple[str, Predicate]]) -> Act | None:
    """The change a clause before weighed (a condition, a question), for a "do it" after it."""
    for clause, _ in reversed(found):
        act = predicate(clause).act
        if act in MUTATION_ACTS:
            return act
    return None


# "billing ns에서", "in the payments namespace": where, postposed to the request before it; the
# namespace's name may be a read's word ("billing"), but nothing is read.
_ONLY_A_PLACE = LazyPattern(
    r"^(?:in\s+(?:the\s+)?)?\S+\s*(?:ns|namespace|네임스페이스|환경)\s*(?:에서|에|안에서|안에)?[.!~]*$",
    re.IGNORECASE,
)
# A dependent verb saying why or what about ("정리하려고", "어디로 붙는지", "느리니까"): its piece is no
# read asked for of its own.
_SAYS_WHY = LazyPattern(r"[가-힣](?:려고|려구|려면|는지|니까|는데|라서)(?![가-힣])")
_COUNT_VERB = LazyPattern(r"늘|줄|스케일|증설|축소|확장|조정|조절|맞춰|유지|고정|남[겨기]|scale")
_REMARK = Predicate(Act.NONE, source="remark")
_OPINION_REMARK = Predicate(Act.NONE, source="opinion")
# A piece that ends in a past adnominal (the join after it was 뒤/후/다음: "롤백한 뒤에") and holds a past
# time word: yesterday, a while ago, last week, this morning, so many hours or days ago.
_DATED_BEFORE = LazyPattern(
    r"(?:어제|어젯밤|그제|그저께|엊그제|아까|방금|좀\s*전|조금\s*전|며칠\s*전|지난\s*(?:주|달|번|밤|주말)|저번\s*(?:주|달|에)?"
    r"|오늘\s*(?:아침|오전|새벽)|[0-9]+\s*(?:분|시간|일)\s*전)"
    rf"[^.?!]*[{_PAST_ADNOMINAL}]\s*$"
)


def _joint(previous: str, said: Predicate, piece: str) -> str:
    """How a piece joins the one before: a verbless piece naming its own target or thing to read
    before another one ("obd 로그 그리고 gps 로그", "web 로그 그리고 상태") is the first of two objects of
    one predicate, so the connective stays, as a coordinator (및), for coordination; otherwise the
    piece only adds words."""
    objects = (
        said.act is Act.NONE
        and said is not _REMARK
        and HANGUL.search(previous) is not None  # English joins objects with "and" (coordination)
        and (all(NAME_LIKE.search(part) for part in (previous, piece)) or all(map(names_a_read, (previous, piece))))
    )
    return " 및 " if objects else " "


def _supposes_a_change(piece: str, after: list[tuple[str, bool]]) -> bool:
    """ "X 롤백하면 어느 버전으로 돌아가?", "web 재시작하면 로그 어디서 봐?": a condition that only supposes
    a change of the user's, before a read, is the frame of what is read: the read is about what it
    names, and nothing is read of its own (it is no status asked for). Only before a last read: a
    "do it" after the question ("재시작하면 괜찮아질까? 일단 해줘") asks for the change supposed."""
    if len(after) != 1 or after[0][1]:
        return False
    return predicate(piece).act in MUTATION_ACTS and predicate(after[0][0]).act is Act.READ


def _names_details(piece: str) -> bool:
    """ "the Y deployment details": a thing's details, read, after a change needed ("I need X restarted and
    …"): the need governs both objects, so the details are a read of their own."""
    return kw.DETAIL.found_in(normalise(piece))


# An opinion opened as one ("제 생각엔", "내 생각에는", "개인적으로는", "I think", "in my opinion"), and a
# request ending.
_OPINION = LazyPattern(
    r"(?:제|내|저의|나의)\s*생각(?:엔|에는|에|으론|으로는)|개인적으로(?:는)?"
    r"|\bi\s+think\b|\bin\s+my\s+(?:opinion|view)\b",
    re.IGNORECASE,
    needs=("생각", "개인적", "think", "opinion", "view"),
)
_ASKED = LazyPattern(r"줘|주세요|주십시오|부탁|바랍니다|\bplease\b", re.IGNORECASE)


# The interrogatives of cause: 왜 (and chat's 왜케 / 왜캐, "왜 이렇게"), 어째서.
_WHY = LazyPattern(r"(?<![가-힣])(?:왜|어째서)", needs=("왜", "어째서"))
# The Korean question words that ask what, which, where, when, who, how many or how ("뭔데?", "어떤데?", "어딘데?");
# 뭔가 (something) is the indefinite.
_QUESTION_WORD = LazyPattern(r"뭐|뭔(?!가)|뭘|무엇|무슨|어떤|어떻|어때|어떰|어느|어디|어딘|언제|누가|누구|몇|얼마")
# The background ending -ㄴ데 / -는데 / -던데 closing a sentence with a question mark ("좀 이상한데?").
_BACKGROUND_ASKED = LazyPattern(rf"[{_PAST_ADNOMINAL}]데요?\?+[.!~\s]*$", needs=("데",))


# English asks the cause with "why" or "how come" opening the question, after an interjection or a conjunction
# at most ("ugh why is X so slow", "but how come it keeps dying"); "why don't you …", "why not …" propose an
# act (predicate.py reads those as requests, never as a read).
_WHY_EN = LazyPattern(
    r"^(?:(?:but|so|and|like|seriously|honestly|ugh|omg|wtf|geez|jeez|man|dude)[\s,]+)*(?:why|how\s+come)\b"
    r"(?!\s+(?:don['’]?t|do\s+not|not|didn['’]?t|won['’]?t|wouldn['’]?t|can['’]?t|couldn['’]?t)\s+(?:you|u|we)\b)",
    re.IGNORECASE,
    needs=("why", "how"),
)


def _complains(piece: str, said: Predicate) -> bool:
    """A question about how things are that asks for nothing of ours: why they are so ("X 왜 이렇게 느려?", "어째서
    또 죽었어?", "why is X so slow?", "how come X keeps dying"), a cause no read of the closed set gives, or a
    Korean remark closed by the background -ㄴ데 and no question word ("X 상태 좀 이상한데?"), which seeks
    agreement, not an answer. Beside a request ("… 일단 재시작해", "… just restart it") it is why the request is
    made, as a statement of the same would be; a question word ("상태 어떤데?", "what's X's status?"), a question
    that asks the hearer ("왜 안 보여줘?") or one naming no cause ("상태 어때?") asks for a read."""
    if HANGUL.search(piece) is None:
        # An English question needs no mark to be one: "why is X so slow, just restart it".
        return said.act is Act.READ and _WHY_EN.match(piece.strip()) is not None
    if not _asks_how_things_are(piece, said):
        return False
    if _WHY.search(piece) is not None:
        return True
    return _BACKGROUND_ASKED.search(piece) is not None and _QUESTION_WORD.search(piece) is None


def _told(piece: str, said: Predicate) -> Predicate:
    """`said`, or the remark a piece of several only tells: what is or the scene, a complaint, or an opinion. "제
    생각엔 X를 이전 버전으로 되돌리고, …": what the writer thinks best, told beside the request the message makes
    ("우선 X 로그 보여주세요"), asks for nothing of its own, and the request after it is a clause of its own."""
    if _states_what_is(piece, said) or _sets_the_scene(piece, said) or _complains(piece, said):
        return _REMARK
    if said.act in MUTATION_ACTS and _OPINION.search(piece) and not _ASKED.search(piece):
        return _OPINION_REMARK
    return said


def _after_a_condition(before: tuple[str, Predicate], piece: str, said: Predicate) -> tuple[str, Predicate] | None:
    """The clause a piece makes with the condition before it, or None when it is a clause of its own."""
    previous, condition = before
    if condition.source != "condition":
        return None
    if _ENOUGH_QUESTION.match(piece.strip()):
        # "어디로 접근하면 돼?", "뭘 보면 되나요?": -면 되다 asked is one question (what should I do), no
        # condition with a question after it.
        return (f"{previous}면 {piece}", Predicate(Act.READ, source="question"))
    if said.act is Act.READ and said.source == "korean":
        # "X 배포 끝났으면 접속 주소 알려줘", "에러 나면 로그 보여줘": a condition before a read asked for
        # is a check the rules cannot make, no read of its own: the one act is the read asked.
        return (f"{previous} {piece}", said)
    if said.act is Act.NONE and _CLOSED_STATEMENT.search(piece):
        # "링크 누르면 에러 난대. X 롤백해줘": what happens under a condition, stated in a sentence
        # closed by its mark, asks for nothing: condition and all are the situation.
        return (f"{previous} {piece}", _REMARK)
    return None


def clauses(text: str) -> list[tuple[str, Predicate]]:
    """The clauses of `text` with their predicates; a piece without an act joins the clause before it,
    and a remark (a clause that only states what is) joins the request after it."""
    found: list[tuple[str, Predicate]] = []
    pieces = pieces_of(text)
    for index, (piece, condition) in enumerate(pieces):
        said = Predicate(Act.READ, source="condition") if condition else predicate(piece)
        if not condition and said.act is Act.NONE and (indirect := asked_indirectly(piece)) is not None:
            # "X 롤백해야 할 것 같아요", "I'd like X rolled back": a wish, need or obligation with a change
            # in it asks for that change, indirectly: a clause of its own, never merged into another.
            said = Predicate(indirect, explicit=False, source="indirect")
        if condition and _supposes_a_change(piece, pieces[index + 1 :]):
            said = _REMARK
        if not condition and said.act in MUTATION_ACTS and index + 1 < len(pieces) and _DATED_BEFORE.search(piece):
            # "어제 롤백한 뒤에 X 로그 봐 주세요": an operation before 뒤/후/다음, dated in the past, is when
            # what follows happened, not an act asked for ("롤백한 뒤에 로그 봐줘" asks for both).
            said = _REMARK
        if not condition and said.act is Act.NONE and WISH.search(piece.strip()) and names_a_read(piece):
            # "비용 최적화 제안 받고 싶어요": a wish to get a read's thing asks for the read, its verb unread.
            said = Predicate(Act.READ, explicit=False, source="elided")
        if len(pieces) > 1:
            said = _told(piece, said)
        in_sequence = index > 0 and _in_sequence(text, pieces[index - 1][0])
        if found and _dates_the_operation(found[-1], piece, said, in_sequence):
            found[-1] = (found[-1][0], _REMARK)
        if len([1 for _, each in found if each.act is not Act.NONE]) > 1 and _BOTH_DO_IT.match(piece.strip()):
            continue  # "둘 다 해 주세요": the acts before stand, each asked for
        if found and _DO_IT.match(piece.strip()) and (weighed := _weighed(found)) is not None:
            text_so_far = " ".join(clause for clause, _ in found)
            found = [(f"{text_so_far} {piece}", Predicate(weighed, source="korean"))]
            continue
        if found and found[-1][1].act in (Act.DEPLOY, Act.SCALE) and _only_a_count(piece, said):
            # "…늘리고 lease-ledger도 3개로": a count beside a name of its own is the same act on
            # another target; without one ("배포하고 3개로") it adds a slot to the act before.
            own_target = NAME_LIKE.search(piece) is not None
            said = Predicate(found[-1][1].act, explicit=False, source="elided") if own_target else Predicate(Act.NONE)
        elif (
            found
            and said.act is Act.NONE
            # After a read only a piece with no verb at all: one with a verb of its own ("…붙는지
            # 정리하려고") says why, not what else to read.
            and (found[-1][1].act in MUTATION_ACTS or (found[-1][1].act is Act.READ and not _SAYS_WHY.search(piece)))
            and (names_a_read(piece) or (found[-1][1].source == "indirect" and _names_details(piece)))
            and _ONLY_A_PLACE.match(piece) is None
        ):
            said = Predicate(Act.READ, explicit=False, source="elided")
        if (
            found
            and said.act is Act.NONE
            and found[-1][1].act is not Act.NONE
            and ALSO.search(piece)
            # A statement closing the piece tells what also happened, or what a noun in -도 (度: 속도,
            # 정확도) does ("…, 정확도 떨어짐"): it asks for nothing more.
            and (STATEMENT_END.search(piece.strip()) is None or ASKS.search(piece.strip()) is not None)
        ):
            # "5개로 늘리고 로그도 좀": a noun with 도 (also) after a finished clause asks for one more
            # thing, its verb left out; a thing asked for with no verb is read, an operation's noun
            # ("롤백하고 재시작도") asks for that operation.
            named = operation_named(piece.lower().replace(" ", ""))
            said = Predicate(named or Act.READ, explicit=False, source="elided")
        if found and said.act is Act.DEPLOY and _redeploy_reason(found[-1], piece):
            said = Predicate(Act.NONE)  # "패치 반영하려고": why, not a second act
        if found and said is _REMARK and _only_says_why(found[-1], piece):
            continue
        if found and (joined := _after_a_condition(found[-1], piece, said)) is not None:
            found[-1] = joined
            continue
        if found and said.act is Act.NONE:
            previous, previous_predicate = found[-1]
            if said is _OPINION_REMARK:
                previous_predicate = _OPINION_REMARK
            if _redeploy_reason(found[-1], piece):
                # "다시 올려줄래? 어제 고친 거 반영해야 돼서": up again so that a change goes live is a
                # redeploy, as "최신 코드로 다시 올려" is (predicate.py); bare "다시 올려" restarts.
                previous_predicate = Predicate(Act.DEPLOY, explicit=previous_predicate.explicit, source="korean")
            found[-1] = (f"{previous}{_joint(previous, previous_predicate, piece)}{piece}", previous_predicate)
        elif (
            found
            and found[-1][1].act is Act.NONE
            # An indirect request is a clause of its own: what stands before it ("report-batch 얘기는
            # 아니고요", "Overview of the cluster first") is no part of what it asks for.
            and said.source != "indirect"
            and found[-1][1] is not _OPINION_REMARK
            and (found[-1][1] is _REMARK or not _names_its_own_operation(found[-1][0], said))
        ):
            previous, previous_predicate = found[-1]
            found[-1] = (f"{previous}{_joint(previous, previous_predicate, piece)}{piece}", said)
        else:
            found.append((piece, said))
    return _with_kinds_for_one(found) or [(text, predicate(text))]


_KIND_NAMED = LazyPattern(
    r"\b(?P<kind>pod|service|deployment|ingress|endpoint|namespace)(?:s|es)?\b",
    re.IGNORECASE,
    needs=("pod", "service", "deployment", "ingress", "endpoint", "namespace"),
)
_ONE = LazyPattern(r"(?<=[A-Za-z0-9-] )one\b", re.IGNORECASE, needs=("one",))


def _with_kinds_for_one(found: list[tuple[str, Predicate]]) -> list[tuple[str, Predicate]]:
    """ "list the deployments, then describe the leaderboard one": "one" stands for the kind the
    clause before named, so the second clause names a deployment."""
    resolved: list[tuple[str, Predicate]] = []
    kind: str | None = None
    for clause, said in found:
        read = _ONE.sub(kind, clause) if kind is not None else clause
        named = _KIND_NAMED.search(read)
        kind = named["kind"].lower() if named is not None else kind
        resolved.append((read, said))
    return resolved
