"""An operation's noun inside something else: talk about an operation that asks for none.

The noun of an operation (재시작, 롤백, 배포, restart, rollback …) also names what happens to an app
and what people do about the operation. Read by their grammar, never by the app they are about:

- A symptom: the operation happening to the app again and again, said with a passive or an
  intransitive ("계속 재시작돼", "자꾸 롤백되네", "재시작 루프", "keeps restarting", "crash loop"), or
  the operation complained of as slow ("배포 속도 왜 이렇게 느려"). The user wants to see the state: a
  read of the status.
- Exasperation: a change someone else asks for, echoed ("또 롤백하라고?", "배포 또 하래"), the
  operation weighed as the only or a useless answer ("재시작이 답이지", "롤백이나 해야겠다",
  "재시작해도 소용없던데"), or asked to stop ("재시작 좀 그만해", "그만 좀 배포해", "stop restarting
  it"). No change is asked for.
- A report: what the app can do or what happened ("10개까지 됨", "the rollback happened at 3am").
- Other work about the operation: the operation's noun modifies the noun that is the object ("롤백
  계획서 써줘", "재시작 스크립트 짜줘", "deploy notes"): a thing the platform does not make.
- The operation as a topic: a word of relation or of talk after its noun ("롤백 관련해서 연락 주세요",
  "재시작 건 메일 보내줘", "배포 문의드립니다") or "about" before it ("call me about the cart
  rollback"). What is asked is the rest of the sentence's: nothing, unless it has a verb of its own.
- A setting of the operation ("배포 알림 꺼줘", "롤백 권한 줘"), a count of something that is not a
  copy of the app ("스레드 8개로", "노드 3개", "커넥션 풀 5개"), or a count declined for a setting
  ("3개로 늘리는 대신 리소스를 올리자"): a change the platform does not make, refused with a reason.
"""

from __future__ import annotations

import re
from enum import StrEnum

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.lending import lend, told_plain_names
from klepaas_nlp.rules.normalize import NormalisedText
from klepaas_nlp.rules.predicate import MUTATION_ACTS, NAME_LIKE, Act, predicate
from klepaas_nlp.rules.remarks import SENTENCES as QUESTION_SENTENCES
from klepaas_nlp.rules.vocabulary import never_an_app

_I = re.IGNORECASE


class Talk(StrEnum):
    SYMPTOM = "symptom"  # read the status
    REMARK = "remark"  # ask for nothing
    UNSUPPORTED = "unsupported"  # refuse


UNSUPPORTED_REASON = (
    "채팅으로는 앱의 복제본(레플리카) 수만 바꿀 수 있습니다. 스레드·노드·커넥션 같은 다른 개수나 리소스, "
    "알림·권한 같은 설정은 지원하지 않습니다. "
    "(Only an app's replica count can be changed from chat; other counts such as threads, nodes or "
    "connections, resources, and settings such as notifications or permissions are not supported.)"
)

# The operations' nouns (Korean, spaces removed) and English words.
_OP_KO = r"(?:재시작|재기동|재가동|리스타트|재부팅|롤백|배포|디플로이|스케일링|스케일|오토스케일링|오토스케일)"
# "deployment" names the Kubernetes object as often as the act ("the deployment strategy for web"): not here.
_OP_EN = r"(?:restart|rollback|roll-back|redeploy|deploy|release|rollout|scaling|scale|autoscaling)"
_OP_KO_NEEDS = ("재시작", "재기동", "재가동", "리스타트", "재부팅", "롤백", "배포", "디플로이", "스케일")

# Repetition before a passive of the operation: it keeps happening to the app.
_AGAIN_KO = (
    r"(?:계속|자꾸|자꾸만|또|또다시|반복|반복적으로|반복해서|무한|무한히|연속|연속으로|끊임없이|수시로|주기적으로)"
)
_SYMPTOM_KO = LazyPattern(
    rf"{_AGAIN_KO}(?:[가-힣§]{{0,6}}?){_OP_KO}(?:이|가)?(?:돼|되|됨|된|됐|됬|되어)"
    # A loop of the operation, or a crash loop.
    rf"|{_OP_KO}(?:이|가)?(?:루프|무한루프|반복)|크래시루프|crashloop"
    # The operation complained of as slow: its speed or time, then slowness.
    rf"|{_OP_KO}(?:속도|시간|이|가|는|은)?(?:[가-힣]{{0,8}}?)(?:느려|느리|느림|느린|늦어|늦네|오래걸|안끝나|안끝남)",
    needs=(*_OP_KO_NEEDS, "크래시루프", "crashloop"),
)
_SYMPTOM_EN = LazyPattern(
    r"\bkeeps?\s+(?:on\s+)?(?:restarting|crashing|rolling\s+back|redeploying|rebooting)\b"
    r"|\b(?:restart|crash|reboot|rollback)\s*loop"
    r"|\b(?:restarting|rebooting)\s+(?:again\s+and\s+again|over\s+and\s+over|constantly|repeatedly|nonstop|all\s+the\s+time)"
    r"|\b(?:constantly|repeatedly|continuously)\s+(?:restarting|rebooting|crashing)\b"
    rf"|\b{_OP_EN}s?\s+(?:is|are|was|were)\s+(?:so\s+|too\s+|really\s+|super\s+)?(?:slow|taking\s+forever)\b",
    _I,
    needs=("keep", "loop", "restarting", "rebooting", "constantly", "repeatedly", "continuously", "slow", "forever"),
)

