"""A change read from a sentence that does not ask for it now.

The words of a change may stand in a sentence that asks for none to run now:
- advice asked about it: "X 롤백해야 할까요?", "배포해야 하나", "롤백할지 말지 정해줘" (should it be done?);
- thanks for it or a report that it is over: "X 재시작 고마워", "롤백해 줘서 감사해요", "thanks for
  restarting X", "배포 수고했어", "재시작 끝", "배포 대기 중";
- a decision on a request for it, named by a noun with no verb: "X 재시작 요청 반려", "배포 요청 보류";
- a condition the rules cannot check: "트래픽 늘면 X 5개로 늘려줘", "만약 CPU가 넘으면 …", "…, 단 트래픽
  이 적을 때", "scale X to 5 if traffic spikes", or one closed by a noun of occasion as -면 closes it
  ("배포 실패 시 X 롤백", "에러율 높을 경우 재시작", "메모리 부족할 때 X 재시작해줘");
- a time later than now: "내일 아침에 X 배포해줘", "새벽 3시에 재시작", "deploy X tomorrow at 9am",
  "배포 예약해줘". The platform runs a change when it is confirmed and cannot schedule one, so this is
  refused with that reason. The time must date the asked change's own verb: one that dates a reason ("내일
  출시라 지금 X 배포해줘", "launch is tomorrow, deploy X today"), a cause or a clause describing the target ("주말에
  터진 X 재시작해줘"), a day gone by ("지난 금요일") or a version ("금요일 버전으로 롤백") asks for the change now.

Each is recognised by its form (an ending, a clause of condition, a time adverbial), and is checked only
when the sentence was otherwise read as a change: a read is never demoted by it.

A fallback after a request ("restart X, if that fails roll it back") offers a second act; one that gives up
("X 재시작해줘 안 되면 어쩔 수 없지", "…; if that fails, no worries") offers none and defers nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from enum import Enum

from klepaas_nlp.rules.courtesy import without_leisure
from klepaas_nlp.rules.hangul import FINAL_L as _FINAL_L
from klepaas_nlp.rules.hangul import FINAL_N as _FINAL_N
from klepaas_nlp.rules.hangul import INFLECTED as _INFLECTED
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import ASKS, PAST_END, names_a_read, past_adnominal
from klepaas_nlp.rules.predicate import (
    ASKING_NEGATION,
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    english_act,
    mentions_an_operation,
    predicate,
)
from klepaas_nlp.rules.references import VERSION_BY_DAY_KO


class Deferred(Enum):
    ADVICE = "advice"  # unknown: asks whether to do it
    DONE = "done"  # unknown: thanks for it, or says it is over
    STATE = "state"  # unknown: names a decision on a request for it ("재시작 요청 반려")
    CONDITION = "condition"  # unknown: asked for later, on a condition the rules cannot check
    SCHEDULED = "scheduled"  # refused: asked for at a later time
    PUT_OFF = "put_off"  # unknown: asked, then put off by a time set aside ("deploy X, not yet", "지금 말고")


SCHEDULE_REASON = (
    "변경은 확인 즉시 실행되며 예약 실행은 지원하지 않습니다. 원하는 시간에 다시 요청해 주세요. "
    "(Changes run when confirmed; scheduling a change for later is not supported. Ask again at that time.)"
)

_I = re.IGNORECASE

# The noun of a change (배포, 재시작, …) a bare report or thanks is about.
_CHANGE_NOUN = (
    r"(?:재배포|배포|재시작|리스타트|재기동|롤백|되돌리기"
    r"|스케일(?:링|아웃|업|다운|인)?|증설|축소|확장|업데이트)"
)

# -아야 하다 / 되다 asked as a question: whether it should be done ("롤백해야 할까?", "배포해야 하나요",
# "늘려야 될지"), and deliberation between doing and not ("롤백할지 말지").
_ADVICE_KO = LazyPattern(
    r"야(?:하나|할까|하니|하냐|하는가|하는지|할지|되나|될까|되냐|되니|되는가|되는지|될지)"
    r"|[가-힣]지말지|[가-힣]지안[할하]지",
    needs=("야", "말지", "지안"),
)
# ...closing the sentence, or asking someone to decide it ("롤백할지 말지 정해줘"), not a clause before a
# request ("몇 개로 늘려야 할지 모르겠는데 일단 늘려줘").
_ADVICE_CLOSES = LazyPattern(r"(?:[가-힣]{0,3}|(?:좀)?(?:정해|결정해|판단해|골라|추천해|알려|말해)[가-힣]{0,4})[?.!~]*")
_ADVICE_EN = LazyPattern(
    # "shall we roll back X?" proposes the act, as "let's" does; "shall I …?" still asks whether.
    r"\bshould\s+(?:i|we)\b|\bshall\s+i\b|\b(?:do|must)\s+(?:i|we)\s+(?:really\s+)?(?:have|need)\s+to\b"
    r"|\bwhether\s+(?:(?:i|we)\s+should|to)\b",
    _I,
    needs=("should", "shall", "do", "must", "whether"),
)

# Thanks, praise for work done, or a report that it is over or waiting, closing the sentence.
_THANKS_KO = r"(?:고마워|고마워요|고맙다|고맙습니다|고마웡|감사|감사해|감사해요|감사합니다|감사드려요|감사드립니다"
_THANKS_KO += r"|땡큐|ㄳ|ㄱㅅ"
_THANKS_KO += r"|수고했어|수고했어요|수고하셨어요|수고하셨습니다|수고했다|수고|잘했어|잘했어요|잘하셨어요)"
_REPORT_KO = r"(?:끝|끝남|끝났음|끝났어|끝났어요|끝났습니다|완료|완료됨|완료했어|완료했습니다"
_REPORT_KO += r"|대기|대기중|대기중임|보류|보류중)"
_CLOSING = r"(?:정말|진짜|너무|넘|다들|모두)?"
_ENDING_MARKS = r"[.!~^ㅎㅋ]*$"
# ... after a change's noun (with a particle) or a verb's -아서 form ("롤백해 줘서", "늘려 주셔서").
_DONE_KO = LazyPattern(
    rf"{_CHANGE_NOUN}(?:을|를|도|건|한거|해준거|해주신거|해주셔서|해줘서|해주어서|해서|돼서|되어서)?{_CLOSING}"
    rf"(?:{_THANKS_KO}|{_REPORT_KO}){_ENDING_MARKS}"
    rf"|(?:줘|주셔|주어|줬어|해|돼|되어|려|여|춰|워)서{_CLOSING}{_THANKS_KO}{_ENDING_MARKS}",
    needs=("고마", "고맙", "감사", "땡큐", "ㄳ", "ㄱㅅ", "수고", "잘했", "잘하셨", "끝", "완료", "대기", "보류"),
)
# A decision on a request for the change, named by a noun after 요청 and closing the sentence with no verb
# ("X 재시작 요청 반려", "배포 요청 보류"): the request spoken of, not made. After 요청 a light verb of asking
# (요청 드려요, 요청합니다, 요청 좀) makes it. (Any noun after the change's own noun is no such sign: "X 배포
# 스테이징", "X 롤백 긴급" ask; a stop of the change, "X 배포 동결", is read as stopping, predicate.Act.STOP.)
_REQUEST_THEN_NOUN = LazyPattern(rf"{_CHANGE_NOUN}\s*요청\s+(?P<noun>[가-힣]{{2,}})[.!~]*$", needs=("요청",))
_ASKING_AFTER_REQUEST = LazyPattern(r"^(?:하|해|합|드리|드려|드립|드릴|드림|좀|부탁|바랍|바래)")


def _named_state(text: str) -> bool:
    found = _REQUEST_THEN_NOUN.search(text)
    return found is not None and predicate(text).act is Act.NONE and _ASKING_AFTER_REQUEST.match(found["noun"]) is None
    if found["request"]:
        return _ASKING_AFTER_REQUEST.match(found["noun"]) is None
    return False


_DONE_EN = LazyPattern(
    r"\b(?:thanks|thank\s+(?:you|u)|thx|ty|kudos|props|good\s+job|nice\s+work|great\s+work)"
    r"(?:\s+(?:so\s+much|a\s+lot|again))?\s+(?:for|on)\s+(?:the\s+|that\s+|your\s+)?"
    r"(?:restart|redeploy|deploy|roll(?:ing)?\s*back|rollback|revert|scal|bump)\w*",
    _I,
    needs=("thank", "thx", "ty", "kudos", "props", "job", "work"),
)

# A clause of condition: a verb's -(으)면 closing its word ("늘면", "끝나면", "넘으면", "많아지면"), "만약",
# "단 … 때"; not the courtesy of "가능하면" or "괜찮으시면", nor a frame of saying ("요약하면"), nor a wish
# ("했으면 좋겠어") or "it is enough to" ("늘리면 돼"), nor the purpose -려면, nor a noun ending in 면 (화면, 측면).
_CONDITION_WORD = LazyPattern(r"(?<![\w-])([가-힣]*[가-힣]면)(?=[\s,.!?]|$)", needs=("면",))
_NOT_A_CONDITION = LazyPattern(
    r"(?:가능하|가능하시|괜찮으|괜찮으시|괜찮다|되시|시간되|시간이되|여유되|편하시|편하|좋으|좋으시|원하시|바쁘지않으|번거롭지않으"
    r"|그러|그렇다|아니|이왕이|될수있으|할수있으|려|으려|화|측|반|전|정|표|방|국|단|양|외|라|장"
    r"|(?:시간|여유|틈|짬|짬이|시간이)되|[0-9a-z가-힣](?:개|대)(?:로|이)?"
    # How the speaker puts it ("요약하면", "정리하자면", "다시 말하면"): a frame of saying, no condition.
    r"|(?:요약|정리|간추|종합|말|얘기|이야기)(?:하|하자))면$"
)
_AFTER_CONDITION_NOT = LazyPattern(
    r"\s*(?:"
    + ASKING_NEGATION
    + r"|좋겠|돼|되|됩|될|감사|고맙|고마|해요|합니다|해\b|하겠|할게|어때|어떨|충분|족해|괜찮|ok|오케이)"
)
# A clause of condition closed by a noun of occasion instead of -(으)면: 시 after a noun or the future
# adnominal -ㄹ ("배포 실패 시", "CPU 80% 초과 시", "부족할시"), 경우 after a noun or an adnominal ("에러율 높을
# 경우", "실패한 경우에는"), 때 after -ㄹ ("트래픽 적을 때", "응답 없을 때는"). The change after it waits on
# what the rules cannot check, as after "…하면". Only 시 standing as a word of its own follows a noun (a
# word that ends in 시, "다시", "즉시", "표시", is another word).
_OCCASION = LazyPattern(
    rf"(?:(?<=[가-힣])\s+|(?<=[{_FINAL_L}]))시(?:에는|에|엔|는)?(?=[\s,.]|$)"
    r"|(?<=[가-힣])\s?경우(?:에는|에도|에|엔|는|라면)?(?=[\s,.]|$)"
    rf"|(?<=[{_FINAL_L}])\s?때(?:는|에|에는|엔|마다|도)?(?=[\s,.]|$)",
    needs=("시", "경우", "때"),
)
# ...not a time of day counted in Korean numerals ("세 시에", "열한 시"), nor a case pointed at by a
# determiner ("이 경우", "그런 경우에는"): the case at hand, no condition.
_NOT_AN_OCCASION = LazyPattern(
    r"(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|열한|열두|몇|이|그|저|이런|그런|저런|어떤|어느|무슨|이번|해당|이럴|그럴)"
)
# A noun right after a bare occasion, with the particle of a goal or means: the occasion modifies it.
_OCCASION_NOUN = LazyPattern(r"\s*[가-힣]+(?:으로|로)(?=[\s,.]|$)", needs=("로",))
_CONDITION_LEAD = LazyPattern(
    r"(?:^|[\s,.])(?:만약|만일|혹시라도|조건은|조건:)|(?:^|[\s,.])(?:단|다만)[\s,]+[^,.]*(?:[을ㄹ]\s*때|면)",
    needs=("만약", "만일", "혹시라도", "조건", "단", "다만"),
)
# "if" as the complement of approval or gratitude ("it would be great if X were scaled", "I'd appreciate it if
# you restarted X") names the change wished for (indirect.py), no condition it waits on.
_APPROVAL = (
    "appreciate it|appreciate|appreciated|love it|great|nice|good|awesome|helpful|ideal|lovely|perfect|wonderful"
)
# "if" as the object of a verb of telling, knowing or checking ("tell me if X is up", "let me know if …",
# "check if …", "see if …", "find out if …") is "whether": an embedded question asked now, no condition.
_WHETHER = "me|know|check|see|out|confirm|verify|wonder|wonders|wondered|wondering|curious|ask|asks|asked|asking|tell"
# "if" after leave asked ("mind if I restart X?", "is it ok if we deploy X?") names the act leave is asked for, asked
# now as "배포해도 될까요?" asks it (predicate.py), no condition it waits on.
_LEAVE = "mind|is it ok|is it okay|is it alright|is it fine|be ok|be okay|be alright|be fine"
_CONDITION_EN = LazyPattern(
    # "… for me when traffic spikes": the person served, no verb of telling; the condition stands.
    r"(?:(?<=\bfor me )|"
    + "".join(rf"(?<!\b{word} )" for word in (*_APPROVAL.split("|"), *_WHETHER.split("|"), *_LEAVE.split("|")))
    + r")\b(?:if|when|whenever|once|unless|as\s+soon\s+as|in\s+case)\s+"
    r"(?!possible\b|you\s+can\b|you\s+could\b|u\s+can\b|you\s+get\s+a\s+chance\b|you\s+have\s+(?:a\s+sec|time|a\s+moment)\b"
    r"|you'?re\s+(?:ready|free|able|done)\b|you\s+don'?t\s+mind\b"
    r"|it'?s\s+not\s+(?:too\s+much\s+)?(?:trouble|a\s+problem)\b"
    r"|needed\b|necessary\b|ready\b|convenient\b|that'?s\s+ok|it'?s\s+ok|ok\b|okay\b)",
    _I,
    needs=("if", "when", "once", "unless", "soon", "case"),
)

# A fallback after a request ("restart X, if that fails roll it back"): what fails is the act asked now, and the
# act after it is offered as a second one (pieces.py), no condition the first waits on.
# The words of the fallback itself, owned here and shared with pieces.py, which splits a clause there.
# So is a bare "if not" after a clause that checks ("check if X is up, if not restart it"): if what was checked is not
# so; not before a state or a participle ("…, if not running", "if not needed"), which is a condition of its own.
# A follow-up on the first act's success ("deploy X to staging, then if it looks ok push it to production") offers the
# second act the same way: the condition is the outcome of the act asked now, which the user will see.
IF_THAT_FAILS = (
    r"if\s+(?:that|it|this)\s+(?:fails|doesn'?t\s+(?:work|help)|does\s+not\s+(?:work|help))"
    r"|(?<=[,;.]\s)if\s+not\b(?!\s+(?:already|yet|too|now|needed|necessary|sure|up|ready|\w+ed|\w+ing)\b)"
    r"|(?:then\s+)?if\s+(?:that|it|this|all|everything)\s+(?:works|worked|succeeds|passes|goes\s+(?:well|fine|ok|okay)"
    r"|(?:looks|is|seems)\s+(?:ok|okay|good|fine|healthy|stable))"
)
_FALLBACK_EN = LazyPattern(
    rf"(?<=\S)[,.;]?\s+(?:and\s+|or\s+|but\s+)?(?:{IF_THAT_FAILS})\b",
    _I,
    needs=("if",),
)


def offers_a_fallback(text: str) -> bool:
    """Whether an English request is followed by a fallback ("…, if that fails roll it back")."""
    return _FALLBACK_EN.search(text) is not None


# The Korean fallback's condition after a request: "안 되면", "실패하면", "그래도 안 먹히면" (if it does not work).
_FALLBACK_KO = LazyPattern(
    r"(?<=\S)[,.]?\s+(?:(?:그래도|혹시|만약(?:에)?|만일)\s+)?(?:안\s?(?:되|먹히|통하)|실패하)면(?:은)?(?=[\s,]|$)",
    needs=("면",),
)


def request_before_a_given_up_fallback(text: str) -> str | None:
    """The request alone when the fallback after it gives up instead of offering a second act ("X 재시작해줘 안
    되면 어쩔 수 없지", "restart X; if that fails, no worries"): what follows the condition names no act and
    nothing to read and, in Korean, asks nothing, so it is a remark on the request; None otherwise."""
    found = _FALLBACK_EN.search(text) or _FALLBACK_KO.search(text)
    if found is None:
        return None
    request, rest = text[: found.start()].strip(), text[found.end() :].strip(" ,.;")
    if not request or predicate(request).act not in MUTATION_ACTS or not rest:
        return None
    if mentions_an_operation(rest.lower().replace(" ", "")) or names_a_read(rest) or NAME_LIKE.search(rest):
        return None  # "…, 안 되면 롤백이라도", "…, if that fails show me its logs": a second act offered
    if english_act(rest) is not Act.NONE or ASKS.search(rest) is not None:
        return None
    return request


# A time later than now: a day, a part of the day, an hour, a weekday, "in 10 minutes".
_LATER_KO = LazyPattern(
    r"내일|모레|낼\s*(?:아침|오전|오후|저녁|밤)|오늘\s*(?:밤|저녁|오후|새벽)|새벽(?:\s*\d{1,2}\s*시)?|자정|퇴근\s*(?:후|하고)"
    r"|이따가?|나중에|주말에|다음\s*(?:주|달|번)|[월화수목금토일]요일(?:에|날|쯤|오전|오후|아침|저녁|밤)?"
    r"|(?:오전|오후|아침|저녁|밤)\s*\d{1,2}\s*시|\d{1,2}\s*시(?:\s*(?:\d{1,2}\s*분|반))?\s*(?:에|쯤|정각)"
    # A clock reading with the particle of a time ("15:00에", "9:30쯤"): the hour the change is put at; one with
    # another particle ("15:00부터 로그") or none ("[15:02]", a timestamp pasted) dates no change.
    r"|(?<![\d:])\d{1,2}:\d{2}(?![\d:])\s*(?:에|쯤|정각)"
    r"|\d+\s*(?:분|시간|일)\s*(?:뒤|후)에?",
    needs=(
        *("내일", "모레", "낼", "오늘", "새벽", "자정", "퇴근", "이따", "나중", "주말", "다음", "요일"),
        *("시", "뒤", "후", ":"),
    ),
)
# A booking of the change itself ("배포 예약", "예약 재시작"); 예약 alone is often a business noun.
_BOOKED_KO = LazyPattern(
    rf"{_CHANGE_NOUN}\s*(?:을|를|도)?\s*(?:예약|스케줄)|(?:예약|스케줄)\s*(?:을|를)?\s*(?:걸어|잡아)?\s*{_CHANGE_NOUN}",
    needs=("예약", "스케줄"),
)
# What may follow the time word without making it the request's time: a copula or a reason ("새벽이라",
# "내일 오픈이라서"), a deadline ("금요일 전에", "3시까지"), a start ("다음 주부터").
_NOT_WHEN_KO = LazyPattern(
    r"\s*(?:이라|이니까|이라서|인데|이고|이어서|이므로|이지만|이잖|이야|이에요|입니다|라서|라|니까|인|이|부터|전|까지|이후|이전|동안|내내"
    r"|시간대|[가-힣]*(?:이라|라서|니까|인데))"
)
# Where a Korean clause ends: a mark, or a word ending in a connective (-서, -니까, -는데, -고, -지만, -면).
_CLAUSE_END_KO = LazyPattern(r"[.!?;,]|[가-힣](?:서|니까|는데|[ㄴ은]데|거든|지만|므로|고|며|면서|면|라|대|요)(?=\s|$)")
_LIGHT_VERB = LazyPattern(
    r"\s*(?:에|엔|쯤)?\s*(?:좀\s*)?(?:해(?:\s*(?:줘|주|달|봐))?(?=[\s?!.~]|$|[줘주달봐요])|하(?:세요|십시오|자)|진행|부탁)"
)
_CHANGE_NOUN_FOUND = LazyPattern(_CHANGE_NOUN)
# A deadline in the clause ("점검 나가기 전에", "3시까지"): the change may run now.
_DEADLINE_KO = LazyPattern(r"전(?:에|까지)|까지", needs=("전", "까지"))
_PAST_KO = LazyPattern(
    r"했|됐|됬|되었|였|었|던|[한된]\s*(?:거|것|게|걸|버전|이미지|커밋|릴리스|태그|상태|시점)|이전|직전",
    needs=("했", "됐", "됬", "되었", "였", "었", "던", "한", "된", "이전", "직전"),
)
_LATER_EN = LazyPattern(
    r"\b(?:tomorrow|tonight|overnight|later\s+(?:today|tonight|on)|this\s+(?:evening|afternoon|weekend)"
    r"|next\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|release|window)"
    r"|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|at\s+(?:midnight|noon)"
    r"|at\s+\d{1,2}(?::\d{2})?\s*(?:am|pm|o'?clock)|in\s+\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)"
    # A clock reading after "at" ("at 15:00", "at 9:30"): the hour the change is put at. Without "at" ("since
    # 14:30", "[15:02] restart X") it dates a window or the message, not the change.
    r"|at\s+\d{1,2}:\d{2}(?![\d:])"
    # "later" as the adverb closing the change's clause ("restart X later", "could we roll it back later?"); as an
    # adjective before a noun ("the later build") it names a version, and dates nothing.
    r"|(?<!\bthe\s)(?<!\ba\s)later(?=\s*(?:$|[,.;!?]|(?:please|pls|plz|instead|then|maybe|if|when|once)\b))"
    r"|schedul(?:e|ed|ing))\b",
    _I,
    needs=("tomorrow", "tonight", "overnight", "later", "this", "next", "on", "at", "in", "schedul"),
)
_SEGMENT_EN = LazyPattern(r"[,.;:!?]|\b(?:and|but|because|since|as|so|while|though)\b", _I)
_DEADLINE_EN = LazyPattern(r"\b(?:before|by|until|till|ahead\s+of|for|during)\b", _I)
# A verb in the past right before the time ("the pod that died at 14:30", "which crashed at 3pm"): the time dates
# what happened, not the change asked.
_HAPPENED_EN = LazyPattern(r"\b(?:[a-z]+ed|died|went|fell|broke|began|came|ran|hung|froze|blew\s+up|was|were)\s+$", _I)
_PAST_EN = LazyPattern(r"\b(?:was|were|did|deployed|released|built|yesterday|last|ago|previous)\b", _I)


# A time word is the asked change's time only when it dates the change's own verb. It dates another predicate
# when that comes first after it: a reason or a background closing its clause ("내일 출시라", "금요일에 오픈이라서",
# "내일 배포하니까", "주말인데"; the copula's -라 after a noun, not the imperative's "해라", "늘려라", "해주라"),
# a noun of cause ("지난 금요일 장애 때문에"), or an adnominal describing the target, named or pointed at by a
# bound noun ("주말에 터진 X", "새벽에 죽은 X", "월요일에 망가진 거"). A day the past determiner dates ("지난
# 금요일", "지난주 월요일에", "저번 주말") is no time to come at all, nor is the day a version is named by ("금요일
# 버전으로 롤백", references.VERSION_BY_DAY_KO), and an explicit now for the act ("내일 출시 지금 X 배포해줘")
# settles it.
_PAST_DAY_KO = LazyPattern(r"(?:지지난|지난|저번)(?:\s*(?:주|달|번))?\s*$", needs=("지난", "저번"))
_REASON_END_KO = LazyPattern(
    rf"(?:[^{_INFLECTED}주보\s]라|라서|니까|는데|[{_FINAL_N}]데|거든|지만|므로)(?:요)?[\s,.!~]*$",
    needs=("라", "니까", "데", "거든", "지만", "므로"),
)
_CAUSE_KO = frozenset({"때문에", "때문이라", "때문이라서", "탓에", "덕분에", "덕에", "바람에"})
_NOW_KO = LazyPattern(
    r"(?<![가-힣])(?:지금|오늘(?!\s*(?:밤|저녁|오후|오전|새벽|아침)))(?:은|부터|당장)?(?=\s|$)", needs=("지금", "오늘")
)
# The target an adnominal describes: the name (§) or a bound noun pointing at it ("터진 거", "죽은 애").
# A name written in Latin letters ("주말에 터진 orders") is the target as § is.
_DESCRIBED_TARGET = LazyPattern(r"§|[a-z][\w.-]*|(?:거|것|걸|놈|애|녀석|쪽)(?:을|를|이|가|은|는|도|만)?$")
# A time only to come ("내일", "모레", "다음 주", "30분 뒤") cannot date what has been: after it a past adnominal
# describes, and the time still dates the verb after that ("내일 고친 거 배포해줘").
_ONLY_TO_COME_KO = LazyPattern(r"내일|모레|낼|이따|나중|다음|퇴근|뒤|후")


def _dates_another_predicate(time: str, clause: str) -> bool:
    """Whether the time word `time`, with the rest of its Korean `clause` after it, dates a predicate other than
    the asked change's: a reason closing the clause, a cause, an adnominal describing the target, before the
    request's own verb; or whether the clause says the act is for now."""
    if _REASON_END_KO.search(clause) is not None or _NOW_KO.search(clause) is not None:
        return True
    to_come = _ONLY_TO_COME_KO.search(time) is not None
    words = clause.split()
    for word, after in itertools.pairwise(words):
        if ASKS.search(word) is not None:
            return False  # the request's own verb: the time is its time
        if word in _CAUSE_KO:
            return True
        if PAST_END.search(word) is not None and not to_come:
            return True  # "3시에 터졌어, 재시작해줘": the time dates what happened, told in the past
        describes = past_adnominal(word) or word.endswith("던")
        if describes and not to_come and _DESCRIBED_TARGET.match(after) is not None:
            return True
    return False


def _asks_a_change(segment: str) -> bool:
    said = predicate(segment)
    return said.act in MUTATION_ACTS and said.source in ("korean", "korean_bare", "english", "indirect")


def _clause_after(text: str, start: int) -> str:
    """The words from `start` to the end of their Korean clause."""
    end = _CLAUSE_END_KO.search(text, start)
    return text[start : end.end() if end is not None else len(text)]


def _scheduled_ko(text: str) -> bool:
    if _BOOKED_KO.search(text) is not None:
        return True
    if _PAST_KO.search(text.replace(" ", "")) is not None:
        return False
    for found in _LATER_KO.finditer(text):
        if _NOT_WHEN_KO.match(text, found.end()) is not None:
            continue
        if _PAST_DAY_KO.search(text, 0, found.start()) is not None or VERSION_BY_DAY_KO.match(text, found.start()):
            continue  # "지난 금요일", "지난주 월요일에": a day gone by; "금요일 버전으로": the version's day
        clause = _clause_after(text, found.end())
        if _DEADLINE_KO.search(clause) is not None or _dates_another_predicate(found.group(), clause):
            continue
        if _asks_a_change(clause):
            return True
        if _LIGHT_VERB.match(clause) is not None and _CHANGE_NOUN_FOUND.search(text, 0, found.start()) is not None:
            return True  # "배포는 금요일에 해줘": the change's noun before, the light verb after the time
    return False


def _segment_en(text: str, start: int, end: int) -> str:
    before = [mark.end() for mark in _SEGMENT_EN.finditer(text, 0, start)]
    after = _SEGMENT_EN.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after is not None else len(text)]


