"""One predicate over two coordinated objects: "A랑 B 재시작해줘", "restart A and B", "파드 목록이랑
서비스 목록 보여줘". Each conjunct with the shared rest of the clause is a command of its own; when
the two read differently (two targets, or two reads of different things) the command asks for two
acts, which the interpreter turns into `ambiguous`.

The conjunct is one word unless the phrasing is parallel:
- Korean puts the predicate last, so the left conjunct takes the rest of the right side after
  its first word ("A랑 B 재시작해줘" -> "A 재시작해줘" / "B 재시작해줘"). When the word before the
  coordinator comes back one or two words later ("X 목록이랑 Y 목록"), the conjunct is that long.
- English opens with the verb, so a right conjunct with no verb of its own ("... and billing to 2")
  replaces as many words at the end of the left side ("scale payments to 4" -> "scale billing to 2").

Commas, 와/과, 하고 and 도 join only two names ("cart-api, order-api 재시작"): elsewhere they end verbs
or phrases, and "show logs for worker, last 50 lines" is one request.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.hangul import PAST as _PAST
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import names_a_read
from klepaas_nlp.rules.numbers import NUMBER
from klepaas_nlp.rules.predicate import (
    NAME_LIKE,
    Act,
    english_act,
    korean_predicate,
    mentions_an_operation,
    predicate,
)
from klepaas_nlp.rules.vocabulary import (
    ENVIRONMENT_TOKEN,
    is_domain_noun,
    is_function_word,
    is_stopword,
    never_an_app,
)

# Standalone after normalisation ("auth-server랑" is spaced into "auth-server 랑"), or attached to a
# Korean noun ("파드랑", "정보랑"). 와/과 only after a Latin name, where they cannot end a verb.
# 이나 / 나 (or) and 혹은 join alternatives: "staging 이나 production 에", "재시작이나 롤백".
_STANDALONE = frozenset(
    {"랑", "이랑", "와", "과", "및", "and", "&", "+", "or", "또는", "혹은", "이나", "plus", "하고", "도", ","}
)
# 아니면 / 아님 (or else, literally "if not") joins two alternatives only after an operation's noun: elsewhere it
# opens a fallback or a clause of its own ("아니면 로그라도 보여줘").
_OR_ELSE = frozenset({"아니면", "아님"})
# Joiners that end Korean verbs or phrases too: they coordinate only between two names.
_BETWEEN_NAMES = frozenset({"와", "과", "하고", "도", ","})
# 하고 attached to a noun that names no act ("목록하고"): see clauses._joins_nouns.
# A count may lead the noun ("로그 100줄이랑 …").
_ATTACHED = LazyPattern(r"^(?P<noun>[0-9]*[가-힣]{1,}?)(?:이랑|랑|하고)$", needs=("랑", "하고"))
# "재시작이나", "배포나": (이)나 (or) glued to an operation's noun. After the past ("반영됐나", "배포했나") 나 ends a
# question about the verb, and joins nothing.
_OR_ATTACHED = LazyPattern(rf"^(?P<noun>[가-힣]{{2,}}?)(?<![{_PAST}])(?:이나|나)$", needs=("나",))
# A name ending in a digit keeps its coordinator glued on ("line1이랑 line2": normalisation spaces
# a Latin letter from Hangul, never a digit, which a counter may follow).
_NAME_ATTACHED = LazyPattern(
    r"^(?P<noun>[A-Za-z][A-Za-z0-9_-]*[0-9])(?:이랑|랑|와|과|하고)$", needs=("랑", "와", "과", "하고")
)
# 와/과 glued to a noun of two syllables or more ("정보와", "상태와"), between two named objects ("A 서비스
# 정보와 B 서비스 정보"): "and", as the word standing alone is ("결과", "효과" are one-syllable nouns + 과).
_NOUN_AND = LazyPattern(r"^(?P<noun>[가-힣]{2,}?)(?:와|과)$", needs=("와", "과"))
_PARALLEL_REACH = 3
# "… 배포, 복제본 4개": after an operation and a comma, a count of copies alone is an afterthought
# giving that operation its count, not a second thing asked for.
_COPIES = r"(?:복제본|레플리카|인스턴스|파드|replicas?|instances?|pods?|copies)"
# A number in any spelling: "2", "two", "세", "열두" (numbers.NUMBER).
_N = rf"(?:{NUMBER})"
_NUMBER_WORD = LazyPattern(_N, re.IGNORECASE)
_COUNT_ONLY = LazyPattern(
    rf"\s*(?:{_COPIES}\s*{_N}\s*(?:개|대)?|{_N}\s*(?:개|대)\s*{_COPIES}?|{_N}\s*{_COPIES}|x\s?\d+)\s*(?:으로|로)?\W*",
    re.IGNORECASE,
)
_WHOLE_OBJECT = LazyPattern(
    r"(?:(?:the|all|all the)\s+)?(?:pods|services|deployments|namespaces|ingresses|endpoints)(?:\s+list)?",
    re.IGNORECASE,
)
# Coordinators of more than one word join two objects as "and" does: "restart web as well as api".
_MULTIWORD = LazyPattern(
    r"\s+(?:as well as|along with|together with|in addition to)\s+",
    re.IGNORECASE,
    needs=("in addition to", "together with", "along with", "as well as"),
)


def _is_name(word: str) -> bool:
    """A name written as one ("order-api", "svc2"): what 와/과, 하고, 도 and a comma may join."""
    # A number alone ("…, 15 lines") is a count, never a name.
    return NAME_LIKE.fullmatch(word.rstrip(",")) is not None or (
        re.fullmatch(r"[A-Za-z0-9]+", word) is not None
        and any(char.isdigit() for char in word)
        and any(char.isalpha() for char in word)
    )


_LATIN_WORD = LazyPattern(r"[A-Za-z][A-Za-z0-9]*")


def _plain_pair(left: str, right: str) -> bool:
    """ "api, web": two plain Latin words around a comma, neither a command, function or everyday word,
    are two names listed (a Korean clause never ends on a Latin word before a comma). A domain's noun
    ("auth, billing 상태") is listed as a name too: services are named after their domain."""

    def plain(word: str) -> bool:
        return (
            _LATIN_WORD.fullmatch(word) is not None
            and not is_function_word(word)
            and (not never_an_app(word) or is_domain_noun(word))
        )

    left, right = left.rstrip(","), right.rstrip(",")
    # Two domain nouns ("pricing, usage 비용") are topics of one cost request, not two apps.
    return plain(left) and plain(right) and not (is_domain_noun(left) and is_domain_noun(right))


def _pairs_names(left: str, right: str) -> bool:
    """Two names joined: both written as names, or one so and the other a Latin word that is no
    command or function word ("web-app과 worker", "payments, billing-api"): a Latin word before 와/과
    or a comma cannot end a Korean verb, and beside a name it is one too."""
    left, right = left.rstrip(","), right.rstrip(",")
    if _is_name(left) and _is_name(right):
        return True

    def plain(word: str) -> bool:
        return _LATIN_WORD.fullmatch(word) is not None and not is_stopword(word)

    return (_is_name(left) and plain(right)) or (plain(left) and _is_name(right))


def _coordinator(words: list[str]) -> tuple[list[str], list[str]] | None:
    """(left, right) around the first coordinator with words on both sides."""
    for index, word in enumerate(words):
        lowered = word.lower()
        if lowered in _STANDALONE and 0 < index < len(words) - 1:
            if lowered in _BETWEEN_NAMES and not _pairs_names(words[index - 1], words[index + 1]):
                continue
            if index > 1 and words[index - 2].lower() == "between" and _NUMBER_WORD.fullmatch(words[index - 1]):
                continue  # "between 2 and 4": the two ends of a range, no two objects (quantities' bounds)
            return words[:index], words[index + 1 :]
        if (
            word.endswith(",")
            and index < len(words) - 1
            and (_pairs_names(word[:-1], words[index + 1]) or _plain_pair(word[:-1], words[index + 1]))
        ):
            return [*words[:index], word[:-1]], words[index + 1 :]
        if (
            word.endswith(",")
            and 0 < index < len(words) - 1
            and mentions_an_operation(word[:-1].lower())
            and _COUNT_ONLY.fullmatch(" ".join(words[index + 1 :])) is None
            and _asks_for_something(" ".join(words[index + 1 :]))
        ):
            # "web 재시작, 로그": an operation's noun, then another thing asked for ("…배포, 브랜치는
            # main" only gives the operation a slot).
            return [*words[:index], word[:-1]], words[index + 1 :]
        if (
            word.endswith(",")
            and 0 < index < len(words) - 1
            and _ALSO_TOGETHER.search(" ".join(words[index + 1 :])) is not None
            and names_a_read(" ".join(words[index + 1 :]))
        ):
            # "로그 100줄, 이전 컨테이너 로그도 같이": after a comma, a thing to read "also, together"
            # is a second object asked for.
            return [*words[:index], word[:-1]], words[index + 1 :]
        glued = _NAME_ATTACHED.match(word)
        if glued is not None and index < len(words) - 1 and _pairs_names(glued["noun"], words[index + 1]):
            return [*words[:index], glued["noun"]], words[index + 1 :]
        if lowered in _OR_ELSE and 0 < index < len(words) - 1 and mentions_an_operation(words[index - 1].lower()):
            # "재시작 아니면 롤백", "재시작 아님 롤백": after an operation's noun, 아니면 (or else) offers the
            # second as an alternative, as 또는 does; the choice is the user's.
            return words[:index], words[index + 1 :]
        either = _OR_ATTACHED.match(word)
        if either is not None and 0 < index < len(words) - 1 and mentions_an_operation(either["noun"]):
            # "재시작이나 롤백", "배포나 재시작": two operations offered as alternatives.
            return [*words[:index], either["noun"]], words[index + 1 :]
        attached = _ATTACHED.match(word)
        if attached is not None and index < len(words) - 1 and _names_no_act(word, attached["noun"]):
            return [*words[:index], attached["noun"]], words[index + 1 :]
        noun_and = _NOUN_AND.match(word)
        if (
            noun_and is not None
            and 0 < index < len(words) - 1
            and any(_pairs_names(before, words[index + 1]) for before in words[:index])
            and not mentions_an_operation(noun_and["noun"])
        ):
            return [*words[:index], noun_and["noun"]], words[index + 1 :]
    return None


# 도 (also) with 같이/함께 (together) closing the phrase: one more thing, asked for with the first.
_ALSO_TOGETHER = LazyPattern(r"도\s*(?:같이|함께)\W*$", needs=("도",))


def _asks_for_something(words: str) -> bool:
    """An act, an operation's noun or a thing to read: what a second request needs."""
    lowered = words.lower()
    return (
        predicate(words).act is not Act.NONE or mentions_an_operation(lowered.replace(" ", "")) or names_a_read(words)
    )


