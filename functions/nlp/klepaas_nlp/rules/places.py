"""Which of the environments a command names is the place the request is for.

A command may name several environments: only one is where the request goes. The others are compared
with ("prod랑 같은 설정으로", "the prod config"), come before it ("운영 배포 전에", "before prod"), are
where the thing is now ("staging에 있는 X를", "from staging"), are ruled out ("prod 아님", "not prod",
"prod엔 이미 있으니") or corrected ("dev에 배포... 아니 staging", "to dev, sorry I mean staging"), or stand in a
clause of their own that tells what happened there ("스테이징에서 테스트 끝났으니 X 운영 배포해줘", "staging에서 문제
없던 X prod 배포해줘", "dev 테스트 끝, X staging 배포", "tested in staging, X 운영 배포"): the request's place is the
one in the request's own clause, with its particle or without.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.hangul import FINAL_N, PAST
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.predicate import NAME_LIKE, Act, predicate
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_TOKEN

# What an environment is called with the noun after it: "개발 환경", "운영 서버", "the prod cluster".
_PLACE_NOUN = r"(?:\s*(?:환경|서버|쪽|클러스터|environment|env|cluster|server)(?![A-Za-z]))?"

# The environment of a change still to come that dates the request: "운영 배포 전에", "prod 가기 전에".
_PRECONDITION = (
    r"(?:에\s*)?(?:배포|릴리[스즈]|반영|출시|올리기|가기|나가기|내보내기)?\s*(?:하기\s*)?(?:전에|전엔|이전에|前)"
)

# After the environment, the words that make it something else than the request's place.
_NOT_THE_PLACE_AFTER = LazyPattern(
    _PLACE_NOUN + r"\s*(?:"
    # compared with: "prod랑 같은", "운영과 동일하게", "prod처럼", "staging보다"
    r"(?:이랑|랑|하고|과|와|이나|나)\s*(?:똑\s*)?(?:같|동일|비슷|마찬가지|맞춰|맞게|똑같)"
    r"|(?:처럼|같이|보다|만큼)(?![가-힣])"
    # what is taken from it: "prod 설정 그대로", "production 버전이랑", "the prod config"
    r"|(?:의\s*)?(?:설정|세팅|구성|버전|이미지|태그|값|환경\s*변수|config|configuration|settings?|values|version"
    r"|image|tag|setup)(?![A-Za-z])"
    # where the thing is, not where it goes: "staging에 있는 web-app을", "prod에 떠 있는"
    r"|(?:에|에서)\s*(?:이미\s*)?(?:있는|있던|돌고\s*있는|돌아가는|떠\s*있는|올라가\s*있는|쓰는|쓰던|사용\s*중인)"
    # already there: "prod엔 이미 있으니", "prod에는 벌써 나갔어"
    r"|(?:엔|에는|에선|에서는|은|는)\s*(?:이미|벌써|있|잘|괜찮|문제\s*없)"
    # ruled out: "prod 아님", "prod 말고", "prod는 아니고", "prod 빼고"
    r"|(?:은|는|엔|에는|에|으로|로|이|가)?\s*(?:아님|아니고|아니라|아니야|아니에요|아녜요|아니요|말고|빼고|제외|대신)"
    # a precondition: "운영 배포 전에", "prod 가기 전에"
    r"|" + _PRECONDITION + ")",
    re.IGNORECASE,
)
# Before the environment, in English: "not prod", "instead of prod", "from staging", "the prod config"
# (the noun after it is looked for by _NOT_THE_PLACE_AFTER), "same as prod", "before prod".
_NOT_THE_PLACE_BEFORE = LazyPattern(
    r"\b(?:not|never|instead\s+of|rather\s+than|except|than|like|from|before|after|skip|skipping|"
    r"same\s+as|matching)\s+(?:(?:on|to|in|into)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# Where the request goes: a goal particle after the environment, or "to", "into", "on", "in" before it.
_GOAL_AFTER = LazyPattern(
    _PLACE_NOUN + r"\s*(?:에다가?|에만|에도|에|으로만|로만|으로|로)(?!\s*(?:있|서|는))",
    re.IGNORECASE,
)
_GOAL_BEFORE = LazyPattern(r"\b(?:to|into|onto|on|in)\s+(?:the\s+)?$", re.IGNORECASE)
# A correction between two mentions: the one after it is meant ("아니 staging", "sorry I mean staging").
_CORRECTION = LazyPattern(
    r"(?<![가-힣])(?:아니(?:\s|,|\.|!|$)|아니다|아\s*잠깐|잠깐만?|정정|수정할게|아\s*맞다|앗)"
    r"|\b(?:sorry|actually|wait|scratch\s+that|correction|i\s+mean|i\s+meant|make\s+(?:it|that)|no\s*,)",
    re.IGNORECASE,
)

# Look no farther than this on either side of a mention (kept short: a clause's worth).
_REACH = 24


def _not_the_place(match: re.Match[str], text: str) -> bool:
    before = text[max(0, match.start() - _REACH) : match.start()]
    return (
        _NOT_THE_PLACE_AFTER.match(text, match.end(), match.end() + _REACH) is not None
        or _NOT_THE_PLACE_BEFORE.search(before) is not None
    )


# "promote X from staging", "deploy X from prod": the environment a change is taken from, which is not where it
# goes; said alone it leaves that place unsaid.
_SOURCE_BEFORE = LazyPattern(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)


def only_sources(mentions: list[re.Match[str]], text: str) -> bool:
    """Every environment in `mentions` is one a change is taken from ("from staging"), none where it goes."""
    return all(
        _SOURCE_BEFORE.search(text[max(0, match.start() - _REACH) : match.start()]) is not None for match in mentions
    )


# "fraud-scorer 운영 배포 전에 엔드포인트 먼저 확인할게", "before the prod deploy, show X's logs": the place of a
# change that only dates the request is that change's, not the request's; said alone it leaves the request's
# place unsaid.
_DATING_AFTER = LazyPattern(_PLACE_NOUN + r"\s*" + _PRECONDITION, re.IGNORECASE)
_DATING_BEFORE = LazyPattern(r"\bbefore\s+(?:the\s+|our\s+)?$", re.IGNORECASE)


def only_dating(mentions: list[re.Match[str]], text: str) -> bool:
    """Every environment in `mentions` is that of a change the request is to come before."""
    return all(
        _DATING_AFTER.match(text, match.end(), match.end() + _REACH) is not None
        or _DATING_BEFORE.search(text[max(0, match.start() - _REACH) : match.start()]) is not None
        for match in mentions
    )


def _is_goal(match: re.Match[str], text: str) -> bool:
    before = text[max(0, match.start() - _REACH) : match.start()]
    return _GOAL_AFTER.match(text, match.end(), match.end() + _REACH) is not None or (
        _GOAL_BEFORE.search(before) is not None
    )


# A clause of its own closing after an environment, before the next one is named: what happened there is told.
# Korean closes it with its verb's ending: a reason or background (-니까, -으니, -길래, -더니, -는데 / -ㄴ데, -거든)
# or the past (끝났, 없었, 했, with at most a short ending; not 있, 겠, nor the wish -았으면).
_TOLD_ENDING = LazyPattern(
    rf"(?:니까|으니|길래|더니|는데|[{FINAL_N}]데|거든)(?:요)?(?=[\s,.!?~]|$)"
    rf"|(?![있겠])[{PAST}][가-힣]{{0,3}}(?<!면)(?=[\s,.!?~]|$)"
)
# After the place's 에서 (where something happened), a past adnominal (-ㄴ, -던) closes a clause that describes
# what follows it ("스테이징에서 QA 통과한 X", "staging에서 문제 없던 X", "스테이징에서 본 것처럼").
_HAPPENED_THERE = LazyPattern(rf"{_PLACE_NOUN}\s*에서\s+(?:\S+\s+){{0,2}}?\S*(?:[{FINAL_N}]|던)(?=\s)", needs=("에서",))
# A clause closed by a mark ("dev 테스트 끝, …", "tested in staging, …"), and the particles that are no words of
# its own.
_CLAUSE_MARK = LazyPattern(r"[,.;!?\n]")
_OWN_WORD = LazyPattern(r"[가-힣]{2,}|[A-Za-z]{3,}")
_PARTICLE = LazyPattern(r"(?:에서|에는|에도|에만|으로|부터|까지|하고|이랑|랑|에|로|은|는|이|가|을|를|도|만|의)\Z")


def _told_there(mentions: list[re.Match[str]], index: int, text: str) -> bool:
    """The mention stands in a clause of its own, closed before the next mention (or within reach of the last),
    that tells what happened there: by a told ending, by a past adnominal after 에서, or by a mark closing words of
    its own that ask for nothing ("dev 테스트 끝,", "tested in staging,")."""
    match = mentions[index]
    end = mentions[index + 1].start() if index + 1 < len(mentions) else min(len(text), match.end() + _REACH)
    if _TOLD_ENDING.search(text, match.end(), end) is not None or _HAPPENED_THERE.match(text, match.end(), end):
        return True
    mark = _CLAUSE_MARK.search(text, match.end(), end)
    if mark is None:
        return False
    opening = max((found.end() for found in _CLAUSE_MARK.finditer(text, 0, match.start())), default=0)
    clause = text[opening : mark.start()]
    words = ENVIRONMENT_TOKEN.sub(" ", NAME_LIKE.sub(" ", clause))
    if not any(_PARTICLE.match(word) is None for word in (found.group(0) for found in _OWN_WORD.finditer(words))):
        return False  # "운영, 스테이징 둘 다": the place alone, one of two named together
    said = predicate(clause.strip())
    return said.act is Act.NONE and said.source != "unknown_verb"


def meant_place(mentions: list[re.Match[str]], text: str, value: dict[int, str]) -> int:
    """The index in `mentions` (environments in order, `value` their canonical names by index) of the
    one the request is for. With one value named, the first; otherwise the mentions left once those
    that are not the place (compared with, come before, ruled out, told of in a clause of their own) are set
    aside, then a correction's last, then the one goal among them."""
    if len(set(value.values())) <= 1:
        return 0
    kept = [
        index
        for index, match in enumerate(mentions)
        if not _not_the_place(match, text) and not _told_there(mentions, index, text)
    ] or list(range(len(mentions)))
    if len({value[index] for index in kept}) > 1:
        first = mentions[kept[0]]
        corrected = [
            index for index in kept[1:] if _CORRECTION.search(text, first.end(), mentions[index].start()) is not None
        ]
        if corrected:
            return corrected[-1]
        goals = [index for index in kept if _is_goal(mentions[index], text)]
        if len({value[index] for index in goals}) == 1:
            return goals[0]
    return kept[0]
