"""Splitting a command into clauses, each with its own predicate.

Korean joins acts with a connective ending on the verb ("늘리고", "롤백하거나", "배포하고 나서", "배포한 다음에",
"재시작 후", a condition such as "이상하면") or with 그리고 / 그 다음; English with "then", "and then",
"after that", or "and" before a verb ("restart api and scale worker"). A piece that asks for no act of its own ("show
logs for worker, last 50 lines") stays part of the clause before it, so only two real acts make
two clauses. "-고 싶어" (want to) and "-고 있어" (is doing) are not connectives.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_L as _FINAL_L
from klepaas_nlp.rules.hangul import FINAL_M as _M_FINAL_SYLLABLES
from klepaas_nlp.rules.hangul import FINAL_N as _PAST_ADNOMINAL
from klepaas_nlp.rules.hangul import PAST as _PAST_SYLLABLES
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.names import tickets_in
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    Predicate,
    concessive,
    english_act,
    korean_predicate,
    mentions_an_operation,
    operation_named,
    operations_before,
    predicate,
)
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_TOKEN, is_stopword

# Syllables ending in ㄴ: the past adnominal of any verb ("늘린 다음", "배포한 뒤", "된 후").
# The words every join holds: a command without any of them is one clause, with nothing compiled.
_KOREAN_JOINS = LazyPattern(
    # "cart-api하고 order-api" joins two nouns (see coordination), not two verbs.
    # "앱이 레포에 있고 이걸 배포하고 싶어요": 있고/없고 states what is, it asks for no act of its own.
    # A comma may follow the connective ("롤백하여 주시고, 조치 후 …").
    # "늘리라고 추천했는데", "하자고 했어": the quotative -라고 / -다고 / -자고 reports words, it joins no acts.
    # "로그 먼저 보고요, 그 다음에 …": the polite -고요 before a comma joins as -고 does.
    r"(?<=[가-힣])(?<![A-Za-z0-9] 하)(?<!있)(?<!없)(?<!라)(?<!다)(?<!자)(?<!냐)(?<!그리)고"
    r"(?:\s*나서|\s*난\s*(?:뒤|후|다음)(?:에)?|요(?=,))?,?\s+(?!싶|있|계|말|나서)"
    # "재시작하구 3대로 늘려줘": -구 is the spoken -고, after a verb's 하/되 or a vowel-final stem.
    r"|(?<=하|되|리|이|보|켜)구(?:\s*나서|\s*난\s*(?:뒤|후|다음)(?:에)?)?\s+(?!싶|있|계|말|나서)"
    r"|(?<=[가-힣])면서\s+"
    # "롤백하거나 재시작해 줘": either act, offered as two; which one is the user's to say.
    r"|(?<=[가-힣])거나\s+"
    # "배포는 다음 주에": 다음 before a span of time is "next", no join.
    # "운영 배포는 다음 스프린트로": 는 is the topic there, and "-는 다음" no sequence ("하는 다음" aside).
    rf"|(?:(?<=[{_PAST_ADNOMINAL}])(?<!는)|(?<=하는))\s*(?:다음|뒤|후)(?:에|엔)?\s+(?!(?:주|달|번|날|해|분기|주말)(?:\s|에|엔|부터|까지|쯤))"
    r"|\s후(?:에|엔)?\s+"
    # "재시작후에": 후 written onto an operation's noun (never "오후에", the afternoon).
    r"|(?:(?<=시작|배포|롤백|기동|가동)|(?<=스케일))후(?:에|엔)?\s+"
    r"|(?<!\S)(?:그리고|그\s?다음(?:에)?|그\s?뒤(?:에)?|그\s?후(?:에)?|다음에),?\s+",
    needs=("고", "구", "면서", "거나", "다음", "뒤", "후", "그"),
)
# A condition ("이상하면 재시작", "에러 나면 롤백", "괜찮으면 배포") is a check the rules cannot make: its
# clause reads the state, whatever verb it holds ("배포하면 어떻게 돼?" deploys nothing).
# "scale 하기 전에 파드 목록 좀": what is to be done *before* (-기 전에) is not asked for now; like a
# condition, its clause only reads. Before the app failed (죽기, 뻗기, 멈추기, 꺼지기, 터지기 전에) is
# no act of the user's: it dates what follows ("죽기 전에 남긴 로그": the previous container's logs).
_CONDITION = LazyPattern(
    # "배포됐으면 좋겠어요", "롤백했으면 합니다": a wish (-았으면 좋겠다 / 하다) is no condition.
    # "restart만 하면 될 것 같아요", "롤백하면 되겠어요": a suggestion closing its sentence asks for the act.
    r"(?<=[가-힣])(?<=하|되|으|나|이|다|르|우)면,?\s+(?!좋겠|좋을|합니다|해요|하는데|싶"
    r"|(?:될\s*(?:것|거)\s*같(?:아요|아|습니다|네요)|될\s*듯(?:해요|합니다|요)?|되겠(?:어요|습니다|네요|다)"
    r"|됩니다|돼요|되요|돼)(?:[.!~]|\s|$))|(?<=[가-힣])(?<!죽)(?<!뻗)(?<!멈추)(?<!꺼지)(?<!터지)기\s*전에,?\s+",
    needs=("전에", "면"),
)
_ENGLISH_JOINS = LazyPattern(
    r"\s*(?:,|;)?\s+(?:and\s+then|then|after\s+that|afterwards)\s+|\s*;\s*"
    # "1) restart X 2) show its logs", "step 1: … step 2: …": the next numbered step opens a clause.
    r"|\s+(?=[0-9]{1,2}\)\s+\S|step\s+[0-9]{1,2}\s*:\s)",
    re.IGNORECASE,
    needs=("afterwards", "that", "then", "and", ";", ")", "step"),
)
_KOREAN_VERB_END = LazyPattern(r"[가-힣](?:줘|요|까|냐|니|어|해|봐)\W*$")
# "로그도", "status 도" (a Latin word is spaced from its particle by normalisation).
_HANGUL = LazyPattern(r"[가-힣]")
_ALSO = LazyPattern(r"(?:[가-힣]|[A-Za-z] )도(?:\s|$)")
_SENTENCES = LazyPattern(r"(?<=[.!?])\s+|\n+", needs=("\n", "!", ".", "?"))
# Each request ending, before a space or before a comma and a space ("배포 좀 해주세요, QA 기다려요").
_REQUEST_ENDINGS = tuple(
    ending + after
    for ending in ("줘", "줘요", "주세요", "부탁해", "부탁해요", "부탁합니다", "부탁드려요", "부탁드립니다")
    for after in (" ", ", ")
)


def _at_request_endings(sentence: str) -> list[str]:
    """`sentence` cut after each request ending (줘, 주세요, 부탁해요) that a Korean clause follows: "좀
    다시 띄워줘 응답이 없어", "restart 부탁해요 hang 걸렸어" say why after the request; a name alone
    after it ("보여줘 api-server") is the request's own, postposed. (Plain string search: a regex here
    would be compiled for nearly every command.)"""
    cuts = sorted(
        position + len(ending)
        for ending in _REQUEST_ENDINGS
        for position in _occurrences(sentence, ending)
        if any("가" <= char <= "힣" for char in sentence[position + len(ending) :])
    )
    bounds = [0, *cuts, len(sentence)]
    pieces = (sentence[begin:end].strip().removesuffix(",").rstrip() for begin, end in itertools.pairwise(bounds))
    return [piece for piece in pieces if piece]


def _occurrences(text: str, word: str) -> list[int]:
    found: list[int] = []
    position = text.find(word)
    while position != -1:
        found.append(position)
        position = text.find(word, position + 1)
    return found


def asks_for_one_more(clause: str) -> bool:
    """Whether `clause` marks what it asks for with 도 (also): one more thing beside the clause before."""
    return _ALSO.search(clause) is not None


# 다시 올리다 / 다시 띄우다: "up again", a restart unless what goes up is new.
_UP_AGAIN = LazyPattern(r"다시\s*(?:올려|올리|띄워|띄우)", needs=("다시",))
# A reason or purpose clause (-서, -니까, -거든, -려고, 위해) whose verb puts a change live
# (반영, 배포, 업데이트, deploy): the words that can mean only a deploy, never 올리다 itself.
_NEW_CODE_REASON = LazyPattern(
    r"(?:반영|배포|업데이트|릴리[즈스]|deploy)[가-힣\s]*(?:서|니까|거든요?|려고|위해|하게)\W*$",
    re.IGNORECASE,
    needs=("반영", "배포", "업데이트", "릴리", "deploy"),
)


def _redeploy_reason(before: tuple[str, Predicate], piece: str) -> bool:
    """Whether `piece` gives a change going live as the reason for the "up again" said before it."""
    clause, said = before
    return (
        said.act is Act.RESTART
        and _UP_AGAIN.search(clause) is not None
        and not any(word in clause.lower() for word in ("재시작", "restart"))
        and _NEW_CODE_REASON.search(piece) is not None
    )


_AND = LazyPattern(r"(\s+and\s+|\s+also\s+|\s+or\s+|\s*[,+]\s*)", re.IGNORECASE, needs=("also", "and", "or", "+", ","))


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
    r"(?:[가-힣]+(?:\s?(?:은|는|을|를|도))?|[A-Za-z]+\s?(?:은|는|을|를|도)?)"
    r"(?:\s+(?:아직|아직은|절대|절대로|당분간|일단|굳이))?\s+하지\s*"
    r"(?:말고(?:요)?|마(?:요|세요|라|십시오|시오)?)(?=[\s.!,]|$)"
    # "staging 네임스페이스 말고", "kube-system에 있는 거 말고": a place set aside goes with its name, and a
    # thing set aside with the place that describes it.
    r"|(?:^|\s)\S+\s*(?:네임스페이스|namespace|ns|환경)(?:은|는)?\s*말고(?=\s|$)"
    r"|(?:^|\s)\S+\s?(?:에|에서)\s*(?:있는|떠\s?있는|돌아가는|도는|뜬)\s+(?:거|것|놈|애|앱)(?:은|는)?\s*말고(?=\s|$)"
    # "restart 이력 말고": an operation's noun before the noun set aside belongs to it.
    # "파드 목록 말고": the Korean noun phrase set aside, a name before it kept ("web 파드 목록 말고").
    r"|(?:^|\s)(?:(?:restart|deploy|rollback|scale|[가-힣]+)\s+)?\S+\s*말고(?=\s|$)"
    # "web-app 대신 api 재시작해줘": what stands before 대신 (instead of) is set aside.
    # "재배포 ㄴㄴ", "롤백은 노노": ㄴㄴ (no, no) after a word turns it down.
    # "배포는 아직 ㄴㄴ": a topic-marked noun before the word ㄴㄴ follows is what is turned down.
    r"|(?:^|\s)(?:[가-힣]+(?:은|는)\s+)?\S+\s*(?:ㄴㄴ|ᄂᄂ|노노)(?=[\s.!,]|$)"
    r"|(?:^|\s)\S+\s*대신(?:에)?(?=\s|$)|(?:^|\s)\S+지\s*마(?:요|세요|라|십시오|시오)?(?=[\s.!,]|$)"
    # "don't actually roll back": an adverb may stand between the "not" and the verb it forbids.
    r"|\b(?:don'?t|do not|never)\s+(?:(?:actually|really|just|yet|even|ever)\s+)?\S+(?:\s+(?:back|out|up|down))?"
    r"(?:\s+(?:anything|it|them|that|this)\b)?"
    # "roll back 안 하고 …", "재시작은 하지 않고": what is not done while the rest is asked for.
    r"|(?:^|\s)(?:[A-Za-z]+\s+)?\S+\s+(?:안\s*하고|하지\s*않고)(?=\s|$)"
    # "show me the deployments, not deploy anything": "not" before a change's verb sets it aside.
    # "Not a rollback. I just want to see …": the change's noun with its article, set aside.
    r"|\bnot\s+(?:to\s+|an?\s+|the\s+|any\s+)?(?:deploy|redeploy|restart|scale|roll\s?back|revert|reboot)\w*(?:\s+(?:anything|it|them))?"
    # "…, no changes", "no restarts please": what "no" stands before is not asked for.
    r"|\bno\s+(?:changes?|mutations?|writes?|(?:re)?deploy\w*|restarts?|rollbacks?|roll-?backs?|rollouts?|reboots?"
    r"|bounces?|scaling|rescal\w*)\b"
    r"|\b(?:instead of|rather than)\s+(?:(?:its|the|their|my|our)\s+)?\S+"
    # "cart 빼고 나머지 재시작", "all except cart", "everything but cart": what is excluded is never the target.
    r"|(?:^|\s)\S+\s*(?:은|는|을|를)?\s*(?:빼고|제외하고|빼면|말고는)(?=\s|$)"
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
    # "not guild-chat, restart guild-service", "guild-chat 아니고 …": the one named only to be set aside.
    r"|\bnot\s+(?:the\s+)?[A-Za-z0-9][\w.-]*(?=\s*(?:,|$))|(?:^|\s)[A-Za-z0-9][\w.-]*\s*(?:이|가)?\s*아니(?:고|라)(?=\s|$)",
    re.IGNORECASE,
    needs=(
        "말고",
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
    ),
)


# "ship status-relay? nah, just show me its endpoint", "재시작할까? 아니, 로그만": a "no" standing as a
# segment of its own withdraws everything said before it; only what follows is asked for.
_DECLINED = LazyPattern(
    r"^.*(?:[?.!,;]|^)\s*(?:nah|nope|no|never\s?mind|scratch that|아니|아냐|아니야|아니다|아뇨|아니요)"
    r"\s*[,.!]+\s+(?=\S)",
    re.IGNORECASE | re.DOTALL,
    needs=("nah", "nope", "no", "never", "scratch", "아니", "아냐", "아뇨"),
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


def _set_aside(negated: re.Match[str]) -> str:
    topic = negated.groupdict().get("topic")
    rest = negated.string[: negated.start()] + negated.string[negated.end() :]
    return f" {topic} " if topic and NAME_LIKE.search(rest) is None else " "


def _what_it_was_about(withdrawn: re.Match[str]) -> str:
    """The names a withdrawn part held, as a question of their own: the request after it may point
    back at them ("… show me its endpoint"), as after a question weighing a change (remarks)."""
    names = [name.group(0) for name in NAME_LIKE.finditer(withdrawn.group(0))]
    return f"{' '.join(names)}? " if names else ""


def _opens_a_clause(part: str) -> bool:
    """After "and" or a comma: an English verb, or a Korean predicate with its ending ("api 재시작해줘")."""
    if english_act(part) is not Act.NONE:
        return True
    said = predicate(part)
    # A bare stem ends a clause too ("mail-worker 배포, queue-worker 재시작"): the piece before it
    # must have an act of its own (see _split), so objects of one predicate stay together.
    return (said.act not in (Act.NONE, Act.READ)) or bool(said.act is Act.READ and _KOREAN_VERB_END.search(part))


def _english_parts(piece: str) -> list[str]:
    """`piece` split at "then"; a part with no verb of its own ("show X logs then Y logs") repeats the
    act before it on another object, so it stays joined to that part by "and" (see coordination)."""
    parts: list[str] = []
    for part in _ENGLISH_JOINS.split(piece):
        if parts and part.strip() and predicate(part).act is Act.NONE:
            parts[-1] = f"{parts[-1]} and {part}"
        else:
            parts.append(part)
    return parts


def _conditions(text: str) -> list[tuple[str, bool]]:
    """`text` cut after each condition, each part with whether it is one. Before something no act of
    the user's ("저녁 주문 몰리기 전에", "트래픽 오기 전에") only dates the request after it: no cut."""
    parts: list[str] = []
    start = 0
    for found in _CONDITION.finditer(text):
        before = text[start : found.start()]
        if "전에" in found.group(0) and not _an_act_of_the_users(before):
            continue
        parts.append(before)
        start = found.end()
    parts.append(text[start:])
    return [(part, index < len(parts) - 1) for index, part in enumerate(parts)]