def _names_no_act(word: str, noun: str) -> bool:
    """ "목록하고" joins a noun; "배포하고", "확인하고" are verbs with their connective, and so is a
    one-syllable stem before it ("과하고", "급하고": an adjective, 과하다 / 급하다, ends its clause)."""
    if not word.endswith("하고"):
        return True
    return len(noun) > 1 and korean_predicate(noun) is None and not mentions_an_operation(noun)


def _parallel_tail(left: list[str], right: list[str]) -> bool:
    """ "… payments to 4 and billing to 2": the right side repeats the shape of the left's end."""
    if not 2 <= len(right) < len(left):
        return False
    return right[1].lower() == left[len(left) - len(right) + 1].lower()


# A count with its counter ("5개", "3대,", "x2"): where one target's part of a list of counts ends.
_COUNTED = LazyPattern(rf"(?:{_N}\s*(?:개|대)(?:씩)?|x\d+),?", re.IGNORECASE)


_IMAGE_MARK = LazyPattern(r"[:@]")


# An environment word alone, with the particle or colon that may close it ("스테이징은", "prod:").
_PARTICLE_AFTER_PLACE = LazyPattern(r"(?:은|는|에서|에는|에|:|,)$")


def _is_environment(word: str) -> bool:
    return ENVIRONMENT_TOKEN.fullmatch(_PARTICLE_AFTER_PLACE.sub("", word)) is not None


