"""The act a clause asks for, read from its predicate, not from the nouns it mentions.

- English: the imperative verb that opens the clause ("restore orders ...", "show the deploy config").
- Korean: the sentence-final predicate. A verb stem is the predicate when nothing but verb endings,
  auxiliaries and fillers follow it to the end of the clause ("복원해줘", "보여 줄래?", "재시작해
  주시겠어요?", "배포 ㄱㄱ"). So in "payments 배포 설정 좀 보여줄래?" the predicate is 보여줄래
  and 배포 is a noun, the object; in "orders 지난 배포로 복원해줘" it is 복원해줘.
- A stem with no ending after it ("web-app 배포") is still the predicate, but `explicit` is False:
  a noun-final command is likely, not certain.
- A question with no action stem is a read.

Creating resources is not an intent of the closed set: `Act.CREATE` lets the caller refuse it
with a reason instead of reading it as something else. Changing something (`Act.CHANGE`: 바꿔,
변경, modify) is a scale when a count is given, a deploy when an image is, and otherwise nothing
the platform does: "배포 설정 바꿔줘" never becomes a read of the settings. Stopping, cancelling,
holding, locking, postponing or switching off what the clause names (`Act.STOP`: 멈춰, 취소, 막아,
홀드, 잠가, 연기, 꺼, freeze, stop) is never the operation it acts on: "배포 멈춰줘" deploys nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from klepaas_nlp.rules.hangul import FINAL_N as _FINAL_N
from klepaas_nlp.rules.hangul import INFLECTED_VOWELS as _INFLECTED_VOWELS
from klepaas_nlp.rules.hangul import PAST as _PAST
from klepaas_nlp.rules.lazy import LazyAlternation, LazyPattern
from klepaas_nlp.rules.numbers import LATIN_NUMBER
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_TOKEN


class Act(StrEnum):
    DEPLOY = "deploy"
    SCALE = "scale"
    RESTART = "restart"
    ROLLBACK = "rollback"
    CREATE = "create"
    CHANGE = "change"
    STOP = "stop"
    READ = "read"
    NONE = "none"


MUTATION_ACTS = frozenset({Act.DEPLOY, Act.SCALE, Act.RESTART, Act.ROLLBACK})


@dataclass(frozen=True, slots=True)
class Predicate:
    act: Act
    explicit: bool = True
    """False when the act rests on a bare noun at the end, with no verb ending after it."""
    source: str = "none"
    """How the act was read (the reading path the confidence is calibrated on, see calibration.py):
    `english` (the opening imperative verb), `korean` (a final stem with its ending), `korean_bare`
    (a final stem with no ending), `korean_done` (a past or passive ending: a read), `korean_wondering`
    (a mutation asked about), `korean_but` (a stem before the concessive -되, whose clause adds to it),
    `question` (a question with no action stem), `condition`, `unknown_verb`
    (a verb ending after a stem no act is known for), `none` (a noun phrase)."""


# Syllables of Korean verb endings, auxiliaries (주다, 보다, 놓다, 드리다), honorifics, question
# endings and fillers (좀, 부탁, ㄱㄱ). Only what follows a stem is read against this set.
_ENDING = (
    # A particle between an action noun and the light verb 하다 ("재시작도 해줘", "배포를 해 주세요",
    # "롤백이라도 해줘").
    # "…해 주시면 감사하겠습니다" asks politely; "재시작 돌려줘" runs the operation its noun names.
    # Formal Korean asks with the written -하여 and 주시기 바랍니다 / 요청드립니다 ("롤백하여 주시기 바랍니다",
    # "재시작을 요청드립니다"); an act noun is the object of a verb of carrying it out ("배포를 진행하여",
    # "분석을 실시하여": 진행, 실시, 수행), which adds nothing to the act.
    # Leave asked for ("배포해도 될까요?", "재시작해도 괜찮을까요?") asks for the act, not sure (korean_wondering).
    r"(?:please|pls|plz|now|asap|down|up|같이|함께|도돼|도되|도될|도됨|도괜찮"
    # The nouns of asking after an act noun ("재시작 부탁", "배포 요망", "롤백 희망") ask for it as 요청 does.
    r"|(?:[을를도은는만]|이?라도)(?=(?:같이|함께|좀|우선|즉시)?(?:[하해할합]|진행|실시|수행|적용|요청|부탁))|[0-9]+|부탁|요청|요망|희망"
    # 적용 (apply) carries out the update it follows as 진행 does ("업데이트 적용 부탁드립니다").
    r"|진행|실시|수행|적용"
    # "재시작 한 번 더 해줘": once more, as "다시" asks it again.
    r"|(?<=하)여|바(?=[라랍람래])|감사|좀|빨리|당장|즉시|바로|지금|얼른|한\s?번(?:만?\s?더)?|다시"
    # "배포 한 번 돌리자", "재시작 돌려 보자": 돌리다 runs it, asked or proposed in any of its request endings.
    r"|돌려(?=줘|주|줄|봐|보|볼|달)|돌리(?=자|죠|세요|십시오|시죠)|돌립시다"
    # The obligation -아야 되다 as the background of a request ("재시작해야 되는데 해줄 수 있어?"); alone
    # ("재시작해야 돼?") it asks whether, which is read elsewhere.
    r"|(?<=야)되(?=는데)"
    # So is the wish -고 싶다 ("재시작하고 싶은데 해줄 수 있어?", "늘리고 싶은데 가능할까요?").
    r"|(?<=싶)은(?=데)"
    # and the wish restated as what the speaker is after ("재시작하고 싶은 거야", "롤백하고 싶은 거예요"), as a
    # request is restated below; never the wish denied ("…싶은 거 아니야", set aside in korean_roles).
    r"|(?<=싶)은(?:거|것|겁)(?!아[니닙녜냐])이?(?:야|에요|예요|입니다|이다|다|임|요)?"
    # The negation of a question that asks: "재시작하면 안 될까요?", "롤백해주면 안 돼?", "재시작 안 해줄래?",
    # "배포 안 해주시겠어요?" (won't you?); "…하면 안 돼." (it must not be done) states, and is not read here.
    r"|(?<=면)안(?:될|되|돼)(?=까|겠|나|냐|니|요?\?)|안(?=해?(?:줄래|주실래|주시겠|주겠|줄수))"
    # The double negative "재시작 안 하면 안 돼" (it must be done, "안 하면 안 돼, 해줘") asks for the act.
    r"|안하면(?:절대로?)?안(?:돼|되|됩니다|됨)"
    # "늘려주시면 좋겠네요": the exclamative -네 after a wish's -겠.
    r"|(?<=겠)네"
    # Insisting on what was asked ("재시작해 달라니까", "늘려 달라니깐요"): 달라 is the giving auxiliary, quoted.
    r"|달(?=라니까|라니깐)"
    # or closing on the quoting -고 ("배포해 달라고", "재시작해 달라고요"): what I said is "do it"; never
    # before a verb of saying, which reports someone's request ("배포해 달라고 했대").
    r"|달라고요?(?=[.!~]*$)"
    # Restating what is asked ("롤백해 달라는 거야", "재시작하라는 말이에요"): the request quoted as the speaker's own,
    # the bound noun and its copula closing the clause.
    r"|(?:달라는|달란|(?<=하)라는|(?<=하)란)(?:거|것|겁|말)이?(?:야|에요|예요|입니다|이다|다|임|요)?"
    r"|[하해했할함합한시켜키진행줘줄주세요십오겠실드려릴립리봐볼보놔놓라래자죠지까나냐니다어아야습게고싶있을수로"
    r"ㄱ-ㅎㅠㅜ\u1100-\u11ff거든용쇼셈임음기람랍면좋는데됨용가능으맙]|[!?~.,^]|\s)*"
)
# What follows a condition's -면 when the two ask together ("재시작하면 안 될까요?", "롤백해주면 안 돼?"):
# a question about whether not doing it is possible is the polite form of asking for it.
ASKING_NEGATION = r"안\s*(?:될\s*까|되\s*(?:겠|나|냐|니)|(?:돼|되)\s*요?\s*\?)"
# What follows -면 when the two forbid ("재시작하면 안 돼요", "배포하면 안 됩니다", "롤백하면 절대 안 돼"):
# "it must not be done" states a prohibition, asks for nothing, and is no condition either (the
# question form, "안 돼?" / "안 될까요?", is ASKING_NEGATION's and comes first).
FORBIDDING_NEGATION = r"(?:절대(?:로)?\s*)?안\s*(?:돼|되|됩|된다|됨)(?![가-힣]*\s*\?)"
_AFTER_A_NUMBER = r"(?:(?<=[0-9])|(?<=[한두세네섯곱덟홉열몇])|(?<=스무)|(?<=하나)|(?<=[둘셋넷]))"
_KOREAN_STEMS: tuple[tuple[Act, str], ...] = (
    # Order matters only between stems that start at the same place ("다시 띄워" restarts).
    (
        Act.RESTART,
        # 다시 before a Sino-Korean verb of starting ("다시 기동", "다시 가동") spells out the 재- of 재기동, 재가동.
        r"재시작|재가동|재기동|(?:다시|새로)(?:시작|기동|가동)|다시켜|다시띄워|다시올려"
        r"|(?:껐|내렸|멈췄)다(?:가)?(?:다시)?(?:켜|올려|띄워)|리스타트|재부팅|리부트|재실행|restart|reboot|bounce|recycle",
    ),
    # "이전 걸로 돌려", "원래대로 돌려": 돌려 with where it goes back to; "배포한 거 취소" undoes a deploy.
    (
        Act.ROLLBACK,
        r"롤백|되돌[려리아린릴렸]|되감[아기]|복원|복구|원복|원상복구|돌려(?:놔|놓)|rollback|revert"
        r"|(?:이전|예전|지난|저번|아까|그전|옛|원래|직전|전|previous|prior|earlier|older|old|last)[가-힣a-z0-9]{0,8}(?:로|대로)"
        r"(?:돌(?:[려리]|아가)|되살[려리])"
        # "커밋 9f3ab21 시점으로 돌아가줘": back to a point in the app's history.
        r"|(?:시점|버전|커밋|리비전|릴리[즈스])(?:으로|로)(?:돌(?:[려리]|아가)|되살[려리])|(?:배포|릴리[즈스]|업데이트|반영)[가-힣]{0,3}취소"
        # "5d8a0f3으로 돌려": back to a commit written by its id (hex with a letter and a digit).
        r"|(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}(?:으로|로)(?:돌(?:[려리]|아가)|되살[려리])"
        # "한 버전 전으로 빽해줘": 빽 is the chat spelling of "back".
        r"|빽"
        # "한 버전 뒤로", "두 단계 전으로": so many versions back, the direction said for the verb.
        r"|(?:버전|단계|스텝|릴리[즈스])(?:만)?(?:뒤로|전으로|이전으로)(?:돌(?:[려리]|아가)|되돌[려리아]|되감[아기]|되살[려리])?",
    ),
    (
        Act.SCALE,
        # 키우다 grows the count as 늘리다 does ("8개까지 키워줘").
        # "8개로 올리고": raising to a count is scaling ("스테이징에 5개로 올려" puts it up in a place: a deploy).
        # A counter (개, 대) counts only after a number: "3대로", "세 대로"; 대로 after a noun is the
        # particle "as" ("원래대로 해줘", "그대로"), no count.
        rf"{_AFTER_A_NUMBER}(?:개|대)로(?:올[려리]|내[려리])|늘[려리린릴렸여]|키[워우운울웠]|줄[여이인일였]|낮[춰추춘출췄]"
        rf"|높[여이인일였]|스케일(?:링|업|다운|아웃|인)?|증설|축소|확장|조정|조절|맞춰"
        rf"|{_AFTER_A_NUMBER}(?:개|대)로(?:유지|고정)|{_AFTER_A_NUMBER}(?:개|대)로"
        # "3개가 되게 해줘", "다섯 대 되도록": a count the app is made to become is the count it goes to.
        rf"|{_AFTER_A_NUMBER}(?:개|대)(?:가|이)?되(?:게|도록)"
        # Keeping only so many running: "두 개만 돌려", "3대만 유지해", "하나만 남겨".
        r"|(?:개|대|하나|둘|셋|넷)만(?:남[겨기]|돌[려리]|유지|띄워|살려)"
        # Made to keep only so many running, a verb of running under -게 하다 ("1개만 돌게 해줘", "두 대만 뜨게",
        # "셋만 떠 있게 만들어", "2개만 돌아가도록").
        r"|(?:개|대|하나|둘|셋|넷)만(?:돌|뜨|떠있|돌아가|실행되|살아있|켜져있|남)(?:게|도록)"
        # "scale out 해줘": the English verb with its particle, as 스케일아웃 is.
        r"|scale(?:up|down|out|in)?",
    ),
    # 깔다 is the everyday "install" of an app ("개발 환경에 깔아줘"); 박다 (drive in) its slang, only
    # with the place it goes into ("스테이징에 박아줘").
    # "최신 코드로 다시 올려": up again from newer code is a redeploy; bare "다시 올려" restarts (above).
    # The stem before -고 ("스테이징에 X 올리고 로그 확인"): the same act, the first of two.
    (
        Act.DEPLOY,
        r"(?:최신|새|latest|new)[가-힣a-z]{0,6}(?:으로|로)다시(?:올려|띄워)|배포|디플로이(?!먼트)|릴리[즈스]|출시|내보내|올려|띄워|(?:올리|띄우)(?=고|$)|업데이트|반영|깔[아았]|에박[아았]|deploy|release"
        # An update or a newer version applied ("update 적용", "새 버전 적용해줘"): 적용's object is deployed.
        r"|(?:update|새버전|최신버전|신버전)(?:을|를)?(?=적용)",
    ),
    # Buying something (a domain, a certificate) acquires a new thing, which no intent does either; so
    # does providing, building or opening one (마련, 구축, 개설: "전용 DB를 마련해 주세요").
    (
        Act.CREATE,
        r"만들|생성|설치|추가|마련|구축|개설|구매|구입|사(?:줘|와|다\s?줘|주세요|줄래)|create|install|\bbuy\b|purchase",
    ),
    (Act.CHANGE, r"바꿔|바꾸|바꿀|변경|수정|고쳐|change|modify|edit"),
    # Cancelling anything but a deploy (롤백 취소, 작업 중단) is no act of the closed set either, nor is
    # stopping, holding, locking, postponing or switching off what the clause names: with an operation's
    # noun as its object ("배포 멈춰줘", "배포 막아줘", "재시작 스톱", "배포 잠가줘", "배포 락 걸어줘", "자동 배포
    # 꺼줘", "배포 연기해줘") the verb acts on the operation, which is never asked to run, whatever count or
    # image the clause names. Not before -고 / -다 (a first step: "끄고 다시 켜", "멈췄다 다시 올려" restart),
    # nor the state -어 있다 ("멈춰 있어요"); 꺼 only with a request's ending (the bound noun 꺼, "이전꺼
    # 보여줘", "live-ops꺼", is no verb).
    (
        Act.STOP,
        r"취소|중단|cancel|abort"
        r"|(?:멈[춰추춥]|막[아으]|끄(?=[자세시십]|ㄹ)|꺼(?=줘|주[세시십]|줄|달|놔|놓|둬|두|버려|요)|잠[가궈그]"
        r"|(?:락|잠금|lock)(?:을|를)?걸|홀드|스톱|스탑|정지|중지|동결|연기|hold|stop|freeze|pause|lock)(?![고다있])",
    ),
    (
        Act.READ,
        r"보여|보이|알려|확인|조회|체크|점검|찾아|뽑아|출력|검색|모니터링|지켜봐|살펴|분석|예측|나열|요약|설명|말해|읊어"
        # "-ㄹ까 봐" is fear or intent ("못 받을까 봐", "재시작할까 봐요"), never "look".
        r"|어때|어떰|어떻|어떤|뭐|뭔|무엇|몇|궁금|얼마|괜찮|정상|살아|떠있|돌아가|있|없|(?<!까)봐|보자|볼래|볼수"
        # A clause cut before its connective ("로그 보고 …") ends on the bare stem 보.
        r"|보$|watch|check|show|monitor"
        # V-고 싶다 (want to V): "보고 싶어", "알고 싶습니다" ask to see or to know.
        r"|보고싶|알고싶"
        # "주소 줘": give me, at the very end, asks for what it names.
        r"|(?<![가-힣])줘|^줘",
    ),
)
# The words every match of an act's stems holds (proven by tests/functions/nlp/regex_needs.py):
# the stems are read act by act, so a command compiles only the acts whose words it holds. Reading
# names none: its stems (보, 있, 뭐, 줘, ...) are in nearly every command.
_STEM_NEEDS: dict[Act, tuple[str, ...]] = {
    Act.RESTART: (
        "restart", "reboot", "bounce", "recycle",
        "다시", "새로", "리스타트", "리부트", "재가동", "재기동", "재부팅", "재시작", "재실행",
        "껐다", "내렸다", "멈췄다",
    ),
    Act.ROLLBACK: (
        "rollback", "revert", "리비전", "돌려", "되돌", "되감", "롤백", "릴리", "버전", "복구", "복원", "시점", "원복",
        "취소", "커밋", "로", "빽",
    ),
    Act.SCALE: (
        "scale", "스케일", "키", "만남", "만돌", "만유", "만띄", "만살", "맞춰", "조절", "조정", "증설", "축소", "확장",
        "만뜨", "만떠", "만실", "만켜",
        "늘", "로", "줄", "낮", "높", "되게", "되도록",
    ),
    Act.DEPLOY: (
        "deploy", "release", "디플로이", "업데이트", "내보내", "띄워", "릴리", "반영", "배포", "올려", "출시", "깔",
        *("에박", "올리", "띄우"),
        *("update", "새버전", "최신버전", "신버전"),
    ),
    Act.CREATE: (
        "install", "create", "만들", "생성", "설치", "추가", "마련", "구축", "개설", "구매", "구입", "사",
        "buy", "purchase",
    ),
    Act.CHANGE: ("change", "modify", "edit", "고쳐", "바꾸", "바꿀", "바꿔", "변경", "수정"),
    Act.STOP: (
        *("cancel", "abort", "중단", "취소"),
        *("멈", "막", "끄", "꺼", "잠", "걸", "홀드", "스톱", "스탑", "정지", "중지", "동결", "연기"),
        *("hold", "stop", "freeze", "pause", "lock"),
    ),
}  # fmt: skip
_STEM = LazyAlternation(*(LazyPattern(stems, needs=_STEM_NEEDS.get(act, ())) for act, stems in _KOREAN_STEMS))
_STEM_ACTS = tuple(act for act, _ in _KOREAN_STEMS)
_TAIL = LazyPattern(_ENDING + r"$")


def _has_ending(tail: str) -> bool:
    """Whether the words after a stem hold a Hangul letter or a "please" (plz, pls): a character
    class over the 11,172 syllables costs the regex compiler ~0.5 ms, this loop a few µs."""
    if "please" in tail or "pls" in tail or "plz" in tail:
        return True
    return any("가" <= letter <= "힣" or "ㄱ" <= letter <= "ㅎ" or "\u1100" <= letter <= "\u11ff" for letter in tail)


# A name ("release-api", "K-Le-PaaS/test01", "shop:1.2") is never a verb, whatever words it contains.
NAME_LIKE = LazyPattern(r"[A-Za-z0-9]+(?:[-_./:@][A-Za-z0-9]+)+", needs=("-", ".", "/", ":", "@", "_"))

# The frame a request opens with, before its verb.
_FRAME_SOURCE = (
    # "would you mind if we roll back X?": leave asked for (see below), before "would you mind" asks for a favour.
    r"(?:(?:(?:(?:do|would) you )?mind if (?:i|we)"
    # Ordinals enumerate the requests ("first restart X, second show its logs"): each opens one.
    r"|please|pls|plz|kindly|hey|hi|hello|yo|ok|okay|so|now|just|quickly|also|then|and|first|firstly|next"
    r"|second|secondly|third|thirdly|lastly|finally|after that|afterwards|can you|could you"
    # "would you mind to roll back X": the infinitive some writers put after "mind" asks as the gerund does.
    r"|would you mind to|do you mind to|would you mind|do you mind|would you please|could you please|can you please"
    r"|would you|will you|can u|could u|i want to|i'd like to|i would like to|i need to|i need you to|let's|lets"
    r"|go ahead and|try to|help me|you should|we need to"
    # A hedge before the verb ("maybe just bump X to 3?", "perhaps restart X") offers the act as it asks it, and
    # leave asked for it asks for it ("could we roll back X?", "is it ok to restart X?", "mind if I deploy X?"), as
    # "배포해도 될까요?" does; whether it is safe or should be done asks about it (no frame of these).
    r"|maybe|perhaps|(?:can|could|may) (?:i|we)"
    r"|(?:is it|would it be) (?:ok|okay|fine|alright|all right) (?:to|if (?:i|we))"
    # "could someone restart X?", "can anybody roll back X": a request put to whoever reads it.
    r"|(?:can|could|would|will) (?:someone|somebody|anyone|anybody|one of you)(?: please)?"
    # A request whose negation or reminder belongs to the asking, not to the act: "can't you just restart
    # X?", "couldn't you roll back X?", "why don't you deploy X?", "make sure to / be sure you restart X",
    # "don't forget to scale X", "remember to deploy X", "shall we roll back X?" (a proposal, as let's).
    r"|(?:can['’]?t|cannot|couldn['’]?t|won['’]?t|wouldn['’]?t) (?:you|u)"
    r"|why (?:don['’]?t|do not) (?:you|u|we)|why not"
    r"|(?:make|be) sure (?:that )?(?:to|you|u)|(?:don['’]?t|do not|never) forget to|remember to|shall we"
    # The polite frames that ask the hearer to do what the verb after them says: "might I ask you to redeploy X",
    # "I would be much obliged if you could show …", "would you be so kind as to restart X". The frame's words
    # say how the act is asked, never what it is or what it is done to.
    r"|(?:might|may|could|can) i (?:please )?ask (?:you|u) to"
    r"|i(?:['’]d| would) be (?:(?:much|very|most|really|so|truly|ever so|eternally) )?(?:obliged|grateful|thankful)"
    r" if (?:you|u) (?:could|would|can|will|might)(?: please| kindly)?"
    r"|(?:would|could|will) (?:you|u) be so kind as to|be so kind as to)\s+"
    # A label before a colon or a bracket names the step, it is no subject: "next step: roll back X",
    # "step 2: show the pods", "plan for tonight: deploy X", "1) restart X", "(a) scale Y", "after that, show Z".
    r"|(?:(?:the\s+)?(?:next|first|second|third|final|last|main)\s+)?(?:step|task|action|item|plan|todo|to-do)s?"
    r"(?:\s+(?:\d{1,2}|one|two|three|for\s+(?:today|tonight|tomorrow|now|later|this\s+\w+)))?\s*:\s+"
    r"|(?:today|tonight|tomorrow|now|first|then|next|finally|after\s+that|afterwards)\s*[:,]\s+"
    r"|\(?(?:\d{1,2}|[a-c])\)\s+|\d{1,2}\.\s+(?=[a-z]))*"
)
_PREFIX = LazyPattern("^" + _FRAME_SOURCE)
# The same frame wherever a clause opens in a longer text (request_frame).
_FRAME = LazyPattern(_FRAME_SOURCE)
# The article and the manner words between a light verb and the operation's noun ("kick off a fresh deploy of X",
# "do a quick rollback", "trigger a rolling restart").
_BEFORE_THE_NOUN = r"(?:(?:a|an|the|new|fresh|quick|full|clean|another|rolling)\s+)*"
_ENGLISH_VERBS: tuple[tuple[Act, LazyPattern], ...] = (
    # "make more pods for X", "add extra replicas to X", "need fewer instances of X": copies made more or fewer
    # are a scale, its count not said (so it is asked), never a new thing created.
    (
        Act.SCALE,
        LazyPattern(
            r"(?:make|add|get|need|give|run|spin\s+up)\s+(?:\S+\s+)?(?:more|fewer|less|extra|additional)\s+"
            r"(?:pods|replicas|instances|copies)\b",
            needs=("more", "fewer", "less", "extra", "additional"),
        ),
    ),
    (
        Act.CREATE,
        LazyPattern(
            # Buying (a domain, a certificate) acquires a new thing, as 구매 does in Korean.
            r"(?:create|install|provision|add|buy|purchase|(?:make|set up|setup|spin up|register) (?:a |an )?new)\b",
            needs=("provision", "purchase", "install", "create", "add", "buy", "new"),
        ),
    ),
    # A light verb with an action noun asks for that action: "run a deployment of X", "do a rollback".
    (
        Act.DEPLOY,
        LazyPattern(
            rf"(?:run|do|perform|trigger|start|kick off|initiate)\s+{_BEFORE_THE_NOUN}(?:re)?deploy(?:ment)?\b",
            needs=("deploy",),
        ),
    ),
    # "get the latest web code running in staging": newer code made to run is a deployment.
    (
        Act.DEPLOY,
        LazyPattern(
            r"get\s+(?:the\s+|our\s+)?(?:newest|latest|new)\s+(?:\S+\s+){0,3}?(?:running|live|out|up)\b",
            needs=("newest", "latest", "new"),
        ),
    ),
    # "get X live on production", "put the latest main of X out on staging": a verb of placing whose object is made
    # live, or put out into an environment, is deployed there. The particle closes the object's phrase ("get the
    # live logs" reads them), and a question word is no object ("get what's live on prod").
    (
        Act.DEPLOY,
        LazyPattern(
            r"(?:get|put)\s+(?!(?:what|what's|whats|which|who|whatever|everything|anything|me|us)\b)(?:\S+\s+){1,6}?"
            r"(?:live(?=\s*(?:$|[,.!;?])|\s+(?:on|in|to|into|at|for|now|asap|please|today)\b)"
            r"|out\s+(?:on|to|in|into)\s+(?:the\s+)?(?:staging|stage|stg|production|prod|prd|development|dev)\b)"
            # "put the new X on production": a newer version of the app put into an environment.
            r"|put\s+(?:the\s+|our\s+)?(?:new|newest|latest)\s+(?:\S+\s+){1,3}?(?:on|to|in|into)\s+(?:the\s+)?"
            r"(?:staging|stage|stg|production|prod|prd|development|dev)\b",
            needs=("live", "out", "new", "latest"),
        ),
    ),
    # "apply the update to X", "apply the new version": a newer version applied to the app is deployed.
    (
        Act.DEPLOY,
        LazyPattern(
            r"apply\s+(?:the\s+|this\s+|that\s+|our\s+)?(?:new\s+|newest\s+|latest\s+)?"
            r"(?:updates?|upgrades?|versions?|releases?|builds?)\b",
            needs=("apply",),
        ),
    ),
    # "put the old version of X back", "put back the previous release": an older version put back in place.
    (
        Act.ROLLBACK,
        LazyPattern(
            r"put\s+(?:back\s+)?(?:the\s+|its\s+|our\s+)?(?:old|older|previous|prior|earlier|last)\s+"
            r"(?:versions?|releases?|builds?|one)\b",
            needs=("put",),
        ),
    ),
    # "bring X to development environment", "put the new X to staging", "take X onto prod": a verb of placing whose
    # object (one name, after its determiners) goes to an environment deploys it there; a particle or any longer
    # phrase ("bring up the logs on prod", "take a look at X on prod", "bring X back to …") is another verb's.
    (
        Act.DEPLOY,
        LazyPattern(
            r"(?:put|bring|take)\s+(?:(?:the|our|my|this|that|new|latest|newest)\s+)*"
            r"(?:it|§|[a-z0-9]+(?:[-_.][a-z0-9]+)*)\s+(?:to|onto|into|on)\s+(?:the\s+)?"
            r"(?:staging|stage|stg|production|prod|prd|development|dev)(?![\w-])",
            needs=("staging", "stage", "stg", "prod", "prd", "dev"),
        ),
    ),
    (
        Act.ROLLBACK,
        LazyPattern(
            rf"(?:run|do|perform|trigger|start|kick off|initiate)\s+{_BEFORE_THE_NOUN}roll ?back\b",
            needs=("roll",),
        ),
    ),
    (
        Act.RESTART,
        LazyPattern(
            rf"(?:run|do|perform|trigger|kick off|initiate)\s+{_BEFORE_THE_NOUN}restart\b",
            needs=("restart",),
        ),
    ),
    # "bring X back to two versions ago", "take X back to the last release": back to a version.
    # "Back to normal" is a state to return to, never a version.
    (
        Act.ROLLBACK,
        LazyPattern(
            r"(?:bring|take|put|get)\s+\S+\s+back\s+(?:to\b(?!\s+(?:normal|usual)\b)"
            # "put X back on the build before this one": back on a version its noun names.
            r"|on\s+(?:the\s+|its\s+|an?\s+)?(?:\S+\s+){0,2}?(?:build|version|release|revision|image|commit)s?\b)",
            needs=("to", "on"),
        ),
    ),
    (
        Act.ROLLBACK,
        LazyPattern(
            r"(?:cancel|undo|abort) (?:the |my |our |this )?(?:last |latest |recent )?(?:deploy|release|rollout)"
            # "rollout undo" (kubectl's word order): the rollout undone, never one more rollout.
            r"|(?:rollout|deploy(?:ment)?|release) undo\b",
            needs=("cancel ", "abort ", "undo"),
        ),
    ),
    (Act.CHANGE, LazyPattern(r"(?:change|modify|edit)\b", needs=("change", "modify", "edit"))),
    # Cancelling, stopping, freezing, holding or locking a change ("freeze deploys for X", "halt the rollout
    # of X") acts on it and never runs it ("hold on" and "hold off" are other verbs).
    (
        Act.STOP,
        LazyPattern(
            r"(?:cancel|abort|stop|pause|freeze|halt|suspend|postpone|disable|lock|hold(?!\s+(?:on|off|up|back)\b))\b",
            needs=(
                "cancel",
                "abort",
                "pause",
                "stop",
                "freeze",
                "halt",
                "suspend",
                "postpone",
                "disable",
                "lock",
                "hold",
            ),
        ),
    ),
    (
        Act.ROLLBACK,
        LazyPattern(
            r"(?:roll(?:ing)? ?back|rollback|revert(?:ing)?|undo|restore|go back)\b|roll\s+\S+\s+back\b",
            needs=("go back", "restore", "revert", "roll", "undo"),
        ),
    ),
    (
        Act.RESTART,
        LazyPattern(
            # "kick the worker": a kick starts a stuck thing again; "kick off" begins something new.
            r"(?:restart|reboot|bounce|recycle|cycle|re-start|rolling restart|roll ?out restart|kick(?!\s+off\b)"
            r"|bring\s+(?:\S+\s+)?back\s+(?:up|online)"
            # "turn X off and on again", "switch it off and back on", "power-cycle X": an idiom of a restart.
            r"|(?:turn|switch|power|flip)\s+(?:\S+\s+){0,3}?off\s+and\s+(?:then\s+)?(?:back\s+)?on|power[\s-]?cycle)\b",
            needs=("re-start", "restart", "bounce", "reboot", "cycle", "back", "roll", "kick", "off"),
        ),
    ),
    (
        Act.DEPLOY,
        LazyPattern(
            r"(?:re)?deploy\b|promote\b|ship\b|release\b|launch\b|roll ?out\b|publish\b|push\b",
            needs=("publish", "release", "deploy", "promote", "launch", "push", "ship", "out"),
        ),
    ),
    # "bring down web to 1", "dial web up to 5", "ramp up web to 8 replicas": a phrasal verb of degree
    # with the count it goes to is a scale (with no count, "bring web back up" restarts).
    (
        Act.SCALE,
        LazyPattern(
            r"(?:bring|take|dial|turn|ramp|crank|knock|wind|drop|cut|spin|scale)\s+(?:\S+\s+)?(?:up|down|in|out)\s+"
            rf"(?:\S+\s+)?(?:to|at)\s*{LATIN_NUMBER}",
            needs=("to", "at"),
        ),
    ),
    # "drop web to one replica", "cut it back to 2 instances", "trim X down to 3 pods": a verb of degree
    # whose goal is a count of copies is a scale, with no particle too.
    (
        Act.SCALE,
        LazyPattern(
            r"\b(?:drop|cut|trim|bring|take|knock|dial|pare|wind)\s+(?:\S+\s+)?(?:back\s+|down\s+)?to\s*"
            rf"{LATIN_NUMBER}\s*(?:replicas?|instances?|pods?|copies)\b",
            needs=("to",),
        ),
    ),
    # "spin up web on dev", "fire up web in staging": something brought up where it was not is deployed;
    # with a count ("spin up 3 more web pods", "spin web up to 4") the count is what goes up: a scale.
    (
        Act.DEPLOY,
        LazyPattern(
            r"(?:spin|fire|stand)\s+up\b(?!.*(?:(?<![\w-])\d+(?![\w-])|\b(?:one|two|three|four|five|six|seven|eight|nine"
            r"|ten|more|fewer|extra|another|replicas?|instances?|pods|copies)\b))",
            needs=("up",),
        ),
    ),
    (
        Act.SCALE,
        LazyPattern(
            # "double X", "halve the replicas of X": a factor applied to the count, which the rules do not
            # compute, so the count is asked for ("double-check" and "double click" check and click).
            r"(?:scale|increase|decrease|bump|resize|reduce|raise|lower|grow|shrink|spin"
            r"|double|triple|quadruple|halve)\b(?![\s-]*(?:check|click|confirm|verify|tap)\b)",
            needs=(
                "double",
                "triple",
                "quadruple",
                "halve",
                "decrease",
                "increase",
                "reduce",
                "resize",
                "shrink",
                "lower",
                "raise",
                "scale",
                "bump",
                "grow",
                "spin",
            ),
        ),
    ),
    # "give web a restart", "do a quick rollback of web": a light verb whose object is an operation's
    # noun asks for that operation; a noun after it ("give me a deploy summary") heads the object instead.
    *(
        (
            act,
            LazyPattern(
                rf"(?:give|do)\s+(?:\S+\s+)?(?:a|an)\s+(?:\w+\s+)?(?:{nouns})(?=\s*(?:$|[?.!,;])|\s+(?:of|for|on|to|please|now)\b)",
                needs=tuple(nouns.split("|")),
            ),
        )
        for act, nouns in (
            # "give web a fresh start": a start given to something already there starts it again.
            # "give web a kick", "a nudge": the push that starts a stuck thing again.
            # "give X a refresh": what a reader does to a stuck page, done to the app, starts it again.
            (Act.RESTART, "restart|reboot|bounce|start|kick|nudge|recycle|refresh"),
            (Act.ROLLBACK, "rollback|revert"),
            (Act.DEPLOY, "redeploy|deploy"),
        )
    ),
    # "make it 5", "make web 3 again": an app or its count made a bare number, closing the clause. What the
    # platform makes a number of is copies; any other value ("make it 5pm", "make it 2.1") is no bare number.
    # So is one brought down or up to a number ("bring it back down to 3", "take web up to 6").
    (
        Act.SCALE,
        LazyPattern(
            rf"(?:make\s+(?:it|that|them|§|[a-z][\w./-]*)|(?:bring|take|get)\s+(?:it|that|them|§|[a-z][\w./-]*)"
            rf"\s+(?:back\s+)?(?:down|up)\s+to)\s+{LATIN_NUMBER}(?![.:]\d)"
            r"(?=\s*(?:$|[.!,;]|(?:again|now|please|pls|instead|then|too|as\s+well|today|asap|for|in|on)\b))",
            needs=("make", "down", "up"),
        ),
    ),
    # "make web 5 pods", "give web 2 more replicas": a plain verb whose object is a count with its counter.
    # "run web on 7 copies", "get web to 7 copies": the count it runs on, or is brought to, is the goal ("get me
    # web's pods" gets the pods, a read: "get" sets a count only with its "to").
    (
        Act.SCALE,
        LazyPattern(
            r"(?:(?:make|give|set|run|keep)\s+\S+\s+(?:at\s+|to\s+|on\s+)?|get\s+\S+\s+to\s+)\S+\s+(?:more\s+|fewer\s+)?"
            r"(?:pods|replicas|instances|copies)\b",
            needs=("instances", "replicas", "copies", "pods"),
        ),
    ),
    # "web replicas make 3", "api instances set to 4": the count's noun first, then the verb giving its value.
    (
        Act.SCALE,
        LazyPattern(
            rf"\S+\s+(?:replicas?|instances?|copies)\s+(?:make|set)\s+(?:it\s+)?(?:to\s+|at\s+)?{LATIN_NUMBER}",
            needs=("replica", "instance", "copies"),
        ),
    ),
    # "set web replicas to 3", "set the number of web pods to 6": a count of copies given its value
    # by a plain verb. The value must be a number: "set web pods to debug" sets something else.
    (
        Act.SCALE,
        LazyPattern(
            r"(?:set|change|adjust|update|bring|make)\s+(?:\S+\s+){0,4}?(?:replicas?|instances?|pods?|copies)"
            rf"(?:\s+(?:count|number))?\s+(?:\S+\s+){{0,2}}?(?:to|at|=)\s*{LATIN_NUMBER}",
            needs=("replica", "instance", "pod", "copies"),
        ),
    ),
    (
        Act.READ,
        LazyPattern(
            r"(?:show|list|enumerate|get|display|tell|give|describe|check|view|see|fetch|print|watch|monitor|find|inspect"
            r"|pull up|open|summari[sz]e|explain|tail|count|verify|confirm|what|what's|whats|how|how's|where|which|who"
            r"|when|why|is|are|was|does|do|did|any|has|have|help)\b",
            needs=(
                "describe",
                "enumerate",
                "pull up",
                "confirm",
                "explain",
                "inspect",
                "monitor",
                "summari",
                "verify",
                "check",
                "count",
                "fetch",
                "print",
                "watch",
                "where",
                "which",
                "find",
                "give",
                "have",
                "help",
                "open",
                "tail",
                "tell",
                "view",
                "what",
                "when",
                "any",
                "are",
                "did",
                "get",
                "has",
                "how",
                "see",
                "was",
                "who",
                "why",
                "do",
                "is",
            ),
        ),
    ),
)


# "rollback options for web-app", "deploy history": the word that looks like a verb heads a noun phrase.
# In a mixed clause a Korean noun or an adnominal ending after it does the same: "deploy 목록 보여줘",
# "rollout 된 디플로이먼트 목록" (된 makes the verb describe the noun after it).
_NOUN_HEADS = LazyPattern(
    r"\s*(?:(?:history|options|list|status|logs?|candidates|targets|versions|points|info|details|config|settings"
    r"|count|state|plan|records?)\b"
    # "rollback 후보 list", "deploy 대상 목록", "rollback 가능한 시점": what the operation may act on or go to.
    r"|(?:목록|리스트|이력|기록|내역|히스토리|현황|상태|결과|여부|설정|정보|상세|된|한|중인|됐|했|되었|되어"
    r"|후보|대상|시점|지점|가능한"
    # "deploy 앱 상태", "restart 서비스 로그": before an app's kind word the word is the app's name.
    r"|앱|서비스|애플리케이션|어플리케이션|어플)"
    r"(?![가-힣]*(?:해|하|줘|주세요)))"
)


# The count a scale goes to, right after its object ("… to 3", "… down to two replicas").
_COUNT_GOAL = LazyPattern(rf"\s+(?:(?:up|down)\s+)?to\s+{LATIN_NUMBER}")


_QUESTION_WORD = LazyPattern(
    r"(?:what|what's|whats|how|how's|where|which|who|when|why|is|are|was|were|does|do|did|any|has|have|can|could"
    r"|will|would|should)\b"
)


def request_frame(text: str, start: int = 0) -> int:
    """Where the request frame opening a clause of `text` (lower-cased) at `start` ends: after "please ", "could you ",
    "might i ask you to ", "i would be much obliged if you could "; `start` when none opens it. What follows the frame
    is in the verb's place."""
    found = _FRAME.match(text, start)
    return start if found is None else found.end()


