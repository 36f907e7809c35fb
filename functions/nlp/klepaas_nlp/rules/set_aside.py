"""What the user set aside, withdrew or put off, dropped before the command is read.

"비용 말고 상태만 보여줘", "deploy it? no, just its status", "스케일은 다음 주에 하고, 지금은 …": the part
set aside names an act or a target the user does not ask for, so the rules read only the rest. So do a noun
phrase set aside whole ("X 같은 거 말고"), what is left alone ("but leave X alone") and the names a choice is
made among ("X랑 Y 중에 Y만").
"""

from __future__ import annotations

import re

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.corrections import renamed
from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_L as _FINAL_L
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import ASKS, names_a_read
from klepaas_nlp.rules.names import KIND_WORDS
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.numbers import NUMBER
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    mentions_an_operation,
    operations_before,
    predicate,
)
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_TOKEN

# The kind word a name may be written with ("auth 파드", "cart 서비스"): set aside with the name.
_KIND = rf"(?:\s+(?:{KIND_WORDS})(?![A-Za-z]))?"
# What turns down the word before it: 말고 (말구 as spoken), or 아니라 / 아니고 after a subject's particle
# ("파드 목록이 아니라 배포 목록"): not this but what follows. The particle may be left out as spoken, and the
# declarative 아니다 may stand between the two ("X 재시작 아니고 Y 재시작", "X 재시작 아니다 Y 재시작").
_NOT_BUT = r"(?:(?:(?:은|는|을|를|도)\s*)?말[고구](?:요)?|(?:(?:이|가)\s*)?아니(?:라|고|다))"
# A word ending as a verb asked or told (롤백해, 보여 줘, 봐, …요): it is the request, never a noun set aside
# ("X 롤백해 배포말고", "… 보여 줘 엔드포인트 말구").
_NOT_A_VERB = r"(?![가-힣]*(?:해|줘|봐|요)\s)"
# "X 말고 Y" (not X but Y), "재시작하지 말고", "instead of X": X is what the user does not ask for;
# "배포하지 마", "don't deploy": the act is forbidden, not asked for.
_NOT_THIS = LazyPattern(
    # "배포는 하지 말고": the light verb 하다 forbids the noun it carries, written before it with a particle.
    # "롤백 하지 마", "deploy는 하지 말고요": so is a bare noun or a Latin one spaced before it, an
    # adverb of time or degree between them ("배포는 아직 하지 마") modifying the 하지.
    # The app named before the noun ("X 배포는 하지 말고 …") is the forbidden act's object; the rest may
    # still be about it when it names no app of its own (see _set_aside). An operation's noun may
    # stand before the noun it heads ("스케일 조정은 아직 하지 마").
    r"(?:^|\s)(?:(?P<topic>[A-Za-z0-9]+(?:[-_./:@][A-Za-z0-9]+)+)\s+)?(?:(?:스케일|배포|롤백|재시작|재배포)\s+)?"
    # "딴 건 하지 말고", "다른 거는 하지 마": the determiner that picks out another goes with the noun it describes.
    r"(?:(?:다른|딴|아무)\s?)?(?:[가-힣]+(?:\s?(?:은|는|을|를|도))?|[A-Za-z]+\s?(?:은|는|을|를|도)?)"
    r"(?:\s+(?:아직|아직은|절대|절대로|당분간|일단|굳이))?\s+하지\s*"
    r"(?:말고(?:요)?|마(?:요|세요|라|십시오|시오)?)(?=[\s.!,]|$)"
    # "staging 네임스페이스 말고", "kube-system에 있는 거 말고": a place set aside goes with its name, and a
    # thing set aside with the place that describes it.
    # "recsys 네임스페이스가 아니라": so does one said not to be the place.
    r"|(?:^|\s)\S+\s*(?:네임스페이스|namespace|ns|환경)(?:(?:은|는)?\s*말고|\s*(?:이|가)?\s*아니(?:라|고))(?=\s|$)"
    r"|(?:^|\s)\S+\s?(?:에|에서)\s*(?:있는|떠\s?있는|돌아가는|도는|뜬)\s+(?:거|것|놈|애|앱)(?:은|는)?\s*말고(?=\s|$)"
    # "orders 앱 같은 거 말고": the noun phrase set aside is whole, the word its adnominal (같은, 비슷한: like)
    # describes included; the bound noun alone ("거") would leave that word to be read as a target.
    r"|(?:^|\s)\S+" + _KIND + r"\s*(?:같은|비슷한|따위의?)\s*(?:거|것|건|걸|애|놈|앱|류)\s*(?:(?:은|는|을|를|도)\s*)?"
    r"말고(?=\s|$)"
    # "orders 랑 payments 중에 payments 만 재시작해줘": the names a choice is made among (…중에, …중에서) are the
    # set, never the target; the one named after them is the one chosen.
    r"|(?:^|\s)[A-Za-z0-9][\w.-]*(?:\s*(?:랑|이랑|하고|와|과|및|,)\s*[A-Za-z0-9][\w.-]*)+" + _KIND + r"\s*"
    r"(?:(?:둘|셋|두\s?개|세\s?개)\s*)?중(?:에서|에|엔)?(?=\s+[A-Za-z0-9])"
    # "but leave orders alone", "and leave the web app as is": what is left alone is no target of the request.
    r"|(?:,?\s*\b(?:but|and)\s+)?\b(?:leave|keep)\s+(?:the\s+)?[A-Za-z0-9][\w./-]*"
    + _KIND
    + r"\s+(?:alone|as\s+(?:it\s+)?is|be|untouched|out\s+of\s+(?:it|this))\b"
    # "tenants 만 말고 전체 개요": 만 말고 (not only X) lifts the restriction to X rather than setting X aside; X
    # goes with it only when the rest widens the request to a whole, naming nothing beside X (see _set_aside).
    # "X 서비스 정보 알려줘, 엔드포인트만 말고 전부": a whole word closing the message only widens the request before.
    r"|(?:^|\s)(?P<only>\S+?)" + _KIND + r"(?:\s*(?:네임스페이스|namespace|ns|환경))?\s*만\s*말[고구](?:요)?,?"
    r"(?:\s+(?P<whole>전부|전체|다|모두)(?=[\s.!~]*$))?(?=\s|$)"
    # "restart 이력 말고": an operation's noun before the noun set aside belongs to it.
    # "파드 목록 말고": the Korean noun phrase set aside, a name before it kept ("web 파드 목록 말고").
    # "cart 재시작 말고 payment 롤백": the app before an operation's noun set aside goes with it when
    # another app is named after (kept as the shared object otherwise: "cart 재시작 말고 롤백"); so does the
    # app before a read's noun ("cart 상태 확인 말고 auth 상태 확인").
    r"|(?:^|\s)(?:(?P<object>[A-Za-z0-9][\w.-]*)\s+(?=(?:재시작|배포|재배포|롤백|스케일|restart|deploy|rollback|scale"
    r"|(?:상태|로그|엔드포인트|주소)\s*(?:확인|조회)?)\s*" + _NOT_BUT + r"))?"
    # "bed-mgr 는 말고": the particle a Latin name's topic takes, spaced off by normalisation, goes with it.
    # A count set aside ("로그 30줄 말고 10줄만") goes alone: the read's noun before it is still asked for.
    # "drm 서비스 로그 말고": the kind word right after a name is the name's (kept when the rest names no
    # kind of its own, see _set_aside), unless a list is of it ("X 파드 목록 말고": the pods listed are set
    # aside); a verb before the word set aside is the request's, never set aside. "X 말고... 음": a pause
    # trailing off after it goes with it. The noun of a read or an operation before a name set aside ("로그
    # tenants 말고 ops 네임스페이스에서", "배포 dev 말고 staging") is the request's, never part of it; a Korean
    # noun before a Korean noun set aside goes with it, but the one of the two naming the read the rest asks
    # for, naming none of its own, is kept ("비용 예측 말고 최적화로": 비용, see _set_aside).
    r"(?:(?:restart|deploy|rollback|scale"
    r"|(?<=[A-Za-z0-9]\s)(?P<kind>"
    + KIND_WORDS
    + r")(?!\s+(?:목록|리스트|lists?\b))|"
    + _NOT_A_VERB
    + r"(?P<shared>[가-힣]+))"
    r"\s+(?!\d))?(?P<word>\S+)\s*" + _NOT_BUT + r"(?:\.{2,}|…|,)?(?=\s|$)"
    # "세 단계가 아니라 두 단계로", "2개 말고 세 개로": a count set aside goes whole, its number word with its counter;
    # the count kept is the other.
    r"|(?:^|\s)" + NUMBER + r"\s*(?:단계|스텝|개|대|줄)\s*" + _NOT_BUT + r",?(?=\s|$)"
    # "auth 파드 말고 billing 파드": a name set aside for another name goes with the kind word written after
    # it ("cart 파드 말고 서비스" keeps cart: only the kind is set aside).
    r"|(?:^|\s)[A-Za-z0-9][\w.-]*" + _KIND + r"\s*(?:(?:은|는|을|를|도)\s*)?말[고구](?=\s+[A-Za-z0-9])"
    # "cost-tracker 앱 말고, 클러스터 비용": a name set aside with its kind word goes with it unless what follows
    # names a kind of its own ("cart 파드 말고 서비스 상태": only the kind is set aside; see _set_aside).
    r"|(?:^|\s)(?P<named>[A-Za-z0-9][\w.-]*)\s*(?:" + KIND_WORDS + r")(?![A-Za-z])\s*(?:(?:은|는|을|를|도)\s*)?"
    r"말[고구](?:요)?,?(?=\s|$)"
    # "data-pipeline 쪽 말고", "music-prod 거 말고": the bound noun after a name (its side, its one) is set aside
    # with it.
    r"|(?:^|\s)[A-Za-z0-9][\w./-]*\s*(?:쪽|거|것|꺼)\s*(?:(?:은|는)\s*)?말[고구](?:요)?,?(?=\s|$)"
    # "web-app 대신 api 재시작해줘": what stands before 대신 (instead of) is set aside.
    # "재배포 ㄴㄴ", "롤백은 노노": ㄴㄴ (no, no) after a word turns it down.
    # "배포는 아직 ㄴㄴ": a topic-marked noun before the word ㄴㄴ follows is what is turned down.
    r"|(?:^|\s)(?:[가-힣]+(?:은|는)\s+)?\S+\s*(?:ㄴㄴ|ᄂᄂ|노노)(?=[\s.!,]|$)"
    r"|(?:^|\s)\S+\s*대신(?:에)?(?=\s|$)|(?:^|\s)\S+지\s*마(?:요|세요|라|십시오|시오)?(?=[\s.!,]|$)"
    # "don't actually roll back": an adverb may stand between the "not" and the verb it forbids.
    # "don't forget to …", "why don't you …": the negation belongs to the asking, nothing is set aside.
    # "never" forbids only opening its clause ("never restart X", "but never X"): after a subject it is an
    # adverb of what is told ("her confirmation never arrived").
    r"|(?:\b(?:don'?t|do not)|(?:^|(?<=[.,;!?:])\s*|(?<=\band\s)|(?<=\bbut\s)|(?<=\bso\s)|(?<=\bjust\s)"
    r"|(?<=\bplease\s)|(?<=\bpls\s))never)\s+(?!(?:forget|hesitate|you|u|we)\b)"
    r"(?:(?:actually|really|just|yet|even|ever)\s+)?\S+(?:\s+(?:back|out|up|down))?"
    r"(?:\s+(?:anything|it|them|that|this)\b)?"
    # "roll back 안 하고 …", "재시작은 하지 않고": what is not done while the rest is asked for.
    r"|(?:^|\s)(?:[A-Za-z]+\s+)?\S+\s+(?:안\s*하고|하지\s*않고)(?=\s|$)"
    # "X 는 재시작하면 안 되고 Y 만 …", "X 는 건드리면 안 되니까": a change forbidden (-면 안 되다) in a clause
    # joined to the rest is set aside with the app it is forbidden for.
    r"|(?:^|\s)(?:(?P<forbidden>[A-Za-z0-9][\w.-]*)\s*(?:은|는|을|를|도)?\s+)?(?:[가-힣]+\s+)?[가-힣]*면\s*(?:절대(?:로)?\s*)?안\s*"
    r"(?:되고|돼고|되니까|되니|되며|되지만|되는데)(?:요)?,?(?=\s|$)"
    # "show me the deployments, not deploy anything": "not" before a change's verb sets it aside.
    # "Not a rollback. I just want to see …": the change's noun with its article, set aside.
    # A deletion forbidden beside the request ("restart X, not delete it") is set aside as a change is.
    r"|(?<!\bwhy\s)\bnot\s+(?:to\s+|an?\s+|the\s+|any\s+)?(?:deploy|redeploy|restart|scale|roll\s?back|revert|reboot"
    r"|delet|remov|kill|wip|eras|purg|destroy|uninstall|drop)\w*(?:\s+(?:anything|it|them))?"
    # "restart X without deleting the pods": what is done without is not asked for, nor its object.
    r"|\bwithout\s+[a-z]+ing\b(?:\s+(?:anything|it|them|(?:the|any|its|their|those)\s+[a-z-]+))?"
    # "…, no changes", "no restarts please": what "no" stands before is not asked for.
    r"|\bno\s+(?:changes?|mutations?|writes?|(?:re)?deploy\w*|restarts?|rollbacks?|roll-?backs?|rollouts?|reboots?"
    r"|bounces?|scaling|rescal\w*|delet(?:e|es|ions?|ing)|remov(?:e|es|als?|ing)|wip(?:e|es|ing))\b"
    # "60 lines, not the default 30": a count set aside ("not 30", "not the usual 30") for the one asked.
    r"|,?\s*\bnot\s+(?:the\s+)?(?:(?!(?:more|less|fewer|over|under|above|below|beyond|exceeding)\b)[a-z]+\s+)?\d+\b"
    r"(?:\s+(?:lines?|replicas?|pods?|copies|instances?))?(?=\s*[.,;!]|\s*$)"
    r"|\b(?:instead of|rather than)\s+(?:(?:its|the|their|my|our)\s+)?\S+"
    # "cart 빼고 나머지 재시작", "all except cart", "everything but cart": what is excluded is never the target.
    # "cart만 빼고", "cart까지 제외하고": the particle of what is excluded may be 만, 까지 or 도 too.
    # "삭제 건은 빼고": a bound noun (건, 쪽, 부분, 요청, 작업) after what is excluded goes with it, and so
    # does its count ("api 하나만 빼고 다 재시작": all but api, never api).
    r"|(?:^|\s)\S+" + _KIND + r"(?:\s*(?:건|것|거|쪽|부분|요청|작업))?(?:\s+(?:하나|한\s?(?:개|대)|둘|두\s?(?:개|대)))?"
    r"\s*(?:은|는|을|를|만|까지|도)?\s*(?:빼고|제외하고|빼면|말고는)(?=\s|$)"
    r"|\b(?:except(?:\s+for)?|excluding|other\s+than|apart\s+from)\s+(?:the\s+)?[A-Za-z0-9][\w./-]*"
    r"|(?:(?<=\beverything)|(?<=\banything)|(?<=\ball))\s+but\s+(?:the\s+)?[A-Za-z0-9][\w./-]*"
    # "cart는 멀쩡해, api 재시작", "cart is fine, restart api": a name said to be fine, as a sentence of its own
    # before the request, is only context ("X is fine but Y is broken. Restart it." stays a question: the
    # contrast may still be what "it" points at).
    r"|(?:^|(?<=[.,;!?]))\s*\S+\s*(?:은|는|이|가)?\s*(?:멀쩡(?:해요|해|합니다|하고|한데|하니까)"
    r"|괜찮(?:아요|아|습니다|고|은데|으니까)|정상(?:이에요|이야|입니다|이고|인데|이니까)"
    r"|문제\s?(?:없어요|없어|없습니다|없고|없는데|없으니까))(?=[\s,.!~]+\S)"
    r"|(?:^|(?<=[.,;!?]))\s*(?:the\s+)?[A-Za-z0-9][\w./-]*\s+(?:is|looks|seems)\s+(?:fine|ok|okay|healthy|good"
    r"|all\s+right|alright)(?=\s*[,;.]\s*\S|\s+(?:so|and|just)\b)"
    # "…, not the cluster cost", "not the pods — which namespaces exist?", "not for X, the other service": a "not"
    # opening a segment of its own (the text's start, or after a comma, a colon or a dash) sets the whole
    # segment aside, up to the mark closing it; never a time ("not now", "not yet": the request is put off) nor a
    # contrast it opens ("not X but Y", read below).
    r"|(?:^|(?<=[,;:—–.?!])|(?<=\s[-–—]))\s*not\s+(?!(?:now|yet|today|tonight|tomorrow|until|till|before|after)\b)"
    r"(?![^,;:—–.!?]*\bbut\b)(?P<segment>[^,;:—–.!?\s][^,;:—–.!?]*?)(?=\s*(?:[,;:—–.!?]|\s-\s|$))"
    # "not guild-chat, restart guild-service", "guild-chat 아니고 …": the one named only to be set aside.
    # "restart not guild-chat but guild-service": the one after "not" is set aside with the "but".
    # "not from ad-inserter, the other pod", "not for X", "not X though": the preposition that related the name to
    # the request, and the "though" conceding it, go with it.
    # "not the one you're thinking of": the one the listener has in mind, with its relative clause, is set aside
    # whole; no word of that clause names the target.
    r"|\bnot\s+(?:the|that)\s+one\s+(?:that\s+|which\s+)?you\b[^,.;!?]*"
    r"|\bnot\s+(?:(?:from|for|of|on|in)\s+)?(?:the\s+)?[A-Za-z0-9][\w.-]*(?:\s+(?:though|tho))?(?=\s*(?:,|$))|\bnot\s+(?:the\s+)?[A-Za-z0-9][\w.-]*\s+but(?=\s)|(?:^|\s)[A-Za-z0-9][\w./:@-]*\s*(?:이|가)?\s*아니(?:고|라|다)(?=\s|$)",
    re.IGNORECASE,
    needs=(
        # 말고 and 말구 (말[고구]): the proof reads the class apart from 말, so 말 alone guards both.
        "말",
        "아니",
        "대신",
        "마",
        "do",
        "never",
        "instead of",
        "rather than",
        "않고",
        "안",
        "not",
        "no",
        "ㄴㄴ",
        "ᄂᄂ",
        "노노",
        "빼",
        "제외",
        "without",
        "except",
        "excluding",
        "other",
        "apart",
        "but",
        "멀쩡",
        "괜찮",
        "정상",
        "문제",
        "fine",
        "ok",
        "healthy",
        "good",
        "right",
        "중",
        "leave",
        "keep",
    ),
)


