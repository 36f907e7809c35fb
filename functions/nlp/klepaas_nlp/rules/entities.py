"""Everything a command names, read in a fixed order so that each span is claimed only once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.marks import LOGS_DATED_BEFORE
from klepaas_nlp.rules.names import Name, take_names
from klepaas_nlp.rules.normalize import NormalisedText
from klepaas_nlp.rules.quantities import Quantities, read_the_counted_noun, take_quantities
from klepaas_nlp.rules.references import References, take_references, yield_to_a_name
from klepaas_nlp.rules.scan import MaskedText

_PREVIOUS_LOGS = LazyPattern(
    # "재시작 전 로그", "재시작되기 전": the container before it restarted; "재시작 전에 … 먼저 보자" is
    # when the user means to look (before restarting), not which container.
    # 예전, 지난, 옛날 say "earlier" as 이전 does; "로그 이전 거": the logs' earlier one, maybe after
    # how many lines ("로그 10줄만 이전 거로").
    # A pod is where its container ran: "이전 파드 거로", "죽은 파드 로그" are the previous container's.
    r"(?:이전|예전|지난|옛날?)\s*(?:컨테이너|인스턴스|파드|팟|포드|container|instance|pod)|이전\s*(?:로그|실행)"
    r"|로그\s*(?:중\s*)?(?:[0-9가-힣]+\s*줄\s*(?:만|씩|정도)?\s*)?(?:이전|예전)\s*(?:거|것|꺼)"
    # Before it failed: "죽기 전", "뻗기 전", "멈추기 전", "꺼지기 전", "터지기 전".
    r"|직전|(?:죽|뻗|멈추|꺼지|터지)기\s*전|"
    # The container that died or was stopped: "이전에 죽은 컨테이너", "종료된 컨테이너 로그".
    r"(?:죽은|죽었던|뻗은|뻗었던|종료된|종료됐던|꺼진|꺼졌던)\s*(?:컨테이너|인스턴스|파드|팟|포드)|재시작\s*되기\s*전|재시작\s*전(?!에)|크래시|크래쉬|"
    # "재시작 전에 찍힌 로그", "재시작하기 전에 남은 로그": the logs written before the restart (marks.py).
    rf"재시작\s*(?:하기\s*)?{LOGS_DATED_BEFORE}|"
    # A crash names the earlier container only as what the logs are of ("the crashed container", "crash
    # logs", "logs from the crash"); "X crashed twice" only tells what happened.
    r"\bprevious\b|--previous|\bcrash(?:ed|ing)?\s+(?:containers?|instances?|pods?|logs?|output)\b"
    r"|\b(?:from|of|since|at)\s+the\s+(?:last\s+)?crash\b|before (?:it|the) (?:restart|crash)"
    # "logs from before X restarted": a clause in the past after "before" dates the logs, as "before the
    # restart" does ("show the logs before restarting X" is when to look, no past).
    r"|\bbefore\s+(?:[\w.-]+\s+)?(?:restarted|crashed|died|went\s+down)\b",
    re.IGNORECASE,
    needs=(
        *("before", "crash", "previous", "이전", "재시작", "죽기", "직전", "크래"),
        *("뻗기", "멈추기", "꺼지기", "터지기"),
        *("예전", "지난", "옛"),
        *("컨테이너", "인스턴스", "파드", "팟", "포드"),
    ),
)
# "파드 로그", "the pod logs": the logs asked for are a pod's, so the one name the command gives (if
# not beside the kind word: "bim-viewer 로그 쭉 보고 싶은데 파드 로그 띄워줘") is that pod's.
_POD_LOGS = LazyPattern(
    r"(?:파드|팟|포드|\bpods?)\s?(?:의\s?)?(?:로그|logs?\b)", re.IGNORECASE, needs=("파드", "팟", "포드", "pod")
)
# "파드 다 Running이야?", "서비스들 상태", "all the pods": the kind said as many, so no one of them is named by it.
_MANY_OF_KIND = LazyPattern(
    r"(?:파드|팟|포드|서비스|디플로이먼트)(?:들|\s*(?:다|전부|모두)(?![가-힣]))|\ball\s+(?:the\s+)?(?:pods|services)\b",
    re.IGNORECASE,
    needs=("파드", "팟", "포드", "서비스", "디플로이먼트", "all"),
)
_ANALYSIS_TYPES = (
    (
        "optimization",
        LazyPattern(
            r"최적화|절감|절약|줄[일이여]|낮[출추춰]|아낄|아끼|optimi[sz]|sav(?:e|ing)|reduc|cut|trim|slash|shave|lower|cheaper",
            re.I,
            needs=(
                "optimi",
                "saving",
                "reduc",
                "save",
                "cut",
                "trim",
                "slash",
                "shave",
                "lower",
                "cheaper",
                "최적화",
                "아끼",
                "아낄",
                "절감",
                "절약",
                "줄",
                "낮",
            ),
        ),
    ),
    (
        "forecast",
        LazyPattern(
            # Where the bill is heading, or what it comes to by the rest of a period: a projection.
            r"예측|전망|예상|forecast|predict|projection|next month"
            # The next period named in Korean ("다음 분기 비용", "내년 비용"): a bill not yet run up.
            r"|다음\s*(?:달|분기|주|해|반기|연도|년도|회계\s*연도)|내년|내달|차기\s*분기"
            r"|\bheading\b|\brest of the (?:month|quarter|year)\b"
            # A spend projected, or the next period's: "projected spend", "next quarter's bill".
            r"|\bproject(?:ed|ions?)\b|\bnext (?:quarter|year|week)\b",
            re.I,
            needs=(
                *("next month", "projection", "forecast", "predict", "다음", "예상", "예측", "전망"),
                *("내년", "내달", "차기"),
                *("heading", "rest of the", "project", "next quarter", "next year", "next week"),
            ),
        ),
    ),
    ("usage", LazyPattern(r"사용량|사용\s*현황|\busage\b", re.I, needs=("usage", "사용"))),
)


@dataclass(slots=True)
class Entities:
    references: References
    quantities: Quantities
    names: list[Name] = field(default_factory=list)
    previous_logs: bool = False
    pod_logs: bool = False
    """The logs are named as a pod's ("파드 로그", "pod logs")."""
    many_of_kind: bool = False
    """A kind said as many ("파드 다", "파드들", "all the pods"): a bare name is not one of them, but whose they are."""
    analysis_type: str | None = None
    leftover: str = ""
    """The command with every reference, count and name blanked: what the reading did not take."""
    korean: bool = False
    """The command is written (at least partly) in Korean."""

    @property
    def has_target(self) -> bool:
        references = self.references
        if references.repository is not None or references.kind_prefixed is not None:
            return True
        return any(name.kind != "located" for name in self.names)