def opens_with_question_word(clause: str) -> bool:
    """Whether an English clause opens (after "please", "could you", …) with a question word or an
    auxiliary: "did it go through?" asks; "could you list …, then describe X?" requests."""
    return _QUESTION_WORD.match(_PREFIX.sub("", clause.strip().lower())) is not None


# "would you mind restarting X", "how about scaling X": these ask with the verb's -ing form.
_GERUND_ASKS = LazyPattern(
    r"^(?:(?:would|do|will) (?:you|u) mind|how about|what about)\s+(?P<verb>[a-z]+?)ing\b", needs=("mind", "about")
)


# A copula right after a change's word: the word is the clause's subject, a noun, and the clause says what it is
# or when it happens ("launch is tomorrow", "release is on Friday", "deploys are frozen"): an imperative has none.
# (A read's "how is X" asks with its copula.)
_COPULA_AFTER = LazyPattern(r"\s+(?:is|are|was|were|will\s+be)\b")

# The operation's word between a determiner and the noun that heads the object, closing the clause ("the deploy
# lock", "the rollback button on X"): it says what that noun is of, and the verb acts on that noun, never on an
# app (as "배포 락 풀어줘" in Korean: classify.py).
OPERATION_MODIFIES_EN = LazyPattern(
    r"\s*\b(?:the|a|an|our|this|that|its|my|your)\s+(?:re-?deploy|deploy|roll-?back|restart|rollout)\s+"
    r"(?!(?:of|for|to|on|in|at|from|with|and|please|pls|now)\b)[a-z]+"
    r"(?:\s+(?:on|for|in)\s+(?:the\s+)?\S+)?(?:\s+(?:please|pls|now))?\s*[.!]*\s*$",
    needs=("deploy", "roll", "restart"),
)


