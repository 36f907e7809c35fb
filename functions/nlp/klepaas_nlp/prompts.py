"""The questions the assistant asks before a mutation."""

from __future__ import annotations

from klepaas_nlp import deploy_client
from klepaas_nlp.formatting.language import Language
from klepaas_nlp.intents import Intent, Interpretation
from klepaas_shared.auth import Principal
from klepaas_shared.errors import KlepaasError
from klepaas_shared.operations import OperationRequest


def _target(it: Interpretation) -> str:
    args = it.args
    if "github_owner" in args and "github_repo" in args:
        return f"{args['github_owner']}/{args['github_repo']}"
    return str(args.get("app_name", ""))


def _current_replicas(principal: Principal, it: Interpretation) -> int | None:
    """The replica count now, from a dry run (None when deploy cannot tell)."""
    try:
        response = deploy_client.operations().run(
            OperationRequest.model_validate({"type": "scale", "args": dict(it.args), "source": "nlp", "dry_run": True}),
            principal,
        )
    except KlepaasError:
        return None
    old = response.data.get("old_replicas") if isinstance(response.data, dict) else None
    return old if isinstance(old, int) and not isinstance(old, bool) else None


def confirmation_question(principal: Principal, it: Interpretation, language: Language = "ko") -> str:
    """The question before a mutation, in the language of the command that asked for it."""
    target = _target(it)
    english = language == "en"
    if it.intent is Intent.SCALE:
        old = _current_replicas(principal, it)
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
        where = f"커밋 {commit}(으)로" if commit else f"{steps}단계 이전 버전으로"
        return f"{target}을(를) {where} 롤백하시겠습니까?"
    if it.intent is Intent.RESTART:
        return f"Restart {target}?" if english else f"{target}을(를) 재시작하시겠습니까?"
    branch = it.args.get("branch", "main")
    return (
        f"Deploy {target} from branch {branch}?" if english else f"{target}을(를) {branch} 브랜치로 배포하시겠습니까?"
    )