# "ship status-relay? nah, just show me its endpoint", "재시작할까? 아니, 로그만": a "no" standing as a
# segment of its own withdraws everything said before it; only what follows is asked for.
_DECLINED = LazyPattern(
    # "no wait", "wait no", "아니 잠깐": the pause said with the "no" withdraws as the "no" alone does.
    # Right after a question, the Korean "no" answers it with no mark of its own ("X 롤백할까? 아니 상태만 보여줘").
    # "…될까요… 아 아니에요, 로그만": the Korean "ah" before it, and its polite forms, withdraw as well.
    r"^(?P<before>.*(?:(?P<asked>\?)|[.!,;]|^))\s*(?:(?:wait|oh|oops|아|앗)\s+)?"
    r"(?:nah|nope|no|never\s?mind|scratch that|(?P<korean>아니|아냐|아니야|아니다|아뇨|아니요|아니에요|아닙니다))"
    r"(?:\s+(?:wait|actually|잠깐|잠시만))?(?(asked)(?(korean)\s*[,.!]*\s|\s*[,.!]+\s)|\s*[,.!]+\s)\s*(?=\S)",
    re.IGNORECASE | re.DOTALL,
    needs=("nah", "nope", "no", "never", "scratch", "아니", "아냐", "아뇨", "아닙"),
)


