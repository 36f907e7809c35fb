"""The speaker's own corrections and retractions, applied to the roles read.

"X 3개로 늘려줘, 아 아니다 5개로" replaces the count, "I meant api" the name, "아니 재시작 말고 롤백" the
request; "…해줘 아니다 취소", "never mind" take it back, and "…라고 할 뻔했네" never made it. What
is corrected or taken back is withheld, so nothing of it reaches the request.

A correction after the request puts the value of the same kind in place of the request's: a count in digits
or words ("세 개로 …, 아 죄송해요, 두 개요"), the steps, a commit, an environment ("…production에 배포하십시오.
아, 정정합니다. staging입니다"), a namespace ("List the pods in ns-a. I mean ns-b") or the name; the act stays
the request's. A correction that takes a count back with none that can be read in its place ("아니다 그보다는
적게", "actually maybe 7?") leaves that count asked (unsettled_count), never the first one proposed.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.english_roles import english_roles
from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_L as _FINAL_L
from klepaas_nlp.rules.korean_roles import korean_roles
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import ALSO, ASKS, HANGUL
from klepaas_nlp.rules.names import KIND_WORDS
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.numbers import LATIN_NUMBER, NUMBER, parse_number
from klepaas_nlp.rules.predicate import MUTATION_ACTS, Act, english_act, mentions_an_operation, predicate
from klepaas_nlp.rules.role import Role
from klepaas_nlp.rules.statements import english_states
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_TOKEN, is_domain_noun, is_stopword

# "…할 뻔했네", "…라고 할 뻔했어": what was almost done or said, closing the command.
NEAR_MISS = LazyPattern(rf"[{_FINAL_L}]\s*뻔(?:했|하였|한|함)[가-힣]*[.!~ㅋㅎ\s]*$", needs=("뻔",))
# A clause that takes back what was asked before it, with nothing of its own: "아니다 취소", "취소할게요",
# "아 아닙니다", "요청 철회합니다", "없던 걸로 해", "never mind", "scratch that".
# Also a thing left as it is ("그냥 두자", "냅둬", "하지 마", "don't"), or a request said to be a joke
# ("농담이야", "jk", "just kidding"): nothing was asked.
# A dash or an arrow may stand before it ("…해줘 - 취소", "…늘려줘 -> 취소합니다", "… → never mind"): the mark of
# what became of the request, as a tracker or a chat log writes it, is only punctuation.
_SEPARATOR = r"(?:[-–—=~]+>?|[→⇒➔➜])"
# An avowed slip ("잘못 말했네", "잘못 썼어요") leads a retraction as an apology does.
_SLIP = r"잘못\s*(?:말했|말씀드렸|얘기했|썼|적었|쳤|입력했)[가-힣]*"
_LEAD = (
    rf"(?:아+|앗|어|음+|헐|아이고|잠깐|잠시만요?|죄송해요|죄송합니다|{_SLIP}"
    r"|wait|oh|oops|sorry|actually|hmm+|um+|uh+|well|ok|okay)"
)
_RETRACTION = LazyPattern(
    rf"^(?:{_SEPARATOR}\s*)?(?:(?:{_LEAD}|아니다|아니야|아냐|아니|아닙니다|아니에요|아니요|됐어|됐다|됐어요|됐습니다|no|nah|nope)"
    r"(?![A-Za-z])[\s,.!~]*)*"
    r"(?:(?:요청|그거|그건|그냥|그대로|이대로)\s*)?"
    r"(?:취소(?:할게요?|합니다|해요?|요|임|하겠습니다)?|철회(?:할게요?|합니다|해요?|하겠습니다)?"
    r"|없던\s*(?:걸로|것으로|일로)\s*(?:해|하|치)[가-힣]*|됐어요?|됐습니다|됐다"
    r"|아니다|아니야|아냐|아닙니다|아니에요|아니요"
    # "…배포해줘 잘못 말했네": what was asked said to be wrong, with nothing in its place, as "아니다" says it.
    rf"|{_SLIP}"
    r"|(?:놔|냅|내버려\s*)?두(?:자|세요|십시오|죠|고\s*싶어)|(?:놔|냅|내버려\s*)둬(?:요|라)?|(?:하지|건드리지)\s*(?:마|말자|마세요|말아\s*줘)"
    r"|(?:그냥\s*)?(?:농담|장난)(?:이야|이에요|입니다|임|이다|이었어|이었어요|ㅋ+)?"
    r"|never\s*mind|nvm|scratch\s+that|forget\s+(?:it|that)|cancel\s+that|don'?t(?:\s+(?:do\s+(?:it|that)|bother))?"
    r"|do\s+not|jk|j/k|just\s+(?:kidding|joking)|kidding|joking)(?:[\s.!~ㅋㅎ]|\b(?:lol|lmao|haha)\b)*$",
    re.IGNORECASE,
)
# A joke mark closing a clause, bracketed or not ("restart X jk", "(jk)", "X 재시작 농담임"): that clause,
# and only it, was not asked.
_JOKE_TAIL = LazyPattern(
    r"(?:(?<![A-Za-z])(?:jk|j/k)|just\s+(?:kidding|joking)|(?:농담|장난)(?:이야|이에요|입니다|임)?)[\s)\].!~ㅋㅎ]*$",
    re.IGNORECASE,
    needs=("jk", "j/k", "kidding", "joking", "농담", "장난"),
)
_ITS = LazyPattern(r"\bits\b", re.IGNORECASE, needs=("its",))
# 되다 in the past as the predicate of its own clause, negated or with a subject ("반영이 안 됐어요", "배포가
# 됐어요", "아직 못 됐다"): a state told, never "됐어" (never mind) taking a request back.
_STATE_TOLD = LazyPattern(
    r"(?:(?<![가-힣])(?:안|못)|[가-힣](?:이|가))\s*(?:됐|되었)[가-힣]*[\s.!~]*$", needs=("됐", "되었")
)
_LEFT_ALONE = LazyPattern(r"두(?:자|세요|십시오|죠|고)|둬|하지|건드리지|말자|마세요|don'?t|do\s+not", re.IGNORECASE)
# A second thought ("생각해보니", "다시 생각해 보니까", "on second thought"): what was said before it is
# reconsidered, and what follows takes its place, as after "아니".
_SECOND_THOUGHT = r"(?:(?:다시|곰곰이|잘)\s*)?생각해\s*보니(?:까)?|on\s+(?:a\s+)?second\s+thoughts?"
# A clause that corrects what was asked before it: a word taking it back, then what replaces it ("아 아니다
# 5개로", "아니 재시작 말고 롤백", "no wait, 4 replicas", "actually make it 5", "sorry I meant api").
_CORRECTING_WORD = (
    rf"(?:아니다|아니야|아냐|아니|정정(?:할게요?|합니다)?|no\s+wait|sorry|i\s+meant?|actually|make\s+(?:it|that)|{_SECOND_THOUGHT}"
    # "no" alone takes back only before what replaces it: a count or a commit ("…to 3, wait no, 7").
    r"|no(?=[\s,.!~]+(?:[0-9]|[0-9a-f]{7,40}\b))"
    r"|rather|or\s+rather)"
)
_CORRECTION = LazyPattern(
    rf"^(?:(?:아+|앗|어|음+|oh|oops|wait|잠깐|잠시만)[\s,.!~]*)*(?:{_CORRECTING_WORD}[\s,.!~]+)+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# A pause before what replaces a part of the request, with no word taking it back ("아 잠깐 4개로", "wait,
# 5", "oops, b2c3d4e"): a correction only when what follows is nothing but a count, a name or a commit.
_PAUSED = LazyPattern(
    r"^(?:(?:아+|앗|어|음+|흠+|oh|oops|wait|um+|uh+|hmm+|잠깐|잠시만)(?![A-Za-z가-힣])[\s,.!~]*)+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# The Korean "I meant X" said after X ("아 web 말하는 거였어", "web 얘기한 거예요"): X replaces the name.
_MEANT_TAIL = (
    r"(?:(?:아+|앗|어|아니|아니다|아냐)[\s,.!~]*)*(?P<name>[A-Za-z0-9][\w./-]*)\s*(?:을|를)?\s*"
    r"(?:말하는|말한|말하려던|얘기하는|얘기한|말씀드린|말씀드리려던)\s*(?:거|것|건)[가-힣]*[\s.!~]*"
)
_MEANT = LazyPattern(rf"^{_MEANT_TAIL}$", needs=("말", "얘기"))
_MEANT_INSIDE = LazyPattern(rf"^(?P<head>.*\S)\s+(?P<tail>{_MEANT_TAIL})$", needs=("말", "얘기"))
# A clause that is nothing but a word taking back ("no wait", "wait no"): it belongs to the clause after it.
_ONLY_CORRECTING = LazyPattern(
    rf"^(?:(?:{_CORRECTING_WORD}|no|wait|oops|잠깐|잠시만|아+|앗|음+|흠+|um+|uh+|hmm+)[\s,.!~]*)+$", re.IGNORECASE
)
# A commit put in place of the one in the request ("…to a1b2c3d, oops I mean b2c3d4e").
_SHA = r"(?<![A-Za-z0-9_-])(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}(?![A-Za-z0-9_-])"
_COMMIT = LazyPattern(_SHA, re.IGNORECASE)
_ONLY_A_COMMIT = LazyPattern(rf"^(?:commit\s+)?(?P<sha>{_SHA})\s*(?:으로|로|요)?[\s.!~]*$", re.IGNORECASE)
# A correction inside one clause, right before the count it puts instead ("X 2단계 롤백 아니 1단계",
# "scale X to 3 actually 5"): the clause is cut there, as a comma would cut it.
_CORRECTION_INSIDE = LazyPattern(
    rf"^(?P<head>.*\S)\s+(?P<tail>{_CORRECTING_WORD}[\s,.!~]+(?:{_CORRECTING_WORD}[\s,.!~]+)*(?:[0-9]|{_SHA}).*)$",
    re.IGNORECASE,
)


_COUNTER = r"(?:개|대|단계|스텝|줄|replicas?\b|pods?\b|instances?\b|steps?\b|lines?\b)"
_COUNT = LazyPattern(rf"(?P<count>[0-9]+\s*{_COUNTER})", re.IGNORECASE)
# The count a request sets: a number with its counter (in digits or words: "3개", "세 개", "다섯개로"), or the
# goal after "to" ("scale X to 3"). A count may also be written as a multiple ("x4") or after its counter
# ("replicas 7로").
_SET_COUNT = LazyPattern(
    rf"(?P<number>{NUMBER})(?=\s*(?P<counter>{_COUNTER}))|(?<=\bto )(?P<goal>{LATIN_NUMBER})"
    r"|(?:(?<=\sx)|(?<=^x))(?P<times>[0-9]+)(?![0-9])|(?<=\breplicas )(?P<after>[0-9]+)(?![0-9])",
    re.IGNORECASE,
)
# A count in digits standing alone, no name's part ("rent-ledger scale 3"): the count of a request that
# sets no other.
_BARE_COUNT = LazyPattern(r"(?<![\w.:/-])[0-9]+(?![\w.:/-])")
# A correction that is only a count ("5", "5개로", "두 개요", "1단계만", "to 4 please", "make it 4"): it
# replaces the count. A Korean number word only with its counter ("두 개요"): alone, "네" is a yes and "두"
# a verb's stem. A count said to be enough ("4 is enough", "6개면 충분해") is the count wanted.
_ONLY_A_COUNT = LazyPattern(
    rf"^(?:to\s+|x)?(?:(?:about|around|roughly)\s+)?(?P<number>{NUMBER})\s*(?P<counter>{_COUNTER})?"
    r"\s*(?:정도|쯤|가량|or\s+so)?\s*(?:으로|로|만)?\s*(?:만)?\s*"
    r"(?:please|요|이요|해\s*줘|해|할게요?|하자|할래요?|하죠|합시다|갈게요?|가자"
    r"|(?:is|are|would\s+be|should\s+be)\s+(?:enough|fine|plenty|ok(?:ay)?|good)|will\s+do|should\s+do"
    r"|(?:이)?면\s*(?:충분(?:해요?|합니다|하다)?|돼요?|됩니다|될\s*듯(?:해요?)?))?[\s.!~?]*$",
    re.IGNORECASE,
)
# What a counter counts: a count corrects only a count of the same thing ("…3개로 늘려줘, 아 50줄" puts no
# 50 replicas in place of 3).
_COUNTED_KINDS = (
    ("replicas", LazyPattern(r"개|대|replicas?|pods?|instances?", re.IGNORECASE)),
    ("steps", LazyPattern(r"단계|스텝|steps?", re.IGNORECASE)),
    ("lines", LazyPattern(r"줄|lines?", re.IGNORECASE)),
)


def _counted_kind(counter: str | None) -> str | None:
    if not counter:
        return None
    return next((kind for kind, pattern in _COUNTED_KINDS if pattern.fullmatch(counter) is not None), None)


_MULTIPLE_MARK = LazyPattern(r"^[xX×](?=[0-9])")


def _only_count(rest: str) -> tuple[int, str | None] | None:
    """The count a correction gives and the kind it counts, if the correction is only a count."""
    # "x6": the multiple's mark stands right against its digits, where a number's own edge is looked for.
    only = _ONLY_A_COUNT.match(_MULTIPLE_MARK.sub("", rest.strip()))
    if only is None:
        return None
    latin = re.fullmatch(LATIN_NUMBER, only["number"], re.IGNORECASE) is not None
    value = parse_number(only["number"])
    if value is None or not (latin or only["counter"]):
        return None
    return value, _counted_kind(only["counter"])


# A correction that is only a name ("I meant web-app", "아니 api로"): it replaces the name.
# Its kind word may follow it ("auth 파드로"), and a topic's particle asks about it ("아 잠깐 auth는?").
_ONLY_A_NAME = LazyPattern(
    rf"^(?:the\s+)?(?P<name>[A-Za-z0-9][\w./-]*)(?:\s*(?:{KIND_WORDS})(?![A-Za-z]))?\s*"
    r"(?:으로|로|요|이요|입니다|임|이에요|예요|은|는|은요|는요)?[\s.!~?]*$",
    re.IGNORECASE,
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
    meant = _MEANT_INSIDE.match(part.strip())
    if meant is not None:
        # "api 재시작 아 web 말하는 거였어": the request, read on its own, then the name that replaces its own.
        return [*korean_roles(meant["head"]), (meant["tail"], Role.REQUEST)]
    inside = _CORRECTION_INSIDE.match(part.strip())
    if inside is None or (_SET_COUNT.search(inside["head"]) is None and _COMMIT.search(inside["head"]) is None):
        return [(part, role)]
    return [(inside["head"], role), (inside["tail"], role)]


def _recounted(said: str, rest: str) -> str | None:
    """`said` with the count `rest` puts instead of its own, if `rest` is only a count and `said` sets one of
    the same kind: the last such, the one said right before the correction."""
    only = _only_count(rest)
    if only is None:
        return None
    value, kind = only
    counted = [(found, _counted_kind(found["counter"])) for found in _SET_COUNT.finditer(said)]
    if not counted:
        bare = list(_BARE_COUNT.finditer(said))
        # "rent-ledger scale 3, actually no, 5": the request's one count, with no counter.
        return said[: bare[0].start()] + str(value) + said[bare[0].end() :] if len(bare) == 1 else None
    if kind is not None:
        counted = [(found, of) for found, of in counted if of in (kind, None)]
    if not counted:
        return None
    last = counted[-1][0]
    return said[: last.start()] + str(value) + said[last.end() :]


def _recommitted(said: str, rest: str) -> str | None:
    """`said` with the commit `rest` puts instead of its one commit, if `rest` is only a commit."""
    only = _ONLY_A_COMMIT.match(rest.strip())
    commits = list(_COMMIT.finditer(said))
    if only is None or len(commits) != 1:
        return None
    return said[: commits[0].start()] + only["sha"] + said[commits[0].end() :]


def _joined(roles: list[tuple[str, Role]]) -> list[tuple[str, Role]]:
    """A clause that is nothing but a word taking back ("no wait") joined to the clause after it."""
    joined: list[tuple[str, Role]] = []
    pending = ""
    for part, role in roles:
        if _ONLY_CORRECTING.match(part.strip()) is not None:
            pending = f"{pending}{part.strip()}, "
            continue
        joined.append((f"{pending}{part}", role) if pending else (part, role))
        pending = ""
    if pending:
        joined.append((pending.rstrip(", "), Role.REQUEST))
    return joined


def _correcting_rest(part: str) -> tuple[str, bool] | None:
    """What a correcting clause puts instead, and whether a word of it takes back what was asked (a pause
    alone, "아 잠깐", only corrects a count, a name or a commit)."""
    found = _CORRECTION.match(part)
    if found is not None:
        return found["rest"], True
    meant = _MEANT.match(part)
    if meant is not None:
        return meant["name"], True
    paused = _PAUSED.match(part)
    return (paused["rest"], False) if paused is not None else None


def renamed(said: str, rest: str) -> str | None:
    """`said` with the name `rest` puts instead of its one name, if `rest` is only a name."""
    only = _ONLY_A_NAME.match(rest.strip())
    if only is None or re.fullmatch(r"[0-9]+[가-힣]*", only["name"]) is not None:
        return None  # a count with its particle ("5로") is no name
    changing = predicate(said).act in MUTATION_ACTS
    # A domain noun ("billing", "pricing") put in the place of a change's object names an app, as in its place.
    if is_stopword(only["name"]) and not (changing and is_domain_noun(only["name"])):
        return None
    found = extract(normalise(said), changing=changing)
    names = found.names
    repository = found.references.repository
    if not names and repository is not None and "/" in only["name"]:
        # "deploy A/B — scratch that, A/C": a repository put in place of the request's one repository.
        written = "/".join(repository)
        return said.replace(written, only["name"], 1) if said.count(written) == 1 else None
    if len(names) != 1 or names[0].value not in said:
        return None
    return said.replace(names[0].value, only["name"], 1)


def retracted_at_end(text: str) -> bool:
    """A request taken back by the words closing the command ("…롤백해 주세요. 아 아니에요", "…늘려줘 아니다
    취소"), which a remark after a request would otherwise be set aside as."""
    spaces = [at for at, char in enumerate(text) if char == " "][-5:]
    for at in spaces:
        before, after = text[:at].strip(), text[at:].strip().strip("()[]").strip()
        if _RETRACTION.match(after) is None or _STATE_TOLD.search(f"{before} {after}") is not None:
            continue
        if _JOKE_TAIL.match(after) is not None and predicate(before).act is not Act.NONE:
            return True  # "X 상태 확인 jk", "restart X (jk)": whatever act it names was a joke
        # A request before it: a Korean asking ending, or an English clause opening with its verb
        # ("scale X to 5 jk" as "X 5개로 늘려줘 jk").
        if _LEFT_ALONE.search(after) is None and (
            ASKS.search(before) is not None or english_act(before) is not Act.NONE
        ):
            return True
        # "그냥 두자", "하지 마" take back only a request said right before them; after a question
        # ("X 상태 어때? 재배포는 아직 하지 마") they keep a change from being done while the question stands.
        if ASKS.search(before.replace("?", "")) is not None or before.endswith("?"):
            return True
    return False


def _states(part: str) -> bool:
    """An English clause that states (its subject, then a finite verb): English roles read it as a request."""
    return HANGUL.search(part) is None and english_states(part)


def corrected(roles: list[tuple[str, Role]]) -> list[tuple[str, Role]] | None:
    """The roles after the speaker's own corrections: a clause that takes back the requests before it
    leaves none of them (None when nothing is left asked); one that corrects them replaces them, by a
    request of its own or by a count put in place of theirs ("X 3개로 늘려줘, 아 아니다 5개로")."""
    roles = _cut_corrections(_joined(roles))
    fixed = list(roles)
    for index, (part, role) in enumerate(roles):
        joke = _JOKE_TAIL.search(part) if role is Role.REQUEST and index < len(roles) - 1 else None
        if joke is not None:
            # "restart X jk, show its logs": the joke takes back its clause, whose app the rest may point at.
            said = part[: joke.start()].rstrip()
            fixed[index] = (said, Role.WITHHELD)
            after, kind = fixed[index + 1]
            names = extract(normalise(said), changing=predicate(said).act in MUTATION_ACTS).names
            its = _ITS.search(after)
            if kind is Role.REQUEST and its is not None and len(names) == 1:
                # "…jk, show its logs": "its" is the app of the clause taken back.
                fixed[index + 1] = (f"{after[: its.start()]}{names[0].value}'s{after[its.end() :]}", kind)
            continue
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
        found = _correcting_rest(part.strip())
        rest = found[0] if found is not None else ""
        if found is not None and ALSO.search(rest) is not None:
            continue  # "…아니 그냥 재시작도 같이 해줘": what it adds stands beside what was asked, as a clause
        if found is not None and not (earlier := [at for at in earlier if not _states(fixed[at][0])]):
            # What a correction replaces was asked: an English clause that states ("cart has 3 replicas, make it
            # 5") asked for nothing, and what follows it is a request of its own.
            continue
        if found is not None:
            said = fixed[earlier[-1]][0]
            rewritten = _recounted(said, rest) or _recommitted(said, rest) or renamed(said, rest)
            if rewritten is not None:
                fixed[earlier[-1]] = (rewritten, Role.REQUEST)
                fixed[index] = (part, Role.WITHHELD)
                continue
        if found is None or not found[1] or mentions_an_operation(rest.lower().replace(" ", "")):
            if found is not None and found[1] and predicate(rest).act is not Act.NONE:
                fixed = [(said, Role.WITHHELD if at in earlier else kind) for at, (said, kind) in enumerate(fixed)]
                fixed[index] = (rest, Role.REQUEST)
            continue
        last = earlier[-1]
        said = fixed[last][0]
        # What the correction gives (a count, an environment) takes the place of the same in the request.
        for pattern in (_COUNT, ENVIRONMENT_TOKEN):
            given = pattern.search(rest)
            replaced = pattern.search(said)
            if given is not None and replaced is not None:
                said = said[: replaced.start()] + given.group(0) + said[replaced.end() :]
        if said == fixed[last][0]:
            continue
        fixed[last] = (said, Role.REQUEST)
        fixed[index] = (part, Role.WITHHELD)
    return fixed if any(role is not Role.WITHHELD for _, role in fixed) or fixed == roles else None


# A correction closing the command, after a request: a pause or a word taking back ("아 잠깐", "아 아니",
# "no wait", "Sorry, I mean", "아, 정정할게요"), then what replaces a part of the request. Each word of it stands
# alone ("아니라" is no "아니"), and the request before it is a clause of its own.
_MARK_WORD = (
    r"(?:아+|앗|어|음+|oh|oops|wait|잠깐|잠시만|(?:아니|아냐){2,}|아니다|아니야|아냐|아니|정정(?:할게요?|합니다|해요)?|sorry"
    # An apology or an avowed slip ("아, 죄송해요, 두 개요", "아 잘못 말했네 4f9c2ad", "scratch that, 4") takes back
    # what was said before it, as "아니" does; a hesitation ("er, 4") pauses as "아" does.
    rf"|죄송(?:해요|합니다)?|미안(?:해요?|합니다)?|{_SLIP}"
    r"|scratch\s+that|make\s+that|make\s+it(?=\s+[0-9])|er+m?|uh+|um+"
    # "no" alone takes back only with a pause or before a count or a commit ("no wait Y", "no, 5"): "…, no
    # deletions", "no changes" say what is not to be done.
    # A multiple ("x4 — no, x6") is a count as its digits are; "no, not that commit, use …" takes back as "no, 5".
    r"|no(?=[\s,.!~]+(?:wait|sorry|actually|i\s+mean|x?[0-9]|not\s+th(?:at|is)\b))"
    rf"|i\s+meant?|actually|{_SECOND_THOUGHT})(?![A-Za-z가-힣])"
)
# A dash may stand between the request and its correction ("stream-gateway x4 — no, x6", "deploy A/B — scratch
# that, A/C"): punctuation, as a comma is, and no part of the request.
_CLOSING_CORRECTION = LazyPattern(
    rf"^(?P<head>.*?[^\s,.!~–—-])[\s,.!~]*(?:\s[–—-]+)?[\s,.!~]+(?P<mark>(?:{_MARK_WORD}[\s,.!~:]*)+)"
    r"(?P<rest>[^\s,.!~].*)$",
    re.IGNORECASE,
)
# "X 말고 Y", "X가 아니라 Y", "not X but Y": X taken out, Y put in its place (a name, a place, an environment).
_THIS_NOT_THAT = LazyPattern(
    r"^(?:not\s+)?(?:the\s+)?(?P<old>[^\s,]+)\s*(?:은|는|이|가)?\s*(?:말고|아니라|아니고|but)[\s,]+(?:the\s+)?"
    r"(?P<new>[^\s,]+?)\s*(?:으로|로|임|요|이요|입니다|이에요|예요)?[\s.!~]*$",
    re.IGNORECASE,
)
# A namespace named again ("the media-prod namespace", "media-prod 네임스페이스요"): it replaces the request's.
_NAMESPACE_SAID = LazyPattern(
    r"(?:(?<=\s)|^)(?:the\s+)?(?P<namespace>[A-Za-z0-9][\w.-]*)\s*(?:namespace|네임스페이스|ns)(?![A-Za-z가-힣])",
    re.IGNORECASE,
)
# What the correction keeps alone, closing it ("A만", "A만요", "just A", "only A"): the request's other names go.
_ONLY_THIS = LazyPattern(
    r"(?:(?:^|[\s,.!~])(?:just|only)\s+(?:the\s+)?(?P<english>[A-Za-z0-9][\w./-]*)"
    r"|(?P<korean>[A-Za-z0-9][\w./-]*)\s*만(?:요|이요)?)[\s.!~]*$",
    re.IGNORECASE,
)
# A name as the request writes it, with its particle, a trailing "…" and the connective joining it to another.
_JOINED_NAME = (
    r"(?:\s*(?:이랑|랑|하고|와|과|및|,|and))?\s*{name}(?:\s*(?:도|은|는|을|를|이랑|랑))?(?:\s*(?:\.{{2,}}|…))?"
)


# Requests joined in one sentence ("scale A to 4 and deploy B"): the joint a correction may cut one of them at.
_JOINT = LazyPattern(r",?\s+(?:and\s+then|and|then)\s+|(?<=[가-힣])하고\s+|\s+그리고\s+", re.IGNORECASE)


def _only_kept(said: str, kept: str) -> str | None:
    """`said` with only `kept` of its names ("A랑 B 롤백해" -> "A 롤백해"), if `kept` is one of several;
    or only its request of the act `kept` names ("scale A and deploy B", "just the scale" -> "scale A")."""
    act = predicate(kept).act
    if act in MUTATION_ACTS:
        pieces = [piece for piece in _JOINT.split(said) if predicate(piece).act is act]
        return pieces[0] if len(pieces) == 1 and pieces[0] != said else None
    names = [name.value for name in extract(normalise(said), changing=predicate(said).act in MUTATION_ACTS).names]
    if kept not in names or len(names) < 2:
        return None
    for name in names:
        if name != kept:
            said = re.sub(_JOINED_NAME.format(name=re.escape(name)), "", said, count=1)
    return said.strip()


# The verb that puts a value in place, opening a correction ("no, not that commit, use 7f7e6d5", "go with x6"): the
# value follows it.
_USE = LazyPattern(r"^(?:use|go\s+with)\s+(?:the\s+)?(?=\S)", re.IGNORECASE)


def _replaced_part(said: str, rest: str) -> str | None:
    """`said` with the part `rest` puts instead: the one it names after "X 말고" (X itself, said before),
    a namespace, a count, a name, or only one of its names ("A만")."""
    rest = _USE.sub("", rest.strip().rstrip(".!~ "))
    swapped = _THIS_NOT_THAT.match(rest)
    if swapped is not None and swapped["old"] in said:
        return said.replace(swapped["old"], swapped["new"], 1)
    place = _NAMESPACE_SAID.search(rest)
    before = _NAMESPACE_SAID.search(said)
    if place is not None and before is not None:
        return said[: before.start("namespace")] + place["namespace"] + said[before.end("namespace") :]
    kept = _ONLY_THIS.search(rest)
    if kept is not None:
        return _only_kept(said, kept["english"] or kept["korean"])
    return (
        _recounted(said, rest)
        or _recommitted(said, rest)
        or _replaced_environment(said, rest)
        or _replaced_namespace(said, rest)
        or renamed(said, rest)
    )


# A correction that is only a place ("staging입니다", "스테이징으로", "to prod", "dev 환경이요").
_ONLY_A_PLACE = LazyPattern(
    r"^(?:(?:to|in|on|into)\s+)?(?:the\s+)?(?P<place>[^\s.!~]+?)\s*(?:환경|env(?:ironment)?\b)?\s*"
    r"(?:으로|로|에|에서|요|이요|입니다|임|이에요|예요|이야|야)?[\s.!~]*$",
    re.IGNORECASE,
)


def _replaced_environment(said: str, rest: str) -> str | None:
    """`said` with the environment `rest` puts instead of its one environment, if `rest` is only one."""
    only = _ONLY_A_PLACE.match(rest.strip())
    if only is None or ENVIRONMENT_TOKEN.fullmatch(only["place"]) is None:
        return None
    places = list(ENVIRONMENT_TOKEN.finditer(said))
    if len(places) != 1:
        return None
    return said[: places[0].start()] + only["place"] + said[places[0].end() :]


def _replaced_namespace(said: str, rest: str) -> str | None:
    """`said` with the name `rest` puts instead of its namespace, if `rest` is only a name and the request
    names a namespace and no app ("List the pods in ns-a. I mean ns-b"): the one name it could replace."""
    only = _ONLY_A_NAME.match(rest.strip())
    if only is None or is_stopword(only["name"]) or re.fullmatch(r"[0-9]+[가-힣]*", only["name"]) is not None:
        return None
    found = extract(normalise(said), changing=predicate(said).act in MUTATION_ACTS)
    namespace = found.references.namespace
    if namespace is None or found.names or said.count(namespace) != 1:
        return None
    return said.replace(namespace, only["name"], 1)


# A correction that first says why the value was wrong, then the value ("아니다 너무 많아, 6개", "아 max가
# 100이지, 100 lines로"): the remark asks nothing; the value closes the correction.
_REMARK_JOINT = LazyPattern(r"[,，]\s*")


def _closing_value(rest: str) -> str | None:
    """The last piece of `rest` after comma-joined remarks that ask for nothing; None without such remarks."""
    pieces = [piece for piece in _REMARK_JOINT.split(rest.strip()) if piece.strip()]
    if len(pieces) < 2:
        return None
    for remark in pieces[:-1]:
        if (
            ASKS.search(remark) is not None
            or predicate(remark).act is not Act.NONE
            or mentions_an_operation(remark.lower().replace(" ", ""))
        ):
            return None
    return pieces[-1]


# A correction opening with a count ("x4로 스케일", "5개로 늘려"): it puts that count in place of the one before.
_A_COUNT_FIRST = LazyPattern(r"[xX]?[0-9]+(?![0-9])")


def self_corrected(text: str) -> str | None:
    """The request as the speaker corrected it at the end of the command ("X 재시작해줘. 아 잠깐, X 말고 Y",
    "restart X no wait Y", "…50줄 보여 주세요, 아니 70줄이요", "A랑 B 롤백해 주세요. 아, 정정할게요, A만요"): the
    correction replaces the part of the same kind, and what it takes out is gone. None when the command
    closes with no such correction of a request."""
    found = _CLOSING_CORRECTION.match(text.strip())
    if found is None:
        return None
    head, rest = found["head"], found["rest"]
    if not _asks(head):
        rewritten = _corrected_before_request(head, rest)
    else:
        rewritten = _replaced_part(head, rest)
        if rewritten is None and (value := _closing_value(rest)) is not None:
            rewritten = _replaced_part(head, value)
    if rewritten is None or rewritten == head or _told(head):
        return None
    return rewritten


def _told(head: str) -> bool:
    """What comes before a correction only tells ("X 5개로 늘려 달라고 했는데 잘못 말했네, …", "cart has 3
    replicas, make it 5"): no request to correct; the clauses' roles read what follows."""
    told = korean_roles(head) if HANGUL.search(head) is not None else english_roles(head)
    return _states(head) or bool(told and told[-1][1] is not Role.REQUEST)


def _asks(head: str) -> bool:
    """What comes before a correction asks: an asking ending, a change named, or an English clause opening
    with its verb, which needs no asking ending ("List the pods in ns-a")."""
    return (
        ASKS.search(head) is not None
        or mentions_an_operation(head.lower().replace(" ", ""))
        or english_act(head) is not Act.NONE
    )


# A word that takes back what was said, not only a pause: "아니", "정정", "sorry", "actually", "scratch that".
_TAKES_BACK = LazyPattern(
    r"아니|아냐|정정|죄송|미안|잘못|생각해\s*보니|second\s+thought|sorry|actually|scratch|make\s+(?:that|it)|i\s+meant?"
    r"|(?<![A-Za-z])no\b",
    re.IGNORECASE,
)
# What, in a correction, speaks of a count without giving one that can be read as the value: a number ("7개였나",
# "maybe 7?", "3단계였나 4단계였나") or a comparison ("그보다는 적게", "a bit fewer").
_SPEAKS_OF_A_COUNT = LazyPattern(
    rf"(?P<number>{NUMBER})\s*(?P<counter>{_COUNTER})?"
    r"|적게|많이|덜|fewer|less|more|lower|higher",
    re.IGNORECASE,
)
# The argument each kind of count fills.
_COUNT_SLOTS = {"replicas": "replicas", "steps": "steps_back", "lines": "lines"}


def unsettled_count(text: str) -> tuple[str, str] | None:
    """The request and the count it sets, when a correction closing the command takes that count back but
    gives none that can be read in its place ("X 5개로 늘려줘 아니다 그보다는 적게", "scale X to 5, actually
    maybe 7?", "X 2단계 롤백, 아니 3단계였나 4단계였나"): which count is final cannot be told, so it is asked,
    never the first one proposed. Read only once no correction could be put in place (self_corrected)."""
    found = _CLOSING_CORRECTION.match(text.strip())
    if found is None or _TAKES_BACK.search(found["mark"]) is None:
        return None
    head, rest = found["head"], found["rest"]
    # A question is no request of its own here ("아니 7개였나", "maybe 7?"): only a change asked instead is.
    if not _asks(head) or predicate(rest).act in MUTATION_ACTS or mentions_an_operation(rest.lower().replace(" ", "")):
        return None
    counted = [_counted_kind(count["counter"]) for count in _SET_COUNT.finditer(head)]
    if not counted and len(list(_BARE_COUNT.finditer(head))) != 1:
        return None
    kind = (counted[-1] if counted else None) or "replicas"
    spoken = [
        _counted_kind(mention["counter"]) if mention["number"] else None
        for mention in _SPEAKS_OF_A_COUNT.finditer(rest)
    ]
    # A count of another thing ("…3개로 늘려줘, 아니 근데 로그 50줄") leaves the request's own standing.
    if not spoken or all(of is not None and of != kind for of in spoken) or _told(head):
        return None
    return head, _COUNT_SLOTS[kind]


# The name a correction opens with, before the rest of the request ("B 엔드포인트 알려줘").
_NAME_FIRST = LazyPattern(r"^(?P<name>[A-Za-z0-9][\w./-]*?)(?:\s*(?:을|를|은|는|이|가|의))?(?:\s|$)")


def _corrected_before_request(head: str, rest: str) -> str | None:
    """The request when what is corrected is said before it: a count ("X x6 아니 x4로 스케일") or the name
    ("A 아니 B 엔드포인트 알려줘"), the request being the rest; or the count of a request said without a
    verb ("X logs 200 lines, 아 100 lines로"). None otherwise."""
    counts = list(_SET_COUNT.finditer(head))
    if counts and _A_COUNT_FIRST.match(rest) is not None and predicate(rest).act is not Act.NONE:
        start = counts[-1].start() - (1 if head[counts[-1].start() - 1 : counts[-1].start()] in "xX" else 0)
        return f"{head[:start].rstrip()} {rest}"
    if counts:
        # A request named by its nouns only ("X logs 200 lines"): its count, replaced as a verb's would be.
        value = _closing_value(rest) or rest
        return _recounted(head, value)
    said = _ONLY_A_NAME.match(head.strip())
    given = _NAME_FIRST.match(rest.strip())
    if said is None or given is None or predicate(rest).act is Act.NONE:
        return None
    if any(is_stopword(name) or re.fullmatch(r"[0-9]+[가-힣]*", name) for name in (said["name"], given["name"])):
        return None
    # "A 아니 B 엔드포인트 알려줘": B, said in A's place, opens the request.
    return rest
