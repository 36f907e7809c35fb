"""The role of a Korean clause, read from its predicate's ending.

Korean says by the ending whether a clause asks (줘, 주세요), tells what was done (the past,
-어 놨다) or is under way (the progressive: -고 있다, -는 중, "재시작 중입니다"), plans or foresees (-ㄹ 예정,
-ㄹ 거야, -ㄹ 것 같다), withholds (-지 마, 필요 없어, 그대로 둬), reports someone's word (-다던데, "…해 달라는
요청이 왔어요") or only states the situation. Only a request gives the act, the count and the target;
the pieces are cut further after a background (-는데, the copula's reason -이라 / -이니) and after a
withholding predicate, since what follows either is a clause of its own. A bracketed aside closing a
clause ("(14시)") is no part of its predicate.
"""

from __future__ import annotations

import itertools

from klepaas_nlp.rules.hangul import FINAL_L as _FINAL_L
from klepaas_nlp.rules.hangul import FINAL_N as _PAST_ADNOMINAL
from klepaas_nlp.rules.indirect import asked_indirectly
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import (
    AFTER_A_CHANGE,
    ASKS,
    FORMAL_REQUEST,
    HANGUL,
    HEARSAY,
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
from klepaas_nlp.rules.pieces import pieces_of
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    concessive,
    korean_predicate,
    mentions_an_operation,
    predicate,
)
from klepaas_nlp.rules.role import Role


def states_a_situation(segment: str) -> bool:
    """A Korean clause that only tells the situation: it ends as a statement (declarative, hearsay,
    progressive, a guess) and asks for no act of its own, or it has a subject of its own, so that
    even an operation's word in it is what the subject does ("push 가 안 가요")."""
    if HANGUL.search(segment) is None or ASKS.search(segment.strip()) is not None:
        return False
    if asked_indirectly(segment) is not None:
        return False  # "X 재시작이 필요합니다", "X 롤백해야 할 것 같아요": a change asked for indirectly
    if WISH.search(segment.strip()) is not None and names_a_read(segment):
        return False  # "비용 최적화 제안 받고 싶어요": a wish to get a read asks for it
    said = predicate(segment)
    has_subject = SUBJECT.search(segment) is not None
    asks_nothing = said.act is Act.NONE or (said.act is Act.READ and said.source != "korean_wondering")
    if not (asks_nothing or has_subject):
        return False
    stripped = segment.strip()
    return (
        STATEMENT_END.search(stripped) is not None
        or HEARSAY.search(stripped) is not None
        or PROGRESSIVE.search(stripped) is not None
        or (has_subject and asks_nothing)
    )


# A Korean clause ends a background with -는데 / -ㄴ데 / -던데 ("늘렸는데", "예정인데요,"): what follows is
# a clause of its own.
# A comma closes a clause too ("…보자, 배포는 안 할 거야").
# A note's past in -음 closes its clause too ("어제 X 스케일 아웃 했었음 기록용으로 남김", "재시작했음 참고"),
# never the wish -음 (-으면) 좋겠다 / 하다 ("배포했음 좋겠어", "재시작됐음 해").
# So does the copula's reason after a noun ("롤백 중이라 잠시 대기", "재시작 예정이니 참고", "새벽이라서 …"):
# what follows is a clause of its own. So does the past reminding the hearer of what was done ("재시작해
# 줬잖아 또 해줘": -잖아, you know), which tells and never asks.
_BACKGROUND_CUT = LazyPattern(
    rf"(?<=[가-힣])데(?:요)?,?(?=\s)|,(?=\s)|(?<=[{TOLD_PAST}])음(?=\s)(?!\s*(?:좋|하|해|싶|바라|바래|바랍))"
    rf"|(?<=[가-힣])이(?:라서?|니까?|어서),?(?=\s)|(?<=[{TOLD_PAST}])잖아(?:요)?,?(?=\s)",
    needs=("데", ",", "음", "이라", "이니", "이어서", "잖아"),
)
# A clause so cut ends in a reason, never a question ("예정이니", "중이니까").
_COPULA_REASON = LazyPattern(r"(?<=[가-힣])이(?:라서?|니까?|어서),?$", needs=("이라", "이니", "이어서"))