# "X 배포할 거야, 지금은 …", "스케일은 다음 주에 하고, 일단 …": a change planned for later (the future
# -ㄹ 거야 / -ㄹ 예정, or 하다 with a time before it), then what is asked for now (지금은, 일단, 우선,
# 오늘은). The plan is no request; only what is asked for now is read.
_LATER_THEN_NOW = LazyPattern(
    rf"^.+?(?:[{_FINAL_L}]\s?(?:거야|거예요|거임|겁니다|거고|예정\S*)|(?:에|엔)\s+(?:하고|할게요?|할\s?거고))"
    r"\s*,?\s+(?=(?:지금은|지금|일단|우선|오늘은|당장은)\s)",
    needs=("지금", "일단", "우선", "오늘은", "당장은"),
)


# "인그레스 목록만 볼게, 배포는 나중에", "show the pods first, the restart can wait": what is asked for
# now, then a thing put off (a topic with a later time and no more than a 하다 of its own) asks nothing.
_NOW_THEN_LATER = LazyPattern(
    r"(?<=\S)\s*[,;]?\s+\S+?(?:은|는)\s*(?:좀\s*)?(?:나중에|이따가?|다음에|담에|내일|다음\s*주에?)\s*"
    r"(?:할게요?|하자|할래|할\s?거야|해도\s*(?:돼|되)\S*|하고|해요?|봐요?|볼게요?|보자|볼래)?[.!~]*$"
    r"|(?<=\S)\s*[,;]\s+(?:and\s+)?(?:the\s+)?\S+\s+(?:can wait|later|another time|some other time)[.!]*$",
    re.IGNORECASE,
    needs=("나중", "이따", "다음", "담에", "내일", "wait", "later", "time"),
)


