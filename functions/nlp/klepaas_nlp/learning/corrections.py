"""From one correction to candidate aliases, each proven by the rules before it is kept.

A phrase of the command (one to three words) is a candidate when replacing it with the corrected
target, or with the intent's plain verb, makes the rules read exactly the corrected
interpretation. The longest such phrase wins, so "내 앱" is learned rather than "내".
"""

from __future__ import annotations

from dataclasses import dataclass

from klepaas_nlp.intents import CommandValidationError, Intent, Interpretation
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.lazy import LazyPattern

MAX_WORDS = 3
MAX_COMMAND_WORDS = 12
MAX_BOTH_WORDS = 8
_MEANINGFUL = LazyPattern(r"[0-9A-Za-z가-힣]{2}|[가-힣]\s*[가-힣]")

# The plain phrasing the rules always read as the intent; a learned phrase stands for it.
VERBS: dict[Intent, str] = {
    Intent.DEPLOY: "배포해줘",
    Intent.SCALE: "스케일해줘",
    Intent.RESTART: "재시작해줘",
    Intent.ROLLBACK: "롤백해줘",
    Intent.LIST_ROLLBACK: "롤백 목록 보여줘",
    Intent.STATUS: "상태 보여줘",
    Intent.LOGS: "로그 보여줘",
    Intent.ENDPOINT: "접속 주소 알려줘",
    Intent.OVERVIEW: "전체 상황 보여줘",
    Intent.LIST_PODS: "파드 목록 보여줘",
    Intent.LIST_DEPLOYMENTS: "디플로이먼트 목록 보여줘",
    Intent.LIST_SERVICES: "서비스 목록 보여줘",
    Intent.LIST_ENDPOINTS: "엔드포인트 목록 보여줘",
    Intent.LIST_INGRESSES: "인그레스 목록 보여줘",
    Intent.LIST_NAMESPACES: "네임스페이스 목록 보여줘",
    Intent.COST_ANALYSIS: "비용 분석해줘",
    Intent.LIST_COMMANDS: "명령어 목록 보여줘",
}


@dataclass(frozen=True)
class Candidate:
    phrase: str
    to: str
    kind: str  # "target" or "intent"


def target_of(args: dict[str, str | int | bool]) -> str | None:
    if "github_owner" in args and "github_repo" in args:
        return f"{args['github_owner']}/{args['github_repo']}"
    name = args.get("app_name")
    return name if isinstance(name, str) else None


def _reads_as(text: str, wanted: Interpretation, max_replicas: int) -> bool:
    try:
        got = interpret(text, None, None, max_replicas=max_replicas).interpretation
    except CommandValidationError:
        return False
    return got.intent is wanted.intent and got.args == wanted.args and not got.missing and got.refused is None


def _spans(words: list[str]) -> list[tuple[int, int]]:
    found = [(i, j) for i in range(len(words)) for j in range(i + 1, min(i + MAX_WORDS, len(words)) + 1)]
    return sorted(found, key=lambda span: (span[0] - span[1], span[0]))


def _search(words: list[str], to: str, kind: str, wanted: Interpretation, max_replicas: int) -> Candidate | None:
    for i, j in _spans(words):
        phrase = " ".join(words[i:j])
        if len(phrase) > 30 or not _MEANINGFUL.search(phrase) or to.lower() in phrase.lower():
            continue
        if _reads_as(" ".join([*words[:i], to, *words[j:]]), wanted, max_replicas):
            return Candidate(phrase, to, kind)
    return None


def candidates(command: str, wanted: Interpretation, *, max_replicas: int) -> list[Candidate]:
    """The target alias and/or intent alias that explain `wanted` for `command` (none if already read so)."""
    words = command.split()
    if not words or len(words) > MAX_COMMAND_WORDS or _reads_as(command, wanted, max_replicas):
        return []
    target = target_of(dict(wanted.args))
    if target is not None:
        found = _search(words, target, "target", wanted, max_replicas)
        if found is not None:
            return [found]
    verb = VERBS.get(wanted.intent)
    if verb is None:
        return []
    found = _search(words, verb, "intent", wanted, max_replicas)
    if found is not None:
        return [found]
    if target is None or len(words) > MAX_BOTH_WORDS:
        return []
    # Both at once: "내 앱 살려줘" → target "내 앱" and intent "살려줘".
    for i, j in _spans(words):
        rest = [*words[:i], target, *words[j:]]
        intent_alias = _search(rest, verb, "intent", wanted, max_replicas)
        phrase = " ".join(words[i:j])
        if intent_alias is not None and _MEANINGFUL.search(phrase) and target not in intent_alias.phrase:
            return [Candidate(phrase, target, "target"), intent_alias]
    return []