def _side_by_side(words: list[str]) -> tuple[str, str] | None:
    """ "cctv 5개 alarm 2개": a name after a count that followed another name starts a command of its
    own, with no coordinator: each target with its own count. So does an environment after a count
    that followed another environment ("web 프로덕션 5개 스테이징 2개로"): the same target, a count for each
    place, which is two acts."""
    for index in range(2, len(words)):
        if (
            _is_environment(words[index])
            and _COUNTED.fullmatch(words[index - 1]) is not None
            and _is_environment(words[index - 2])
        ):
            return " ".join(words[:index]).rstrip(","), " ".join([*words[: index - 2], *words[index:]])
        if (
            _is_name(words[index])
            and not _IMAGE_MARK.search(words[index])  # "web 3개 web:1.2": the image the count runs
            and _COUNTED.fullmatch(words[index - 1]) is not None
            and any(_is_name(word) for word in words[: index - 1])
        ):
            return " ".join(words[:index]).rstrip(","), " ".join(words[index:])
    return None


# The labels of a change's arguments ("image web:2.0", "branch fix/x", "tag v1.2"): what follows one is
# its value, an argument of the act, never a second target.
_ARGUMENT_LABELS = frozenset({"image", "branch", "tag", "commit"})


def conjuncts(clause: str) -> tuple[str, str] | None:
    """The two commands one coordinated clause stands for, or None when it coordinates nothing."""
    words = _MULTIWORD.sub(" and ", clause).split()
    found = _coordinator(words)
    if found is None:
        return _side_by_side(words)
    left, right = found
    if _NOUN_AND.match(words[len(left) - 1]) is not None and len(right) > len(left):
        # "A 서비스 정보와 B 서비스 정보를 조회해": each side names its own object; they share what
        # follows the right's object, as long as the left's.
        return " ".join([*left, *right[len(left) :]]), " ".join(right)
    if len(right) > 1 and right[0].lower() in _ARGUMENT_LABELS and english_act(" ".join(left)) is not Act.NONE:
        # "deploy web to staging with 4 replicas and image web:2.0": "and" joins a second argument,
        # named by its label, of the one act; no second object.
        return None
    if (
        english_act(" ".join(left)) in (Act.DEPLOY, Act.SCALE)
        and _COUNT_ONLY.fullmatch(" ".join(right)) is not None
        and not any(_NUMBER_WORD.fullmatch(word) for word in left)
    ):
        # "deploy web to prod with image web:2.0 and 4 replicas": "and" joins the count of copies, the one act's
        # argument, to the left's; no second object (the left has no count for it to compete with).
        return None
    if len(left) > 1 and english_act(left[0]) is not Act.NONE and _WHOLE_OBJECT.fullmatch(" ".join(right)) is not None:
        # "show pod list and namespaces": a plural resource noun after "and" is a whole object of
        # the opening verb, not the last word of the left object replaced.
        return " ".join(left), " ".join([left[0], *right])
    if (
        english_act(" ".join(left)) is not Act.NONE
        and english_act(" ".join(right)) is Act.NONE
        and (NAME_LIKE.fullmatch(right[0]) is not None or _parallel_tail(left, right))
    ):
        # "restart ledger-api and billing-api", "scale payments to 4 and billing to 2": a second
        # target, with its own arguments in the same order as the first's.
        width = len(right) if len(right) < len(left) else 1
        return " ".join(left), " ".join([*left[:-width], *right])
    head = left[-1].lower()
    operations = [index for index, word in enumerate(right) if mentions_an_operation(word.lower())]
    if mentions_an_operation(head) and operations == [0] and len(left) > 1:
        # "A 재시작이나 롤백 해줘", "A 재시작이랑 롤백": the right's operation names no object of its own;
        # both are of what the left names.
        return " ".join([*left, *right[1:]]), " ".join([*left[:-1], *right])
    if mentions_an_operation(head) and operations:
        # "A 재시작이랑 B 롤백 부탁해": each side names its own act; they share only what follows the last.
        return " ".join([*left, *right[operations[-1] + 1 :]]), " ".join(right)
    width = next(
        (offset + 1 for offset in range(1, _PARALLEL_REACH) if offset < len(right) and right[offset].lower() == head),
        None,
    ) or _repeated_ending(left, right)
    if width > len(left):
        return None
    return " ".join([*left, *right[width:]]), " ".join([*left[:-width], *right])