# "X 재시작해줘 말고 Y 파드": 말고 after a whole request, then only a name, puts that name in the request's place.
_INSTEAD_AFTER_REQUEST = LazyPattern(
    r"^(?P<request>.*\S)\s+말고(?:요)?[\s,]+(?P<instead>[A-Za-z0-9][\w./-]*(?:\s*(?:" + KIND_WORDS + r")(?![A-Za-z]))?"
    r"\s*(?:으로|로)?\s*(?:요|해\s*줘|해\s*주세요)?)[\s.!~]*$",
    needs=("말고",),
)


# "X 재시작 취소하지 말고 진행해줘": undoing the operation forbidden, then carrying it on. The two negations
# leave the operation asked for, carried out by the verb after them.
_NOT_UNDONE = LazyPattern(
    r"(?<=\S)\s*(?:을|를|은|는)?\s+(?:취소|중단|중지|철회|보류|스톱|멈추|멈춰|그만두|그만)\s*(?:하)?지\s*"
    r"(?:말고|마시고|마요|마세요|마)[\s,]+(?=(?:그냥|계속|바로|그대로)?\s*(?:진행|계속|실행|해|하))",
    needs=("말고", "마"),
)


def kept_going(text: str) -> str:
    """`text` with the undoing it forbids before carrying on taken out ("X 재시작 취소하지 말고 진행해줘" ->
    "X 재시작 진행해줘"), when an operation is named before it; `text` itself otherwise."""
    found = _NOT_UNDONE.search(text)
    if found is None or not mentions_an_operation(text[: found.start()].lower().replace(" ", "")):
        return text
    return f"{text[: found.start()]} {text[found.end() :]}"


