"""Bare names in a command (apps, pods, services, deployments) and the kind word beside each."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from klepaas_nlp.rules.hangul import FINAL_L, FINAL_N, INFLECTED
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.predicate import request_frame
from klepaas_nlp.rules.scan import MaskedText
from klepaas_nlp.rules.vocabulary import (
    ENVIRONMENT_KEYS,
    is_domain_noun,
    is_grammar_word,
    is_role_word,
    is_topic_noun,
    is_workload_state,
    makes_an_adverb_with_in,
    never_an_app,
)

NameKind = Literal["pod", "service", "deployment", "app", "located"]

_TOKEN = LazyPattern(
    r"(?<![A-Za-z0-9_.-])(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z0-9])(?![A-Za-z0-9_-])"
)
_KIND_WORDS: dict[str, NameKind] = {
    "pod": "pod",
    "pods": "pod",
    "파드": "pod",
    "팟": "pod",
    "포드": "pod",
    "service": "service",
    "services": "service",
    "svc": "service",
    "서비스": "service",
    "deployment": "deployment",
    "deployments": "deployment",
    "디플로이먼트": "deployment",
    "app": "app",
    "apps": "app",
    "앱": "app",
    "애플리케이션": "app",
    "어플리케이션": "app",
    "어플": "app",
    "application": "app",
}
_KIND_ALTERNATION = "|".join(sorted(_KIND_WORDS, key=len, reverse=True))
# The kind words as a pattern's alternation, for a name written with its kind ("auth 파드", "the cart pod").
KIND_WORDS = _KIND_ALTERNATION
_KIND_NEEDS = tuple(_KIND_WORDS)  # every match names a kind
# The quotative that introduces a word as what a thing is called ("status라는 앱", "logs란 서비스", "deploy라고 하는
# 앱"): the word names the thing of the kind after it.
_QUOTATIVE = r"(?:이)?라는|(?:이)?란|(?:이)?라고\s*(?:하는|불리는|부르는)"
_KIND_AFTER = LazyPattern(
    rf"\s*(?:(?:의|은|는|이|가|을|를|{_QUOTATIVE})\s*)?(?P<kind>{_KIND_ALTERNATION})(?![A-Za-z])",
    re.I,
    needs=_KIND_NEEDS,
)
_KIND_BEFORE = LazyPattern(
    rf"(?<![A-Za-z0-9_-])(?P<kind>{_KIND_ALTERNATION})\s*(?:named|called|이름(?:이|은)?)?\s*[:/]?\s*$",
    re.I,
    needs=_KIND_NEEDS,
)
_MANY_AFTER = LazyPattern(r"들", needs=("들",))
_DEFINITE_BEFORE = LazyPattern(r"\b(?:the|its|their|our|all)\s+$", re.I, needs=("the", "its", "their", "our", "all"))
_PLURAL_KIND = LazyPattern(r"pods|services|deployments|apps|applications", re.I)
# "payments 쪽", "edu-staging 환경": the side or environment a name stands for is a place too. Not a
# side that is the subject of a state ("web 쪽이 이상해서", "api 쪽이 느린데"): that is the app complained of.
_LOCATED_AFTER = LazyPattern(
    r"\s*(?:에서|에\s?있는|안의|안에|내의|쪽(?!\s*[이가](?![가-힣]))|환경)",
    needs=("내의", "안에", "안의", "에서", "있는", "쪽", "환경"),
)
# Of those, the ones a place's particle marks ("gov-prod에서", "X에 있는", "X 안에"): the name says where an act
# happens, so with no other name beside it the act's object is still unsaid ("gov-prod에서 재시작 좀").
# At most one space between: a longer gap is a word set aside (an environment, a namespace with its label:
# "X prod 네임스페이스에서"), whose particle it is. Not when a kind word of ours follows ("X에 있는 파드",
# "X 안의 파드들", "X 안에 있는 서비스"): those are X's own, so X is what the act is on ("X에서 파드 재시작"
# may still say where the pods run: a question).
_AT_AFTER = LazyPattern(
    rf"\s?(?:에서|(?:에\s?있는|안의|안에|내의)(?!\s*(?:있는\s*)?(?:{_KIND_ALTERNATION})(?![A-Za-z])))",
    re.I,
    needs=("내의", "안에", "안의", "에서", "있는"),
)
# "factory-floor에 line-monitor 재시작": a name with 에 before another name written as one is where that runs.
_AT_BEFORE_NAMED = LazyPattern(r"\s*에\s+[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+(?![\w.-])", needs=("에",))
_LOOK_AROUND_CHARS = 24
# A name written as one right after a kind word, itself neither labelled again nor joined to another name
# ("서비스 telemetry-ingest 정보", not "서비스 auth-api 서비스" nor "앱 web-a, web-b").
_NAMED_AFTER_KIND = LazyPattern(
    rf"\s+[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+(?![\w.-])"
    rf"(?!\s*(?:[,/&+]|와|과|랑|하고|및|and\b|or\b|(?:{_KIND_ALTERNATION})(?![A-Za-z])))",
    re.I,
)
# Only a kind word between two names: the one word both may be labelled by.
_KIND_BETWEEN = LazyPattern(rf"\s*(?:{_KIND_ALTERNATION})\s*", re.I, needs=_KIND_NEEDS)
# "wallet-prod의 tx-signer-5c6b9-xk2lp 파드": a name owning another name that its kind word labels
# holds that resource: it is where the resource runs. (Normalisation spaces 의 from a Latin name.)
# So is one owning a name written as one, with or without its kind word ("clinic-prod 의 booking-web
# 재기동"): two names, one the other's, are a place and what runs there.
_OWNER_OF_NAMED = LazyPattern(
    rf"\s*의\s+(?:[A-Za-z0-9][\w.-]*\s*(?:{_KIND_ALTERNATION})(?![A-Za-z])"
    r"|[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+(?![\w.-]))",
    re.I,
    needs=("의",),
)
# A Korean case particle written on the name marks its role in the clause ("web-app을", "api는").
_PARTICLE_AFTER = LazyPattern(
    r"\s?(?:을|를|은|는|이|가|의|도|만|랑|와|과)(?![가-힣])",
    needs=("가", "과", "는", "도", "랑", "를", "만", "와", "은", "을", "의", "이"),
)
# Nothing but an opening verb (and an article) before it: the name is the clause's first object
# ("restart web-app", "web-app 재시작해줘"), read from its place, not marked.
_LEAD_BEFORE = LazyPattern(r"^\s*(?:[A-Za-z]+(?:\s+(?:up|down|back|out|the))?\s+)?$")
_SCOPE_BEFORE = LazyPattern(r"\b(?:for|across|within)\s+(?:the\s+)?$", re.I, needs=("for", "across", "within"))
_TRAILING_AFTER = LazyPattern(r"\s*(?:에서|에)?\s*[?.!~]*\s*$")
# The name's own verb: at most two words between (a Latin word, a kind word, or a place with 에/에서;
# normalisation spaces a Latin word from its Korean ending), then a verb in a dependent form (-아서/-어서;
# -는지/-ㄴ지/-ㄹ지) or a question whether it is there ("목록에 있나?").
_BETWEEN = (
    r"\s+(?:[A-Za-z][\w-]*(?:\s?(?:에서|에)(?![가-힣]))?|(?:[가-힣]+\s?)?(?:에서|에)(?![가-힣])"
    r"|(?:파드|팟|포드|서비스|디플로이먼트|앱)(?![가-힣]))"
)
_GOVERNED_AFTER = LazyPattern(
    rf"(?:{_BETWEEN})?(?:{_BETWEEN})?\s*(?![가-힣]*에서(?![가-힣]))(?:[A-Za-z]+\s?)?[가-힣]*"
    rf"(?:[{INFLECTED}]서|[는은{FINAL_N}{FINAL_L}]지|(?:있|없)[가-힣]{{0,2}}[?])(?![가-힣])"
)

# The object of a change supposed ("X 10개로 늘리면 비용이 …", "X 재시작하면 …"): the name is what would be
# changed, an app, never the place of what the request reads.
_SUPPOSED_AFTER = LazyPattern(
    r"\s*(?:을|를)?\s*(?:으로|로)?\s*[가-힣]*(?:늘리|줄이|올리|내리|키우|낮추|하|되|돌리)면(?![가-힣])", needs=("면",)
)


@dataclass(frozen=True, slots=True)
class Name:
    value: str
    kind: NameKind | None
    marked: bool = False
    """A Korean case particle follows it: its role was written, not guessed from its place."""
    lead: bool = False
    """It opens the clause, or follows only the opening verb."""
    trailing: bool = False
    """It closes the clause: nothing but a place particle and punctuation after it."""
    scoped: bool = False
    """An English preposition of scope introduces it ("costs for utilities", "across prod")."""
    governed: bool = False
    """A Korean verb of its own follows it, closing a clause before the request ("X 포함해서 …",
    "X 있는지 보게 …", "X staging에 deploy할지 고민 중이라 …", "X 목록에 있나? …", "X 10개로 늘리면 …"):
    it is that verb's argument, not the place of what the request reads."""
    at: bool = False
    """A place's particle follows it ("X에서", "X에 있는"): it says where, never what is acted on."""
    shared_kind: bool = False
    """The kind word before it also follows the name before it ("auth-api 서비스 order-api"): which of the
    two it labels, and so which is the place and which the target, is a guess."""