# The verbs of asking or telling another person ("부탁", "요청드려", "전달", "말씀드려", "시켜").
_ASK_SOMEONE = r"부탁|요청드|요청해|요청좀|전달|말씀|말해|얘기해|여쭤|시켜|맡겨|넘겨"
# The verbs that report what someone said ("하던데", "했어", "그러더라", "들었어").
_REPORTED = (
    r"하던데|하더라|했어|했는데|했대|하네|하셨|하시던데|하시더라|그러던데|그러더라|그랬어|그러네|말했|얘기했|들었"
)

# Exasperation: an echoed request of someone else's, the operation as the only or a useless answer,
# the operation asked to stop.
_REMARK_KO = LazyPattern(
    # Reported: "(또) 롤백하라고?", "배포 또 하래", "재시작하라네", closing the clause.
    rf"{_OP_KO}(?:또|다시|좀)?(?:하)?(?:라고|래|라네|라는데|랜다|라더라|라잖아)(?:요)?(?:[?!.~]|ㅋ|ㅎ|ㅠ|ㅜ|\u1100|$)"
    # Resigned: "롤백이나 해야겠다", "재시작이나 할까", "재시작이 답이지", "롤백밖에 없네".
    rf"|{_OP_KO}(?:이나|나)(?:해야겠|해야지|할까|하지뭐|하자|해야하나)"
    rf"|{_OP_KO}(?:이|가)?(?:답이|답인|정답이|정답인)|{_OP_KO}(?:밖에|말고는)(?:답이|방법이)?없"
    # Futile: "재시작해도 소용없던데", "롤백해 봤자 똑같아".
    rf"|{_OP_KO}(?:을|를)?(?:해도|해봤자|해봐도|했는데도|했는데)(?:[가-힣§]{{0,4}}?)"
    r"(?:소용없|소용이없|안되|안돼|똑같|그대로|마찬가지|별로|효과없|효과가없)"
    # Asked to stop: "재시작 좀 그만해라", "그만 좀 배포해", "배포 좀 그만".
    rf"|{_OP_KO}(?:은|는|을|를|좀|도)*(?:이제|제발)?그만|그만(?:좀|제발)*{_OP_KO}"
    # Reported as possible or done: "오토스케일 10개까지 됨", "3대까지 된다".
    r"|[0-9]+(?:개|대)까지(?:는)?(?:됨|돼|된다|되네|되더라|됩니다|되거든|가능함|가능해)(?![가-힣]*[?])"
    # Left to decide: "롤백할지 말지 정해줘", "재시작 여부 판단해줘": a decision is asked, not the operation.
    rf"|{_OP_KO}(?:을|를)?(?:할지|할건지|해야할지|여부)(?:말지|안할지)?(?:를|좀)*(?:정해|결정해|판단해|골라|검토해)(?:줘|주|봐|줄)"
    # Asked of someone else: "민수님께 부탁드려", "팀장님한테 요청해 줘" (not "나한테", "저에게": the user).
    rf"|(?<![나저너])(?<!우리)(?<!당신)(?:께|에게|한테|더러)(?:[^?!.]{{0,30}}?)(?:{_ASK_SOMEONE})"
    # The news of a change passed on: "X 재시작했다고 팀에 알려줘", "배포됐다고 공유해 줘".
    rf"|{_OP_KO}(?:을|를)?(?:했|됐|되었|하였|완료했|완료됐)다고[^?!.]{{0,30}}?(?:알려|전해|전달|공유|공지|보고|말해|얘기해)"
    # A change to be made passed on as a message: "X 재시작하라고 알려줘", "배포해야 한다고 팀에 전해 줘",
    # "롤백이 필요하다고 공지해 줘" (the change is someone else's to make; nothing is done here).
    rf"|{_OP_KO}(?:을|를|이|가)?(?:하|시키|해야한|해야된|해야|필요하|필요)?(?:라고|다고|하라고)[^?!.]{{0,30}}?"
    r"(?:알려|전해|전달|공유|공지|말해|얘기해|안내해)"
    # How it is done: "X 재시작하는 법", "롤백 방법", "배포하는 절차" (a question of knowledge, no act).
    rf"|{_OP_KO}(?:을|를)?(?:하는|할)?(?:법|방법|절차|순서|요령)(?:이|을|좀|은)?(?:[?!.~]|$|알려|뭐|있|어떻|궁금|가르쳐)"
    # Someone's words reported: "3개로 늘리자고 하던데", "재시작하라고 했어".
    rf"|(?:자고|라고|냐고|달라고)(?:요)?(?:{_REPORTED})"
    # A command quoted as words: "…해줘 라는 명령 지원해?".
    # Not the speaker's own request restated ("…늘려 달라는 말이에요", "해 달라는 요청이에요"), nor one said not to be
    # meant ("재시작하라는 말이 아니라 …": set aside, see korean_roles).
    r"|(?<!달)(?:라는|이라는|란|이란)(?:명령|명령어|말|요청|문장|표현|커맨드)(?!(?:이|은)?아[니닙녜])",
    needs=(*_OP_KO_NEEDS, "까지", "께", "에게", "한테", "더러", "자고", "라고", "냐고", "라는", "란"),
)
_REMARK_EN = LazyPattern(
    r"\bstop\s+(?:the\s+)?(?:restarting|redeploying|deploying|rolling\s+back|scaling)\b"
    # Asked of someone else: "tell Jane to roll back web", "ask the on-call to restart it".
    r"|\b(?:tell|ask|remind)\s+(?!me\b|us\b|you\b)(?:the\s+)?[a-z][\w.-]*\s+to\s+\w"
    # A reminder or a question for later, asked of the assistant about the user's own change: "remind me
    # to restart X", "ask me about rolling back X later" (nothing is done now; reminders are no act).
    r"|\b(?:remind|ask)\s+(?:me|us)\s+(?:to|about|again\s+about)\s+\w"
    # News of a change passed on to others: "tell the team we restarted X", "let ops know that I deployed X".
    r"|\b(?:tell|notify|inform|let|message|ping)\s+(?!me\b|us\b)(?:the\s+)?[a-z][\w.-]*(?:\s+know)?\s+(?:that\s+)?"
    r"(?:we|i|they|someone|he|she)\b"
    # Or that an app needs or will get a change: "let the team know X needs a restart", "tell ops X should
    # be rolled back", "inform the on-call that X will be redeployed".
    r"|\b(?:tell|notify|inform|let|message|ping|warn|alert)\s+(?!me\b|us\b)(?:the\s+)?[a-z][\w.-]*(?:\s+know)?\s+"
    r"(?:that\s+)?(?:the\s+)?[\w.§-]+\s+(?:needs?|should|must|has\s+to|will|is\s+going\s+to|is\s+about\s+to)\b"
    # A change said not to be made: "X shouldn't be scaled", "X must not be restarted".
    r"|\b(?:shouldn'?t|should\s+not|must\s+not|mustn'?t|needn'?t|need\s+not|won'?t|will\s+not|isn'?t\s+to"
    rf"|is\s+not\s+to|doesn'?t\s+need\s+to|does\s+not\s+need\s+to)\s+(?:ever\s+)?be\s+(?:{_OP_EN}\w*|rolled\s+back)"
    # A change to be prevented: "make sure nobody restarts X", "ensure no one deploys X".
    rf"|\b(?:make\s+sure|ensure|see\s+to\s+it)\s+(?:that\s+)?(?:nobody|no\s*one|no\s+body)\s+(?:\w+\s+)?"
    rf"(?:{_OP_EN}\w*|roll\w*\s+back)(?:\s+(?:the\s+)?[\w.-]+)?"
    # Leave given over whatever the user names by a quantifier, no target asked: "you may restart anything in
    # X except Y", "you're allowed to deploy any app": a permission stated, asking for no change.
    rf"|\b(?:you|u)(?:\s+|'re\s+)(?:may|can|are\s+(?:allowed|free|permitted)\s+to|(?:allowed|free|permitted)\s+to)\s+"
    rf"(?:{_OP_EN}\w*|roll\s+back)\s+(?:anything|everything|whatever|any|all)\b"
    # A failure to change reported: "can't restart X, it fails", "we couldn't deploy X" (not "can't you …?").
    rf"|\b(?:can'?t|cannot|couldn'?t|unable\s+to)\s+(?!you\b|u\b)(?:\w+\s+)?{_OP_EN}"
    # Told, not asked: no auxiliary opening a question before it ("is the rollback of api finished?").
    rf"|^(?!(?:is|was|are|were|has|have|had|did|does|do)\b)(?:(?!\?).)*?\b(?:the\s+)?{_OP_EN}s?\s+(?:(?:of|for|on)\s+\S+\s+)?(?:already\s+)?"
    r"(?:happened|occurred|took\s+place|ran|went\s+(?:out|through|fine|well|badly)"
    r"|was\s+done|finished|completed|failed|succeeded|has\s+happened|had\s+happened)\b",
    _I,
    needs=(
        "stop",
        "may",
        "allowed",
        "free",
        "permitted",
        "tell",
        "warn",
        "alert",
        "not",
        "isn",
        "doesn",
        "won",
        "mustn",
        "needn",
        "shouldn",
        "ask",
        "remind",
        "notify",
        "inform",
        "let",
        "message",
        "ping",
        "sure",
        "ensure",
        "see",
        "can",
        "couldn",
        "unable",
        "happened",
        "occurred",
        "took",
        "ran",
        "went",
        "was",
        "finished",
        "completed",
        "failed",
        "succeeded",
    ),
)

