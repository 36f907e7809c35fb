"""What the user says beside the request: a remark says why, the request says what to do.

- A Korean question weighing a change ("롤백해야 하나? 일단 cart 파드 로그 50줄") asks nothing yet
  when a sentence asking for a read follows it: that sentence is the request, about what the
  question named ("web-app 롤백해야 하나? 로그 먼저" reads web-app's logs).
- In English, a statement beside an imperative ("restart inventory-svc, it is not responding since
  morning", "logs look bad, restart pay-svc", "I've seen the pods, now scale cart to 4") or a clause
  of time or reason ("before I scale, show the pods") tells the situation. Its words are not
  targets: only the imperative segment is read, unless the remark holds what the request needs (a
  name written as one, a namespace, a number: "payments-api is broken, roll it back").

- A short lead-in before a colon ("just read: list deployments in qa", "quick one: restart web")
  labels the request after it; its words are not names.

A remark is recognised by its grammar (a subject and a finite verb, a subordinator before a subject),
never by what it talks about, and only when the rest is a request of its own.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.courtesy import ENGLISH_THANKS
from klepaas_nlp.rules.english_roles import EN_SEGMENTS
from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_N as _FINAL_N
from klepaas_nlp.rules.indirect import asked_indirectly
from klepaas_nlp.rules.korean_roles import states_a_situation
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.lending import OTHER_TARGET, names_a_kind, reads_many_afresh, told_plain_names
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    closes_on_a_step,
    english_act,
    mentions_an_operation,
    opens_with_question_word,
    predicate,
)
from klepaas_nlp.rules.statements import GIVES_A_SLOT, TYPED_IMAGE

SENTENCES = LazyPattern(r"(?<=\?)\s+")
HANGUL = LazyPattern(r"[가-힣]")
# Where a weighed change's verb starts ("롤백해야", "재시작해도", "배포 가능할까"): what stands before it
# is what the question is about, and stays for the request that follows.
_OPERATION_WORD = LazyPattern(
    r"\S*(?:롤백|되돌|복원|복구|재시작|재가동|재기동|배포|스케일|늘리|늘려|줄이|줄여|rollback|restart|deploy|scale)"
)
# English segments end at a comma or semicolon, or where a sentence ends (". ", "? ", "! ").
# A subject pronoun opening the segment, or a subject (a noun phrase of up to five words, its
# determiner first: "the concert stream", "QA", "the fix for the login bug") followed by a finite
# verb: of state, of failure or stopping ("members can't …", "the tokens stopped …", "last release
# broke …"), or the third person of wanting or needing ("QA wants to poke at it").
_STATEMENT = LazyPattern(
    r"^(?:(?:i|i'?ve|i'?m|i'?d|we|we'?ve|we'?re|it|it'?s|this|that|they|they'?re|he|she)\s"
    r"|(?:(?:the|our|my|their|a|an|some|every|last|this)\s+)?(?:[a-z][\w-]*\s+){1,5}?"
    r"(?:is|are|was|were|looks?|seems?|keeps?|kept|isn'?t|aren'?t|wasn'?t|weren'?t|doesn'?t|don'?t|didn'?t"
    r"|can'?t|cannot|won'?t|couldn'?t|has|have|had|wants|needs|stopped|started|broke|fails?|failed"
    # Saying or reporting what is wrong ("customers say the page is down", "QA reported errors").
    r"|say|says|said|report|reports|reported|complain|complains|complained|noticed|mentioned)\b"
    # The verb of being contracted onto its subject ("the airport's quiet tonight", "traffic's low").
    r"|(?:(?:the|our|my|their|this)\s+)?(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*'(?:s|re)\s+"
    r"(?:quiet|slow|low|high|down|dead|busy|calm|empty|over|done|back|fine|ok|okay|broken|flaky|stuck|gone"
    r"|been|not|still|too|really|pretty|so|very|kinda|all)\b"
    # The verb of being left out, as chat does ("traffic very high", "flash sale starting"): a subject,
    # then a degree and an adjective, or a participle, closing the segment.
    # Plain words only (a name or "x2" is no such subject), and no noun in -ing ("on staging").
    r"|(?:[a-z]+\s+){1,3}(?:(?:very|so|super|too|damn|quite|really|extremely|sibei)\s+[a-z]+"
    r"|(?!(?:staging|billing|pricing|logging|ping|thing|something|nothing|everything|morning|evening)\b)"
    r"[a-z]{2,}ing)(?:\s+(?:now|already|again|today|tonight|soon))?\W*$)",
    re.IGNORECASE,
)
# What the user is doing, said as a bare participle ("just looking", "only checking"): no request.
_DOING = LazyPattern(r"^(?:just|only|simply|merely)?\s*[a-z]+ing[.!]*$", re.IGNORECASE)
# The user saying what they want to see ("I want to see what's running"): beside a read asked for
# with its own verb, it restates that read, so its words name nothing.
_FIRST_PERSON_WISH = LazyPattern(r"^(?:i|we)\s+(?:just\s+)?(?:want|wanna|need|would\s+like|'d\s+like)\b", re.IGNORECASE)
# The same wish, its modal contracted too ("I'd like the logs of web"), holding what is wished for.
_WISH_TO_HAVE = LazyPattern(
    r"^(?:i|we)(?:\s+(?:just\s+)?(?:want|wanna|need|would\s+like)|['’]d\s+(?:just\s+)?like)\b", re.IGNORECASE
)
# A clause of time or reason before a subject ("before I scale", "since it crashed"): not a condition
# ("if it fails, restart web" asks for a restart only then, which the rules read elsewhere).
_SUBORDINATE = LazyPattern(r"^(?:before|because|since|as|although|though)\s+(?:i|we|it|they|you)\b", re.IGNORECASE)
# A clause of reason with a subject of its own after the request ("…, as the room rates are wrong").
_REASON_CLAUSE = LazyPattern(
    r"^(?:because|since|as)\s+(?P<clause>.+)$", re.IGNORECASE, needs=("because", "since", "as")
)


_READ_NOUNS = (kw.LOGS, kw.STRONG_STATUS, kw.LISTING, kw.POD, kw.SERVICE, kw.DEPLOYMENT, kw.COST, kw.ENDPOINT)


def _asks_for_anything(sentence: str) -> bool:
    """An act, or a noun of something to read: what a bare courtesy ("please.", "thanks!") never holds."""
    if english_act(sentence) is not Act.NONE or predicate(sentence).act is not Act.NONE:
        return True
    norm = normalise(sentence)
    return mentions_an_operation(norm.words_compact) or any(family.found_in(norm) for family in _READ_NOUNS)


def _asks_to_read(sentence: str) -> bool:
    """A read asked for, with its verb ("로그 먼저 보여줘") or with none ("일단 cart 파드 로그 50줄")."""
    said = predicate(sentence)
    if said.act is Act.READ:
        return True
    norm = normalise(sentence)
    return (
        said.act is Act.NONE
        and not mentions_an_operation(norm.words_compact)
        and any(family.found_in(norm) for family in _READ_NOUNS)
    )


def _objects(question: str) -> str:
    """What the question is about, without its verb: "web-app 롤백해야 하나?" -> "web-app"."""
    compact_stem = _OPERATION_WORD.search(question)
    return question[: compact_stem.start()].strip() if compact_stem is not None else ""


def _wondering_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") and predicate(sentence).source == "korean_wondering"


# A definite resource ("the deployment", "its service"): one the user named before.
_DEFINITE_RESOURCE = LazyPattern(
    r"\b(?:the|its)\s+(?:deployment|service|pod)\b", re.IGNORECASE, needs=("deployment", "service", "pod")
)


def _names_asked_about(sentence: str, request: str) -> str | None:
    """The names a question about a state holds ("the rollout of web-app finished?"), when the read
    asked for after it points back at a resource by its definite article and names none of its own
    ("show me the deployment"): the read is about them, and the question's other words say only
    what the user wonders."""
    if not sentence.rstrip().endswith("?") or NAME_LIKE.search(request) is not None:
        return None
    if _DEFINITE_RESOURCE.search(request) is None:
        return None
    # A question with no verb of an act ("the rollout of web-app finished?"), or one opened by a
    # question word ("what did the last deploy of web-app change?"): either only wonders.
    asked = predicate(sentence)
    wonders = (english_act(sentence) is Act.NONE and asked.source == "question") or (
        asked.act is Act.READ and opens_with_question_word(sentence)
    )
    if not wonders:
        return None
    names = [name.group(0) for name in NAME_LIKE.finditer(sentence)]
    return " ".join(names) if names else None


# An apology or thanks beside the request ("sorry for the trouble", "thank you in advance") asks nothing.
_COURTESY = LazyPattern(
    r"^(?:(?:so|very|really|terribly|many)\s+)?(?:sorry|apologies|my\s+apologies|apologi[sz]e|"
    + ENGLISH_THANKS
    + r")\b",
    re.IGNORECASE,
    needs=("sorry", "apolog", "thank", "thx", "thnx", "tnx", "ty", "appreciate", "cheers"),
)
# A purpose beside the request ("for the budget planning purpose", "in order to plan"): why, not what.
_PURPOSE = LazyPattern(
    r"^(?:for\s+(?:the\s+|our\s+|my\s+|a\s+)?(?:[\w-]+\s+){0,4}purposes?|in\s+order\s+to|so\s+that)\b"
    # Saving as the purpose, its "to" often dropped in chat ("…, save money", "to cut costs").
    r"|^(?:to\s+)?(?:save|saving|cut|cutting|reduce|reducing|lower|trim)\s+(?:some\s+|the\s+|our\s+)?"
    r"(?:money|costs?|budget|spend(?:ing)?|resources|bills?)\W*$",
    re.IGNORECASE,
    needs=("purpose", "order", "so", "money", "cost", "budget", "spend", "resources", "bill"),
)


# What a remark may hold that the request needs: a name written as one (the referent of "roll it back"
# in "payments-api is broken, roll it back"), a namespace, a number. Such a remark is read with it.
# A number is one standing alone: "500s" (errors) or "5xx" count nothing.
_HOLDS_SLOTS = LazyPattern(r"\b(?:namespace|ns|[0-9]+)\b", re.IGNORECASE)


_NUMBER = LazyPattern(r"\b[0-9]+")


def _gives_the_image(remark: str, request: str) -> bool:
    """ "deploy X to prod. The image is reg.y/x:3.8": an image typed with its tag or digest beside a deploy that
    names none is the image the deploy takes, whatever the sentence it is told in."""
    return (
        TYPED_IMAGE.search(remark) is not None
        and TYPED_IMAGE.search(request) is None
        and english_act(request) is Act.DEPLOY
    )


def _remark(segment: str, request: str) -> bool:
    if asked_indirectly(segment) is not None:
        return False  # "payment-gw needs 8 replicas", "I'd like X rolled back": a second request, indirect
    held = {found.group(0).lower() for found in _HOLDS_SLOTS.finditer(segment)}
    if held and not (held.isdisjoint({"namespace", "ns"}) and _NUMBER.search(request) is not None):
        # A number in the remark is the request's only when the request gives none of its own: "scale
        # web down to 2, it's been at 5 since the 3rd" asks for 2; the 5 is what was.
        return False
    if _gives_the_image(segment, request):
        return False
    if NAME_LIKE.search(segment) is not None and NAME_LIKE.search(request) is None and not reads_many_afresh(request):
        return False  # "payments-api is broken, roll it back": the remark names what "it" is
    act = english_act(segment)
    if act is Act.READ and english_act(request) is Act.READ and _FIRST_PERSON_WISH.match(segment) is not None:
        return True
    wishes_a_read = _WISH_TO_HAVE.match(segment) is not None and (
        _asks_to_read(segment) or kw.DETAIL.found_in(normalise(segment))
    )
    if wishes_a_read and not _asks_for_anything(request):
        # "I'd like the details of the web service, please.": the wish holds the read; beside a bare courtesy
        # ("please", "thanks") it is the request itself, not a remark about one.
        return False
    return act is Act.NONE and (
        _STATEMENT.match(segment) is not None
        or _SUBORDINATE.match(segment) is not None
        or ((reason := _REASON_CLAUSE.match(segment)) is not None and _STATEMENT.match(reason["clause"]) is not None)
        or _DOING.match(segment) is not None
        or _COURTESY.match(segment) is not None
        or _PURPOSE.match(segment) is not None
    )


# At most three plain words, then a colon and a space: a label, not a slot ("namespace: qa" is
# kept, as its words say what follows; "image: shop:1.2" has no space after its second colon).
# A longer lead-in may announce the list that follows ("we would like to request two things: …").
_LEAD_IN = LazyPattern(
    r"^\s*(?P<lead>[A-Za-z]+(?:\s+[A-Za-z]+){0,2}|(?:[A-Za-z']+\s+){1,8}(?:things|items|requests|tasks|steps|points))"
    r"\s*:\s+(?P<rest>.+)$",
    re.DOTALL,
)


# A label of hyphenated words ("on-call: …", "follow-up: …", "to-do: …") is written like an app's name:
# it is read as a label only when what follows names its own (so no target is lost with it).
_HYPHENATED_LEAD_IN = LazyPattern(
    r"^\s*(?P<lead>[A-Za-z]+(?:-[A-Za-z]+){1,2})\s*:\s+(?P<rest>.+)$", re.DOTALL, needs=("-",)
)


def _after_lead_in(text: str) -> str | None:
    found = _LEAD_IN.match(text)
    if found is None:
        found = _HYPHENATED_LEAD_IN.match(text)
        if found is None or NAME_LIKE.search(found["rest"]) is None:
            return None
    if english_act(found["lead"]) is not Act.NONE or english_act(found["rest"]) is Act.NONE:
        return None
    return found["rest"]


# The frame a polite request is asked in: "could you (please|possibly|maybe) …", "would you be able
# to …", "any chance you could …", "would it be possible to …", "could I see …", "let's …", "please …".
# What the frame opens is the request; the words around it (sorry, hate to ask, trouble, no rush)
# and the sentences beside it only say why or how much it matters.
_FRAME = LazyPattern(
    r"(?:^|(?<=[,;:])\s*|\bbut\s+|\bhmm+\W*\s*|\bso\s+|\b(?:wondering|wonder|wondered)\s+)"
    r"(?P<frame>(?:(?:if|whether)\s+(?:you|u)\s+(?:could|can|would|might)(?:\s+(?:please|possibly|maybe|perhaps|kindly|just))*"
    r"|(?:could|can|would|will)\s+(?:you|u|someone|somebody|anyone|anybody)(?:\s+(?:please|possibly|maybe|perhaps|kindly|just))*"
    r"(?:\s+be\s+able\s+to|\s+be\s+so\s+kind\s+(?:as\s+)?to|\s+mind(?:\s+to)?)?|any\s+chance\s+(?:you|u)\s+(?:could|can|would)(?:\s+(?:please|possibly|maybe))*"
    r"|(?:would|is)\s+it\s+be\s+possible\s+(?:for\s+(?:you|u)\s+)?to|is\s+it\s+possible\s+(?:for\s+(?:you|u)\s+)?to"
    r"|(?:could|can|may)\s+i(?:\s+(?:please|possibly|maybe))*|let'?s|(?:kindly\s+)?please|kindly"
    r"|(?:just\s+)?go\s+ahead\s+and"
    # The request itself said in the first person: "we would like to request that X be scaled out", "we
    # kindly request a cost forecast" (what follows is a clause in the subjunctive, or a noun phrase).
    r"|(?:i|we)\s+(?:(?:would|'d)\s+like\s+to\s+|want\s+to\s+)?(?:kindly\s+)?(?:request|ask)(?:\s+that)?)\s+)"
    r"(?P<request>.+)$",
    re.IGNORECASE,
    needs=(
        *("you", "possible", "let", "please", "could", "can", "may", "would", "will", "if", "whether", "ahead"),
        *("kindly", "request", "ask", "one", "body"),
    ),
)
_REQUESTED = LazyPattern(r"(?:request|ask)(?:\s+that)?$", re.IGNORECASE, needs=("request", "ask"))
# The subjunctive after "request that": "the registry-sync be scaled out to 6 replicas".
_PASSIVE = LazyPattern(
    r"^(?P<object>.+?)\s+(?:be|is|gets?)\s+(?P<verb>[a-z]+?)(?:ed|d)\b(?P<rest>.*)$",
    re.IGNORECASE,
    needs=("be", "is", "get"),
)
# A sentence ends at ., ? or ! and a space; a semicolon ends one too ("… broke something; could you …").
_ENGLISH_SENTENCES = LazyPattern(r"(?<=[.?!;])\s+")
_PRONOUN = LazyPattern(r"\bits?\b", re.IGNORECASE)
# "them" stands for a plural ("which pods are running? could you list them"), never one app.
_PLURAL_PRONOUN = LazyPattern(r"\b(?:them|those|these)\b", re.IGNORECASE)
# "would you mind (pulling up|listing) …": english_act reads the gerund after "would you mind" itself.
_MIND = LazyPattern(r"^(?:would|do|will)\s+(?:you|u)\s+mind\b", re.IGNORECASE, needs=("mind",))


def _framed_request(text: str) -> str | None:
    """The one request framed politely among English sentences, with the app a pronoun in it stands
    for when the other sentences name exactly one ("…benefits-hub broke something; could you roll it
    back…" -> "roll benefits-hub back…"); None when no sentence, or more than one, is such a request."""
    if HANGUL.search(text) is not None:
        return None
    sentences = _ENGLISH_SENTENCES.split(text.strip())
    framed = [(index, found) for index, sentence in enumerate(sentences) if (found := _frames(sentence)) is not None]
    if len(framed) != 1:
        return None
    index, (start, request) = framed[0]
    if any(
        english_act(sentence) is not Act.NONE or asked_indirectly(sentence) is not None
        for other, sentence in enumerate(sentences)
        if other != index
    ):
        return None  # "Could you restart web? Also show me its logs.": a second request, not a remark
    request = _WHEN_YOU_CAN.sub("", request).strip().rstrip("?").strip()
    if request == text.strip():
        return None
    beside = " ".join([*sentences[:index], sentences[index][:start], *sentences[index + 1 :]])
    if _gives_the_image(beside, request):
        return None
    names = list(dict.fromkeys(name.group(0) for name in NAME_LIKE.finditer(beside)))
    if not names and NAME_LIKE.search(request) is None and _PRONOUN.search(request) is not None:
        # "api keeps crashing, please restart it": the app a symptom is told of, a plain word, is what "it" is.
        names = told_plain_names(beside)
    if NAME_LIKE.search(request) is None and _PLURAL_PRONOUN.search(request) is not None:
        return None
    if NAME_LIKE.search(request) is None and _PRONOUN.search(request) is None and _one_worded(names):
        # "pod web-7c9d2-x4k8q crashed. Can I see the previous container's logs?": the request names
        # nothing and the sentence beside it names one thing, which it is about (as a remark holding the
        # name is read with the request, _remark): the whole command is read.
        return None
    if NAME_LIKE.search(request) is None and _PRONOUN.search(request) is not None and names:
        if len(names) > 1:
            return None  # which of the apps beside it "it" is, the whole command has to tell
        request = _PRONOUN.sub(names[0], request, count=1)
    return request


def _one_worded(names: list[str]) -> bool:
    """Exactly one of `names` is written with a letter (a time "09:15" or a number "2.8" names nothing)."""
    return sum(1 for name in names if any(letter.isalpha() for letter in name)) == 1


# "… when you get a chance", "… whenever you can", "… if you can": when, not what, to do.
# "… at your earliest convenience", "… as soon as possible" say when too.
_WHEN_YOU_CAN = LazyPattern(
    r",?\s+(?:(?:when|whenever|once|if|as\s+soon\s+as)\s+(?:you|u)\b|at\s+your\s+(?:earliest\s+)?convenience\b"
    r"|as\s+soon\s+as\s+possible\b).*$",
    re.IGNORECASE,
    needs=("when", "once", "if", "as", "convenience"),
)


def _frames(sentence: str) -> tuple[int, str] | None:
    """Where the first frame of `sentence` starts, and the request: what the frame that opens an act
    asks for, after what earlier frames of the sentence said ("let's go with three, please scale it")."""
    first: re.Match[str] | None = None
    position = 0
    while (match := _FRAME.search(sentence, position)) is not None:
        first = first or match
        if _asks_an_act(match):
            request = _asked(match)
            said_before = sentence[first.end("frame") : match.start("frame")] if first is not match else ""
            return first.start("frame"), f"{said_before} {request}".strip()
        position = match.start("frame") + 1
    return None


def _asks_an_act(frame: re.Match[str]) -> bool:
    if _REQUESTED.search(frame["frame"].strip()):
        # "we request a cost forecast": the verb of requesting asks, whatever it takes as its object.
        return True
    return english_act(_asked(frame)) is not Act.NONE


def _asked(frame: re.Match[str]) -> str:
    """What the frame asks for, as an imperative: the verb of a gerund after "would you mind", the
    active voice of a passive after "request that" ("X be restarted" -> "restart X")."""
    if _MIND.match(frame["frame"]):
        return _imperative(frame["request"])
    if _REQUESTED.search(frame["frame"].strip()):
        return _active(frame["request"])
    return str(frame["request"])


def _active(request: str) -> str:
    passive = _PASSIVE.match(request)
    if passive is None:
        return request
    stem, rest = passive["verb"], passive["rest"]
    for verb in (stem, stem + "e", stem[:-1]):
        active = f"{verb} {passive['object']}{rest}"
        if english_act(active) is not Act.NONE:
            return active
    return request


_GERUND = LazyPattern(r"^(?P<verb>[a-z]+?)(?:ing)\b", re.IGNORECASE)


def _imperative(request: str) -> str:
    """ "(would you mind) pulling up the logs" -> "pull up the logs": the verb of a gerund, with its
    silent e back when that is the verb ("scaling" -> "scale")."""
    gerund = _GERUND.match(request)
    if gerund is None:
        return request
    after = request[gerund.end() :]
    for verb in (gerund["verb"], gerund["verb"] + "e", gerund["verb"][:-1]):
        if english_act(verb + after) is not Act.NONE:
            return verb + after
    return request


# "peak time이라 …", "주말이니까 …", "운영팀이 난리인데 …", "메모리가 새는 것 같아서 …": a reason
# (-(이)라(서), -(이)니까, -아서/-어서) or a background (-인데, -는데) opening the command says why;
# with no number in it, none of its words is a slot, and only the names it writes as names may be
# the target, when the request names none of its own ("web-api 뭔가 새는 것 같아서 restart 해줘").
# The background may close politely and with a comma ("…느려져서 그런데요, X 재시작 좀 …"): any -ㄴ데
# (a syllable with final ㄴ before 데: 그런데, 한데).
# Syllables with no final consonant whose vowel has taken in -아/-어 (나, 가, 내, 새, 져, 켜, 봐, 줘).
_CONTRACTED = "".join(
    chr(0xAC00 + (initial * 21 + vowel) * 28) for initial in range(19) for vowel in (0, 1, 4, 6, 9, 14)
)
_REASON = LazyPattern(
    rf"^(?P<reason>[^\d,]+?)\s*(?P<ending>이라서|이라|라서|이니까|니까|[{_FINAL_N}]데|던데|(?<=[가-힣])(?<!에)(?:[아어해]|돼)서"
    # -아서 contracted onto a stem ending in a vowel ("에러 나서", "메모리 새서", "꺼져서"); not the interrogative
    # adverb 어째서 (why), which asks the cause instead of giving one.
    rf"|(?<=\s)[{_CONTRACTED}]서|(?<=[가-힣])(?!(?<=어)째)[{_CONTRACTED}]서)"
    r"(?:요)?,?\s+(?P<rest>\S.*)$",
    needs=("라", "니까", "데", "서"),
)


# "커밋 지정해서 롤백", "버전 골라서 배포", "개수 정해서 늘려": -아서 after choosing or naming a value
# says how the request is to be done (its argument), not why.
_CHOOSING = LazyPattern(
    r"(?:(?:지정|선택|명시|특정|설정)\s*|(?<![가-힣])정)해서$|(?<![가-힣])(?:골라|집어|찍어|맞춰)서$", needs=("서",)
)


def _after_reason(text: str) -> str | None:
    found = _REASON.match(text)
    asked = predicate(found["rest"]).act if found is not None else Act.NONE
    if found is None or asked is Act.NONE:
        return None
    if _CHOOSING.search(found["reason"] + found["ending"]) is not None and found["ending"].endswith("서"):
        return None
    reason = found["reason"]
    if asked_indirectly(reason + found["ending"]) is not None:
        return None  # "X 늘려야 하는데 10개로": a change asked for indirectly, no reason
    if found["ending"].endswith("서") and (
        predicate(reason).act is not Act.NONE
        or closes_on_a_step((reason + found["ending"]).lower().replace(" ", ""))
        or _names_a_read(reason)
    ):
        # "web 로그 찾아서 보여줘", "web 두 개 띄워서 배포해줘": -아서 joins two steps of one request here, no reason
        return None
    names = [name.group(0) for name in NAME_LIKE.finditer(reason)]
    if NAME_LIKE.search(found["rest"]) is None:
        # "돈 너무 많이 나가는데 아낄 데 찾아줘", "X cost가 튀었던데 분석 좀": the reason says what a
        # read is about; a change wants only its target from it, a name written as one.
        return f"{' '.join(names)} {found['rest']}" if names and asked in MUTATION_ACTS else None
    return None if names else found["rest"]


def _names_a_read(clause: str) -> bool:
    norm = normalise(clause)
    return any(family.found_in(norm) for family in _READ_NOUNS)


# "X 왜 멈췄는지 궁금해, …": what the user wonders about (an indirect question, -는지 / -ㄴ지, before
# 궁금하다) is why they ask; the request after it is what to do, about the names the wondering gives
# when it names none of its own.
_WONDERING = LazyPattern(
    rf"^(?P<wonder>.+?(?:는지|은지|[{_FINAL_N}]지)\s*궁금(?:해|해요|하네|하네요|한데|한데요|함|하다|합니다))"
    r"[.,!~]*\s+(?P<rest>\S.*)$",
    needs=("궁금",),
)


def _after_wondering(text: str) -> str | None:
    found = _WONDERING.match(text)
    if found is None or predicate(found["rest"]).act is Act.NONE:
        return None
    if NAME_LIKE.search(found["rest"]) is not None:
        return found["rest"]
    names = [name.group(0) for name in NAME_LIKE.finditer(found["wonder"])]
    return " ".join([*names, found["rest"]])


# A question of one or two words ("why?", "how come?") has no object of its own: it asks about the
# statement beside it, which is then no remark.
_BARE_QUESTION = LazyPattern(r"^\s*\w+(?:\s+\w+)?\s*\?\s*$")


def _help_answering_questions(text: str) -> str | None:
    """ "롤백 기능 있어? 명령어 목록 보여줘", "what can you do besides X? list the commands": a last
    sentence asking for the list of commands answers the questions before it, when they name no
    target: what the user asks about is what the assistant can do, and the list is the request."""
    sentences = SENTENCES.split(text.strip())
    if len(sentences) < 2 or not kw.HELP.found_in(normalise(sentences[-1])):
        return None
    if any(NAME_LIKE.search(sentence) is not None for sentence in sentences[:-1]):
        return None
    return sentences[-1]


# A question whose only object is a pronoun pointing back ("can you handle that?", "could you do
# it?"): it asks for what the clauses beside it said, and names nothing of its own.
_ASKS_FOR_WHAT_WAS_SAID = LazyPattern(
    r"^(?:(?:can|could|would|will)\s+(?:you|u)|you\s+(?:can|could))\s+(?:please\s+)?(?P<verb>[a-z]+)\s+(?:that|this|it)\W*$",
    re.IGNORECASE,
    needs=("you", "u"),
)


def _asks_for_what_was_said(segment: str) -> bool:
    """Its verb asks for no act of its own: "do" stands for any, "handle" or "manage" for none
    ("can you restart it?" asks for a restart: it stays)."""
    found = _ASKS_FOR_WHAT_WAS_SAID.match(segment)
    return found is not None and (found["verb"].lower() == "do" or english_act(found["verb"]) is Act.NONE)


# Where the clauses of a Korean or mixed command meet: the end of a sentence, or a comma.
_CLAUSE_ENDS = LazyPattern(r"(?<=[.!])\s+|\s*,\s+")
_LATIN = LazyPattern(r"[A-Za-z0-9]")


# A thing the request describes for itself ("문제 있는 거", "느린 것"): its target, said without a name.
_DESCRIBED_THING = LazyPattern(r"[가-힣]\s+(?:거|것|걸|놈|애)(?![가-힣])|[는은던]\s*(?:거|것|걸)(?![가-힣])")


def _request_beside_situation(text: str) -> str | None:
    """The one clause that asks, when every other clause only tells the situation (clauses.
    states_a_situation), before or after it: "QA 팀이 기다리고 있어요. X 배포해 주세요", "X 롤백해줘,
    계산이 틀려", "push 가 안 가요, X restart". The situation names no target of its own and asks for
    nothing, so its words are neither targets nor slots, unless the request lacks what it holds: a
    name ("web-api 가 죽었어, 재시작해줘") or a number."""
    segments = [segment for segment in _CLAUSE_ENDS.split(text.strip()) if segment]
    if len(segments) < 2:
        return None
    requests = [segment for segment in segments if not states_a_situation(segment)]
    if len(requests) != 1 or len(requests) == len(segments):
        return None
    request = requests[0]
    situation = " ".join(segment for segment in segments if segment is not request)
    if _NUMBER.search(situation) is not None and _NUMBER.search(request) is None:
        return None
    if GIVES_A_SLOT.search(NAME_LIKE.sub(" ", situation)) is not None and GIVES_A_SLOT.search(request) is None:
        return None  # "X 롤백해 주세요. 네임스페이스는 shop 입니다.": the statement gives the request a slot
    if names_a_kind(situation) and not names_a_kind(request):
        return None  # "네임스페이스가 몇 개인지 모르겠어. 목록 보여줘": the kind listed is said before the request
    lent = None
    if not extract(normalise(request)).names and (_LATIN.search(situation) is not None or not _names_a_read(request)):
        # The situation may name what the request is about: its one app, when it names one and only one
        # ("어제 배포한 X 에서 에러가 나요, 롤백해 주세요" rolls X back); anything else is read whole.
        # Only a change asked for takes it so: a read's object may be in the situation too ("로그가 이상해,
        # 좀 보여줘"), and a thing other than the one named ("문제 있는 거") is not it.
        named = {name.value for name in extract(normalise(situation)).names}
        if (
            len(named) != 1
            # A plain word ("api 자꾸 에러나요") when the situation's grammar takes it for the app told of.
            or (NAME_LIKE.search(situation) is None and told_plain_names(situation) != sorted(named))
            or predicate(request).act not in MUTATION_ACTS
            or OTHER_TARGET.search(text) is not None
            or _DESCRIBED_THING.search(request) is not None
        ):
            return None
        lent = named.pop()
    said = predicate(request)
    if said.act is Act.NONE and not mentions_an_operation(normalise(request).words_compact):
        return None  # nothing asked for: the whole is a statement, or a request the rules read whole
    return request if lent is None else f"{lent} {request}"


def _one_request_among_remarks(segments: list[str]) -> str | None:
    """The one English segment that is no remark beside the others, its verb one english_act does
    not know ("exams are over, bring quiz-engine down to one instance")."""
    requests = [
        segment
        for segment in segments
        if all(_remark(other, segment) for other in segments if other is not segment)
        and not all(_remark(segment, other) for other in segments if other is not segment)
    ]
    return requests[0] if len(requests) == 1 else None


# A deadline after the request: "before|until|by the time" and a clause with a subject and a finite verb
# ("… before the sale goes live", "… until the freeze starts", "… before we open"). When to have it
# done, not a second act: its words ("goes live") are no request and no name.
_DEADLINE = LazyPattern(
    r"\s+(?:right\s+|just\s+|well\s+)?(?:before|until|till|by\s+the\s+time|ahead\s+of\s+when)\s+"
    r"(?P<clause>(?:the|our|my|their|a|an|this|that|we|they|it|i|you|he|she|everyone|everybody|[a-z]+s)\s+"
    r"[a-z][\w'-]*\b[^,;.?!]*)[.!]*$",
    re.IGNORECASE,
    needs=("before", "until", "till", "by", "ahead"),
)


def _before_deadline(text: str) -> str | None:
    """The request before a deadline clause closing it (see _DEADLINE); None if there is none."""
    if HANGUL.search(text) is not None:
        return None
    found = _DEADLINE.search(text)
    if found is None or NAME_LIKE.search(found.group(0)) is not None or english_act(found["clause"]) is not Act.NONE:
        return None
    request = text[: found.start()].rstrip()
    return request if english_act(request) is not Act.NONE else None


# The effect a change is asked for, said as its purpose after the request ("restart web to clear the cache",
# "bounce it to drop stuck connections", "scale web to 4 in order to free up memory"): why, not a second act
# nor a target. Only verbs of effect open it, never the "to" of a count, a place or a version.
_TRAILING_PURPOSE = LazyPattern(
    # A noun after "to" ("to release 5", "to the sync-worker") is where, never why: the verb stands alone.
    r"(?<=\S)\s+(?:in\s+order\s+|so\s+as\s+)?to\s+(?:help\s+)?(?:clear|flush|free|drop|reset|reload|refresh"
    r"|apply|fix|resolve|recover|clean|empty|purge|reconnect|unstick|unblock|unfreeze|pick\s+up|get\s+rid\s+of|kill"
    # A deletion as the purpose passed the safety check only when what it deletes is transient (a cache, a
    # leak, stuck connections): "restart web to delete the cache" restarts web.
    r"|wipe|renew|speed\s+up|resync|reinitiali[sz]e|warm\s+up|delete|remove|erase|evict|discard)"
    r"(?=\s+[A-Za-z]|[.!]*$)[^,.;!?]*[.!]*$",
    re.IGNORECASE,
    needs=("to",),
)


# The same purpose said as a clause of its own ("restart web so the config reloads", "…so that it picks up
# the new env"), or the user's own work the request follows ("restart web after editing app.py"): a subject
# and its verb, or a gerund that is no operation, closing the command. A number in it may be the request's
# count ("so there are 5 pods"), so a clause holding one is kept; a file's dot is no full stop.
_TRAILING_CLAUSE = LazyPattern(
    r"(?<=\S)[\s,]+(?P<clause>so(?:\s+that)?\s+(?:(?:the|its|it|our|my|their|this|that|all|new|we|i|you|they|users?"
    r"|people|everyone)\b|[a-z][\w-]*\s+(?:will|would|can|could|should|gets?|picks?|reloads?|works?|starts?|comes?)\b)"
    r"|after\s+(?:i\s+|we\s+)?(?:just\s+)?[a-z]{3,}(?:ing|ed)\b)(?:[^0-9,.;!?]|\.(?=\w))*[.!]*$",
    re.IGNORECASE,
    needs=("so", "after"),
)


def _without_trailing_purpose(text: str) -> str | None:
    if HANGUL.search(text) is not None:
        return None
    clause = _TRAILING_CLAUSE.search(text)
    if (
        clause is not None
        and not mentions_an_operation(clause["clause"].lower().replace(" ", ""))
        and english_act(text[: clause.start()]) in MUTATION_ACTS
    ):
        return text[: clause.start()]
    found = _TRAILING_PURPOSE.search(text)
    if found is None or english_act(text[: found.start()]) not in MUTATION_ACTS:
        return None
    return text[: found.start()]


def without_remarks(text: str) -> str:
    """`text` with only its request, when remarks stand beside one; otherwise `text` itself."""
    purposed = _without_trailing_purpose(text)
    if purposed is not None:
        text = purposed
    request = (
        _after_lead_in(text)
        or _after_wondering(text)
        or _after_reason(text)
        or _request_beside_situation(text)
        or _before_deadline(text)
    )
    if request is not None:
        text = request
    answered = _help_answering_questions(text)
    if answered is not None:
        return answered
    segments = EN_SEGMENTS.split(text.strip())
    said = [segment for segment in segments if not _asks_for_what_was_said(segment)]
    if said and len(said) < len(segments):
        # "I need 6 replicas, can you handle that?": the question asks for what the rest said.
        text = ", ".join(said)
    framed = _framed_request(text)
    if framed is not None:
        # The framed request may still have a remark of its own after a comma ("please reboot web,
        # members can't log in"): read on.
        text = framed
    sentences = SENTENCES.split(text.strip())
    if len(sentences) > 1 and _asks_to_read(sentences[-1]):
        kept = [
            _objects(sentence)
            if _wondering_question(sentence)
            else _names_asked_about(sentence, sentences[-1]) or sentence
            for sentence in sentences[:-1]
        ]
        if kept != sentences[:-1]:
            return " ".join(part for part in [*kept, sentences[-1]] if part)
    if HANGUL.search(text) is not None:
        return text
    segments = EN_SEGMENTS.split(text.strip())
    if len(segments) < 2:
        return text
    requests = [segment for segment in segments if english_act(segment) is not Act.NONE]
    if not requests:
        return _one_request_among_remarks(segments) or text
    if requests and _BARE_QUESTION.match(requests[0]) is not None:
        return text  # "payments deployment failed, why?": the question asks about the statement
    if requests and all(_remark(segment, requests[0]) for segment in segments if segment is not requests[0]):
        return requests[0]
    return text
