"""A request that points back into the sentences beside it.

"emr-api 아까부터 latency 튐. 그거 restart 해줘", "The last release of X broke the counts. Roll it back.":
one sentence asks, the others only tell (they carry no request form and ask no question), and the
request names no app of its own. What it points back at is what the other sentences hold:

- its target, by a pronoun ("그거", "걔", "거기", "it", "that one") or, in Korean, by the object left
  unsaid: the one app name the other sentences hold. With two names and a pronoun, which one is meant
  is a question (the act, its target missing, both names offered); with no pronoun it is left to the
  rest of the grammar ("X랑 Y 둘 다 …, 재시작해줘" may mean both).
- a slot, only where a word points at it: a count ("그 개수로", "back to that"), a commit or an image
  ("그걸로", "that commit", "그 이미지로"), a place ("there", "거기"). A namespace the other sentences
  name is where the request acts when it names none. A count stated as how things are or were ("지금
  세 대야", "지난주 2개였어") is no count asked for: only the request's own, or a question.

The request is rewritten with what it points at in place of the pointing words, and read again by the
whole grammar: a likely reading, never a sure one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_N
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.lending import OTHER_TARGET, VERSION, told_plain_names
from klepaas_nlp.rules.marks import HANGUL, names_a_read
from klepaas_nlp.rules.names import tickets_in
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.pieces import SENTENCES
from klepaas_nlp.rules.predicate import MUTATION_ACTS, NAME_LIKE, Act, predicate
from klepaas_nlp.rules.references import References
from klepaas_nlp.rules.set_aside import drop_negated
from klepaas_nlp.rules.statements import CLOCK, english_asks, english_states, korean_asks, korean_states

# A pronoun or demonstrative standing for the app ("그거 재시작", "걔 restart", "그 서비스 엔드포인트").
_KO_THING = LazyPattern(
    r"(?<![가-힣])(?:그거|그걸|그것|그게|이거|이걸|이것|걔|얘|그놈|그\s?친구|그쪽|이쪽)(?:를|을|은|는|도|만)?(?![가-힣])"
    r"|(?<![가-힣])(?:그|해당)(?=\s?(?:앱|서비스|디플로이먼트|배포|파드|애플리케이션|어플|저장소|레포|리포)(?![가-힣]))",
    needs=("그", "이", "걔", "얘", "해당"),
)
_EN_THING = LazyPattern(
    r"\b(?:its|it|that\s+one|this\s+one|the\s+same\s+one|that\s+app|that\s+service)\b", re.IGNORECASE
)
# A target described instead of named: an adnominal clause before 거 / 것 / 애 / 쪽 ("느린 거", "문제 있는
# 거", "터진 애"), "the ADJ one" ("the slow one", "the failing ones"). It points back as 그거 does, but never
# at a name said to be fine ("X는 멀쩡해요, 느린 거 4개로 늘려줘": X is the one that is not slow): with
# every name set aside, the target is a question. Words that describe a version (최신 거, the latest
# one) describe no app, and "…거로" (to the … one) is where a change goes.
_KO_DESCRIBED = LazyPattern(
    rf"(?<![가-힣])(?!(?:최신|이전|기존|예전|직전|최근|현재|지금|옛날|새)\s)"
    rf"[가-힣]*(?:[{FINAL_N}]|는|던)\s+(?:거|것|걸|놈|애|녀석|쪽)(?:을|를|이|가|은|는|도|만)?(?![가-힣])"
    r"(?!\s*(?:으로|로))",
    needs=("거", "것", "걸", "놈", "애", "녀석", "쪽"),
)
_EN_DESCRIBED = LazyPattern(
    r"\bthe\s+(?!(?:other|same|new|newer|newest|latest|old|older|oldest|previous|last|first|second|current"
    r"|right|correct|stable|earlier|good|working)\s)[a-z]+\s+ones?\b",
    re.IGNORECASE,
    needs=("one",),
)
_KO_THING_OR_DESCRIBED = LazyPattern(
    f"{_KO_THING.source}|{_KO_DESCRIBED.source}", needs=(*_KO_THING.needs, *_KO_DESCRIBED.needs)
)
# "the ADJ one" needs nothing more than "one" of "this one", so the pronouns' needs are dropped.
_EN_THING_OR_DESCRIBED = LazyPattern(f"{_EN_THING.source}|{_EN_DESCRIBED.source}", re.IGNORECASE)
# A clause closed by a comma: a sentence of its own beside a described target ("X is fine, …").
_CLAUSE_COMMA = LazyPattern(r",\s+", needs=(",",))
# A word pointing at a count said before ("그 개수로", "그만큼", "back to that", "that many").
_KO_COUNT = LazyPattern(
    r"(?:그|같은|그때|원래)\s?(?:개수|갯수|숫자|수|대수|만큼)(?:로|으로|만큼)?|그만큼|그때만큼",
    needs=("그", "같은", "원래"),
)
_EN_COUNT = LazyPattern(
    r"\b(?:back\s+to\s+that|to\s+that(?:\s+(?:number|count|many))?|that\s+many|the\s+same\s+(?:number|count))\b",
    re.IGNORECASE,
)
# A word pointing at a commit or an image said before ("그걸로", "그 커밋으로", "to that commit").
_KO_VERSION = LazyPattern(
    r"(?<![가-힣])(?:그걸로|그거로|그것으로|이걸로|이거로|(?:그|이|해당|같은)\s?(?:커밋|버전|이미지|태그|빌드)(?:으로|로)?)",
    needs=("그", "이", "해당", "같은"),
)
_EN_VERSION = LazyPattern(
    r"\b(?:to\s+that(?:\s+(?:commit|version|image|build|tag))?|with\s+that(?:\s+(?:image|build|tag))?"
    r"|that\s+(?:commit|version|image|build|tag))\b",
    re.IGNORECASE,
)
# A word pointing at a place said before ("거기", "그 환경", "there").
_KO_PLACE = LazyPattern(
    r"(?<![가-힣])(?:거기|그\s?환경|같은\s?(?:환경|environment|env))(?:에|로|으로|서|에서)?(?![가-힣])",
    needs=("거기", "환경", "env"),
)
_EN_PLACE = LazyPattern(
    r"\b(?:there|(?:to\s+)?the\s+same\s+(?:environment|env)|(?:to\s+)?that\s+environment)\b", re.IGNORECASE
)
# A word pointing at the namespace said before ("그 네임스페이스", "in that namespace").
_NAMESPACE_WORD = LazyPattern(
    r"(?<![가-힣])(?:그|같은|해당)\s?(?:네임스페이스|namespace|ns)|\b(?:in\s+)?(?:that|the\s+same)\s+(?:namespace|ns)\b",
    re.IGNORECASE,
    needs=("네임스페이스", "namespace", "ns"),
)
# What a sentence beside the request may name: an app, a commit, or a namespace by its word.
_NAMED = LazyPattern(
    r"[A-Za-z0-9]+(?:[-_./:@][A-Za-z0-9]+)+|네임스페이스|\bnamespace\b|(?<![A-Za-z0-9])[0-9a-f]{7,40}(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# An English word pointing at a slot said before ("back to that", "there", "that commit").
_EN_POINTER = LazyPattern(r"\b(?:that|there|same)\b", re.IGNORECASE, needs=("that", "there", "same"))


@dataclass(frozen=True, slots=True)
class PointedBack:
    """The request rewritten with what it points at; `candidates` when two names compete for it."""

    request: str
    candidates: tuple[str, ...] = ()
    alone: str | None = None
    """The request with its slots but no lent name: what it asks when it takes no target (a list)."""


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCES.split(text.strip()) if part.strip()]


def _candidates(context: str, skip: set[str]) -> list[str]:
    """The app names the context holds: written like names, never a version, a clock, a ticket, a
    commit, an image, a namespace or a repository's owner."""
    for value in skip:
        context = context.replace(value, " ")
    tickets = tickets_in(context)
    names: list[str] = []
    for found in NAME_LIKE.finditer(context):
        value = found.group(0).rstrip(".")
        if VERSION.match(value) is None and CLOCK.match(value) is None and value not in tickets:
            names.append(value)
    return list(dict.fromkeys(names))