# A Deployment's pod is named app-<pod-template hash>-<suffix>, both drawn from Kubernetes' safe
# alphabet (no vowels, no 0, 1 or 3): "payroll-engine-7c9d8f6b5-x2k4q". A digit in them tells a hash
# from a word; such a name is one pod's, whatever is written beside it. People retype the suffix
# by hand ("chat-relay-7b4c9d-qwe12"), so after the hash any five lower-case letters or digits do.
_SAFE = "[bcdfghjklmnpqrstvwxz2456789]"
_POD_OF_DEPLOYMENT = LazyPattern(rf"[A-Za-z0-9][\w.-]*-(?=[a-z]*\d){_SAFE}{{5,10}}-[a-z0-9]{{5}}")


# A possessive before a plural kind word ("cart's pods"): the name says whose they are, an app's, as the article
# before "the cart pods" does ("X's deployment", one, is still the deployment X).
_POSSESSIVE_MANY = LazyPattern(
    r"['’]s\s+(?:pods|services|deployments)(?![A-Za-z])", re.I, needs=("pods", "services", "deployments")
)


def _kind_of(text: str, start: int, end: int) -> NameKind | None:
    if _POD_OF_DEPLOYMENT.fullmatch(text, start, end) is not None:
        return "pod"
    after = text[end : end + _LOOK_AROUND_CHARS]
    if _POSSESSIVE_MANY.match(after) is not None:
        return "app"
    match = _KIND_AFTER.match(after)
    if match is not None:
        kind = _KIND_WORDS[match["kind"].lower()]
        if kind in ("pod", "service", "deployment") and _MANY_AFTER.match(after, match.end()):
            # "order-hub 파드들": many pods, so the name is not one pod's; it is the app they belong to.
            return "app"
        if _NAMED_AFTER_KIND.match(text, end + match.end()) is not None:
            # "iot-edge 서비스 telemetry-ingest 정보": the kind word labels the name after it, as kubectl writes
            # "-n <namespace> service <name>"; the name before them is where that one runs.
            return "located"
        if match["kind"].lower() == "pods" and _DEFINITE_BEFORE.search(text, max(0, start - 8), start):
            # "the order-hub pods" likewise: the article determines the plural, so the name only
            # says whose pods they are, the app's ("lumen-api pods 상태" still labels one pod).
            return "app"
        return kind
    before = _KIND_BEFORE.search(text[max(0, start - _LOOK_AROUND_CHARS) : start])
    if before is not None and not _PLURAL_KIND.fullmatch(before["kind"]):
        # "pod nginx" names one; after a plural ("services exposed publicly") a word describes them all.
        return _KIND_WORDS[before["kind"].lower()]
    if _LOCATED_AFTER.match(after) or _OWNER_OF_NAMED.match(text, end) or _AT_BEFORE_NAMED.match(text, end):
        return "located"
    return None


def is_environment(token: str) -> bool:
    return token.lower() in ENVIRONMENT_KEYS


# A version number ("2.3.0", "v3.2", "v4"): which build runs, said beside the app's name ("web v2.1
# 돌고 있는데"); an image's tag is typed as name:tag (references). It names no app.
_VERSION = LazyPattern(r"[vV]?\d+(?:\.\d+)+|[vV]\d+")
# An amount with its unit ("2Gi", "512Mi", "500m", "1.5GB", "30s"): a limit, a size or a time, said
# about a resource ("limit이 2Gi인지"); it names none. So is an age as kubectl prints it ("5d", "3d12h").
# So is a time of day ("2pm", "10:30am").
_AMOUNT = LazyPattern(
    r"\d+(?:\.\d+)?(?:[KMGTP]i?[Bb]?|[kmgt][Bb]|m|ms|s|h|min|[%])|(?:\d+[dhms])+"
    r"|\d{1,2}(?::\d\d)?\s?[ap]\.?m\.?",
    re.I,
)