# Work about the operation: the operation's noun modifying the noun that is the object.
_PRODUCT_KO = (
    r"(?:계획서|계획|플랜|시나리오|회고록|회고|사유|이유|스크립트|타이밍|노트|리뷰|문서|가이드|매뉴얼|절차서|절차"
    r"|체크리스트|보고서|리포트|일정|회의록|회의|미팅|교육|템플릿|방법|런북|포스트모템|자동화"
    # A rehearsal of it (nothing is changed), and office work about it (an approval, a ticket, minutes).
    r"|시뮬레이션|시뮬|드라이런|리허설|모의|훈련|연습|테스트런|승인|결재|티켓|캘린더|달력|일지|공지문)"
)
_SETTING_KO = r"(?:알림|알람|노티|권한|웹훅|정책|승인권한)"
_PRODUCT_EN = (
    r"(?:plans?|scenarios?|runbooks?|scripts?|notes|reviews?|postmortems?|retros?|retrospectives?|checklists?"
    r"|docs?|documentation|guides?|schedules?|timing|reasons?|meetings?|templates?"
    r"|simulations?|dry[\s-]?runs?|drills?|rehearsals?|approvals?|tickets?|calendar|minutes)"
)
_SETTING_EN = r"(?:notifications?|alerts?|permissions?|policy|policies|webhooks?)"
# The work may be a form of its own: "롤백 승인 요청", "배포 결재 신청서".
_FORM_KO = r"(?:요청서|신청서|요청|신청|서류|양식|건)"
# A word of relation may stand between: "롤백 관련 문서", "배포에 대한 가이드", "재시작 관련된 체크리스트".
_RELATION_KO = r"(?:관련(?:된|한)?|에관한|에대한|에관련된)?"
_ABOUT_KO = LazyPattern(
    rf"{_OP_KO}{_RELATION_KO}(?:{_PRODUCT_KO}(?:{_FORM_KO})?|(?P<setting>{_SETTING_KO}))", needs=_OP_KO_NEEDS
)
# In English the work may also come first, the operation after "for", "on", "about": "a runbook for
# restarting X", "write up a plan for the rollback of X", "docs on scaling X".
_ABOUT_EN = LazyPattern(
    rf"\b{_OP_EN}\s+(?:{_PRODUCT_EN}|(?P<setting>{_SETTING_EN}))\b"
    rf"|\b(?:an?\s+|the\s+|some\s+)?{_PRODUCT_EN}\s+(?:for|on|about|of|covering|describing)\s+"
    rf"(?:(?:the|a|an|our|its)\s+)?(?:[\w.§-]+(?:'s)?\s+)?(?:{_OP_EN}\w*|roll(?:ing|ed)?\s+back)\b",
    _I,
)

