"""The reply speaks the user's language: Korean when the command has Korean in it, English otherwise.

The deploy function answers every read with a short English line (it serves the API and MCP too);
a Korean command gets that line said again in Korean from the read's own data. A shape this module
does not know keeps the deploy line rather than a guess, and the fixed texts of a turn (unknown,
ambiguous, missing arguments, errors) are kept in both languages here. Deploy's errors are English
too: a Korean command gets them said in Korean from the error's code and what was asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Literal

from klepaas_shared.errors import KlepaasError
from klepaas_shared.text import particle

Language = Literal["ko", "en"]

# Hangul syllables and jamo: "payments 상태 보여줘" is a Korean command with an English name in it.
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")


def language_of(command: str) -> Language:
    """Korean when the command has Hangul, or no Latin letter either (emoji, digits, punctuation: the
    console's own language); English when it is written in Latin letters only."""
    return "ko" if _HANGUL.search(command) or _LATIN.search(command) is None else "en"


TEXTS: Mapping[str, Mapping[Language, str]] = {
    "unknown": {
        "ko": "명령어를 이해할 수 없습니다. 아래 예시를 참고해 주세요.",
        "en": "I could not understand the command. Try one of the examples below.",
    },
    "ambiguous": {
        "ko": "한 번에 한 가지 작업만 실행합니다. 아래에서 먼저 할 작업을 골라 보내 주세요.",
        "en": "I run one action at a time. Pick the one to do first from the suggestions below and send it.",
    },
    "missing": {
        "ko": "명령을 실행하려면 다음 정보가 필요합니다: {}",
        "en": "To run this command I need: {}",
    },
    "failed_read": {"ko": "요청을 처리하지 못했습니다: {}", "en": "The request could not be completed: {}"},
    "cancelled": {"ko": "작업을 취소했습니다.", "en": "The action was cancelled."},
    "done": {"ko": "작업을 실행했습니다.", "en": "The action was run."},
    "refused_action": {"ko": "이 작업은 실행할 수 없습니다: {}", "en": "This action cannot be run: {}"},
    "failed_action": {"ko": "작업을 실행하지 못했습니다: {}{}", "en": "The action could not be run: {}{}"},
    "deploy_failed": {"ko": "배포가 실패했습니다{}: {}", "en": "The deploy failed{}: {}"},
    "under_way": {"ko": "{} 진행 중{}", "en": "{} — in progress{}"},
    "retry": {
        "ko": " (다시 확인하면 같은 작업을 한 번만 실행합니다)",
        "en": " (confirming again runs the same action once)",
    },
}


def text(key: str, language: Language, *values: object) -> str:
    return TEXTS[key][language].format(*values)


_NOUNS_KO = {
    "list_pods": "파드",
    "list_deployments": "디플로이먼트",
    "list_services": "서비스",
    "list_ingresses": "인그레스",
    "list_namespaces": "네임스페이스",
    "list_endpoints": "엔드포인트",
    "events": "이벤트",
}


def _where(data: Mapping[str, Any]) -> str:
    namespace = data.get("namespace")
    if namespace == "all":  # deploy's word for a list over every namespace
        return "모든 네임스페이스의 "
    return f"{namespace} 네임스페이스의 " if namespace else ""


def _listed(intent: str) -> Callable[[Mapping[str, Any], Mapping[str, Any]], str]:
    return lambda data, _args: f"{_where(data)}{_NOUNS_KO[intent]} {int(data['total'])}개"


_KINDS_KO = {"pod": "파드", "service": "서비스", "deployment": "디플로이먼트"}


def _status(data: Mapping[str, Any], _args: Mapping[str, Any]) -> str:
    health = "정상" if data["is_healthy"] else "비정상"
    kind = _KINDS_KO.get(str(data["resource_type"]), str(data["resource_type"]))
    name = f" {data['name']}" if data.get("name") else ""
    return f"{_where(data)}{kind}{name} 상태: {health}"


def _logs(data: Mapping[str, Any], _args: Mapping[str, Any]) -> str:
    return f"{data['pod_name']}의 최근 로그 {int(data['total_lines'])}줄"


def _endpoint(data: Mapping[str, Any], _args: Mapping[str, Any]) -> str:
    return f"{data['service_name']} 접속 주소: {data.get('accessible_url') or data['service_endpoint']}"


def _named(kind: str, key: str) -> Callable[[Mapping[str, Any], Mapping[str, Any]], str]:
    return lambda data, args: f"{_where(data)}{kind} {data.get('name') or args[key]}"


def _history(data: Mapping[str, Any], args: Mapping[str, Any]) -> str:
    owner, repo = args.get("github_owner"), args.get("github_repo")
    target = f"{owner}/{repo}" if owner and repo else args.get("app_name", "")
    return f"{target}의 배포 기록 {int(data['total'])}건".strip()


_KOREAN: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], str]] = {
    **{intent: _listed(intent) for intent in _NOUNS_KO},
    "status": _status,
    "logs": _logs,
    "endpoint": _endpoint,
    "get_service": _named("서비스", "service_name"),
    "get_deployment": _named("디플로이먼트", "deployment_name"),
    "overview": lambda _data, _args: "클러스터 개요",
    "cost_analysis": lambda data, _args: f"예상 비용: 월 {int(data['current_cost']):,}원",
    "list_rollback": lambda data, _args: f"복원할 수 있는 이전 버전 {int(data['total_available'])}개",
    "deployment_history": _history,
}