# A name's joint and its next part right after a verb's word ("deploy-notifier", "restart_bot"): the word opens an
# app's name, no verb.
_NAME_GOES_ON = LazyPattern(r"[-_./:@][a-z0-9]")


def english_act(clause: str) -> Act:
    """The act of an English clause from the verb that opens it (NONE when it opens with no verb, or when the
    word a change's verb may be is the subject of a copula: "release is on Friday")."""
    lowered = clause.strip().lower()
    rest = _PREFIX.sub("", lowered)
    gerund = _GERUND_ASKS.match(lowered)
    if gerund is not None:
        # The verb itself, and with its silent e back ("scaling" -> scale), stands for the gerund.
        stem, after = gerund["verb"], lowered[gerund.end() :]
        for verb in (stem, stem + "e"):
            act = english_act(verb + after)
            if act is not Act.NONE:
                return act
    for act, verb in _ENGLISH_VERBS:
        match = verb.match(rest)
        if match is not None and _NAME_GOES_ON.match(rest, match.end()) is None:
            head = _NOUN_HEADS.match(rest, match.end())
            if head is not None and act is Act.SCALE and _COUNT_GOAL.match(rest, head.end()) is not None:
                # "scale status to 3": a count is no noun's; the word after the verb is what is scaled.
                return act
            if act in MUTATION_ACTS and OPERATION_MODIFIES_EN.match(rest, match.end()) is not None:
                return Act.NONE  # "release the deploy lock": what is released is a lock
            if act is not Act.READ and (head is not None or _COPULA_AFTER.match(rest, match.end()) is not None):
                return Act.NONE
            return act
    return Act.NONE


