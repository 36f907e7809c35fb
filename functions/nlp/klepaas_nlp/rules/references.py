"""Things a command points at by their own syntax: repositories, branches, images, commits, namespaces."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from klepaas_nlp.arguments import ENVIRONMENT_WORDS
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.places import meant_place, only_dating, only_sources
from klepaas_nlp.rules.scan import MaskedText
from klepaas_nlp.rules.vocabulary import (
    ENVIRONMENT_KEYS,
    ENVIRONMENT_TOKEN,
    SHARED_BRANCHES,
    WELL_KNOWN_NAMESPACES,
    is_function_word,
    is_stopword,
    is_topic_noun,
    makes_an_adverb_with_in,
)

_PARTICLE = r"(?:\s*(?:를|을|는|은|가|이|로|으로))?"
_NAME = r"[A-Za-z0-9][A-Za-z0-9-]*"

# Compiled when first needed, and not run on a text without the words every match holds (see
# klepaas_nlp.rules.lazy): most commands name no URL, image, branch, commit or namespace.
# Over HTTPS or SSH ("git@github.com:owner/repo.git"): the repository, without its ".git"; a commit's
# page ("…/commit/a1b2c3d") names the commit too.
_GITHUB_URL = LazyPattern(
    r"(?:(?:https?://|ssh://git@)?(?:www\.)?github\.com/|git@github\.com:)"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9_.-]*?[A-Za-z0-9_-])(?:\.git)?(?![A-Za-z0-9_.-])"
    r"(?:/commits?/(?P<sha>[0-9a-fA-F]{7,40})(?![A-Za-z0-9_-]))?(?:/\S*)?",
    re.IGNORECASE,
    needs=("github.com",),
)
_OTHER_URL = LazyPattern(r"https?://\S+", re.IGNORECASE, needs=("http",))
# A registry host may carry a port ("registry.local:5000/"): that colon is no tag.
# A registry host with a port, or with dots (which may start with a digit: an account's ECR host).
_REGISTRY = r"(?:[A-Za-z0-9][A-Za-z0-9.-]*:[0-9]{1,5}/|[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+/)?"
# A tag never ends with a dot: one after it ends the sentence ("The image is web:2.0.4.").
_TAG = r"(?::[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?)"
_IMAGE_REF = (
    rf"(?<![A-Za-z0-9._/:-])(?P<image>{_REGISTRY}[A-Za-z0-9][A-Za-z0-9._/-]*"
    rf"{_TAG}?(?:@sha256:[0-9a-f]{{64}})?)"
)
_IMAGES = (
    # A typed reference (name:tag, registry/name:tag, a digest) is an image wherever it stands.
    LazyPattern(
        rf"(?<![A-Za-z0-9_./:-])(?P<image>{_REGISTRY}[A-Za-z][A-Za-z0-9._/-]*"
        rf"(?:{_TAG}(?:@sha256:[0-9a-f]{{64}})?|@sha256:[0-9a-f]{{64}}))(?![A-Za-z0-9_/-])",
        needs=(":",),
    ),
    # The word itself, not a part of a name ("MarketHub/image-resizer" is a repository, no image label).
    LazyPattern(rf"{_IMAGE_REF}\s*(?:image(?![\w.-])|이미지)", re.IGNORECASE, needs=("image", "이미지")),
    LazyPattern(
        rf"(?:(?<![\w./-])image|이미지){_PARTICLE}\s*[:=]?\s*{_IMAGE_REF}", re.IGNORECASE, needs=("image", "이미지")
    ),
)
_KEY_VALUE_WORDS = frozenset({"replicas", "replica", "lines", "namespace", "ns", "branch", "tail", "image"})
_BRANCH_REF = r"(?<![A-Za-z0-9._/-])(?P<branch>[A-Za-z0-9][A-Za-z0-9._/-]*[A-Za-z0-9_-]|[A-Za-z0-9])"
_SLASHED_BRANCH = (
    r"(?<![A-Za-z0-9._/-])(?P<branch>[A-Za-z][A-Za-z0-9._-]*/[A-Za-z0-9._/-]*[A-Za-z0-9_-])(?![A-Za-z0-9_/-])"
)
# main is the default branch: "from main" says no more than a deploy does, and adds no argument.
_SHARED_BRANCH = (
    rf"(?<![A-Za-z0-9._/-])(?P<branch>{'|'.join(b for b in SHARED_BRANCHES if b != 'main')})(?![A-Za-z0-9_/-])"
)
_BRANCHES = (
    # A name with a slash right after the word is the branch ("브랜치 release/2026.12", "branch hotfix/x"),
    # never an owner/repo, and the name before the Korean word is then the app's ("X 브랜치 release/1.2").
    LazyPattern(
        rf"(?:\bbranch|브랜치){_PARTICLE}\s*[:=]?\s*(?<![A-Za-z0-9._/-])(?P<branch>[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._/-]*"
        r"[A-Za-z0-9_-])",
        re.IGNORECASE,
        needs=("branch", "브랜치"),
    ),
    # Korean names the branch before the word ("feature/login 브랜치로"), English after it ("branch dev").
    LazyPattern(rf"{_BRANCH_REF}\s*브랜치", re.IGNORECASE, needs=("브랜치",)),
    # "feature-x branch로": the English word with a Korean particle is in Korean order, its name before it.
    LazyPattern(rf"{_BRANCH_REF}\s*branch(?=\s?(?:으로|로|에서|에|을|를|은|는|의))", re.IGNORECASE, needs=("branch",)),
    LazyPattern(rf"\bbranch{_PARTICLE}\s*[:=]?\s*{_BRANCH_REF}", re.IGNORECASE, needs=("branch",)),
    # After the Korean word only its topic or subject is its name ("브랜치는 dev"): "브랜치로 X 배포" goes
    # from the branch (named elsewhere) and X is what is deployed.
    LazyPattern(rf"브랜치(?:\s*(?:를|을|는|은|가|이))?\s*[:=]?\s*{_BRANCH_REF}", re.IGNORECASE, needs=("브랜치",)),
    LazyPattern(rf"{_BRANCH_REF}\s*branch\b", re.IGNORECASE, needs=("branch",)),
    # A slashed name a change is taken from ("deploy X from feature/login") or is a version of ("deploy
    # release/1.2 of X") is a branch, never an owner/repo: a repository is the thing deployed, not its source.
    LazyPattern(rf"\bfrom\s+{_SLASHED_BRANCH}", re.IGNORECASE, needs=("from",)),
    LazyPattern(rf"{_SLASHED_BRANCH}\s+of\s+(?=[A-Za-z0-9])", re.IGNORECASE, needs=("of",)),
    LazyPattern(rf"{_SLASHED_BRANCH}\s*에서", re.IGNORECASE, needs=("에서",)),
    # So is a branch every repository has, without the word ("deploy X from develop", "X를 develop에서 배포").
    LazyPattern(rf"\bfrom\s+(?:the\s+)?{_SHARED_BRANCH}", re.IGNORECASE, needs=("from",)),
    LazyPattern(rf"{_SHARED_BRANCH}\s*(?:에서|으로부터|로부터)", re.IGNORECASE, needs=("에서", "부터")),
)
# A GitHub owner has no dot: "deployment.apps/web" is kubectl's TYPE.GROUP/NAME, a kind with its API group.
_REPOSITORY = LazyPattern(
    r"(?<![A-Za-z0-9_./:-])(?P<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})(?P<group>(?:\.[a-z0-9-]+)+)?"
    r"/(?P<repo>[A-Za-z0-9_.-]*[A-Za-z0-9_-])(?![A-Za-z0-9_/-])",
    needs=("/",),
)
# A slash joins an owner and a repository only when both sides have their shape. It also joins the two
# numbers of a ratio, a date or a pair of codes ("READY 3/3", "11/30", "24/7", "502/503": an owner is never
# digits alone, nor a repository), two abbreviations that are alternatives ("A/B", "TCP/UDP", "CI/CD": a
# repository is named in words, not in capitals alone on both sides), a path's version ("api/v1": a version
# numbers a release, it names no repository), an issue key ("ops/INC-77": a project's capitals and the
# issue's number) and a unit after its number ("50 req/s"). Branch families and kind prefixes are read first.
_ABBREVIATION = LazyPattern(r"[A-Z][A-Z0-9]*")
_VERSION_SEGMENT = LazyPattern(r"v[0-9]+(?:\.[0-9]+)*", re.IGNORECASE)
_ISSUE_KEY = LazyPattern(r"[A-Z][A-Z0-9]*-[0-9]+")
_NUMBER_BEFORE = LazyPattern(r"(?<![\w.,])[0-9]+(?:[.,][0-9]+)?\s*$")


def _joins_owner_and_repository(match: re.Match[str]) -> bool:
    owner, repo = match["owner"], match["repo"]
    return not (
        owner.isdigit()
        or repo.isdigit()
        or (_ABBREVIATION.fullmatch(owner) is not None and _ABBREVIATION.fullmatch(repo) is not None)
        or _VERSION_SEGMENT.fullmatch(repo) is not None
        or _ISSUE_KEY.fullmatch(repo) is not None
        or _NUMBER_BEFORE.search(match.string, max(0, match.start() - 12), match.start()) is not None
    )


# Two plain lower-case words joined by a slash, and a name written as one: a word and a dash or a digit.
_WORD_PAIR = LazyPattern(r"[a-z]+/[a-z]+")
_WRITTEN_AS_A_NAME = LazyPattern(r"(?=[a-z0-9-]*[-0-9])[a-z][a-z0-9-]*[a-z0-9]")


def yield_to_a_name(found: References, names: Iterable[str]) -> None:
    """Two plain words joined by a slash are an owner and a repository, or two alternatives ("read/write
    타임아웃", "input/output 에러", "a read/write timeout"): the shape alone does not say which. Beside a name
    written as one ("geo-api", "shop2"), which the command names its target by, they are the alternatives
    that describe what is wrong, and the repository is dropped; alone ("deploy acme/web") they are the
    repository."""
    if found.repository_in_words and any(_WRITTEN_AS_A_NAME.fullmatch(name.lower()) for name in names):
        found.repository, found.repository_in_words = None, False


# An owner/repo said, not written with its slash. A GitHub owner may have capitals, which a Kubernetes name
# (an app, a namespace) never has: "K-Le-PaaS의 test01", "K-Le-PaaS / test01"; any name is an owner when
# an organisation's noun says so ("acme 조직의 shop 레포"), and a repository when "repo" says so ("deploy repo
# shop owned by acme").
_CASED_OWNER = r"(?P<owner>(?=[A-Za-z0-9-]*[A-Z])(?=[A-Za-z0-9-]*[a-z])[A-Za-z0-9][A-Za-z0-9-]{0,38})"
_ANY_OWNER = r"(?P<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})"
_REPO_NAME = r"(?P<repo>[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z0-9])"
_ORG_NOUN = r"(?:조직|org|organization|organisation|오거나이제이션|계정|account)"
_REPO_NOUN = r"(?:레포지토리|레포|리포지토리|리포|저장소|repository|repo)"
_OWNER_LABEL = r"(?<![A-Za-z0-9_-])(?:github[_ ]?)?(?:owner|org|organi[sz]ation|소유자|오너|조직)"
_REPO_LABEL = r"(?<![A-Za-z0-9_-])(?:github[_ ]?)?(?:repo|repository|레포|리포|저장소)"
_SPOKEN_REPOSITORIES = (
    LazyPattern(rf"(?<![A-Za-z0-9_./:-]){_CASED_OWNER}(?:\s+/\s*|\s*/\s+){_REPO_NAME}(?![A-Za-z0-9_/-])", needs=("/",)),
    LazyPattern(
        rf"(?<![A-Za-z0-9_./:-]){_CASED_OWNER}\s*(?:{_ORG_NOUN}\s*)?의\s+{_REPO_NAME}(?![A-Za-z0-9_/-])",
        needs=("의",),
    ),
    LazyPattern(
        rf"(?<![A-Za-z0-9_./:-]){_ANY_OWNER}\s*{_ORG_NOUN}\s*의\s+{_REPO_NAME}(?![A-Za-z0-9_/-])",
        re.IGNORECASE,
        needs=("의",),
    ),
    LazyPattern(
        rf"\b{_REPO_NOUN}\s+{_REPO_NAME}\s+(?:owned\s+by|of|under)\s+(?:the\s+)?(?:{_ORG_NOUN}\s+)?"
        rf"{_ANY_OWNER}(?![A-Za-z0-9_/-])",
        re.IGNORECASE,
        needs=("repo", "레포", "리포", "저장소"),
    ),
    # An owner given as a labelled field beside the repository: "test01 (owner: Acme)", "shop [org=acme]",
    # "owner: acme, repo: shop", "repo=shop owner=acme".
    LazyPattern(
        rf"(?<![A-Za-z0-9_./:-]){_REPO_NAME}\s*[(\[]\s*{_OWNER_LABEL}\s*[:=]\s*{_ANY_OWNER}\s*[)\]]",
        re.IGNORECASE,
        needs=("(", "["),
    ),
    LazyPattern(
        rf"{_OWNER_LABEL}\s*[:=]\s*{_ANY_OWNER}\s*[,;/]?\s*{_REPO_LABEL}\s*[:=]\s*{_REPO_NAME}(?![A-Za-z0-9_/-])",
        re.IGNORECASE,
        needs=(":", "="),
    ),
    LazyPattern(
        rf"{_REPO_LABEL}\s*[:=]\s*{_REPO_NAME}\s*[,;/]?\s*{_OWNER_LABEL}\s*[:=]\s*{_ANY_OWNER}(?![A-Za-z0-9_/-])",
        re.IGNORECASE,
        needs=(":", "="),
    ),
    # "owned by" says whose it is whatever the noun: "restart auth owned by jin" is jin's repository auth.
    LazyPattern(
        rf"(?<![A-Za-z0-9_./:-]){_REPO_NAME}\s+owned\s+by\s+(?:the\s+)?(?:{_ORG_NOUN}\s+)?{_ANY_OWNER}(?![A-Za-z0-9_/-])",
        re.IGNORECASE,
        needs=("owned",),
    ),
    # A repository taken from an owner: "repo shop from Acme-Labs", "acme 조직에서 shop", "Acme-Labs에서 shop"
    # (a cased word, as with 의, or an organisation's noun; a lower-case word there is a branch or a place).
    LazyPattern(
        rf"\b{_REPO_NOUN}\s+{_REPO_NAME}\s+from\s+(?:the\s+)?{_CASED_OWNER}(?![A-Za-z0-9_/-])",
        re.IGNORECASE,
        needs=("from",),
    ),
    LazyPattern(
        rf"\b{_REPO_NOUN}\s+{_REPO_NAME}\s+from\s+(?:the\s+)?{_ORG_NOUN}\s+{_ANY_OWNER}(?![A-Za-z0-9_/-])",
        re.IGNORECASE,
        needs=("from",),
    ),
    LazyPattern(
        rf"(?<![A-Za-z0-9_./:-]){_CASED_OWNER}\s*(?:{_ORG_NOUN}\s*)?에서\s+(?:{_REPO_NOUN}\s*)?{_REPO_NAME}"
        r"(?![A-Za-z0-9_/-])",
        needs=("에서",),
    ),
    LazyPattern(
        rf"(?<![A-Za-z0-9_./:-]){_ANY_OWNER}\s*{_ORG_NOUN}\s*에서\s+(?:{_REPO_NOUN}\s*)?{_REPO_NAME}(?![A-Za-z0-9_/-])",
        re.IGNORECASE,
        needs=("에서",),
    ),
)
# Places, branches and the hosts code lives on are no owner, however they are cased ("Prod에서 auth",
# "GitHub에서 shop").
_NOT_OWNERS = frozenset({"github", "gitlab", "bitbucket", "docker", "dockerhub", "kubernetes", "k8s", "helm"})


def _owner_plausible(match: re.Match[str]) -> bool:
    owner, repo = match["owner"].lower(), match["repo"].lower()
    return not (
        owner in ENVIRONMENT_WORDS
        or owner in SHARED_BRANCHES
        or owner in WELL_KNOWN_NAMESPACES
        or owner in _NOT_OWNERS
        or is_stopword(repo)
        or is_function_word(repo)
        or is_topic_noun(repo)
    )


KIND_PREFIXES = {
    "pod": "pod",
    "pods": "pod",
    "po": "pod",
    "svc": "service",
    "service": "service",
    "services": "service",
    "deployment": "deployment",
    "deployments": "deployment",
    "deploy": "deployment",
    "ns": "namespace",
    "namespace": "namespace",
}
_SHA = r"(?P<sha>[0-9a-fA-F]{7,40})"
# "commit: 9f3e2a1", "커밋 ID는 b81f2c7": a colon or the label's topic marker before the value.
_SHA_BY_KEYWORD = (
    LazyPattern(
        rf"(?:\bcommit|커밋)\s*(?:id|hash|sha|해시)?\s*(?:[:=]|은|는)?\s*(?<![A-Za-z0-9]){_SHA}(?![A-Za-z0-9])",
        re.I,
        needs=("commit", "커밋"),
    ),
    LazyPattern(
        rf"(?<![A-Za-z0-9_-]){_SHA}(?![A-Za-z0-9_-])\s*(?:commit\b|커밋)", re.IGNORECASE, needs=("commit", "커밋")
    ),
)
# "커밋 9f3e2", "commit xyz123": the user names a commit, but what follows is no commit id.
_NOT_A_SHA_AFTER_KEYWORD = LazyPattern(
    r"(?:\bcommit|커밋)\s*(?:id|hash|sha|해시)?\s*(?:[:=]|은|는)?\s*(?P<bad>[A-Za-z0-9]+)(?![A-Za-z0-9])",
    re.I,
    needs=("commit", "커밋"),
)
# "zzz123 커밋으로": before the word, only a token with a digit claims to be a commit id (a plain
# word there is more likely the app).
# "rollback to abc": what a rollback goes back to is a commit (or a step, a word such as "previous").
# Only "to X" is taken (the target before it stays), and X has a letter ("to 3 versions ago" counts steps).
_NOT_A_SHA_AFTER_TO = LazyPattern(
    r"\bto\s+(?P<bad>[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9_.:/-])", re.I, needs=("to",)
)
# Korean marks the point gone back to with (으)로 right before the verb ("zzzz로 롤백해줘", "9f3e2로
# 되돌려"): an undashed Latin word there that is no commit id is asked about.
_BACK_KO = r"(?:다시\s*)?(?:롤백|롤벡|되돌|원복|복원|복구|리버트|rollback|roll\s*back|revert)"
_GOAL_AFTER_KO = rf"\s*(?:으로|로)\s*{_BACK_KO}"
_NOT_A_SHA_BEFORE_BACK = LazyPattern(
    rf"(?<![A-Za-z0-9_./:-])(?P<bad>[A-Za-z0-9]+){_GOAL_AFTER_KO}", re.I, needs=("로",)
)
_ROLLBACK_BEFORE_TO = LazyPattern(r"\b(?:roll\s*back|rollback|revert)\b(?:\s+\S+)?\s+$", re.I)


def _goes_back_to(match: re.Match[str]) -> bool:
    return _ROLLBACK_BEFORE_TO.search(match.string[: match.start()]) is not None and _not_a_word("bad")(match)


_NOT_A_SHA_BEFORE_KEYWORD = LazyPattern(
    r"(?<![A-Za-z0-9_./:-])(?P<bad>[A-Za-z]*[0-9][A-Za-z0-9]*)\s*(?:commit\b|커밋)", re.I, needs=("commit", "커밋")
)
_COMMIT_WORD = LazyPattern(r"(?<![A-Za-z])commits?\b|커밋", re.I, needs=("commit", "커밋"))
# Words that place a commit relative to the current one: it is then a step back, not an id to ask for.
_PLACED_COMMIT = LazyPattern(
    r"(?:이전|예전|지난|직전|전|마지막|최근|안정|정상|잘\s*되던|last|previous|prior|earlier|latest|recent|good|stable"
    r"|working|old|\d+)\s*(?:의|번째|개|one|\s)*$",
    re.I,
)


# A version said to be chosen but not named ("특정 버전으로", "버전 골라서", "to a specific release"):
# as unnamed as a commit asked for with no id.
_CHOSEN_VERSION = LazyPattern(
    r"(?:특정|specific|particular|certain|chosen|원하는|지정한|선택한)\s*(?:버전|version|리비전|revision|릴리[즈스]|release)"
    r"|(?:버전|version|리비전|revision)\s*(?:을|를)?\s*(?:지정|선택|골라|고를|고르)",
    re.I,
    needs=("버전", "version", "리비전", "revision", "릴리", "release"),
)


# A commit id said aloud, a letter or a digit a word ("에이 일 비 이 씨 삼 디로", "a one b two c three d"):
# which commit is meant is heard, not read, so it is asked for, never guessed nor taken as a step back.
_SPOKEN_HEX_KO = r"(?:에이|비|씨|시|디|이|에프|영|공|일|삼|사|오|육|륙|칠|팔|구)"
_SPOKEN_HEX_EN = r"(?:[a-f]|zero|one|two|three|four|five|six|seven|eight|nine|[0-9])"
_SPELLED_COMMIT = LazyPattern(
    rf"(?<![가-힣]){_SPOKEN_HEX_KO}(?:\s+{_SPOKEN_HEX_KO}){{4,}}\s*(?:으로|로|까지)?(?![가-힣])"
    rf"|(?<![\w-]){_SPOKEN_HEX_EN}(?:[\s-]+{_SPOKEN_HEX_EN}){{4,}}(?![\w-])",
    re.I,
)


def _commit_unplaced(text: str) -> bool:
    if _CHOSEN_VERSION.search(text) is not None:
        return True
    found = _COMMIT_WORD.search(text)
    if found is None:
        return False
    before = text[max(0, found.start() - 16) : found.start()]
    return _PLACED_COMMIT.search(before) is None


_SHA_BARE = LazyPattern(rf"(?<![A-Za-z0-9_-]){_SHA}(?![A-Za-z0-9_-])")

# A commit named as a landmark, not as where to go: the one before it ("a1b2c3d 이전 커밋으로", "the commit
# before a1b2c3d", "a1b2c3d^"), the one that broke things ("a1b2c3d가 망가뜨렸어", "문제는 a1b2c3d부터"), or
# one ruled out ("but not to a1b2c3d"). Which commit is meant is then a question.
_SHA_AS_LANDMARK_AFTER = LazyPattern(
    r"\s*(?:[\^~]"
    r"|(?:커밋|commit)?\s*(?:의\s*)?(?:바로\s*)?(?:이전|직전|전|앞)(?![가-힣])"
    r"|(?:커밋|commit)?\s*(?:의\s*)?(?:바로\s*)?(?:이전|직전|전|앞)(?:으로|로|에|의|꺼|거|버전|커밋|상태)"
    r"|(?:커밋|commit)?\s*(?:부터|에서부터|때문에|탓)(?![가-힣])"
    r"|(?:커밋|commit)?\s*(?:이|가)\s*(?:(?:다|모두|전부|이것저것|좀)\s*)?(?:망가|망쳤|깨|고장|문제|에러|버그|잘못|이상|터)"
    r"|(?:commit\s+)?(?:broke|breaks|caused|introduced|is\s+(?:broken|bad)|was\s+(?:broken|bad)|started))",
    re.IGNORECASE,
)
_SHA_AS_LANDMARK_BEFORE = LazyPattern(
    r"\b(?:before|prior\s+to|preceding|ahead\s+of|not|except|than|after|since)\s+(?:to\s+)?(?:the\s+)?"
    r"(?:commit\s+)?$",
    re.IGNORECASE,
)
# A point to go back to that is no commit and no count of steps: a time ("1시간 전으로", "이틀 전 버전으로",
# "어제 버전으로", "to the version from 2 days ago"), a day or a date the version was made on ("지난 월요일
# 배포한 버전으로", "12월 1일 배포본으로", "11월 버전으로", "last Friday's build", "the build from Dec 1"), or a
# version or release ("v2로", "버전 2로", "1.4.2로", "release 5", "PR #42 전으로"). Which commit that was is a
# question, never one step back.
_TIME_UNIT_KO = r"(?:초|분|시간|일|주|주일|달|개월|년)"
_NUMBER_WORD_KO = r"(?:[0-9]+|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|몇|반)"
# The day or date a version was made on, and what was made on it (a past adnominal: "배포한", "올린").
_DAY_KO = (
    r"(?:어제|그제|그저께|엊그제|어젯밤|오늘\s*아침|(?:지지난|지난|저번)\s*(?:주|달)"
    r"|(?:(?:지지난|지난|저번)\s*(?:주\s*)?)?(?:[월화수목금토일]요일|주말)|[0-9]{1,2}\s*월(?:\s*[0-9]{1,2}\s*일)?)"
)
_MADE_ON_KO = r"(?:\s*에)?\s*(?:배포|빌드|릴리[스즈]|출시|반영)?\s*(?:한|된|했던|됐던|나간|올린|올라간|만든)"
_WEEKDAY_EN = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH_EN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_EN = (
    rf"(?:yesterday|last\s+(?:night|week|month|weekend|{_WEEKDAY_EN})|{_WEEKDAY_EN}"
    rf"|{_MONTH_EN}(?:\s+[0-9]{{1,2}}(?:st|nd|rd|th)?)?)"
)
_BUILD_EN = r"(?:version|build|release|deploy(?:ment)?|state|image)"
_VERSION_NOUN_KO = r"(?:버전|배포본|빌드|릴리[스즈]|상태)"
# A version named by its day, whatever it is done with: the noun of a version after the day ("금요일 버전",
# "12월 1일 배포본"), or what was made on it gone back to ("월요일에 배포한 버전으로 롤백", "금요일로 X 되돌려").
# The day there dates the version, never the act asked (deferral.py).
VERSION_BY_DAY_KO = LazyPattern(
    rf"{_DAY_KO}\s*(?:의\s*)?{_VERSION_NOUN_KO}"
    rf"|{_DAY_KO}(?:{_MADE_ON_KO})?\s*(?:{_VERSION_NOUN_KO}|거|것|꺼)?\s*(?:으로|로)(?:\s+\S+)?\s*{_BACK_KO}",
    needs=("요일", "주말", "월", "어제", "그제", "그저께", "어젯밤", "오늘", "지난", "저번"),
)
_POINT_NOT_A_COMMIT = LazyPattern(
    rf"{_NUMBER_WORD_KO}\s*{_TIME_UNIT_KO}\s*(?:정도\s*|쯤\s*)?(?:전|前)"
    r"|(?<![가-힣])(?:이틀|사흘|나흘|하루|일주일|보름)\s*(?:정도\s*|쯤\s*)?전"
    rf"|(?<![가-힣0-9]){_DAY_KO}\s*(?:의\s*)?(?:버전|상태|배포본|빌드|릴리[스즈]|꺼|거|걸로|것|때|으로|로)"
    # What was made on that day is the point gone back to only with the particle of a goal: "어제 배포한 거
    # 롤백해줘" undoes yesterday's deploy (one step), "지난 월요일 배포한 버전으로" goes back to it.
    rf"|(?<![가-힣0-9]){_DAY_KO}{_MADE_ON_KO}\s*(?:버전|배포본|빌드|릴리[스즈]|상태|거|것|꺼)?\s*(?:으로|로|걸로)"
    r"|\b(?:[0-9]+|an?|one|two|three|four|five|six|few|couple\s+of)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?"
    r"|days?|weeks?|months?)\s+ago\b"
    rf"|\b(?:to|from)\s+(?:the\s+)?(?:{_BUILD_EN}\s+(?:from|of|on)\s+)?(?:on\s+)?{_DAY_EN}\b"
    # Before a day gone by, not before a day to come ("roll back X before Friday" is a deadline).
    r"|\bbefore\s+(?:the\s+)?(?:version\s+(?:from|of)\s+)?(?:yesterday|last\s+(?:night|week|month))"
    rf"|\b{_DAY_EN}(?:'s|’s|s')?\s+{_BUILD_EN}\b"
    r"|(?<![A-Za-z0-9.])v[0-9]+(?:\.[0-9]+)*(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9.])[0-9]+\.[0-9]+(?:\.[0-9]+)*(?![0-9])"
    # A version dictated in Sino-Korean digits ("일점이점삼 버전", "버전 삼점영"): 1.2.3, 3.0, spelled out.
    r"|(?<![가-힣])[영공일이삼사오육칠팔구십]{1,3}(?:점[영공일이삼사오육칠팔구십]{1,3})+"
    r"(?=\s*(?:버전|릴리[즈스]|으로|로|$))"
    r"|(?:버전|version|ver\.?|release|릴리[즈스]|tag|태그)\s*#?[0-9]+(?:\.[0-9]+)*(?![0-9])(?!\s*(?:전|ago|back|개|단계))"
    r"|\b(?:PR|pull\s+request|MR)\s*#?[0-9]+"
    # A version counted from the first ("2번째 버전으로", "the third release"), not back from now ("2번째 전 버전").
    rf"|{_NUMBER_WORD_KO}\s*번째\s*(?:버전|릴리[즈스]|배포본?|리비전|빌드)"
    r"|\b(?:[0-9]+(?:st|nd|rd|th)|first|second|third|fourth|fifth)\s+(?:version|release|revision|build)\b"
    r"(?!\s+(?:ago|back|before|earlier))"
    # "roll back X to 12": a bare number gone back to is no commit (a sha has seven digits at least) and,
    # with no counter, no count of steps.
    r"|\b(?:roll\s*back|rollback|revert)\b(?:\s+[\w.-]+)?\s+to\s+[0-9]{1,6}(?![\w%:/-]|\.\d)"
    r"(?!\s*(?:steps?|versions?|revisions?|releases?|deploy|commits?|ago|back|before|earlier|replicas?|pods?|단계|개))",
    re.IGNORECASE,
)
_NAMESPACE_WORD = r"(?:(?<![A-Za-z0-9_-])(?:namespace|ns)(?![A-Za-z])|네임스페이스)"
_NAMESPACE_NEEDS = ("namespace", "ns", "네임스페이스")
_EXPLICIT_NAMESPACES = (
    LazyPattern(rf"(?:--namespace|(?<![A-Za-z0-9])-n)[=\s]+(?P<ns>{_NAME})", needs=("-",)),
    # A field labelled with a colon or = ("ns:shop", "namespace=shop", "(ns: shop)"): the value after the label
    # is the namespace in either language, whatever name stands before the label ("cart ns:shop 재시작").
    LazyPattern(rf"{_NAMESPACE_WORD}\s*[:=]\s*(?P<ns>{_NAME})", re.IGNORECASE, needs=(":", "=")),
    # Korean names the namespace before the word ("dev 네임스페이스"), English after it ("namespace dev");
    # a name between the word and 에서 is the place ("네임스페이스 team-a에서").
    LazyPattern(rf"네임스페이스{_PARTICLE}\s*(?P<ns>{_NAME})\s*에서", re.IGNORECASE, needs=("네임스페이스",)),
    LazyPattern(rf"(?<![A-Za-z0-9_.-])(?P<ns>{_NAME})\s*네임스페이스", re.IGNORECASE, needs=("네임스페이스",)),
    # "namespace is fares": the copula says which it is, as a colon does.
    LazyPattern(
        rf"{_NAMESPACE_WORD}{_PARTICLE}(?:\s+(?:is|was)\b)?\s*[:=]?\s*(?P<ns>{_NAME})",
        re.IGNORECASE,
        needs=_NAMESPACE_NEEDS,
    ),
    LazyPattern(rf"(?<![A-Za-z0-9_.-])(?P<ns>{_NAME})\s*{_NAMESPACE_WORD}", re.IGNORECASE, needs=_NAMESPACE_NEEDS),
)
_KOREAN_ORDER_NAMESPACES = (*_EXPLICIT_NAMESPACES[:4], _EXPLICIT_NAMESPACES[5], _EXPLICIT_NAMESPACES[4])


def _has_hangul(text: str) -> bool:
    # A loop, not a pattern: the class of the 11,172 syllables costs the regex compiler ~0.5 ms.
    return any("가" <= letter <= "힣" for letter in text)


_IMPLIED_NAMESPACES = (
    # "in 5 minutes" says when: a place is named with a letter in it.
    # "scale in web to 2": there "in" is the verb's particle (scale in, as scale out), no place.
    # "errors in the web-app logs": a name before the noun of what is read modifies that noun (whose
    # logs, whose pods); the place would be the noun itself.
    LazyPattern(
        rf"(?<!\bscale )(?<!\bscaled )(?<!\bscaling )\bin\s+(?:the\s+)?(?P<ns>(?=[A-Za-z0-9-]*[A-Za-z]){_NAME})"
        r"(?![A-Za-z0-9-])(?!'s\b|\s+(?:logs?|pods?|containers?|deployments?|services?|config|metrics|output)\b)",
        re.IGNORECASE,
        needs=("in",),
    ),
    LazyPattern(
        r"(?<![A-Za-z0-9_.-])(?P<ns>" + "|".join(sorted(WELL_KNOWN_NAMESPACES)) + r")(?![A-Za-z0-9_-])",
        re.IGNORECASE,
    ),
)


# "pods in billing", "the api service in logging": where resources of a kind are, after the kind word,
# is a place even when its name is also a command word (an environment there stays an environment).
# Only "in" and the place are taken (fixed-width look-behinds): the kind word still labels its name.
_KIND_BEFORE_IN = "|".join(
    rf"(?<=\b{kind})"
    for kind in (
        *("pod", "pods", "service", "services", "svc", "deployment", "deployments"),
        *("endpoint", "endpoints", "ingress", "ingresses", "app", "apps"),
    )
)
_KIND_IN_PLACE = LazyPattern(
    rf"(?:{_KIND_BEFORE_IN})\s+in\s+(?:the\s+)?(?P<ns>{_NAME})",
    re.IGNORECASE,
    needs=("in",),
)


@dataclass(slots=True)
class References:
    repository: tuple[str, str] | None = None
    kind_prefixed: tuple[str, str] | None = None
    branch: str | None = None
    image: str | None = None
    commit_sha: str | None = None
    namespace: str | None = None
    environment: str | None = None
    invalid_commit: str | None = None
    conflicting: bool = False
    """Two different values for one slot (two environments, two images): which is meant is a guess."""
    commit_unnamed: bool = False
    """A commit is asked for but neither given nor placed ("특정 커밋으로", "to a specific commit"):
    which one is a question. "이전 커밋", "the last commit" place it (steps back)."""
    point_not_a_commit: bool = False
    """A point to go back to that is no commit: a time ("2시간 전으로") or a version ("v2로", "release 5").
    Unless steps are counted beside it, which commit that was is a question."""
    repository_in_words: bool = False
    """The repository is two plain lower-case words joined by a slash ("acme/web", "read/write"): the shape of
    an owner/repo and of two alternatives alike (see `yield_to_a_name`)."""


_ALL_DIGIT_SHA = 7


# A second image reference with its tag or digest ("a:1 ... b:2"): looked for, not taken.
_TAGGED_IMAGE = LazyPattern(
    r"(?<![\w./-])(?:[\w.-]+/)*(?P<key>[A-Za-z][\w.-]*)(?::[A-Za-z0-9][\w.-]*|@sha256:[0-9a-f]{64})", needs=(":",)
)


# Where a rollback goes: after its "to" ("rollback X to …", "roll X back to …") or before the Korean goal
# particle and the rollback's verb ("X …로 롤백해줘"). There a word of hex letters alone is a commit.
_ROLLBACK_GOAL_BEFORE = LazyPattern(
    r"\b(?:roll\s*back|rollback|revert|roll\s+\S+\s+back)\b(?:\s+\S+)?\s+to\s+(?:commit\s+)?$",
    re.I,
    needs=("to",),
)
_ROLLBACK_GOAL_AFTER = LazyPattern(_GOAL_AFTER_KO, re.I, needs=("로",))
_GOAL_REACH = 60


def _looks_like_sha(match: re.Match[str]) -> bool:
    """Hex with letters and digits; digits alone only from seven on (no count or line number is that long);
    hex letters alone ("deadbeef") only where a rollback goes, and never a word of the command's grammar."""
    sha = match["sha"]
    if sha.isdigit():
        return len(sha) >= _ALL_DIGIT_SHA
    if not any(char.isdigit() for char in sha):
        text = match.string
        return not is_stopword(sha) and (
            _ROLLBACK_GOAL_BEFORE.search(text, max(0, match.start() - _GOAL_REACH), match.start()) is not None
            or _ROLLBACK_GOAL_AFTER.match(text, match.end()) is not None
        )
    return any(char.isalpha() for char in sha)


def _not_a_word(
    group: str, *, environments_allowed: bool = False, labelled: bool = False
) -> Callable[[re.Match[str]], bool]:
    """`labelled`: the match is written beside its kind word, so only grammar words are refused."""

    def accept(match: re.Match[str]) -> bool:
        value = match[group].lower()
        if value in ENVIRONMENT_KEYS:
            return environments_allowed
        return not (is_function_word(value) if labelled else is_stopword(value))

    return accept


_LABELLED_BRANCH = _not_a_word("branch", environments_allowed=True, labelled=True)


def _branch_named(match: re.Match[str]) -> bool:
    """A branch's name, not a grammar word nor kubectl's KIND/NAME ("logs from pod/web-1" names a pod)."""
    head, slash, _ = match["branch"].partition("/")
    return _LABELLED_BRANCH(match) and not (slash and head.lower() in KIND_PREFIXES)


_LABELLED_NAMESPACE = _not_a_word("ns", environments_allowed=True, labelled=True)
_LABELLED_PLACE = _not_a_word("ns", labelled=True)
# "every endpoint in the cluster", "pods in the k8s": the cluster is all the namespaces, none of them.
_THE_WHOLE_CLUSTER = frozenset({"cluster", "clusters", "k8s", "kubernetes", "kube"})


def _place_after_kind(match: re.Match[str]) -> bool:
    return match["ns"].lower() not in _THE_WHOLE_CLUSTER and _LABELLED_PLACE(match)


# "app 네임스페이스": a kind noun written right before the Korean word is the namespace's name (namespaces
# are often named after what they hold); a verb or grammar word there still is not.
_KIND_NOUNS = frozenset({"app", "apps", "service", "services", "svc", "pod", "pods", "deployment", "deployments"})
_KOREAN_NAMESPACE_AFTER = LazyPattern(r"\s*네임스페이스")


# A command verb's participle ("the billing namespace costing us", "namespace running hot") says what
# the namespace does; it is not its name, as a noun of what is read ("namespace billing") may be.
_PARTICIPLE = LazyPattern(r"[a-z]+(?:ing|ed)")


# Where a kind noun is plainly the namespace's name: after the -n flag, after the namespace word and a
# particle, copula or colon ("namespace는 apps", "namespace is apps", "ns: apps"), or before the word
# as a place ("in the apps namespace").
_SAID_TO_BE = LazyPattern(r"[가-힣:=]|\b(?:is|was)\b", re.IGNORECASE)
_AS_A_PLACE_BEFORE = LazyPattern(r"\b(?:in|the)\s+$", re.IGNORECASE, needs=("in", "the"))


def _kind_noun_as_namespace(match: re.Match[str]) -> bool:
    text, start = match.string, match.start("ns")
    if _KOREAN_NAMESPACE_AFTER.match(text, match.end("ns")) or match[0].startswith("-"):
        return True
    if start > match.start():
        between = text[match.start() : start].lower().replace("네임스페이스", "")
        return _SAID_TO_BE.search(between) is not None
    return _AS_A_PLACE_BEFORE.search(text[max(0, start - 8) : start]) is not None


def _namespace_named(match: re.Match[str]) -> bool:
    value = match["ns"].lower()
    if value in _KIND_NOUNS and _kind_noun_as_namespace(match):
        return True
    if _PARTICIPLE.fullmatch(value) and is_stopword(value) and not is_topic_noun(value):
        return False
    return _LABELLED_NAMESPACE(match)


# A name that is no command word, on either side of the namespace word, comes first: "support
# namespace cost forecast" names support whatever the order of the patterns; "namespace cost" alone
# still names cost.
_PLAIN_WORD = _not_a_word("ns", environments_allowed=True)
# A name its own kind word follows ("ns billing-api 서비스") is that resource's name, not the namespace's.
_KIND_WORD_AFTER = LazyPattern(
    r"\s*(?:서비스|파드|디플로이먼트|앱|(?:service|svc|pod|deployment|app)s?(?![A-Za-z]))",
    re.IGNORECASE,
    needs=("서비스", "파드", "디플로이먼트", "앱", "service", "svc", "pod", "deployment", "app"),
)


def _plain_namespace(match: re.Match[str]) -> bool:
    return _PLAIN_WORD(match) and _KIND_WORD_AFTER.match(match.string, match.end("ns")) is None


# "issue 12 in web-app", "the bug in cart", "a memory leak in orders": "in" after a fault or a fix says
# which app has it, not where it runs.
_FAULT_BEFORE_IN = LazyPattern(
    r"\b(?:issues?|bugs?|fix(?:es)?|tickets?|errors?|leaks?|problems?|regressions?|crash(?:es)?|defects?"
    r"|typos?|changes?|commits?"
    # A fault told by its adjective ("something went wrong in X", "something's off in X"): X is what has it.
    r"|(?:something|anything)(?:['’]s\s+|\s+(?:is|was|went|has\s+gone|looks|seems)\s+)(?:wrong|off|amiss|weird|odd))"
    r"(?:\s+#?[0-9]+)?\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# A plain word: no digit or separator of a name written as one ("kube-system", "team-a").
_PLAIN = LazyPattern(r"[A-Za-z]+")
_ARTICLE_BEFORE = LazyPattern(r"\bthe\s+$", re.IGNORECASE, needs=("the",))


def _place_named(match: re.Match[str]) -> bool:
    """ "endpoints in billing": where things are may be named after a topic of ours (namespaces are often
    named after what they hold); other command words there are not places. Nor is an adverb made with "in"
    ("in parallel", "in advance"), nor a plain word after the article ("in the meantime", "in the queue"): a
    namespace's name is a proper name, which takes no article unless its kind word follows ("in the payments
    namespace", read before this)."""
    if _FAULT_BEFORE_IN.search(match.string, max(0, match.start("ns") - 40), match.start("ns")) is not None:
        return False
    if makes_an_adverb_with_in(match["ns"]):
        return False
    if _PLAIN.fullmatch(match["ns"]) and _ARTICLE_BEFORE.search(match.string, match.start(), match.start("ns")):
        return False
    return _not_a_word("ns")(match) or is_topic_noun(match["ns"])


def _image_not_a_key(match: re.Match[str]) -> bool:
    """An image reference, not a key ("replicas:3"), a command word, or a bare number (a count)."""
    image = match["image"]
    return not is_stopword(image) and not image.isdigit() and image.split(":", 1)[0].lower() not in _KEY_VALUE_WORDS


# A version or a runtime's version ("버전 3으로", "v2", "node 18로", "java 17", "python 3.12"): a number
# that counts no copies, beside a word that names no app. Both are blanked, after the references that
# read them (a rollback's point), before the counts and names are read. A counter after the number
# ("python 3개") makes it a count again.
_RUNTIME = (
    r"node(?:\s*js)?|nodejs|java|jdk|openjdk|jre|python|golang|go|ruby|php|dotnet|\.net|deno|bun|kotlin"
    r"|scala|elixir|erlang|perl|rust|gradle|maven|spring\s*boot|django|rails|react|vue|angular|next\.?js"
)
_VERSION_MENTION = LazyPattern(
    rf"(?<![A-Za-z0-9_.-])(?:(?:{_RUNTIME})\s*(?:버전|version|ver\.?)?\s*v?|(?:버전|version|ver\.?)\s*#?|v)"
    r"[0-9]+(?:\.[0-9]+|\.x)*(?![A-Za-z0-9_-])"
    r"(?![0-9.]*\s*(?:개|대|단계|번|회|replicas?\b|pods?\b|instances?\b|copies\b|steps?\b|versions?\b|전|ago\b|back\b))",
    re.IGNORECASE,
)


def _landmark(sha: re.Match[str]) -> bool:
    text = sha.string
    before = text[max(0, sha.start("sha") - 32) : sha.start("sha")]
    return (
        _SHA_AS_LANDMARK_AFTER.match(text, sha.end("sha"), sha.end("sha") + 24) is not None
        or _SHA_AS_LANDMARK_BEFORE.search(before) is not None
    )


# The families branches are named in ("feature/login", "hotfix/pay-bug", "release/1.2").
_BRANCH_FAMILIES = frozenset({"feature", "features", "feat", "hotfix", "bugfix", "fix", "release", "releases", "chore"})


# A branch pointed back at ("from that branch", "the same branch", "그 브랜치로"): the one another sentence names.
_BRANCH_POINTER = LazyPattern(
    r"\b(?:that|the\s+same|this|said)\s+branch\b|(?<![가-힣])(?:그|해당|같은|이|저)\s*브랜치",
    re.IGNORECASE,
    needs=("branch", "브랜치"),
)


def _branches_named(text: str) -> set[str]:
    named = {match["branch"] for pattern in _BRANCHES for match in pattern.finditer(text) if _branch_named(match)}
    families = (match for match in _REPOSITORY.finditer(text) if match["owner"].lower() in _BRANCH_FAMILIES)
    return named | {f"{match['owner']}/{match['repo']}" for match in families}


def name_pointed_branch(text: str) -> str:
    """``text`` with a branch it points back at ("deploy X from that branch") named as the one branch written
    elsewhere in it ("we pushed a fix to release/4.2"); unchanged when it names none, or several."""
    pointer = _BRANCH_POINTER.search(text)
    if pointer is None:
        return text
    before, after = text[: pointer.start()], text[pointer.end() :]
    named = _branches_named(before + " " * len(pointer[0]) + after)
    if len(named) != 1:
        return text
    branch = named.pop()
    said = f"{branch} 브랜치" if pointer[0].endswith("브랜치") else f"the {branch} branch"
    return before + said + after


def _github_url(masked: MaskedText) -> re.Match[str] | None:
    return masked.take_first(_GITHUB_URL)


def _spoken_repository(masked: MaskedText) -> tuple[str, str] | None:
    spoken = masked.take_first_of(_SPOKEN_REPOSITORIES, _owner_plausible)
    return None if spoken is None else (spoken["owner"], spoken["repo"])


# The commit a commit page names, pointed back at after the link ("…/commit/a1b2c3d 이 커밋 이전으로", "… the
# commit before this one"): the pointer is dropped before the landmark is looked for.
_POINTER_AFTER_URL = LazyPattern(r"\s*(?:이|그|해당|저|this|that)(?=\s*(?:커밋|commit))", re.IGNORECASE)


def _url_commit_a_landmark(url: re.Match[str]) -> bool:
    """The commit a GitHub commit page names is a landmark as a commit written bare is ("…/commit/a1b2c3d 이 커밋
    이전으로 롤백", "roll back to before https://…/commit/a1b2c3d"): which commit is meant is then a question."""
    text = url.string
    pointer = _POINTER_AFTER_URL.match(text, url.end())
    after = url.end() if pointer is None else pointer.end()
    return (
        _SHA_AS_LANDMARK_AFTER.match(text, after, after + 24) is not None
        or _SHA_AS_LANDMARK_BEFORE.search(text[max(0, url.start() - 32) : url.start()]) is not None
    )


def _take_commit(masked: MaskedText, found: References, url: re.Match[str] | None) -> None:
    """The commit `masked` names (blanked), or why it names none: set on `found`. `url`: a GitHub page, whose
    commit (on a commit page) is named."""
    sha = masked.take_first_of(_SHA_BY_KEYWORD) or masked.take_first(_SHA_BARE, _looks_like_sha)
    url_sha = None if url is None else url["sha"]
    if sha is None and url is not None and url_sha is not None and _url_commit_a_landmark(url):
        found.commit_unnamed = True
    elif sha is None and url_sha is not None:
        found.commit_sha = url_sha
    elif (sha is None and _SPELLED_COMMIT.search(masked.text) is not None) or (sha is not None and _landmark(sha)):
        found.commit_unnamed = True
    elif sha is not None:
        found.commit_sha = sha["sha"]
    elif _POINT_NOT_A_COMMIT.search(masked.text) is not None:
        found.point_not_a_commit = True
    else:
        bad = (
            masked.take_first(_NOT_A_SHA_AFTER_KEYWORD, _not_a_word("bad"))
            or masked.take_first(_NOT_A_SHA_BEFORE_KEYWORD, _not_a_word("bad"))
            or masked.take_first(_NOT_A_SHA_AFTER_TO, _goes_back_to)
            or masked.take_first(_NOT_A_SHA_BEFORE_BACK, _not_a_word("bad"))
        )
        if bad is not None:
            found.invalid_commit = bad["bad"]
        else:
            found.commit_unnamed = _commit_unplaced(masked.text)


def _typed_image(match: re.Match[str]) -> bool:
    """An image written with its tag or digest ("web:1.2", "web@sha256:…"), not a bare name."""
    return _image_not_a_key(match) and (":" in match["image"] or "@" in match["image"])


def take_references(masked: MaskedText, read: bool = False) -> References:
    """Blank and return the repository, branch, image, commit, namespace and environment in `masked`.

    `read`: the request reads, and so sets no image. A bare name the word "이미지" / "image" labels ("X 이미지
    바꾼 거 들어갔는지 …", "X 이미지 어떤 버전인지 …") is then whose image is meant, the app read, and is left to
    the names; only an image typed with its tag or digest is still one."""
    found = References()
    url = _github_url(masked)
    found.repository = None if url is None else (url["owner"], url["repo"])
    masked.take_all(_OTHER_URL)
    image = masked.take_first_of(_IMAGES, _typed_image if read else _image_not_a_key)
    if image is not None:
        found.image = image["image"]
    # Beside the word "branch", "dev" or "prod" names a branch, not an environment.
    branch = masked.take_first_of(_BRANCHES, _branch_named)
    if branch is not None:
        found.branch = branch["branch"]
    for repository in masked.take_all(_REPOSITORY):
        kind = KIND_PREFIXES.get(repository["owner"].lower())
        if repository["group"] and kind is None:
            continue  # a kind with its API group this grammar has no word for: no owner, no repository
        if kind == "namespace":
            found.namespace = found.namespace or repository["repo"]
        elif kind is not None:
            found.kind_prefixed = found.kind_prefixed or (kind, repository["repo"])
        elif repository["owner"].lower() in _BRANCH_FAMILIES:
            # "feature/login is ready, deploy it": git-flow's branch families name branches, not owners.
            found.branch = found.branch or f"{repository['owner']}/{repository['repo']}"
        elif found.repository is None and _joins_owner_and_repository(repository):
            found.repository = (repository["owner"], repository["repo"])
            found.repository_in_words = _WORD_PAIR.fullmatch(repository[0]) is not None
    found.repository = found.repository or _spoken_repository(masked)
    _take_commit(masked, found, url)
    # Korean puts the name before the word ("prod namespace cost 분석"): in a Korean command that
    # order is tried before the English one.
    explicit = _KOREAN_ORDER_NAMESPACES if _has_hangul(masked.text) else _EXPLICIT_NAMESPACES
    namespace = (
        masked.take_first_of(explicit, _plain_namespace)
        or masked.take_first_of(explicit, _namespace_named)
        or masked.take_first(_KIND_IN_PLACE, _place_after_kind)
        or masked.take_first_of(_IMPLIED_NAMESPACES, _place_named)
    )
    if namespace is not None and found.namespace is None:
        found.namespace = namespace["ns"]
    text = masked.text
    mentions = masked.take_all(ENVIRONMENT_TOKEN)
    if mentions and not only_sources(mentions, text) and not only_dating(mentions, text):
        values = {index: ENVIRONMENT_WORDS[(m["word"] or m["korean"]).lower()] for index, m in enumerate(mentions)}
        # "cart를 prod랑 같은 설정으로 staging에 배포": the request's own place, not one compared with.
        found.environment = values[meant_place(mentions, text, values)]
        found.conflicting = len(set(values.values())) > 1
    masked.take_all(_VERSION_MENTION)
    second_image = _TAGGED_IMAGE.search(masked.text)
    if found.image is not None and second_image is not None and second_image["key"].lower() not in _KEY_VALUE_WORDS:
        found.conflicting = True
    return found
