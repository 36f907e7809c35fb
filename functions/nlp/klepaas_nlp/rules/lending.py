"""What the clauses beside a request lend it: a name, a kind of resource, a pointer back, an act.

A request that names no app ("just restart it", "목록만 보여 줘") may take the one name or kind the
other clauses hold; "the other one", "the pods" (many of a kind read afresh) and versions or
tickets written like names never lend one, since they point elsewhere or name no app. A request that
names its own app borrows none: the clauses beside it tell, spare or set aside theirs.

A request whose only verb is the light verb, said again ("한 번 더 해줘", "다시 해 주세요", "do it again"),
names no act of its own: it asks once more for the change a clause beside it tells as done ("X 재시작해줬잖아,
한 번 더 해줘"), when that clause tells of one change only.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import HANGUL, PAST_END
from klepaas_nlp.rules.names import is_environment, tickets_in
from klepaas_nlp.rules.normalize import normalise
from klepaas_nlp.rules.pieces import SENTENCES
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    NAME_LIKE,
    Act,
    english_act,
    mentions_an_operation,
    operations_before,
    predicate,
)
from klepaas_nlp.rules.role import Role
from klepaas_nlp.rules.vocabulary import is_domain_noun, is_grammar_word, never_an_app

# A version or a tag ("v2.1", "1.8.0") is written like a name but names no app.
VERSION = LazyPattern(r"^v?[0-9]+(?:\.[0-9]+)+$", re.IGNORECASE)
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


# Where a plain word (no separator, "cart") stands as the app a statement or a topic tells of: the subject
# of a state, a symptom or a count ("since cart is slow", "cart keeps crashing", "cart has 3 replicas"),
# what a topic is about ("regarding cart", "about the cart rollback", "re: cart restart"), or the object of
# a change told as done ("we rolled back cart", "I deployed cart to staging").
_EN_TOLD = LazyPattern(
    r"(?:^|[,;:.!?\u2014-]\s*|\b(?:since|because|as|now|so|and|but|when|after|well|ok|okay|hey)\s+)"
    r"(?:the\s+)?(?P<subject>[a-z][a-z0-9]*)\s+(?:app\s+|service\s+|pods?\s+|deployment\s+)?(?:is|was|has|had|keeps|kept|crashed|went|looks"
    r"|seems|died|broke|failed|got|started|hangs|hung|isn't|wasn't|hasn't|'s|crashes|dies|fails|throws|errors)\b"
    r"|\b(?:about|regarding|concerning|re:)\s+(?:the\s+)?(?P<topic>[a-z][a-z0-9]*)\b"
    r"|\b(?:deployed|restarted|rolled\s+back|scaled|redeployed|promoted|rebooted|bounced|pushed|shipped|released"
    r"|rolled\s+out)\s+(?:the\s+)?(?P<done>[a-z][a-z0-9]*)\b"
    r"|\bthe\s+(?P<owner>[a-z][a-z0-9]*)\s+(?:app|service|restart|rollback|deploy|deployment|rollout)\b"
    # "the app called logs", "a service named status": a thing introduced by its name, whatever the word.
    r"|\b(?:app|application|service|deployment|pod)s?\s+(?:named|called)\s+(?P<named>[a-z][a-z0-9]*)\b"
    # "nginx restarted twice", "redis rebooted again": a change's past with no object tells what it happened to.
    r"|(?:^|[,;:.!?]\s*)(?:the\s+)?(?P<itself>[a-z][a-z0-9]*)\s+(?:just\s+|already\s+)?"
    r"(?:restarted|rebooted|redeployed|rolled\s+back|crashed)"
    r"(?=\s*(?:$|[,;.!?]|(?:again|twice|once|overnight|today|yesterday|\w+\s+times)\b))",
    re.IGNORECASE,
)
_KO_NOT_A_NAME = r"(?:$|[,.;!?]|하|했|해|할|한|되|됐|돼|된|될|시키|상태|처리|모드)"
# A plain word, no separator in it: what told_plain_names lends.
_PLAIN_WORD = LazyPattern(r"^[A-Za-z][A-Za-z0-9]*$")


def told_plain_names(context: str, lending: bool = False) -> list[str]:
    """The plain-word app names (no separator) that statements or topics tell of: in Korean, a Latin word
    the grammar takes for a name ("cart 배포 후 터졌어"); in English, one standing where an app is told of
    (see _EN_TOLD), never a word that merely looks like a name ("users are complaining")."""
    # `lending` (to a request naming no app): a change told of ("billing 재시작했는데") has an object,
    # which a domain's noun there can only name.
    changing = lending and mentions_an_operation(context.lower().replace(" ", ""))
    norm = normalise(context)
    names = [name.value for name in extract(norm, changing).names if _PLAIN_WORD.match(name.value) is not None]
    if not names:
        return []
    if HANGUL.search(context) is not None:
        # A Latin word that takes a light verb, ends its clause or is said of a state ("skip하고", "stale
        # 상태") is no name.
        return list(
            dict.fromkeys(
                name for name in names if re.search(rf"{re.escape(name)}\s?{_KO_NOT_A_NAME}", context) is None
            )
        )
    told = {
        (
            found.group("subject")
            or found.group("topic")
            or found.group("done")
            or found.group("owner")
            or found.group("itself")
            or found.group("named")
        ).lower()
        for found in _EN_TOLD.finditer(context)
    }
    return list(dict.fromkeys(name for name in names if name.lower() in told))


def lent_name(roles: list[tuple[str, Role]], request: str) -> str | None:
    """What the other clauses lend a request that names no app: their one app, and with a condition's
    app its operation's noun, which says what the read is about ("X 롤백하기 전에 어떤 버전 있는지"
    asks for X's rollback versions)."""
    if NAME_LIKE.search(request) is not None or OTHER_TARGET.search(request) is not None:
        return None
    if reads_many_afresh(request):
        return None  # "We restarted X. Show me the pods now": the kind's list, not X's pod
    own = extract(normalise(request), predicate(request).act in MUTATION_ACTS).names
    if any(name.kind != "located" and not name.at for name in own):
        # "orders 는 그대로 두고 payments 만 늘려줘", "payments 재시작해줘. orders 같은 건 건드리지 마": a request
        # naming its own app borrows none from the clauses beside it, which only tell, set aside or spare theirs.
        return None
    others = [part for part, role in roles if role is not Role.REQUEST]
    names = list(
        dict.fromkeys(
            found.group(0)
            for part in others
            for found in NAME_LIKE.finditer(part)
            if VERSION.match(found.group(0)) is None and found.group(0) not in tickets_in(part)
        )
    )
    if not names:
        names = told_plain_names(" ".join(others))
    if not names:
        # The request names nothing of its own: a domain noun told as a change's object is its app.
        names = told_plain_names(" ".join(others), lending=True)
    if not names:
        return _withheld_topic(roles, request)
    if len(names) != 1:
        return None
    for part, role in roles:
        if role is Role.CONDITION and _supposes_in_korean(part):
            # The change supposed says what the read is about, its app named there or in another clause ("X
            # 롤백은 하지 말고 롤백하면 어느 버전 되는지만 알려줘": X's rollback).
            supposed = _LIGHT_VERB.sub("", part.strip())
            return supposed if names[0] in part else f"{names[0]} {supposed}"
    for part in others:
        # "X 파드가 3번 재시작됐어요": the kind written after the name goes with it ("X 파드").
        at = part.find(f"{names[0]} ")
        kind = _KIND_WORD.match(part, at + len(names[0]) + 1) if at != -1 else None
        if kind is not None:
            return f"{names[0]} {kind.group(0)}"
    return names[0]