# An acronym written in capitals ("OCR", "DB", "API", "CPU"): a technical term or a product, which an app's
# name (lower-case letters, digits and dashes) never is unless a kind word labels it ("API 서비스").
_ACRONYM = LazyPattern(r"[A-Z]{2,6}")


# A text with no lower-case Latin letter ("RESTART CART", "CART 재시작해줘") is written loud: its capitals set
# nothing apart, so a word in them is read as its lower-case self. In a text with lower case, capitals name the
# app only where the command's frame puts its object ("restart CART", "logs for CART"), first after one verb.
_LOWER_CASE = LazyPattern(r"[a-z]")


def _loud_name(match: re.Match[str]) -> bool:
    token = match["name"]
    if len(token) < 3 or never_an_app(token.lower()) or _is_name(token.lower()) is False:
        return False
    text = match.string
    if _LOWER_CASE.search(text) is None:
        return True
    return (
        _LEAD_BEFORE.fullmatch(text, 0, match.start()) is not None
        or _OBJECT_OF_A_READ_BEFORE.search(text, _reach(match), match.start()) is not None
    )


# Letters standing alone between dots ("P.S.", "e.g.", "i.e.", "a.k.a."): an abbreviation of words, which
# a Kubernetes name (no dot in an app's name, never a one-letter part) cannot be.
_INITIALISM = LazyPattern(r"[A-Za-z](?:\.[A-Za-z])+")


# Hex of a commit id's length with letters and digits ("abc1234", "9f3e2a1b"): a commit, the one a
# correction replaced as much as the one asked for ("abc1234, actually def5678"); apps are named by words.
_COMMIT_ID = LazyPattern(r"(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}", re.I)


# Whether a word can name an app depends on the word alone: a long text repeats its words, and each is
# asked at every place it stands (a 500-letter text of one name repeated asked ~125 times).
@functools.lru_cache(maxsize=1024)
def _is_name(token: str) -> bool:
    return (
        len(token) > 1
        and _ACRONYM.fullmatch(token) is None
        and _INITIALISM.fullmatch(token) is None
        and _COMMIT_ID.fullmatch(token) is None
        and not token.isdigit()
        and _VERSION.fullmatch(token) is None
        and _AMOUNT.fullmatch(token) is None
        and not never_an_app(token)
    )


# Code, not a name: a call ("alert(1)") or an attribute ("onerror=", "src=x" when pasted after a tag was
# set aside). "replicas=4" and "--tail=40" are read before names are taken (quantities), so never reach here.
# Brackets holding nothing but Korean words are no call's arguments: a note on the name before them, what
# it is called in the user's words ("payment-api(결제)", "order-svc(주문 처리)"), which stays the name.
_CODE_AFTER = LazyPattern(r"\((?!\s*[가-힣][가-힣\s]*\))", needs=("(",))


# The words before a name that say what it is (a determiner, a subject and its copula) fit in this
# many characters: reading no further keeps a long command linear, one window per name.
_REACH = 60


def _reach(match: re.Match[str]) -> int:
    return max(0, match.start() - _REACH)


# A ticket or issue id: a tracker's key in capitals, a dash and its number ("INC-2041", "OPS-77"), or any
# word its tracker's noun labels ("ticket 4512", "티켓 ops-77", "inc-2041 건"). It names the incident
# the user works on, never an app, so a command with no other name still lacks its target.
_TICKET_ID = LazyPattern(r"[A-Z][A-Z0-9]{1,9}-\d+")
_TICKET_BEFORE = LazyPattern(
    r"\b(?:tickets?|issues?|jira|incidents?|티켓|이슈|인시던트)\s*(?:no\.?\s*|번호\s*)?#?\s*$",
    re.I,
    needs=("ticket", "issue", "jira", "incident", "티켓", "이슈", "인시던트"),
)
_TICKET_AFTER = LazyPattern(r"\s*(?:tickets?\b|issues?\b|티켓|이슈|건(?:으로|[은을이의도])?(?![가-힣]))", re.I)
_AFTER_TICKET = LazyPattern(r"(?<![\w-])[A-Z][A-Z0-9]{1,9}-\d+\s+$")
_ID_SHAPE = LazyPattern(r"[A-Za-z]+-\d+")


def _is_ticket(match: re.Match[str]) -> bool:
    token, text = match["name"], match.string
    if _TICKET_ID.fullmatch(token) is not None:
        return True
    if _TICKET_BEFORE.search(text, max(0, match.start() - 24), match.start()) is not None:
        return True
    return _ID_SHAPE.fullmatch(token) is not None and _TICKET_AFTER.match(text, match.end()) is not None


def tickets_in(text: str) -> frozenset[str]:
    """The words of ``text`` that are ticket or issue ids where they stand ("ticket ops-88", "INC-2041"):
    a clause that lends a name to another must not lend one, as it loses what marked it there."""
    return frozenset(match["name"] for match in _TOKEN.finditer(text) if _is_ticket(match))


# Where a deploy takes its code or image from when that is no branch: a code host or a registry ("from
# github", "dockerhub에서"), or nothing at all ("from scratch"). It names no app.
_SOURCES = frozenset(
    {"github", "gitlab", "bitbucket", "dockerhub", "docker", "hub", "registry", "ecr", "gcr", "ghcr", "quay", "harbor"}
    | {"artifactory", "nexus", "scratch", "source", "git", "repo", "repository"}
)
_SOURCE_BEFORE = LazyPattern(r"\bfrom\s+(?:the\s+)?(?:docker\s+)?$", re.I, needs=("from",))
_SOURCE_AFTER = LazyPattern(r"\s*(?:hub\s*)?(?:에서|으로부터|로부터)", needs=("에서", "부터"))
# The people a name belongs to ("of the payments team", "payments 팀의 X"): a team, its name beside its noun,
# is whose the app is, never a second app.
# (An organisation, "조직", is left out: on GitHub it owns repositories, so its name may be the owner's.)
_GROUPS = frozenset({"team", "teams", "squad", "squads", "crew", "crews"})
_GROUPS_KO = "팀|부서"
_GROUP_AFTER = LazyPattern(
    rf"\s*(?:(?:{'|'.join(sorted(_GROUPS))}|department|dept)(?![A-Za-z])|(?:{_GROUPS_KO})(?!장))",
    re.I,
    needs=(*_GROUPS, "department", "dept", "팀", "부서"),
)


