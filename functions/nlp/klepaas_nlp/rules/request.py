"""The request apart from the clauses that tell a change done, planned, withheld or supposed.

Ties the roles together: Korean or English roles, corrected, and the request clauses kept as the
user wrote them, with what the other clauses lend. None when no such clause stands beside the
request, so that the command is read whole, as before.
"""

from __future__ import annotations

from klepaas_nlp.rules.corrections import NEAR_MISS, corrected, retracted_at_end, self_corrected, unsettled_count
from klepaas_nlp.rules.english_roles import english_roles, supposes
from klepaas_nlp.rules.korean_roles import korean_roles
from klepaas_nlp.rules.lending import done_again, kind_lent, lent_name
from klepaas_nlp.rules.marks import HANGUL, HEARSAY, PAST_END
from klepaas_nlp.rules.predicate import MUTATION_ACTS, NAME_LIKE, Act, mentions_an_operation, predicate
from klepaas_nlp.rules.role import Requested, Role


def _tells_a_change(part: str, role: Role) -> bool:
    """A clause beside the request that speaks of a change without asking for it: one done or planned,
    a change as the condition ("X 롤백하기 전에"), or one told in the past ("…가 늘리라고 추천했는데")."""
    if role in (Role.DONE, Role.PLAN, Role.WITHHELD):
        return True
    if role is Role.CONDITION:
        return predicate(part).act in MUTATION_ACTS or supposes(part)
    return (
        role is Role.ASIDE
        and (PAST_END.search(part) is not None or HEARSAY.search(part.strip()) is not None)
        and mentions_an_operation(NAME_LIKE.sub("§", part).lower().replace(" ", ""))
    )


def requested(text: str) -> Requested | None:
    """The command's request apart from the clauses that tell a change done, planned or supposed;
    None when no such clause stands beside it (the command is read whole, as before)."""
    korean = HANGUL.search(text) is not None
    if NEAR_MISS.search(text) is not None or retracted_at_end(text):
        return Requested(request=None, retracted=True)  # "X 롤백해줘 라고 할 뻔했네": almost said, not asked
    fixed = self_corrected(text)
    if fixed is not None:
        return Requested(request=fixed, rewritten=True)  # "X 재시작해줘. 아 잠깐, X 말고 Y": as corrected
    unsettled = unsettled_count(text)
    if unsettled is not None:
        # "X 5개로 늘려줘 아니다 그보다는 적게": the count taken back, none given that can be read: asked.
        return Requested(request=unsettled[0], rewritten=True, unsettled=unsettled[1])
    roles = corrected(korean_roles(text) if korean else english_roles(text))
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
    # "X 재시작해줬잖아, 한 번 더 해줘": doing again what was told done asks for that change.
    request = done_again(roles, request) or request
    return Requested(request=request, lent=lent_name(roles, request), kind=kind_lent(roles, request))


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
