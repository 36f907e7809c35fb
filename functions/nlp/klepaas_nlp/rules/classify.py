"""Which intent a command asks for. The first rule that fits wins; the order settles overlaps.

Verbs that change things are checked before nouns that only name things, so "디플로이먼트 목록"
lists while "배포해줘" deploys; "로그" comes before "재시작" so "재시작 전 로그" reads logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.deferral import Deferred, deferred
from klepaas_nlp.rules.entities import Entities
from klepaas_nlp.rules.hangul import FINAL_L as _FINAL_L
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import NormalisedText
from klepaas_nlp.rules.predicate import OPERATION_MODIFIES_EN, Act, mentions_an_operation
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_TOKEN

_LOOKS_LIKE_APP = LazyPattern(r"[-0-9]")
# A count with its counter and nothing but endings after it: "ticket-api 4개 ㄱ", "api x3".
# The count in digits or in words, maybe with 만 ("두 개만": just two) or 씩, or a step up or down with
# its noun ("두 개 더", "하나 더", "1개 감소"): a change of the count, which the scale then asks for.
_BARE_COUNT = LazyPattern(
    r"(?:(?:\d+|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:개|대)(?:씩|만)?(?:\s*(?:더|추가|증가|증설|감소|감축))?"
    r"|(?<![가-힣])(?:하나|둘|셋|넷)\s*(?:만\s*)?(?:더|추가|증가|증설|감소|감축)"
    r"|(?<![A-Za-z0-9])x\s?\d+)[\sㄱ-ㅎ\u1100-\u11ff!.~]*$"
)
# What is left of "crop-sensor 스테이징 ㄱ" once the target and the environment are taken: "go" (ㄱ,
# ㄱㄱ, 고고) and nothing else, with at most the goal particle the environment took.
_ONLY_GO = LazyPattern(r"^[\s,]*(?:에|으로|로)?\s*(?:[ㄱ\u1100]+|고고|go)[\s!.~]*$")

_TAGGED = LazyPattern(r"[:@]")
# An English question or order whose whole frame is one thing's state: "is cart up?", "is the cart app
# running now?", "check cart", "check on the cart service". A name in that frame is asked about (§: a
# domain noun taken as the name, "is billing up?"; "check billing" may ask for the bill, and is left).
_STATUS_FRAME_EN = LazyPattern(
    r"^\s*(?:(?:hey|ok|so|quick(?:ly)?|just|please|pls|can\s+you|could\s+you)[\s,]+)*"
    r"(?:is\s+(?:the\s+)?(?:§|[a-z0-9][\w.-]*)(?:\s+(?:app|service|deployment|server))?\s+(?:still\s+)?"
    r"(?:up|running|alive|ok|okay|healthy|down|working|live|fine)(?:\s+(?:now|yet|again|still|right\s+now))?"
    # Where it runs may follow: "is cart up in staging?", "is cart running on prod".
    r"(?:\s+(?:in|on)\s+(?:the\s+)?[a-z][\w-]*)?"
    # The question cut to its name and state: "cart up?", "billing still alive?".
    r"|(?:§|[a-z0-9][\w.-]*)\s+(?:still\s+)?(?:up|running|alive|down)(?=\s*\?)"
    r"|check(?:\s+(?:on|up\s+on))?\s+(?:the\s+)?[a-z0-9][\w.-]*(?:\s+(?:app|service|deployment|server|pods?))?"
    r"(?:\s+(?:please|pls|now))?)"
    r"\s*[?.!]*\s*$",
    re.IGNORECASE,
    needs=("is", "check", "up", "running", "alive", "down"),
)
# The Korean question whose whole frame is one thing being up: "cart 떠 있어?", "billing 서버 아직 살아
# 있나요", "auth는 올라와 있지?". The one name in it is asked about.
_STATUS_FRAME_KO = LazyPattern(
    r"^\s*(?:§|[a-z0-9][\w.-]*)(?:\s*(?:앱|서비스|서버|파드))?(?:은|는|이|가)?"
    r"\s*(?:(?:지금|아직|잘|다시|혹시)\s*)*(?:떠|살아|올라와)\s*있[가-힣]{0,4}\s*[?？.!~]*\s*$",
    re.IGNORECASE,
    needs=("있",),
)

_VERB_RULES: tuple[tuple[Intent, kw.Keywords], ...] = (
    (Intent.LIST_COMMANDS, kw.HELP),
    (Intent.LIST_ROLLBACK, kw.LIST_ROLLBACK),
    (Intent.ROLLBACK, kw.ROLLBACK),
    (Intent.COST_ANALYSIS, kw.COST),
    (Intent.LOGS, kw.LOGS),
    (Intent.RESTART, kw.RESTART),
    (Intent.OVERVIEW, kw.OVERVIEW),
    (Intent.DEPLOY, kw.DEPLOY),
    (Intent.SCALE, kw.SCALE),
    (Intent.LIST_INGRESSES, kw.LIST_INGRESSES),
    (Intent.LIST_ENDPOINTS, kw.LIST_ENDPOINTS),
    (Intent.ENDPOINT, kw.ENDPOINT),
)
_KEYWORDS = dict(_VERB_RULES)
_ACT_INTENTS = {
    Act.DEPLOY: Intent.DEPLOY,
    Act.SCALE: Intent.SCALE,
    Act.RESTART: Intent.RESTART,
    Act.ROLLBACK: Intent.ROLLBACK,
}
_MUTATIONS = frozenset(_ACT_INTENTS.values())
_RESOURCE_NOUNS: tuple[tuple[str, kw.Keywords], ...] = (
    ("pod", kw.POD),
    ("deployment", kw.DEPLOYMENT),
    ("service", kw.SERVICE),
    ("namespace", kw.NAMESPACE),
)
_LIST_OF = {
    "pod": Intent.LIST_PODS,
    "deployment": Intent.LIST_DEPLOYMENTS,
    "service": Intent.LIST_SERVICES,
    "namespace": Intent.LIST_NAMESPACES,
}
_SINGULAR = LazyPattern(r"\b(?:deployment|service)\b")
_PLURAL = LazyPattern(r"\b(?:deployments|services|svc)\b")
_DETAIL_OF = {"service": Intent.GET_SERVICE, "deployment": Intent.GET_DEPLOYMENT}
# An operation's noun before a noun of one of its aspects (its progress, failure, cause, result, record).
_ASPECT_OF_OPERATION = LazyPattern(
    r"(?:배포|재배포|재시작|재기동|롤백|복원|스케일(?:링)?|deploy(?:ment)?|restart|rollback|scaling)"
    r"(?:의|가|이)?(?:진행|상황|실패|원인|결과|기록|이력|내역|횟수|시간|시각|여부|완료|성공|에러|오류|문제|로그)"
)
# An operation's noun in the locative or the genitive (에, 에서, 에다(가), 의): where something is done or
# whose it is ("X deploy에 라벨 붙여줘", "배포에 태그 달아줘"), the app's deployment named, not the object of
# the verb; the operation is what the thing is done to, never what is asked to run.
_OPERATION_AS_PLACE = LazyPattern(
    r"(?:배포|재배포|재시작|롤백|스케일(?:링)?|deploy(?:ment)?s?|restart|rollback)(?:에다가|에다|에서|에|의)",
    needs=("배포", "재시작", "롤백", "스케일", "deploy", "restart", "rollback"),
)
# A verb none of ours closing the clause takes the noun right before it as its object: the operation's noun asks
# for the operation only as that object ("리스타트 쳐줘", "배포 좀 쏴줘"); followed by a noun of its own, it says what
# that noun is of ("배포 락 풀어줘", "롤백 버튼 눌러줘", "배포 파이프라인 고쳐줘"), and the verb acts on that noun.
# Between them only adverbs (a closed class) may stand; the light verb 하다 makes the noun before it the act
# ("재시작 한 번 더 해줘"), so it takes none.
_OPERATION_THEN_OBJECT = LazyPattern(
    r"(?<![가-힣§])(?:재배포|배포|재시작|재기동|재가동|리스타트|롤백|스케일링|스케일)\s+(?P<object>[가-힣]+?)(?:을|를|은|는|도)?"
    r"\s+(?P<verb>[가-힣]+)(?:\s+(?:줘|줘요|주세요|주십시오|주시겠어요|줄래|줄래요|주라|봐|봐요))?[\s.!~]*$",
    needs=("배포", "재시작", "재기동", "재가동", "리스타트", "롤백", "스케일"),
)
_ADVERBS = frozenset(
    {"좀", "빨리", "얼른", "바로", "지금", "당장", "즉시", "다시", "또", "더", "꼭", "제발", "먼저", "일단", "그냥"}
    | {"한번", "살짝", "후딱", "어서", "계속", "미리", "같이", "함께", "다", "전부", "모두", "싹"}
)
# A word with the particle of a place, a goal or a means is an adverbial, never the object (a closed class).
_ADVERBIAL = LazyPattern(r"(?:에|에서|에다|로|으로|까지|부터|만|랑|이랑|하고|와|과)$")
# The light verb 하다 with its endings alone ("해줘", "해 주세요", "하자"), and a verb's request ending ("풀어줘").
_LIGHT_VERB = LazyPattern(r"^(?:해|하|합)(?:[줘주줄요자라봐세십시겠래]|$)")
_ASKING_VERB = LazyPattern(r"(?:줘|주세요|주십시오|주시겠어요|줄래|줄래요|주라|봐|봐요|해|하자|해라|할래|합시다)$")


def _operation_modifies_the_object(words: str) -> bool:
    """ "배포 락 풀어줘", "lift the deploy freeze": the operation's noun modifies the noun that is the object of a
    verb none of ours."""
    if OPERATION_MODIFIES_EN.search(words) is not None:
        return True
    found = _OPERATION_THEN_OBJECT.search(words)
    if found is None or found["object"] in _ADVERBS or _LIGHT_VERB.match(found["verb"]) is not None:
        return False
    if _ADVERBIAL.search(found["object"]) is not None or ENVIRONMENT_TOKEN.fullmatch(found["object"]) is not None:
        return False  # "배포 스테이징에 쏴줘", "배포 운영 쏴줘": where it goes, no object
    return _ASKING_VERB.search(found.group(0).rstrip(" .!~")) is not None


# `words` shows a name as §.
# "저장소로 배포된 애플리케이션의 상태": the participle describes the app, named or by its kind word.
_DEPLOYED_NAME = LazyPattern(
    r"배포(?:된|한|중인|되어\s?있는)\s+(?:§|[A-Za-z0-9][\w.-]*|애플리케이션|어플리케이션|어플|앱)(?:\s|의|$)(?!\s*(?:목록|리스트))"
)
_PARTICIPLE = LazyPattern(r"배포(?:된|한|중인|되어있는)")
# The scale as it is set, not as it runs: its setting ("스케일 설정", "replica 설정값") or the state it
# was left in ("몇 개로 스케일돼 있는지"). That is the deployment's spec, a deployment read.
_SCALE_SETTING = LazyPattern(
    r"(?:스케일(?:링)?|레플리카|replicas?)(?:수|개수)?(?:의)?(?:설정|세팅|스펙|spec|config)(?!(?:좀)?(?:해|하))"
    r"|스케일(?:링)?(?:돼|되어|된)(?:있|잡혀)",
    re.IGNORECASE,
    needs=("스케일", "레플리카", "replica"),
)
_DEPLOY_STATUS = LazyPattern(r"배포(?:의|가|는)?(?:상태|헬스)", needs=("배포",))
_DEPLOY_STATUS_EN = LazyPattern(r"\bdeploy(?:ment)?\s+(?:status|health|state)\b", needs=("deploy",))
_DEPLOYED = LazyPattern(
    # The noun may follow the name it is of ("배포한 evcharge-api 서비스").
    r"(?:배포|deploy|rollout)\s*(?:된|중인|한|되어있는)§?(?:파드|팟|포드|서비스|svc|pod|service|네임스페이스)"
)


# The first person's future, closing the clause: -ㄹ게(요) on any verb ("할게", "올릴게요"), or -ㄹ
# 거야 / 거예요 / 겁니다 / 예정 ("할 거야", "할 예정입니다").
# An English clause that opens with its subject and a finite or modal verb states; it does not ask.
_ENGLISH_STATEMENT = LazyPattern(
    r"^(?:i|we|they|he|she|someone|somebody|§|[a-z][\w-]*)\s+(?:was|were|will|am|'m|'ll|'re|'ve|have|has|had"
    r"|got|already|just|is going to|are going to|am going to)\b|^i'm\b|^we're\b|^i'll\b|^we'll\b"
    # A person's past act ("we requested a restart of X yesterday"): what was done, not what is asked.
    r"|^(?:i|we|they|he|she|someone|somebody)\s+[a-z]*[a-df-z]ed\b"
)
# Whether to do it, weighed and not decided: -ㄹ까 / -ㄹ지 before a verb of thinking or not knowing
# ("재시작 해볼까 고민중", "롤백할지 말지 모르겠네").
_WEIGHED = LazyPattern(
    r"(?:할|볼|될|갈)(?:까|지)[가-힣]{0,4}(?:고민|생각|모르|몰라|궁금|말지|결정|망설|걱정)",
    needs=("고민", "생각", "모르", "몰라", "궁금", "말지", "결정", "망설", "걱정"),
)
_ASKED = LazyPattern(r"줘|주세요|주십시오|부탁")  # a request made elsewhere in the clause stands
# How the speaker feels, closing the message ("배포 버튼 누르는 거 아직도 무서워요 ㅠ", "롤백할 때마다 불안해요",
# "재시작은 늘 겁나"): a worry told, nothing asked, whatever operation it is about. 불안정 (unstable) tells
# of an app, not of the speaker.
_FELT = LazyPattern(
    r"(?:무서|무섭|두려|두렵|겁나|겁이나|겁난|불안(?!정)|걱정(?:돼|되|이|스러|스럽)|떨려|떨리|긴장(?:돼|되)|조마조마|찝찝)"
    r"[가-힣]{0,5}[^가-힣A-Za-z0-9]*$",
    needs=("무서", "무섭", "두려", "두렵", "겁", "불안", "걱정", "떨", "긴장", "조마조마", "찝찝"),
)
# A request withdrawn as the message ends ("아 잠깐, X 재시작 말고", "cart 빼고요"): what is set aside is no
# longer asked, and nothing is put in its place. "-지 말고" ("배포는 하지 말고") forbids an act beside another
# request; it withdraws nothing.
_WITHDRAWN = LazyPattern(r"(?<!지)(?:말고|말구|빼고)(?:요)?[^가-힣A-Za-z0-9]*$", needs=("말고", "말구", "빼고"))
_SPEAKERS_PLAN = LazyPattern(rf"[{_FINAL_L}](?:게|께)(?:요)?\W*$|[{_FINAL_L}](?:거야|거예요|겁니다|예정)[가-힣]*\W*$")


@dataclass(frozen=True, slots=True)
class Classification:
    intent: Intent
    resource_type: str | None = None
    sure: bool = True
    """False when the intent is a guess: a read with nothing but a target, or words of two different
    reads in one clause where the rule order picked one (the interpreter stays below the skip threshold)."""
    rule: str = "keyword"
    """Which rule decided (part of the reading path calibration.py measures): `act` (the predicate),
    `keyword` (an intent's own words), `resource` (a kind word: list, detail or status of it),
    `status` (a status word), `deploy_status` (a status word after a deploy noun: the app's or its
    deployment's?), `help`, `counted_pods`, `guessed_status` (a read naming only a target),
    `nouns` (no predicate: a mutation taken from its noun), `counted` (a target and a bare count),
    `sent` (a target, an environment and "go")."""


# Reads whose words may meet in one request ("엔드포인트 목록", "롤백 이력") are one family; words of two
# families in one clause ("endpoint for billing" with billing a cost word) leave the choice open.
_FAMILIES = {
    Intent.LIST_COMMANDS: "help",
    Intent.LIST_ROLLBACK: "rollback",
    Intent.COST_ANALYSIS: "cost",
    Intent.LOGS: "logs",
    Intent.OVERVIEW: "overview",
    Intent.LIST_INGRESSES: "address",
    Intent.LIST_ENDPOINTS: "address",
    Intent.ENDPOINT: "address",
}


def _competing(norm: NormalisedText) -> bool:
    found = {family for intent, family in _FAMILIES.items() if _KEYWORDS[intent].found_in(norm)}
    return len(found) > 1


def resource_noun(norm: NormalisedText, entities: Entities | None = None) -> str | None:
    """The kind of resource the clause is about. The namespace word that labels a named namespace
    ("qa 네임스페이스에서 search-web 상태") says where, not what."""
    labelled_namespace = entities is not None and entities.references.namespace is not None
    kinds = [
        kind
        for kind, words in _RESOURCE_NOUNS
        if words.found_in(norm) and not (kind == "namespace" and labelled_namespace)
    ]
    if not kinds and _SCALE_SETTING.search(norm.words_compact):
        kinds = ["deployment"]
    if len(kinds) > 1 and "deployment" in kinds and _DEPLOYED.search(norm.words_compact):
        # "배포된 서비스 목록": the participle describes the noun after it, which is what is asked for.
        kinds.remove("deployment")
    if (
        kinds == ["deployment"]
        and _DEPLOYED_NAME.search(norm.words)
        and not kw.DEPLOYMENT.english.search(norm.words)
        and not kw.DEPLOYMENT.korean.search(_PARTICIPLE.sub("", norm.words_compact))
    ):
        # "새로 배포한 notice-api 잘 떠 있어?": the participle describes the app named after it; no
        # deployment object is asked about.
        kinds.remove("deployment")
    return kinds[0] if kinds else None


def _about_resource(kind: str, norm: NormalisedText, entities: Entities) -> Classification:
    if kind == "namespace":
        return Classification(Intent.LIST_NAMESPACES, rule="resource")
    wants_status = kw.STRONG_STATUS.found_in(norm) or kw.WEAK_STATUS.found_in(norm)
    if not entities.has_target:
        # "돌아가는 파드들 보여줘": running describes the pods shown; "디플로이먼트들 확인 부탁" looks at them.
        # Neither asks how they are, so the plural lists them.
        wants_status = wants_status and _asks_how_they_are(norm)
        # "get deployment" (singular, no name) asks for one, whose name is then missing.
        one = _SINGULAR.search(norm.words) is not None and not _PLURAL.search(norm.words)
        if kind in _DETAIL_OF and (kw.DETAIL.found_in(norm) or one) and not kw.LISTING.found_in(norm):
            return Classification(_DETAIL_OF[kind], rule="resource")
        if wants_status and not kw.LISTING.found_in(norm):
            return Classification(Intent.STATUS, kind, rule="resource")
        if wants_status and not _lists_beyond_the_plural(norm):
            # "qa 네임스페이스 파드들 괜찮은지 봐줘": the plural only says the pods are many; how they are
            # doing is asked, which is the status of the place they are in.
            return Classification(Intent.STATUS, rule="resource")
        return Classification(_LIST_OF[kind], rule="resource")
    if kind == "deployment" and (
        (kw.COUNT_QUESTION.found_in(norm) and _REPLICA_NOUN.search(norm.words))
        or _SCALE_SETTING.search(norm.words_compact)
    ):
        # "how many replicas does the api deployment have?", "몇 개로 스케일돼 있는지": the count is in
        # the deployment's spec.
        return Classification(Intent.GET_DEPLOYMENT, rule="resource")
    if kind == "deployment" and _SPEC_FIELD.search(norm.words):
        # "what image is the api deployment running?", "web 디플로이먼트 이미지 태그": the image is in the
        # deployment's spec, whatever verb of running asks for it.
        return Classification(Intent.GET_DEPLOYMENT, rule="resource")
    if _MANY.found_in(norm) and not kw.DETAIL.found_in(norm) and _one_place(entities):
        # "social 서비스 뭐뭐 있냐", "retail 파드들 뭐 떠있어": many of the kind are asked for, so the one
        # name is where they are, not one of them (assemble reads it as the list's namespace).
        return Classification(_LIST_OF[kind], rule="resource")
    if kind in _DETAIL_OF and (kw.DETAIL.found_in(norm) or not wants_status):
        return Classification(_DETAIL_OF[kind], rule="resource")
    return Classification(Intent.STATUS, kind, rule="resource")


# Many of a kind asked for: a listing word, or a plural kind word ("파드들") with a word that asks
# which ones ("뭐 떠있어", "보여줘"); "파드들 다 Running이야?" asks whether, about the app's pods.
_MANY = kw.Keywords(
    korean=LazyPattern(
        # "파드 뭐 떠있음": which ones there are, with any verb of being there (있, 떠 있, 돌아가, 올라가 있).
        r"목록|리스트|전부|모두|모든|다보여|뭐(?:가)?(?:있|떠|돌[아고]|올라)|뭐뭐|싹|(?:파드|팟|포드|서비스|디플로이먼트|엔드포인트|앱)들.*(?:뭐|무엇|어떤|보여|알려)"
        # "lims의 deployments": a plural kind word owned by the one name, which is where they are.
        r"|의(?:pods|deployments|services)(?![a-z])"
        # "payroll-staging에 어떤 deployments 올라가 있는지": which ones there are.
        r"|어떤.*(?:있|떠|돌아)"
        # "quiz-ns에 서비스 몇 개나 있어?": how many of the kind there are is answered by the list of
        # them (a count before the kind word counts the app's copies: "web 몇 개 떠 있는지 상태 봐줘").
        r"|(?:파드|팟|포드|서비스|디플로이먼트|앱|pods?|services?|deployments?)(?:가|이|는|은)?몇개(?:나|정도|쯤|가)?(?:있|떠|돌[아고]|올라)"
        # "civic-prod 서비스들": many of a kind an app has one of, said alone, are the place's.
        r"|(?:서비스|디플로이먼트)들[?!.~]*$"
    ),
    english=LazyPattern(r"\b(?:list|enumerate|all|every|which)\b"),
)
_SPEC_FIELD = LazyPattern(r"이미지|\bimages?\b|\bimage\s*tags?\b", re.IGNORECASE, needs=("이미지", "image"))
_REPLICA_NOUN = LazyPattern(r"레플리카|복제본|인스턴스|\breplicas?\b|\binstances?\b", re.IGNORECASE)


# A verb of running as a participle before the kind word ("돌아가는 파드", "떠 있는 서비스들"): which
# ones, not how they are.
_RUNNING_KIND = LazyPattern(
    r"(?:돌아가는|돌고있는|떠있는|실행중인|살아있는)(?=(?:파드|팟|포드|서비스|디플로이먼트|앱))",
    needs=("돌아가는", "돌고있는", "떠있는", "실행중인", "살아있는"),
)
# The bare verbs of looking, which ask to see the many a plural names ("디플로이먼트들 확인 부탁"), not how.
_LOOKING = LazyPattern(r"확인|체크", needs=("확인", "체크"))


# "how many pods are running in X?": how many of a kind there are, as "서비스 몇 개나 있어?" asks (_MANY), is
# answered by the list of them; the count asks nothing about how they are.
_HOW_MANY_OF_A_KIND = LazyPattern(
    r"\bhow\s+many\s+(?:pods|services|deployments|apps|applications)\b", re.IGNORECASE, needs=("many",)
)


def _asks_how_they_are(norm: NormalisedText) -> bool:
    """A status word left once the participles of running before a kind word (and, with the kind word
    plural, the verbs of looking) are set aside; English words stand as they are, but for how many of a kind
    there are."""
    english = _HOW_MANY_OF_A_KIND.sub(" ", norm.words)
    if kw.STRONG_STATUS.found_in(norm) or kw.WEAK_STATUS.english.search(english) is not None:
        return True
    compact = _RUNNING_KIND.sub("", norm.words_compact)
    if _KIND_PLURAL.search(compact):
        compact = _LOOKING.sub("", compact)
    return kw.WEAK_STATUS.korean.search(compact) is not None


# A plural marker on a kind word ("파드들"), which LISTING counts as a list of that kind.
_KIND_PLURAL = LazyPattern(r"(파드|팟|포드|서비스|디플로이먼트|앱)들", needs=("들",))


def _lists_beyond_the_plural(norm: NormalisedText) -> bool:
    """A listing word, or a question of which ones there are, other than the kind word's plural
    marker ("파드들 목록", "서비스들 뭐 돌아가는지", "all pods")."""
    if kw.LISTING.english.search(norm.words) is not None or _MANY.english.search(norm.words) is not None:
        return True
    singular = _KIND_PLURAL.sub(r"\1", norm.words_compact)
    return kw.LISTING.korean.search(singular) is not None or _MANY.korean.search(singular) is not None


def _one_place(entities: Entities) -> bool:
    """One name and nothing else that could be a target: it can stand for the place of a list."""
    return entities.references.repository is None and len({name.value.lower() for name in entities.names}) == 1


# A request ending (줘, 주세요) closing the command: it asks for something done, not a question.
_REQUEST_ENDING = LazyPattern(r"(?:줘|주세요|주십시오|줄래요?)\W*$", needs=("줘", "주세요", "주십시오", "줄래"))


def _asks_for_a_count(intent: Intent, norm: NormalisedText) -> bool:
    """ "web-app 레플리카 몇 개야?" asks about replicas; it does not ask to change them. Under a
    request ending whose verb is not a read ("레플리카 몇 개 더 붙여줘") 몇 is a few, left open."""
    if intent is not Intent.SCALE or not kw.COUNT_QUESTION.found_in(norm) or kw.SCALE_VERB.found_in(norm):
        return False
    return not _a_few_asked_for(norm)


def _a_few_asked_for(norm: NormalisedText) -> bool:
    return kw.COUNT_QUESTION.found_in(norm) and _REQUEST_ENDING.search(norm.text) is not None


# "how is api", "how's cart doing?": a how-is question whose subject is a bare word, with no article (a
# noun of everyday chat takes one: "how is the weather"), asks after that word as a name.
_HOW_IS_BARE = LazyPattern(
    r"^\s*how(?:'s| is)\s+(?P<name>[a-z][a-z0-9-]*)\s*(?:doing|going|looking|holding\s+up)?\s*(?:now|today)?[\s?.!]*$",
    re.I,
    needs=("how",),
)


def _asks_how_a_name_is(norm: NormalisedText, entities: Entities) -> bool:
    how = _HOW_IS_BARE.match(norm.lower)
    return how is not None and any(name.value.lower() == how["name"] for name in entities.names)


def _names_an_app(entities: Entities) -> bool:
    if entities.references.repository is not None:
        return True
    return any(name.kind is not None or _LOOKS_LIKE_APP.search(name.value) for name in entities.names)


# What asks for one thing ("엔드포인트 뭐야", "what's the endpoint?"): a question, not a noun phrase.
_ASKS_FOR_ONE = LazyPattern(r"뭐|뭔|무엇|어디|알려|\bwhat|\bwhere|\?")


def told_not_asked(norm: NormalisedText) -> str | None:
    """What the message's last words do when no request ending is anywhere in it: "felt" (a worry closing
    it, "X가 죽을까봐 걱정이야"), "withdrawn" (a request taken back, "아 잠깐, X 재시작 말고"), or None."""
    compact = norm.words_compact
    if _ASKED.search(compact):
        return None
    if _FELT.search(compact):
        return "felt"
    return "withdrawn" if _WITHDRAWN.search(compact) else None


def classify(
    norm: NormalisedText, entities: Entities, known_targets: frozenset[str], act: Act = Act.NONE
) -> Classification:
    """The intent of one clause whose predicate asks for `act`.

    A mutation's predicate decides the intent outright. A read never becomes a mutation, whatever
    nouns it mentions ("배포 설정 보여줘" reads a deployment). With no predicate (a noun phrase such
    as "파드 목록"), the keywords decide, mutations included.
    """
    if act in _ACT_INTENTS:
        return Classification(_ACT_INTENTS[act], rule="act")
    # Nouns only name things: "web-app 배포 정보" reads, whatever 배포 could mean elsewhere.
    found = _by_keywords(norm, entities, known_targets, reading=True)
    counted = entities.quantities.replicas is not None or entities.quantities.replicas_relative
    image = entities.references.image
    if (
        act is Act.NONE
        and image is not None
        and _TAGGED.search(image)
        and found.intent in (Intent.UNKNOWN, _LIST_OF["pod"])
    ):
        # No predicate, and a tagged image to run ("web web:1.2 dev에 1개"): the slots of a deploy,
        # whatever count they carry; a count alone would be a scale, but a scale takes no image.
        return Classification(Intent.DEPLOY, sure=False, rule="image")
    if act is Act.NONE and counted and _LIST_OF["pod"] in (found.intent, _LIST_OF.get(found.resource_type or "")):
        # No predicate, and the pods are counted ("web-app to 4 pods"): the count is asked for, not a read.
        return Classification(Intent.SCALE, rule="counted_pods")
    if (
        found.intent is Intent.ENDPOINT
        and kw.LISTING.found_in(norm)
        and (not entities.has_target or (_one_place(entities) and entities.names[0].kind in (None, "located")))
    ):
        # "엔드포인트 싹 다 보여줘": no one service named, and all of them asked for.
        found = replace(found, intent=Intent.LIST_ENDPOINTS)
    if (
        act is Act.NONE
        and found.intent is Intent.ENDPOINT
        and not entities.has_target
        and entities.references.namespace is not None
        and _ASKS_FOR_ONE.search(norm.lower) is None
    ):
        # "kube-system 엔드포인트": a noun phrase of a namespace's endpoints, which it has many of; asked
        # for one ("엔드포인트 뭐야 X 네임스페이스"), the service it belongs to is missing.
        found = replace(found, intent=Intent.LIST_ENDPOINTS)
    if found.intent is Intent.OVERVIEW:
        found = _all_of_a_kind(norm, entities) or found
    if act is Act.NONE and found.rule == "weak_status" and _a_few_asked_for(norm):
        # "레플리카 몇 개 더 붙여줘": the verb is unknown, but 몇 under a request ending asks for a few
        # more, not how many; the nouns decide as for any command without a predicate.
        found = Classification(Intent.UNKNOWN, rule="none")
    if found.intent is not Intent.UNKNOWN:
        return found if found.intent not in _FAMILIES or not _competing(norm) else replace(found, sure=False)
    if act is Act.READ:
        # A read about a named app's replicas, restarts or deploys ("worker 재시작 횟수 알려줘") asks for its status.
        # A Korean question about how a named thing is doing ("crawler 괜찮냐") is about that app too;
        # in English a plain noun reads as a name ("how is the weather?"), so there it is not enough.
        about_an_app = (
            _names_an_app(entities)
            or mentions_an_operation(norm.words_compact)
            or kw.SCALE.found_in(norm)
            or kw.WEAK_STATUS.korean.search(norm.words_compact) is not None
            or _asks_how_a_name_is(norm, entities)
        )
        status = Intent.STATUS if entities.has_target and about_an_app else Intent.UNKNOWN
        return Classification(status, sure=False, rule="guessed_status")
    # No predicate at all ("web-app 복제본 3개"): a mutation noun may still be the request, but only
    # a likely one (the interpreter lowers its confidence below the models' skip threshold). A noun
    # phrase that lists ("디플로이 목록") reads, whatever its nouns could mean as a request.
    if kw.LISTING.found_in(norm) and not counted and not _a_few_asked_for(norm):
        return found
    if (
        (
            _SPEAKERS_PLAN.search(norm.words_compact)
            or _WEIGHED.search(norm.words_compact)
            or _FELT.search(norm.words_compact)
        )
        and not _ASKED.search(norm.words_compact)
    ) or (not entities.korean and _ENGLISH_STATEMENT.search(norm.words)):
        # "web 배포는 내일 할게", "롤백은 제가 할 거예요", "we will restart web tomorrow", "web was
        # scaled to 5": a statement of what someone will do or what was done; nothing is asked of
        # the assistant, whatever operation is named.
        return found
    if _ASPECT_OF_OPERATION.search(norm.words_compact) and not counted:
        # "payments 배포 진행 상황", "배포 실패 원인": the operation's noun modifies the noun after it,
        # which is what is asked about; no operation is asked for.
        status = Intent.STATUS if entities.has_target else Intent.UNKNOWN
        return Classification(status, sure=False, rule="guessed_status")
    if act is Act.NONE and not counted and _OPERATION_AS_PLACE.search(norm.words_compact):
        # "X deploy에 라벨 붙여줘": an unknown verb done at or to the operation's resource asks for none.
        return Classification(Intent.UNKNOWN, rule="none")
    if (
        act is Act.NONE
        and not counted
        and _operation_modifies_the_object(norm.words)
        and deferred(norm.text) is not Deferred.SCHEDULED
    ):
        # "배포 락 풀어줘", "X 롤백 버튼 눌러줘": an unknown verb done to what the operation's noun modifies. A
        # booking of the change ("재시작 예약 걸어줘") is the change asked for later, which deferral.py refuses.
        return Classification(Intent.UNKNOWN, rule="none")
    guessed = _by_keywords(norm, entities, known_targets, reading=False)
    if guessed.intent is Intent.UNKNOWN and entities.has_target and _BARE_COUNT.search(norm.text) is not None:
        # Nothing but a target and a count of copies ("ticket-api 4개 ㄱ"): the count is asked for, likely.
        return Classification(Intent.SCALE, rule="counted")
    if (
        guessed.intent is Intent.UNKNOWN
        and len(entities.names) == 1
        and entities.references.environment is not None
        and _ONLY_GO.search(entities.leftover) is not None
    ):
        # Nothing but an app, an environment and "go": the app is sent there, likely.
        return Classification(Intent.DEPLOY, rule="sent")
    return guessed


# The overview's own nouns, as opposed to its adverbs ("한눈에", "전체적으로"), which only say "all of it".
_OVERVIEW_NOUN = LazyPattern(
    r"(?:전체|전반)(?:적인?)?(?:상황|현황|상태|요약|개요)|개요|오버뷰|대시보드|overview|summary"
)


# How things are doing, asked of them all ("서비스들 다 괜찮은지 전체적으로", "are our services fine overall"): their
# health as a whole, which no list of names tells.
_HOW_ALL_ARE = kw.Keywords(
    korean=LazyPattern(
        # "어떤 상황인지": what state they are in, asked of them all.
        r"괜찮|어때|어떤지|어떤\s?(?:상황|상태)|어떰|어떻게\s?돌|정상|문제\s?없|문제\s?있|멀쩡|잘\s?(?:돌|되|살)|건강",
        needs=("괜찮", "어때", "어떤", "어떰", "어떻게", "정상", "문제", "멀쩡", "잘", "건강"),
    ),
    english=LazyPattern(r"\b(?:ok|okay|fine|healthy|doing|alright|all right)\b", re.IGNORECASE),
)


def _all_of_a_kind(norm: NormalisedText, entities: Entities) -> Classification | None:
    """ "엔드포인트 전부 한눈에", "배포 현황 전체적으로": the whole of one kind of resource, at most in
    one place, is that kind's list; only with no kind named, the overview's own noun heading the
    request ("배포된 앱들 전체 현황"), or how they all are asked ("서비스들 다 괜찮은지 전체적으로"), is it
    the overview."""
    one_place = _one_place(entities) and entities.names[0].kind in (None, "located")
    if _OVERVIEW_NOUN.search(norm.words_compact) or (entities.has_target and not one_place):
        return None
    if _HOW_ALL_ARE.found_in(norm):
        return None
    for intent, words in ((Intent.LIST_ENDPOINTS, kw.LIST_ENDPOINTS), (Intent.LIST_INGRESSES, kw.LIST_INGRESSES)):
        if words.found_in(norm):
            return Classification(intent, rule="resource")
    kind = resource_noun(norm, entities)
    if kind in ("pod", "deployment", "service"):
        return Classification(_LIST_OF[kind], rule="resource")
    return None


_WHAT_RUNS = LazyPattern(r"(?:뭐|무엇)(?:가|이)?(?:돌아가|돌고|떠있|실행중|올라가있)", needs=("뭐", "무엇"))
_WHAT_RUNS_EN = LazyPattern(r"\bwhat(?:'s|s|\s+is)\s+(?:currently\s+|actually\s+)?running\b", needs=("running",))


def _by_keywords(
    norm: NormalisedText, entities: Entities, known_targets: frozenset[str], *, reading: bool
) -> Classification:
    for intent, words in _VERB_RULES:
        if reading and intent in _MUTATIONS:
            continue
        if intent is Intent.LIST_COMMANDS and kw.OTHER_TOOL.found_in(norm):
            continue  # another tool's commands are asked about, not this assistant's
        if intent is Intent.LIST_INGRESSES and kw.INSIDE_CLUSTER.found_in(norm):
            continue  # addresses used inside the cluster are its endpoints, not the doors into it
        if words.found_in(norm) and not _asks_for_a_count(intent, norm):
            return Classification(intent, rule="keyword" if reading or intent not in _MUTATIONS else "nouns")
    kind = resource_noun(norm, entities)
    if kind is not None:
        return _about_resource(kind, norm, entities)
    runs = _WHAT_RUNS.search(norm.words_compact) or _WHAT_RUNS_EN.search(norm.words)
    if runs and all(name.kind == "located" for name in entities.names):
        # "kube-system에 뭐 돌아가는지", "뭐 떠 있어?": which things run, with no kind named, and at most
        # the place they run in: what runs are pods.
        return Classification(Intent.LIST_PODS, rule="resource")
    if kw.STRONG_STATUS.found_in(norm):
        if _DEPLOY_STATUS.search(norm.words_compact) or _DEPLOY_STATUS_EN.search(norm.words):
            # "checkout 배포 상태": the app's status or its deployment's; readers of both kinds were
            # measured, so the reading stays a likely one (calibration.py: `deploy_status` is never sure).
            return Classification(Intent.STATUS, rule="deploy_status")
        return Classification(Intent.STATUS, rule="status")
    # Weak words ("어때", "how is") also open everyday chat: only a name that looks like an app counts,
    # or one name that is all the question is about ("is cart up?", "check cart").
    if kw.WEAK_STATUS.found_in(norm) and (
        _names_an_app(entities)
        or any(name.value.lower() in known_targets for name in entities.names)
        or (
            len(entities.names) == 1
            and (_STATUS_FRAME_EN.search(norm.words) is not None or _STATUS_FRAME_KO.search(norm.words) is not None)
        )
    ):
        return Classification(Intent.STATUS, rule="weak_status")
    if kw.HELP_ANYWHERE.found_in(norm):
        return Classification(Intent.LIST_COMMANDS, rule="help")
    return Classification(Intent.UNKNOWN, rule="none")