def _source_or_group(match: re.Match[str]) -> bool:
    token, text = match["name"].lower(), match.string
    if token in _GROUPS or _GROUP_AFTER.match(text, match.end()) is not None:
        return True
    return token in _SOURCES and (
        _SOURCE_BEFORE.search(text, _reach(match), match.start()) is not None
        or _SOURCE_AFTER.match(text, match.end()) is not None
    )


def _names_something(match: re.Match[str]) -> bool:
    if _CODE_AFTER.match(match.string, match.end()) is not None:
        return False
    if _is_ticket(match):
        return False
    if _plain(match) and _AFTER_TICKET.search(match.string, _reach(match), match.start()):
        # "the OPS-311 fix", "SEC-77 rollback": a plain word after a ticket id is the ticket's noun.
        return False
    token = match["name"]
    text = match.string
    if _DETERMINER_BEFORE.search(text, _reach(match), match.start()) and (
        _OF_AFTER.match(text, match.end()) or _KIND_OF_AFTER.match(text, match.end())
    ):
        # "the new build of storefront": a determiner's noun heading an of-phrase; its object is the name.
        # So is a word before the phrase's kind word ("the current deployment of bed-board", "the main service
        # of billing"): it says which one of the named thing's, the of-phrase names it.
        return False
    if _describes_a_role(match) or _complement(match) or _describes_a_version(match) or _told_past(match):
        return False
    if _told_of_a_subject_to_someone(match):
        return False
    if _KUBECTL_BEFORE.fullmatch(text, 0, match.start()):
        # "kubectl top pods", "k rollout history web": the subcommand of a kubectl line is never a name.
        return False
    if _plain(match) and _INDEFINITE_BEFORE.search(text, _reach(match), match.start()):
        # "anything odd in …", "something weird with …": the adjective after an indefinite pronoun.
        return False
    if _plain(match) and _QUANTIFIER_BEFORE.search(text, _reach(match), match.start()):
        # "we need more headroom on web", "extra capacity for web": a quantity's noun, not an app.
        return False
    if _PLAIN_WORD.fullmatch(token.lower()) and _in_a_message(match):
        # "permission denied 에러가 X 로그에 찍혀": the words of an error's message are the error's, no app.
        return False
    if makes_an_adverb_with_in(token) and _IN_BEFORE.search(text, _reach(match), match.start()):
        # "restart web in parallel", "scale web to 3 in advance": an adverb made with "in" says how or when.
        return False
    opens = not text[: match.start()].strip()
    if opens and _PHRASAL_VERB_AFTER.match(text, match.end()) and _plain(match):
        # "fire up web", "dial down web to 2": a plain word opening the clause with its particle is
        # the clause's (phrasal) verb, never a name.
        return False
    if _PLAIN_WORD.fullmatch(token.lower()) and _framed(match):
        return False
    if _is_name(token):
        return True
    if _ACRONYM.fullmatch(token) is not None and _loud_name(match):
        return True
    # Modifying the kind word after it, as a determiner's noun ("the billing service", "the logs app") or
    # before a Korean kind word ("billing 앱", "status 앱"), a command word is a name; grammar, kind words
    # and the verbs of reading never are.
    labelled = _LABELLED_AFTER.match(text, match.end()) is not None and (
        _DETERMINER_BEFORE.search(text, _reach(match), match.start()) is not None
        or _KOREAN_KIND_AFTER.match(text, match.end())
    )
    # Introduced as a name, whatever the word: after the kind and a word of naming ("the app called logs", "앱 이름이
    # deploy인데", "이름이 status인 앱") or before the quotative and the kind ("status라는 앱").
    introduced = (
        _NAMING_BEFORE.search(text, _reach(match), match.start()) is not None
        or _QUOTED_KIND_AFTER.match(text, match.end()) is not None
    )
    return (labelled or introduced) and len(token) > 1 and not is_grammar_word(token) and not is_environment(token)


# Where a clause opens: the text's start, or after a clause's mark.
_CLAUSE_OPENS = LazyPattern(r"^\s*|[,;.!?]\s+")
# What opens the object right after a verb: a determiner, an object pronoun, or the particle of a phrasal verb.
_OBJECT_OPENS_AFTER = LazyPattern(
    r"\s+(?:the|a|an|me|us|it|its|them|this|that|these|those|our|my|your|their|some|all|any"
    r"|up|down|off|out|back|over|along|across|around)\b(?!['’])",
    re.I,
)
# Of those, the ones no subject is followed by ("web it's down", "api all pods failing" open with the subject): the
# definite article and the possessive or object pronouns ("share the logs", "send me the pods").
_DEFINITE_OBJECT_AFTER = LazyPattern(r"\s+(?:the|me|us|its|our|my|your|their)\b(?!['’])", re.I)


@functools.lru_cache(maxsize=64)
def _frames(text: str) -> tuple[tuple[int, int], ...]:
    """Where each request frame opening a clause of `text` starts and ends ("kindly ", "might I ask you to ",
    "I would be much obliged if you could ")."""
    lowered = text.lower()
    return tuple((opening.end(), request_frame(lowered, opening.end())) for opening in _CLAUSE_OPENS.finditer(lowered))


def _framed(match: re.Match[str]) -> bool:
    """A plain word of a request frame ("I would be much obliged if you could …": the frame says how the act is
    asked), or the word right after one, in the verb's place, when an object opens after it ("kindly share the
    logs …", "would you mind kicking off …"); with no frame, the word opening a clause before a definite object
    ("check and share the logs": "share the logs"). It is what the request asks, never what it is done to."""
    for start, end in _frames(match.string):
        if start <= match.start() and match.end() <= end:
            return True
        if match.start() == end:
            after = _OBJECT_OPENS_AFTER if end > start else _DEFINITE_OBJECT_AFTER
            return after.match(match.string, match.end()) is not None
    return False


# Two capitals that name a process or a people rather than a component ("PR 배포해줘" ships a pull request,
# "QA 재시작" restarts testing): never an app, even as the object of a change.
_INITIALISM_LENGTH = 2
_PROCESS_INITIALISMS = frozenset(
    {"pr", "mr", "qa", "ci", "cd", "id", "ip", "os", "vm", "pm", "it", "ai", "cs", "hr", "ux"}
)