# The light verb 하다 / 되다 in the past as the clause's last word ("하셨대요", "했어요"), after the
# operation's noun named before it ("롤백은 어제 팀장님이 하셨대요").
_LIGHT_PAST = LazyPattern(r"(?:^|\s)(?:했|하셨|하였|됐|되었|되셨)\S*$")
# The chat -ㅁ form right after a change's stem ("롤백함", "배포함."): a report ("급함" says how urgent).
_DONE_CHAT = LazyPattern(r"함[.!~]*$", needs=("함",))


def _done_in_chat(compact: str) -> bool:
    found = _DONE_CHAT.search(compact)
    if found is None:
        return False
    said = korean_predicate(compact[: found.start()])
    return said is not None and said.act in MUTATION_ACTS and said.source == "korean_bare"


# A change planned: the future adnominal before 예정 / 계획 / 생각 or the bound noun 거 closing the
# clause ("늘릴 계획이야", "할 거고", "줄일 예정인데").
_PLANNED = LazyPattern(
    rf"[{_FINAL_L}]\s?(?:예정|계획|생각)(?:이|이야|이에요|입니다|인데|이고|임|이라|이다|이니|이니까|이라서)?(?:요)?(?:[.!,~]|\s)*$"
    rf"|[{_FINAL_L}]\s?(?:거|겁니다|건데|거고|거야|거예요|거임|거라)(?:요)?(?:[.!,~]|\s)*$"
    # The change's noun itself heading a noun of its plan, time or reason, with no verb ("X 배포 예정입니다",
    # "X 재시작 일정", "X 롤백 사유"): the change spoken of, not asked for.
    r"|(?<=[가-힣])\s?(?:예정|계획|일정|사유|이유|목적)(?:이|이야|이에요|입니다|인데|이고|임|이라|이다|이니|이니까|이라서)?(?:요)?"
    r"[.!,~]*$"
)
# A change foreseen: the change's own verb in the future adnominal before a guess (것 같다, 듯) closing the
# clause ("곧 재시작할 것 같아", "롤백될 듯"). Not a need or a leave guessed ("롤백해야 할 것 같아요", "줄여도 될
# 것 같아요"): there the adnominal is 하다's or 되다's, and the change is asked for indirectly.
_FORESEEN = LazyPattern(
    rf"(?<!\S)(?P<word>\S*[{_FINAL_L}])\s?(?:(?:것|거)\s?같[가-힣]*|듯(?:해|해요|합니다|함|요)?)[.!~]*$",
    needs=("같", "듯"),
)


def _foreseen(piece: str) -> bool:
    found = _FORESEEN.search(piece.strip())
    return found is not None and mentions_an_operation(found["word"])


# A change's noun put off with no verb ("배포는 나중에", "스케일은 다음 주에", "늘리는 건 다음 주에"): later,
# not now.
_PUT_OFF = LazyPattern(
    r"(?:은|는|건|거는|것은)\s+(?:나중에|이따가?|다음에|내일|모레|다음\s?주(?:에)?|주말에|다음\s?달(?:에)?)(?:요|하자|할게요?)?[.!~]*$",
    needs=("나중", "이따", "다음", "내일", "모레", "주말"),
)