# A plain word opening a Korean clause before its Korean predicate ("cart 롤백하지 말고", "cart 파드 지우지 말고").
_OPENING_WORD = LazyPattern(r"^\s*(?P<name>[A-Za-z][A-Za-z0-9]*)\s+(?=[가-힣])")
# A Latin word of a request, dashes kept ("dev", "cart-api"): an environment, or an object of its own.
_LATIN_WORD = LazyPattern(r"[A-Za-z][A-Za-z0-9-]*")


# An English negative imperative and its object, closing the clause ("don't delete orders", "never roll back
# the cart app"): the object of the act withheld.
_EN_WITHHELD_OBJECT = LazyPattern(
    r"^\s*(?:(?:please|pls|just|but|and|so)[\s,]+)*(?:don['’]?t|do\s+not|never)\s+(?:\w+ly\s+)?[a-z]+"
    r"(?:\s+(?:back|out|up|down|off))?\s+(?:the\s+)?(?P<name>[A-Za-z][A-Za-z0-9]*)"
    r"(?:\s+(?:app|service|deployment|pods?))?[\s.!]*$",
    re.IGNORECASE,
)


def _withheld_topic(roles: list[tuple[str, Role]], request: str) -> str | None:
    """ "cart 롤백하지 말고 재시작만 해줘", "don't delete cart, just restart it": the one clause beside the
    request withholds an act on an app (the Korean clause's opening word, the English verb's object); the
    request with no object of its own ("재시작만", "restart it") asks another act on that app."""
    others = [(part, role) for part, role in roles if role is not Role.REQUEST]
    if len(others) != 1 or others[0][1] is not Role.WITHHELD:
        return None
    if HANGUL.search(request) is None:
        # In English the request after it points back at it ("just restart it") or leaves its verb's object unsaid.
        before = roles[0][1] is Role.WITHHELD
        pointing = before and (_ITS.search(request) is not None or objectless(request))
        opening = _EN_WITHHELD_OBJECT.match(others[0][0]) if pointing else None
    else:
        # The request may name where ("dev에 배포해줘"): an environment is no object of its own.
        latin = [found.group(0) for found in _LATIN_WORD.finditer(request)]
        opening = None if any(not is_environment(word) for word in latin) else _OPENING_WORD.match(others[0][0])
    if opening is None:
        return None
    name = opening["name"]
    # A domain's noun ("billing", "pricing") opening the withheld act is its object, as any app is.
    if len(name) < 2 or is_environment(name) or is_grammar_word(name):
        return None
    if never_an_app(name) and not is_domain_noun(name):
        return None
    return name