def put_instead(text: str) -> str | None:
    """The request said and then turned down for another name ("X 재시작해줘 말고 Y 파드"), made that
    name's ("Y 파드 재시작해줘"); None unless `text` is such a request and its one name."""
    instead = _INSTEAD_AFTER_REQUEST.match(text)
    if instead is None or ASKS.search(instead["request"]) is None:
        return None
    return renamed(instead["request"], instead["instead"])


def drop_negated(text: str) -> str:
    """`text` without the part the user set aside ("비용 말고 상태만 보여줘" -> "상태만 보여줘"),
    withdrew ("deploy it? no, just its status" -> "just its status") or put off ("…은 다음 주에 하고,
    지금은 …")."""
    put_off = _LATER_THEN_NOW.sub("", text)
    now = _NOW_THEN_LATER.sub("", put_off)
    if now != put_off and (predicate(now).act is not Act.NONE or names_a_read(now)):
        put_off = now
    kept = _NOT_THIS.sub(_set_aside, _DECLINED.sub(_what_it_was_about, put_off)).strip()
    # "Not a rollback. I just want …": the mark that closed the sentence set aside goes with it.
    kept = kept.lstrip(".,;!~ ") if kept[:1] in ".,;!~" else kept
    return kept or text


def asked_before_set_aside(text: str) -> bool:
    """Whether the words before the last thing `text` sets aside name a read or an operation ("pods 목록, 서비스
    말고", "X 파드 로그 100줄, 50줄 말고", "X 재시작, Y 쪽 말고"): the request stands, said as a noun phrase, and
    only what follows it is set aside. "아 잠깐, X 재시작 말고" sets aside the one operation it names: nothing
    stands before it, and the message withdraws its request."""
    last = _last_set_aside(text)
    return last is not None and _asks_its_own(text[: last.start()])