def _initialism_object(match: re.Match[str]) -> bool:
    """Two capitals opening a change in a text written loud ("DB 재시작해줘", "RESTART DB"): the component the
    user calls by its initialism is the app, lower-cased as its name (three or more are read so anywhere)."""
    token = match["name"]
    return (
        len(token) == _INITIALISM_LENGTH
        and _ACRONYM.fullmatch(token) is not None
        and _LOWER_CASE.search(match.string) is None
        and _LEAD_BEFORE.fullmatch(match.string, 0, match.start()) is not None
        and token.lower() not in _PROCESS_INITIALISMS
        and not never_an_app(token.lower())
    )


def _scaled_object(match: re.Match[str]) -> bool:
    """What a scale verb opening a changing clause takes is an app's copies ("scale status to 3"); a read's
    noun there (read as a scale only with the count it goes to) is that app's name."""
    return (
        _READ_NOUN.fullmatch(match["name"]) is not None
        and _SCALED_OBJECT_BEFORE.fullmatch(match.string, 0, match.start()) is not None
    )


_SCALED_OBJECT_BEFORE = LazyPattern(r"\s*(?:please\s+)?(?:scale|resize)\s+(?:(?:up|down|out|in)\s+)?$", re.I)
_READ_NOUN = LazyPattern(r"status|state|logs?|info|details", re.I)
_KUBECTL_BEFORE = LazyPattern(r"\s*(?:\$\s*)?(?:kubectl|k)\s+(?:rollout\s+)?", re.I)
_QUANTIFIER_BEFORE = LazyPattern(
    r"\b(?:more|less|fewer|extra|enough|additional)\s+$",
    re.I,
    needs=("more", "less", "fewer", "extra", "enough", "additional"),
)
_INDEFINITE_BEFORE = LazyPattern(
    r"\b(?:anything|something|nothing|everything)\s+$",
    re.I,
    needs=("anything", "something", "nothing", "everything"),
)
_PHRASAL_VERB_AFTER = LazyPattern(r"\s+(?:up|down|back|out|off)\s+\S", re.I)
_IN_BEFORE = LazyPattern(r"\bin\s+$", re.I, needs=("in",))
# An error's message quoted bare before the noun of the fault it names ("permission denied 에러", "connection
# refused error", "file not found 오류"): an English clause, two to five plain words, one of them a participle
# or a word of negation, so that it says what happened; a name is one word, and "cart api 에러" names an app.
_MESSAGE = LazyPattern(
    r"(?<![\w.-])(?=(?:[a-z]+\s+){0,4}(?:[a-z]+ed|not|no|such|out)\b)(?:[a-z]+\s+){1,4}[a-z]+"
    r"\s*(?=(?:에러|오류|예외|메시지|메세지|경고|errors?\b|exceptions?\b|messages?\b))",
    re.I,
    needs=("에러", "오류", "예외", "메시지", "메세지", "경고", "error", "exception", "message"),
)
_MESSAGE_REACH = 48


def _in_a_message(match: re.Match[str]) -> bool:
    text = match.string
    found = _MESSAGE.search(text, max(0, match.start() - _MESSAGE_REACH), min(len(text), match.end() + _MESSAGE_REACH))
    return found is not None and found.start() <= match.start() and match.end() <= found.end()


# "the api thing", "the billing thingy": a filler noun labels what it follows as a kind word does.
_LABELLED_AFTER = LazyPattern(
    r"\s*(?:service|app|application|deployment|thing(?:y|ie)?|서비스|앱|애플리케이션|어플리케이션|디플로이먼트)(?![A-Za-z])",
    re.I,
)
_NAMING_BEFORE = LazyPattern(
    rf"(?:(?<![A-Za-z0-9_-])(?:{_KIND_ALTERNATION})\s+(?:named|called)|(?:이름|name)\s*(?:이|은|는|:))\s*$",
    re.I,
    needs=("named", "called", "이름", "name"),
)
_QUOTED_KIND_AFTER = LazyPattern(
    rf"\s*(?:{_QUOTATIVE})\s*(?:{_KIND_ALTERNATION})(?![A-Za-z])", re.I, needs=("라", "란")
)
# A Korean kind word, not one carrying the request's verb ("deploy 앱해줘" deploys the app, named nowhere).
_KOREAN_KIND_AFTER = LazyPattern(r"\s*[가-힣](?![가-힣]*(?:해|하|줘|주세요))")
_DETERMINER_BEFORE = LazyPattern(
    r"\b(?:the|our|my|their|a|an|its)\s+(?:(?:new|latest|last|current|previous)\s+)?"
    r"(?:(?:deployment|deploy|service|pod|app|release|rollout)\s+)?$",
    re.I,
    needs=("its", "our", "the", "my", "a"),
)
_OF_AFTER = LazyPattern(r"\s+(?:of|for)\s+[A-Za-z0-9]", re.I)
_KIND_OF_AFTER = LazyPattern(
    r"\s+(?:service|app|application|deployment|pod)s?\s+of\s+(?:the\s+)?[A-Za-z0-9]", re.I, needs=("of",)
)


# A role, not a name: a plain word (letters only, no kind word after it) after a definite article or
# a possessive ("restart the backend", "our frontend needs 4 replicas"), or before "server"/"서버"
# ("메인 api 서버", "the web server"). Which app plays that role is the user's to say; names written as
# names ("the api-server", "queue-worker 서버") and labelled ones ("the billing service") stay names.
_ROLE_ARTICLE_BEFORE = LazyPattern(r"\b(?:the|our|my|your|their)\s+$", re.I)
# The parts every system has, a tier or a component's job ("the backend", "our database", "the workers"):
# which app plays one is the user's to say. Any other word after the article as the object of a change
# verb is what the user calls the app ("scale the matchmaker", "restart our leaderboard"); elsewhere ("after
# the approval", "do the needful") it is still no name.
# The noun phrase ends with the word ("scale the matchmaker.", "restart the ledger to fix it"); one going on
# ("the slow one", "the payments team") has the word describe its head, which names the thing.
_PHRASE_ENDS_AFTER = LazyPattern(
    r"\s*(?:$|[.,!?;:)]|[가-힣]|\d|\b(?:to|in|on|at|from|for|with|by|and|but|please|pls|now|again|too|back|up"
    r"|down|asap|already|first|then|so|because|since|as|before|after|if|when|real|right)\b)",
    re.I,
)
_CHANGED_BEFORE = LazyPattern(
    r"\b(?:scale|resize|restart|reboot|bounce|deploy|redeploy|ship|promote|roll\s*back|rollback|revert)"
    r"\s+(?:(?:up|down|out|in)\s+)?(?:the|our|my|your|their)\s+$",
    re.I,
)
_ROLE_NOUN_AFTER = LazyPattern(r"\s*(?:서버|servers?\b)", re.I)
_PLAIN_WORD = LazyPattern(r"[a-z]+")


