"""The speaker's own corrections and retractions, applied to the roles read.

"X 3개로 늘려줘, 아 아니다 5개로" replaces the count, "I meant api" the name, "아니 재시작 말고 롤백" the
request; "…해줘 아니다 취소", "never mind" take it back, and "…라고 할 뻔했네" never made it. What
is corrected or taken back is withheld, so nothing of it reaches the request.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_L as _FINAL_L
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import ALSO, ASKS
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.predicate import MUTATION_ACTS, Act, mentions_an_operation, predicate
from klepaas_nlp.rules.role import Role
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_TOKEN, is_stopword

# "…할 뻔했네", "…라고 할 뻔했어": what was almost done or said, closing the command.
NEAR_MISS = LazyPattern(rf"[{_FINAL_L}]\s*뻔(?:했|하였|한|함)[가-힣]*[.!~ㅋㅎ\s]*$", needs=("뻔",))
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


def retracted_at_end(text: str) -> bool:
    """A request taken back by the words closing the command ("…롤백해 주세요. 아 아니에요", "…늘려줘 아니다
    취소"), which a remark after a request would otherwise be set aside as."""
    spaces = [at for at, char in enumerate(text) if char == " "][-5:]
    for at in spaces:
        before, after = text[:at].strip(), text[at:].strip()
        if _RETRACTION.match(after) is not None and ASKS.search(before) is not None:
            return True
    return False


def corrected(roles: list[tuple[str, Role]]) -> list[tuple[str, Role]] | None:
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
        if correction is not None and ALSO.search(correction["rest"]) is not None:
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