# A change held back by a judgement of it, with no verb of its own (the clause names the change): on
# hold or skipped ("배포 홀드", "스킵할게요"), waiting for approval ("롤백 승인 대기중"), too early ("아직 이른
# 것 같아", "시기상조"), too much ("좀 오버인가", "과한 듯"), or kept in reserve ("최후의 수단으로 남겨두자").
_HELD = LazyPattern(
    r"(?:홀드|스킵)(?:하자|할게요?|해요?|합니다|임|요|중)?[.!~]*$"
    r"|(?:승인|결재|컨펌|검토)\s?(?:대기|기다리)[가-힣]*(?:\s*중[가-힣]*)?[.!~]*$"
    r"|(?:아직\s*(?:이르|이른|일러|이릅|때가\s*아니|때\s*아니)|시기상조)[가-힣]*"
    r"(?:\s*(?:듯|(?:것|거)\s*같)[가-힣]*)?[.!~?]*$"
    r"|(?:오버|과하|과한|과해|지나치|지나친)(?:[이인]가|[이인]\s*듯|[이인]\s*(?:것|거)\s*같|야|임|지|네|다|잖|같|듯)?"
    r"[가-힣]*(?:\s*(?:듯|(?:것|거)\s*같)[가-힣]*)?[.!~?]*$"
    r"|(?:수단|카드|보루|옵션|대안)(?:으로|로)\s*(?:남겨|아껴)\s?(?:둬|두|둡)[가-힣]*[.!~]*$",
    needs=("홀드", "스킵", "대기", "기다리", "아직", "시기상조", "오버", "과", "지나", "남겨", "아껴"),
)
# A change intended, -(으)려고 하다 ("3개로 늘리려고 했는데", the join having cut 고 했는데 off; "재시작하려다가"):
# what the speaker meant to do, not a request (the imperative "늘려", "되돌려" has no 리려 / 하려). -려고 alone
# closing the command is its purpose ("…배포되게 하려고"), not this.
_INTENDED = LazyPattern(
    r"(?:[리이하시]|으)려(?:던|다가?|고\s*(?:했|하였|하던|했었|하는데)[가-힣]*)?[.!~]*$", needs=("려",)
)
# A change declined by the speaker, right after its noun ("배포안함", "재시작 안 해요", "rollback 안 할래").
_DECLINED_AFTER_NOUN = LazyPattern(
    r"안\s*(?:함|해|해요|합니다|할래요?|할게요?|할\s*거[가-힣]*|하기로\s*했[가-힣]*)[.!~]*$", needs=("안",)
)
# A change crossed out: its noun, then an X ("재시작 X", "배포 x").
_CROSSED = LazyPattern(r"(?<=[가-힣])\s*[xX][.!~]*$", needs=("x",))


def _declined(piece: str) -> bool:
    found = _DECLINED_AFTER_NOUN.search(piece)
    if found is None:
        return False
    before = piece[: found.start()].rstrip().split()
    return bool(before) and mentions_an_operation(before[-1].lower())