# The operation as a topic: a word of relation or of talk follows its noun (maybe after 건, "the
# matter"), or "about" comes before it, with at most the app's name and a determiner between.
_TOPIC_KO = LazyPattern(
    rf"{_OP_KO}(?:건(?:으로|에|은|이)?)?"
    r"(?:(?:관련|관해|대해|대한|때문)(?:해서|하여|해|된|한|서|에|이|으로)?"
    r"|얘기|이야기|문의|질문|메일|전화|연락|논의|상의|회의|미팅)",
    needs=_OP_KO_NEEDS,
)
_TOPIC_EN = LazyPattern(
    rf"\b(?:about|regarding|concerning|re:)\s+(?:the|this|that|our|its|a)?\s*(?:[\w.§-]+(?:'s)?\s+)?{_OP_EN}\b",
    _I,
    needs=("about", "regarding", "concerning", "re:"),
)

# A counted noun that is not a copy of the app, right before its count ("스레드 8개", "커넥션 풀 5개로",
# "노드를 3대로", "8 threads").
_COUNTED_KO = LazyPattern(
    r"(?:스레드|쓰레드|노드|커넥션풀|커넥션|연결|풀|샤드|파티션|로드밸런서|밸런서|포트|코어|큐|토픽|브로커|프로세스"
    r"|세션|디스크|볼륨|gpu|cpu|vcpu|ip|도메인|인그레스)(?:을|를|은|는|도|수|개수|갯수)*(?:(?:[0-9]+|한|두|세|네|다섯|여섯"
    r"|일곱|여덟|아홉|열)(?:개|대|코어)|(?:하나|둘|셋|넷|다섯)(?:만)?더)",
    _I,
)
_COUNTED_EN = LazyPattern(
    r"\b[0-9]+\s+(?:more\s+)?(?:threads?|nodes?|connections?|shards?|partitions?|load\s*balancers?|ports?|cores?"
    r"|queues?|topics?|brokers?|processes|sessions?|disks?|volumes?|gpus?|vcpus?)\b"
    r"|\b(?:threads?|nodes?|connections?|connection\s+pool|shards?|partitions?|load\s*balancers?|ports?|cores?"
    r"|queues?|topics?|brokers?|processes|gpus?)\s+(?:to|up\s+to|count\s+to)\s+[0-9]+\b",
    _I,
)
# A count declined for a setting: "3개로 늘리는 대신 리소스를 올리자", "instead of scaling, bump memory".
# "늘리는 대신", "늘리는 것보다", "늘리기보다": the count is weighed against something else.
_INSTEAD_KO = LazyPattern(r"(?:는|은|하는|하기|할)(?:대신|(?:것|거|게)?보다)", needs=("대신", "보다"))
_INSTEAD_EN = LazyPattern(r"\b(?:instead\s+of|rather\s+than)\b", _I, needs=("instead", "rather"))
_RESOURCES = LazyPattern(r"리소스|자원|메모리|램|cpu|사양|스펙|리밋|limits?|requests?|resources?|memory|ram|spec", _I)