def _repeated_ending(left: list[str], right: list[str]) -> int:
    """ "A 파드 로그 50줄이랑 B 파드 로그 50줄": the words after the right's first repeat the left's
    last ones, however many: the conjunct is that long (the name and the repeated words); else one word."""
    lowered = [word.lower() for word in left]
    return next(
        (
            offset + 1
            for offset in range(len(right) - 1, _PARALLEL_REACH - 1, -1)
            if offset < len(left) and [word.lower() for word in right[1 : offset + 1]] == lowered[-offset:]
        ),
        1,
    )


def whole_phrases(clause: str) -> tuple[str, str] | None:
    """The coordinated phrases taken whole, sharing only the final predicate: "비용 분석이랑 클러스터
    현황 같이 보여줘" -> "비용 분석 보여줘" / "클러스터 현황 같이 보여줘". Two reads of different
    things asked for this way are two acts even when `conjuncts`, sharing more, reads them alike."""
    words = _MULTIWORD.sub(" and ", clause).split()
    found = _coordinator(words)
    if found is None:
        return None
    left, right = found
    if len(right) < 2:
        return None
    if english_act(" ".join(left)) is not Act.NONE:
        # "give me the cost forecast and an overview of the cluster": the opening verb takes each.
        verb = _opening_verb(left)
        if verb is None or english_act(" ".join(right)) is not Act.NONE:
            return None
        return " ".join(left), " ".join([*verb, *right])
    return " ".join([*left, right[-1]]), " ".join(right)


_INDIRECT_OBJECT = frozenset({"me", "us"})


def _opening_verb(words: list[str]) -> list[str] | None:
    """The words up to the opening verb, with "me"/"us" after it ("could you give me")."""
    end = next((end for end in range(1, len(words)) if english_act(" ".join(words[:end])) is not Act.NONE), None)
    if end is None:
        return None
    objects = next((index for index in range(end, len(words)) if words[index].lower() not in _INDIRECT_OBJECT), end)
    return words[:objects]