def _an_act_of_the_users(before: str) -> bool:
    """ "scale 하", "배포하", "로그 보": a verb of the user's, before -기 전에."""
    return predicate(f"{before}기").act is not Act.NONE or mentions_an_operation(before.lower().replace(" ", ""))


# A word that closes a request: the bare 반말 imperative ("롤백해", "늘려", "띄워", "봐", "돌려놔"), 줘, "go" (ㄱ,
# ㄱㄱ), or a polite ending (주세요, 해요, 부탁해요) at the end of a word.
# A request asked as a question of willingness ("해줄래?", "봐주실래요?") closes one too, and so does
# 좀 standing alone after the verb it softens ("restart 좀,").
_IMPERATIVE_WORD = LazyPattern(
    r"(?:(?:[해려여워봐줘놔]요?|[ㄱᄀ]+|세요|십시오|해요|부탁\S*|(?<!\S)좀)[.!~,]*|(?:줄|주실)래요?[.!~?]*)$"
)


# A finite verb that states (declarative): a past or present form ("터졌어", "멈췄네", "에러가 나요"),
# or a reason ("높아서", "느리니까"). Only a clause with such a verb of its own is a remark: a word
# without one after the request ("배포해줘 운영에", "롤백해줘 두 단계") is the request's own, postposed.
_STATEMENT_END = LazyPattern(
    rf"(?:[{_PAST_SYLLABLES}](?:어|다|네|음|어요|습니다|는데|지)?|(?:아|어|해|라|려|워)서|니까|거든요?|나요|네요"
    rf"|[가-힣](?:어요|아요)|[가-힣](?:네|다|음|임|움)"
    # The copula after a noun ("고친 버전이에요", "새 빌드예요", "핫픽스야"): what something is, stated.
    rf"|[가-힣](?:이에요|에요|예요|야|이고요|이거든요?)"
    # "-ㄴ 듯" (it seems): a guess about what is wrong ("memory leak 있는 듯").
    rf"|[가-힣]\s?듯(?:해|해요|합니다|함|요)?"
    # A verb nominalised by -ㅁ after an adverb of degree ("너무 튐", "계속 느림"): chat's statement.
    rf"|(?:너무|계속|자꾸|또|엄청|좀)\s+(?:[A-Za-z]+\s+)?[가-힣]{{0,2}}[{_M_FINAL_SYLLABLES}]"
    # A verb negated by 안 ("안 돼", "안 열려"): what does not work, stated.
    rf"|(?<![가-힣])안\s+[가-힣]{{1,3}})[.!~…]*$"
)


# The progressive, declarative ("QA 기다리고 있어요", "사람들 보고 있음"): what someone is doing now.
_PROGRESSIVE = LazyPattern(r"[가-힣]고\s*있(?:어|다|음|네|어요|습니다)[.!~]*$", needs=("있",))


def _remark_after_request(segment: str) -> bool:
    """A segment that only states what is or happened ("트래픽 터졌어", "또 멈췄네", "배포 후 에러가
    나요"): Korean, no request of its own, no question, and nothing a request could take from it (a
    name written as one, a number, a noun with 도 asking for one more thing)."""
    said = predicate(segment)
    return (
        _HANGUL.search(segment) is not None
        and "?" not in segment
        and NAME_LIKE.search(segment) is None
        and _DIGIT.search(segment) is None
        and _ALSO.search(segment) is None
        # "롤백해 주시기 바랍니다": the auxiliary's formal ending after the verb asks; it states nothing.
        and _ASKS.search(segment.strip()) is None
        and _STATEMENT_END.search(segment) is not None
        and (
            (said.act is Act.NONE and said.source == "none")
            or (said.act is Act.READ and said.source == "question")
            or (said.act is Act.READ and _PROGRESSIVE.search(segment) is not None)
        )
    )


# A subject marked by 이/가 ("계산이", "push 가", "QA 팀이"): a request's subject is the listener and goes
# unsaid, so a clause whose verb has a subject of its own says what that subject does or is, even in
# the plain -어 form a request also takes ("계산이 틀려", "위치가 엉뚱하게 찍혀"). Adverbs ending in 이
# (같이, 많이, 빨리) mark nothing.
_SUBJECT = LazyPattern(r"(?:(?<=[가-힣])(?<!같)(?<!많)(?<!깊)(?<!높)|(?<=[A-Za-z0-9] ))(?:이|가)\s", needs=("이", "가"))
# Hearsay (-대, -래: "별점이 0으로 찍힌대."), a statement of what others said; never -ㄹ래 (볼래,
# 할래: what the speaker wants to do).
_HEARSAY = LazyPattern(rf"[가-힣](?<![{_FINAL_L}])(?:대|래)(?:요)?[.!~]*$", needs=("대", "래"))
# What asks, whatever comes before it: a request ending, a suggestion (-자), a question.
# Formal requests close in the first person's declarative ("바랍니다", "요청드립니다"), which asks all the same.
_ASKS = LazyPattern(
    r"(?:줘|주세요|주실래요?|줄래요?|주십시오|부탁\S*|요청\s?(?:드립니다|드려요|합니다|해요|드리겠습니다)"
    r"|바랍니다|바라겠습니다|해봐|하자|[가-힣]자|[ㄱᄀ]+|(?<!\S)좀)[.!~]*$|\?"
)


def states_a_situation(segment: str) -> bool:
    """A Korean clause that only tells the situation: it ends as a statement (declarative, hearsay,
    progressive, a guess) and asks for no act of its own, or it has a subject of its own, so that
    even an operation's word in it is what the subject does ("push 가 안 가요")."""
    if _HANGUL.search(segment) is None or _ASKS.search(segment.strip()) is not None:
        return False
    if asked_indirectly(segment) is not None:
        return False  # "X 재시작이 필요합니다", "X 롤백해야 할 것 같아요": a change asked for indirectly
    if _WISH.search(segment.strip()) is not None and names_a_read(segment):
        return False  # "비용 최적화 제안 받고 싶어요": a wish to get a read asks for it
    said = predicate(segment)
    has_subject = _SUBJECT.search(segment) is not None
    asks_nothing = said.act is Act.NONE or (said.act is Act.READ and said.source != "korean_wondering")
    if not (asks_nothing or has_subject):
        return False
    stripped = segment.strip()
    return (
        _STATEMENT_END.search(stripped) is not None
        or _HEARSAY.search(stripped) is not None
        or _PROGRESSIVE.search(stripped) is not None
        or (has_subject and asks_nothing)
    )


def _closes_a_request(segment: str) -> bool:
    return (
        _IMPERATIVE_WORD.search(segment) is not None
        and predicate(segment).act is not Act.NONE
        and not _obliged_toward_others(segment)
    )


# An obligation of the speaker's toward someone else ("외부 업체에 알려줘야 해요", "팀장님께 보내야 돼요"): a
# recipient (에게, 한테, 께, a noun's 에), then a verb's -야 with 하다 or 되다. It is what the user must do,
# not a request to the platform; a change so owed ("운영에 배포해야 해요") is asked for indirectly instead.
_OBLIGED_TOWARD = LazyPattern(
    r"[가-힣](?:에게|한테|께|에)\s+(?:[가-힣]+\s+)?[가-힣]+야\s*(?:해|돼|되|합니다|됩니다|하거든|하는데)[가-힣]*[.!~]*$",
    needs=("야",),
)


def _obliged_toward_others(segment: str) -> bool:
    stripped = segment.strip()
    return _OBLIGED_TOWARD.search(stripped) is not None and predicate(stripped).act not in MUTATION_ACTS


def _without_trailing_remarks(segments: list[str]) -> list[str]:
    """`segments` without the remarks that follow a request: once a segment ends in a request form, a
    later segment that only states what is or happened tells why, and is set aside; the request is
    the one act ("click-tracker 롤백해 망했어"). A request of its own after it stays a second act."""
    kept: list[str] = []
    for segment in segments:
        if kept and _closes_a_request(kept[-1]):
            if _remark_after_request(segment):
                continue
            # "해줘 5개로, latency 너무 튐": a slot postposed to the request, then the remark after a comma.
            head, comma, tail = segment.rpartition(", ")
            if comma and _remark_after_request(tail):
                kept.append(head)
                continue
        kept.append(segment)
    return kept


# An auxiliary verb after the verb's -아/-어 form ("줄여 놨습니다", "늘려 둬", "지워 버렸어") is the same
# predicate: the -아/-어 form before it closes nothing.
_AUXILIARY = LazyPattern(
    r"(?:놓|놔|놨|두|둬|뒀|버리|버려|버렸)", needs=("놓", "놔", "놨", "두", "둬", "뒀", "버리", "버려", "버렸")
)