# A past or passive ending right after a mutation stem asks about what happened ("배포했냐", "재시작됐어?").
_DONE = LazyPattern(r"(?:했|됐|됬|됨|되었|된|돼있|되어)")
# ...except in a wish: "배포했으면 좋겠어", "재시작됐음 해" (I'd like it done) asks for it.
_WISH = LazyPattern(r"(?:했|됐|됬|되었)(?:으면|음|으믄)(?:좋겠|하|해)")


# A stem that carries the past itself ("늘렸", "줄였", "키웠"), before anything but a wish's -으면.
_PAST_STEM_WISH = LazyPattern(r"(?:으면|음|으믄)(?:좋겠|하|해)")


def _done(stem: str, tail: str) -> bool:
    """Whether a change's stem is in the past or passive: what happened, not what is asked for."""
    if stem[-1] in _PAST and stem[-1] not in "했됐":
        return _PAST_STEM_WISH.match(tail) is None
    return _DONE.match(tail) is not None and _WISH.match(tail) is None


# A present question on a change's stem: is it happening, is it what is going on (-나요, -는가, -는 거죠).
_ASKING_NOW = LazyPattern(
    r"(?:하|되|시키)?(?:나요?|는가요?|는거(?:죠|지|야|냐|니|예요|에요|요)|는건가요?|는중이?(?:야|냐|니|에요|예요|인가요?))"
    r"(?:지금|현재|아직|혹시|벌써|오늘)?[^가-힣]*$",
    needs=("나", "는"),
)
_LOOK_AT = LazyPattern(r"(?:좀)?(?:봐|보여|보자|볼래)")
# The vowels of a verb's -아/-어 form (ㅏ ㅐ ㅓ ㅔ ㅕ ㅘ ㅙ ㅝ ㅞ), on a syllable with no final consonant.