# The predicate of a Korean clause that withholds what it names, by its form (the clause ends in it,
# or it ends a clause another one follows, see _after_withheld):
# - the negative auxiliary -지 말다 / -지 마 in all its endings ("하지 말고", "진행하지 마십시오", "건들지 마",
#   "배포하지 말아 주세요", "하지 마시고", "하지마셈", its typo "하디 마"), reported too ("하지 말래", "하지 말라셨어"),
#   a connective the join took off ("하지 말", "하지 마시") included;
# - not needed or forbidden: 필요 없다 (and its typo 업, and guessed: "필요 없을 것 같아요"), 불필요하다, 금지,
#   -지 않아도 되다, 안 해도 되다, 안 하셔도 됩니다 ("안 해도 될 듯"), with the auxiliary 주다 too ("안 해줘도 돼");
# - left as it is: 그대로 두다, 그냥 두다, 놔두다, 냅두다, 내버려 두다 (never 두 the number: "그냥 두 개로");
# - put off, dropped or taken back: 보류, 철회, 미루다, 없던 걸로 하다, 취소하고, a time of later with 하다 and no
#   request ending ("그건 나중에 하고");
# - a Latin word of the same acts after a topic ("rollback은 hold", "scale은 later", "deploy는 skip하고",
#   "rollback은 no need").
_KO_WITHHELD = (
    r"(?:(?:[가-힣]지|하디)\s*(?:말(?:고요?|아(?:요|라)?|자|라|기(?:를|로)?|래요?|랬[가-힣]*|라고[가-힣]*|라(?:셨|시)[가-힣]*)?"
    r"|마(?:요|라|세요|시오|십시오|시|셔요?|쇼|셈|삼)?|맙시다)"
    r"(?:\s*(?:주|줘|주세요|주십시오|주시|주실래요?|줄래요?|바랍니다|바래요?|부탁)[가-힣]*)?"
    r"|필요(?:가|는|도)?\s*(?:없|업)(?:고요|고|어|어요|음|습니다|다|네|네요|대|대요|겠[가-힣]*|죠|지요"
    r"|[을는]\s*(?:것|거)\s*같[가-힣]*|[을는]\s*듯[가-힣]*)?"
    r"|불필요(?:합니다|해요?|함|하다|하고요?|하죠|할\s*(?:것|거)\s*같[가-힣]*|할\s*듯[가-힣]*)?"
    # Forbidden: -면 안 되다 stated ("재시작하면 안 돼요", "절대 배포하면 안 됩니다"); its question form
    # ("안 될까요?", "안 돼?") asks politely for the act, and is read as a request.
    # Never after a negation of its own ("재시작 안 하면 안 돼": it must be done), a double negative that asks.
    r"|(?<=[가-힣])(?<!안하)(?<!안 하)(?<!않으)면\s*(?:절대(?:로)?\s*)?안\s*"
    r"(?:돼(?:요|용)?|되요|됩니다|된다|됨|되고|되니까|돼서)"
    r"|금지(?:입니다|이에요|예요|야|임|요|합니다|해요?|하고|래요?|라고[가-힣]*)?"
    # Any verb's -어도 after 안 as well ("scale 는 안 건드려도 돼", "안 늘려도 돼"): it need not be done.
    r"|(?:(?<![가-힣])안\s*(?:해(?:\s*(?:줘|주셔|주어))?|하셔|하세요|[가-힣]{1,4}?[아어여해려러워와봐쳐켜겨꿔놔둬])"
    r"|하지\s*않아(?:\s*(?:줘|주셔))?|하시지\s*않아)도\s*(?:돼|되|됩|될|됨)[가-힣]*"
    r"(?:\s*(?:듯|(?:것|거)\s*같)[가-힣]*)?"
    r"|(?:(?:그대로|가만히?|그냥)\s*(?:놔\s?)?|(?<![가-힣])(?:놔|냅|내버려)\s?)"
    r"(?:둬|두(?!\s*(?:개|대|배|번|단계|버전|스텝)))(?:고|세요|십시오|시고|자|요)?"
    r"|(?:보류|취소|철회)(?:하고|하|해|해요|하자|할게요?|합니다)?(?:\s*(?:주|줘)[가-힣]*)?"
    r"|미(?:루(?:고|자|죠)?|뤄(?:요|줘)?|룹시다|룰게요?)(?:\s*(?:주|줘)[가-힣]*)?"
    r"|없던\s*(?:걸로|것으로|일로)\s*(?:하|해|치)[가-힣]*"
    r"|(?:나중에|이따가?|다음에|담에)\s*(?:하|할게요?|하자|할래|해도\s*(?:돼|되)[가-힣]*)"
    # Stopped: 그만 before a verb of doing or looking, the join having cut its -고 ("이제 그만 로그 보고 …",
    # "그만 배포하고 …"): what the user stops is not asked for.
    r"|(?<![가-힣])(?:이제\s*)?그만\s*(?:좀\s*)?(?:[가-힣A-Za-z]+\s*)?[가-힣]*(?:보|하)(?:고)?"
    r"|(?:은|는|도)\s+(?:일단\s+|그냥\s+)?(?:hold(?:\s+off)?|skip|pass|later|no\s+need|not\s+(?:now|yet)|nope|nah|no)"
    r"(?:\s*(?:하|해)[가-힣]*)?)"
)
# Leave given as a background or a contrast (-어도 되는데, -어도 되지만, -어도 괜찮은데): a permission stated,
# never asked for (its question, "해도 되나요?", keeps its mark or its ending).
_LEAVE_GIVEN = LazyPattern(r"(?<=[가-힣])도\s*(?:되는데|되지만|돼지만|괜찮은데|괜찮지만)[.!~,]*$", needs=("도",))
# The causal -(으)니까 closing a clause, never the formal question's -ㅂ니까 ("됩니까", "합니까").
_CAUSAL_END = LazyPattern(r"(?:되|돼|하|해|없으|않으|으)니까[.!~,]*$", needs=("니까",))
_WITHHELD_END = LazyPattern(_KO_WITHHELD + r"[.!~,]*$")
# Never before the auxiliary that still belongs to the predicate ("말아 주세요", "말기 바랍니다").
_WITHHELD_CUT = LazyPattern(_KO_WITHHELD + r"[.!~]*,?(?=\s+\S)(?!\s+(?:주|줘|바랍|바래|부탁))")
# A request said not to be the one meant: the act nominalised (-는, quoted -(으)라는 / -자는 / -(아/어) 달라는, -란)
# before 것 / 말 / 얘기 / 뜻 and the copula's negation ("되돌리는 건 아니고", "로그 보라는 게 아니라", "배포하라는
# 말씀이 아닙니다", "rollback 하라는 거 아니고"), or the wish said not to be the one ("상태 보고 싶은 게
# 아니라"). What it names is set aside as a change withheld is, and what follows is a clause of its own;
# only when it names an act or a read ("문제가 있는 게 아니라" states what is),
# and never of the passive ("재시작되는 거 아니야": what happens to the app, asked about).
_KO_NOT_MEANT = (
    r"(?:(?<=[가-힣])(?<!되)(?:는|란)|(?<=고\s)싶은)\s*(?:게|건|거|것[이은]?|거는|말[이은]?|말씀[이은]?|얘기[가는]?|뜻[이은]?)\s*"
    r"(?:아니(?:고요?|라|라요|야|에요|예요|다|죠)?|아닙니다|아녜요|아냐)"
)
_NOT_MEANT_END = LazyPattern(_KO_NOT_MEANT + r"[.!~]*$", needs=("아니", "아닙", "아녜", "아냐"))
_NOT_MEANT_CUT = LazyPattern(_KO_NOT_MEANT + r"[.!~]*,?(?=\s+\S)", needs=("아니", "아닙", "아녜", "아냐"))