def _at_imperatives(sentence: str) -> list[str]:
    """`sentence` cut after a word closing a request ("롤백해", "재시작 ㄱ") that a remark follows."""
    words = sentence.split(" ")
    for index in range(1, len(words)):
        if _IMPERATIVE_WORD.search(words[index - 1]) is None or _AUXILIARY.match(words[index]) is not None:
            continue
        before, after = " ".join(words[:index]), " ".join(words[index:])
        if _closes_a_request(before) and _remark_after_request(after):
            return [before, after]
    return [sentence]


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The pieces of `text`, each with whether it states a condition."""
    found: list[tuple[str, bool]] = []
    segments = [
        cut for whole in _SENTENCES.split(text) for part in _at_request_endings(whole) for cut in _at_imperatives(part)
    ]
    for sentence in _without_trailing_remarks(segments):
        for part, condition in _conditions(sentence):
            pieces = _split(part)
            found += [(piece, condition and index == len(pieces) - 1) for index, piece in enumerate(pieces)]
    return found


# "deploy 하고 logs 보여줘": 하고 after a Latin word joins two clauses when the left one names an
# operation and the right one has an act of its own; between two names it joins objects (coordination).
_LATIN_HAGO = LazyPattern(r"(?<=[A-Za-z0-9])\s+하고\s+", needs=("하고",))


def _verb_hago(text: str) -> list[str]:
    parts: list[str] = []
    rest = text
    for match in _LATIN_HAGO.finditer(text):
        left, right = rest[: match.start() - (len(text) - len(rest))], text[match.end() :]
        said = predicate(left)
        if (said.act is not Act.NONE or mentions_an_operation(left.lower().replace(" ", ""))) and (
            predicate(right).act is not Act.NONE or names_a_read(right)
        ):
            parts.append(left)
            rest = right
    return [*parts, rest]


def _but(text: str) -> list[str]:
    """ "web을 재시작하되 로그도 보여줘": a -되 clause that asks for an act of its own is a clause of
    its own; one that only adds a slot ("배포하되 3개로") stays with its verb (predicate.concessive)."""
    found = concessive(text)
    if found is None or found[2]:
        return [text]
    rest = found[1]
    return [text[: len(text) - len(rest)].rstrip().removesuffix("되"), rest]


# "목록하고", "현황하고": 하고 on a noun no act is read from joins two nouns ("A하고 B" = A and B);
# only on an action noun ("배포하고") is it the verb 하다 with its connective.
_NOUN_HAGO = LazyPattern(r"(?<=[가-힣])하고\s+$", needs=("하고",))
_LAST_WORD = LazyPattern(r"(?P<word>[가-힣]+)하고\s+$", needs=("하고",))


def _joins_nouns(before: str, joint: str) -> bool:
    if _NOUN_HAGO.search(before + joint) is None:
        return False
    word = _LAST_WORD.search(before + joint)
    return word is not None and korean_predicate(word["word"]) is None and not mentions_an_operation(word["word"])


def _korean_joins(piece: str) -> list[str]:
    """`piece` cut at each connective that ends a verb (see _KOREAN_JOINS)."""
    parts: list[str] = []
    start = 0
    for joint in _KOREAN_JOINS.finditer(piece):
        if _joins_nouns(piece[start : joint.start()], joint.group(0)):
            continue
        parts.append(piece[start : joint.start()])
        start = joint.end()
    return [*parts, piece[start:]]


# "Go" (ㄱ, ㄱㄱ, 고고) closing a piece: the request's end, as a verb's ending is.
_CLOSED_BY_GO = LazyPattern(r"(?<![가-힣])(?:[ㄱᄀ]+|고고)[.!~]*$", needs=("ㄱ", "ᄀ", "고고"))


def _split(text: str) -> list[str]:
    pieces = [part for whole in _but(text) for piece in _verb_hago(whole) for part in _korean_joins(piece)]
    pieces = [part for piece in pieces for part in _english_parts(piece)]
    # "and" and a comma join clauses only before a verb: "deploy web-app to staging and production" is one.
    split: list[str] = []
    for piece in pieces:
        first, *rest = _AND.split(piece)
        current = first
        for joint, part in zip(rest[::2], rest[1::2], strict=True):
            # Only a piece with an act of its own ends before a new clause: in "cart-api, order-api
            # 재시작해줘" the comma joins two objects of one predicate (see coordination).
            before = predicate(current).act
            # After a change ("재시작 + 로그 확인"), a read of its own is a second act, however short.
            opens = (
                _opens_a_clause(part)
                or (before not in (Act.NONE, Act.READ) and predicate(part).act is Act.READ)
                # "X 재시작 ㄱ, Y 로그도 ㄱ": "go" closing a read's noun asks for that read, as a verb would.
                or (_CLOSED_BY_GO.search(part) is not None and names_a_read(part))
            )
            closed = before is not Act.NONE or (_CLOSED_BY_GO.search(current) is not None and names_a_read(current))
            if not opens or not closed:
                current += joint + part
            else:
                split.append(current)
                current = part
        split.append(current)
    return [piece.strip() for piece in split if piece.strip()]


def _names_its_own_operation(previous: str, said: Predicate) -> bool:
    """ "web 스케일 3개 그리고 재시작": a piece with no verb that names an operation asks for it, so a
    following change is a second act, not the same clause's verb."""
    return said.act not in (Act.NONE, Act.READ) and mentions_an_operation(previous.lower().replace(" ", ""))


# A clause that states what is ("너무 많이 떠 있다", "방금 배포한 거 문제 있어", "응답이 없어"): the
# verb of being, declarative (no question mark), is a remark beside a request, not a read asked for.
# A past tense, declarative, says what happened ("응답이 멈췄어", "트래픽이 빠졌어요"): a remark too.
_STATES = LazyPattern(
    rf"(?:(?:있|없)(?:어|다|음|네|는데|어요|습니다|더라|던데)?|[{_PAST_SYLLABLES}](?:어|다|음|네|는데|어요|습니다))[.!~]*$"
)


# A finite statement (hearsay -대/-래, -다, -네, the past) closing a sentence with its mark.
_CLOSED_STATEMENT = LazyPattern(rf"(?:대|래|다|네|[{_PAST_SYLLABLES}](?:어|다|음|네)?)(?:요)?[.!]$")


def _states_what_is(piece: str, said: Predicate) -> bool:
    if said.act is not Act.READ or "?" in piece or said.source not in ("korean", "question"):
        return False
    return _STATES.search(piece.replace(" ", "")) is not None


def _only_a_count(piece: str, said: Predicate) -> bool:
    """ "복제본 2개로", "3대로", "복제본은 다섯 개로 부탁드립니다": a count with no verb of its own (a
    request word is none) adds a slot to the act before it."""
    return said.act is Act.SCALE and _COUNT_VERB.search(piece.lower()) is None


# "배포한 지 얼마 안 됐는데 에러율 올라감..": a -는데 / -ㄴ데 clause sets the scene (background); with
# no request of its own after it, the piece only tells why, like a remark.
_BACKGROUND = LazyPattern(rf"(?:[^,.?!]*?)(?:는|던|[{_PAST_ADNOMINAL}])데\s+\S", needs=("데",))


_DIGIT = LazyPattern(r"[0-9]")


def _only_says_why(before: tuple[str, Predicate], remark: str) -> bool:
    """A remark after a request that names its own target, with no name written as one and no
    number in it ("재시작 부탁드려요 timeout 계속 났어요"): none of its words is a target or a slot."""
    clause, said = before
    return (
        said.act in MUTATION_ACTS
        and NAME_LIKE.search(clause) is not None
        and NAME_LIKE.search(remark) is None
        and _DIGIT.search(remark) is None
    )


def _an_operation_named_only(said: Predicate) -> bool:
    """An operation named by its noun alone ("배포 후에"), with no verb ending asking for it."""
    return said.act in MUTATION_ACTS and said.source == "korean_bare"


# A question that asks something of the hearer (보여줄래?, 확인해 주실 수 있나요?, 볼까요?), not how things are.
_ASKS_THE_HEARER = LazyPattern(r"주|줄|줘|드리|드릴|드려|수\s*(?:있|없)|[볼할갈]까|래요?[?!.~\s]*$")


def _asks_how_things_are(piece: str, said: Predicate) -> bool:
    """A question about the present state ("제대로 올라왔나요?", "상태 괜찮나요?"): after an operation's
    bare noun and 후에 / 뒤에 ("배포 후에 …"), it dates the question, so that operation was done."""
    return said.act is Act.READ and _QUESTION_END.search(piece) is not None and _ASKS_THE_HEARER.search(piece) is None


def _sets_the_scene(piece: str, said: Predicate) -> bool:
    return said.act in (Act.NONE, Act.READ) and said.source != "condition" and _BACKGROUND.search(piece) is not None


# "재시작하면 괜찮아질까? 일단 해줘": the light verb alone ("해줘", "ㄱㄱ", "진행해") asks for the act the
# clause before weighed, whatever it was.
_DO_IT = LazyPattern(
    r"^(?:일단|그냥|걍|그럼|그러면|그래|좋아|오케이|ok|okay)?\s*(?:해|해줘|해주세요|해봐|하자|진행해?|진행해줘|고고|[ㄱᄀ]+)[.!~]*$",
    re.IGNORECASE,
)


# "둘 다 해 주세요", "두 개 다 진행해 주세요", "do both", "both, please": each act said before is asked for,
# a plan told in the speaker's -ㄹ게요 included ("로그 보고요, 그 다음에 재시작할게요. 둘 다 해 주세요").
_BOTH_DO_IT = LazyPattern(
    r"^(?:그럼\s*|그냥\s*|일단\s*)?(?:둘\s*다|두\s*(?:개|가지|개\s*모두)\s*다?|모두|전부(?:\s*다)?)\s*"
    r"(?:해|해줘|해\s*주세요|해\s*줘요|해요|부탁(?:해요|드려요|드립니다|합니다)?|진행(?:해|해\s*주세요|해\s*줘)?"
    r"|ㄱ+|고고)[.!~]*$"
    r"|^(?:please\s+)?(?:do|run|go\s+ahead\s+with)\s+(?:them\s+)?both(?:\s+of\s+them)?(?:,?\s*please)?[.!]*$"
    r"|^both(?:\s+of\s+them)?,?\s*(?:please|pls)[.!]*$",
    re.IGNORECASE,
    needs=("둘", "두", "모두", "전부", "both"),
)


def _weighed(found: list[tuple[str, Predicate]]) -> Act | None:
    """The change a clause before weighed (a condition, a question), for a "do it" after it."""
    for clause, _ in reversed(found):
        act = predicate(clause).act
        if act in MUTATION_ACTS:
            return act
    return None


# What is read, named without a verb ("로그 100줄", "status", "파드 목록"): after a change or a read
# whose verb closed its clause, a piece naming one of these asks for it, its verb left out ("롤백하고
# 로그 100줄", "재시작하고 로그 ㄱ", "상태 확인하고 로그 50줄": two reads, each offered).
# A pod, a service or a deployment alone may be the change's object, so they are not among them.
_READ_THINGS = (kw.LOGS, kw.STRONG_STATUS, kw.LISTING, kw.COST, kw.ENDPOINT)


def names_a_read(piece: str) -> bool:
    norm = normalise(piece)
    return not mentions_an_operation(norm.words_compact) and any(thing.found_in(norm) for thing in _READ_THINGS)


# "billing ns에서", "in the payments namespace": where, postposed to the request before it; the
# namespace's name may be a read's word ("billing"), but nothing is read.
_ONLY_A_PLACE = LazyPattern(
    r"^(?:in\s+(?:the\s+)?)?\S+\s*(?:ns|namespace|네임스페이스|환경)\s*(?:에서|에|안에서|안에)?[.!~]*$",
    re.IGNORECASE,
)
# A dependent verb saying why or what about ("정리하려고", "어디로 붙는지", "느리니까"): its piece is no
# read asked for of its own.
_SAYS_WHY = LazyPattern(r"[가-힣](?:려고|려구|려면|는지|니까|는데|라서)(?![가-힣])")
_COUNT_VERB = LazyPattern(r"늘|줄|스케일|증설|축소|확장|조정|조절|맞춰|유지|고정|남[겨기]|scale")
_REMARK = Predicate(Act.NONE, source="remark")
# A piece that ends in a past adnominal (the join after it was 뒤/후/다음: "롤백한 뒤에") and holds a past
# time word: yesterday, a while ago, last week, this morning, so many hours or days ago.
_DATED_BEFORE = LazyPattern(
    r"(?:어제|어젯밤|그제|그저께|엊그제|아까|방금|좀\s*전|조금\s*전|며칠\s*전|지난\s*(?:주|달|번|밤|주말)|저번\s*(?:주|달|에)?"
    r"|오늘\s*(?:아침|오전|새벽)|[0-9]+\s*(?:분|시간|일)\s*전)"
    rf"[^.?!]*[{_PAST_ADNOMINAL}]\s*$"
)


def _joint(previous: str, said: Predicate, piece: str) -> str:
    """How a piece joins the one before: a verbless piece naming its own target or thing to read
    before another one ("obd 로그 그리고 gps 로그", "web 로그 그리고 상태") is the first of two objects of
    one predicate, so the connective stays, as a coordinator (및), for coordination; otherwise the
    piece only adds words."""
    objects = (
        said.act is Act.NONE
        and said is not _REMARK
        and _HANGUL.search(previous) is not None  # English joins objects with "and" (coordination)
        and (all(NAME_LIKE.search(part) for part in (previous, piece)) or all(map(names_a_read, (previous, piece))))
    )
    return " 및 " if objects else " "


def _supposes_a_change(piece: str, after: list[tuple[str, bool]]) -> bool:
    """ "X 롤백하면 어느 버전으로 돌아가?", "web 재시작하면 로그 어디서 봐?": a condition that only supposes
    a change of the user's, before a read, is the frame of what is read: the read is about what it
    names, and nothing is read of its own (it is no status asked for). Only before a last read: a
    "do it" after the question ("재시작하면 괜찮아질까? 일단 해줘") asks for the change supposed."""
    if len(after) != 1 or after[0][1]:
        return False
    return predicate(piece).act in MUTATION_ACTS and predicate(after[0][0]).act is Act.READ