# An alert or a notice that came, was received or went off.
_ARRIVED = LazyPattern(r"(?:이|가|도)?(?:왔|옴|온|떴|뜸|뜬|울렸|울림|받았|받음|발생)")

# Where a clause or a sentence ends: a request beside the talk is read in its own clause.
_BOUNDARY = LazyPattern(r"[,;.?!]+(?:\s+|$)|\s+(?:and|but|so|then|[\u2014\u2013]|--?)\s+", _I)
# What may follow work about an operation in the same clause: more nouns of work that the first one modifies, the
# head of the object last ("배포 회고 문서 템플릿 만들어줘": a template is made), a particle, 좀, and its verb.
_OBJECT_TAIL = LazyPattern(
    rf"(?:\s*(?:{_PRODUCT_KO}|{_FORM_KO})(?=[\s을를은는이가도만좀]|$))*"
    r"(?:을|를|은|는|이|가|도|만|좀|으로|로|에|에서|에다|에다가)*(?:\s+좀)?(?:\s+[^\s,;.?!]+){0,2}[\s.?!~]*$"
)

# The work's own verb: its particle, 좀, then a single word and its helper ("결재 좀 올려 주세요", "티켓 올려").
_OWN_VERB = LazyPattern(r"(?:을|를|은|는|도|만|좀)*(?:\s+좀)?\s+[^\s,;.?!]+(?:\s+(?:주|줘|줄)[가-힣]*)?[\s.?!~]*$")


def _words_index(words: str, compact_index: int) -> int:
    """The index in `words` of the character at `compact_index` in `words` without its spaces."""
    seen = 0
    for index, char in enumerate(words):
        if char == " ":
            continue
        if seen == compact_index:
            return index
        seen += 1
    return len(words)


def _asks_elsewhere(words: str, start: int, end: int, *, own_verb: bool = False) -> bool:
    """Whether a request stands beside the talk at words[start:end]: an act in a whole clause before
    it, a change after it, or a read in a clause of its own after it. With `own_verb`, what follows
    is the verb of the talk's own noun ("재시작 결재 올려줘": 올려 takes the approval, not the app)."""
    before = _BOUNDARY.split(words[:start])[:-1]
    if any(predicate(segment).act is not Act.NONE for segment in before if segment.strip()):
        return True
    rest = words[end:]
    said = predicate(rest) if rest.strip() and not own_verb else None
    if said is not None and said.act in MUTATION_ACTS:
        return True
    after = _BOUNDARY.split(rest)[1:]
    return any(predicate(segment).act is not Act.NONE for segment in after if segment.strip())


def _found(pattern: LazyPattern, words: str, *, compact: bool, tail: bool = False) -> re.Match[str] | None:
    """The first match of `pattern` (run on `words`, or on it without spaces) that is the talk of its
    command: no request beside it and, for work about an operation (`tail`), nothing but its verb after."""
    text = words.replace(" ", "") if compact else words
    for found in pattern.finditer(text):
        start = _words_index(words, found.start()) if compact else found.start()
        end = _words_index(words, found.end() - 1) + 1 if compact else found.end()
        if tail and not _OBJECT_TAIL.match(words, end):
            continue
        # One word after work about an operation is that work's verb: nothing else is its object.
        own_verb = tail and _OWN_VERB.match(words, end) is not None
        if not _asks_elsewhere(words, start, end, own_verb=own_verb):
            return found
    return None


