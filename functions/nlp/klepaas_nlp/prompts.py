"""The questions the assistant asks before a mutation."""

from __future__ import annotations

from typing import Any

from klepaas_nlp.formatting.language import Language
from klepaas_nlp.intents import Intent, Interpretation
from klepaas_shared.text import particle


def _target(it: Interpretation) -> str:
    from klepaas_nlp.rules.suggest import current_target  # loaded with the rules that read the command

    return current_target(it.args)


def _current_replicas(preview: dict[str, Any] | None) -> int | None:
    """The replica count now, from deploy's dry run of the scale (None when it could not tell)."""
    old = preview.get("old_replicas") if preview else None
    return old if isinstance(old, int) and not isinstance(old, bool) else None


def _where(it: Interpretation, english: bool) -> str:
    """Where the change lands, when the command said so: " (production, namespace shop)"."""
    args = it.args
    parts = []
    if args.get("environment"):
        parts.append(str(args["environment"]) if english else f"{args['environment']} 환경")
    if args.get("namespace"):
        parts.append(f"namespace {args['namespace']}" if english else f"{args['namespace']} 네임스페이스")
    return f" ({', '.join(parts)})" if parts else ""


def confirmation_question(it: Interpretation, language: Language = "ko", preview: dict[str, Any] | None = None) -> str:
    """The question before a mutation, in the language of the command that asked for it. It names
    everything the command set (environment, namespace, image, count): the person confirms what runs.
    `preview` is deploy's dry run of it (klepaas_nlp.chat.checks): a scale says the count it has now."""
    english = language == "en"
    target = _target(it) + _where(it, english)
    if it.intent is Intent.SCALE:
        old = _current_replicas(preview)
        new = it.args["replicas"]
        if english:
            return (
                f"Scale {target} from {old} to {new} replicas?"
                if old is not None
                else f"Scale {target} to {new} replicas?"
            )
        if old is not None:
            return f"{target}의 레플리카를 {old}개에서 {new}개로 조정하시겠습니까?"
        return f"{target}의 레플리카를 {new}개로 조정하시겠습니까?"
    if it.intent is Intent.ROLLBACK:
        commit = it.args.get("target_commit_sha")
        steps = it.args.get("steps_back", 1)
        if english:
            return f"Roll {target} back to commit {commit}?" if commit else f"Roll {target} back {steps} version(s)?"
        where = f"커밋 {particle(str(commit), '으로')}" if commit else f"{steps}단계 이전 버전으로"
        return f"{particle(target, '을')} {where} 롤백하시겠습니까?"
    if it.intent is Intent.RESTART:
        return f"Restart {target}?" if english else f"{particle(target, '을')} 재시작하시겠습니까?"
    return _deploy_question(it, target, english)


def _deploy_question(it: Interpretation, target: str, english: bool) -> str:
    image, replicas = it.args.get("image"), it.args.get("replicas")
    if english:
        source = f"image {image}" if image else f"branch {it.args.get('branch', 'main')}"
        count = f" with {replicas} replicas" if replicas else ""
        return f"Deploy {target} from {source}{count}?"
    source = f"{image} 이미지로" if image else f"{it.args.get('branch', 'main')} 브랜치로"
    count = f" 레플리카 {replicas}개로" if replicas else ""
    return f"{particle(target, '을')} {source}{count} 배포하시겠습니까?"


_ACTIONS = {
    "deploy": ("배포", "deploy"),
    "scale": ("레플리카 조정", "scale"),
    "restart": ("재시작", "restart"),
    "rollback": ("롤백", "rollback"),
}


def replaced_notice(intent: str, args: dict[str, Any], language: Language = "ko") -> str:
    """Said before a new question that replaced one still waiting in the same chat. The console's
    확인 sends only the session, so a button left on the older question would run the newer action:
    the person must read that the older one is gone before anything is confirmed."""
    from klepaas_nlp.rules.suggest import current_target

    target = current_target(args)
    korean, english = _ACTIONS.get(intent, (intent, intent))
    if language == "en":
        return (
            f"The earlier request still waiting for confirmation ({english} of {target}) was cancelled;"
            " confirming now runs only the action below. "
        )
    return f"확인을 기다리던 이전 요청({target} {korean})은 취소했습니다. 지금 확인하면 아래 작업만 실행됩니다. "
