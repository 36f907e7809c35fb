"""Requests about something that is not ours: the read's object is no resource, log, cost or command
of this platform, so no intent is read from the words around it.

Three shapes, each decided by the object the request takes, never by a list of foreign things:
- an English how-to whose verb is none of the command vocabulary ("how do I write a Dockerfile"),
  or that is done to people none of our words name ("… to my students");
- an English "what's a <noun phrase> for/of" none of whose words is command vocabulary ("a good name");
- an output asked for as a file ("엑셀로 뽑아줘", "export it to csv"): answers are given in the
  conversation, never as a document;
- a Korean amount asked of a noun ("과태료 얼마 나왔는지") that is neither a time nor one of our
  words, when nothing else in the request is about cost;
- a Korean generic aspect noun (결과, 상황, 여부) compounded with a modifier that is none of our
  words ("검사결과"): the result of that, not of anything running here;
- a Korean how-is-it (어때) of a noun that is none of our words, after the word it is of
  ("UX 트렌드 요즘 어때?");
- code asked to be written ("… 코드 짜줘", "write me a script"), and an app's own records looked up in
  it ("X 앱에서 주문 내역 조회해줘"): programs and data of the user's, not this platform's;
- anything asked to be written, drawn or mailed, whatever it is about ("지난 배포 릴리즈 노트 써줘", "배포
  파이프라인 yaml 작성해줘", "스케일 효과 그래프로 그려줘", "email the deploy report to the team"): the request's
  verb makes a text or a picture, or sends one, which no intent does; answers are given in the conversation.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import NormalisedText
from klepaas_nlp.rules.predicate import mentions_an_operation
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_TOKEN, is_stopword

# "how do I <verb>", "how can we <verb>", "how to <verb>": the verb is what the user wants to do.
_HOW_TO = LazyPattern(
    r"\bhow (?:(?:do|can|could|should|would) (?:i|we|you)|to) (?P<verb>[a-z]+)\b",
    re.IGNORECASE,
    needs=("how do", "how can", "how could", "how should", "how would", "how to"),
)
# "… to my students", "… to our board": a person or group the how-to's act is done to or for, none
# of our words, makes it a question of how to talk to them ("how do I explain a rollback to my
# students"), whatever command word it carries.
_AUDIENCE = LazyPattern(
    r"\bto (?:my|our|his|her|their) (?P<audience>[a-z]+)\b",
    re.IGNORECASE,
    needs=("to my", "to our", "to his", "to her", "to their"),
)
# "what's a good name for …", "what is the best colour of …": the noun phrase (a noun and one word
# before it at most) is the thing asked for; "the deployment strategy" is still about a deployment.
_WHAT_IS_A = LazyPattern(
    r"\bwhat(?:'s|s| is| are) (?:a|an|the|some|our|my) (?P<phrase>(?:[a-z]+ )?[a-z]+) (?:for|of)\b",
    re.IGNORECASE,
    needs=("what",),
)
# A file format, a document or a picture as the goal of the output ("엑셀로 뽑아줘", "그래프로 보여줘", "as a chart"):
# the platform answers in the conversation, in words.
_AS_A_FILE = LazyPattern(
    r"(?:엑셀|csv|pdf|스프레드시트|워드)(?:파일)?(?:으로|로)(?:뽑|내보내|변환|추출|저장|다운|만들|정리)"
    r"|(?:그래프|차트)(?:으로|로)(?:뽑|만들|정리|보여|그려|그리|시각화)"
    r"|\b(?:export|download|save|dump|convert)\b.*\b(?:to|as|into|in) (?:an? )?(?:excel|csv|pdf|spreadsheet|sheet)s?\b"
    r"|\b(?:as|in|into) an? (?:graph|chart|plot)(?![\w-])",
    re.IGNORECASE,
    needs=(
        *("엑셀", "csv", "pdf", "스프레드시트", "워드", "excel", "spreadsheet", "sheet"),
        *("그래프", "차트", "graph", "chart", "plot"),
    ),
)
# A Kubernetes kind the closed set has no intent for ("list configmaps", "spin up a daemonset", "cronjob
# 재시작"): whatever the verb, its object is not one this platform reads or runs. Only the kind as a word
# of its own: a name that holds it ("web-configmap-sync") is an app's.
_OTHER_KIND = LazyPattern(
    r"(?<![\w./-])(?:config\s?maps?|daemon\s?sets?|stateful\s?sets?|cron\s?jobs?|replica\s?sets?"
    r"|nodes|node\s?pools?|pvcs?|persistent\s?volume(?:\s?claim)?s?|hpas?|horizontal\s?pod\s?autoscalers?"
    r"|service\s?accounts?|network\s?polic(?:y|ies)|role\s?bindings?|crds?|custom\s?resources?"
    r"|컨피그맵|데몬셋|스테이트풀셋|크론잡|레플리카셋|서비스어카운트|네트워크폴리시)(?![\w-])",
    re.IGNORECASE,
    needs=(
        *("config", "daemon", "stateful", "cron", "replica", "node", "pvc", "persistent", "hpa", "horizontal"),
        *("account", "network", "role", "crd", "custom"),
        *("컨피그맵", "데몬셋", "스테이트풀셋", "크론잡", "레플리카셋", "서비스어카운트", "네트워크폴리시"),
    ),
)
# Text to be put into another language ("translate 배포 into English", "이 문장 영어로 번역해줘"): a
# request about words, not about anything running here.
_TRANSLATE = LazyPattern(
    r"(?<![\w-])translat(?:e|ing)(?![\w-])|번역(?:해|하|좀|부탁|가능|할)", re.IGNORECASE, needs=("translat", "번역")
)
# "X(이) (대충) 얼마 나왔는지": the noun before 얼마, and a rough-degree adverb, is what the amount is of. The
# amount may be asked as what the noun is set at (얼마로: "단가 얼마로 잡혀 있어?") or as what it is (얼마 with
# the copula: "단가 얼마야?", "얼마인지"). A word before the noun modifies it: of ours, so is the amount ("파드 수
# 얼마야?" asks how many pods).
_AMOUNT_OF = LazyPattern(
    r"(?<![가-힣])(?:(?P<modifier>[가-힣]+)\s)?(?P<noun>[가-힣]+?)(?:이|가|은|는|도)?\s?(?:(?:대충|대략|대강|총|전부|모두|다|좀|거의)\s?)?얼마"
    r"(?:(?:나)?\s?(?:들|나[와왔오올갔가감]|써|썼|쓰|내|냈)|으?로\s?[가-힣]|(?:야|예요|에요|임|인지|인가|일까|냐|니)(?![가-힣]))",
    needs=("얼마",),
)
# Nouns of time ("이번 달", "요즘"): when, not what, the amount is asked of.
_TIME = LazyPattern(
    r"^(?:(?:이번|요번|지난|저번|다음|올|이|한|매)?(?:달|주|분기|해|년|월)|오늘|어제|요즘|요새|최근|지금|현재|그동안|여태"
    r"|작년|올해|금년|내년)$"
)
# A generic aspect noun compounded with what it is the aspect of ("배포결과", "검사결과").
_ASPECT_COMPOUND = LazyPattern(
    r"(?<![가-힣])(?P<modifier>[가-힣]{2,}?)(?:결과|상황|여부)", needs=("결과", "상황", "여부")
)
# "UX 트렌드 요즘 어때?": the noun how-is-it asks about, after a word that modifies it (times and
# degree words between are skipped). A noun none of our words is a thing of the world, not a
# resource here, and the word before it says of what, not which app.
_HOW_IS_NOUN = LazyPattern(
    r"[A-Za-z가-힣]\s(?P<noun>[가-힣]{2,}?)(?:이|가|은|는|도|쪽)?\s(?:(?:요즘|요새|최근|지금|현재|좀|대충)\s)*(?:어때|어떰|어떤가)",
    needs=("어때", "어떰", "어떤가"),
)
# Code asked to be written ("파이썬으로 … 계산하는 코드 짜줘", "write me a script that …"): the platform
# runs what is deployed; it writes no programs.
_WRITE_CODE = LazyPattern(
    r"(?:코드|스크립트|함수|프로그램|쿼리|정규식|정규표현식)(?:를|을|좀|\s)*(?:짜|작성|만들어|만들|코딩|구현|써\s*줘|써줘)"
    r"|\b(?:write|code\s+up|generate|implement)\s+(?:me\s+)?(?:an?\s+|the\s+|some\s+)?(?:[a-z]+\s+){0,3}?"
    r"(?:code|script|function|program|snippet|regex|query)\b",
    re.IGNORECASE,
    needs=("코드", "스크립트", "함수", "프로그램", "쿼리", "정규", "write", "code", "generate", "implement"),
)
# The request's verb makes a text or a picture, or mails one: 쓰다 (써), 작성하다, 그리다 (그려), 적다 (적어) with a
# request's ending closing the command; in English a verb of writing, drawing or mailing opening it, after a
# request's frame ("can you email …", "please draft …"). Whatever the object, a plan, notes, a YAML file, a graph or a
# report about an operation of ours, no intent writes it.
_WRITES = LazyPattern(
    r"(?:(?<![가-힣])|(?<=[을를도])|(?<=좀))(?:써|작성\s?(?:해|하여)?|그려|적어)\s*(?:좀\s*)?"
    r"(?:줘|주세요|주십시오|주실|주시겠|줄래|줄\s*수|달라|부탁)[가-힣\s]*[?.!~]*$"
    r"|^\s*(?:(?:please|pls|can|could|would|will)[\s,]+(?:you\s+|u\s+)?(?:please\s+)?)*"
    r"(?:write|draft|compose|draw|plot|sketch|e-?mail|mail)\s+(?:up\s+|out\s+)?"
    r"(?:me|us|him|her|them|it|this|that|these|those|the|a|an|our|my|your|their|some)\b",
    re.IGNORECASE,
)
# Data kept inside an app, looked up there ("X 앱에서 환자 검사 결과 조회해줘"): the app's own records, not
# the app as this platform runs it. The object's words, a record's generic nouns aside, are none of ours.
_DATA_IN_APP = LazyPattern(
    r"(?:앱|어플|애플리케이션|서비스|시스템|디비|데이터베이스|\bdb)\s*(?:에서|안에서|내에서)\s+"
    r"(?P<object>(?:[가-힣]+\s+){1,5}?)(?:좀\s+)?(?:조회|검색|찾아|뽑아|가져와|가져다)",
    re.IGNORECASE,
    needs=("에서",),
)
_RECORD_NOUNS = frozenset({"결과", "내역", "정보", "데이터", "기록", "목록", "리스트", "좀", "전체", "전부"})
_PARTICLE_END = LazyPattern(r"(?:을|를|이|가|은|는|의|도|만)$")


def _data_in_an_app(norm: NormalisedText) -> bool:
    found = _DATA_IN_APP.search(norm.words)
    if found is None:
        return False
    words = [_PARTICLE_END.sub("", word) for word in found.group("object").split()]
    kept = [word for word in words if word and word not in _RECORD_NOUNS]
    return bool(kept) and not any(_korean_ours(word) for word in kept)


# Every keyword family: a Korean word any of them reads is one of ours.
_FAMILIES = tuple(value for value in vars(kw).values() if isinstance(value, kw.Keywords))


def _ours(word: str) -> bool:
    return is_stopword(word)


def _korean_ours(noun: str) -> bool:
    return mentions_an_operation(noun) or any(family.korean.search(noun) for family in _FAMILIES)


def _money_of_ours(noun: str) -> bool:
    """The cost words read the noun as money going out ("돈이 나가", "인프라비가"), in a sentence
    that holds nothing else of theirs."""
    return kw.COST.korean.search(noun + "이나가") is not None


def _amount_of_something_else(norm: NormalisedText) -> bool:
    amount = _AMOUNT_OF.search(norm.words)
    if amount is None:
        return False
    noun = amount.group("noun")
    if _TIME.search(noun) or _korean_ours(noun) or _money_of_ours(noun):
        return False
    modifier = amount.group("modifier")
    if modifier is not None and _korean_ours(modifier):
        return False
    # Nothing but the generic "how much" is about cost: the amount is the noun's.
    rest = norm.words_compact.replace(amount.group(0).replace(" ", ""), "")
    return kw.COST.korean.search(rest) is None


def _how_is_something_else(norm: NormalisedText) -> bool:
    """Only a how-is-it and nothing else of ours: no name shaped as one (§ in `words`), no word of
    any keyword family but the weak status question itself."""
    how_is = _HOW_IS_NOUN.search(norm.text)
    if how_is is None or "§" in norm.words:
        return False
    if any(family is not kw.WEAK_STATUS and family.found_in(norm) for family in _FAMILIES):
        return False
    noun = how_is.group("noun")
    return not (
        _TIME.search(noun) or _korean_ours(noun) or is_stopword(noun) or ENVIRONMENT_TOKEN.search(noun) is not None
    )


# The Korean names of the parts every system has (vocabulary._ROLE_WORDS in English) and of what they run
# on: their state is ours to read ("서버 상태 어때?", "디비 상태").
_KOREAN_ROLE = LazyPattern(
    r"서버|디비|데이터베이스|네트워크|노드|인프라|시스템|클러스터|컨테이너|앱|어플|애플리케이션|어플리케이션|웹|사이트"
    r"|백엔드|프론트|게이트웨이|캐시|큐|워커|배치|크론|플랫폼|스택|디스크|스토리지|볼륨|메모리|씨피유|트래픽|로드밸런서"
    r"|프록시|봇|전체|전반|서비스|머신|인스턴스|호스트|도메인|인증서|빌드|파이프라인|잡|작업|레디스|카프카|엔진엑스|몽고"
)


def _state_of_something_else(norm: NormalisedText) -> bool:
    state = _STATE_OF_NOUN.search(norm.text)
    if state is None or "§" in norm.words:
        return False
    if any(family not in (kw.WEAK_STATUS, kw.STRONG_STATUS) and family.found_in(norm) for family in _FAMILIES):
        return False
    noun = state.group("noun")
    return not (
        _TIME.search(noun)
        or _korean_ours(noun)
        or _KOREAN_ROLE.search(noun) is not None
        or is_stopword(noun)
        or ENVIRONMENT_TOKEN.search(noun) is not None
    )


def _aspect_of_something_else(norm: NormalisedText) -> bool:
    compound = _ASPECT_COMPOUND.search(norm.words)
    return compound is not None and not _korean_ours(compound.group("modifier"))


# Another tool or the user's own machine as what is acted on: a how-to about it ("git revert HEAD 하는 법"), a
# line of its command ("git revert HEAD"), or its verb taking it ("restart my laptop", "restart vscode").
_HOW_TO_KO = LazyPattern(r"(?:하는|할|쓰는|치는)\s*(?:법|방법)|어떻게\s*(?:해|하|쳐|써)", needs=("법", "어떻게"))
_TOOL_LINE = LazyPattern(r"^\W*(?:git|docker|npm|pip|brew|apt(?:-get)?)\s+[a-z]", re.IGNORECASE)
_ACTS_ON_A_TOOL = LazyPattern(
    r"\b(?:restart|reboot|deploy|redeploy|scale|roll\s*back|rollback|update)\s+(?:(?:my|your|the|our)\s+)?"
    r"(?:laptop|macbook|vscode|vs\s+code|intellij|ide|browser|chrome|computer|pc|phone|mac)\b",
    re.IGNORECASE,
)
# A change done to or for someone else's thing ("deploy to her garden", "restart his phone"): a possessive
# of a third person is no place or app of ours.
_THIRD_PERSON_OBJECT = LazyPattern(
    r"\b(?:restart|reboot|deploy|redeploy|scale|roll\s*back|rollback)\s+(?:(?:it|this|that)\s+)?"
    r"(?:(?:to|on|in|into|for)\s+)?(?:his|her|their)\s+[a-z]",
    re.IGNORECASE,
)
# What a word means ("배포 뜻", "롤백 의미가 뭐야", "스케일링이 무슨 뜻이야"), or what the thing a word names
# is ("롤백이라는 게 뭔지", "스케일링이란 뭐야": the word quoted by -(이)라는 / -(이)란): a question about the word.
_MEANING_KO = LazyPattern(
    r"(?:뜻|의미)(?:이|가|는)?\s*(?:뭐\S*|뭔\S*|알려\S*|설명\S*|좀)?\s*[?.!]*$|무슨\s*(?:뜻|의미)"
    r"|(?:이라는|라는|이란|[가-힣]란)\s?(?:게|건|것[이은]?|거|말[이은]?)?\s?(?:정확히|대체|도대체|대충|간단히)?\s?(?:뭔|뭐|무엇)",
    needs=("뜻", "의미", "란", "라는"),
)
# The security of what is ours asked after ("보안 괜찮은 거 맞죠?", "취약점 없나요?", "is the cluster secure?"):
# a quality the platform neither reads nor sets. A change that ships a fix ("보안 패치 배포해줘") is asked as usual.
_SECURITY_ASKED = LazyPattern(
    r"(?:보안|취약점)(?:은|는|이|가|도|쪽|상태|상황|적으로)?\s?(?:좀\s?|다\s?)?"
    r"(?:괜찮|안전|문제|어때|어떤|어떻|이상\s?없|없|있|점검|검사|진단|취약|뚫)"
    r"|\b(?:security|vulnerabilit(?:y|ies)|cves?)\s+(?:is|are|status|posture|looks?|ok|okay|fine|good|safe|check|scan|audit)\b"
    r"|\bis\s+(?:[\w-]+\s+){0,3}secure\b",
    re.IGNORECASE,
    needs=("보안", "취약점", "security", "vulnerabilit", "cve", "secure"),
)
# Going to get something done to oneself ("스케일링 받으러 가야 돼": at the dentist's): nothing asked of us.
_GOING_TO_GET = LazyPattern(r"받으러\s*(?:[가-힣]+(?:에|로)?\s+)?(?:가|갈|간|갔|와|왔|다녀)", needs=("받으러",))
# A trip the user made, told at the end ("헬스 갔다왔어", "병원 다녀왔어요"): news of the user's day, not a
# request, whatever the place's name holds.
_BEEN_THERE = LazyPattern(r"(?:갔다\s?(?:왔|옴)|다녀\s?(?:왔|옴))[가-힣]{0,4}\s*[.!~ㅋㅎ^]*$", needs=("갔다", "다녀"))
# "날씨 상태 어때?", "컨디션 상태는 좋아?": the state of a noun that is none of our words, with nothing else
# of ours asked (no name, no other keyword): a thing of the world, not a resource here.
_STATE_OF_NOUN = LazyPattern(
    r"(?<![가-힣A-Za-z0-9§])(?P<noun>[가-힣]{2,}?)(?:의)?\s?상태(?:가|는|도|좀)?\s?"
    r"(?:(?:요즘|요새|지금|오늘|좀)\s?)*(?:어때|어떰|어떤가|어떻|좋아|좋니|괜찮)",
    needs=("어때", "어떰", "어떤가", "어떻", "좋아", "좋니", "괜찮"),
)


# The user's own device, said as theirs or as where something runs ("내 노트북에서", "제 맥북", "on my
# laptop"), and the programs and appliances people use, as a word of their own ("zoom 앱", "커피머신",
# "github actions", "PR #12"): none of them is an app or resource of this platform.
_DEVICE_KO = "노트북|맥북|컴퓨터|컴|데스크탑|데스크톱|pc|폰|핸드폰|휴대폰|스마트폰|아이폰|아이패드|태블릿|맥"
_DEVICE_EN = "laptop|macbook|mac|computer|pc|phone|desktop|tablet|ipad|iphone"
_MY_DEVICE = LazyPattern(
    rf"(?:(?<![가-힣])(?:내|제|나의|저의|우리집)\s*(?P<owned>{_DEVICE_KO})(?![가-힣])"
    # Without an owner, only the unambiguous words (not 컴, 폰, 맥 or pc) before a place's particle.
    r"|(?:노트북|맥북|컴퓨터|데스크탑|데스크톱|핸드폰|휴대폰|스마트폰|아이폰|아이패드|태블릿)\s*(?:에서|에|의|으로|로)"
    rf"|\b(?:on|in|from)\s+my\s+(?:{_DEVICE_EN})\b)",
    re.IGNORECASE,
)
# The device as where the user reads from ("내 노트북에서", "from my laptop"), not what is read.
_FROM_MY_DEVICE = LazyPattern(rf"(?:{_DEVICE_KO})\s*에서|\b(?:on|from)\s+my\s+(?:{_DEVICE_EN})\b", re.IGNORECASE)
# A word written in Latin letters, as an app's name is ("cart", "order-api"); a device's own word is none.
_LATIN_WORD = LazyPattern(r"(?<![\w-])[a-z][a-z0-9-]*(?![\w-])")
_DEVICE_WORD = LazyPattern(_DEVICE_EN)


def _names_an_app(norm: NormalisedText) -> bool:
    """A word of the request, in Latin letters, that is none of our vocabulary, no device and no other tool
    ("docker", "chrome"): an app's name."""
    return any(
        not is_stopword(found[0])
        and _DEVICE_WORD.fullmatch(found[0]) is None
        and kw.OTHER_TOOL.english.search(found[0]) is None
        for found in _LATIN_WORD.finditer(norm.lower)
    )


