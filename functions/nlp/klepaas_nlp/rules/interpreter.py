"""The deterministic interpreter: one command in, one checked Interpretation out (source "rules")."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from klepaas_nlp.arguments import DEFAULT_MAX_REPLICAS
from klepaas_nlp.intents import (
    INTENT_POLICIES,
    Intent,
    Interpretation,
    build_interpretation,
    missing_requirements,
    validate_args,
)
from klepaas_nlp.rules import suggest
from klepaas_nlp.rules.assemble import RawArgs, assemble
from klepaas_nlp.rules.classify import classify
from klepaas_nlp.rules.context import SessionContext, UserProfile, apply_aliases
from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.normalize import check_length, normalise
from klepaas_nlp.rules.reading import read
from klepaas_nlp.rules.safety import Refusal, check_safety

CONFIDENCE_EXPLICIT = 0.95
CONFIDENCE_FROM_CONTEXT = 0.9
CONFIDENCE_UNFAMILIAR_TARGET = 0.7
CONFIDENCE_MISSING = 0.5
CONFIDENCE_UNKNOWN = 0.1
CONFIDENCE_REFUSED = 0.99

_TARGET_KEYS = ("github_owner", "github_repo", "app_name")
_RESOURCE_NAME_KEYS = ("pod_name", "service_name", "deployment_name")


class RuleResult(BaseModel):
    """The rules' answer: the interpretation, and the session context to store (None: keep the old one)."""

    model_config = ConfigDict(frozen=True)

    interpretation: Interpretation
    context_update: SessionContext | None = None


def _takes_target(intent: Intent) -> bool:
    return "app_name" in INTENT_POLICIES[intent].allowed_args


def _fill_from_context(args: RawArgs, intent: Intent, context: SessionContext | None) -> bool:
    """Add the session's target when the command names none; True when something was added."""
    if context is None or not context.has_target or not _takes_target(intent):
        return False
    if any(key in args for key in (*_TARGET_KEYS, *_RESOURCE_NAME_KEYS)):
        return False
    for key, value in context.target_args().items():
        args.setdefault(key, value)
    return True


def _fill_preferred_environment(args: RawArgs, intent: Intent, profile: UserProfile | None) -> None:
    if profile is None or profile.preferred_environment is None or "environment" in args:
        return
    if "app_name" in args and "environment" in INTENT_POLICIES[intent].allowed_args:
        args["environment"] = profile.preferred_environment


def _typed_target(args: RawArgs) -> str | None:
    if "github_owner" in args and "github_repo" in args:
        return f"{args['github_owner']}/{args['github_repo']}"
    app_name = args.get("app_name")
    return app_name if isinstance(app_name, str) else None


def _refused(refusal: Refusal) -> RuleResult:
    refused = build_interpretation(
        Intent.UNKNOWN, {}, confidence=CONFIDENCE_REFUSED, source="rules", refused=refusal.reason
    )
    return RuleResult(interpretation=refused)


def interpret(
    text: str,
    context: SessionContext | None = None,
    profile: UserProfile | None = None,
    *,
    max_replicas: int = DEFAULT_MAX_REPLICAS,
) -> RuleResult:
    """Interpret one Korean or English command without executing anything.

    Raises CommandValidationError for an empty or over-long command and for argument values outside
    the schema (for example more replicas than `max_replicas`).
    """
    check_length(text)
    reading = read(text)
    norm = reading.norm
    refusal = check_safety(norm)
    if refusal is None and profile is not None and profile.aliases:
        # Checked before and after expansion: a learned alias can neither hide nor add a forbidden request.
        norm = normalise(apply_aliases(norm.text, profile.aliases))
        refusal = check_safety(norm)
    if refusal is not None:
        return _refused(refusal)

    known_targets = list(profile.known_targets) if profile is not None else []
    entities = extract(norm)
    classification = classify(norm, entities, frozenset(target.lower() for target in known_targets))
    intent = classification.intent
    if intent is Intent.UNKNOWN:
        # Data never makes a request, but a message that is nothing but forbidden data is still refused.
        data_refusal = reading.data_refusal()
        if data_refusal is not None:
            return _refused(data_refusal)
        unknown = build_interpretation(
            intent,
            {},
            confidence=CONFIDENCE_UNKNOWN,
            source="rules",
            suggestions=list(suggest.GENERAL_SUGGESTIONS),
        )
        return RuleResult(interpretation=unknown)

    raw_args = assemble(intent, classification.resource_type, entities)
    typed_target = _typed_target(raw_args)
    used_context = _fill_from_context(raw_args, intent, context)
    _fill_preferred_environment(raw_args, intent, profile)
    args = validate_args(intent, raw_args, max_replicas=max_replicas)

    missing = missing_requirements(intent, args)
    suggestions: list[str] = []
    confidence = CONFIDENCE_FROM_CONTEXT if used_context else CONFIDENCE_EXPLICIT
    if missing:
        confidence = CONFIDENCE_MISSING
        suggestions = suggest.for_missing(intent, args, missing, known_targets)
    elif typed_target is not None and profile is not None and known_targets and not profile.knows(typed_target):
        suggestions = suggest.for_unfamiliar_target(intent, typed_target, args, known_targets)
        confidence = CONFIDENCE_UNFAMILIAR_TARGET

    interpretation = build_interpretation(intent, args, confidence=confidence, source="rules", suggestions=suggestions)
    return RuleResult(interpretation=interpretation, context_update=SessionContext.from_args(args))