def _declines_a_count_for_resources(norm: NormalisedText) -> bool:
    """ "3개로 늘리는 대신 메모리를 올리자", "raise its memory instead of scaling": what is wanted instead of
    the count is a resource setting. Korean says the declined first, English after "instead of"."""
    korean = _INSTEAD_KO.search(norm.words_compact)
    if korean is not None:
        return _RESOURCES.search(norm.words_compact, korean.end()) is not None
    english = _INSTEAD_EN.search(norm.words)
    if english is None:
        return False
    before = norm.words[: english.start()]
    if before.strip(" ,;"):
        return _RESOURCES.search(before) is not None
    # "instead of scaling it, raise the memory": the wanted is the clause after the declined one.
    rest = _BOUNDARY.split(norm.words[english.end() :], maxsplit=1)
    return len(rest) == 2 and _RESOURCES.search(rest[1]) is not None


# Words that carry out what was named before them ("진행해 주세요", "처리 부탁드립니다", "do it now", "go ahead"):
# with an operation as the topic, they ask for it.
_CARRY_OUT_KO = LazyPattern(
    r"^(?:(?:이제|지금|바로|그냥|그대로|빨리|얼른|좀)\s*)*(?:진행|처리|실행|수행)\s*(?:해|하|좀)?\s*"
    r"(?:줘|주세요|주십시오|주실래요|주시겠어요|줄래|부탁(?:드립니다|드려요|해요|합니다)?|바랍니다|해요|합시다|하자)?[\s.!~]*$",
    needs=("진행", "처리", "실행", "수행"),
)
_CARRY_OUT_EN = LazyPattern(
    r"^(?:(?:please|pls|ok|okay|yes|yeah|so|then|now|just)[\s,]+)*(?:do\s+it|go\s+ahead(?:\s+with\s+it)?|proceed"
    r"|carry\s+(?:it\s+)?out|execute\s+it|run\s+it|make\s+it\s+happen|handle\s+it|get\s+it\s+done|let'?s\s+do\s+it)"
    r"(?:[\s,]+(?:now|please|pls|asap|today|thanks|thx))*[\s.!]*$",
    _I,
)
_OP_VERB_EN = {"restart": "restart", "rollback": "roll back", "roll-back": "roll back", "scale": "scale"}
_TOPIC_LEAD_EN = LazyPattern(
    r"^\s*(?:(?:i'?m|i\s+am|we'?re|we\s+are|just)\s+(?:calling|writing|reaching\s+out|emailing|messaging|here)\s+)?"
    r"(?:about|regarding|concerning|re:?)\s+(?:the\s+|our\s+)?(?P<name>[a-z0-9][\w.-]*?)"
    r"(?:\s+(?:app|service|deployment))?(?:\s+(?P<op>restart|rollback|roll-back|scale|deploy|redeploy))?"
    r"\s*(?:[,:;]|\s[\u2014\u2013-])\s*(?P<rest>\S.*)$",
    _I,
    needs=("about", "regarding", "concerning", "re"),
)
# Any topic phrase before a comma or a colon ("regarding cart's logs, …", "about the api restart: …").
_TOPIC_PHRASE_EN = LazyPattern(
    r"^\s*(?:about|regarding|concerning|re:?|as\s+for|as\s+to)\s+[^,:;?!.]{1,60}?\s*[,:;]\s*(?P<rest>\S.*)$",
    _I,
    needs=("about", "regarding", "concerning", "re", "as"),
)
_TOPIC_LEAD_KO = LazyPattern(
    rf"^\s*(?P<name>[A-Za-z][\w.-]*)\s*(?:앱|서비스)?\s*(?P<op>{_OP_KO})\s*"
    r"(?:건(?:으로|에|은|이)?|관련(?:해서|하여|해)?|에\s*관해서?|에\s*대해서?)\s*(?P<rest>\S.*)$",
    needs=_OP_KO_NEEDS,
)