_NOT_OURS = LazyPattern(
    r"(?<![\w./§-])(?:zoom|slack|teams|outlook|notion|discord|kakaotalk|spotify|firefox|safari|chrome"
    r"|줌|슬랙|팀즈|아웃룩|노션|디스코드|카톡|카카오톡|크롬|사파리|파이어폭스)(?:\s*(?:앱|어플|app))"
    r"|(?<![\w./§-])(?:커피\s?머신|coffee\s+machine|프린터|에어컨|냉장고|세탁기|공유기)(?![\w-])"
    r"|\bgithub\s+actions\b|깃허브\s?액션"
    # A pull request's own state ("PR #12 상태 어때"); "PR #42 전으로" still points at a version of ours.
    r"|\bPR\s*#\s*\d+(?:의|이|가|은|는)?\s*(?:상태|status)"
    # A commit's content asked about ("이 커밋 뭐야?", "그 커밋 내용 알려줘", "what is this commit"): no command reads
    # a commit; one is only a version to roll back to.
    # One commit pointed at; commits one may roll back to ("롤백 가능한 커밋 뭐야") are ours to list.
    r"|(?<![가-힣])(?:이|그|저|해당)\s*커밋(?:이|은|는|의)?\s*(?:뭐|뭔|무슨|무엇|내용|메시지|변경\s?사항)"
    r"|\bwhat(?:'s|\s+is|\s+was|\s+does|\s+did)\s+(?:this|that|the)\s+commit\b|\bcommit\s+message\b",
    re.IGNORECASE,
)