def read_summary(intent: str, data: Any, args: Mapping[str, Any], said: str, language: Language) -> str:
    """The line that answers a read, in `language`; `said` is the deploy function's (English) line."""
    if language == "en" or not isinstance(data, Mapping):
        return said
    if data.get("dry_run"):
        return "설정된 클러스터가 없습니다 (dry-run 대상): 읽을 것이 없습니다"
    shape = _KOREAN.get(intent)
    if shape is None:
        return said
    try:
        return shape(data, args)
    except (KeyError, TypeError, ValueError):
        return said  # a shape this module does not know: the deploy line, not a guess


# A confirmed change, said in Korean from what deploy answered (its `data`) and what was asked.
_HELD = "pending_approval"
_ACTS_KO = {"deploy": "배포", "scale": "스케일 조정", "restart": "재시작", "rollback": "롤백"}


def _target_of(args: Mapping[str, Any]) -> str:
    from klepaas_nlp.rules.suggest import current_target  # loaded with the rules that read the command

    return current_target(args)


def _changed(intent: str, data: Mapping[str, Any], args: Mapping[str, Any]) -> str:
    target = str(data.get("repository") or data.get("deployment") or _target_of(args))
    if intent == "scale":
        old, new = data.get("old_replicas"), int(data["new_replicas"])
        counts = f"{int(old)}개에서 {new}개로" if isinstance(old, int) else f"{new}개로"
        return f"{target}의 레플리카를 {counts} 조정했습니다."
    if intent == "restart":
        restarted = particle(str(data["deployment"]), "을")
        return f"{data['namespace']} 네임스페이스의 {restarted} 순차 재시작하기 시작했습니다."
    under_way = data.get("status") == "running" or data.get("deployment_status") in ("waiting", "running")
    if intent == "rollback":
        done = "되돌리고 있습니다" if under_way else "되돌렸습니다"
        return f"{particle(target, '을')} {data['target_commit']} 버전으로 {done}."
    if under_way:
        return f"{target} 배포를 시작했습니다."
    image = f" (이미지 {data['image']})" if data.get("image") else ""
    return f"{particle(target, '을')} {data['environment']} 환경에 배포했습니다{image}."


def held_summary(act: str, data: Mapping[str, Any], args: Mapping[str, Any]) -> str:
    """A change waiting for an approval, in Korean: what waits, its operation id, and who decides it.
    The approval endpoint is the card's (`approval_path`), not the chat's: the one who asked may not
    approve, and the walk found an API path in a sentence meant for them."""
    target = str(data.get("repository") or _target_of(args))
    environment = data.get("environment") or args.get("environment")
    what = f"{target} {environment} 환경 {act}" if environment else f"{target} {act}"
    operation = str(data.get("operation_id") or "")
    held = f" (작업 ID {operation})" if operation else ""
    return (
        f"{particle(what, '은')} 승인을 기다리고 있습니다{held}. "
        "요청한 사람이 아닌 승인자가 Slack의 승인 요청에서 승인하면 실행되고, 대시보드의 최근 명령에 결과가 표시됩니다."
    )


def _held_act(intent: str, act: str, data: Mapping[str, Any], args: Mapping[str, Any]) -> str:
    """What a held change would do, as its summary names it: a scale's count, a rollback's version."""
    replicas = data.get("new_replicas", args.get("replicas"))
    if intent == "scale" and isinstance(replicas, int) and not isinstance(replicas, bool):
        return f"레플리카 {replicas}개로 {act}"
    commit = data.get("target_commit") or args.get("target_commit_sha")
    if intent == "rollback" and commit:
        return f"{commit} 버전으로 {act}"
    return act


def mutation_summary(intent: str, data: Any, args: Mapping[str, Any], said: str, language: Language) -> str:
    """The line that answers a confirmed change, in `language`; `said` is deploy's (English) line.
    Waiting for an approval and a dry run (no cluster) are said as such, never as done."""
    if language == "en" or not isinstance(data, Mapping):
        return said
    act = _ACTS_KO.get(intent, "작업")
    if data.get("status") == _HELD:
        return held_summary(_held_act(intent, act, data, args), data, args)
    if data.get("dry_run"):
        what = particle(f"{_target_of(args)} {act}", "을")
        return f"설정된 클러스터가 없어 {what} 실제로 실행하지 않았습니다 (dry-run)."
    try:
        return _changed(intent, data, args)
    except (KeyError, TypeError, ValueError):
        return said  # a shape this module does not know: deploy's line, not a guess