def clauses(text: str) -> list[tuple[str, Predicate]]:
    """The clauses of `text` with their predicates; a piece without an act joins the clause before it,
    and a remark (a clause that only states what is) joins the request after it."""
    found: list[tuple[str, Predicate]] = []
    pieces = _pieces(text)
    for index, (piece, condition) in enumerate(pieces):
        said = Predicate(Act.READ, source="condition") if condition else predicate(piece)
        if not condition and said.act is Act.NONE and (indirect := asked_indirectly(piece)) is not None:
            # "X 롤백해야 할 것 같아요", "I'd like X rolled back": a wish, need or obligation with a change
            # in it asks for that change, indirectly: a clause of its own, never merged into another.
            said = Predicate(indirect, explicit=False, source="indirect")
        if condition and _supposes_a_change(piece, pieces[index + 1 :]):
            said = _REMARK
        if not condition and said.act in MUTATION_ACTS and index + 1 < len(pieces) and _DATED_BEFORE.search(piece):
            # "어제 롤백한 뒤에 X 로그 봐 주세요": an operation before 뒤/후/다음, dated in the past, is when
            # what follows happened, not an act asked for ("롤백한 뒤에 로그 봐줘" asks for both).
            said = _REMARK
        if not condition and said.act is Act.NONE and _WISH.search(piece.strip()) and names_a_read(piece):
            # "비용 최적화 제안 받고 싶어요": a wish to get a read's thing asks for the read, its verb unread.
            said = Predicate(Act.READ, explicit=False, source="elided")
        if len(pieces) > 1 and (_states_what_is(piece, said) or _sets_the_scene(piece, said)):
            said = _REMARK
        if (
            found
            and _an_operation_named_only(found[-1][1])
            and (_BACKGROUND.match(piece) or _asks_how_things_are(piece, said))
        ):
            # "재시작 후에 로그가 이상한데 …", "배포 후에 제대로 올라왔나요?": an operation's bare noun before
            # the scene it set or a question about how things are now is when that happened, not an act.
            found[-1] = (found[-1][0], _REMARK)
        if len([1 for _, each in found if each.act is not Act.NONE]) > 1 and _BOTH_DO_IT.match(piece.strip()):
            continue  # "둘 다 해 주세요": the acts before stand, each asked for
        if found and (weighed := _weighed(found)) is not None and _DO_IT.match(piece.strip()):
            text_so_far = " ".join(clause for clause, _ in found)
            found = [(f"{text_so_far} {piece}", Predicate(weighed, source="korean"))]
            continue
        if found and found[-1][1].act in (Act.DEPLOY, Act.SCALE) and _only_a_count(piece, said):
            # "…늘리고 lease-ledger도 3개로": a count beside a name of its own is the same act on
            # another target; without one ("배포하고 3개로") it adds a slot to the act before.
            own_target = NAME_LIKE.search(piece) is not None
            said = Predicate(found[-1][1].act, explicit=False, source="elided") if own_target else Predicate(Act.NONE)
        elif (
            found
            and said.act is Act.NONE
            # After a read only a piece with no verb at all: one with a verb of its own ("…붙는지
            # 정리하려고") says why, not what else to read.
            and (found[-1][1].act in MUTATION_ACTS or (found[-1][1].act is Act.READ and not _SAYS_WHY.search(piece)))
            and names_a_read(piece)
            and _ONLY_A_PLACE.match(piece) is None
        ):
            said = Predicate(Act.READ, explicit=False, source="elided")
        if found and said.act is Act.NONE and found[-1][1].act is not Act.NONE and _ALSO.search(piece):
            # "5개로 늘리고 로그도 좀": a noun with 도 (also) after a finished clause asks for one more
            # thing, its verb left out; a thing asked for with no verb is read, an operation's noun
            # ("롤백하고 재시작도") asks for that operation.
            named = operation_named(piece.lower().replace(" ", ""))
            said = Predicate(named or Act.READ, explicit=False, source="elided")
        if found and said.act is Act.DEPLOY and _redeploy_reason(found[-1], piece):
            said = Predicate(Act.NONE)  # "패치 반영하려고": why, not a second act
        if found and said is _REMARK and _only_says_why(found[-1], piece):
            continue
        if found and found[-1][1].source == "condition" and said.act is Act.NONE and _CLOSED_STATEMENT.search(piece):
            # "링크 누르면 에러 난대. X 롤백해줘": what happens under a condition, stated in a sentence
            # closed by its mark, asks for nothing: condition and all are the situation.
            previous, _ = found[-1]
            found[-1] = (f"{previous} {piece}", _REMARK)
            continue
        if found and said.act is Act.NONE:
            previous, previous_predicate = found[-1]
            if _redeploy_reason(found[-1], piece):
                # "다시 올려줄래? 어제 고친 거 반영해야 돼서": up again so that a change goes live is a
                # redeploy, as "최신 코드로 다시 올려" is (predicate.py); bare "다시 올려" restarts.
                previous_predicate = Predicate(Act.DEPLOY, explicit=previous_predicate.explicit, source="korean")
            found[-1] = (f"{previous}{_joint(previous, previous_predicate, piece)}{piece}", previous_predicate)
        elif (
            found
            and found[-1][1].act is Act.NONE
            # An indirect request is a clause of its own: what stands before it ("report-batch 얘기는
            # 아니고요", "Overview of the cluster first") is no part of what it asks for.
            and said.source != "indirect"
            and (found[-1][1] is _REMARK or not _names_its_own_operation(found[-1][0], said))
        ):
            previous, previous_predicate = found[-1]
            found[-1] = (f"{previous}{_joint(previous, previous_predicate, piece)}{piece}", said)
        else:
            found.append((piece, said))
    return _with_kinds_for_one(found) or [(text, predicate(text))]


_KIND_NAMED = LazyPattern(
    r"\b(?P<kind>pod|service|deployment|ingress|endpoint|namespace)(?:s|es)?\b",
    re.IGNORECASE,
    needs=("pod", "service", "deployment", "ingress", "endpoint", "namespace"),
)
_ONE = LazyPattern(r"(?<=[A-Za-z0-9-] )one\b", re.IGNORECASE, needs=("one",))


def _with_kinds_for_one(found: list[tuple[str, Predicate]]) -> list[tuple[str, Predicate]]:
    """ "list the deployments, then describe the leaderboard one": "one" stands for the kind the
    clause before named, so the second clause names a deployment."""
    resolved: list[tuple[str, Predicate]] = []
    kind: str | None = None
    for clause, said in found:
        read = _ONE.sub(kind, clause) if kind is not None else clause
        named = _KIND_NAMED.search(read)
        kind = named["kind"].lower() if named is not None else kind
        resolved.append((read, said))
    return resolved


class Role(StrEnum):
    """What a clause does in the command, read from its predicate and its ending. Only a request
    gives the act, the count and the target; the others tell what happened, what is planned or
    under which condition, and may lend the request a name it does not say itself."""

    REQUEST = "request"
    DONE = "done"
    """What happened, told: "X 어제 4개로 늘렸어", "롤백은 팀장님이 하셨대요", "we already rolled back X"."""
    PLAN = "plan"
    """A change planned or scheduled: "10개로 늘릴 계획이야", "2개로 줄일 예정인데"."""
    CONDITION = "condition"
    """A condition, or what comes later (-기 전에): "X 롤백하기 전에 …", "if X crashes tonight …"."""
    ASIDE = "aside"
    """A remark: the situation, someone else's word ("…가 늘리라고 추천했는데"), a guess, the speaker
    telling ("참고로 알려드려요")."""
    WITHHELD = "withheld"
    """A change (or a read) forbidden, declined, put off or left as it is: "배포는 하지 말아 주세요",
    "재시작할 필요 없어요", "스케일은 그대로 둬", "rollback은 hold", "no need to redeploy X",
    "hold off on production"."""