def _inflected(stem: str) -> bool:
    last = stem[-1]
    if not "가" <= last <= "힣":
        return False
    code = ord(last) - 0xAC00
    return code % 28 == 0 and code % 588 // 28 in _INFLECTED_VOWELS


# Money as the object of a verb that lowers or raises: "비용 줄여", "요금을 낮출 방법".
_MONEY_OBJECT = LazyPattern(
    r"(?:비용|요금|돈|코스트|지출|예산|과금|청구액|(?:클라우드|서버|인프라|호스팅|운영|유지)(?:비|료))(?:을|를|이|가|도|좀)*$"
)
_GOAL_PARTICLE = LazyPattern(r"(?:으로|로)(?:[^가-힣]|$)", needs=("로",))
# What 띄우다 brings up follows its object, as what 줄이다 lowers does: a thing shown closing the object (its
# particles, 좀, 다시, a count of its lines or the screen it goes to after it) is put on the screen, read and never
# (re)started or deployed ("로그 다시 띄워줘", "서비스 목록 좀 띄워", "logs 다시 띄워", "로그 100줄 띄워"); a workload,
# or no object, is brought up ("web 다시 띄워줘" restarts, "web 스테이징에 띄워" deploys).
# Information or details are shown too ("서비스 정보 좀 띄워 주실래요?"), and what the speaker wonders about, in a
# reason before the verb with no object of its own ("X 정보가 궁금해서요, 좀 띄워 주실래요?"), is what is brought up.
_SHOWN_OBJECT = LazyPattern(
    r"(?:(?<!프)로그(?!인|아웃|램)|(?<![a-z])logs?|목록|리스트|대시보드|화면|현황|그래프|차트|정보|상세|세부(?:사항|내용)?)"
    r"(?:(?:이|가)?궁금(?:해서|한데|하니까?)(?:요)?[,.~]*)?"
    r"(?:을|를|도|만|은|는|좀|다시|한번|[0-9]+(?:줄|라인|lines?)|(?:화면|창)?에)*$"
)