def _plain(match: re.Match[str]) -> bool:
    """The token is a plain word, lower-case letters only; in a text written loud ("SCALE X TO 6 WE ARE GETTING
    HAMMERED") capitals set nothing apart, so its words are read as their lower-case selves."""
    token = match["name"]
    if _PLAIN_WORD.fullmatch(token) is not None:
        return True
    return _LETTERS.fullmatch(token) is not None and _LOWER_CASE.search(match.string) is None


# A plain word after a subject and its copula says what the subject is or does ("dm-relay is stuck",
# "api keeps crashing", "worker seems hung"): a complement, never a second name. After a question
# word the word is the subject itself ("how is web doing?").
_COPULA_BEFORE = LazyPattern(
    r"(?:(?<![A-Za-z0-9_.-])(?!(?:what|whats|how|hows|which|where|who|why|when)\b)[A-Za-z0-9][\w.-]*\s+"
    # "it would be great if …", "it'd be nice if …": the infinitive copula after a modal says how the act is judged.
    r"(?:is|are|was|were|be|been|seems?|looks?|keeps?|kept|got|gets|went)"
    # "it's leaking memory", "they're stuck": the copula contracted onto a pronoun.
    r"|\b(?:it|that|this|he|she|they|we)'(?:s|re)"
    # A question puts the copula before its subject ("why is X so slow", "is X still stuck?"): the word after
    # the subject is still what the subject is.
    r"|(?:^|[,.;!?]\s*|\b(?:why|how)\s+)(?:is|are|was|were)\s+(?:the\s+)?[A-Za-z0-9][\w.-]*)\s+"
    # "we are getting hammered", "X is getting slammed": the passive or inchoative "get" after the copula.
    r"(?:(?:still|again|totally|completely|really|so|being|getting|just|now|all|kind\s+of)\s+)*$",
    re.I,
    needs=("is", "are", "was", "were", "be", "seem", "look", "keep", "kept", "got", "gets", "went", "'s", "'re"),
)


# A regular past opening its clause, before the preposition of where or how it happened ("tested in staging, …",
# "we tested on dev, …", "checked with QA, …"): a verb telling what was done, never a name. (A doubled e is a
# noun's, "feed", "seed"; the past adds -ed to a stem: "tested", "rolled".)
# A compound verb's past keeps its hyphen ("fat-fingered", "hot-fixed", "double-clicked").
_REGULAR_PAST = LazyPattern(r"(?:[a-z]+-)*[a-z]{2,}[^e\W]ed", re.I)
_CLAUSE_OPENS_BEFORE = LazyPattern(r"(?:^|[,.;!?]|\b(?:we|i|they|it|qa))\s*$", re.I)
_PREPOSITION_AFTER = LazyPattern(r"\s+(?:in|on|at|to|into|from|with|by|for|against)\b", re.I)
# A person or a pronoun as the subject right before the word, maybe with an adverb or auxiliary between ("someone
# fat-fingered X up to 8", "we hot-fixed X", "the last 40 lines it logged", "what we just deployed"): the regular
# past is that subject's verb, whatever it takes as its object and wherever the clause stands.
_PERSON_SUBJECT_BEFORE = LazyPattern(
    r"(?<![\w'-])(?:i|we|they|he|she|it|you|someone|somebody|nobody|everyone|everybody)\s+"
    r"(?:(?:just|already|ever|last|have|has|had)\s+)?$",
    re.I,
    needs=("i", "we", "they", "he", "she", "it", "you", "one", "body"),
)


# A subject right before the word, a person or a noun phrase with its determiner ("the developer", "my manager"),
# and a person as its object right after ("… gave me that code", "my lead sent us the hash"): the word is the verb
# of a clause telling what someone did for the speaker, whatever its form (gave, sent, told), never a name.
_SUBJECT_PHRASE_BEFORE = LazyPattern(
    r"(?:\b(?:the|my|our|your|his|their)\s+[a-z]+|(?<![\w'-])(?:i|we|they|he|she|someone|somebody))"
    r"\s+(?:(?:just|already|also|even)\s+)?$",
    re.I,
)
_PERSON_OBJECT_AFTER = LazyPattern(r"\s+(?:me|us|him|them)\b(?!['’])", re.I, needs=("me", "us", "him", "them"))


def _told_of_a_subject_to_someone(match: re.Match[str]) -> bool:
    return (
        _plain(match)
        and _PERSON_OBJECT_AFTER.match(match.string, match.end()) is not None
        and _SUBJECT_PHRASE_BEFORE.search(match.string, _reach(match), match.start()) is not None
    )


def _told_past(match: re.Match[str]) -> bool:
    token, text = match["name"], match.string
    if not token.endswith(("ed", "ED", "Ed")):
        return False  # the cheap test first: it is asked of every word of a long text
    if _REGULAR_PAST.fullmatch(token) is None:
        return False
    if _PERSON_SUBJECT_BEFORE.search(text, _reach(match), match.start()) is not None:
        return True
    return (
        _PREPOSITION_AFTER.match(text, match.end()) is not None
        and _CLAUSE_OPENS_BEFORE.search(text, _reach(match), match.start()) is not None
    )


_COPULA = LazyPattern(r"(?:seems?|looks?|keeps?|kept|gets|went)", re.I)
_SUBJECT_BEFORE = LazyPattern(r"(?<![A-Za-z0-9_.-])[A-Za-z0-9][\w.-]*\s+$")


# "its throwing 502s": "it's" typed without its apostrophe before a present participle (the possessive "its"
# heads a noun, never a verb's -ing form).
_ITS_BEFORE = LazyPattern(r"\bits\s+$", re.I, needs=("its",))
_PARTICIPLE = LazyPattern(r"[a-z]{2,}ing", re.I)
# "X sitting on 4 replicas", "have it running at 3": a participle right after the name or pronoun it tells of,
# before the preposition of where or at what it is.
_TOLD_OF_BEFORE = LazyPattern(r"(?:[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+|\b(?:it|them))\s+$", re.I)
# "X is meant to sit at 3", "it ought to stay at 2": the bare infinitive after a verb's "to" (a wish, a need, a
# duty) is a verb, never a name.
_INFINITIVE_BEFORE = LazyPattern(
    r"\b(?:meant|supposed|ought|has|have|had|need|needs|want|wants)\s+to\s+$"
    # "I want X to sit at 4", "we'd like it to stay at 2": the wish's object, then its infinitive.
    r"|\b(?:want|wants|need|needs|like|expect|expects)\s+(?:it|them|[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+)\s+to\s+$",
    re.I,
    needs=("to",),
)