def _last_set_aside(text: str) -> re.Match[str] | None:
    """The last thing `text` sets aside, or None."""
    found = list(_NOT_THIS.finditer(text))
    return found[-1] if found else None


# A number in a phrase set aside: how far or how many, not the change itself.
_A_COUNT = LazyPattern(NUMBER)
# A pronoun pointing back at what was just asked ("아냐 그거 말고"): the request itself.
_POINTING_BACK = LazyPattern(r"그거|그건|그것|이거|이건|저거")


def takes_back(text: str, act: str) -> bool:
    """Whether the message closes by setting aside the very change it asked, named again or pointed back at ("X
    재시작해줘, 아 재시작 말고", "X 배포해, 아냐 그거 말고"): the request is taken back, not a thing beside it."""
    last = _last_set_aside(text)
    if last is None or last.start() == 0 or text[last.end() :].strip(" .!~요"):
        return False
    phrase = last.group(0)
    word_before = text[: last.start()].rsplit(maxsplit=1)[-1]
    if _A_COUNT.search(f"{word_before} {phrase}") is not None:
        return False  # "…로 되돌려, 한 단계 롤백 말고": a way of doing it set aside (how far, how many), not the change
    compact = phrase.replace(" ", "")
    named = [named for named, _ in operations_before(compact, len(compact))]
    return _POINTING_BACK.search(compact) is not None or act in named


