"""What a clause does in the command (Role), and the request read apart from the rest (Requested).

Plain data shared by the modules that read roles (korean_roles, english_roles), correct them
(corrections) and put the request together (request, statements), kept apart so that none of
them imports another just for the types.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What a clause does in the command, read from its predicate and its ending. Only a request
    gives the act, the count and the target; the others tell what happened, what is planned or
    under which condition, and may lend the request a name it does not say itself."""

    REQUEST = "request"
    DONE = "done"
    """What happened or is under way, told: "X 어제 4개로 늘렸어", "롤백은 팀장님이 하셨대요", "we already
    rolled back X", "X 재시작 중입니다", "3개로 늘리는 중"."""
    PLAN = "plan"
    """A change planned, scheduled or foreseen: "10개로 늘릴 계획이야", "2개로 줄일 예정인데", "곧 재시작할 것 같아"."""
    CONDITION = "condition"
    """A condition, or what comes later (-기 전에): "X 롤백하기 전에 …", "if X crashes tonight …"."""
    ASIDE = "aside"
    """A remark: the situation, someone else's word ("…가 늘리라고 추천했는데"), a guess, the speaker
    telling ("참고로 알려드려요")."""
    WITHHELD = "withheld"
    """A change (or a read) forbidden, declined, put off or left as it is: "배포는 하지 말아 주세요",
    "재시작할 필요 없어요", "스케일은 그대로 둬", "rollback은 hold", "no need to redeploy X",
    "hold off on production"."""


@dataclass(frozen=True, slots=True)
class Requested:
    """The request clauses of a command whose other clauses only tell what happened, is planned or
    would be; `request` None when no clause asks for anything."""

    request: str | None
    lent: str | None = None
    """The one name the other clauses hold, for a request that names none of its own."""
    kind: str | None = None
    """The one kind of resource the other clauses name, for a request that names none of its own."""
    rewritten: bool = False
    """The request is the one the speaker corrected at the end of the command ("X 재시작해줘. 아 잠깐, X 말고
    Y"), rewritten with what the correction put in: likely, never sure."""
    unsettled: str | None = None
    """The count the speaker took back at the end of the command without one that can be read in its place
    ("X 5개로 늘려줘 아니다 그보다는 적게"): asked, never the first one proposed."""
    retracted: bool = False
    """The speaker took the request back or only almost made it ("…해줘 아니다 취소", "…라고 할 뻔했네"):
    no clause beside it is read as one either."""