# "롤백 가능해?", "롤백해야 할까?", "배포해도 될까?": a request or a question about one (may I?).
_WONDERING = LazyPattern(r"가능|야(?:할|하나|하니|돼|되|될)|도(?:돼|되|될|괜찮)")


# A mutation stem made adnominal by -(으)ㄹ 수 있는 before the noun that closes the clause.
_CAN_BE_DONE = LazyPattern(
    r"(?:할|을)?수있는(?:거|것|게|버전|커밋|시점|리비전|이력|목록|후보|대상)?(?:들)?[^가-힣]*$", needs=("수있는",)
)


# Interrogative determiners ("어떤 버전", "어느 커밋", "무슨 브랜치", "몇 개") and adverbs of extent
# ("어디까지", "언제까지", "얼마나": how far back, how much), and a tail that asks.
_WH_DETERMINER = LazyPattern(r"어떤|어느|무슨|몇|어디까지|언제까지|얼마나")
_ASKS = LazyPattern(r"수있|가능|[?까니냐]")
_HOW_MANY = LazyPattern(r"몇(?:개|대)", needs=("몇",))
# The auxiliary 주다 after a verb's -아/-어 form: done for the speaker, a request ("늘려 주시겠어요?").
_GIVING = LazyPattern(r"[아어여워]?(?:좀)?(?:줘|주[세시십]|줄(?:래|수)|주겠|주실|주면)")


# The stems of a state read as a question ("괜찮아?", "정상이야", "떠있어?"), and the declarative endings that,
# closed by a full stop, state it instead.
_STATE_STEM = LazyPattern(r"괜찮|정상|살아|떠있|돌아가|있|없")
_STATED = LazyPattern(r"(?:아|어|아요|어요|이야|이에요|예요|이다|입니다|다|습니다|네|네요|음|임)\.+")


