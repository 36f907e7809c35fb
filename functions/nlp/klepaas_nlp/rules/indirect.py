"""A change asked for indirectly: by a wish, a need or an obligation.

"I'd like X rolled back", "X needs 8 replicas", "billing 롤백이 필요해요", "3개로 늘려야 해요" carry no
imperative, yet ask for the change they name. Reading them here keeps them one clause of their
own (never merged into another) and never context beside another request.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.english_roles import EN_CONDITION, EN_WITHHELD
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import HANGUL, names_a_read
from klepaas_nlp.rules.predicate import NAME_LIKE, Act, operations_before

# A statement of what someone wants, needs or must have done ("I want X deployed to staging", "X needs
# a restart", "billing 롤백이 필요해요", "3개로 늘려야 해요"): with a change in it, it asks for that change
# indirectly, so it is no context beside another request (the two make the command ambiguous).
_EN_VOLITION = LazyPattern(
    r"\b(?:wants?|wanted|needs?|needed|would\s+like|['’]d\s+like|wish(?:es)?|hopes?|prefers?|requires?"
    r"|ha(?:s|ve)\s+to|must|should|ought\s+to|(?:meant|supposed)\s+to"
    # Gratitude or approval of the change supposed: "I'd appreciate it if you restarted X", "it would be great
    # if X were scaled to 4", "would love X rolled back".
    r"|(?:would|['’]d)\s+(?:really\s+|much\s+|greatly\s+)?(?:appreciate|love)"
    r"|(?:would|['’]d)\s+be\s+(?:really\s+|so\s+|very\s+)?(?:great|nice|good|awesome|helpful|ideal|lovely|perfect"
    r"|wonderful|appreciated))\b",
    re.IGNORECASE,
)
_KO_VOLITION = LazyPattern(
    r"필요|(?:아|어|여|해|와|워|러|려|켜|춰|돌려)야\s*(?:해|돼|되|합|됩|할|겠|하는데|하고|하거든|하니까)|았으면|었으면|했으면|으면\s*좋겠|면\s*좋겠|원해|원합"
    # A suggestion: "restart만 하면 될 것 같아요", "롤백하면 되겠어요" (a question, "하면 돼?", asks for none).
    r"|(?<=[하되])면\s*(?:될\s*(?:것|거|듯)|되겠|됩니다|돼요)"
    # The request restated as what the message comes to: "요약하면 X 배포해 달라는 거예요", "늘려 달라는 말이에요".
    r"|(?:아|어|여|해|와|워|러|려|켜|춰)\s*달라는\s*(?:거|것|겁|말|얘기|이야기|뜻|부탁|요청)",
    needs=("필요", "야", "으면", "면", "원", "달라"),
)


# What an indirect request asks for. Korean: the change whose stem comes before the volition ("롤백해야
# 할 것 같아요", "재시작이 필요합니다", "배포됐으면 좋겠어요", "늘려야 하는데"); never a change not needed ("필요
# 없어요"), needed once (the past: "필요했어요", "해야 했는데") or heading a read's noun between it and the
# volition ("롤백 목록이 필요해요", "재시작 이력을 봐야 해요"). English: the change after the volition ("I'd
# like X rolled back", "X needs 8 replicas", "X needs to go out to staging"), never after a verb of
# reading ("I want to see which pods restarted") or a negation, nor a change's noun heading a read
# ("I need the rollback history"), nor in a question or a condition ("if we scaled …, would …?").
# A need or an obligation asked as whether ("재시작 필요한지 보게", "롤백해야 하는지 알려고", "배포해야 할지"):
# what a look is to decide, never the change asked for.
_KO_NOT_ASKED = LazyPattern(
    r"필요(?:가|는|도)?(?:없|업|했|하지않|치않)|야(?:했|하지않|할필요)|면좋았|으면했"
    r"|필요(?:한|할)(?:지|가|까)|필요하(?:나|냐)|야(?:하는|할|되는|될|돼는)지|야(?:하나|하냐|할까|되나|될까)"
)
_KO_READ_HEAD = LazyPattern(
    r"목록|이력|기록|내역|히스토리|리스트|상태|현황|로그|버전|대상|후보|여부|비용|계획|일정|가능|결과|원인|이유|확인|조회|보여|봐"
)
_EN_PAST_VOLITION = LazyPattern(r"^(?:wanted|needed|hoped|preferred|required)$", re.IGNORECASE)
# "get" right before the change's participle is the passive's auxiliary ("X has to get restarted"), no read.
_EN_BEFORE_CHANGE = LazyPattern(
    r"\b(?:see|know|check|look|view|understand|find|get(?!\s+$)|list|show|confirm|verify|watch|read|review|compare|learn"
    r"|ask|hear|track|monitor|inspect|figure|investigate|not|never|no)\b|n['’]t\b",
    re.IGNORECASE,
)
# A count standing alone, closing the clause but for "again" or a courtesy: no unit makes it count anything else.
_BARE_COUNT = (
    r"(?:[0-9]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?=(?:\s+(?:again|now|please|pls|instead|too|asap))*\s*(?:$|[,.;!]))"
)
_EN_INDIRECT_CHANGE = LazyPattern(
    r"\b(?:(?P<rollback>roll(?:s|ed|ing)?[\s-]?backs?|roll(?:s|ed|ing)?\s+(?:it|them|[\w./-]+)\s+back|revert(?:s|ed|ing)?"
    # "I need X back on the build before this one", "X needs to be back to the previous version": wanted back on a
    # version the noun names is wanted rolled back to it.
    r"|back\s+(?:on|to)\s+(?:the\s+|its\s+|an?\s+)?(?:[\w.-]+\s+){0,2}?(?:build|version|release|revision|image|commit)s?)"
    r"|(?P<deploy>re-?deploy(?:s|ed|ing)?|deploy(?:s|ed|ing)?|promot(?:e|es|ed|ing)|releas(?:e|es|ed|ing)|ship(?:s|ped|ping)?"
    r"|go(?:es)?\s+out|go\s+live|rollout)"
    r"|(?P<restart>restart(?:s|ed|ing)?|reboot(?:s|ed|ing)?|bounc(?:e|es|ed|ing))"
    r"|(?P<scale>scal(?:e|es|ed|ing)|replicas?|instances?|copies)"
    # The state wanted, a bare count after a verb of being ("it should be 2 again", "X ought to stay at 3"):
    # what is counted by itself is the app's copies, the one count the closed set sets.
    r"|(?P<wanted>(?:be|stay|sit|remain|run)\s+(?:back\s+)?(?:(?:at|on)\s+)?" + _BARE_COUNT + r"))\b"
    r"(?!\s+(?:list|history|versions?|candidates|options|status|logs?|records?|count|targets?|plan|schedule|window"
    r"|freeze|progress|state|policy|settings?|config\w*)\b)",
    re.IGNORECASE,
)


_CLAUSE_MARK = LazyPattern(r"[,.;!?]")


def wanted_before(text: str, start: int) -> bool:
    """Whether a wish, a need or an obligation governs text[:start] within its clause ("X is meant to sit at 3",
    "it'd be nice to have X sitting on 4"): a state said there is the one wanted, not the one there is."""
    opening = max((found.end() for found in _CLAUSE_MARK.finditer(text, 0, start)), default=0)
    wished = [found.group(0) for found in _EN_VOLITION.finditer(text, opening, start)]
    return bool(wished) and _EN_PAST_VOLITION.match(wished[-1]) is None


def asked_indirectly(segment: str) -> Act | None:
    """The change `segment` asks for by a wish, a need or an obligation (see above); None if none."""
    stripped = segment.strip()
    if stripped.endswith("?"):
        return None
    if HANGUL.search(stripped) is not None:
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
    if EN_CONDITION.match(stripped) is not None or EN_WITHHELD.search(stripped) is not None:
        return None
    change = _EN_INDIRECT_CHANGE.search(stripped, volition.end())
    if change is None or _EN_BEFORE_CHANGE.search(stripped, volition.end(), change.start()) is not None:
        return None
    if change["wanted"] is not None:
        # A bare count wanted of a read's thing ("the logs should be 200") counts that thing, not copies.
        return None if names_a_read(stripped[: volition.start()]) else Act.SCALE
    return Act(next(name for name, found in change.groupdict().items() if found is not None))
