"""The marks a clause's role is read from: its Korean endings and a few words.

What asks (줘, 주세요, a question), what states (the past, hearsay, the progressive, a guess), a wish
(-고 싶어), a subject of its own, and the words that name a thing read or one more thing (도). Every
clause module reads these, so they live below all of them; none of them decides a role alone.
"""

from __future__ import annotations

import itertools
import re

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.hangul import FINAL_M as _M_FINAL_SYLLABLES
from klepaas_nlp.rules.hangul import FINAL_N as _N_FINAL_SYLLABLES
from klepaas_nlp.rules.hangul import PAST as _PAST_SYLLABLES
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.predicate import mentions_an_operation

# A Hangul syllable: a command holding one is read by the Korean rules.
HANGUL = LazyPattern(r"[가-힣]")

# Words ending as a past adnominal does (final ㄴ) that are none: determiners ("어떤 로그", "다른 파드", "모든 로그"),
# nouns of time used as they are ("이전 로그", "최근 로그", "직전 컨테이너") and adverbs of order ("일단", "우선",
# "한번", "잠깐", "얼른"). A closed class.
_NO_ADNOMINAL = (
    *("어떤", "그런", "이런", "저런", "무슨", "다른", "모든", "웬"),
    *("전", "이전", "예전", "직전", "최근", "최신", "오전", "기존"),
    *("일단", "우선", "한번", "잠깐", "얼른"),
)
# A past adnominal between 전에 and the logs ("재시작 전에 찍힌 로그", "재시작하기 전에 남은 로그", "전에 있던 로그"):
# 전에 dates the clause that describes the logs (written before then), not the user's looking at them. An adverb
# of order there ("재시작 전에 일단 로그 보자") leaves 전에 to the request.
LOGS_DATED_BEFORE = (
    rf"전에\s+(?!(?:{'|'.join(_NO_ADNOMINAL)})\s)[가-힣]*(?:[{_N_FINAL_SYLLABLES}]|던)\s*(?:로그|logs?(?![A-Za-z]))"
)


# A word that closes a request: the bare 반말 imperative ("롤백해", "늘려", "띄워", "봐", "돌려놔"), 줘, "go" (ㄱ,
# ㄱㄱ), or a polite ending (주세요, 해요, 부탁해요) at the end of a word.
# A request asked as a question of willingness ("해줄래?", "봐주실래요?") closes one too, and so does
# 좀 standing alone after the verb it softens ("restart 좀,").
IMPERATIVE_WORD = LazyPattern(
    r"(?:(?:[해려여워봐줘놔]요?|[ㄱᄀ]+|세요|십시오|해요|부탁\S*|(?<!\S)좀)[.!~,]*|(?:줄|주실)래요?[.!~?]*)$"
)


# A finite verb that states (declarative): a past or present form ("터졌어", "멈췄네", "에러가 나요"),
# or a reason ("높아서", "느리니까"). Only a clause with such a verb of its own is a remark: a word
# without one after the request ("배포해줘 운영에", "롤백해줘 두 단계") is the request's own, postposed.
STATEMENT_END = LazyPattern(
    rf"(?:[{_PAST_SYLLABLES}](?:어|다|네|음|어요|습니다|는데|지)?|(?:아|어|해|라|려|워)서|니까|거든요?|나요|네요"
    rf"|[가-힣](?:어요|아요)|[가-힣](?:네|다|음|임|움)"
    # The copula after a noun ("고친 버전이에요", "새 빌드예요", "핫픽스야"): what something is, stated.
    rf"|[가-힣](?:이에요|에요|예요|야|이고요|이거든요?)"
    # "-ㄴ 듯" (it seems): a guess about what is wrong ("memory leak 있는 듯").
    rf"|[가-힣]\s?듯(?:해|해요|합니다|함|요)?"
    # A verb nominalised by -ㅁ after an adverb of degree ("너무 튐", "계속 느림"): chat's statement.
    rf"|(?:너무|계속|자꾸|또|엄청|좀)\s+(?:[A-Za-z]+\s+)?[가-힣]{{0,2}}[{_M_FINAL_SYLLABLES}]"
    # The same -ㅁ on a verb of becoming (-지다, -되다) or on a noun's 하다 ("정확도 떨어짐", "연결 안됨", "용량
    # 부족함"), without the adverb: no noun ends so. Not the speaker's own asking ("부탁함", "요청함"), which asks.
    rf"|[가-힣](?:짐|됨)|[가-힣]{{2}}(?<!부탁)(?<!요청)함"
    # A verb negated by 안 ("안 돼", "안 열려"): what does not work, stated.
    rf"|(?<![가-힣])안\s+[가-힣]{{1,3}})[.!~…]*$"
)