_NON_REQUESTS = frozenset({Role.DONE, Role.PLAN, Role.CONDITION, Role.ASIDE, Role.WITHHELD})
# A Korean clause ends a background with -는데 / -ㄴ데 / -던데 ("늘렸는데", "예정인데요,"): what follows is
# a clause of its own.
# A comma closes a clause too ("…보자, 배포는 안 할 거야").
_BACKGROUND_CUT = LazyPattern(r"(?<=[가-힣])데(?:요)?,?(?=\s)|,(?=\s)", needs=("데", ","))
_QUESTION_END = LazyPattern(r"(?:\?|[냐니까]|나요|지요|죠)[.!~\s]*$")
# A past finite ending closing the clause: declarative, background, hearsay ("하셨대요"), or a guess
# about what happened ("실수였나 봐").
# (있다 is no past: "뭐 있어", "돼있어" say what is.)
_TOLD_PAST = _PAST_SYLLABLES.replace("있", "")
_PAST_END = LazyPattern(
    rf"[{_TOLD_PAST}](?:어|어요|다|음|네|네요|는데|는데요|더니|지만|습니다|대|대요|답니다|다고|었어|었는데|었다)?"
    rf"(?:[.!,~]|\s)*$|[{_TOLD_PAST}]나\s?(?:봐|봐요|봄|보다|보네)[.!~]*$"
)
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
    rf"[{_FINAL_L}]\s?(?:예정|계획|생각)(?:이|이야|이에요|입니다|인데|이고|임|이라|이다)?(?:요)?(?:[.!,~]|\s)*$"
    rf"|[{_FINAL_L}]\s?(?:거|겁니다|건데|거고|거야|거예요|거임|거라)(?:요)?(?:[.!,~]|\s)*$"
    # The change's noun itself heading a noun of its plan, time or reason, with no verb ("X 배포 예정입니다",
    # "X 재시작 일정", "X 롤백 사유"): the change spoken of, not asked for.
    r"|(?<=[가-힣])\s?(?:예정|계획|일정|사유|이유|목적)(?:이|이야|이에요|입니다|인데|이고|임|이라|이다)?(?:요)?[.!~]*$"
)
# A change's noun put off with no verb ("배포는 나중에", "스케일은 다음 주에", "늘리는 건 다음 주에"): later,
# not now.
_PUT_OFF = LazyPattern(
    r"(?:은|는|건|거는|것은)\s+(?:나중에|이따가?|다음에|내일|모레|다음\s?주(?:에)?|주말에|다음\s?달(?:에)?)(?:요|하자|할게요?)?[.!~]*$",
    needs=("나중", "이따", "다음", "내일", "모레", "주말"),
)
# A formal request ending ("보여 주십시오", "조회하여 주시기 바랍니다"): the clause asks, whatever
# subject it has.
_FORMAL_REQUEST = LazyPattern(
    r"(?:주십시오|바랍니다|주시겠어요|주시겠습니까)[.!~?]*$", needs=("주십", "바랍", "주시겠")
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


# The speaker giving or telling ("참고로 알려드려요", "말씀드립니다"): the humble 드리다 of the
# speaker's own act, no request (부탁드려요, 요청드립니다 and 감사드려요 aside: two ask, one thanks).
_SPEAKER_TELLS = LazyPattern(r"(?<!부탁)(?<!요청)(?<!감사)드(?:려요|립니다|릴게요?|려)[.!~]*$", needs=("드",))


# The predicate of a Korean clause that withholds what it names, by its form (the clause ends in it,
# or it ends a clause another one follows, see _after_withheld):
# - the negative auxiliary -지 말다 / -지 마 in all its endings ("하지 말고", "진행하지 마십시오", "건들지 마",
#   "배포하지 말아 주세요", "하지 마시고", "하지마셈", its typo "하디 마"), reported too ("하지 말래", "하지 말라셨어"),
#   a connective the join took off ("하지 말", "하지 마시") included;
# - not needed or forbidden: 필요 없다 (and its typo 업, and guessed: "필요 없을 것 같아요"), 불필요하다, 금지,
#   -지 않아도 되다, 안 해도 되다, 안 하셔도 됩니다 ("안 해도 될 듯");
# - left as it is: 그대로 두다, 그냥 두다, 놔두다, 냅두다, 내버려 두다 (never 두 the number: "그냥 두 개로");
# - put off, dropped or taken back: 보류, 철회, 미루다, 없던 걸로 하다, 취소하고, a time of later with 하다 and no
#   request ending ("그건 나중에 하고");
# - a Latin word of the same acts after a topic ("rollback은 hold", "scale은 later", "deploy는 skip하고",
#   "rollback은 no need").
_KO_WITHHELD = (
    r"(?:(?:[가-힣]지|하디)\s*(?:말(?:고요?|아(?:요|라)?|자|라|기(?:를|로)?|래요?|랬[가-힣]*|라고[가-힣]*|라(?:셨|시)[가-힣]*)?"
    r"|마(?:요|라|세요|시오|십시오|시|셔요?|쇼|셈|삼)?|맙시다)"
    r"(?:\s*(?:주|줘|주세요|주십시오|주시|주실래요?|줄래요?|바랍니다|바래요?|부탁)[가-힣]*)?"
    r"|필요(?:가|는|도)?\s*(?:없|업)(?:고|어|어요|음|습니다|다|네|네요|대|대요|겠[가-힣]*|죠|지요"
    r"|[을는]\s*(?:것|거)\s*같[가-힣]*|[을는]\s*듯[가-힣]*)?"
    r"|불필요(?:합니다|해요?|함|하다|하고|하죠|할\s*(?:것|거)\s*같[가-힣]*|할\s*듯[가-힣]*)?"
    r"|금지(?:입니다|이에요|예요|야|임|요|합니다|해요?|하고|래요?|라고[가-힣]*)?"
    r"|(?:안\s*(?:해|하셔|하세요)|하지\s*않아|하시지\s*않아)도\s*(?:돼|되|됩|될|됨)[가-힣]*"
    r"(?:\s*(?:듯|(?:것|거)\s*같)[가-힣]*)?"
    r"|(?:(?:그대로|가만히?|그냥)\s*(?:놔\s?)?|(?<![가-힣])(?:놔|냅|내버려)\s?)"
    r"(?:둬|두(?!\s*(?:개|대|배|번|단계|버전|스텝)))(?:고|세요|십시오|시고|자|요)?"
    r"|(?:보류|취소|철회)(?:하고|하|해|해요|하자|할게요?|합니다)?(?:\s*(?:주|줘)[가-힣]*)?"
    r"|미(?:루(?:고|자|죠)?|뤄(?:요|줘)?|룹시다|룰게요?)(?:\s*(?:주|줘)[가-힣]*)?"
    r"|없던\s*(?:걸로|것으로|일로)\s*(?:하|해|치)[가-힣]*"
    r"|(?:나중에|이따가?|다음에|담에)\s*(?:하|할게요?|하자|할래|해도\s*(?:돼|되)[가-힣]*)"
    r"|(?:은|는|도)\s+(?:일단\s+|그냥\s+)?(?:hold(?:\s+off)?|skip|pass|later|no\s+need|not\s+now|nope)"
    r"(?:\s*(?:하|해)[가-힣]*)?)"
)
_WITHHELD_END = LazyPattern(_KO_WITHHELD + r"[.!~]*$")
# Never before the auxiliary that still belongs to the predicate ("말아 주세요", "말기 바랍니다").
_WITHHELD_CUT = LazyPattern(_KO_WITHHELD + r"[.!~]*,?(?=\s+\S)(?!\s+(?:주|줘|바랍|바래|부탁))")
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


# Hearsay closing a clause ("못 늘린다던데", "배포한다더라", "재시작하면 안 된다고 하던데"): someone's word or
# a rule reported, which asks for nothing.
_HEARSAY = LazyPattern(
    r"(?:다|라)(?:던데|더라고?|는데|던가|더군)(?:요)?[.!,~]*$|(?:다|라)고\s?(?:하던데|하더라|들었|했는데|하네)[가-힣]*[.!,~]*$",
    needs=("다", "라"),
)


def _korean_role(piece: str, condition: bool) -> Role:
    compact = piece.lower().replace(" ", "")
    operation = mentions_an_operation(NAME_LIKE.sub("§", piece).lower().replace(" ", ""))
    if condition:
        return Role.CONDITION
    if operation and _HEARSAY.search(piece.strip()) is not None:
        return Role.ASIDE
    if operation and _HELD.search(piece.strip()) is not None:
        return Role.PLAN
    if _QUESTION_END.search(piece) is not None:
        return Role.REQUEST
    if _WITHHELD_END.search(piece.strip()) is not None:
        return Role.WITHHELD
    if operation and (_declined(piece) or _CROSSED.search(piece.strip()) is not None):
        return Role.WITHHELD
    said = predicate(piece)
    if operation and _ASKS.search(piece.strip()) is None:
        if _KO_DONE.search(piece.strip()) is not None:
            return Role.DONE
        tried = _KO_TRIED.search(piece)
        if tried is not None and mentions_an_operation(piece[: tried.start()].lower().replace(" ", "")):
            return Role.DONE
    if said.act in MUTATION_ACTS and _LEFT_DONE.search(piece.strip()) is not None:
        return Role.DONE
    if said.source == "korean_done" and _PAST_END.search(piece) is not None:
        return Role.DONE
    if operation and (
        _LIGHT_PAST.search(piece) is not None
        or (_PAST_END.search(piece) is not None and said.act not in MUTATION_ACTS)
        or _done_in_chat(compact)
    ):
        return Role.DONE
    if operation and (
        _PLANNED.search(piece) is not None or _PUT_OFF.search(piece) is not None or _INTENDED.search(piece) is not None
    ):
        return Role.PLAN
    if _WISH.search(piece.strip()) is not None and (said.act is not Act.NONE or names_a_read(piece)):
        return Role.REQUEST  # "이전 컨테이너 로그를 확인하고 싶어요": a wish for an act asks for it
    if _SPEAKER_TELLS.search(piece) is not None:
        return Role.ASIDE
    if _FORMAL_REQUEST.search(piece) is None and states_a_situation(piece):
        return Role.ASIDE
    if _PAST_END.search(piece) is not None and said.act not in MUTATION_ACTS and said.source != "korean":
        return Role.ASIDE
    return Role.REQUEST


def _after_backgrounds(piece: str) -> list[str]:
    cuts = [found.end() for found in _BACKGROUND_CUT.finditer(piece)]
    return [piece[begin:end] for begin, end in itertools.pairwise([0, *cuts, len(piece)])]


def _after_withheld(piece: str) -> list[str]:
    """`piece` cut after each predicate that withholds what it names ("운영은 건들지 마 X 개발에만 올려",
    "롤백은 필요 없고 X 재시작해줘"): what follows is a clause of its own."""
    cuts = [found.end() for found in _WITHHELD_CUT.finditer(piece)]
    return [piece[begin:end] for begin, end in itertools.pairwise([0, *cuts, len(piece)])]


def _korean_roles(text: str) -> list[tuple[str, Role]]:
    return [
        (part.strip(), _korean_role(part, condition))
        for piece, condition in _pieces(text)
        for background in _after_backgrounds(piece)
        for part in _after_withheld(background)
        if part.strip()
    ]


# English: a first-person subject telling what was done ("we already rolled back X", "I restarted it")
# or what may or will be done ("we might restart it", "we'll scale it next week").
_EN_SEGMENTS = LazyPattern(r"\s*[,;]\s+|(?<=[.?!])\s+")
_EN_SUBJECT = (
    r"\b(?:so\s+)?(?:i|we|they|he|she|the\s+team|our\s+team|someone|somebody)(?:\s+|(?=['’]))"
    r"(?:\w+ly\s+|already\s+|just\s+)*"
)
_EN_DONE = LazyPattern(
    _EN_SUBJECT + r"(?:(?:have|has|had)\s+)?(?:already\s+|just\s+)?"
    r"(?:rolled|reverted|restarted|rebooted|bounced|deployed|redeployed|shipped|released|scaled|pushed|bumped)\b",
    re.IGNORECASE,
)
_EN_PLAN = LazyPattern(
    _EN_SUBJECT + r"(?:might|may|will|would|could|['’]ll|plan\s+to|are\s+planning\s+to|am\s+planning\s+to"
    r"|are\s+going\s+to|am\s+going\s+to|'re\s+going\s+to|gonna)\s+(?:\w+\s+)?"
    r"(?:roll|revert|restart|reboot|bounce|deploy|redeploy|ship|release|scale|push|bump)\b",
    re.IGNORECASE,
)
# "before anyone scales up, …", "until the rollback is done, …": what comes later, as -기 전에 is.
_EN_CONDITION = LazyPattern(r"^(?:if|when|once|in\s+case|unless|before|until|till)\s+(?P<main>.+)$", re.IGNORECASE)
# The changes, by their English verbs and nouns, in any form ("rolled back", "the rollout", "scaling").
_EN_OPERATION = (
    r"(?:roll(?:s|ed|ing)?[\s-]?backs?|rollouts?|revert\w*|re-?deploy\w*|deploy\w*|releas\w*|restart\w*"
    r"|reboot\w*|bounc\w*|scal(?:e|es|ed|ing)(?:[\s-]?(?:ups?|downs?|outs?|ins?))?)"
)
# An English clause that withholds the change it names, by its frame: a negative imperative ("don't
# restart X", "let's not …", "never mind the …"), "no need to V" / "you don't need to V", "hold off (on)
# N", "skip N"; or the change named and put off ("the restart can wait", "scaling is on hold").
_EN_WITHHELD = LazyPattern(
    r"^(?:(?:please|pls|but|and|so|just|ok|okay|oh|no|nah)[\s,]+)*"
    r"(?:don['’]?t\s+(?!forget|hesitate)|do\s+not\s+(?!forget|hesitate)|never\s+|let['’]?s\s+not\b|not\s+now\b"
    r"|(?:there['’]?s\s+|there\s+is\s+)?no\s+need\s+(?:to|for)\b|(?:you|we|i)\s+(?:don['’]?t|do\s+not)\s+need\s+to\b"
    r"|(?:you|we)?\s*needn['’]?t\b|hold\s+off\b|(?:please\s+)?skip\b|forget\s+(?:about\s+)?(?:the\s+)?"
    + _EN_OPERATION
    + r")"
    r"|\b(?:can\s+wait|(?:is|are|stays?|remains?)\s+on\s+hold|(?:for\s+)?another\s+time|not\s+(?:for\s+)?now)[.!]*$"
    # The change named, then judged not needed, not advised or not allowed ("X restart not required",
    # "scale to 5 is not needed", "rollback of X isn't recommended", "a redeploy is unnecessary").
    r"|(?:\b(?:is|are|was|were|seems?)\s+not|\b(?:is|are|was|were)n['’]t|\bnot)\s+(?:really\s+|strictly\s+|yet\s+)?"
    r"(?:required|needed|necessary|recommended|advised|advisable|warranted|allowed|permitted|approved)"
    r"(?:\s+(?:right\s+now|for\s+now|yet|today|here|anymore|at\s+this\s+point))?[.!]*$"
    r"|\b(?:(?:is|are|seems?)\s+)?(?:unnecessary|unneeded|prohibited|forbidden|off\s+the\s+table)"
    r"(?:\s+(?:right\s+now|for\s+now|today|here|anymore))?[.!]*$",
    re.IGNORECASE,
)
_EN_OPERATION_WORD = LazyPattern(rf"\b{_EN_OPERATION}\b", re.IGNORECASE)
# A change named and scheduled or planned by someone ("X restart is scheduled for tonight", "the deploy
# is planned for Monday", "rollback slated for 6pm"): spoken of, not asked for.
_EN_SCHEDULED = LazyPattern(
    r"\b(?:(?:is|are|was|has\s+been|have\s+been)\s+)?(?:scheduled|planned|slated|pencill?ed\s+in|booked|queued\s+up)"
    r"\s+(?:for|at|on|in|after|to\s+(?:run|happen|go))\b",
    re.IGNORECASE,
    needs=("scheduled", "planned", "slated", "pencil", "booked", "queued"),
)
# A change reported: done by someone ("the release team redeployed X", "ops rolled it back"), finished
# or received ("the rollout finished", "the deploy request has been received", "restart is done"), or
# the time after it ("after last night's rollback, …").
_EN_TOLD_DONE = LazyPattern(
    r"^(?:the|our|their|your|my)\s+(?:[\w-]+\s+){0,2}(?:team|crew|folks|engineers?|devs?|developers?|ops|sre|on-?call"
    r"|pipeline|bot|job|admins?|lead|manager)\s+(?:\w+ly\s+|already\s+|just\s+)*"
    r"(?:rolled|reverted|restarted|rebooted|bounced|deployed|redeployed|shipped|released|scaled|pushed)\b"
    r"|\b" + _EN_OPERATION + r"\b.*\b(?:(?:has|have|had)\s+been\s+(?:\w+ed|done|\w+en)|(?:is|was|are|were|'s)\s+"
    r"(?:already\s+)?(?:done|finished|complete|completed|over|through|received|accepted|queued|in)"
    r"|finished|completed|succeeded|went\s+through|is\s+done)\b"
    r"|^after\s+(?:the|this|that|last|yesterday['’]?s?|today['’]?s|this\s+morning['’]?s|our|their|your|its|[\w-]+['’]s)\b"
    r".*\b" + _EN_OPERATION + r"\b[.!]*$",
    re.IGNORECASE,
)
# A question weighing a change whose subject is the change itself ("would a rollback fix X?", "will
# restarting it help?"): what is asked about, not for.
_EN_WEIGHED = LazyPattern(
    r"^(?:would|will|could|can|might|does|do|did|should)\s+(?:a|an|the|another|one\s+more|just\s+a)?\s*"
    r"(?:(?:quick|simple|full|fresh|clean)\s+)?" + _EN_OPERATION + r"\b"
    # "does the rollback list …?": the operation's noun there heads nothing; it modifies a read's noun.
    r"(?!\s+(?:list|history|versions?|candidates|options|status|logs?|records?|count|targets?)\b).*\?\s*$",
    re.IGNORECASE,
)


# "don't restart it and just deploy X", "skip the tests but roll X back": a verb after "and" / "but"
# opens the request that follows what was withheld.
_EN_BUT = LazyPattern(r"\s+(?:and|but)\s+(?:(?:just|instead|only|then|rather)\s+)?(?=\w)", re.IGNORECASE)


def _english_roles(text: str) -> list[tuple[str, Role]]:
    roles: list[tuple[str, Role]] = []
    for segment in _EN_SEGMENTS.split(text):
        part = segment.strip()
        if not part:
            continue
        if _english_role(part) is Role.WITHHELD:
            for joint in _EN_BUT.finditer(part):
                if english_act(part[joint.end() :]) is not Act.NONE:
                    roles += [(part[: joint.start()], Role.WITHHELD), (part[joint.end() :], Role.REQUEST)]
                    break
            else:
                roles.append((part, Role.WITHHELD))
            continue
        roles.append((part, _english_role(part)))
    return roles


def _english_role(segment: str) -> Role:
    if _EN_WITHHELD.search(segment) is not None:
        return Role.WITHHELD
    if _EN_WEIGHED.match(segment) is not None:
        return Role.CONDITION
    if _EN_SCHEDULED.search(segment) is not None and _EN_OPERATION_WORD.search(segment) is not None:
        return Role.PLAN
    if english_act(segment) is not Act.NONE:
        return Role.REQUEST
    if _EN_TOLD_DONE.search(segment) is not None and not segment.rstrip().endswith("?"):
        return Role.DONE  # "is the rollback done?" asks whether it is
    condition = _EN_CONDITION.match(segment)
    if condition is not None:
        # "if X crashes tonight we might restart it": the main clause after the condition says what
        # may be done, not what to do now.
        return Role.PLAN if _EN_PLAN.search(condition["main"]) is not None else Role.CONDITION
    if _EN_DONE.match(segment) is not None:
        return Role.DONE
    if _EN_PLAN.match(segment) is not None:
        return Role.PLAN
    return Role.REQUEST


@dataclass(frozen=True, slots=True)
class Requested:
    """The request clauses of a command whose other clauses only tell what happened, is planned or
    would be; `request` None when no clause asks for anything."""

    request: str | None
    lent: str | None = None
    """The one name the other clauses hold, for a request that names none of its own."""
    kind: str | None = None
    """The one kind of resource the other clauses name, for a request that names none of its own."""
    retracted: bool = False
    """The speaker took the request back or only almost made it ("…해줘 아니다 취소", "…라고 할 뻔했네"):
    no clause beside it is read as one either."""


def _tells_a_change(part: str, role: Role) -> bool:
    """A clause beside the request that speaks of a change without asking for it: one done or planned,
    a change as the condition ("X 롤백하기 전에"), or one told in the past ("…가 늘리라고 추천했는데")."""
    if role in (Role.DONE, Role.PLAN, Role.WITHHELD):
        return True
    if role is Role.CONDITION:
        return predicate(part).act in MUTATION_ACTS or _supposes(part)
    return (
        role is Role.ASIDE
        and (_PAST_END.search(part) is not None or _HEARSAY.search(part.strip()) is not None)
        and mentions_an_operation(NAME_LIKE.sub("§", part).lower().replace(" ", ""))
    )


# A version or a tag ("v2.1", "1.8.0") is written like a name but names no app.
_VERSION = LazyPattern(r"^v?[0-9]+(?:\.[0-9]+)+$", re.IGNORECASE)
# The light verb a condition's operation noun takes ("롤백하", "배포되"), cut off to leave the noun.
_LIGHT_VERB = LazyPattern(r"\s?(?:하|되|시키)$")


# Many of a kind read with the definite article and no word pointing back ("show me the pods now"): the
# kind's list, whatever app the remark beside it named ("its pods", "those pods" point back at it).
_MANY_OF_A_KIND = LazyPattern(
    r"\b(?:the|all(?:\s+the)?)\s+(?:pods|services|deployments|namespaces|ingresses|endpoints)\b", re.IGNORECASE
)
_POINTING_BACK = LazyPattern(r"\b(?:its?|their|them|those|these|that|his|her)\b", re.IGNORECASE)


def reads_many_afresh(request: str) -> bool:
    """An English read of many of a kind that points back at nothing the other clauses named."""
    return (
        english_act(request) is Act.READ
        and _MANY_OF_A_KIND.search(request) is not None
        and _POINTING_BACK.search(request) is None
    )


def _lent(roles: list[tuple[str, Role]], request: str) -> str | None:
    """What the other clauses lend a request that names no app: their one app, and with a condition's
    app its operation's noun, which says what the read is about ("X 롤백하기 전에 어떤 버전 있는지"
    asks for X's rollback versions)."""
    if NAME_LIKE.search(request) is not None or OTHER_TARGET.search(request) is not None:
        return None
    if reads_many_afresh(request):
        return None  # "We restarted X. Show me the pods now": the kind's list, not X's pod
    others = [part for part, role in roles if role is not Role.REQUEST]
    names = list(
        dict.fromkeys(
            found.group(0)
            for part in others
            for found in NAME_LIKE.finditer(part)
            if _VERSION.match(found.group(0)) is None and found.group(0) not in tickets_in(part)
        )
    )
    if len(names) != 1:
        return None
    for part, role in roles:
        if role is Role.CONDITION and names[0] in part and _supposes_in_korean(part):
            return _LIGHT_VERB.sub("", part.strip())
    for part in others:
        # "X 파드가 3번 재시작됐어요": the kind written after the name goes with it ("X 파드").
        at = part.find(f"{names[0]} ")
        kind = _KIND_WORD.match(part, at + len(names[0]) + 1) if at != -1 else None
        if kind is not None:
            return f"{names[0]} {kind.group(0)}"
    return names[0]


def requested(text: str) -> Requested | None:
    """The command's request apart from the clauses that tell a change done, planned or supposed;
    None when no such clause stands beside it (the command is read whole, as before)."""
    korean = _HANGUL.search(text) is not None
    if _NEAR_MISS.search(text) is not None or _retracted_at_end(text):
        return Requested(request=None, retracted=True)  # "X 롤백해줘 라고 할 뻔했네": almost said, not asked
    roles = _corrected(_korean_roles(text) if korean else _english_roles(text))
    if roles is None:
        return Requested(request=None, retracted=True)
    if not any(_tells_a_change(part, role) for part, role in roles):
        return None
    asked = [part for part, role in roles if role is Role.REQUEST]
    if not asked:
        changes = any(role in (Role.DONE, Role.PLAN, Role.WITHHELD) for _, role in roles)
        return Requested(request=None) if changes else None
    if any(role is Role.CONDITION for _, role in roles) and any(predicate(part).act is not Act.READ for part in asked):
        return None  # "에러 나면 롤백해줘", "재시작하면 나아질까? 해줘": what is asked under a condition is read whole
    request = _as_written(text, roles)
    return Requested(request=request, lent=_lent(roles, request), kind=_kind_lent(roles, request))


# "…할 뻔했네", "…라고 할 뻔했어": what was almost done or said, closing the command.
_NEAR_MISS = LazyPattern(rf"[{_FINAL_L}]\s*뻔(?:했|하였|한|함)[가-힣]*[.!~ㅋㅎ\s]*$", needs=("뻔",))
# A clause that takes back what was asked before it, with nothing of its own: "아니다 취소", "취소할게요",
# "아 아닙니다", "요청 철회합니다", "없던 걸로 해", "never mind", "scratch that".
_RETRACTION = LazyPattern(
    r"^(?:(?:아+|앗|어|음+|헐|아이고|잠깐|잠시만요?|죄송해요|죄송합니다|wait|oh|oops|sorry)[\s,.!~]*)*"
    r"(?:(?:아니다|아니야|아냐|아니|아닙니다|아니에요|아니요|됐어|됐다|됐어요|됐습니다)[\s,.!~]*)*"
    r"(?:(?:요청|그거|그건|그냥)\s*)?"
    r"(?:취소(?:할게요?|합니다|해요?|요|임|하겠습니다)?|철회(?:할게요?|합니다|해요?|하겠습니다)?"
    r"|없던\s*(?:걸로|것으로|일로)\s*(?:해|하|치)[가-힣]*|됐어요?|됐습니다|됐다"
    r"|아니다|아니야|아냐|아닙니다|아니에요|아니요"
    r"|never\s*mind|nvm|scratch\s+that|forget\s+(?:it|that)|cancel\s+that)[\s.!~]*$",
    re.IGNORECASE,
)
# A clause that corrects what was asked before it: a word taking it back, then what replaces it ("아 아니다
# 5개로", "아니 재시작 말고 롤백", "no wait, 4 replicas", "actually make it 5", "sorry I meant api").
_CORRECTING_WORD = (
    r"(?:아니다|아니야|아냐|아니|정정(?:할게요?|합니다)?|no\s+wait|sorry|i\s+meant?|actually|make\s+(?:it|that)"
    r"|rather|or\s+rather)"
)
_CORRECTION = LazyPattern(
    rf"^(?:(?:아+|앗|어|음+)[\s,.!~]*)?(?:{_CORRECTING_WORD}[\s,.!~]+)+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# A correction inside one clause, right before the count it puts instead ("X 2단계 롤백 아니 1단계",
# "scale X to 3 actually 5"): the clause is cut there, as a comma would cut it.
_CORRECTION_INSIDE = LazyPattern(
    rf"^(?P<head>.*\S)\s+(?P<tail>{_CORRECTING_WORD}[\s,.!~]+(?:{_CORRECTING_WORD}[\s,.!~]+)*[0-9].*)$",
    re.IGNORECASE,
)
# "도", "같이", "too": the clause adds to what was asked before it, and replaces none of it.
_ALSO = LazyPattern(r"[가-힣]도(?:\s|$)|같이|함께|\b(?:too|also|as\s+well)\b", re.IGNORECASE)
_COUNTER = r"(?:개|대|단계|스텝|replicas?\b|pods?\b|instances?\b|steps?\b)"
_COUNT = LazyPattern(rf"(?P<count>[0-9]+\s*{_COUNTER})", re.IGNORECASE)
# The count a request sets: a number with its counter, or the goal after "to" ("scale X to 3").
_SET_COUNT = LazyPattern(rf"(?P<number>[0-9]+)(?=\s*{_COUNTER})|(?<=\bto )(?P<goal>[0-9]+)\b", re.IGNORECASE)
# A correction that is only a count ("5", "5개로", "1단계만", "to 4 please"): it replaces the count.
_ONLY_A_COUNT = LazyPattern(
    rf"^(?:to\s+)?(?P<number>[0-9]+)\s*{_COUNTER}?\s*(?:으로|로|만)?\s*(?:만)?\s*(?:please|요|해\s*줘|해)?[\s.!~]*$",
    re.IGNORECASE,
)
# A correction that is only a name ("I meant web-app", "아니 api로"): it replaces the name.
_ONLY_A_NAME = LazyPattern(
    r"^(?:the\s+)?(?P<name>[A-Za-z0-9][\w./-]*)\s*(?:으로|로|요|이요|입니다)?[\s.!~]*$", re.IGNORECASE
)
# A count said to be too many or too few ("3단계는 너무 많고", "5 is too many"): refused, not asked for.
_REFUSED_COUNT = (
    rf"[0-9]+\s*{_COUNTER}?\s*(?:은|는|이|가|is|are)?\s*(?:(?:너무|좀|too|way\s+too)\s*(?:많|적|과|much|many|few|high|low)"
    r"|(?:과하|과해|과한|오버|무리))"
)
_COUNT_REFUSED = LazyPattern(rf"^{_REFUSED_COUNT}", re.IGNORECASE)
# The same inside a clause, with the rest of its word and its connective: "X 롤백해 3단계는 과하고 1단계만".
_COUNT_REFUSED_INSIDE = LazyPattern(rf"(?<=\s){_REFUSED_COUNT}[가-힣]*,?(?=\s+\S)", re.IGNORECASE)


def _cut_corrections(roles: list[tuple[str, Role]]) -> list[tuple[str, Role]]:
    """The clauses cut where a count is refused or corrected inside one ("X 롤백해 3단계는 과하고 1단계만",
    "X 2단계 롤백 아니 1단계"), so that the refused or corrected count is a clause of its own."""
    cut: list[tuple[str, Role]] = []
    for whole, whole_role in roles:
        refused = _COUNT_REFUSED_INSIDE.search(whole)
        if refused is None:
            cut.extend(_cut_correction(whole, whole_role))
            continue
        pieces = (whole[: refused.start()], whole[refused.start() : refused.end()], whole[refused.end() :])
        cut.extend((piece.strip(), whole_role) for piece in pieces)
    return cut


def _cut_correction(part: str, role: Role) -> list[tuple[str, Role]]:
    inside = _CORRECTION_INSIDE.match(part.strip())
    if inside is None or _SET_COUNT.search(inside["head"]) is None:
        return [(part, role)]
    return [(inside["head"], role), (inside["tail"], role)]


def _recounted(said: str, rest: str) -> str | None:
    """`said` with the count `rest` puts instead of its own, if `rest` is only a count and `said` sets one."""
    only = _ONLY_A_COUNT.match(rest.strip())
    counted = list(_SET_COUNT.finditer(said))
    if only is None or not counted:
        return None
    last = counted[-1]
    return said[: last.start()] + only["number"] + said[last.end() :]


def _renamed(said: str, rest: str) -> str | None:
    """`said` with the name `rest` puts instead of its one name, if `rest` is only a name."""
    only = _ONLY_A_NAME.match(rest.strip())
    if only is None or is_stopword(only["name"]) or only["name"].isdigit():
        return None
    names = extract(normalise(said), changing=predicate(said).act in MUTATION_ACTS).names
    if len(names) != 1 or names[0].value not in said:
        return None
    return said.replace(names[0].value, only["name"], 1)


def _retracted_at_end(text: str) -> bool:
    """A request taken back by the words closing the command ("…롤백해 주세요. 아 아니에요", "…늘려줘 아니다
    취소"), which a remark after a request would otherwise be set aside as."""
    spaces = [at for at, char in enumerate(text) if char == " "][-5:]
    for at in spaces:
        before, after = text[:at].strip(), text[at:].strip()
        if _RETRACTION.match(after) is not None and _ASKS.search(before) is not None:
            return True
    return False


def _corrected(roles: list[tuple[str, Role]]) -> list[tuple[str, Role]] | None:
    """The roles after the speaker's own corrections: a clause that takes back the requests before it
    leaves none of them (None when nothing is left asked); one that corrects them replaces them, by a
    request of its own or by a count put in place of theirs ("X 3개로 늘려줘, 아 아니다 5개로")."""
    roles = _cut_corrections(roles)
    fixed = list(roles)
    for index, (part, role) in enumerate(roles):
        earlier = [at for at in range(index) if fixed[at][1] is Role.REQUEST]
        if not earlier or role not in (Role.REQUEST, Role.WITHHELD, Role.ASIDE):
            continue
        if _COUNT_REFUSED.match(part.strip()) is not None:
            fixed[index] = (part, Role.WITHHELD)  # "3단계는 너무 많고 1단계만": the refused count is not asked
            continue
        if _RETRACTION.match(part.strip()) is not None:
            fixed = [
                (said, Role.WITHHELD if at in earlier or at == index else kind) for at, (said, kind) in enumerate(fixed)
            ]
            continue
        correction = _CORRECTION.match(part.strip())
        if correction is not None and _ALSO.search(correction["rest"]) is not None:
            continue  # "…아니 그냥 재시작도 같이 해줘": what it adds stands beside what was asked, as a clause
        if correction is not None:
            said = fixed[earlier[-1]][0]
            rewritten = _recounted(said, correction["rest"]) or _renamed(said, correction["rest"])
            if rewritten is not None:
                fixed[earlier[-1]] = (rewritten, Role.REQUEST)
                fixed[index] = (part, Role.WITHHELD)
                continue
        if correction is None or mentions_an_operation(correction["rest"].lower().replace(" ", "")):
            if correction is not None and predicate(correction["rest"]).act is not Act.NONE:
                fixed = [(said, Role.WITHHELD if at in earlier else kind) for at, (said, kind) in enumerate(fixed)]
                fixed[index] = (correction["rest"], Role.REQUEST)
            continue
        last = earlier[-1]
        said = fixed[last][0]
        # What the correction gives (a count, an environment) takes the place of the same in the request.
        for pattern in (_COUNT, ENVIRONMENT_TOKEN):
            given = pattern.search(correction["rest"])
            replaced = pattern.search(said)
            if given is not None and replaced is not None:
                said = said[: replaced.start()] + given.group(0) + said[replaced.end() :]
        if said == fixed[last][0]:
            continue
        fixed[last] = (said, Role.REQUEST)
        fixed[index] = (part, Role.WITHHELD)
    return fixed if any(role is not Role.WITHHELD for _, role in fixed) or fixed == roles else None


def _supposes(part: str) -> bool:
    """A condition or question that supposes a change: its predicate is one, or it names one in English
    ("if we scaled everything down", "would a rollback fix X?")."""
    return predicate(part).act in MUTATION_ACTS or re.search(rf"\b{_EN_OPERATION}\b", part, re.IGNORECASE) is not None


def _supposes_in_korean(part: str) -> bool:
    """A Korean condition supposing a change ("X 롤백하기 전에"), whose noun says what a read is about."""
    return _HANGUL.search(part) is not None and predicate(part).act in MUTATION_ACTS


def _as_written(text: str, roles: list[tuple[str, Role]]) -> str:
    """The request clauses as the user wrote them, each with the connective that joined it to the next
    clause ("X 롤백하고 Y는 그대로 두고 로그만 보여줘" asks for "X 롤백하고 로그만 보여줘": two acts)."""
    starts: list[int] = []
    cursor = 0
    for part, _ in roles:
        found = text.find(part, cursor)
        if found == -1:
            return " ".join(part for part, role in roles if role is Role.REQUEST)
        starts.append(found)
        cursor = found + len(part)
    requests = [index for index, (_, role) in enumerate(roles) if role is Role.REQUEST]
    written = [
        text[starts[index] : starts[index + 1]].strip() if index != requests[-1] else roles[index][0]
        for index in requests
    ]
    return " ".join(written)


# The kinds of resource a clause may name without naming one ("인그레스는 건드리지 말고", "don't touch
# the ingresses"): a request after it that names no kind of its own ("목록만 보여 줘", "just list them")
# is about them.
_KIND_WORD = LazyPattern(
    r"인그레스|파드|서비스|디플로이먼트|네임스페이스|엔드포인트"
    r"|\b(?:ingress(?:es)?|pods?|services?|deployments?|namespaces?|endpoints?)\b",
    re.IGNORECASE,
)


def names_a_kind(text: str) -> bool:
    """Whether `text` names a kind of resource ("네임스페이스가 몇 개", "the pods")."""
    return _KIND_WORD.search(text) is not None


def _kind_lent(roles: list[tuple[str, Role]], request: str) -> str | None:
    if _KIND_WORD.search(request) is not None or NAME_LIKE.search(request) is not None:
        return None
    kinds = {
        found.group(0).lower()
        for part, role in roles
        if role is not Role.REQUEST
        for found in _KIND_WORD.finditer(part)
    }
    return kinds.pop() if len(kinds) == 1 else None


_EN_PRONOUN = LazyPattern(r"\b(?:it|them)\b", re.IGNORECASE, needs=("it", "them"))


def lend(name: str, request: str) -> str:
    """`request` about `name`, lent by another clause: in place of its pronoun in English ("just
    restart it"), else before it, where a Korean clause has its object."""
    if _HANGUL.search(request) is None and _EN_PRONOUN.search(request) is not None:
        return _EN_PRONOUN.sub(name, request, count=1)
    return f"{name} {request}"


# Context beside a request: a clause that STATES (its predicate declarative) tells what happened, why,
# or what someone will do, and asks for nothing, however many operation words it holds, when another
# clause carries a request ending. Only the request clause gives the act, the count, the place and the
# target: the statements may lend it nothing but the one name it points back at.
#
# Korean request forms: a request ending (_ASKS, a formal one), a bare imperative whose clause has an
# act and no subject of its own, or a wish (-고 싶어요) for an act ("이전 로그를 확인하고 싶어요"); never
# the speaker's own humble telling ("참고로 알려드려요").
_WISH = LazyPattern(r"고\s*싶(?:어|어요|습니다|은데|은데요|네요|다)[.!~]*$", needs=("싶",))
# Korean statement forms: the situation's endings (_STATEMENT_END, hearsay, the progressive), the past
# (_PAST_END), a polite or plain declarative whose verb has a subject of its own ("Jisoo가 QA 시작해요"),
# a reason or purpose ending the clause (-아서요, -려고, -니까요, -거든요, 위해서), and a note ("INC-2055
# 참고."). A reason whose verb is a change ("반영해야 돼서", "재시작해서") may be the means of the
# request ("재시작해서" is how), so it is none; an indirect question (-는지) is a read's object, no statement.
_KO_REASON_END = LazyPattern(
    r"(?:(?:아|어|해|라|려|워|돼|와|봐|여)서|려고|려구|니까|거든|기\s*위해서?|기\s*때문이)(?:요)?[.!~…]*$"
)
_NOTE = LazyPattern(r"(?:참고|참조|cf|fyi)(?:로|요|하세요|해\s*주세요)?[.!~]*$", re.IGNORECASE)
_SUBJECT_DECLARES = LazyPattern(r"[가-힣](?:요|다|음|어|네)[.!~]*$")
_EMBEDDED_QUESTION = LazyPattern(rf"(?:는지|은지|인지|[{_PAST_ADNOMINAL}{_FINAL_L}]지)[,.]?$", needs=("지",))
# A word that may close a Korean statement inside a sentence with no mark after it ("민지가 QA 끝냈대
# X 올려", "수정본 머지했어요 X 배포해 주세요"): the past, hearsay, a formal or polite declarative. Never
# the past with -다 alone: "껐다 켜", "내렸다 올려" join two steps of one act.
_KO_FINITE_WORD = LazyPattern(
    rf"(?:[{_TOLD_PAST}](?:어|어요|음|네|네요|대|대요|습니다)|[가-힣](?<![{_FINAL_L}])(?:대|래)(?:요)?"
    rf"|습니다|있음|없음|[가-힣](?:어요|아요))[.!~,]*$"
)


def _korean_asks(segment: str) -> bool:
    stripped = segment.strip()
    if _SPEAKER_TELLS.search(stripped) is not None:
        return False
    if _ASKS.search(stripped) is not None or _FORMAL_REQUEST.search(stripped) is not None:
        return True
    if _WISH.search(stripped) is not None:
        # "비용 최적화 제안 받고 싶어요": a wish to get what is read asks for that read.
        return predicate(stripped).act is not Act.NONE or names_a_read(stripped)
    if asked_indirectly(stripped) is not None:
        return True  # "X 재시작이 필요합니다", "X 롤백해야 할 것 같아요": a change asked for indirectly
    return _closes_a_request(stripped) and not states_a_situation(stripped)


def _korean_states(segment: str) -> bool:
    stripped = segment.strip()
    if "?" in stripped or _QUESTION_END.search(stripped) is not None or _EMBEDDED_QUESTION.search(stripped):
        return False
    if _korean_asks(stripped):  # a request, indirect ones included (asked_indirectly)
        return False
    if _KO_REASON_END.search(stripped) is not None:
        return not mentions_an_operation(NAME_LIKE.sub("§", stripped).lower().replace(" ", ""))
    return (
        _STATEMENT_END.search(stripped) is not None
        or _HEARSAY.search(stripped) is not None
        or _PROGRESSIVE.search(stripped) is not None
        or _PAST_END.search(stripped) is not None
        or _SPEAKER_TELLS.search(stripped) is not None
        or _NOTE.search(stripped) is not None
        or (_SUBJECT.search(stripped) is not None and _SUBJECT_DECLARES.search(stripped) is not None)
        or _obliged_toward_others(stripped)
    )


def _korean_context_cuts(sentence: str) -> list[str]:
    """`sentence` cut where a statement meets a request inside it with no mark between them: after a
    finite statement's word that a request follows, after a request's word that a statement follows."""
    words = sentence.split(" ")
    for index in range(1, len(words)):
        before, after = " ".join(words[:index]), " ".join(words[index:])
        if _KO_FINITE_WORD.search(words[index - 1]) is not None and _korean_states(before) and _korean_asks(after):
            return [before, *_korean_context_cuts(after)]
        if (
            _IMPERATIVE_WORD.search(words[index - 1]) is not None
            and _AUXILIARY.match(words[index]) is None
            and _closes_a_request(before)
            and _korean_states(after)
        ):
            return [before, after]
    return [sentence]


def _korean_segments(text: str) -> list[str]:
    return [
        cut.strip()
        for whole in _SENTENCES.split(text)
        for part in _at_request_endings(whole)
        for clause in _EN_SEGMENTS.split(part)
        for cut in _korean_context_cuts(clause.strip())
        if cut.strip()
    ]


# English: a statement opens with its subject, a noun phrase ("the last release", "about 5% of
# accounts", "Daniel"; never "you" or "please"), not with a verb (english_act reads none), then a finite
# verb: a form of be or have, a modal, a past in -ed or a common irregular past, or a verb that reports
# what its subject shows or does. A request opens with its verb (english_act reads one).
_EN_FINITE = (
    r"(?:is|are|was|were|has|have|had|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|can'?t|cannot"
    r"|won'?t|will|would|could|should|might|may|must|doesn'?t|don'?t|didn'?t|does|did|keeps?|kept|seems?|looks?"
    r"|broke|threw|went|fell|ran|began|got|gets|took|came|made|saw|left|lost|hit|stuck|grew|rose|shows?|showed"
    r"|returns?|throws?|fails?|says?|said|reports?|[a-z]+ed"
    # What is scheduled or foreseen: "Black Friday starts at 9am", "marketing expects 4x traffic".
    r"|starts|begins|ends|opens|closes|launches|goes|comes|happens|peaks|lands|expects?|anticipates?|predicts?"
    r"|forecasts?)"
)
_EN_STATES = LazyPattern(
    r"^(?:(?:so|and|but|fyi|btw|note|because|since|as)[\s,:]+)?"
    r"(?!(?:you|u|please|pls|kindly|just|let'?s|after|then|also|next|first|finally)\b)"
    r"(?:[\w%:.'/-]+\s+){1,6}?" + _EN_FINITE + r"\b",
    re.IGNORECASE,
)


def _english_asks(segment: str) -> bool:
    return english_act(segment) is not Act.NONE or asked_indirectly(segment) is not None


# A statement of what someone wants, needs or must have done ("I want X deployed to staging", "X needs
# a restart", "billing 롤백이 필요해요", "3개로 늘려야 해요"): with a change in it, it asks for that change
# indirectly, so it is no context beside another request (the two make the command ambiguous).
_EN_VOLITION = LazyPattern(
    r"\b(?:wants?|wanted|needs?|needed|would\s+like|['’]d\s+like|wish(?:es)?|hopes?|prefers?|requires?"
    r"|ha(?:s|ve)\s+to|must|should|ought\s+to)\b",
    re.IGNORECASE,
)
_KO_VOLITION = LazyPattern(
    r"필요|(?:아|어|여|해|와|워|러|려|켜|춰|돌려)야\s*(?:해|돼|되|합|됩|할|겠|하는데|하고|하거든|하니까)|았으면|었으면|했으면|으면\s*좋겠|면\s*좋겠|원해|원합"
    # A suggestion: "restart만 하면 될 것 같아요", "롤백하면 되겠어요" (a question, "하면 돼?", asks for none).
    r"|(?<=[하되])면\s*(?:될\s*(?:것|거|듯)|되겠|됩니다|돼요)",
    needs=("필요", "야", "으면", "면", "원"),
)


# What an indirect request asks for. Korean: the change whose stem comes before the volition ("롤백해야
# 할 것 같아요", "재시작이 필요합니다", "배포됐으면 좋겠어요", "늘려야 하는데"); never a change not needed ("필요
# 없어요"), needed once (the past: "필요했어요", "해야 했는데") or heading a read's noun between it and the
# volition ("롤백 목록이 필요해요", "재시작 이력을 봐야 해요"). English: the change after the volition ("I'd
# like X rolled back", "X needs 8 replicas", "X needs to go out to staging"), never after a verb of
# reading ("I want to see which pods restarted") or a negation, nor a change's noun heading a read
# ("I need the rollback history"), nor in a question or a condition ("if we scaled …, would …?").
_KO_NOT_ASKED = LazyPattern(r"필요(?:가|는|도)?(?:없|업|했|하지않|치않)|야(?:했|하지않|할필요)|면좋았|으면했")
_KO_READ_HEAD = LazyPattern(
    r"목록|이력|기록|내역|히스토리|리스트|상태|현황|로그|버전|대상|후보|여부|비용|계획|일정|가능|결과|원인|이유|확인|조회|보여|봐"
)
_EN_PAST_VOLITION = LazyPattern(r"^(?:wanted|needed|hoped|preferred|required)$", re.IGNORECASE)
_EN_BEFORE_CHANGE = LazyPattern(
    r"\b(?:see|know|check|look|view|understand|find|get|list|show|confirm|verify|watch|read|review|compare|learn"
    r"|ask|hear|track|monitor|inspect|figure|investigate|not|never|no)\b|n['’]t\b",
    re.IGNORECASE,
)
_EN_INDIRECT_CHANGE = LazyPattern(
    r"\b(?:(?P<rollback>roll(?:s|ed|ing)?[\s-]?backs?|roll(?:s|ed|ing)?\s+(?:it|them|[\w./-]+)\s+back|revert(?:s|ed|ing)?)"
    r"|(?P<deploy>re-?deploy(?:s|ed|ing)?|deploy(?:s|ed|ing)?|releas(?:e|es|ed|ing)|ship(?:s|ped|ping)?"
    r"|go(?:es)?\s+out|go\s+live|rollout)"
    r"|(?P<restart>restart(?:s|ed|ing)?|reboot(?:s|ed|ing)?|bounc(?:e|es|ed|ing))"
    r"|(?P<scale>scal(?:e|es|ed|ing)|replicas?|instances?|copies))\b"
    r"(?!\s+(?:list|history|versions?|candidates|options|status|logs?|records?|count|targets?|plan|schedule|window"
    r"|freeze|progress|state|policy|settings?|config\w*)\b)",
    re.IGNORECASE,
)


def asked_indirectly(segment: str) -> Act | None:
    """The change `segment` asks for by a wish, a need or an obligation (see above); None if none."""
    stripped = segment.strip()
    if stripped.endswith("?"):
        return None
    if _HANGUL.search(stripped) is not None:
        compact = NAME_LIKE.sub("§", stripped).lower().replace(" ", "")
        volition = _KO_VOLITION.search(compact)
        if volition is None or _KO_NOT_ASKED.search(compact) is not None:
            return None
        changes = operations_before(compact, volition.start() + 1)
        if not changes or _KO_READ_HEAD.search(compact, changes[-1][1], volition.start()) is not None:
            return None
        return changes[-1][0]
    volition = _EN_VOLITION.search(stripped)
    if volition is None or _EN_PAST_VOLITION.match(volition.group(0)) is not None:
        return None
    if _EN_CONDITION.match(stripped) is not None or _EN_WITHHELD.search(stripped) is not None:
        return None
    change = _EN_INDIRECT_CHANGE.search(stripped, volition.end())
    if change is None or _EN_BEFORE_CHANGE.search(stripped, volition.end(), change.start()) is not None:
        return None
    return Act(next(name for name, found in change.groupdict().items() if found is not None))


def _english_states(segment: str) -> bool:
    stripped = segment.strip()
    return (
        not stripped.endswith("?")
        and english_act(stripped) is Act.NONE
        and _EN_STATES.match(stripped) is not None
        and asked_indirectly(stripped) is None
    )


_EN_POINTS_BACK = LazyPattern(r"\b(?:it|this|that|this\s+one|that\s+one)\b", re.IGNORECASE)
# A time of day ("14:20", "10:40") is written like a name but names nothing.
_CLOCK = LazyPattern(r"^[0-9]{1,2}:[0-9]{2}$")
# What a statement may hold that a request takes: a place ("namespace is fares", "네임스페이스는 X입니다",
# a branch) or a count with its unit ("3개면 충분할 듯", "last 40 lines would be enough"). A statement
# holding one beside a request that gives none of its own is part of the request: read whole.
GIVES_A_SLOT = LazyPattern(
    r"\b(?:namespace|ns|branch|commit|sha)\b|네임스페이스|브랜치|커밋"
    r"|(?<![0-9:.])[0-9]+\s*(?:개|대|줄|단계|레플리카|복제본|lines?\b|replicas?\b|instances?\b|pods?\b|copies\b"
    r"|steps?\b|versions?\b)",
    re.IGNORECASE,
)


def among_statements(text: str) -> Requested | None:
    """The request among clauses that only state (context: what happened, why, what someone will do),
    when every other clause states and one or more carry a request form; None otherwise, and None when
    the statements hold what the request leaves out: a slot it gives none of, the object of a read that
    names none ("…로그가 이상해, 좀 보여줘"), or a name it does not point back at. A request that names
    no target takes the one name the statements hold in English when "it" points at it; in Korean the
    object left unsaid points back, and such a command is read whole, as before."""
    korean = _HANGUL.search(text) is not None
    segments = _korean_segments(text) if korean else [part for part in _EN_SEGMENTS.split(text.strip()) if part]
    if len(segments) < 2:
        return None
    asks, states = (_korean_asks, _korean_states) if korean else (_english_asks, _english_states)
    requests = [segment for segment in segments if asks(segment)]
    statements = [segment for segment in segments if segment not in requests and states(segment)]
    if not requests or not statements or len(requests) + len(statements) != len(segments):
        return None
    request = " ".join(requests)
    context = " ".join(statements)
    if GIVES_A_SLOT.search(NAME_LIKE.sub(" ", context)) is not None and GIVES_A_SLOT.search(request) is None:
        return None
    said = predicate(request)
    if NAME_LIKE.search(request) is None and said.act is Act.READ and not names_a_read(request):
        return None
    tickets = tickets_in(context)
    names = list(
        dict.fromkeys(
            found.group(0)
            for found in NAME_LIKE.finditer(context)
            if _VERSION.match(found.group(0)) is None
            and _CLOCK.match(found.group(0)) is None
            and found.group(0) not in tickets
        )
    )
    if NAME_LIKE.search(request) is not None or not names:
        # "네임스페이스가 몇 개인지 모르겠어. 목록 보여줘": the kind the statements name is what a list is of.
        return Requested(request=request, kind=_kind_lent([(context, Role.ASIDE)], request))
    if not korean and len(names) == 1 and _EN_POINTS_BACK.search(request) is not None and _only_candidate(context):
        return Requested(request=request, lent=names[0])
    if len(names) == 1 and _background_place(statements, request):
        # "X 스테이징 테스트 통과했어요. 이제 운영에 배포해 주세요": the staging of what was done describes
        # it, never the request; the request takes the one name and keeps its own place (or none).
        return Requested(request=request, lent=names[0])
    return None


def _background_place(statements: list[str], request: str) -> bool:
    """The statements give an environment the request must not take: the request says its own, or
    every statement that gives one tells what was done (the past), no place things are in now."""
    placed = [part for part in statements if extract(normalise(part)).references.environment is not None]
    if not placed or predicate(request).act not in MUTATION_ACTS:
        return False  # "X 프로드 배포했으면 좋겠는데 해줘": a request with no act of its own takes its act from them
    if extract(normalise(request)).references.environment is not None:
        return True
    return all(_PAST_END.search(part.strip()) is not None for part in placed)


def _only_candidate(context: str) -> bool:
    """The context holds one thing "it" may point at: one clause, with one name (by the names the
    request would take, plain words included) and no namespace. "api-gw is fine but checkout is
    broken. Restart it." holds two, and which is broken is not for the rules to guess."""
    if _EN_CONTRAST.search(context) is not None:
        return False  # "X is fine but the ledger is broken": "it" may be the other clause's subject
    found = extract(normalise(context))
    return len({name.value.lower() for name in found.names}) == 1 and found.references.namespace is None


_EN_CONTRAST = LazyPattern(r"\b(?:but|while|whereas|though|although|except|unlike)\b|;", re.IGNORECASE)


# A target pointed at as not the one named ("다른 거", "나머지", "the other one", "another app"): the app the
# sentence before names is the one excluded, never the one meant. "다른 걸로 롤백" (to another one) is a
# version, no target.
OTHER_TARGET = LazyPattern(
    r"다른\s*(?:거|것|걸|앱|애|서비스|하나|쪽|놈|디플로이먼트|배포)(?!\s*(?:으로|로))|나머지"
    r"|(?<!\bto )\bthe\s+other\s+(?:one|app|service|deployment)s?\b"
    r"|(?<!\bto )\banother\s+(?:one|app|service|deployment)\b"
    r"|\bthe\s+(?:rest|remaining\s+(?:ones?|apps?|services?))\b",
    re.IGNORECASE,
    needs=("다른", "나머지", "other", "another", "rest", "remaining"),
)


def other_than_named(text: str) -> str | None:
    """The sentence that asks for a change of "the other one" and names none, when a sentence beside it
    names the app it excludes: that sentence alone is the request, and its target is a question."""
    sentences = [part.strip() for part in _SENTENCES.split(text.strip()) if part.strip()]
    if len(sentences) < 2:
        return None
    for sentence in sentences:
        if (
            OTHER_TARGET.search(sentence) is not None
            and NAME_LIKE.search(sentence) is None
            and predicate(sentence).act in MUTATION_ACTS
        ):
            return sentence
    return None


# A question about a change rather than a request for it: who made it ("누가 X 재시작했나요?", "X를
# 2개로 줄인 사람이 누구예요?", "did anyone restart X?"), or what it would do, asked of a change supposed
# ("X 재시작하면 세션이 끊기나요?", "If we scale X down, will jobs be lost?", "How long does a rollback
# take?"). The rules answer neither: the command asks for no act and no read.
_WHO_KO = LazyPattern(r"누가|누구(?:예요|에요|야|죠|지|인가|인지|였|냐|니|세요)|사람이?\s*누구", needs=("누가", "누구"))
_WHO_EN = LazyPattern(
    r"\bwho\b|\b(?:did|has|have|had)\s+(?:anyone|anybody|someone|somebody)\b",
    re.IGNORECASE,
    needs=("who", "anyone", "anybody", "someone", "somebody"),
)
# What a change does to what runs: cut off, stopped, lost, undone, affected, or the time it takes.
_EFFECT_KO = LazyPattern(
    r"끊기|끊겨|끊어|끊길|중단|멈추|멈춰|멈출|날아가|날아갈|사라지|사라져|사라질|유실|잃|되돌아가|되돌아갈|되돌려지|영향"
    r"|(?:시간|몇\s*분|몇\s*초|얼마나)[가-힣\s]{0,6}(?:걸리|걸려|걸릴|중단|멈)",
    needs=("끊", "중단", "멈", "날아", "사라", "유실", "잃", "되돌", "영향", "걸", "얼마나"),
)
_EFFECT_EN = LazyPattern(
    r"\b(?:be\s+lost|get\s+lost|lose|go\s+down|be\s+interrupted|get\s+interrupted|be\s+dropped|get\s+dropped"
    r"|drop|disconnect|break|affect|cause\s+downtime)\b|\bhow\s+long\b",
    re.IGNORECASE,
    needs=("lost", "lose", "down", "interrupted", "dropped", "drop", "disconnect", "break", "affect", "long"),
)
_EN_SUPPOSED = LazyPattern(r"^(?:if|when|once|suppose|what\s+if)\b|\bhow\s+long\b", re.IGNORECASE)


def asks_about_a_change(text: str) -> bool:
    """`text` asks who made a change, or what a change supposed would do, not for the change."""
    if _HANGUL.search(text) is not None:
        pieces = _pieces(text)
        operation = any(predicate(piece).act in MUTATION_ACTS for piece, _ in pieces) or mentions_an_operation(
            NAME_LIKE.sub("§", text).lower().replace(" ", "")
        )
        if not operation:
            return False
        if _WHO_KO.search(text) is not None:
            # Only as the one question asked: "누가 X 롤백했대, 로그 보여줘" tells (누가, someone) and asks.
            return len(_korean_roles(text)) == 1 and _QUESTION_END.search(text) is not None
        supposed = [index for index, (piece, condition) in enumerate(pieces) if condition and _supposes(piece)]
        if not supposed or _QUESTION_END.search(text) is None:
            return False
        after = " ".join(piece for piece, _ in pieces[supposed[0] + 1 :])
        return _EFFECT_KO.search(after) is not None
    if re.search(rf"\b{_EN_OPERATION}\b", text, re.IGNORECASE) is None:
        return False
    if _WHO_EN.search(text) is not None:
        return text.rstrip().endswith("?") and len(_EN_SEGMENTS.split(text.strip())) == 1
    return text.rstrip().endswith("?") and _EN_SUPPOSED.search(text) is not None and _EFFECT_EN.search(text) is not None