def _names_what_is_asked(piece: str) -> bool:
    """Whether `piece` names an act or a read (a request said not to be meant is then set aside)."""
    return (
        mentions_an_operation(NAME_LIKE.sub("§", piece).lower().replace(" ", ""))
        or names_a_read(piece)
        or predicate(piece).act is not Act.NONE
    )


# A change reported done by a verb of finishing or receiving after it ("deploy는 이미 끝났고", "재배포 요청
# 접수됐대", "restart는 done"), or tried as the means that did not help ("restart로는 안 고쳐져서").
_KO_DONE = LazyPattern(
    r"(?:끝났|끝냈|끝남|마쳤|마침|완료|접수)[가-힣]*[.!~]*$"
    r"|(?:은|는|도)\s+(?:이미\s+|벌써\s+|already\s+)?(?:done|finished|completed?|over)[.!~]*$"
)
# A change's verb with the auxiliary 놓다 / 두다 in the past ("3개로 줄여 놨습니다", "배포해 뒀어요"): the
# state the speaker's change left, told, never asked for.
_LEFT_DONE = LazyPattern(r"(?:놨|놓았|뒀|두었)[가-힣]*[.!~]*$", needs=("놨", "놓았", "뒀", "두었"))
_KO_TRIED = LazyPattern(r"(?:으로|로)(?:는|도)\s", needs=("로",))
# Cancelling what a change already made ("방금 배포한 거 취소하고", "올린 걸 철회해"): the object is a change
# done, so cancelling it undoes it (a rollback, as predicate.py reads it), never a change withheld.
_UNDOES_DONE = LazyPattern(rf"[{_PAST_ADNOMINAL}]\s*(?:거|것|걸)(?:을|를)?\s*(?:취소|철회)", needs=("취소", "철회"))