def _complement(match: re.Match[str]) -> bool:
    """The complement after a subject's copula, or that copula itself ("api seems hung"); a participle telling of
    the name before it ("X sitting on 4 replicas"), or "it's" progressive ("its throwing 502s"); an infinitive."""
    if not _plain(match):
        return False
    text, start = match.string, match.start()
    if _COPULA.fullmatch(match["name"]) is not None and _SUBJECT_BEFORE.search(text, _reach(match), start) is not None:
        return True
    if _INFINITIVE_BEFORE.search(text, _reach(match), start) is not None:
        return True
    if _PARTICIPLE.fullmatch(match["name"]) is not None and (
        _ITS_BEFORE.search(text, _reach(match), start) is not None
        or (
            _TOLD_OF_BEFORE.search(text, _reach(match), start) is not None
            and _PREPOSITION_AFTER.match(text, match.end()) is not None
        )
    ):
        return True
    return _COPULA_BEFORE.search(text, _reach(match), start) is not None


# A plain word between an article or ordinal and a version's noun says which version ("the last good
# version", "a stable release"): it describes the version, it names no app.
_ORDINAL_BEFORE = LazyPattern(
    r"\b(?:the|a|an|last|latest|previous|prior|earlier|older|old|most recent)\s+$",
    re.I,
    needs=("the", "a", "last", "latest", "previous", "prior", "earlier", "old", "most recent"),
)
_VERSION_NOUN_AFTER = LazyPattern(r"\s+(?:versions?|releases?|builds?|commits?|revisions?|images?|tags?)\b", re.I)


def _describes_a_version(match: re.Match[str]) -> bool:
    if not _plain(match):
        return False
    text = match.string
    return (
        _VERSION_NOUN_AFTER.match(text, match.end()) is not None
        and _ORDINAL_BEFORE.search(text, 0, match.start()) is not None
    )


def _describes_a_role(match: re.Match[str]) -> bool:
    token = match["name"]
    if not _plain(match):
        return False
    text = match.string
    if _ROLE_NOUN_AFTER.fullmatch(token) is not None:
        # "server" itself is the role's noun ("the web server"), never an app's name.
        return True
    if _ROLE_NOUN_AFTER.match(text, match.end()) is not None and (
        _ENGLISH_SERVER_AFTER.match(text, match.end()) is not None
        or _MODIFIER_BEFORE.search(text, _reach(match), match.start()) is not None
    ):
        # "the web server", "메인 api 서버", "인증 api 서버": a word describing the server's role; the bare word
        # before 서버 ("auth 서버 재시작해줘") is the app that server runs, labelled with its kind.
        return True
    if (
        not is_role_word(token)
        and _CHANGED_BEFORE.search(text, _reach(match), match.start()) is not None
        and _PHRASE_ENDS_AFTER.match(text, match.end()) is not None
    ):
        return False
    if _FILLER_NOUN_AFTER.match(text, match.end()) is not None:
        # "the api thing", "that web stuff": a vague noun labels the word before it, which names the app.
        return False
    return (
        _ROLE_ARTICLE_BEFORE.search(text, _reach(match), match.start()) is not None
        and _KIND_AFTER.match(text, match.end()) is None
        and _LABELLED_AFTER.match(text, match.end()) is None
        and _ROLE_NOUN_AFTER.match(text, match.end()) is None
    )


_ENGLISH_SERVER_AFTER = LazyPattern(r"\s*servers?\b", re.I)
# A Korean noun or an adjective before the word: it says which server ("메인 api 서버", "결제 web 서버").
_MODIFIER_BEFORE = LazyPattern(r"[가-힣]\s*$|\b(?:main|primary|internal|external)\s+$", re.I)
_FILLER_NOUN_AFTER = LazyPattern(r"\s+(?:thing|things|thingy|thingie|stuff)\b", re.I)


# "the endpoint for billing", "logs of pricing": after the noun a read is about and "for"/"of", a
# topic noun says whose that thing is; it names the app, and asks for no read of its own.
_OBJECT_OF_A_READ_BEFORE = LazyPattern(
    r"\b(?:endpoints?|urls?|address(?:es)?|logs?|status|health|pods?|deployments?|services?|ingress(?:es)?)"
    r"\s+(?:for|of)\s+(?:the\s+)?$",
    re.I,
    needs=("for", "of"),
)


# "billing 로그", "show billing logs", "billing pod 상태", "get deployment billing": a domain noun before
# another read's noun, or after a resource's kind word, names whose that read is; what is read is not
# a cost ("billing 비용", "billing cost" stay cost requests).
# So does a possessive before that noun ("billing's pods": whose pods they are).
_OTHER_READ_AFTER = LazyPattern(
    r"\s*(?:로그|상태|엔드포인트|주소|접속|파드|포드|롤백|배포|디플로이먼트|서비스|앱|이벤트|헬스)"
    r"|(?:['’]s)?\s+(?:logs?|status|state|health|endpoints?|urls?|address(?:es)?|pods?|rollbacks?|deployments?"
    r"|services?|events?|ingress(?:es)?)\b",
    re.I,
)
_RESOURCE_KIND_BEFORE = LazyPattern(
    r"\b(?:deployment|deploy|pod|service|app|디플로이먼트|파드|서비스|앱)\s+$",
    re.I,
)


# What no cost has, logs and an address ("cost 로그", "cost endpoint"): before it any topic noun, even a
# quantity's ("cost", "spend"), names whose it is.
_NO_COST_READ_AFTER = LazyPattern(
    r"\s*(?:로그|엔드포인트|접속\s*(?:주소|url|정보|링크)|주소|url|링크|도메인)(?!\s*별)"
    r"|\s+(?:logs?|endpoints?|urls?|address(?:es)?|domains?)\b",
    re.I,
)


def _domain_named(match: re.Match[str]) -> bool:
    text = match.string
    if not is_domain_noun(match["name"]):
        return is_topic_noun(match["name"]) and _NO_COST_READ_AFTER.match(text, match.end()) is not None
    return (
        _OTHER_READ_AFTER.match(text, match.end()) is not None
        or _RESOURCE_KIND_BEFORE.search(text, _reach(match), match.start()) is not None
    )