# The progressive, declarative ("QA 기다리고 있어요", "사람들 보고 있음"): what someone is doing now. Also the
# bound noun 중 after a verb's -는 or after a noun, bare or with the copula ("늘리는 중", "재시작 중입니다",
# "검토중이에요", "롤백 중이라"): what is under way. Not a two-syllable word ending in 중 (집중, 도중, 존중).
PROGRESSIVE = LazyPattern(
    r"(?:[가-힣]고\s*있(?:어|다|음|네|어요|습니다)"
    r"|(?:[가-힣]는\s*|(?<=\S)\s+|(?<=[가-힣]{2}))중(?:이(?:야|다|고|며|라|라서|어서|니|니까|에요|예요)?|입니다|임|인데요?)?"
    r")[.!~]*$",
    needs=("있", "중"),
)


# A subject marked by 이/가 ("계산이", "push 가", "QA 팀이"): a request's subject is the listener and goes
# unsaid, so a clause whose verb has a subject of its own says what that subject does or is, even in
# the plain -어 form a request also takes ("계산이 틀려", "위치가 엉뚱하게 찍혀"). Adverbs ending in 이
# (같이, 많이, 빨리) mark nothing.
SUBJECT = LazyPattern(r"(?:(?<=[가-힣])(?<!같)(?<!많)(?<!깊)(?<!높)|(?<=[A-Za-z0-9] ))(?:이|가)\s", needs=("이", "가"))


# What asks, whatever comes before it: a request ending, a suggestion (-자), a question.
# Formal requests close in the first person's declarative ("바랍니다", "요청드립니다"), which asks all the same; so
# does a request or a proposal restated as the speaker's own ("로그 보여 달라는 말이야", "롤백하라는 거예요", "로그
# 먼저 보자는 거야").
ASKS = LazyPattern(
    r"(?:줘|주세요|주실래요?|줄래요?|주십시오|부탁\S*|요청\s?(?:드립니다|드려요|합니다|해요|드리겠습니다)"
    r"|(?:달라는|달란|(?<=하)라는|(?<=하)란|(?<=[가-힣])자는)\s?(?:거|것|겁|말)이?(?:야|에요|예요|입니다|이다|다|임|요)?"
    r"|바랍니다|바라겠습니다|해봐|하자|[가-힣]자|[ㄱᄀ]+|(?<!\S)좀)[.!~]*$|\?"
)


# What is read, named without a verb ("로그 100줄", "status", "파드 목록"): after a change or a read
# whose verb closed its clause, a piece naming one of these asks for it, its verb left out ("롤백하고
# 로그 100줄", "재시작하고 로그 ㄱ", "상태 확인하고 로그 50줄": two reads, each offered).
# A pod, a service or a deployment alone may be the change's object, so they are not among them.
_READ_THINGS = (kw.LOGS, kw.STRONG_STATUS, kw.LISTING, kw.COST, kw.ENDPOINT)


def names_a_read(piece: str) -> bool:
    norm = normalise(piece)
    return not mentions_an_operation(norm.words_compact) and any(thing.found_in(norm) for thing in _READ_THINGS)


_N_FINAL = frozenset(_N_FINAL_SYLLABLES)
# A question embedded in the past ("서비스 정보 바뀌었는지", "파드 다 떴는지", "반영됐나"): whether a change took place.
_EMBEDDED_PAST = LazyPattern(rf"[{_PAST_SYLLABLES.replace('있', '')}](?:는지|나)(?![가-힣])", needs=("는지", "나"))


def described_in_the_past(piece: str) -> bool:
    """What `piece` reads is described as a change left it: a question embedded in the past ("바뀌었는지 보여줘",
    "들어갔는지 확인"), or a past adnominal before the read's noun ("새로 찍힌 로그", "바뀐 설정 목록"; no
    determiner or adverb of order, no present 는). A time clause before such a read (an operation "후에", "하고
    나서") dates the state it describes: the operation was done, and is not asked for."""
    if _EMBEDDED_PAST.search(piece) is not None:
        return True
    words = piece.split()
    return any(past_adnominal(word) and names_a_read(after) for word, after in itertools.pairwise(words))