def points_back(text: str) -> PointedBack | None:
    """The request of a command whose other sentences only tell, rewritten with what it points back
    at (see above); None when the command is no such one or points at nothing it can be given."""
    pointed = _points_back(text)
    if pointed is None or len(_sentences(pointed.request)) != 1:
        return None  # read again, the rewritten request is one sentence, never pointed back again
    return pointed


def _points_back(text: str) -> PointedBack | None:
    korean = HANGUL.search(text) is not None
    described = (_KO_DESCRIBED if korean else _EN_DESCRIBED).search(text) is not None
    sentences = _sentences(text)
    if len(sentences) < 2 and described:
        sentences = [part.strip() for part in _CLAUSE_COMMA.split(text.strip()) if part.strip()]
    if len(sentences) < 2:
        return None
    asks = korean_asks if korean else english_asks
    thing_word = _thing_word(korean, described)
    # Cheap first: the request names nothing of its own (in English a word points back), and another
    # sentence names something it may point at.
    nameless = [
        sentence
        for sentence in sentences
        if NAME_LIKE.search(sentence) is None
        and (korean or thing_word.search(sentence) is not None or _EN_POINTER.search(sentence) is not None)
    ]
    if not nameless or not any(_NAMED.search(sentence) is not None for sentence in sentences):
        return None
    requests = [
        sentence
        for sentence in nameless
        if _asks_whole(drop_negated(sentence).rstrip(","), asks)
        # "그거 1개로 scale down": an act's bare noun after a pronoun pointing back asks for it too.
        or (predicate(sentence).act in MUTATION_ACTS and thing_word.search(sentence) is not None)
    ]
    if len(requests) != 1:
        return None
    request = requests[0]
    others = [sentence for sentence in sentences if sentence != request]
    if any(_asks_something(sentence, asks) for sentence in others):
        return None
    if OTHER_TARGET.search(text) is not None or any(_unfinished(sentence) for sentence in others):
        return None
    states = korean_states if korean else english_states
    if any(predicate(sentence).act in MUTATION_ACTS and not states(sentence) for sentence in others):
        return None  # "X 재시작. 로그도 보여줘": a bare act beside is one more request, never context
    context = " ".join(others)
    said = predicate(request)
    points = thing_word.search(request) is not None
    if said.act is Act.NONE or (said.act is Act.READ and not names_a_read(request) and not points):
        return None
    here = extract(normalise(request)).references
    beside = extract(normalise(context))
    there = beside.references
    skip = {value for value in (there.image, there.commit_sha, there.namespace, here.image, here.commit_sha) if value}
    rewritten, pointed = _slots(request, here, there, beside.quantities.replicas, beside.quantities.steps_back, korean)
    if _names_its_own(request, skip):
        return PointedBack(request=rewritten) if pointed else None
    names = [name for name in _candidates(context, skip) if not _set_aside(name, others)]
    if not _candidates(context, skip) and not extract(normalise(rewritten)).names:
        # "since cart is slow, restart it": a plain word told of as the app by the statement's grammar.
        names = [name for name in told_plain_names(context) if not _set_aside(name, others)]
    thing = thing_word.search(rewritten)
    if not names and described and thing is not None:
        return PointedBack(request=rewritten)  # every name said is set aside: which one is meant is asked
    if not names and any(name.value != there.namespace for name in beside.names):
        return None  # plain words the grammar may take for names ("ledger 파드"): read as before
    if len(names) == 1 and len(beside.names) > 1 and _EN_CONTRAST.search(context) is not None:
        return None  # "X is fine but Y is broken": which one "it" is, is not for the rules to guess
    if len(names) == 1 and (thing is not None or korean):
        return PointedBack(request=_lend(_with_kind(names[0], context), rewritten, thing), alone=rewritten)
    if len(names) > 1 and thing is not None:
        return PointedBack(request=rewritten, candidates=tuple(names))
    if not names and pointed:
        return PointedBack(request=rewritten)
    return None