def _asks_its_own(piece: str) -> bool:
    """`piece` names a read, a detail or an operation: a request of its own, said as a noun phrase or asked."""
    return (
        names_a_read(piece)
        or kw.DETAIL.found_in(normalise(piece))
        or mentions_an_operation(piece.lower().replace(" ", ""))
    )


# A Latin word right after "X 재시작 말고": another app named in X's place ("… payment 롤백"), unless
# it is a count ("4개로"), or the act, kind or read asked for instead (see _set_aside).
_ANOTHER_OBJECT = LazyPattern(r"\s*(?!\d+\s*(?:개|대|replicas?\b))(?P<word>[A-Za-z0-9][\w.-]*)\s+\S")
# The determiners that pick out another of a kind ("다른 서비스", "딴 거"): what they describe is not the one asked.
_ANOTHER = LazyPattern(r"다른|딴|나머지")
# A kind word in what is left ("… 말고 서비스 목록"): the kind a name had before the part set aside is not its.
_A_KIND = LazyPattern(r"(?<![A-Za-z])(?:" + KIND_WORDS + r")(?![A-Za-z])", re.IGNORECASE)
# The Latin word before the particle written onto it ("restart만" -> "restart").
_LATIN = LazyPattern(r"[A-Za-z0-9][A-Za-z0-9.-]*")


# A Latin word with the particle of a topic, an object or "only" ("cart 만", "cart 를"): an app named.
_MARKED_OBJECT = LazyPattern(r"(?<![\w.-])[A-Za-z][\w.-]*\s*(?:만|을|를|은|는|도)(?=\s|$)")


# What names a thing of its own beside the one "X 만 말고" lifted the restriction to: a name, a Latin word with a
# particle, or a word marked with 도 (also, "auth 도 재시작"): then both are asked for, and X is kept.
_BESIDE = LazyPattern(r"[A-Za-z0-9]+(?:[-_./:@][A-Za-z0-9]+)+|도(?=\s|$)")


