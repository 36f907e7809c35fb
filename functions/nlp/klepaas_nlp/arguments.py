"""Argument values of the closed command set: normalisation and checks, with bilingual errors."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from klepaas_shared.text import particle

DEFAULT_MAX_REPLICAS = 10
MAX_LOG_LINES = 100
MAX_STEPS_BACK = 10

ENVIRONMENT_WORDS: Mapping[str, str] = {
    "staging": "staging",
    "stage": "staging",
    "stg": "staging",
    "스테이징": "staging",
    "production": "production",
    "prod": "production",
    "prd": "production",
    "live": "production",
    "운영": "production",
    "프로덕션": "production",
    "상용": "production",
    # The English abbreviations as spoken in Korean: "프로드", "스테이지", "데브".
    "프로드": "production",
    "스테이지": "staging",
    "데브": "development",
    "development": "development",
    "dev": "development",
    "개발": "development",
    # The same places in Japanese and Chinese ("本番にデプロイ", "部署到生产"): ops teams write them in kanji/hanzi.
    "本番": "production",
    "プロダクション": "production",
    "ステージング": "staging",
    "開発": "development",
    "生产": "production",
    "生產": "production",
    "开发": "development",
}
RESOURCE_TYPE_WORDS: Mapping[str, str] = {
    "pod": "pod",
    "pods": "pod",
    "파드": "pod",
    "service": "service",
    "services": "service",
    "svc": "service",
    "서비스": "service",
    "deployment": "deployment",
    "deployments": "deployment",
    "디플로이먼트": "deployment",
}
ANALYSIS_TYPE_WORDS: Mapping[str, str] = {
    "usage": "usage",
    "사용량": "usage",
    "optimization": "optimization",
    "optimisation": "optimization",
    "최적화": "optimization",
    "forecast": "forecast",
    "예측": "forecast",
}

_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
_DNS_1035_LABEL = re.compile(r"[a-z]([-a-z0-9]{0,61}[a-z0-9])?")
_DNS_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_GITHUB_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
_GITHUB_REPO = re.compile(r"[A-Za-z0-9._-]{1,100}")
_COMMIT_SHA = re.compile(r"[0-9a-f]{7,40}")
_BRANCH = re.compile(r"(?!-)(?!.*\.\.)(?!.*//)[A-Za-z0-9._/-]{1,255}(?<![./])")
# [registry[:port]/]path[:tag][@sha256:digest]; the registry's port is the one colon before a slash.
_IMAGE = re.compile(
    r"(?:[a-z0-9][a-z0-9.-]*:[0-9]{1,5}/)?[a-z0-9][a-z0-9._/-]*(?::[A-Za-z0-9._-]{1,128})?(?:@sha256:[0-9a-f]{64})?"
)


class CommandValidationError(ValueError):
    """A command or argument outside the closed schema; carries a Korean and an English message."""

    def __init__(self, message_ko: str, message_en: str, *, field: str | None = None) -> None:
        super().__init__(f"{message_ko} ({message_en})")
        self.message_ko = message_ko
        self.message_en = message_en
        self.field = field


def _fail(field: str, message_ko: str, message_en: str) -> CommandValidationError:
    return CommandValidationError(message_ko, message_en, field=field)


def _text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise _fail(field, f"{field} 값은 문자열이어야 합니다.", f"{field} must be a string.")
    stripped = value.strip()
    if not stripped:
        raise _fail(field, f"{field} 값이 비어 있습니다.", f"{field} is empty.")
    return stripped


def _integer(field: str, value: object, low: int, high: int, unit_ko: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(field, f"{field} 값은 정수여야 합니다.", f"{field} must be an integer.")
    if value < low or value > high:
        raise _fail(
            field,
            f"{field} 값은 {low}~{high}{unit_ko} 사이여야 합니다 (요청: {value}).",
            f"{field} must be between {low} and {high} (got {value}).",
        )
    return value


def _pattern(field: str, value: object, pattern: re.Pattern[str], what_ko: str, what_en: str) -> str:
    text = _text(field, value)
    if not pattern.fullmatch(text):
        said = particle(repr(text), "은")
        raise _fail(field, f"{said} 올바른 {what_ko}이 아닙니다.", f"{text!r} is not a valid {what_en}.")
    return text


def _kubernetes_name(pattern: re.Pattern[str], max_length: int) -> Callable[[str, object, int], str]:
    def check(field: str, value: object, _max_replicas: int) -> str:
        name = _text(field, value).lower()
        if len(name) > max_length or not pattern.fullmatch(name):
            said = particle(repr(name), "은")
            raise _fail(
                field,
                f"{said} 올바른 쿠버네티스 이름이 아닙니다 (영문 소문자, 숫자, '-', 최대 {max_length}자).",
                f"{name!r} is not a valid Kubernetes name (lower-case letters, digits, '-', "
                f"at most {max_length} characters).",
            )
        return name

    return check


def _word(table: Mapping[str, str], choices: str) -> Callable[[str, object, int], str]:
    def check(field: str, value: object, _max_replicas: int) -> str:
        word = _text(field, value)
        canonical = table.get(word.lower())
        if canonical is None:
            raise _fail(
                field,
                f"{field} 값은 {choices} 중 하나여야 합니다 (요청: {word!r}).",
                f"{field} must be one of {choices} (got {word!r}).",
            )
        return canonical

    return check


def _replicas(field: str, value: object, max_replicas: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > max_replicas:
        raise _fail(
            field,
            f"복제본 수는 정책상 최대 {max_replicas}개까지 설정할 수 있습니다 (요청: {value}개).",
            f"Replicas are limited to {max_replicas} by policy (asked for {value}).",
        )
    return _integer(field, value, 0, max_replicas, "개")


def _lines(field: str, value: object, _max_replicas: int) -> int:
    return _integer(field, value, 1, MAX_LOG_LINES, "줄")


def _steps_back(field: str, value: object, _max_replicas: int) -> int:
    return _integer(field, value, 1, MAX_STEPS_BACK, "단계")


def _previous(field: str, value: object, _max_replicas: int) -> bool:
    if not isinstance(value, bool):
        raise _fail(field, f"{field} 값은 true/false여야 합니다.", f"{field} must be a boolean.")
    return value


def _owner(field: str, value: object, _max_replicas: int) -> str:
    return _pattern(field, value, _GITHUB_OWNER, "GitHub 소유자 이름", "GitHub owner")


def _repo(field: str, value: object, _max_replicas: int) -> str:
    repo = _pattern(field, value, _GITHUB_REPO, "저장소 이름", "repository name")
    repo = repo.removesuffix(".git")
    if repo in {"", ".", ".."}:
        raise _fail(field, "저장소 이름이 올바르지 않습니다.", "The repository name is not valid.")
    return repo


def _commit_sha(field: str, value: object, _max_replicas: int) -> str:
    sha = _text(field, value).lower()
    if not _COMMIT_SHA.fullmatch(sha):
        raise _fail(
            field,
            f"{particle(repr(sha), '은')} 올바른 커밋 SHA가 아닙니다 (16진수 7~40자).",
            f"{sha!r} is not a valid commit SHA (7 to 40 hex digits).",
        )
    return sha


def _branch(field: str, value: object, _max_replicas: int) -> str:
    return _pattern(field, value, _BRANCH, "브랜치 이름", "branch name")


def _image(field: str, value: object, _max_replicas: int) -> str:
    return _pattern(field, value, _IMAGE, "컨테이너 이미지", "container image")


_CHECKS: Mapping[str, Callable[[str, object, int], str | int | bool]] = {
    "github_owner": _owner,
    "github_repo": _repo,
    "app_name": _kubernetes_name(_DNS_LABEL, 63),
    "namespace": _kubernetes_name(_DNS_LABEL, 63),
    "service_name": _kubernetes_name(_DNS_1035_LABEL, 63),
    "pod_name": _kubernetes_name(_DNS_SUBDOMAIN, 253),
    "deployment_name": _kubernetes_name(_DNS_SUBDOMAIN, 253),
    "environment": _word(ENVIRONMENT_WORDS, "staging / production / development"),
    "resource_type": _word(RESOURCE_TYPE_WORDS, "pod / service / deployment"),
    "analysis_type": _word(ANALYSIS_TYPE_WORDS, "usage / optimization / forecast"),
    "replicas": _replicas,
    "lines": _lines,
    "steps_back": _steps_back,
    "previous": _previous,
    "target_commit_sha": _commit_sha,
    "branch": _branch,
    "image": _image,
}
_NAMED_RESOURCES = {"pod_name": "pod", "service_name": "service", "deployment_name": "deployment"}


def check_arguments(
    intent: str, args: Mapping[str, object], allowed: frozenset[str], *, max_replicas: int
) -> dict[str, str | int | bool]:
    """Normalised copy of `args`; raise CommandValidationError on any name or value outside the schema."""
    checked: dict[str, str | int | bool] = {}
    for name, value in args.items():
        if not isinstance(name, str) or name not in allowed:
            raise _fail(
                str(name),
                f"'{intent}' 명령에는 {name!r} 인자를 쓸 수 없습니다.",
                f"The {intent!r} command does not take an argument named {name!r}.",
            )
        checked[name] = _CHECKS[name](name, value, max_replicas)
    _check_combinations(checked)
    return checked


def _check_combinations(args: Mapping[str, str | int | bool]) -> None:
    if ("github_owner" in args) != ("github_repo" in args):
        raise _fail(
            "github_repo",
            "저장소는 owner/repo 형식으로 둘 다 있어야 합니다.",
            "A repository needs both github_owner and github_repo.",
        )
    if "target_commit_sha" in args and "steps_back" in args:
        raise _fail(
            "steps_back",
            "커밋 SHA와 단계 수 중 하나만 지정할 수 있습니다.",
            "Give either target_commit_sha or steps_back, not both.",
        )
    named = [name for name in _NAMED_RESOURCES if name in args]
    if len(named) > 1:
        raise _fail(
            named[1],
            "파드·서비스·디플로이먼트 이름 중 하나만 지정할 수 있습니다.",
            "Give only one of pod_name, service_name and deployment_name.",
        )
    resource_type = args.get("resource_type")
    if named and resource_type is not None and _NAMED_RESOURCES[named[0]] != resource_type:
        raise _fail(
            named[0],
            f"{particle(named[0], '은')} 리소스 종류 {particle(str(resource_type), '와')} 맞지 않습니다.",
            f"{named[0]} does not match resource_type {resource_type!r}.",
        )
