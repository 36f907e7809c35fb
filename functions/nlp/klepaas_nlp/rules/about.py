"""Text about a command that is not the command: an example, a question about a feature, a check mark,
a complaint, an announcement, what a document says, a heading of a document, a report of what someone did.

- An example is shown, not asked: "예: X 3개로 늘려줘", "예를 들어 X 재시작해줘 같은 거", "e.g. restart X",
  "for instance, scale X to 3".
- A question about what does a change, or about what a change would do, asks for none: "X 롤백해주는 기능
  있어?", "X 배포하는 스크립트 어디 있어?", "X 재시작하면 어떻게 돼?".
- A check mark closes a checklist's item, done or to do, never a request: "X 재시작 ✅", "☑ X 재시작"; the
  item is its line or sentence, and one after it that asks ("✅ 배포 완료\nX 로그 보여줘") is a request.
- "그만 물어봐", "stop asking": a complaint about what is said, naming the act it is tired of.
- An announcement to readers ("지금 X 재시작합니다. 참고하세요", "작업 공지드립니다") tells what the
  speaker does; it asks the platform for nothing.
- What a document or someone says to do ("the docs say to restart X after …", "runbook says to …", "Jane
  asked me to …") is reported, not asked.
- A document's heading ("### Restart procedure", "## Scale-out plan for X", "# X 롤백 절차") and what
  follows it are the document; only a line after the heading that asks ("## 장애 대응\nX 로그 보여줘") is
  read, as a request of its own.
- A named person's report in English ("Jane scaled X to 5 this morning") tells a change done, as "we
  scaled X" does.
- English asks for a change with the bare verb and tells one with its participle or its noun: a clause
  opening with the participle ("Restarting X now, will report back", "X - scaled to 3", "rolling back X
  at 3"), the noun after a name with the state it is in ("X restart in progress", "X deploy pending
  approval"), or the noun of the request for it, which came or went ("restart request for X came in
  yesterday"), tells of the change; so does whatever a notice label ("FYI:", "heads up,") puts before
  readers.
- A Korean change the sentence only muses about stands in a clause that an ending or a bound noun
  embeds: said possible (-ㄹ 수도 있다: "X 재시작해야 할 수도 있어"), asked by someone else and reported
  (달라 in indirect speech: "X 재시작해 달라는 건 무시해", "X 재시작해 달라던데 어떻게 생각해?"), left to a
  decision (여부: "X 롤백 여부는 내일 결정"), or wished, conceded and refused ("X 재시작해주면 고맙겠지만
  지금은 안 돼"). What the sentence itself says after it is no request of ours.
- A change wished for and held back ("X 재시작하고 싶은데 지금 피크라 못 하겠다", "I'd love to scale X but the
  budget says no"), or tried and told with what came of it ("X 3개로 늘려줘 했더니 에러남", "tried scale X to 3
  but got a 403"): the wish or the quoted command is what the sentence is about, and what follows it tells.

- A command quoted as the words another request acts on (translated, spell-checked, summarised, saved, written
  down, registered, added to a list): its request ending made an argument by a particle or a noun for words
  after it ("X 재시작해줘 를 즐겨찾기에 추가해줘", "문서에 X 늘려줘 예시 추가해줘"), the words pointed at as
  words ("X 롤백해줘 이 문장 영어로 뭐야?", "다음 문장을 요약해줘: …"), or the content after the colon of a
  request whose verb is none of ours and has an argument of its own ("회의록에 적어줘: …", "알림 등록해줘: …",
  "체크리스트에 추가: …"); a verb that carries out its object ("진행해 주세요: X 재시작", "부탁해: …") asks for
  the command instead.
- A command quoted or pasted (a kubectl line in code or typed bare, a quoted message) that a bare request
  points at ("`kubectl …` 이거 해줘", "kubectl get po -n x 결과 보여줘", "`kubectl get svc` equivalent pls") is
  not about: it is what is asked, its output when the output is asked (`pointed_at`).

Each asks nothing only when nothing else is asked: a request after it ("Main deployed ok, restart Y",
"그만 물어보고 X 재시작해", "X 재시작하는 방법 말고 그냥 재시작해", "… told me to scale X to 5, can you do it?")
is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from klepaas_nlp.rules.english_roles import EN_OPERATION, EN_OPERATION_WORD, EN_SEGMENTS
from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_L
from klepaas_nlp.rules.indirect import asked_indirectly
from klepaas_nlp.rules.kubectl import read_kubectl
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import ASKS, HANGUL, IMPERATIVE_WORD, TOLD_PAST, names_a_read
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.pieces import SENTENCES
from klepaas_nlp.rules.predicate import (
    FORBIDDING_NEGATION,
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    english_act,
    mentions_an_operation,
    operations_before,
    predicate,
)
from klepaas_nlp.rules.quoting import only_pasted
from klepaas_nlp.rules.statements import GIVES_A_SLOT, english_states, korean_asks, korean_states
from klepaas_nlp.rules.vocabulary import never_an_app

# An example's lead, opening the text.
_EXAMPLE_LEAD = LazyPattern(
    r"^\s*(?:\(?\s*(?:예|예시|보기|ex|example|eg|e\.g\.?|i\.e\.?)\s*[:：)]|예를\s*들(?:어|면|자면)(?:서)?\b|예컨대"
    r"|e\.g\.|for\s+(?:example|instance)\b|such\s+as\b)",
    re.IGNORECASE,
)
# An example's tail: a request followed by "같은 거", "이런 식으로", "처럼 말이야" (what kind of thing is meant).
_EXAMPLE_TAIL = LazyPattern(
    # "같은 걸로", "같은 거로", "같은 것으로" after a request name the version to go to ("어제랑 같은 걸로"),
    # no example.
    r"(?:같은|이런|그런|따위의?)\s*(?:(?:거|것|걸)(?!\s*(?:으로|로))|식|말|명령어?|문장|요청|표현|느낌)(?:[가-힣]{0,4})?"
    r"[.!?~\s]*$"
    r"|(?:같은|이런|그런)\s*(?:거|것)\s*(?:말|말이)[가-힣]*[.!?~\s]*$",
    needs=("같은", "이런", "그런", "따위"),
)
# A thing that does an act, asked about: "…해주는 기능", "…하는 스크립트", "…할 수 있는 방법", "…하는 법".
# Not a command (명령, 커맨드): the commands one can give are what list_commands answers.
_FEATURE = LazyPattern(
    r"[가-힣](?:해\s*주|하|시키|돌리|늘려\s*주|줄여\s*주|되돌려\s*주|올려\s*주|내려\s*주)는\s*"
    r"(?:기능|스크립트|방법|법|버튼|메뉴|툴|도구|api|옵션|코드|파일|잡|워크플로우?|파이프라인|화면)"
    r"|[가-힣]할\s*수\s*있는\s*(?:기능|방법|스크립트|버튼|메뉴|툴|도구|api|옵션)",
    re.IGNORECASE,
    needs=("는", "있는"),
)
# What a change would do, asked: "…하면 어떻게 돼?", "…하면 무슨 일이 생겨?", "…하면 뭐가 바뀌어?" (not how
# to do it: "…하려면 어떻게 해?").
_CONSEQUENCE = LazyPattern(
    r"(?<!려)면\s*(?:(?:어떻게|어찌)\s*(?:돼|되|될|됨|바뀌|달라|변하)|(?:어떤|무슨)\s*(?:일|문제|영향)"
    r"|뭐가\s*(?:바뀌|달라|변하|생기|일어나|어떻게))",
    needs=("면",),
)
# A check mark or a box, closing or opening the text: an item of a checklist. Chat types the marks by their
# shortcodes too (":white_check_mark:").
# Closing a text that gives leave ("ok can deploy X now ✅", "진행해도 돼요 ✔"), it is a nod, not a check; so it
# is closing a Korean request in so many words ("X 2개로 줄여 ✅", "X 배포해 주세요 ✅"): an item is written
# as a noun or a report ("X 재시작 ✅", "X 4개로 늘림"), never as an imperative addressed to someone.
_MARKS = r"(?:[✅☑✔✓☐☒✗✘❌🆗]|:(?:white_check_mark|heavy_check_mark|ballot_box_with_check|x):)"
_CHECK_MARK = LazyPattern(rf"^\s*{_MARKS}|{_MARKS}\ufe0f?\s*$")
_LEAVE = LazyPattern(
    r"\b(?:ok|okay|can|go\s+ahead|approved?|lgtm|good\s+to\s+go)\b|해도\s*(?:돼|되|좋)|진행\s*(?:해|하세요)|가능",
    re.IGNORECASE,
)
# A request ending after a question about a change: the question was only what led to it.
_ASKED_AFTER = LazyPattern(r"(?:줘|주세요|주실래요?|줄래요?|주십시오|부탁\S*|바랍니다|please)[.!~\s]*$", re.IGNORECASE)
# A bare noun of an act, done again or at once, closing the text ("다시 배포", "바로 재시작 ㄱ"): asked, its
# verb left out.
_AGAIN_ACT = LazyPattern(
    r"(?:다시|재차|한\s?번\s?더|바로|당장|그냥|얼른)\s*(?P<act>[가-힣A-Za-z]+)\s*(?:[ㄱᄀ]+|좀)?[.!~\s]*$",
    needs=("다시", "재차", "번", "바로", "당장", "그냥", "얼른"),
)
# What does the act, run again ("잡 다시 돌려", "파이프라인 한 번 더 실행해"): the act it does is asked.
_RUN_AGAIN = LazyPattern(
    r"(?:다시|재차|한\s?번\s?더)\s*(?:돌려|돌리|실행|트리거|태워|태우)", needs=("다시", "재차", "번")
)
# An English clause asking that the act just told be done ("can you do it?", "please handle that", "go ahead").
# "please do", "pls do so": the bare auxiliary after "please" stands for the act just told.
_DO_IT_EN = LazyPattern(
    r"^(?:(?:and|so|then|now|just|please)\s+)*(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?)?"
    r"(?:do|handle|run|take\s+care\s+of)\s+(?:it|that|this)\b|^(?:(?:and|so|then|now|just|please)\s+)*go\s+ahead\b"
    r"|^(?:(?:and|so|then|now|just)\s+)*(?:please|pls|plz)\s+do(?:\s+so)?[.!\s]*$",
    re.IGNORECASE,
)
_WORD_REST = LazyPattern(r"\S*")
_AND = LazyPattern(r"\s+(?:and|but)\s+(?=\w)", re.IGNORECASE)
# A complaint about being asked or told something: "그만 물어봐", "stop asking me".
_COMPLAINT = LazyPattern(
    r"그만\s*(?:좀\s*)?(?:물어|묻|말해|말하|얘기|보내|알려|떠들|시켜)"
    r"|\bstop\s+(?:asking|telling|saying|sending|bugging|nagging)\b",
    re.IGNORECASE,
    needs=("그만", "stop"),
)
# A note to readers that what is told is for their information.
_NOTICE = LazyPattern(
    r"참고\s*(?:하세요|해\s*주세요|바랍니다|부탁드립니다|하시기\s*바랍니다|해\s*주시기\s*바랍니다)"
    r"|공지(?:합니다|드립니다|사항)|알려\s*드립니다|알립니다|양해\s*(?:부탁|바랍니다)",
    needs=("참고", "공지", "알려", "알립", "양해"),
)
# What a document or someone else says to do: reported, not asked.
# Someone's asking told in the past ("Jane asked me to …") is reported as well; "I ask you to …" asks.
_REPORTED = LazyPattern(
    r"\b(?:say|says|said|suggest|suggests|suggested|recommend|recommends|recommended|tell|tells|told"
    # The speaker's own asking, told again ("I've asked you to restart X twice now"), asks once more.
    r"|(?<!\bi've )(?<!\bi have )(?<!\bi )(?<!\bwe've )(?<!\bwe have )(?<!\bwe )(?<!\balready )asked)"
    r"\s+(?:(?:us|you|me|them)\s+)?(?:to|that)\s",
    re.IGNORECASE,
    needs=("say", "said", "suggest", "recommend", "tell", "told", "asked"),
)
# A markdown heading opening the text.
_HEADING = LazyPattern(r"^\s*#{1,6}[ \t]+[^\n]*")
# A named person (a capitalised first name) telling, in the past, a change made to an object.
_NAMED_REPORT = LazyPattern(
    r"^\s*(?!(?:We|They|He|She|You|It|Then|Also|Just|Please)\b)[A-Z][a-z]+\s+(?:just\s+|already\s+)?(?:scaled|restarted|redeployed|deployed|rolled\s+back|reverted"
    r"|bounced|rebooted)\s+\S"
)

# Nouns for words themselves, a closed class (a sentence, a phrase, an expression, a word, an example of one): a
# command they name is quoted, and what is asked is done to the words. 말 (what is said) only after a demonstrative:
# alone it opens 말고 ("not …") and 말이야 (a filler).
_WORDS_KO = r"문장|문구|표현|단어|예시|예문|예제"
# A request's ending (the benefactive 줘, 주세요) is finite: no case particle follows it and it modifies no noun,
# unless the request is quoted as an argument of the verb after it ("X 재시작해줘 를 즐겨찾기에 추가해줘", "X 늘려줘
# 예시 추가해줘"). (Quoted by 라고, the command is told as typed or said, which wished_or_tried and the questions
# about a change read: "X 재시작해줘 라고 입력했더니 에러. 대신 해주세요" asks for it.)
_REQUEST_QUOTED = LazyPattern(
    r"(?:줘|주세요|주십시오|주십쇼)\s?(?:(?:를|가|는)(?![가-힣])"
    rf"|(?:{_WORDS_KO})(?:을|를|이|가|은|는|도|로|의)?(?![가-힣]))\s*\S",
    needs=("를", "가", "는", "문장", "문구", "표현", "단어", "예시", "예문", "예제"),
)
# The words pointed at as words: a demonstrative and a noun for words ("… 이 문장 영어로 뭐야?", "… 이 말 맞춤법
# 맞아?", "다음 문장을 요약해줘: …", "… is this sentence correct?").
_WORDS_POINTED = LazyPattern(
    rf"(?<![\w가-힣])(?:이|위|윗|앞|다음|아래|방금|그|저)\s?(?:{_WORDS_KO}|말)(?:을|를|이|가|은|는|도|의|로)?(?![가-힣])"
    r"|\b(?:this|that|the\s+(?:following|above|next|previous))\s+(?:sentence|phrase|wording|text|example)\b",
    re.IGNORECASE,
)
# A Korean request of its own before a colon, and what follows it.
_CONTENT_COLON = LazyPattern(r"^(?P<head>[^:\n]{2,40}?)\s*:\s+(?P<tail>\S.*)$", re.DOTALL, needs=(":",))
# Before the head's verb, a demonstrative or an adverb of manner points at what follows or says how: no argument.
_NO_ARGUMENT = LazyPattern(r"이거|이것|요거|그거|저거|이|그|저|다음|아래|위|밑|좀|빨리|얼른|바로|당장|지금|꼭|한번")
# The auxiliary a verb's -아/-어 form takes, written apart ("진행해 주세요").
_AUXILIARY = LazyPattern(r"(?:줘|주세요|주십시오|주실래요?|줄래요?|주시겠어요|봐|봐줘|드려요|드립니다)[.!~?]*")


def _content_after_colon(text: str) -> bool:
    """A Korean request whose verb is none of ours (or adds, which none of ours does) and takes an argument of its
    own before a colon ("회의록에 적어줘: …", "알림 등록해줘: …", "체크리스트에 추가: …"): what follows is what it
    writes, registers or adds. A verb that carries out what follows, the command put before it as its object
    ("X 재시작 진행해 주세요", "X 롤백 부탁해"), asks for the command."""
    found = _CONTENT_COLON.match(text.strip())
    if found is None or HANGUL.search(found["head"]) is None:
        return False
    words = normalise(found["head"]).text.split()
    said = predicate(" ".join(words))
    if said.source != "unknown_verb" and said.act is not Act.CREATE:
        return False
    verb = len(words) - (2 if len(words) > 1 and _AUXILIARY.fullmatch(words[-1]) is not None else 1)
    if all(_NO_ARGUMENT.fullmatch(word) is not None for word in words[:verb]):
        return False  # "처리해줘: X 롤백", "이거 해줘: …": the verb alone, or pointing at what follows
    carried = predicate(normalise(" ".join([found["tail"], *words[verb:]])).text)
    return carried.act in (Act.NONE, Act.CREATE)


def _quoted_as_words(text: str) -> bool:
    """A command quoted as the words another request acts on (see the module's docstring)."""
    quoted = _REQUEST_QUOTED.search(text)
    if quoted is not None and NAME_LIKE.search(text, quoted.end()) is None:
        return True  # the verb after the quoted request names nothing of its own to act on
    pointed = _WORDS_POINTED.search(text)
    if pointed is not None:
        rest = text[: pointed.start()] + " " + text[pointed.end() :]
        if mentions_an_operation(NAME_LIKE.sub("§", rest).lower().replace(" ", "")) or names_a_read(rest):
            return True
    return _content_after_colon(text)


# One sentence: no full stop, question or line break before its end (what follows one may ask).
_ONE_SENTENCE = LazyPattern(r"[^\n.!?;]*[.!]?\s*")

# An English notice label opening the text: what follows is put before readers.
_NOTICE_EN = LazyPattern(
    r"^\s*(?:just\s+)?(?:fyi|f\.y\.i\.?|heads[\s-]?up|psa|for\s+your\s+information|just\s+so\s+you\s+know"
    r"|be\s+advised)\b[\s,:;!.\u2014\u2013-]*",
    re.IGNORECASE,
    needs=("fyi", "f.y.i", "heads", "psa", "information", "know", "advised"),
)
# A name's label before what is told of it ("X - scaled to 3", "X: restarted").
_NAME_LABEL = LazyPattern(r"^\s*[\w./-]+\s*(?:[:\u2014\u2013]|\s-)\s+")
# The noun of a change after a name, then the state it is in: a phrase of aspect or a participle
# ("X restart in progress", "X deploy pending approval", "X rollback underway"); not a participle of need
# ("X restart needed" asks for it, as "X needs a restart" does), nor the Kubernetes object (deployment).
_NOUN_IN_STATE = LazyPattern(
    rf"^\s*(?P<name>[\w./-]+)\s+(?:(?:app|service)\s+)?{EN_OPERATION}(?<!deployment)(?<!deployments)\s+"
    r"(?:is\s+|are\s+|was\s+|now\s+|still\s+)*"
    r"(?:in\s+progress|under\s*way|ongoing|on\s+hold|done|complete|over"
    r"|(?!(?:need|requir|want|request|ask)(?:ed|ing)\b)(?!(?:every|some|any|no)thing\b)[a-z]+(?:ed|ing))"
    r"(?=[\s.,;!]|$)",
    re.IGNORECASE,
)
# The noun of the request for a change, then what it did ("restart request for X came in yesterday", "the X
# rollback request was rejected"): a past of its own after it (a regular past, or one of the irregular ones).
_REQUEST_TOLD = LazyPattern(
    rf"\b{EN_OPERATION}\s+requests?\b.*?\b(?:came|went|got|was|were|had|did|[a-z]+ed)\b",
    re.IGNORECASE,
    needs=("request",),
)
# Asking in so many words, whatever the verb: "please", "can you", a question.
_ASKING_EN = LazyPattern(
    r"\b(?:please|pls|plz|kindly|can\s+(?:you|u)|could\s+(?:you|u)|would\s+(?:you|u))\b|\?", re.IGNORECASE
)

# A Korean change embedded by an ending or a bound noun of a closed class (see the module's docstring):
# -ㄹ 수도 있다 (not after the 줄 / 주실 of a request: "해 줄 수도 있어?"), 달라 reported before a noun that
# is no copula's ("…해 달라는 거예요" restates the speaker's own request) or in hearsay (달라던데, 달라더라),
# 여부, and -지만 before a refusal.
_MUSED_KO = LazyPattern(
    r"(?<!줄)(?<!실)(?<!줄\s)(?<!실\s)수도\s*있"
    r"|달라(?:는\s*(?:건|거|것|걸|게)(?!\s*(?:이|예|야|입|일|라|요))|던|더|시던|셨)"
    r"|(?P<whether>여부)"
    r"|지만(?=.*" + FORBIDDING_NEGATION + ")",
    needs=("수도", "달라", "여부", "지만"),
)
# The benefactive 주다 of a request, or 부탁: asked in so many words ("해줄래?", "봐 주실 수 있나요").
_GIVING = LazyPattern(
    r"줘|주세요|주십시오|주실|주시겠|줄래|줄\s*수|부탁|바랍니다", needs=("줘", "주", "줄", "부탁", "바랍니다")
)
_OWN_WORD = LazyPattern(r"[가-힣A-Za-z]{2,}")
_SENTENCE_END = LazyPattern(r"(?<=[.!?\n])\s*")


def _asks(line: str) -> bool:
    return ASKS.search(line.strip()) is not None


def _asked_after(rest: str) -> bool:
    """What follows a complaint, a report or a question about a change asks for something of its own: a
    Korean request ending or a bare act done again ("…말고 그냥 재시작해", "…고쳤으니 다시 배포"), or an
    English clause opening with a verb of ours or asking the act told be done ("…, can you do it?")."""
    stripped = rest.strip()
    if not stripped:
        return False
    if _ASKED_AFTER.search(stripped) is not None:
        return True
    ours = mentions_an_operation(stripped.lower().replace(" ", "")) or names_a_read(stripped)
    if IMPERATIVE_WORD.search(stripped) is not None and (ours or _RUN_AGAIN.search(stripped) is not None):
        # A 반말 imperative of an act or a read of ours ("…말고 그냥 재시작해", "…잡 다시 돌려").
        return True
    again = _AGAIN_ACT.search(stripped)
    if again is not None and mentions_an_operation(again["act"].lower()):
        return True
    for segment in EN_SEGMENTS.split(stripped):
        for clause in _AND.split(segment):
            if english_act(clause) is not Act.NONE or _DO_IT_EN.match(clause.strip()) is not None:
                return True
    return False


def _participle_opens(clause: str) -> bool:
    """An English clause opens with a change's participle, after a name's label maybe ("rolling back X",
    "X - scaled to 3"): it tells the change under way or done."""
    label = _NAME_LABEL.match(clause)
    opening = EN_OPERATION_WORD.match(clause.strip() if label is None else clause[label.end() :])
    return opening is not None and opening.group(0).split()[0].lower().endswith(("ed", "ing"))


def _asks_en(text: str) -> bool:
    """An English text asks: in so many words, or by a clause opening with a verb of ours that tells no
    change ("FYI: restart X please", "…, show me its logs")."""
    if _ASKING_EN.search(text) is not None:
        return True
    for segment in EN_SEGMENTS.split(text.strip()):
        if asked_indirectly(segment) is not None:
            return True  # "…, and X needs a restart": a need or a wish asks for the change it names
        for clause in _AND.split(segment):
            if _participle_opens(clause) or _REQUEST_TOLD.search(clause) is not None:
                continue  # a clause telling the change, its verb a participle or its noun a request's
            if english_act(clause) is not Act.NONE or _DO_IT_EN.match(clause.strip()) is not None:
                return True
    return False


def _gives_an_argument(rest: str) -> bool:
    references = extract(normalise(rest)).references
    slots = (references.environment, references.branch, references.image, references.namespace)
    return GIVES_A_SLOT.search(rest) is not None or any(slot is not None for slot in slots)


def _tells_a_change_en(text: str) -> bool:
    """English text telling a change (by its participle, its noun in a state, or its request's noun that
    came or went) and asking for nothing."""
    if HANGUL.search(text) is not None or EN_OPERATION_WORD.search(text) is None:
        return False
    first = EN_SEGMENTS.split(text.strip())[0]
    state = _NOUN_IN_STATE.match(first)
    told = (
        _participle_opens(first)
        # The word before the noun names what the change is of ("um restart billing" opens with a verb).
        # ...unless what follows the participle is an argument of the change ("X deploy using main branch",
        # "X deploy going to staging"): the request, its manner said by the participle.
        or (state is not None and not never_an_app(state["name"]) and not _gives_an_argument(first[state.end() :]))
        or _REQUEST_TOLD.search(first) is not None
    )
    return told and not _asks_en(text)


def _noticed_en(text: str) -> bool:
    """An English notice ("FYI: X restart at 14:00", "heads up, rolling back X at 3"): a change put before
    readers, nothing asked."""
    label = _NOTICE_EN.match(text)
    if label is None or HANGUL.search(text) is not None:
        return False
    told = text[label.end() :]
    return EN_OPERATION_WORD.search(told) is not None and not _asks_en(told)


def _mused_ko(text: str) -> bool:
    """A Korean change embedded by an ending or a bound noun that makes it a musing, with nothing asked
    after it ("X 재시작해야 할 수도 있어", "X 재시작해 달라는 건 무시해", "X 롤백 여부는 내일 결정")."""
    # Where the first change is named ends: an embedding before it embeds none.
    letters = [index for index, letter in enumerate(text) if letter != " "]
    changes = operations_before("".join(text[index] for index in letters).lower(), len(letters))
    if not changes:
        return False
    found = _MUSED_KO.search(text, letters[changes[0][1] - 1] + 1)
    if found is None:
        return False
    sentences = _SENTENCE_END.split(text[: found.start()])
    if any(_asks(sentence) or _asked_after(sentence) for sentence in sentences[:-1]):
        return False  # "X 롤백해줘. 그게 원인일 수도 있어서": the musing is a remark beside a request
    rest = text[found.end() :]
    if _GIVING.search(rest) is not None or _asked_after(rest):
        return False
    if found.group("whether") is None:
        return True
    # 여부 with a predicate of its own that reads nothing ("…여부는 내일 결정"); "배포 여부 확인", "배포 여부?"
    # ask whether it was done.
    return _OWN_WORD.search(rest) is not None and predicate(rest).act is Act.NONE


def _nods(before: str) -> bool:
    """The text a closing check mark follows gives leave, or asks in so many words (a request's ending, "please",
    a Korean imperative): the mark agrees with it, closing no checklist's item."""
    said = before.strip()
    if _LEAVE.search(said) is not None or _ASKED_AFTER.search(said) is not None:
        return True
    return HANGUL.search(said) is not None and IMPERATIVE_WORD.search(said) is not None


def _rest_of_word(text: str, end: int) -> str:
    """The text after the word a match ends in ("그만 물어|보고 …" -> " …")."""
    word_end = _WORD_REST.match(text[end:])
    return text[end + (word_end.end() if word_end is not None else 0) :]


def only_about(text: str) -> bool:
    """`text` (as written) talks about a command, asking the platform for nothing."""
    stripped = text.strip()
    heading = _HEADING.match(stripped)
    if heading is not None:
        # A document: asked only by a line after its heading that asks.
        rest = [line for line in stripped[heading.end() :].splitlines() if line.strip()]
        return not any(_asks(line) for line in rest)
    mark = _CHECK_MARK.search(stripped)
    if mark is not None and (mark.start() == 0 or not _nods(stripped[: mark.start()])):
        return after_a_checked_item(stripped) is None
    if _EXAMPLE_LEAD.match(stripped) is not None or _quoted_as_words(stripped):
        return True
    report = _NAMED_REPORT.match(stripped)
    if report is not None and _ONE_SENTENCE.fullmatch(stripped) is not None:
        # One whole sentence: a request after a comma ("Main deployed ok, restart worker") is asked.
        later = EN_SEGMENTS.split(stripped)[1:]
        if not any(_asked_after(segment) for segment in later):
            return True
    if _noticed_en(stripped) or _tells_a_change_en(stripped):
        return True
    notice = _NOTICE.search(stripped)
    if notice is not None:
        # "지금 X 재시작합니다. 참고하세요": the rest tells, it does not ask. A request closing a clause of its own
        # before the notice ("X 늘려 주세요, … 참고해 주세요": the notice passes it on to a colleague) is asked.
        told = stripped[: notice.start()] + " " + stripped[notice.end() :]
        return not _asks(told) and not any(_asks(clause) for clause in EN_SEGMENTS.split(told))
    if _EXAMPLE_TAIL.search(stripped) is not None:
        return True
    complaint = _COMPLAINT.search(stripped)
    if complaint is not None and not _asked_after(_rest_of_word(stripped, complaint.end())):
        # A complaint asks nothing only when nothing else is asked ("그만 물어보고 그냥 X 재시작해" asks it).
        return True
    # A question about what does a change or what it would do, or what someone says to do: only about a
    # change (a read's "로그 보는 방법" is left to the reads).
    if not mentions_an_operation(stripped.lower().replace(" ", "")):
        return False
    if HANGUL.search(stripped) is not None and _mused_ko(stripped):
        return True
    for pattern in (_FEATURE, _CONSEQUENCE):
        found = pattern.search(stripped)
        if found is not None and not _asked_after(stripped[found.end() :]):
            return True
    reported = _REPORTED.search(stripped)
    if reported is None:
        return False
    # What was said to do is the first clause after "say to"; only a clause after it, or a request ending, asks.
    said = stripped[reported.end() :]
    later = EN_SEGMENTS.split(said)[1:]
    return _ASKED_AFTER.search(said) is None and not any(_asked_after(segment) for segment in later)


# Where the item a check mark opens ends: its line, or its sentence on one line ("✅ 완료. 이제 X 로그 보여줘").
_ITEM_END = LazyPattern(r"\n+|(?<=[.!?])\s+", needs=("\n", ".", "!", "?"))


def after_a_checked_item(text: str) -> str | None:
    """What is asked after the item a check mark opens ("✅ 배포 완료\nX 로그 보여줘", "✅ 완료. 이제 X 로그
    보여줘"): the mark closes its own line or sentence, and the rest, opened by no mark of its own, is a
    request when it asks; None otherwise (a checklist's items ask for nothing)."""
    stripped = text.strip()
    mark = _CHECK_MARK.match(stripped)
    end = _ITEM_END.search(stripped) if mark is not None else None
    if end is None:
        return None
    rest = stripped[end.end() :].strip()
    if _CHECK_MARK.search(rest) is not None or not _asked_after(rest):
        return None
    return rest


def request_after_about(text: str) -> str | None:
    """The request asked after a complaint ("그만 물어보고 X 재시작해" -> "X 재시작해", "stop telling me it's
    fine and restart X" -> "restart X"), or what someone said to do when the user asks it be done ("My
    lead told me to scale X to 5, can you do it?" -> "scale X to 5"); None when there is none."""
    stripped = text.strip()
    complaint = _COMPLAINT.search(stripped)
    if complaint is not None:
        rest = _rest_of_word(stripped, complaint.end()).strip(" ,")
        if not _asked_after(rest):
            return None
        if HANGUL.search(rest) is not None:
            return rest
        for segment in EN_SEGMENTS.split(rest):
            for clause in _AND.split(segment):
                if english_act(clause) is not Act.NONE:
                    return rest[rest.index(clause) :]
        return None
    reported = _REPORTED.search(stripped)
    if reported is None:
        return None
    told, *after = EN_SEGMENTS.split(stripped[reported.end() :])
    if after and any(_DO_IT_EN.match(clause.strip()) for segment in after for clause in _AND.split(segment)):
        return told
    return None


# A bare request to do what was quoted or pasted ("이거 해주세요", "대신 해주세요", "해줘", "do it for me", "the
# equivalent pls"): no act of its own, so the one command it points at is what is asked. The pointer may be left
# unsaid in Korean, whose object goes unsaid when the hearer has it before them ("`kubectl …` 해줘").
_PLEASE_KO = r"(?:주세요|줘요?|줄래요?|주실래요?|주시겠어요|주십시오)"
_POINTER_KO = r"(?:이거|이것|이걸|그거|그것|그걸|위에\s*(?:거|것)|위\s*(?:명령|내용)|이대로|그대로|(?:저\s*)?대신)"
_PLEASE_EN = r"(?:,?\s+(?:please|pls|plz))?"
# "please", "can you": the asking before an English bare request.
_POLITE_EN = r"(?:(?:please|pls|plz|kindly)\s+|(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?)?"
_DO_THIS = LazyPattern(
    rf"^\s*(?:그럼|그냥|제발|혹시)?\s*(?:{_POINTER_KO}\s*)?(?:좀\s*)?"
    rf"(?:(?:실행|진행)?\s*해\s*{_PLEASE_KO}|돌려\s*(?:봐\s*)?{_PLEASE_KO}|(?:진행\s*)?부탁(?:해요|드려요|드립니다|합니다))"
    # "이거 좀": the pointer and the softener alone, the verb left unsaid.
    rf"|^\s*{_POINTER_KO}\s*좀(?=[\s.!?~]*$)"
    rf"|^\s*{_POLITE_EN}(?:do|run)(?:\s+(?:it|this|that))?(?:\s+for\s+me)?(?:\s+instead)?{_PLEASE_EN}"
    rf"|^\s*(?:(?:please|pls|ok|okay)\s+)?(?:go\s+ahead|proceed)(?:\s+with\s+(?:it|this|that))?{_PLEASE_EN}"
    # "the equivalent pls": what the command would do, done here.
    rf"|^\s*{_POLITE_EN}(?:do\s+)?(?:the\s+|an\s+)?equivalent(?:\s+(?:of|for)\s+(?:it|this|that))?"
    rf"(?:\s+(?:here|for\s+me))?{_PLEASE_EN}",
    re.IGNORECASE,
)
# A bare request for what the command prints ("결과 보여줘", "출력 좀 알려 주세요", "보여줘", "show me the output"):
# the read a kubectl line that only reads makes, asked as its result. Of a change it asks no change, and names no
# read (what the change led to is a question).
_SHOW_ITS_OUTPUT = LazyPattern(
    rf"^\s*(?:(?:이|그)\s*)?(?:(?:실행\s*)?(?:결과|출력|아웃풋)(?:물|값)?(?:을|를|\s)*)?(?:좀\s*)?"
    rf"(?:(?:보여|알려|확인해|공유해)\s*{_PLEASE_KO}|(?:공유|확인)\s*(?:좀\s*)?부탁(?:해요|드려요|드립니다|합니다)?)"
    rf"|^\s*{_POLITE_EN}(?:(?:show|give|tell|share)\s+(?:me\s+|us\s+)?)?(?:the\s+|its\s+)?(?:output|results?)"
    rf"(?:\s+of\s+(?:it|this|that))?{_PLEASE_EN}",
    re.IGNORECASE,
)
# Where the bare request ends and the words after it begin: at the message's end, or at a mark that closes it
# ("equivalent pls - what services are running?": the question says again what is asked).
_REQUEST_CLOSED = LazyPattern(r"\s*(?:[.!?~]+|\s[-–—]\s|[:,;])\s*|\s*$")
# A kubectl line the user typed in their own words, before the bare request ("kubectl get svc -n x 결과 보여줘",
# "k get po -n x 해줘", "kubectl get svc equivalent pls"): it ends where the bare request begins.
_OWN_KUBECTL = LazyPattern(r"^\s*(?:\$\s*)?(?:kubectl|k)\s", re.IGNORECASE)
_WORD_GAP = LazyPattern(r"\s+")
# The bare request before the line ("pls run kubectl get po -n x", "can you run kubectl get svc?") and the
# courtesy after it.
_RUN_FIRST = LazyPattern(rf"^\s*{_POLITE_EN}(?:run|execute|do)\s+(?=(?:kubectl|k)\s)", re.IGNORECASE)
_COURTESY_AFTER = LazyPattern(rf"(?:\s+for\s+me)?{_PLEASE_EN}[\s.!?~]*$", re.IGNORECASE)
# What a pasted kubectl line told as tried, or a quoted request, asks: its command, without the story.
_TRIED_KUBECTL = LazyPattern(r"^\s*(?:\$\s*)?(?P<command>kubectl\s[^\n가-힣]*?)\s*[가-힣]", needs=("kubectl",))
_QUOTED_LINE = LazyPattern(r"^\s*(?:>[\s>]*|↪\s*(?:re\s*:)?)\s*(?P<command>[^\s>][^\n]*)$", re.IGNORECASE)
# A kubectl command quoted as code ("`kubectl rollout restart deploy/X`", "`k get po`") or typed at a shell's
# prompt ("$ kubectl scale …"): the marks around it say it is a command, not what it does.
_KUBECTL_LINE = LazyPattern(r"^\s*(?:`+\s*)?(?:\$\s*)?(?P<command>(?:kubectl|k)\s[^`\n]*?)\s*(?:`+\s*)?$", re.I)


@dataclass(frozen=True, slots=True)
class Pointed:
    """The command a bare request points at, and what the user says after that request (empty when
    nothing): said again in other words, it must ask for the same (the interpreter compares)."""

    command: str
    said_after: str
    output: bool = False
    """The request asks for what the command prints ("결과 보여줘"), not that it be done."""


def pointed_at(own: str, data: tuple[str, ...]) -> Pointed | None:
    """The one quoted or pasted command the user's bare "do this" asks for ("kubectl scale … 했는데 안 돼요.
    대신 해주세요", "> X 재시작해줘\\n이거 해주세요", "`kubectl rollout restart deploy/X` 이거 해줘", "$ kubectl
    scale …\\nerror: forbidden\\n이거 해줘"), or the read a kubectl line makes when its output is asked
    ("`kubectl get po -n x` 결과 보여줘", "kubectl get svc 결과 보여줘"); None otherwise. What the command
    printed when the user ran it (an error pasted after it) is its output, no second command."""
    typed = _own_kubectl(own)
    if typed is not None:
        return typed
    commands = [_command_in(span) for span in data]
    found = [command for command in commands if command is not None]
    if len(found) != 1 or not all(
        only_pasted(span) for span, command in zip(data, commands, strict=True) if command is None
    ):
        return None
    if len(data) == 1 and not own.strip(" \t\n.!?~") and _KUBECTL_LINE.match(data[0]) is not None:
        # "`kubectl get po -n x`" alone: the line marked as code is the whole message, read as it is typed bare.
        return Pointed(command=found[0], said_after="")
    request = _bare_request(own)
    return None if request is None else Pointed(command=found[0], said_after=request[0], output=request[1])


def _bare_request(asked: str) -> tuple[str, bool] | None:
    """What the user says after the bare request `asked` opens with, and whether that request is for the
    command's output; None when `asked` opens with none."""
    request = _DO_THIS.match(asked)
    output = request is None
    if output:
        request = _SHOW_ITS_OUTPUT.match(asked)
    closed = None if request is None else _REQUEST_CLOSED.match(asked, request.end())
    return None if closed is None else (asked[closed.end() :].strip(), output)


def _own_kubectl(own: str) -> Pointed | None:
    """The kubectl line `own` opens with, read by kubectl's grammar, and the bare request after it (set apart by
    a space or a dash); or the line a bare request to run it opens `own` with ("pls run kubectl get po"); None
    otherwise."""
    run = _RUN_FIRST.match(own)
    if run is not None:
        line = _COURTESY_AFTER.sub("", own[run.end() :])
        return Pointed(command=line.strip(), said_after="") if read_kubectl(line) is not None else None
    if _OWN_KUBECTL.match(own) is None:
        return None
    for gap in _WORD_GAP.finditer(own):
        request = _bare_request(own[gap.end() :].lstrip("-–— "))
        if request is not None and read_kubectl(own[: gap.start()]) is not None:
            return Pointed(command=own[: gap.start()].strip(), said_after=request[0], output=request[1])
    return None


def _command_in(span: str) -> str | None:
    found = _TRIED_KUBECTL.match(span) or _QUOTED_LINE.match(span) or _KUBECTL_LINE.match(span)
    return found["command"].strip() if found is not None else None


# A change wished for or tried, closed by an ending that ties it to what follows: the wish in a concessive or
# background ending (-고 싶은데 / 싶지만; a condition, then a predicate in the conjectural -겠 or -ㄹ 텐데:
# -면 좋겠는데, -면 고맙겠지만, -면 좋을 텐데; -했으면 하는데), or a past verb in -더니 / -는데 / -지만
# ("늘려줘 했더니", "라고 보냈는데", "배포 버튼 눌렀더니", "재시작했는데").
_WISHED_OR_TRIED_KO = LazyPattern(
    r"(?:고\s?싶(?:은데|지만|었는데|었지만)|(?:면|음)\s?[가-힣]{1,4}겠(?:는데|지만)"
    rf"|(?:면|음)\s?[가-힣]{{0,4}}[{FINAL_L}]\s?(?:텐데|건데)|면\s?하(?:는데|지만)"
    rf"|(?P<tried>[{TOLD_PAST}](?:더니|는데|지만)))(?:요)?,?(?=\s)",
    needs=("싶", "는데", "지만", "텐데", "건데", "더니"),
)
# The same in English: a verb of wishing or trying before the change, then "but" and what stands in its way or
# came of it ("I'd love to scale X to 10 but the budget says no", "tried scale X to 3 but got a 403").
_WISHED_OR_TRIED_EN = LazyPattern(
    r"^\s*(?:(?:i|we)(?:'d|\s+would)?\s+)?(?:really\s+)?(?:love|like|want(?:ed)?|hoped?|meant|tried)\s+(?:to\s+)?"
    r"(?P<command>.+?),?\s+but\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
    needs=("love", "like", "want", "hope", "meant", "tried"),
)
# The words that ask the hearer in English ("please", "can you"), and a question of manner ("어떻게", "how"):
# what follows a wish that asks how is asking for help, not telling an obstacle.
_ASKS_THE_HEARER_EN = LazyPattern(
    r"\b(?:please|pls|plz|(?:can|could|would|will)\s+(?:you|u))\b",
    re.IGNORECASE,
    needs=("please", "pls", "plz", "you", "u"),
)
_MANNER = LazyPattern(r"어떻게|어떡|\bhow\b", re.IGNORECASE, needs=("어떻", "어떡", "how"))
# A question of leave or ability, asked without its question mark ("…싶은데 가능해", "해도 돼", "되나"), and
# the speaker's own plan to read ("그 전에 로그 좀 볼게"): each asks, as "해줄 수 있어?" does.
_LEAVE_OR_PLAN = LazyPattern(
    r"(?<!불)가능|해도\s*(?:돼|되|될)|되나|될까|괜찮을까|(?:볼|봐야)(?:게|겠)",
    needs=("가능", "해도", "되나", "될까", "괜찮을까", "볼", "봐야"),
)


def _only_tells(rest: str) -> bool:
    """`rest` tells something and asks nothing: no request, no question, nothing the request would take (a
    name, a count, a place, a thing to read)."""
    stripped = rest.strip()
    if not stripped or "?" in stripped or _asked_after(stripped) or _MANNER.search(stripped) is not None:
        return False
    if _LEAVE_OR_PLAN.search(stripped) is not None or mentions_an_operation(stripped.split()[-1].strip(".!~")):
        # "…싶은데 가능해", "…했는데 에러 나네 롤백": leave asked, or a change named at the very end, asks.
        return False
    if NAME_LIKE.search(stripped) is not None or GIVES_A_SLOT.search(stripped) is not None:
        return False
    references = extract(normalise(stripped)).references
    if references.environment is not None or references.namespace is not None:
        return False
    sentences = [sentence for sentence in SENTENCES.split(stripped) if sentence.strip()]
    if HANGUL.search(stripped) is None:
        if english_act(stripped) is not Act.NONE or _ASKS_THE_HEARER_EN.search(stripped) is not None:
            return False
        states = english_states
    elif any(korean_asks(sentence) for sentence in sentences):
        return False
    else:
        states = korean_states
    # A thing read, named without a verb ("로그 먼저"), is asked; one a statement tells of ("예산이 없네") is not.
    return not any(names_a_read(sentence) and not states(sentence) for sentence in sentences)


def wished_or_tried(text: str) -> bool:
    """A change wished for and held back by what stands in its way ("X 재시작하고 싶은데 지금 피크라 못 하겠다",
    "X 롤백하고 싶지만 마이그레이션 때문에 안 돼", "I'd love to scale X to 10 but the budget says no"), or one
    tried and told with what came of it ("X 3개로 늘려줘 했더니 에러남", "restart X 라고 쳤더니 권한 없다고
    나와요", "X 배포 버튼 눌렀더니 실패래", "tried scale X to 3 but got a 403"): the change is what the wish or
    the report is about, and what follows tells why it is not done or what happened. A request ending before a
    past verb of saying is the command quoted, never asked. Nothing is asked unless something asks after it
    ("…싶은데 해줄 수 있어?", "… 했는데 안 됐어. 다시 해줘"), or the text asks before it."""
    if HANGUL.search(text) is None:
        found = _WISHED_OR_TRIED_EN.match(text)
        return found is not None and english_act(found["command"]) in MUTATION_ACTS and _only_tells(found["rest"])
    told = 0  # where the text not yet searched for a change begins: each stretch is read once
    for hinge in _WISHED_OR_TRIED_KO.finditer(text):
        stretch, told = text[told : hinge.end()], hinge.end()
        if not mentions_an_operation(NAME_LIKE.sub("§", stretch).lower().replace(" ", "")):
            continue
        words = text[: hinge.start()].split()
        if hinge["tried"] is not None:
            if not text[: hinge.start()].endswith((" ", "\n")) and words:
                words.pop()  # the verb of saying or doing the past ending closes ("보냈는데", "입력했는데")
            # The command quoted: a request ending (then 라고) right before the verb of saying is not asked.
            if words and _QUOTE.fullmatch(words[-1]) is not None:
                words.pop()
            if words:
                words[-1] = _QUOTE_END.sub("", words[-1])
                if _ASKED_AFTER.search(words[-1]) is not None:
                    words.pop()
        if "?" in text[: hinge.start()] or any(_ASKED_AFTER.search(word) is not None for word in words):
            return False
        return _only_tells(text[hinge.end() :])
    return False


_QUOTE = LazyPattern(r"(?:이)?라고", needs=("라고",))
_QUOTE_END = LazyPattern(r"(?:이)?라고$", needs=("라고",))