def _about_another_tool(norm: NormalisedText) -> bool:
    if _TOOL_LINE.search(norm.text) is not None or _ACTS_ON_A_TOOL.search(norm.text) is not None:
        return True
    if _NOT_OURS.search(norm.text) is not None:
        return True
    device = _MY_DEVICE.search(norm.text)
    if device is not None:
        # "내 노트북에서 X 로그 보여줘": a read of an app named, from the user's device, is ours; a change there,
        # or the device's own state, is not.
        return not (
            _FROM_MY_DEVICE.search(norm.text, device.start()) is not None
            and _names_an_app(norm)
            and not mentions_an_operation(norm.words_compact)
        )
    return _HOW_TO_KO.search(norm.text) is not None and kw.OTHER_TOOL.found_in(norm)


def asks_about_something_else(norm: NormalisedText) -> bool:
    """True when the request's object or output is not something this platform reads or does."""
    if _about_another_tool(norm) or _THIRD_PERSON_OBJECT.search(norm.text) is not None:
        return True
    if _MEANING_KO.search(norm.text) is not None or _GOING_TO_GET.search(norm.text) is not None:
        return True
    if _BEEN_THERE.search(norm.text) is not None or _state_of_something_else(norm):
        return True
    if _SECURITY_ASKED.search(norm.text) is not None:
        return True
    how_to = _HOW_TO.search(norm.lower)
    if how_to is not None and not _ours(how_to.group("verb")):
        return True
    audience = _AUDIENCE.search(norm.lower, how_to.end()) if how_to is not None else None
    if audience is not None and not _ours(audience.group("audience")):
        return True
    what_is = _WHAT_IS_A.search(norm.lower)
    if what_is is not None and not any(_ours(word) for word in what_is.group("phrase").split()):
        return True
    if _AS_A_FILE.search(norm.compact) is not None or _AS_A_FILE.search(norm.lower) is not None:
        return True
    if _OTHER_KIND.search(norm.text) is not None or _TRANSLATE.search(norm.text) is not None:
        return True
    if _WRITE_CODE.search(norm.text) is not None or _WRITES.search(norm.text) is not None or _data_in_an_app(norm):
        return True
    return _amount_of_something_else(norm) or _aspect_of_something_else(norm) or _how_is_something_else(norm)