# The asked change's time said to be now ("deploy X now", "… right away", "… today"): a later time in another
# clause ("release tomorrow; deploy X now") is the reason's, not the change's.
_NOW_EN = LazyPattern(
    r"\b(?:now|right\s+away|immediately|asap|today)\b", _I, needs=("now", "away", "immediately", "asap", "today")
)


def _asked_now_en(text: str) -> bool:
    return any(
        _NOW_EN.search(segment) is not None
        and _LATER_EN.search(segment) is None
        and english_act(segment) in MUTATION_ACTS
        for segment in _SEGMENT_EN.split(text)
    )


def _scheduled_en(text: str) -> bool:
    if _PAST_EN.search(text) is not None or (_NOW_EN.search(text) is not None and _asked_now_en(text)):
        return False
    for found in _LATER_EN.finditer(text):
        segment = _segment_en(text, found.start(), found.end())
        head = segment[: found.start() - text.index(segment)] if segment else ""
        if _DEADLINE_EN.search(head[-25:]) is not None:
            continue  # "before the run tonight": a deadline, the change may run now
        if _HAPPENED_EN.search(head[-30:]) is not None:
            continue
        if english_act(segment) in MUTATION_ACTS:
            return True
    return False


def _conditions_ko(text: str) -> Iterator[tuple[int, int]]:
    """Where each Korean clause of condition starts (its last word) and ends: a word in -(으)면, or a
    noun of occasion (시, 경우, 때) after the word it closes."""
    for found in _CONDITION_WORD.finditer(text):
        word = text[max(0, found.start() - 4) : found.end()].replace(" ", "")
        if _NOT_A_CONDITION.search(word) is not None:
            continue
        if _AFTER_CONDITION_NOT.match(text, found.end()) is not None:
            continue
        yield found.start(), found.end()
    for found in _OCCASION.finditer(text):
        head = text[: found.start()].rstrip()
        start = max(head.rfind(" "), head.rfind(","), head.rfind(".")) + 1
        word = head[start:]
        if _NOT_AN_OCCASION.fullmatch(word) is not None:
            continue  # "세 시에", "이 경우", "그럴 때": a time of day or the case at hand
        if found.group().strip()[-1:] in "시때우" and _OCCASION_NOUN.match(text, found.end()) is not None:
            continue  # "잘 될 때 버전으로", "장애 시 대응으로": the occasion says which, of the noun it modifies
        yield start, found.end()