# What a missing argument is called when a Korean answer asks for it.
_ARGUMENTS_KO = {
    "target": "대상(앱 이름 또는 owner/repo 저장소)",
    "replicas": "레플리카 수",
    "target_commit_sha": "커밋 ID(16진수 7~40자리)",
    "pod_name": "파드 이름",
    "service_name": "서비스 이름",
    "deployment_name": "디플로이먼트 이름",
}


def missing_names(missing: list[str], language: Language) -> str:
    """The arguments a question asks for, named in `language`."""
    if language == "en":
        return ", ".join(missing)
    return ", ".join(_ARGUMENTS_KO.get(name, name) for name in missing)


# A named thing deploy could not find, by what was asked: (the kind said, the command that lists them).
_NOT_FOUND_KO = {
    "status": ("파드(또는 앱)", "파드 목록 보여줘"),
    "logs": ("파드(또는 앱)", "파드 목록 보여줘"),
    "endpoint": ("서비스", "서비스 목록 보여줘"),
    "get_service": ("서비스", "서비스 목록 보여줘"),
    "get_deployment": ("디플로이먼트", "디플로이먼트 목록 보여줘"),
}
_STATUS_KINDS_KO = {
    "service": ("서비스", "서비스 목록 보여줘"),
    "deployment": ("디플로이먼트", "디플로이먼트 목록 보여줘"),
}
# Deploy's error codes (klepaas_shared.errors), said in Korean.
_CODES_KO = {
    "not_found": "요청한 대상을 찾을 수 없습니다.",
    "forbidden": "이 작업을 할 권한이 없습니다.",
    "unauthorized": "다시 로그인해야 합니다.",
    "bad_request": "요청이 올바르지 않습니다.",
    "validation_failed": "요청이 올바르지 않습니다.",
    "conflict": "다른 작업과 충돌했습니다. 잠시 후 다시 시도해 주세요.",
    "rate_limited": "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
    "upstream_error": "클러스터나 연결된 서비스가 요청을 처리하지 못했습니다.",
    "upstream_refused": "클러스터나 연결된 서비스가 요청을 거절했습니다.",
    "unavailable": "작업을 처리할 서비스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
    "timeout": "제시간에 응답이 오지 않았습니다. 잠시 후 다시 시도해 주세요.",
}


def failure_of(error: KlepaasError, intent: str, args: Mapping[str, Any], language: Language) -> str:
    """:func:`failure` of a deploy error, said from its own reason in the command's language when it
    gave both (the policy's refusals do: "kube-system은 시스템 네임스페이스라 …"): the person reads one
    language, not an English sentence with its Korean after it."""
    own = error.details.get("reason_ko" if language == "ko" else "reason")
    if isinstance(own, str) and own and isinstance(error.details.get("reason_ko"), str):
        return own
    return failure(error.code, error.message, intent, args, language)


def failure(code: str, said: str, intent: str, args: Mapping[str, Any], language: Language) -> str:
    """Deploy's error line `said` (English) in `language`: for Korean, said again from the error's
    code and what the command asked for; a not-found named resource gets its name, where it was
    looked for, and the command that lists what there is, on a second line (the card's hint)."""
    if language == "en" or _HANGUL.search(said):
        return said  # some of deploy's refusals are written in both languages already
    from klepaas_nlp.rules.suggest import current_target  # loaded with the rules that read the command

    name = current_target(args)
    shown = _NOT_FOUND_KO.get(intent)
    if intent == "status":
        shown = _STATUS_KINDS_KO.get(str(args.get("resource_type")), shown)
    if code == "not_found" and shown is not None and name:
        kind, listing = shown
        where = f"{args.get('namespace') or 'default'} 네임스페이스에서 "
        return f"{where}{kind} {particle(name, '을')} 찾을 수 없습니다.\n이름은 '{listing}'로 확인해 보세요."
    commit = args.get("target_commit_sha")
    if code == "not_found" and intent == "rollback" and commit and name:
        # The app is there; the commit is not among its releases (the walk read "대상을 찾을 수 없습니다").
        return (
            f"{name}의 배포 이력에 커밋 {particle(str(commit), '이')} 없습니다.\n"
            f"되돌릴 수 있는 버전은 '{name} 롤백 목록 보여줘'로 확인해 보세요."
        )
    if code == "not_found" and name:
        return f"{name}: {_CODES_KO['not_found']}"
    return _CODES_KO.get(code, "요청을 처리하지 못했습니다.")