def _undoes_done(piece: str) -> bool:
    return _UNDOES_DONE.search(piece) is not None and predicate(piece).act is Act.ROLLBACK


# A bracketed aside closing a clause ("재시작 예정입니다 (14시)", "…늘려 (급함)"): an afterthought, so the
# clause's predicate is the word before it.
_AFTERTHOUGHT = LazyPattern(r"(?<=\S)\s?[(\[][^()\[\]\n]*[)\]][.!~\s]*$", needs=("(", "["))


def _korean_role(piece: str, condition: bool) -> Role:
    piece = _AFTERTHOUGHT.sub("", piece).rstrip()
    compact = piece.lower().replace(" ", "")
    operation = mentions_an_operation(NAME_LIKE.sub("§", piece).lower().replace(" ", ""))
    if condition:
        return Role.CONDITION
    if operation and HEARSAY.search(piece.strip()) is not None:
        return Role.ASIDE
    if operation and _HELD.search(piece.strip()) is not None:
        return Role.PLAN
    if operation and PROGRESSIVE.search(piece.strip()) is not None:
        # "X 재시작 중입니다", "3개로 늘리는 중", "롤백 검토 중이라": the change (or the work on it) under way,
        # told; a question ("X 배포 중이야?") keeps its mark and is asked.
        return Role.DONE
    if _NOT_MEANT_END.search(piece.strip()) is not None and _names_what_is_asked(piece):
        # Before the question's ending: "아니" the join left ("되돌리는 건 아니고") ends in 니, and asks nothing.
        return Role.WITHHELD
    if "?" not in piece and _LEAVE_GIVEN.search(piece.strip()) is not None:
        # "X 는 건드려도 되는데 Y 는 절대 안 돼": leave given, as the background of what follows, asks nothing.
        return Role.WITHHELD
    if _CAUSAL_END.search(piece.strip()) is not None and _WITHHELD_END.search(piece.strip()) is not None:
        # "restart 안 해도 되니까 …": the causal -니까 of a change said not needed is no question's 니까.
        return Role.WITHHELD
    if QUESTION_END.search(piece) is not None and _COPULA_REASON.search(piece.strip()) is None:
        return Role.REQUEST
    if _WITHHELD_END.search(piece.strip()) is not None and not _undoes_done(piece):
        return Role.WITHHELD
    if operation and (_declined(piece) or _CROSSED.search(piece.strip()) is not None):
        return Role.WITHHELD
    said = predicate(piece)
    if operation and ASKS.search(piece.strip()) is None:
        if _KO_DONE.search(piece.strip()) is not None:
            return Role.DONE
        tried = _KO_TRIED.search(piece)
        if tried is not None and mentions_an_operation(piece[: tried.start()].lower().replace(" ", "")):
            return Role.DONE
    if said.act in MUTATION_ACTS and _LEFT_DONE.search(piece.strip()) is not None:
        return Role.DONE
    if said.source == "korean_done" and PAST_END.search(piece) is not None:
        return Role.DONE
    if operation and (
        _LIGHT_PAST.search(piece) is not None
        or (PAST_END.search(piece) is not None and said.act not in MUTATION_ACTS)
        or _done_in_chat(compact)
    ):
        return Role.DONE
    if operation and (
        _PLANNED.search(piece) is not None
        or _PUT_OFF.search(piece) is not None
        or _INTENDED.search(piece) is not None
        or _foreseen(piece)
    ):
        return Role.PLAN
    if WISH.search(piece.strip()) is not None and (said.act is not Act.NONE or names_a_read(piece)):
        return Role.REQUEST  # "이전 컨테이너 로그를 확인하고 싶어요": a wish for an act asks for it
    if SPEAKER_TELLS.search(piece) is not None:
        return Role.ASIDE
    if FORMAL_REQUEST.search(piece) is None and states_a_situation(piece):
        return Role.ASIDE
    if PAST_END.search(piece) is not None and said.act not in MUTATION_ACTS and said.source != "korean":
        return Role.ASIDE
    return Role.REQUEST