def _has_condition_ko(text: str) -> bool:
    for start, end in _conditions_ko(text):
        rest = text[end:].strip(" ,.!?~")
        before = text[:start].split()
        if not rest and any(_asks_a_change(" ".join(before[: len(before) - drop])) for drop in range(3)):
            return True  # "X 5개로 늘려줘 트래픽 늘면": the condition (and its subject) after the request
        if _asks_a_change(_clause_after(text, end)):
            return True
    lead = _CONDITION_LEAD.search(text)
    return lead is not None and _asks_a_change(text)


# A clock reading ("15:00", "9:30") is written as a name is, digits joined by a colon, but it is a time: it is kept
# for the time words above to read, not blanked as a name.
_CLOCK = LazyPattern(r"(?:[01]?\d|2[0-3]):[0-5]\d")


def _name_blanked(found: re.Match[str]) -> str:
    return found.group() if _CLOCK.fullmatch(found.group()) is not None else "§"


# A request put off by a time set aside after it, closing the message or before a later time: "deploy X, not yet",
# "restart X — not right now", "not this week", "not until the sale ends", "not while traffic is high"; "X 재시작해줘,
# 지금 말고", "아 아직 말고요", "지금 말고 저녁에". Now is what is declined: nothing is asked to run now.
_PUT_OFF_EN = LazyPattern(
    r"(?:^|[,;:.!?—–-])\s*(?:but\s+)?not\s+(?:yet|now|right\s+now|just\s+yet|today|tonight"
    r"|this\s+(?:week|morning|afternoon|evening|month)|until|till|while|during|before)(?![\w'])",
    _I,
    needs=("not",),
)
_PUT_OFF_KO = LazyPattern(
    r"(?:지금|아직|당장|오늘|이번\s*주)\s*(?:은|는)?\s*(?:말고|말구)(?:요)?",
    needs=("지금", "아직", "당장", "오늘", "이번"),
)