def _supposes_in_korean(part: str) -> bool:
    """A Korean condition supposing a change ("X 롤백하기 전에"), whose noun says what a read is about."""
    return HANGUL.search(part) is not None and predicate(part).act in MUTATION_ACTS


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


def kind_lent(roles: list[tuple[str, Role]], request: str) -> str | None:
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
# The pronoun of one app, as the object or the owner ("restart it", "show its logs").
_ITS = LazyPattern(r"\b(?:it|its|them|their)\b", re.IGNORECASE, needs=("it", "them", "their"))


def objectless(request: str) -> bool:
    """An English request whose verb's object is left unsaid ("bump to 5", "scale back to 2")."""
    return HANGUL.search(request) is None and _EN_OBJECTLESS.match(request) is not None


def lend(name: str, request: str) -> str:
    """`request` about `name`, lent by another clause: in place of its pronoun in English ("just
    restart it"), else before it, where a Korean clause has its object."""
    if HANGUL.search(request) is None and _EN_PRONOUN.search(request) is not None:
        return _EN_PRONOUN.sub(name, request, count=1)
    objectless = _EN_OBJECTLESS.match(request) if HANGUL.search(request) is None else None
    if objectless is not None:
        # "scale to 4", "please bump to 5": the English verb's object left unsaid goes right after it.
        return f"{request[: objectless.end()]} {name}{request[objectless.end() :]}"
    return f"{name} {request}"


# An English request whose verb takes its object left unsaid: the verb (and its particle), then where
# the change goes ("to 4", "back to 2", "up", "again") or nothing.
_EN_OBJECTLESS = LazyPattern(
    r"^(?:(?:please|pls|now|then|so|just|ok|okay|and)[\s,]+)*(?:scale|bump|set|restart|reboot|bounce|redeploy|deploy"
    r"|roll\s+back|rollback|revert)(?:\s+(?:up|down))?(?=\s+(?:to|back|up|down|again|now|please|pls)\b|[\s.!]*$)",
    re.IGNORECASE,
)


# A target pointed at as not the one named ("다른 거", "나머지", "the other one", "another app"): the app the
# sentence before names is the one excluded, never the one meant. "다른 걸로 롤백" (to another one) is a
# version, no target.
OTHER_TARGET = LazyPattern(
    r"다른\s*(?:거|것|걸|앱|애|서비스|하나|쪽|놈|디플로이먼트|배포)(?!\s*(?:으로|로))|나머지"
    r"|(?<!\bto )\bthe\s+other\s+(?:one|app|service|deployment|pod)s?\b"
    r"|(?<!\bto )\banother\s+(?:one|app|service|deployment|pod)\b"
    r"|\bthe\s+(?:rest|remaining\s+(?:ones?|apps?|services?))\b",
    re.IGNORECASE,
    needs=("다른", "나머지", "other", "another", "rest", "remaining"),
)


# The one in focus pointed at only to be set aside: "the other one", "다른 거" (another than it), "not the one you're
# thinking of", "not that one" (the one the listener has in mind). The rest ("나머지", "the rest") is left out:
# "restart it and leave the rest" points at the one in focus.
_PAST_THE_ONE_IN_FOCUS = LazyPattern(
    r"다른\s*(?:거|것|걸|앱|애|서비스|하나|쪽|놈|디플로이먼트|배포|파드)(?!\s*(?:으로|로))"
    r"|(?<!\bto )\b(?:the\s+other|another)\s+(?:one|app|service|deployment|pod)\b"
    r"|\bnot\s+(?:the\s+one\s+(?:that\s+|which\s+)?you|that\s+one)\b",
    re.IGNORECASE,
    needs=("다른", "other", "another", "not"),
)