def _after_backgrounds(piece: str) -> list[str]:
    cuts = [found.end() for found in _BACKGROUND_CUT.finditer(piece)]
    return [piece[begin:end] for begin, end in itertools.pairwise([0, *cuts, len(piece)])]


def _after_withheld(piece: str) -> list[str]:
    """`piece` cut after each predicate that withholds what it names ("운영은 건들지 마 X 개발에만 올려",
    "롤백은 필요 없고 X 재시작해줘"): what follows is a clause of its own."""
    cuts = [found.end() for found in _WITHHELD_CUT.finditer(piece) if not _undoes_done(piece[: found.end()])]
    cuts += [found.end() for found in _NOT_MEANT_CUT.finditer(piece) if _names_what_is_asked(piece[: found.end()])]
    cuts.sort()
    return [piece[begin:end] for begin, end in itertools.pairwise([0, *cuts, len(piece)])]


def _joined_after(text: str, parts: list[str]) -> list[bool]:
    """For each part, whether the text after it in `text` opens with a joint of sequence."""
    joined: list[bool] = []
    cursor = 0
    for part in parts:
        found = text.find(part, cursor)
        if found == -1:
            joined.append(False)
            continue
        cursor = found + len(part)
        joined.append(AFTER_A_CHANGE.match(text, cursor) is not None)
    return joined


def _asks_nothing(part: str, role: Role) -> bool:
    """A clause that tells the situation and asks for nothing: no request ending, no question, no act,
    no name of its own, nothing to read ("로그인이 안 돼요", "에러 나", "메모리가 부족해")."""
    if role in (Role.ASIDE, Role.DONE):
        return True
    return (
        role is Role.REQUEST
        and ASKS.search(part) is None
        and "?" not in part
        and NAME_LIKE.search(part) is None
        and not names_a_read(part)  # "X 재시작 후에 로그 100줄": a read asked for with its verb left out
        and predicate(part).act is Act.NONE
    )


def _changes_told_by_sequence(text: str, roles: list[tuple[str, Role]]) -> list[tuple[str, Role]]:
    """ "X 롤백하고 나니까 로그인이 안 돼요", "X 5개로 늘리고 나서 메모리가 부족해", "X 배포 후 에러": a change
    joined by a joint of sequence (-고 나서, 후, 뒤) to clauses that only tell what happened since is what was
    done, the time of the trouble, and nothing is asked. With a request after it ("X 배포하고 나서 로그
    보여줘"), the roles stand: the sequence may be two acts asked for."""
    parts = [part for part, _ in roles]
    for index, joined in enumerate(_joined_after(text, parts)):
        part, role = roles[index]
        rest = roles[index + 1 :]
        if (
            joined
            and rest
            and role is Role.REQUEST
            # "…해 주세요. 다음 회의는 …": a request closed by its ending or its mark is joined to nothing.
            and ASKS.search(part) is None
            and not part.endswith((".", "!", "?"))
            and predicate(part).act in MUTATION_ACTS
            and all(_asks_nothing(later, later_role) for later, later_role in rest)
        ):
            return [*roles[:index], (part, Role.DONE), *((later, Role.ASIDE) for later, _ in rest)]
        told = _told_then_asked(rest) if joined and rest and role is Role.REQUEST else None
        if told is not None and ASKS.search(part) is None and predicate(part).act in MUTATION_ACTS:
            # "X 배포 후 터졌어 롤백해줘", "X 배포하고 나서 에러 나니까 롤백해줘": the trouble told after the
            # change makes it the time of the trouble, done; the request after the trouble is asked alone.
            return [*roles[:index], (part, Role.DONE), *told]
    return roles