def korean_predicate(compact: str) -> Predicate | None:
    """The predicate at the end of a clause (its text lower-cased, spaces removed), if a stem is there.

    The first stem from which only endings follow is the predicate: in "배포해봐" that is 배포
    (봐 is an auxiliary), in "배포설정좀보여줄래" it is 보여 (배포 is followed by a noun).
    """
    for branch, match in _STEM.finditer(compact):
        tail = compact[match.end() :]
        if _TAIL.match(tail):
            act = _STEM_ACTS[branch]
            if act is Act.READ and _STATE_STEM.fullmatch(match.group(0)) and _STATED.fullmatch(tail):
                # "괜찮아.", "정상이에요.", "떠 있어.": a state closed by a full stop is told, not asked after.
                continue
            if act in MUTATION_ACTS and _LOOK_AT.match(tail) and not _inflected(match.group(0)):
                # "배포 좀 봐줘": 보다 after a bare noun is the verb "look at"; as an auxiliary it
                # follows a verb's -아/-어 form ("배포해 봐", "늘려 봐").
                return Predicate(Act.READ, source="korean")
            if act is Act.SCALE and match.group(0)[2:3] == "올" and _PLACE_BEFORE.search(compact, 0, match.start()):
                return Predicate(Act.DEPLOY, explicit=_has_ending(tail), source="korean")
            if act is Act.RESTART and _UP_AGAIN.fullmatch(match.group(0)) and _goes_to_an_environment(compact, match):
                # "X 스테이징에 다시 올려": up again into an environment, its goal, puts it there: a deploy (bare
                # "X 다시 올려" restarts it where it runs).
                return Predicate(
                    Act.DEPLOY, explicit=_has_ending(tail), source="korean" if _has_ending(tail) else "korean_bare"
                )
            if (
                act in (Act.DEPLOY, Act.RESTART)
                and "띄" in match.group(0)
                and _SHOWN_OBJECT.search(compact, 0, match.start())
            ):
                # "로그 다시 띄워봐": the logs brought up on the screen, not the app brought up again.
                return Predicate(Act.READ, source="korean")
            if act is Act.SCALE and _MONEY_OBJECT.search(compact, 0, match.start()):
                # "비용 줄일 데 있나 봐줘": what is reduced is money, not copies; asked, never done.
                return Predicate(Act.READ, source="korean")
            if act is not Act.SCALE and _GOAL_PARTICLE.match(tail):
                # "직전 릴리스로": the noun marked as where something goes, not the verb ("3개로" is
                # the scale stem itself).
                continue
            if act in MUTATION_ACTS and _ASKING_NOW.match(tail):
                # "재시작하나요?", "롤백하는 거죠?", "배포하는가?": whether it is happening, its state read.
                return Predicate(Act.READ, source="korean_done")
            if act in MUTATION_ACTS and _done(match.group(0), tail):
                return Predicate(Act.READ, source="korean_done")  # "배포했냐", "롤백됨?": whether it happened
            if act is Act.SCALE and _HOW_MANY.search(compact, 0, match.start()) and _GIVING.match(tail):
                # "몇 개로 늘려 주시겠어요?": the request itself, asked with the count it leaves open.
                return Predicate(act, source="korean")
            if act in MUTATION_ACTS and _WH_DETERMINER.search(compact, 0, match.start()) and _ASKS.search(tail):
                # "어떤 버전으로 롤백할 수 있어?": a question word with a change asks which ones there
                # are (a read), it does not ask for the change.
                return Predicate(Act.READ, source="question")
            if act in MUTATION_ACTS and _CAN_BE_DONE.match(tail):
                # "되돌릴 수 있는 거", "롤백할 수 있는 버전": the verb describes the noun that ends the
                # clause (the ones that can be rolled back); nothing is asked to be done.
                return Predicate(Act.READ, source="question")
            if act in MUTATION_ACTS and _WONDERING.search(tail):
                # "롤백 가능해?", "롤백해야 할까?": a request or a question about one, not sure.
                return Predicate(act, explicit=False, source="korean_wondering")
            ending = _has_ending(tail)
            return Predicate(act, explicit=act is Act.READ or ending, source="korean" if ending else "korean_bare")
    return _carried_out(compact)


# An act noun as the object (을/를) of a verb of carrying out, closing the clause with its endings, with
# adverbials between them but no other object: "배포를 OWNER/REPO 저장소 기준으로 진행하여 주십시오".
_CARRY_OUT = LazyPattern(r"(?:을|를)(?P<between>[^을를]{0,30}?)(?:진행|실시|수행)", needs=("진행", "실시", "수행"))


def _carried_out(compact: str) -> Predicate | None:
    found: Predicate | None = None
    for branch, match in _STEM.finditer(compact):
        carry = _CARRY_OUT.match(compact, match.end())
        act = _STEM_ACTS[branch]
        if carry is not None and act in (*MUTATION_ACTS, Act.READ) and _TAIL.match(compact, carry.end()):
            found = Predicate(act, source="korean")  # the object nearest the verb is what is carried out
    return found


# A question, with or without its mark: "죽었냐", "돌아가니", "됐나요".
# Syllables ending in ㅆ: a past tense ("됐", "했", "갔") before 어/나 asks whether something happened.
# The adnominal's -가(요) asks too: "진행중인가요", "괜찮은가요", "끝났는가" (the copula's 인가 also without 요).
_QUESTION = LazyPattern(
    rf"(?:\?|[냐니까야]|나요|까요|[{_PAST}](?:어|나|어요)|[{_FINAL_N}]가요|인가)(?:\W|[ㄱ-ㅣ\u1100-\u11ff])*$"
)
_OPERATION = LazyPattern("|".join(stems for act, stems in _KOREAN_STEMS if act in MUTATION_ACTS))


def mentions_an_operation(compact: str) -> bool:
    """Whether the clause names a deploy, scale, restart or rollback anywhere, as a verb or a noun."""
    return _OPERATION.search(compact) is not None


def operations_before(compact: str, end: int) -> list[tuple[Act, int]]:
    """The changes named by their stems in `compact` before `end`, in order, each with where its stem
    ends ("롤백해야" names a rollback)."""
    return [
        (_STEM_ACTS[branch], match.end())
        for branch, match in _STEM.finditer(compact[:end])
        if _STEM_ACTS[branch] in MUTATION_ACTS
    ]


# The connective -아서/-어서 right after a change's stem (해서, 시켜서 after its noun): the change is a step taken
# in order to do what follows ("2개 띄워서 배포", "3개로 늘려서 돌려줘", "스케일링해서 배포"), part of the request
# and no reason told (a passive or past before it, "재시작돼서", "배포했어서", tells what happened).
_STEP_CONNECTIVE = LazyPattern(r"(?:해|시켜)?서")


def closes_on_a_step(compact: str) -> bool:
    """Whether the clause (lower-cased, spaces removed) closes on a change's verb with -아서/-어서."""
    steps = operations_before(compact, len(compact))
    return bool(steps) and _STEP_CONNECTIVE.fullmatch(compact, steps[-1][1]) is not None


# Only the operation's noun with 도 (and names before it, fillers after): "재시작도", "api 롤백도 좀"; or with
# (이)라도, "at least" ("재시작이라도"), the fallback offered beside the act asked first.
_ALSO_OPERATION = LazyPattern(
    r"[^가-힣]*(?P<stem>[가-힣a-z]+?)(?:이라도|라도|도)(?:좀|부탁(?:해|해요)?|요|ㄱ+|[!.~]|\s)*", needs=("도",)
)


def operation_named(compact: str) -> Act | None:
    """The change a clause asks for with its noun alone and 도 ("재시작도" names a restart); None when
    another noun heads it ("롤백 목록도" asks for a list)."""
    found = _ALSO_OPERATION.fullmatch(compact)
    if found is None:
        return None
    # The noun right before 도 names it, whatever stands before ("staging에 새로 배포도").
    words = found["stem"]
    ending = [branch for branch, match in _STEM.finditer(words) if match.end() == len(words)]
    if not ending:
        return None
    act = _STEM_ACTS[ending[-1]]
    return act if act in MUTATION_ACTS else None


_SEGMENTS = LazyPattern(r"\s*[,;]\s*", needs=(",", ";"))
# A Korean verb ending closing the clause: a request (해줘, 하세요, 시켜) whatever its stem.
_VERB_ENDING = LazyPattern(r"(?:해|하|시켜|켜|줘|주세요|주십시오|주시겠|달라|하자|해라|할래)[^가-힣]*$")


# The concessive ending -되 after a verb stem or its 하/시: "배포하되", "늘리되", "배포하시되".
_BUT = LazyPattern(r"(?<=[가-힣])되(?=\s|,)", needs=("되",))


_HANGUL_WORD = LazyPattern(r"[가-힣]")
_COUNT_VERB = LazyPattern(r"늘|줄|스케일|증설|축소|확장|조정|scale")


def concessive(text: str) -> tuple[Predicate, str, bool] | None:
    """ "web을 배포하되 3개로": the main verb before -되 (do X, but so), what follows it, and whether
    that only adds to the main act (a count, a place, a branch) rather than asking for one of its own
    ("재시작하되 로그도 보여줘" asks for two)."""
    for match in _BUT.finditer(text):
        left = korean_predicate(text[: match.start()].lower().replace(" ", ""))
        if left is None or left.act not in MUTATION_ACTS:
            continue
        rest = text[match.end() :]
        said = korean_predicate(rest.lower().replace(" ", "")) or predicate(rest)
        own = said.act is Act.READ or (
            said.act in MUTATION_ACTS
            and said.act is not left.act
            and not (said.act is Act.SCALE and _COUNT_VERB.search(rest.lower()) is None)
        )
        return left, rest, not own
    return None


