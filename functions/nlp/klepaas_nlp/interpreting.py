"""One command → one checked Interpretation: the rules (the floor), then the model ensemble.

The rules answer first; the models are asked only when API keys are configured and the rules
are not sure (see `klepaas_nlp.models.choice` for the policy). Whatever a model answers is
checked against the closed schema and can only be chosen, never executed: mutations still go
through the confirmation.
"""

from __future__ import annotations

from klepaas_nlp import learning
from klepaas_nlp.intents import MUTATING_INTENTS, Intent, Interpretation, build_interpretation
from klepaas_nlp.rules import RuleResult, SessionContext, interpret, suggest
from klepaas_nlp.rules.context import UserProfile
from klepaas_nlp.rules.interpreter import CONFIDENCE_QUESTION
from klepaas_nlp.settings import settings


def understand(
    text: str, context: SessionContext | None, user_id: str | None = None
) -> tuple[Interpretation, SessionContext | None]:
    """The interpretation and the session context to keep (None: keep the old one).

    `user_id` brings in what was learned from that user's corrections (aliases, preferences).
    Raises CommandValidationError for an empty or over-long command or out-of-schema values.
    """
    profile = learning.profile(user_id)
    interpretation, update = _understand(text, context, profile)
    named, update = through_session(interpretation, update, context)
    if named is interpretation and (context is None or not context.github_repo):
        named, update = through_known_repository(interpretation, update, profile)
    return named, update


def through_known_repository(
    it: Interpretation, update: SessionContext | None, profile: UserProfile | None
) -> tuple[Interpretation, SessionContext | None]:
    """In a new session, a bare app name that is the repository name of exactly one repository this
    user has run commands on names that repository, as in the session that used it: the walk's fresh
    chat answered "sample-app을 찾을 수 없습니다" for the app K-Le-PaaS/sample-app deploys. A name the
    user also used on its own, or shared by two of their repositories, is left as it was said."""
    name = it.args.get("app_name")
    if profile is None or not isinstance(name, str) or profile.knows(name):
        return it, update
    owners = [
        target.split("/", 1)
        for target in profile.known_targets
        if "/" in target and target.split("/", 1)[1].lower() == name.lower()
    ]
    if len(owners) != 1:
        return it, update
    owner, repo = owners[0]
    args = _naming_repository(it, owner, repo)
    return it.rebuilt(args=args), SessionContext.from_args(args)


def _naming_repository(it: Interpretation, owner: str, repo: str) -> dict[str, str | int | bool]:
    """`it`'s arguments with its bare app name replaced by the repository it stands for."""
    return {"github_owner": owner, "github_repo": repo} | {k: v for k, v in it.args.items() if k != "app_name"}


def through_session(
    it: Interpretation, update: SessionContext | None, context: SessionContext | None
) -> tuple[Interpretation, SessionContext | None]:
    """A bare app name that is the repository name of the session's owner/repo (in any case) names
    that repository: after "K-Le-PaaS/sample-app 스테이징에 배포해줘", "sample-app 로그 보여줘" reads
    the app that repository deploys (k-le-paas-sample-app, in the session's environment unless the
    command names one), not an app called sample-app; and the session keeps remembering the
    repository. Any other app name is left as it was said."""
    if context is None or not (context.github_owner and context.github_repo):
        return it, update
    name = it.args.get("app_name")
    if not isinstance(name, str) or name.lower() != context.github_repo.lower():
        return it, update
    args = _naming_repository(it, context.github_owner, context.github_repo)
    if context.environment and "environment" not in args:
        args["environment"] = context.environment
    return it.rebuilt(args=args), SessionContext.from_args(args)


def _understand(
    text: str, context: SessionContext | None, profile: UserProfile | None
) -> tuple[Interpretation, SessionContext | None]:
    config = settings()
    result = interpret(text, context, profile, max_replicas=config.max_replicas)
    if not any(
        key.get_secret_value() for key in (config.anthropic_api_key, config.openai_api_key, config.gemini_api_key)
    ):
        return result.interpretation, result.context_update
    from klepaas_nlp.models.choice import should_consult
    from klepaas_nlp.models.ensemble import configured

    ensemble = configured(config)  # the SDK clients are made by the first round that asks them
    if ensemble is None or not should_consult(result.interpretation):
        return result.interpretation, result.context_update
    # The models read the command with this user's learned aliases already applied.
    choice = ensemble.decide(learning.expand(profile, text), context, result)
    if _contradicts(result, choice.interpretation):
        # The rules read the act from the predicate; a model that reads another act does not win on
        # confidence alone: the user is asked which was meant, and nothing runs.
        return _disagreement(result.interpretation, choice.interpretation), None
    return choice.interpretation, choice.context_update


def _act(intent: Intent) -> str:
    """What an intent does: a mutation is its own act; every read is the one act of reading."""
    if intent in MUTATING_INTENTS or intent in {Intent.AMBIGUOUS, Intent.UNKNOWN}:
        return intent.value
    return "read"


def _contradicts(rules: RuleResult, chosen: Interpretation) -> bool:
    """Whether the chosen answer reads another act than the one the rules read clearly.

    Two acts the rules read (`ambiguous`) are never collapsed into one by a model, however sure it
    is. Which read a read is (status or logs, say) is what the models are asked to settle, so a
    model choosing another read contradicts nothing; a mutation for a read, or another mutation, does."""
    said = rules.interpretation
    if said.intent is Intent.AMBIGUOUS:
        return chosen.intent is not Intent.AMBIGUOUS
    return rules.act_clear and _act(chosen.intent) != _act(said.intent)


def _disagreement(rules: Interpretation, model: Interpretation) -> Interpretation:
    offers = list(rules.suggestions) if rules.intent is Intent.AMBIGUOUS else []
    offers += [
        suggest.example_command(it.intent, suggest.current_target(it.args) or suggest.PLACEHOLDER_TARGET, it.args)
        for it in (rules, model)
        if it.intent not in {Intent.AMBIGUOUS, Intent.UNKNOWN}
    ]
    return build_interpretation(
        Intent.AMBIGUOUS, {}, confidence=CONFIDENCE_QUESTION, source="ensemble", suggestions=list(dict.fromkeys(offers))
    )