# A clause opened by the trouble told before its request: a past or a causal ending, then the request
# ("터졌어 롤백 ㄱㄱ", "먹통이야 롤백해", "에러 나니까 롤백해줘", "또 죽었는데 재시작해줘").
_TOLD_OPENING = LazyPattern(
    r"^(?P<told>.+?(?:[었았였졌쪘렸됐갔났]어요?|(?:이)?야|이에요|예요|거든요?|니까|는데|어서|아서|해서|길래))\s+(?P<ask>\S.*)$"
)


def _told_then_asked(rest: list[tuple[str, Role]]) -> list[tuple[str, Role]] | None:
    """`rest` as the trouble told (asides) and then what is asked, when it opens with trouble that asks
    nothing and a request follows; None otherwise."""
    first, role = rest[0]
    opening = _TOLD_OPENING.match(first)
    if role is Role.REQUEST and opening is not None:
        told, ask = opening.group("told"), opening.group("ask")
        # The trouble may end as a question would ("터졌어"): before a request, it only tells.
        quiet = ASKS.search(told) is None and "?" not in told and NAME_LIKE.search(told) is None
        if (
            quiet
            and not names_a_read(told)
            and predicate(told).act not in MUTATION_ACTS
            and predicate(ask).act in MUTATION_ACTS
        ):
            return [(told, Role.ASIDE), (ask, Role.REQUEST), *rest[1:]]
    asides = list(itertools.takewhile(lambda item: _asks_nothing(*item), rest))
    if asides and len(asides) < len(rest) and predicate(rest[len(asides)][0]).act in MUTATION_ACTS:
        return [*((part, Role.ASIDE) for part, _ in asides), *rest[len(asides) :]]
    return None


def _before_a_scope(part: str) -> list[str]:
    """ "X 롤백하되 다른 앱은 건드리지 마십시오": a change under the concessive -되, then a clause that
    withholds something else, is that change asked for within a scope; the two are cut so that the
    withholding clause is read as one and the change as the request. Any other -되 stays whole."""
    found = concessive(part)
    if found is None:
        return [part]
    rest = found[1]
    if not rest.strip() or _WITHHELD_END.search(rest.strip()) is None:
        return [part]
    return [part[: len(part) - len(rest)], rest]


# "X 재시작만 해 딴 건 하지 말고": a plain imperative (해, 해요, 하세요, 봐), then a clause naming the others (다른, 딴,
# 나머지, 아무) as its object; no connective joins the two, the imperative closes the request.
_BEFORE_THE_OTHERS = LazyPattern(
    r"(?<![A-Za-z0-9])(?:해|해요|하세요|하십시오|봐|봐요)\s+(?=(?:다른|딴|나머지|아무)\s?(?:건|거|것|거는|것은|애들?|앱)?\S*\s)",
    needs=("다른", "딴", "나머지", "아무"),
)


def _before_the_others(part: str) -> list[str]:
    """`part` cut after its imperative when what follows withholds everything else ("X 재시작만 해 딴 건 하지
    말고"): the request and the withholding clause are two clauses. Any other part stays whole."""
    found = _BEFORE_THE_OTHERS.search(part)
    if found is None or _WITHHELD_END.search(part[found.end() :].strip()) is None:
        return [part]
    return [part[: found.end()], part[found.end() :]]


def korean_roles(text: str) -> list[tuple[str, Role]]:
    roles = [
        (part.strip(), _korean_role(part, condition))
        for piece, condition in pieces_of(text)
        for background in _after_backgrounds(piece)
        for withheld in _after_withheld(background)
        for scoped in _before_a_scope(withheld)
        for part in _before_the_others(scoped)
        if part.strip()
    ]
    return _changes_told_by_sequence(text, roles)