def _set_aside(negated: re.Match[str]) -> str:
    found = negated.groupdict()
    if found.get("segment") and not _names_a_thing(found["segment"]):
        # "deploy X - not a good idea right now though", "not sure that's right": a judgment of the request, not
        # a thing set aside beside it; left for the reading, which weighs it (a request doubted is no sure one).
        return negated.group(0)
    if found.get("only"):
        # "X 만 말고 전체 개요" asks for the whole, X in it; "X 만 말고 Y 도" asks for both.
        after = negated.string[negated.end() :]
        if found.get("whole"):
            # "X 서비스 세부 정보 알려줘, 엔드포인트만 말고 전부": all of what was asked before, else the whole.
            return " " if _asks_its_own(negated.string[: negated.start()]) else f" {found['whole']} "
        return negated.group(0) if _BESIDE.search(after) or _MARKED_OBJECT.search(after) else " "
    if found.get("object"):
        # "cart 재시작 말고 롤백": cart is what the rollback is of; "cart 재시작 말고 payment 롤백": it is not.
        after = negated.string[negated.end() :]
        other = _ANOTHER_OBJECT.match(after)
        if other is not None and not _what_is_asked(other["word"]):
            return " "
        # "cost-tracker 재시작 말고 다음 달 비용 예측": the app of the change set aside is no namespace, the only
        # scope a cost read takes.
        return " " if kw.COST.found_in(normalise(after)) else f" {found['object']} "
    rest = negated.string[: negated.start()] + negated.string[negated.end() :]
    shared = found.get("shared")
    if shared and _LATIN.match(found["word"]) is not None:
        # "로그 tenants 말고 ops 네임스페이스에서", "배포 dev 말고 staging": the read or the operation named before a
        # name set aside is the request's; any other word ("근데 X 말고") goes with it.
        return f" {shared} " if names_a_read(shared) or mentions_an_operation(shared) else " "
    if shared:
        # "비용 현황 말고 줄일 방법", "이번 달 비용 말고 다음 달 예측": the noun of the phrase naming the read is shared
        # when what follows names neither a read, a kind nor a change asked of its own; "서비스 목록 말고 파드 목록"
        # sets the whole phrase aside. A phrase set aside after a request of its own ("X 서비스 정보 보여줘, 비용 분석
        # 말고", "X 어디로 접속해? 목록 전체 말고 그거 하나만") shares its noun with nothing; nor does one whose first
        # word only picks out another ("다른 서비스들 말고": other services), set aside whole.
        after = negated.string[negated.end() :]
        if _ANOTHER.fullmatch(shared) is not None or _asks_its_own(negated.string[: negated.start()]):
            return " "
        own = names_a_read(after) or _A_KIND.search(after) is not None or predicate(after).act in MUTATION_ACTS
        read = next((noun for noun in (shared, found["word"]) if names_a_read(noun)), None)
        return f" {read} " if read is not None and not own else " "
    if found.get("named"):
        # "cart 파드 말고 서비스 상태": only the kind is set aside, cart is the service's name.
        return f" {found['named']} " if _A_KIND.search(negated.string[negated.end() :]) is not None else " "
    if found.get("kind"):
        # "drm 서비스 로그 말고 엔드포인트": the service is what the endpoint is asked of.
        return " " if _A_KIND.search(negated.string[negated.end() :]) is not None else f" {found['kind']} "
    if found.get("forbidden"):
        # The app a forbidden change was of stays when the rest names none of its own, as a name or a
        # Latin word with its particle ("X 는 재시작하면 안 되고 로그만" keeps X; "… cart 만 재시작" does not).
        own = NAME_LIKE.search(rest) is not None or _MARKED_OBJECT.search(rest) is not None
        return " " if own else f" {found['forbidden']} "
    topic = found.get("topic")
    return f" {topic} " if topic and NAME_LIKE.search(rest) is None else " "


# What a "not" segment may set aside: a name in a name's shape, a number, a scope, "the (other) one" (kinds, reads,
# operations and environments below).
_DETERMINER = LazyPattern(r"(?<=\s)(?:the|a|an|this|that|these|those|my|our|your|its|any)(?=\s)", re.IGNORECASE)
_A_THING = LazyPattern(r"\d|[A-Za-z0-9]+[-_./:@][A-Za-z0-9]|\b(?:ones?|namespaces?|ns|clusters?)\b", re.IGNORECASE)


def _names_a_thing(segment: str) -> bool:
    """Whether the segment after "not" names something the request could be about (a name, a count, a kind, a read,
    an operation, an environment; or in a word or two, as "not cart", "not delete it"), rather than judging the
    request in a clause of its own ("not a good idea right now", "not really needed maybe")."""
    return (
        len(_DETERMINER.sub(" ", f" {segment} ").split()) <= 2
        or _A_THING.search(segment) is not None
        or _A_KIND.search(segment) is not None
        or ENVIRONMENT_TOKEN.search(segment) is not None
        or names_a_read(segment)
        or mentions_an_operation(segment.lower().replace(" ", ""))
    )


def _what_is_asked(word: str) -> bool:
    """`word` names the act, the kind or the read asked for ("restart만", "deployment", "status"), no app
    (a name in a name's shape, "billing-api", is one whatever its words)."""
    latin = _LATIN.match(word)
    head = latin.group(0) if latin is not None else word
    if NAME_LIKE.fullmatch(head) is not None:
        return False
    return mentions_an_operation(head.lower()) or _A_KIND.fullmatch(head) is not None or names_a_read(head)


def _what_it_was_about(withdrawn: re.Match[str]) -> str:
    """The names a withdrawn part held, as a question of their own: the request after it may point
    back at them ("… show me its endpoint", "orders 재시작할까? 아니, 로그만 보자"), as after a question
    weighing a change (remarks). A plain word counts when the grammar takes it for the name of what the
    withdrawn change was of."""
    part = withdrawn.group("before")
    names = [name.group(0) for name in NAME_LIKE.finditer(part)]
    if not names:
        changing = predicate(part).act in MUTATION_ACTS
        names = [name.value for name in extract(normalise(part), changing).names if name.kind != "located"]
    return f"{' '.join(dict.fromkeys(names))}? " if names else ""