def _put_off_ko(text: str) -> bool:
    """A time set aside closing the message, or before the later time the change is put at ("지금 말고 퇴근 후에")."""
    for found in _PUT_OFF_KO.finditer(text):
        after = text[found.end() :].strip(" .!~")
        if not after or _LATER_KO.match(after) is not None:
            return True
    return False


def deferred(text: str) -> Deferred | None:
    """Why a sentence read as a change asks for none now, or None when it asks for it."""
    bare = NAME_LIKE.sub(_name_blanked, text).strip()
    lower = bare.lower()
    compact = lower.replace(" ", "")
    korean = any("가" <= letter <= "힣" for letter in bare)
    if korean:
        advice = _ADVICE_KO.search(compact)
        if advice is not None and _ADVICE_CLOSES.fullmatch(compact, advice.end()) is not None:
            return Deferred.ADVICE
        if _DONE_KO.search(compact) is not None:
            return Deferred.DONE
        if _named_state(lower):
            return Deferred.STATE
        if _scheduled_ko(lower):
            return Deferred.SCHEDULED
        if _has_condition_ko(lower):
            return Deferred.CONDITION
    if _DONE_EN.search(lower) is not None:
        return Deferred.DONE
    if _PUT_OFF_EN.search(lower) is not None or (korean and _put_off_ko(lower)):
        return Deferred.PUT_OFF
    if _scheduled_en(lower):
        return Deferred.SCHEDULED
    # The leisure a request is left to ("when you get a sec", courtesy.py) is no condition it waits on.
    if _CONDITION_EN.search(_FALLBACK_EN.sub(" ", without_leisure(lower))) is not None:
        return Deferred.CONDITION
    if _ADVICE_EN.search(lower) is not None and lower.rstrip().endswith("?"):
        return Deferred.ADVICE
    return None