# A sentence left open: trailing off ("…", "..."), or ending in a connective or a condition ("괜찮으면...",
# "다섯 개로요": an elliptic goal that belongs to the request). It is no statement beside the request.
_UNFINISHED = LazyPattern(r"(?:\.\.|…)$|(?:면|고|는데|지만|(?<![가-힣]\s)(?:로|으로)요?)[.!~]*$")
# A name set aside ("X 말고", "X 빼고", "not X", "X는 괜찮아요", "X is fine"): never the one pointed at.
_ASIDE_AFTER = LazyPattern(r"^\s*(?:은|는|이|가)?\s*(?:말고|말구|빼고|제외하고|대신)")
_FINE = LazyPattern(
    r"(?:괜찮|정상이|멀쩡|문제\s?(?:없|업))(?![았었였])|(?<!was )(?<!were )\b(?:fine|ok|okay|healthy|good)\b",
    re.IGNORECASE,
)
_EN_CONTRAST = LazyPattern(r"\b(?:but|while|whereas|though|although|except|unlike)\b|;|지만|(?:는|은)데", re.IGNORECASE)
_KIND_AFTER = LazyPattern(r"\s?(?:파드|팟|서비스|디플로이먼트|pod|service|deployment)(?![A-Za-z])", re.IGNORECASE)


def _thing_word(korean: bool, described: bool) -> LazyPattern:
    """What points back: a pronoun, or with `described`, the description too."""
    if not described:
        return _KO_THING if korean else _EN_THING
    return _KO_THING_OR_DESCRIBED if korean else _EN_THING_OR_DESCRIBED


def _unfinished(sentence: str) -> bool:
    return _UNFINISHED.search(sentence.strip()) is not None