def carried_topic(text: str) -> str | None:
    """The request a command that opens with its topic asks, written whole: the topic's operation when the
    rest only carries it out ("cart 롤백 관련해서 진행해 주세요" → "cart 롤백해 주세요", "re: cart restart — go
    ahead" → "restart cart"), or in English the rest about the topic's app when it names none ("about cart:
    please scale it to 4" → "please scale cart to 4", "about cart: show me its logs").
    None when the command opens with no topic, the rest asks nothing ("cart 롤백 관련해서 연락 주세요") or
    names its own app."""
    korean = _TOPIC_LEAD_KO.match(text)
    if korean is not None:
        if _CARRY_OUT_KO.match(korean.group("rest")) is None:
            return None
        return f"{korean.group('name')} {korean.group('op')}해 주세요"
    english = _TOPIC_LEAD_EN.match(text)
    if english is None:
        # "regarding cart's logs, restart api": a topic phrase of any length before a request naming its own
        # app names no act; the request is read alone.
        phrase = _TOPIC_PHRASE_EN.match(text)
        rest = phrase.group("rest") if phrase is not None else ""
        own = rest and NAME_LIKE.search(rest) is not None and predicate(rest).act is not Act.NONE
        return rest if own else None
    if never_an_app(english.group("name")):
        return None
    name, op, rest = english.group("name"), english.group("op"), english.group("rest")
    if _CARRY_OUT_EN.match(rest) is not None:
        if op is None:
            return None  # "regarding cart, go ahead": what to carry out is not said
        return f"{_OP_VERB_EN.get(op.lower(), 'deploy')} {name}"
    if NAME_LIKE.search(rest) is not None and predicate(rest).act is not Act.NONE:
        return rest  # "about the cart restart: roll back api": the topic names no act; the request its own app
    if op is not None or NAME_LIKE.search(rest) is not None or predicate(rest).act is Act.NONE:
        return None
    return lend(name, rest)


# A change asked for as a state to make sure of: "make sure X is restarted", "ensure X gets rolled back",
# "see to it that X is scaled to 3". The participle names the act; what follows it (a count, a place) is
# the request's. Not a change to prevent ("make sure nobody restarts X", "… isn't restarted"): no match.
_ENSURED_EN = LazyPattern(
    r"^\s*(?:(?:please|pls|can\s+you|could\s+you|just)[\s,]+)*(?:make\s+sure|ensure|see\s+to\s+it)\s+"
    r"(?:that\s+)?(?:the\s+)?(?P<name>[a-z0-9][\w.-]*)(?:\s+(?:app|service|deployment))?\s+"
    r"(?:is|gets|get|is\s+being|will\s+be|'s)\s+(?:(?:properly|actually|fully)\s+)?"
    r"(?P<done>restarted|rebooted|bounced|rolled\s+back|reverted|redeployed|deployed|released|scaled(?:\s+(?:up|down|out|in))?)"
    r"(?P<rest>(?:\s+[^?]*)?)[.!\s]*$",
    _I,
    needs=("sure", "ensure", "see"),
)

# The participles whose verb is not the participle without -ed.
_ENSURED_VERB = {"scaled": "scale", "released": "release", "bounced": "bounce"}


def ensured_change(text: str) -> str | None:
    """The imperative a "make sure X is <done>" request asks ("make sure X is scaled to 3" → "scale X to 3");
    None for any other command ("check that X is restarted" asks whether it was: its state is read)."""
    found = _ENSURED_EN.match(text)
    if found is None or never_an_app(found.group("name")):
        return None
    done = found.group("done").lower().split()
    verb = "roll back" if done[0] == "rolled" else _ENSURED_VERB.get(done[0], done[0].removesuffix("ed"))
    particle = " ".join(done[1:]) if done[0] == "scaled" else ""
    return " ".join(part for part in (verb, found.group("name"), particle, found.group("rest").strip()) if part)


# A question asking leave for a request ("배포해도 되나요?", "요청해도 될까요?"), and the sentence after it
# that asks for it once leave is given ("되면 …", "괜찮으면 …", "if so, …").
_LEAVE_ASKED = LazyPattern(
    r"^(?P<asked>.+?)(?:해도|돼도|되어도)\s*(?:되나요|될까요|될까|돼요|되요|되죠|돼|되니|되냐|괜찮을까요|괜찮나요|괜찮아요)\s*\?\s*$",
    needs=("해도", "돼도", "되어도"),
)
# In English: "can I deploy X?", "may we restart X?", "is it ok to roll back X?".
_LEAVE_ASKED_EN = LazyPattern(
    r"^\s*(?:(?:can|could|may)\s+(?:i|we)|(?:is\s+it|would\s+it\s+be)\s+(?:ok|okay|fine|alright|safe)\s+to"
    r"|am\s+i\s+allowed\s+to|are\s+we\s+allowed\s+to)\s+(?P<asked>\S.*?)\s*\?\s*$",
    _I,
)
_LEAVE_GIVEN = LazyPattern(
    r"^\s*(?:되면|된다면|돼면|괜찮으면|괜찮다면|가능하면|가능하다면|그렇다면|if\s+so|if\s+yes"
    r"|if\s+(?:it'?s|that'?s)\s+(?:ok|okay|fine|alright))[\s,]+(?P<rest>\S.*)$",
    _I,
)