# The requests of the closed set other than the cost analysis: an act's verb or a read's noun.
_OTHER_REQUESTS = (
    *(kw.RESTART, kw.SCALE, kw.SCALE_VERB, kw.DEPLOY, kw.ROLLBACK),
    *(kw.LOGS, kw.STRONG_STATUS, kw.WEAK_STATUS),
)
_DOMAIN_WORD = LazyPattern(r"(?<![A-Za-z0-9_§-])(?:billing|pricing|prices?|usage)(?![A-Za-z0-9_§-])", re.I)


def _asks_other_than_cost(norm: NormalisedText) -> bool:
    """A domain's noun ("billing", "pricing", "usage") is a cost request only when the sentence asks
    about cost: where, the noun aside, no cost word is left and an act of the closed set or a read
    ("billing 서버 상태", "um restart billing", "did billing restart?", "usage 로그 보여줘") is asked,
    the noun names the app it is said of."""
    if _DOMAIN_WORD.search(norm.words) is None:
        return False
    words = _DOMAIN_WORD.sub("§", norm.words)
    rest = replace(norm, words=words, words_compact=words.replace(" ", ""))
    if kw.COST.found_in(rest):
        return False
    return any(keywords.found_in(rest) for keywords in _OTHER_REQUESTS)


# What an app's name can be: a DNS label (lower-case letters, digits, '-').
_APP_NAME = LazyPattern(r"[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?")


# A file's name: a stem and the extension of a kind of file ("main.py", "config.yaml", "Dockerfile.dev").
_FILE_NAME = LazyPattern(
    r"[\w.-]+\.(?:py|ya?ml|json|toml|ini|cfg|conf|env|js|ts|jsx|tsx|go|java|kt|rb|rs|php|sh|sql|md|txt|xml"
    r"|html|css|lock|tf|log|csv|properties|gradle|dev|prod)",
    re.I,
)


def _valid_before_invalid(names: list[Name]) -> list[Name]:
    """A file's name ("main.py", "config.yaml"), a stack frame's ("com.example.Api.handle") or a path
    ("/app/main.py") is no app's: told beside a name that can be one ("main.py 고쳤으니 auth 재시작"),
    it is what the user worked on, never the target. Alone a file's name still names no app, and the
    act asks for its target; any other name that cannot be one stays, for the clear error it gets."""
    valid = [name for name in names if name.kind is not None or _APP_NAME.fullmatch(name.value.lower())]
    if valid:
        return valid
    return [name for name in names if not _FILE_NAME.fullmatch(name.value)]


def extract(norm: NormalisedText, changing: bool = False, request: bool = False) -> Entities:
    """`changing`: the predicate changes something (see names.take_names). `request`: `norm` is the
    request read, not a sentence beside it searched for the names it mentions."""
    masked = MaskedText(norm.text)
    references = take_references(masked, read=request and not changing)
    quantities = take_quantities(masked)
    names = take_names(masked, changing)
    if request and not names and _asks_other_than_cost(norm):
        # Only as the one name there is: beside another ("pricing 쪽은 끝났고 inventory를 배포") the
        # other is what is acted on.
        names = take_names(masked, changing, topic_named=True)
    names = _valid_before_invalid(names)
    yield_to_a_name(references, (name.value for name in names))
    analysis_type = next((kind for kind, pattern in _ANALYSIS_TYPES if pattern.search(norm.text)), None)
    entities = Entities(
        references=references,
        quantities=quantities,
        names=names,
        previous_logs=_PREVIOUS_LOGS.search(norm.text) is not None,
        pod_logs=_POD_LOGS.search(norm.text) is not None,
        many_of_kind=_MANY_OF_KIND.search(norm.text) is not None,
        analysis_type=analysis_type,
        leftover=masked.text,
        korean=any("가" <= letter <= "힣" for letter in norm.text),
    )
    if entities.korean:
        # Read once the names are taken: what stands between the app's name and its count is left.
        read_the_counted_noun(quantities, masked.text, named=entities.has_target)
    return entities