def _set_aside(name: str, sentences: list[str]) -> bool:
    for sentence in sentences:
        at = sentence.find(name)
        if at == -1:
            continue
        if _ASIDE_AFTER.search(sentence[at + len(name) :]) is not None:
            return True
        if _FINE.search(sentence) is not None and _EN_CONTRAST.search(sentence) is None:
            return True
    return False


def _with_kind(name: str, context: str) -> str:
    """`name` with the kind written after it ("X 파드가 문제예요": the pod X)."""
    at = context.find(name)
    kind = _KIND_AFTER.match(context, at + len(name))
    return name + kind.group(0) if kind is not None else name


def _asks_whole(sentence: str, asks: Callable[[str], bool]) -> bool:
    return (asks(_masked(sentence)) and not sentence.rstrip().endswith("?")) or _polite_question(sentence)


def _masked(sentence: str) -> str:
    """`sentence` with its names blanked: a name holding an operation's word ("rollback-auditor was
    deployed …", "deploy-watcher went out …") asks for nothing by it."""
    return NAME_LIKE.sub("§", sentence)


# "재시작해 주시겠어요?", "could you restart it?": a polite question that asks for an act.
_POLITE_QUESTION = LazyPattern(
    r"(?:주시겠|줄래|줄\s?수|주실\s?수|주세요|해줘|해\s?줄래)[^?]*\?$|^(?:could|can|would|will)\s+you\b", re.IGNORECASE
)


def _polite_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") and _POLITE_QUESTION.search(sentence.strip()) is not None


def _asks_something(sentence: str, asks: object) -> bool:
    """A sentence beside the request that asks too, or asks a question: the command is no single request."""
    assert callable(asks)
    return "?" in sentence or asks(_masked(sentence))


def _names_its_own(request: str, skip: set[str]) -> bool:
    """The request names an app of its own (a name it writes that is no commit, image or version)."""
    return bool(_candidates(request, skip))


def _lend(name: str, request: str, thing: re.Match[str] | None) -> str:
    """`request` with `name` in place of the pronoun pointing at it, else before it (the Korean
    object left unsaid)."""
    if thing is None:
        return f"{name} {request}"
    word = thing.group(0)
    if word.lower() == "its":
        return f"{request[: thing.start()]}{name}'s{request[thing.end() :]}"
    if word.lower().startswith(("it", "that", "this", "the")):
        return request[: thing.start()] + name + request[thing.end() :]
    if word in ("그", "해당"):
        return request[: thing.start()] + name + request[thing.end() :]
    return f"{request[: thing.start()]}{name} {request[thing.end() :].lstrip()}"


def _slots(
    request: str, here: References, there: References, count: int | None, steps: int | None, korean: bool
) -> tuple[str, bool]:
    """`request` with the count, commit, image or place it points back at written in place of the
    pointing words, and whether it pointed at any."""
    pointed = False
    version_word = (_KO_VERSION if korean else _EN_VERSION).search(request)
    version = there.commit_sha or there.image
    if version_word is not None and version is None and steps is not None and here.commit_sha is None:
        value = f"{steps}단계 전으로" if korean else f"back {steps} versions"
        request = request[: version_word.start()] + value + request[version_word.end() :]
        pointed = True
    if version_word is not None and version is not None and here.commit_sha is None and here.image is None:
        if there.commit_sha is not None:
            value = f"커밋 {there.commit_sha}로" if korean else f"to commit {there.commit_sha}"
        else:
            value = f"{there.image} 이미지로" if korean else f"with image {there.image}"
        request = request[: version_word.start()] + value + request[version_word.end() :]
        pointed = True
    count_word = (_KO_COUNT if korean else _EN_COUNT).search(request)
    if count_word is not None and count is not None and version is None:
        value = f"{count}개로" if korean else f"to {count} replicas"
        request = request[: count_word.start()] + value + request[count_word.end() :]
        pointed = True
    place_word = (_KO_PLACE if korean else _EN_PLACE).search(request)
    if place_word is not None and there.environment is not None and here.environment is None:
        value = f"{there.environment}에" if korean else f"to {there.environment}"
        request = request[: place_word.start()] + value + request[place_word.end() :]
        pointed = True
    elif place_word is not None and there.namespace is not None and korean:
        request = request[: place_word.start()] + request[place_word.end() :]
    if there.namespace is not None and here.namespace is None:
        where = f"{there.namespace} 네임스페이스" if korean else f"in namespace {there.namespace}"
        named = _NAMESPACE_WORD.search(request)
        if named is not None:  # "그 네임스페이스의 …", "in that namespace"
            request = request[: named.start()] + where + request[named.end() :]
        else:
            request = f"{where} {request}" if korean else f"{request.rstrip('.')} {where}"
        pointed = True
    return request, pointed


__all__ = ["PointedBack", "points_back"]