def asked_with_leave(text: str) -> str | None:
    """The request a command asks after asking leave for it ("혹시 배포해도 되나요? 되면 운영에 배포해 주세요"):
    the sentence after the question, read alone; when it only carries out ("되면 둘 다 해 주세요"), what the
    question asked leave for. None for any other command."""
    sentences = [part.strip() for part in QUESTION_SENTENCES.split(text.strip()) if part.strip()]
    if len(sentences) != 2:
        return None
    asked, given = _LEAVE_ASKED.match(sentences[0]), _LEAVE_GIVEN.match(sentences[1])
    english = _LEAVE_ASKED_EN.match(sentences[0]) if asked is None else None
    if english is not None and given is not None and predicate(english.group("asked")).act in MUTATION_ACTS:
        # "can I deploy X? if so, do it": the act leave was asked for, said as an imperative.
        if _CARRY_OUT_EN.match(given.group("rest")) is not None or _DO_IT_KO.match(given.group("rest")) is not None:
            return english.group("asked")
        return None
    if asked is None or given is None:
        return None
    rest = given.group("rest")
    if predicate(rest).act is not Act.NONE:
        # "X 재시작해도 될까요? 괜찮으면 재시작해 주세요": the app the question names is the request's.
        names = list(dict.fromkeys(found.group(0) for found in NAME_LIKE.finditer(asked.group("asked"))))
        names = names or told_plain_names(asked.group("asked"))
        mine = NAME_LIKE.search(rest) is not None or told_plain_names(rest)
        if mine and _ALSO.search(rest) is not None:
            # "X 배포해도 되나요? 되면 Y도 배포해 주세요": Y as well as X; two acts, each offered.
            return f"{asked.group('asked').strip()} 해 주세요. {rest}"
        return lend(names[0], rest) if len(names) == 1 and not mine else rest
    if _CARRY_OUT_KO.match(rest) is None and _DO_IT_KO.match(rest) is None and _CARRY_OUT_EN.match(rest) is None:
        return None  # "…해도 되나요? 되면 알려 주세요": what is asked once leave is given is no change
    return f"{asked.group('asked').strip()} 해 주세요"


# One more besides what leave was asked for: 도 after a name ("Y도"), or "too", "also", "as well".
_ALSO = LazyPattern(r"[A-Za-z0-9§]\s?도(?:\s|$)|\b(?:too|also|as\s+well)\b", re.IGNORECASE)

# Doing what was named, in Korean ("둘 다 해 주세요", "그렇게 해줘").
_DO_IT_KO = LazyPattern(
    r"^(?:(?:둘\s*다|모두|전부|다|그렇게|그대로|바로|좀)\s*)*해\s*(?:줘|주세요|주십시오|줄래|주실래요)[\s.!~]*$"
)


def beside_the_topic(norm: NormalisedText) -> str | None:
    """The sentence without the operation it names only as its topic, when that sentence has no verb
    we read ("cart 롤백 관련해서 연락 주세요" → "cart 연락 주세요"); None when no operation is a topic or
    the rest has its own act ("cart 롤백 관련해서 재시작해줘"). The rest is read alone, and asks at most
    for a read: the topic's noun was no request."""
    words = norm.words
    korean = _TOPIC_KO.search(norm.words_compact)
    if korean is not None:
        start, end = _words_index(words, korean.start()), _words_index(words, korean.end() - 1) + 1
    else:
        english = _TOPIC_EN.search(words)
        if english is None:
            return None
        start, end = english.span()
    rest = f"{words[:start]} {words[end:]}".strip()
    if carried_topic(norm.text) is not None or carried_topic(words) is not None:
        # "cart 롤백 관련해서 진행해 주세요": the rest carries out the topic's operation. Read on the text
        # too, where a hyphenated name ("order-api") is not masked and so opens its topic.
        return None
    return rest if predicate(rest).act is Act.NONE else None


def operation_talk(norm: NormalisedText) -> Talk | None:
    """What a command that talks about an operation without asking for it is, or None."""
    words = norm.words
    if _COUNTED_KO.search(norm.words_compact) or _COUNTED_EN.search(words):
        return Talk.UNSUPPORTED
    if _declines_a_count_for_resources(norm):
        return Talk.UNSUPPORTED
    about = _found(_ABOUT_KO, words, compact=True, tail=True) or _found(_ABOUT_EN, words, compact=False, tail=True)
    if about is not None and about.group("setting") and _ARRIVED.match(norm.words_compact, about.end()):
        # "재시작 알림 왔는데 뭐야?": an alert that came tells of the app; its state is read, no setting changed.
        return Talk.SYMPTOM
    if about is not None:
        return Talk.UNSUPPORTED if about.group("setting") else Talk.REMARK
    if _found(_REMARK_KO, words, compact=True) or _found(_REMARK_EN, words, compact=False):
        return Talk.REMARK
    if _found(_SYMPTOM_KO, words, compact=True) or _found(_SYMPTOM_EN, words, compact=False):
        return Talk.SYMPTOM
    return None
