"""Suggestions that turn a question back into a command the user can send as it is."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from klepaas_nlp.intents import Intent

PLACEHOLDER_TARGET = "owner/repo"
MAX_SUGGESTIONS = 4
GENERAL_SUGGESTIONS = (
    "명령어 목록 보여줘",
    "파드 목록 보여줘",
    "디플로이먼트 목록 보여줘",
    "전체적인 상황 보여줘",
    "접속 주소 목록 보여줘",
    "엔드포인트 목록 보여줘",
)
_TEMPLATES: Mapping[Intent, str] = {
    Intent.DEPLOY: "{target} 배포해줘",
    Intent.SCALE: "{target} {replicas}개로 늘려줘",
    Intent.RESTART: "{target} 재시작해줘",
    Intent.ROLLBACK: "{target} 롤백해줘",
    Intent.LIST_ROLLBACK: "{target} 롤백 목록 보여줘",
    Intent.STATUS: "{target} 상태 보여줘",
    Intent.LOGS: "{target} 로그 보여줘",
    Intent.ENDPOINT: "{target} 접속 주소 알려줘",
    Intent.GET_SERVICE: "{target} 서비스 상세 정보 보여줘",
    Intent.GET_DEPLOYMENT: "{target} 디플로이먼트 상세 정보 보여줘",
}
_PLACEHOLDERS: Mapping[Intent, str] = {
    Intent.GET_SERVICE: "my-service",
    Intent.GET_DEPLOYMENT: "my-deployment",
    Intent.LOGS: "my-pod",
}

# Commands that name no target, as a user would type them.
_PLAIN: Mapping[Intent, str] = {
    Intent.LIST_PODS: "파드 목록 보여줘",
    Intent.LIST_DEPLOYMENTS: "디플로이먼트 목록 보여줘",
    Intent.LIST_SERVICES: "서비스 목록 보여줘",
    Intent.LIST_ENDPOINTS: "엔드포인트 목록 보여줘",
    Intent.LIST_INGRESSES: "접속 주소 목록 보여줘",
    Intent.LIST_NAMESPACES: "네임스페이스 목록 보여줘",
    Intent.OVERVIEW: "전체적인 상황 보여줘",
    Intent.COST_ANALYSIS: "비용 분석 보여줘",
    Intent.LIST_COMMANDS: "명령어 목록 보여줘",
}

# A repository cannot stand in for these names, so only known app names are offered.
_NAME_ONLY_INTENTS = frozenset({Intent.GET_SERVICE, Intent.GET_DEPLOYMENT})


def example_command(intent: Intent, target: str, args: Mapping[str, object]) -> str:
    if intent in _PLAIN:
        return _PLAIN[intent]
    if intent is Intent.ROLLBACK and "target_commit_sha" in args:
        return f"{target} {args['target_commit_sha']}로 롤백해줘"
    if intent is Intent.ROLLBACK and "steps_back" in args:
        return f"{target} {args['steps_back']}단계 전으로 롤백해줘"
    if intent is Intent.DEPLOY and "environment" in args:
        # Two deploys of one app differ only in the place ("to staging and production"): the offer names it.
        return f"{target} {args['environment']}에 배포해줘"
    replicas = args.get("replicas", 3)
    return _TEMPLATES.get(intent, "{target} 상태 보여줘").format(target=target, replicas=replicas)


def similar_targets(typed: str, known: list[str]) -> list[str]:
    """Known targets that resemble `typed`, best first (case is ignored, the known spelling is kept)."""
    by_lower = {target.lower(): target for target in known}
    close = difflib.get_close_matches(typed.lower(), list(by_lower), n=3, cutoff=0.6)
    return [by_lower[match] for match in close]


def for_missing(intent: Intent, args: Mapping[str, object], missing: list[str], known: list[str]) -> list[str]:
    """Commands that would complete an interpretation whose `missing` arguments are not empty."""
    target = current_target(args)
    if target and intent is Intent.SCALE and "replicas" in missing:
        return [example_command(intent, target, {"replicas": count}) for count in (1, 2, 3)]
    if target:
        return [example_command(intent, target, args)]
    placeholder = _PLACEHOLDERS.get(intent, PLACEHOLDER_TARGET)
    image = args.get("image")
    if intent is Intent.DEPLOY and isinstance(image, str):
        # "payments:v2 배포": the image's own name is the likeliest app, offered, never assumed
        # (an image runs under any app name: "nginx:1.27" is seldom an app called nginx).
        named = image_name(image)
        offered = [f"{target} {image} 이미지로 배포해줘" for target in dict.fromkeys([named, *known]) if target]
        return [*offered[: MAX_SUGGESTIONS - 1], f"{placeholder} {image} 이미지로 배포해줘"]
    if intent in _NAME_ONLY_INTENTS:
        known = [target for target in known if "/" not in target]
    candidates = [*known[: MAX_SUGGESTIONS - 1], placeholder]
    return [example_command(intent, candidate, args) for candidate in candidates]


def image_name(image: str) -> str:
    """The repository name in an image reference: "ghcr.io/acme/api:3.1.0" -> "api"."""
    path = image.split("@", 1)[0]
    last = path.rsplit("/", 1)[-1]
    return last.split(":", 1)[0].lower()


def for_bad_commit(target: str) -> list[str]:
    """What to send instead of a rollback to something that is not a commit id."""
    shown = target or PLACEHOLDER_TARGET
    return [f"{shown} 롤백 목록 보여줘", example_command(Intent.ROLLBACK, shown, {})]


def for_unfamiliar_target(intent: Intent, typed: str, args: Mapping[str, object], known: list[str]) -> list[str]:
    return [example_command(intent, target, args) for target in similar_targets(typed, known)]


def current_target(args: Mapping[str, object]) -> str:
    """The target or resource name `args` name ("" when none)."""
    if "github_owner" in args and "github_repo" in args:
        return f"{args['github_owner']}/{args['github_repo']}"
    for key in ("app_name", "pod_name", "service_name", "deployment_name"):
        value = args.get(key)
        if isinstance(value, str):
            return value
    return ""