# An argument said after the verb, with no comma ("하나 더 만들어 fin-prod-2로", "배포해 스테이징에"):
# a name or a word with the particle of a goal or a place closing the clause.
# A name alone may follow too ("롤백 가능한지만 알려줘 alarm-relay", "롤백해줘 web"): what the verb is about.
_AFTERTHOUGHT = LazyPattern(
    r"\s+(?:(?:§|[^\s§]+)\s*(?:으로|로|에서|에|까지)|(?:§|[a-z][a-z0-9]*)(?:\s*(?:은|는|을|를))?)\s*[.!~]*$"
)


def _before_afterthought(lower: str) -> Predicate | None:
    """The predicate before the arguments postposed to it: Korean may name what or where after the verb."""
    rest = lower
    for _ in range(3):
        cut = _AFTERTHOUGHT.search(rest)
        if cut is None or not cut.group(0).strip():
            return None
        rest = rest[: cut.start()]
        found = korean_predicate(rest.replace(" ", ""))
        if found is not None and found.source == "korean":
            return found
    return None


# A place marked with 에 right before the count, in digits or words: "스테이징에 5개로 올려", "… 세 대로 올려".
_PLACE_BEFORE = LazyPattern(r"에(?:[0-9]+|한|하나|두|둘|세|셋|네|넷|다섯|여섯|일곱|여덟|아홉|열|스무)$", needs=("에",))
_UP_AGAIN = LazyPattern(r"다시(?:올려|띄워)")
# The goal particle closing what stands before the verb ("스테이징에", "운영 환경에다"): where it goes (에서 is where
# it runs).
_GOAL_BEFORE = LazyPattern(r"(?:환경|서버)?(?:에다가|에다|에)$", needs=("에",))


def _goes_to_an_environment(compact: str, match: re.Match[str]) -> bool:
    """Whether an environment with the goal particle closes the text before the stem `match`."""
    goal = _GOAL_BEFORE.search(compact, 0, match.start())
    if goal is None:
        return False
    # The clause is read without its spaces: the environment's word is whichever closes it ("web staging에").
    before = compact[max(0, goal.start() - 11) : goal.start()]
    return any(ENVIRONMENT_TOKEN.fullmatch(before[start:]) is not None for start in range(len(before)))


# Only a name (NAME_LIKE's § or one Latin word) and a count of instances: nothing else is counted.
_NAME_AND_COUNT = LazyPattern(r"(?:§|[a-z][a-z0-9]*)[0-9]+(?:개|대)(?:로|만)?(?:좀)?")
_GO = LazyPattern(r"ㄱ{2,}|\u1100{2,}|고고", needs=("ㄱ", "\u1100", "고고"))


# A creating verb with the connective -서/-고 before another verb: the creation is a step asked for.
_CREATE_FIRST = LazyPattern(
    r"(?:만들어|생성해|생성하|설치해|설치하|추가해|추가하)(?:서|고)", needs=("만들", "생성", "설치", "추가")
)


_EARLIER_VERSION_GO = LazyPattern(
    r"(?:이전|전|예전|지난|직전|옛)(?:버전|릴리스|릴리즈|리비전|빌드|거|걸)(?:으로|로)(?:ㄱ|\u1100|고)+(?![가-힣])",
    needs=("ㄱ", "\u1100", "고"),
)
# Creating with -아서/-어서 ("만들어서", "생성해서"): the thing is made in order to run it.
_MADE_TO_RUN = LazyPattern(r"(?:만들어|생성해|설치해|추가해)서", needs=("만들", "생성", "설치", "추가"))


# An English operation word after a determiner, closing a Latin-only clause: a noun.
_DETERMINED_NOUN_AT_END = LazyPattern(
    r"^[^가-힣]*\b(?:the|a|an|that|this|our|my|its|last|latest|previous|prior|recent|earlier)\s+"
    r"(?:deploy|deployment|release|restart|rollback|scale|scaling)\W*$",
    needs=("deploy", "release", "restart", "rollback", "scal"),
)


# The name, then a Latin verb that only reads (kubectl's and plain English imperatives; never "was", "is").
_NAME_THEN_LATIN = LazyPattern(r"\s*§\s+(?:get|describe|show|list|check|view|inspect|top)\b", needs=("§",))


def predicate(clause: str) -> Predicate:
    """The act one clause asks for (`clause` is normalised text: spaced, cleaned, not lower-cased)."""
    lower = NAME_LIKE.sub(" § ", clause).lower()
    act = english_act(lower)
    if act is Act.NONE and _NAME_THEN_LATIN.match(lower) is not None:
        # "promo-api get deploy", "voucher-svc describe svc 하고 …": a Latin read verb after the name it is
        # about is the clause's verb, whatever kind it names ("deploy" there is a noun, nothing deployed).
        act = Act.READ if english_act(lower.strip().removeprefix("§")) is Act.READ else Act.NONE
    if act is not Act.NONE:
        final = korean_predicate(lower.replace(" ", "")) if _HANGUL_WORD.search(lower) else None
        if final is not None and final.act is not act and final.source == "korean":
            # "restart 횟수 보고 싶어": a Korean clause ends on its verb, so an English word that
            # opens it is a noun there; the final verb with its ending decides.
            return final
        return Predicate(act, source="english")
    # "web-app is broken, roll it back": a statement first, the imperative of a change opening the next
    # segment. A read there ("…, why?") may be a question word as much as a verb: it is not taken.
    for segment in _SEGMENTS.split(lower)[1:]:
        act = english_act(segment)
        # "new ingress for web, create it": creation said after the thing is named is still refused.
        if act in MUTATION_ACTS or act is Act.CREATE:
            return Predicate(act, source="english")
    but = concessive(lower)
    if but is not None and but[2]:
        return Predicate(but[0].act, source="korean_but")
    found = korean_predicate(lower.replace(" ", ""))
    if found is not None and found.source == "korean_bare" and _DETERMINED_NOUN_AT_END.search(lower) is not None:
        # "put web back the way it was before the last deploy": in English, an operation's word after a
        # determiner is a noun (the deploy that happened), no bare verb closing the clause.
        found = None
    if found is not None and found.act in (Act.DEPLOY, Act.RESTART) and _MADE_TO_RUN.search(lower.replace(" ", "")):
        # "새 StatefulSet 만들어서 redis 띄워줘": what is run is first created, and creating is no act of
        # ours; the request is refused (a count created, "web 3개 만들어서 띄워", is still a scale).
        return Predicate(Act.CREATE, source="korean")
    if found is not None:
        return found
    # "직전으로 롤백 ㄱㄱ 장애임": "go" closes the request as a full stop would; a remark may follow.
    for go in _GO.finditer(lower.replace(" ", "")):
        found = korean_predicate(go.string[: go.end()])
        if found is not None and found.act in MUTATION_ACTS:
            return found
        if _NAME_AND_COUNT.fullmatch(go.string, 0, go.start()):
            # "bim-viewer 8개 ㄱㄱ": a name and how many of it, then "go", asks for that many.
            return Predicate(Act.SCALE, explicit=False, source="korean_bare")
    if _EARLIER_VERSION_GO.search(lower.replace(" ", "")):
        # "전 버전으로 ㄱ": "go" towards an earlier version goes back to it.
        return Predicate(Act.ROLLBACK, explicit=False, source="korean_bare")
    # "billing 복구해줘, 직전 릴리스로": an afterthought follows the predicate, which ends the segment before.
    for segment in reversed(_SEGMENTS.split(lower)[:-1]):
        found = korean_predicate(segment.replace(" ", ""))
        if found is not None:
            return found
    found = _before_afterthought(lower)
    if found is not None:
        return found
    if _QUESTION.search(lower):
        return Predicate(Act.READ, source="question")
    if _CREATE_FIRST.search(lower.replace(" ", "")):
        # "새 ingress 만들어서 연결해줘": something is created first, then used; creation is no act of ours.
        return Predicate(Act.CREATE, source="korean")
    if _VERB_ENDING.search(lower.replace(" ", "")):
        # A verb the stems do not know ("추려줘", "정리해줘"): the act is unread, not absent.
        return Predicate(Act.NONE, source="unknown_verb")
    return Predicate(Act.NONE)