def points_past_the_one_in_focus(text: str) -> bool:
    """The target is pointed at as other than the one in focus: the session's last target is the one set aside,
    never the one meant, and a command that names none of its own asks for it."""
    return _PAST_THE_ONE_IN_FOCUS.search(text) is not None


def other_than_named(text: str) -> str | None:
    """The sentence that asks for a change of "the other one" and names none, when a sentence beside it
    names the app it excludes: that sentence alone is the request, and its target is a question."""
    sentences = [part.strip() for part in SENTENCES.split(text.strip()) if part.strip()]
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


# Doing it again, in words of a closed class: a word of repetition (한 번 더, 다시, 또, again, once more), the light
# verb (하다, do, with "it" or "that"), the request's endings and "please". Nothing of the act itself is said.
_AGAIN_KO = LazyPattern(
    r"^(?:(?:그거|그걸|그것|이거|이걸)(?:도|을|를)?\s*)?(?:좀\s*)?"
    r"(?:한\s?번\s?(?:만\s?)?더|다시\s?한\s?번|한\s?번\s?다시|다시|또|재차)\s*(?:좀\s*)?"
    r"(?P<verb>해|하)\s*(?:줘|줘요|주세요|주십시오|주실래요|주시겠어요|줄래|줄래요|주라|봐|봐요|라|자|요)?[\s.!~?]*$",
    needs=("더", "다시", "또", "재차"),
)
_AGAIN_EN = LazyPattern(
    r"^(?:(?:please|pls|ok|okay|so|now|just|and|then)[\s,]+)*(?:do|run|try)\s+(?:it|that|the\s+same)\s+"
    r"(?:again|once\s+more|one\s+more\s+time)(?:[\s,]+(?:please|pls|now|asap))*[\s.!]*$",
    re.IGNORECASE,
    needs=("again", "more"),
)
# The act said again: its Korean noun, which takes the light verb, and its English verb, which takes "it". A count
# changed again ("3개로 늘렸는데 한 번 더") may go to the same count or as far again: it is not lent.
_SAID_AGAIN = {
    Act.RESTART: ("재시작", "restart"),
    Act.ROLLBACK: ("롤백", "roll back"),
    Act.DEPLOY: ("배포", "deploy"),
}


# The English words of the changes told done, in any form ("restarted", "got rolled back", "the redeploy").
_EN_DONE = LazyPattern(
    r"\b(?:(?P<restart>restart\w*|reboot\w*|bounc\w*)|(?P<rollback>roll(?:s|ed|ing)?[\s-]?backs?|revert\w*)"
    r"|(?P<deploy>re-?deploy(?!ment)\w*|deploy(?!ment)\w*|rollouts?|rolled\s+out|releas\w*|promot\w*)"
    r"|(?P<scale>scal(?:e|es|ed|ing)))\b",
    needs=("restart", "reboot", "bounc", "roll", "revert", "deploy", "releas", "promot", "scal"),
)
_EN_DONE_ACTS = {"restart": Act.RESTART, "rollback": Act.ROLLBACK, "deploy": Act.DEPLOY, "scale": Act.SCALE}


def done_again(roles: list[tuple[str, Role]], request: str) -> str | None:
    """ "X 재시작해줬잖아, 한 번 더 해줘", "I restarted X an hour ago, do it again": the request that only says to do
    it again, with the act in the words of the one change the clauses beside it tell as done ("한 번 더 재시작해줘",
    "restart it again"); None for any other request, or when they tell of none, of several or of a count changed."""
    korean = HANGUL.search(request) is not None
    request = request.strip()
    again = (_AGAIN_KO if korean else _AGAIN_EN).match(request)
    if again is None:
        return None
    told = [
        part
        for part, role in roles
        if role is Role.DONE or (role is Role.ASIDE and PAST_END.search(part.strip()) is not None)
    ]
    acts: set[Act] = set()
    for part in (NAME_LIKE.sub("§", part).lower() for part in told):
        if HANGUL.search(part) is not None:
            compact = part.replace(" ", "")
            acts.update(act for act, _ in operations_before(compact, len(compact)))
        else:
            acts.update(_EN_DONE_ACTS[found.lastgroup] for found in _EN_DONE.finditer(part) if found.lastgroup)
    said = _SAID_AGAIN.get(acts.pop()) if len(acts) == 1 else None
    if said is None:
        return None
    noun, verb = said
    # The noun takes the light verb ("한 번 더 재시작해줘"); the English verb takes "it" ("restart it again").
    return f"{request[: again.start('verb')]}{noun}{request[again.start('verb') :]}" if korean else f"{verb} it again"