# A word before a kind word may say which of them are meant rather than what they are called: by their state
# ("pending 파드", "evicted pods", "zombie 파드"), by their rank ("the busiest service", "the noisiest pods")
# or place in time ("latest 앱", "previous 앱"), or by a state denied ("unhealthy 파드", "unready pods"). Or it
# is made the predicate of a Korean relative clause on the kind word, with the copula or a light verb in its
# adnominal form ("pending인 pod", "busy한 서비스", "Evicted 된 파드들", "OOM 난 파드", "CrashLoopBackOff
# 걸린 파드", "running 중인 pod", "OOM 난 billing 파드"). Either way it describes them: which app they are is
# still unsaid, or said by the name beside the kind word.
# So is the verb of a clause a wh-determiner opens on the kind word ("whichever service broke", "which pod
# crashed"): it says what those did. (A name written as a name, with a digit or a dash, is never a
# description; "이름이 X인 파드" names it.)
# A rank by morphology: the superlative of an adjective in -y ("busiest", "healthiest"), an ending no noun has
# past "priest"; other superlatives share theirs with names ("ingest", "suggest").
_RANKED = LazyPattern(r"[a-z]{3,}iest", re.I)
_ORDINALS = frozenset({"last", "latest", "previous", "prior", "current", "next", "newest", "oldest", "earliest"})
_DENIED = LazyPattern(r"(?:un|non-?|not-?)(?P<stem>[a-z]{3,})", re.I)
_RELATIVE_ON_KIND_AFTER = LazyPattern(
    rf"\s?(?:(?:상태|중)\s?)?(?:인|한|된|난|걸린|하는|되는|나는)\s*"
    rf"(?:[A-Za-z0-9][\w.-]*(?![\w.-])|(?:{_KIND_ALTERNATION})(?![A-Za-z]))",
    re.I,
    needs=("인", "한", "된", "난", "걸린", "하는", "되는", "나는"),
)
_WH_KIND_BEFORE = LazyPattern(
    rf"\b(?:whichever|whatever|which)\s+(?:{_KIND_ALTERNATION})\s+$", re.I, needs=("which", "whatever")
)
_CALLED_BEFORE = LazyPattern(r"(?:이름|name)\s*(?:이|은|는|:)?\s*$", re.I, needs=("이름", "name"))


_LETTERS = LazyPattern(r"[A-Za-z]+")
_NAME_AFTER = LazyPattern(r"\s+[A-Za-z0-9][\w.-]*(?![\w.-])")


def _denies_a_state(token: str) -> bool:
    denied = _DENIED.fullmatch(token)
    return denied is not None and is_workload_state(denied["stem"])


def _describes_its_kind(match: re.Match[str]) -> bool:
    token, text = match["name"], match.string
    denies_a_state = _denies_a_state(token)
    if not (denies_a_state or _LETTERS.fullmatch(token)) or _CALLED_BEFORE.search(text, _reach(match), match.start()):
        return False
    if _RELATIVE_ON_KIND_AFTER.match(text, match.end()) or _WH_KIND_BEFORE.search(text, _reach(match), match.start()):
        return True
    # A state after the kind said as many is what they are ("only 2/5 pods ready", "services degraded"): the
    # plural names none of them (one is named in the singular, "pod nginx").
    plural = _KIND_BEFORE.search(text, _reach(match), match.start())
    if plural is not None and _PLURAL_KIND.fullmatch(plural["kind"]) and (denies_a_state or is_workload_state(token)):
        return True
    # The kind word may follow the name the word describes ("unready ledger 파드", "the evicted cart pods").
    head = _NAME_AFTER.match(text, match.end())
    before_a_kind = (
        _KIND_AFTER.match(text, match.end()) is not None
        or _LABELLED_AFTER.match(text, match.end()) is not None
        or (head is not None and _KIND_AFTER.match(text, head.end()) is not None)
    )
    return before_a_kind and (
        denies_a_state or is_workload_state(token) or token.lower() in _ORDINALS or _RANKED.fullmatch(token) is not None
    )


def take_names(masked: MaskedText, changing: bool = False, topic_named: bool = False) -> list[Name]:
    """Every remaining token that can only be a name, with the kind word written beside it.

    `changing`: the clause's predicate changes something (deploy, scale, restart, rollback). A noun
    that names what a read is about ("billing", "cost") cannot be what is changed, so in such a
    clause it is a name ("restart billing", "billing 복구해줘").

    `topic_named`: the sentence asks an act or a read and nothing about cost, so a domain's noun in it
    ("billing", "pricing", "usage") names an app."""
    text = masked.text

    def accept(match: re.Match[str]) -> bool:
        if _source_or_group(match) or _describes_its_kind(match):
            return False
        if _names_something(match):
            return True
        if changing and (_scaled_object(match) or _initialism_object(match)):
            return True
        # Before a read's noun ("DB 로그", "DB 상태") the initialism names whose that read is, as it names
        # what a change opening the text acts on.
        if _initialism_object(match) and _OTHER_READ_AFTER.match(match.string, match.end()) is not None:
            return True
        if not is_topic_noun(match["name"]) or _CODE_AFTER.match(match.string, match.end()) is not None:
            return False
        if changing or _domain_named(match) or (topic_named and is_domain_noun(match["name"])):
            return True
        return _OBJECT_OF_A_READ_BEFORE.search(text, _reach(match), match.start()) is not None

    matches = masked.take_all(_TOKEN, accept)
    kinds = [_kind_of(text, match.start(), match.end()) for match in matches]
    return [
        Name(
            value=match["name"],
            kind=kind,
            marked=_PARTICLE_AFTER.match(text, match.end()) is not None,
            lead=_LEAD_BEFORE.match(text[: match.start()]) is not None,
            trailing=_TRAILING_AFTER.match(text, match.end()) is not None,
            scoped=_SCOPE_BEFORE.search(text, _reach(match), match.start()) is not None,
            governed=_GOVERNED_AFTER.match(text, match.end()) is not None
            or _SUPPOSED_AFTER.match(text, match.end()) is not None,
            at=_AT_AFTER.match(text, match.end()) is not None,
            shared_kind=index > 0
            and kinds[index - 1] == "located"
            and _KIND_BETWEEN.fullmatch(text, matches[index - 1].end(), match.start()) is not None,
        )
        for index, (match, kind) in enumerate(zip(matches, kinds, strict=True))
    ]