def past_adnominal(word: str) -> bool:
    """Whether a Korean word ends as a past adnominal does, describing the noun after it ("터진", "죽은",
    "배포한", "망가진"): a final ㄴ, not the present 는, and none of the words that only look so (determiners,
    nouns of time, adverbs of order)."""
    return word[-1] in _N_FINAL and word[-1] != "는" and "가" <= word[0] <= "힣" and word not in _NO_ADNOMINAL


# The joint of sequence after a change ("배포하고 나서", "롤백하고 나니까", "늘리고 난 뒤에", "재시작 후(에)",
# "배포한 뒤로", "롤백한 다음부터", "배포 이후"): what follows came after the change, so the change is told
# as a time, done. Matched where the clause of the change ends.
AFTER_A_CHANGE = LazyPattern(
    r"\s*(?:[고구]\s*(?:나서|나니까?|나자|난\s*(?:뒤|후|다음))|(?:뒤|후|다음|이후)(?:에|엔|로|부터|론)?(?![가-힣]))",
    needs=("나", "뒤", "후", "다음"),
)
# A question embedded in the present ("에러 나는지", "로그 어떤지", "파드 괜찮은지", "정상인지"): how things stand.
EMBEDDED_QUESTION = LazyPattern(rf"(?:는지|은지|인지|[{_N_FINAL_SYLLABLES}]지)(?![가-힣])", needs=("지",))


QUESTION_END = LazyPattern(r"(?:\?|[냐니까]|나요|지요|죠)[.!~\s]*$")
# A past finite ending closing the clause: declarative, background, hearsay ("하셨대요"), a reminder of what
# the hearer knows ("재시작해줬잖아": -잖아, you know), or a guess about what happened ("실수였나 봐").
# (있다 is no past: "뭐 있어", "돼있어" say what is.)
TOLD_PAST = _PAST_SYLLABLES.replace("있", "")
PAST_END = LazyPattern(
    rf"[{TOLD_PAST}](?:어|어요|다|음|네|네요|는데|는데요|더니|지만|습니다|대|대요|답니다|다고|었어|었는데|었다"
    r"|잖아|잖아요|잖습니까|잖니)?"
    rf"(?:[.!,~]|\s)*$|[{TOLD_PAST}]나\s?(?:봐|봐요|봄|보다|보네)[.!~]*$"
)


# A formal request ending ("보여 주십시오", "조회하여 주시기 바랍니다"): the clause asks, whatever
# subject it has.
FORMAL_REQUEST = LazyPattern(r"(?:주십시오|바랍니다|주시겠어요|주시겠습니까)[.!~?]*$", needs=("주십", "바랍", "주시겠"))


# The speaker giving or telling ("참고로 알려드려요", "말씀드립니다"): the humble 드리다 of the
# speaker's own act, no request (부탁드려요, 요청드립니다 and 감사드려요 aside: two ask, one thanks).
SPEAKER_TELLS = LazyPattern(r"(?<!부탁)(?<!요청)(?<!감사)드(?:려요|립니다|릴게요?|려)[.!~]*$", needs=("드",))


# Hearsay closing a clause ("못 늘린다던데", "배포한다더라", "재시작하면 안 된다고 하던데"): someone's word or
# a rule reported, which asks for nothing. clauses.py once also bound the plain -대 / -래 hearsay
# ("별점이 0으로 찍힌대") to this name; this later binding shadowed it for every reader.
HEARSAY = LazyPattern(
    r"(?:다|라)(?:던데|더라고?|는데|던가|더군)(?:요)?[.!,~]*$|(?:다|라)고\s?(?:하던데|하더라|들었|했는데|하네)[가-힣]*[.!,~]*$",
    needs=("다", "라"),
)


# "도", "같이", "too": the clause adds to what was asked before it, and replaces none of it.
# clauses.py once also bound a narrower pattern to this name ("로그도", "status 도": 도 after a syllable or
# a spaced Latin word); this later binding shadowed it for every reader, so this is the one in use.
ALSO = LazyPattern(r"[가-힣]도(?:\s|$)|같이|함께|\b(?:too|also|as\s+well)\b", re.IGNORECASE)


def asks_for_one_more(clause: str) -> bool:
    """Whether `clause` marks what it asks for with 도 (also): one more thing beside the clause before."""
    return ALSO.search(clause) is not None


# A wish (-고 싶어요): for an act or a read, it asks for it ("이전 로그를 확인하고 싶어요").
WISH = LazyPattern(r"고\s*싶(?:어|어요|습니다|은데|은데요|네요|다)[.!~]*$", needs=("싶",))
