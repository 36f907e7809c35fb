"""The closed set of commands: intents, their risk, their arguments, and the interpretation shape.

Every interpretation, by the rules or by a model, is checked here before anything acts on it.
Argument checking lives in `klepaas_nlp.arguments`; this module holds the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictBool, StrictInt, StrictStr, ValidationError

from klepaas_nlp.arguments import DEFAULT_MAX_REPLICAS, CommandValidationError, check_arguments

__all__ = [
    "INTENT_POLICIES",
    "MUTATING_INTENTS",
    "CommandValidationError",
    "Intent",
    "IntentPolicy",
    "Interpretation",
    "Requirement",
    "RiskLevel",
    "build_interpretation",
    "missing_requirements",
    "parse_intent",
    "policy_for",
    "validate_args",
    "validate_interpretation",
]


class Intent(StrEnum):
    DEPLOY = "deploy"
    SCALE = "scale"
    RESTART = "restart"
    ROLLBACK = "rollback"
    LIST_ROLLBACK = "list_rollback"
    STATUS = "status"
    LOGS = "logs"
    ENDPOINT = "endpoint"
    OVERVIEW = "overview"
    LIST_PODS = "list_pods"
    LIST_DEPLOYMENTS = "list_deployments"
    LIST_SERVICES = "list_services"
    LIST_ENDPOINTS = "list_endpoints"
    LIST_INGRESSES = "list_ingresses"
    LIST_NAMESPACES = "list_namespaces"
    GET_SERVICE = "get_service"
    GET_DEPLOYMENT = "get_deployment"
    COST_ANALYSIS = "cost_analysis"
    LIST_COMMANDS = "list_commands"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"


class RiskLevel(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"


ArgValue = StrictStr | StrictInt | StrictBool
Source = Literal["rules", "claude", "gpt", "gemini", "ensemble"]

TARGET_ARGS = frozenset({"github_owner", "github_repo", "app_name", "environment"})
REPOSITORY_TARGET = ("github_owner", "github_repo")
APP_TARGET = ("app_name",)


# The policy table is this module's own constant, not input: plain frozen dataclasses, so a cold
# instance does not build two pydantic validators to check what it wrote itself (issue 19).
@dataclass(frozen=True, slots=True)
class Requirement:
    """A required argument: `name` is what `missing` reports; any one alternative satisfies it."""

    name: str
    alternatives: tuple[tuple[str, ...], ...]

    def is_met_by(self, args: Mapping[str, object]) -> bool:
        return any(all(key in args for key in option) for option in self.alternatives)


TARGET = Requirement(name="target", alternatives=(REPOSITORY_TARGET, APP_TARGET))


@dataclass(frozen=True, slots=True)
class IntentPolicy:
    risk: RiskLevel
    requires_confirmation: bool
    strict_confirmation: bool = False
    required: tuple[Requirement, ...] = ()
    allowed_args: frozenset[str] = frozenset()

    @property
    def mutates(self) -> bool:
        return self.requires_confirmation


def _read(*args: str, required: tuple[Requirement, ...] = ()) -> IntentPolicy:
    return IntentPolicy(
        risk=RiskLevel.LOW, requires_confirmation=False, required=required, allowed_args=frozenset(args)
    )


def _named_or_target(name: str) -> Requirement:
    return Requirement(name=name, alternatives=((name,), REPOSITORY_TARGET, APP_TARGET))


INTENT_POLICIES: Mapping[Intent, IntentPolicy] = {
    Intent.DEPLOY: IntentPolicy(
        risk=RiskLevel.MEDIUM,
        requires_confirmation=True,
        required=(TARGET,),
        allowed_args=TARGET_ARGS | {"branch", "replicas", "image", "namespace"},
    ),
    Intent.SCALE: IntentPolicy(
        risk=RiskLevel.MEDIUM,
        requires_confirmation=True,
        required=(TARGET, Requirement(name="replicas", alternatives=(("replicas",),))),
        allowed_args=TARGET_ARGS | {"replicas", "namespace"},
    ),
    Intent.RESTART: IntentPolicy(
        risk=RiskLevel.MEDIUM,
        requires_confirmation=True,
        required=(TARGET,),
        allowed_args=TARGET_ARGS | {"namespace"},
    ),
    Intent.ROLLBACK: IntentPolicy(
        risk=RiskLevel.HIGH,
        requires_confirmation=True,
        strict_confirmation=True,
        required=(TARGET,),
        allowed_args=TARGET_ARGS | {"target_commit_sha", "steps_back", "namespace"},
    ),
    Intent.LIST_ROLLBACK: _read(*TARGET_ARGS, required=(TARGET,)),
    Intent.STATUS: _read(*TARGET_ARGS, "resource_type", "pod_name", "service_name", "deployment_name", "namespace"),
    Intent.LOGS: _read(
        *TARGET_ARGS, "pod_name", "lines", "previous", "namespace", required=(_named_or_target("pod_name"),)
    ),
    Intent.ENDPOINT: _read(*TARGET_ARGS, "service_name", "namespace", required=(_named_or_target("service_name"),)),
    Intent.OVERVIEW: _read("namespace"),
    Intent.LIST_PODS: _read("namespace"),
    Intent.LIST_DEPLOYMENTS: _read("namespace"),
    Intent.LIST_SERVICES: _read("namespace"),
    Intent.LIST_ENDPOINTS: _read("namespace"),
    Intent.LIST_INGRESSES: _read(),
    Intent.LIST_NAMESPACES: _read(),
    Intent.GET_SERVICE: _read(
        "service_name",
        "namespace",
        required=(Requirement(name="service_name", alternatives=(("service_name",),)),),
    ),
    Intent.GET_DEPLOYMENT: _read(
        "deployment_name",
        "namespace",
        required=(Requirement(name="deployment_name", alternatives=(("deployment_name",),)),),
    ),
    Intent.COST_ANALYSIS: _read("namespace", "analysis_type"),
    Intent.LIST_COMMANDS: _read(),
    # Two acts in one command: nothing runs, each act comes back as a suggestion.
    Intent.AMBIGUOUS: _read(),
    Intent.UNKNOWN: _read(),
}

MUTATING_INTENTS = frozenset(intent for intent, policy in INTENT_POLICIES.items() if policy.mutates)


def policy_for(intent: Intent) -> IntentPolicy:
    return INTENT_POLICIES[intent]


def parse_intent(value: object) -> Intent:
    """The intent named by `value`, or a CommandValidationError if it is outside the closed set."""
    if isinstance(value, Intent):
        return value
    if isinstance(value, str):
        try:
            return Intent(value.strip().lower())
        except ValueError:
            pass
    raise CommandValidationError(
        f"지원하지 않는 명령 종류입니다: {value!r}",
        f"Unsupported intent: {value!r}",
        field="intent",
    )


def validate_args(
    intent: Intent | str, args: Mapping[str, object], *, max_replicas: int = DEFAULT_MAX_REPLICAS
) -> dict[str, str | int | bool]:
    """Normalise `args` for `intent` and check every value; raise CommandValidationError otherwise.

    Unknown intents, argument names the intent does not take, wrong types and out-of-range values
    are all rejected, so this is also the gate for answers coming from language models.
    """
    resolved = parse_intent(intent)
    return check_arguments(resolved.value, args, INTENT_POLICIES[resolved].allowed_args, max_replicas=max_replicas)


def missing_requirements(intent: Intent, args: Mapping[str, object]) -> list[str]:
    return [req.name for req in INTENT_POLICIES[intent].required if not req.is_met_by(args)]


# A function, not the builtin: pydantic reads a default factory's signature, and a builtin's is
# parsed from its text with the tokenizer, whose pattern costs a cold instance ~2 ms to compile.
def _no_args() -> dict[str, ArgValue]:
    return {}


def _no_words() -> list[str]:
    return []


class Interpretation(BaseModel):
    """The dry-run interpretation shape of NL_COMMANDS.md, field for field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    intent: Intent
    args: dict[str, ArgValue] = Field(default_factory=_no_args)
    missing: list[str] = Field(default_factory=_no_words)
    confidence: float = Field(ge=0.0, le=1.0)
    risk_level: RiskLevel
    requires_confirmation: bool
    refused: str | None = None
    source: Source
    suggestions: list[str] = Field(default_factory=_no_words)
    _model: str | None = PrivateAttr(default=None)

    @property
    def model(self) -> str | None:
        """The model whose answer this is (None for the rules): feedback credits or blames it."""
        return self._model

    def crediting(self, model: str) -> Interpretation:
        """A copy that names `model` as the one whose answer won (not part of the dry-run shape)."""
        copy = self.model_copy()
        copy._model = model
        return copy

    def rebuilt(self, *, args: Mapping[str, ArgValue] | None = None, refused: str | None = None) -> Interpretation:
        """The same reading with other `args` or a refusal: risk, confirmation and `missing` come
        from the policy table again; confidence, source, suggestions and the credited model stay."""
        again = build_interpretation(
            self.intent,
            self.args if args is None else args,
            confidence=self.confidence,
            source=self.source,
            suggestions=list(self.suggestions),
            refused=refused or self.refused,
        )
        return again.crediting(self.model) if self.model is not None else again


def build_interpretation(
    intent: Intent,
    args: Mapping[str, str | int | bool],
    *,
    confidence: float,
    source: Source,
    suggestions: list[str] | None = None,
    refused: str | None = None,
) -> Interpretation:
    """An Interpretation whose risk, confirmation and `missing` come from the policy table."""
    policy = INTENT_POLICIES[intent]
    missing = [] if refused else missing_requirements(intent, args)
    return Interpretation(
        intent=intent,
        args=dict(args),
        missing=missing,
        confidence=confidence,
        risk_level=RiskLevel.CRITICAL if refused else policy.risk,
        requires_confirmation=policy.requires_confirmation and not missing and not refused,
        refused=refused,
        source=source,
        suggestions=suggestions or [],
    )


def validate_interpretation(data: Mapping[str, object], *, max_replicas: int = DEFAULT_MAX_REPLICAS) -> Interpretation:
    """Check an interpretation from outside (a model's answer) against the closed schema.

    Shape, intent and arguments must be valid; risk, confirmation and `missing` are recomputed
    from the policy table so that an answer can never lower the safety of a command.
    """
    unknown_fields = set(data) - set(Interpretation.model_fields)
    if unknown_fields:
        raise CommandValidationError(
            f"알 수 없는 필드입니다: {', '.join(sorted(unknown_fields))}",
            f"Unknown fields: {', '.join(sorted(unknown_fields))}",
            field=sorted(unknown_fields)[0],
        )
    intent = parse_intent(data.get("intent"))
    raw_args = data.get("args", {})
    if not isinstance(raw_args, Mapping):
        raise CommandValidationError("args는 객체여야 합니다.", "args must be an object.", field="args")
    args = validate_args(intent, raw_args, max_replicas=max_replicas)
    try:
        claimed = Interpretation.model_validate({**data, "intent": intent, "args": args})
    except ValidationError as error:
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise CommandValidationError(
            f"해석 결과 형식이 올바르지 않습니다 ({location}): {first['msg']}",
            f"Malformed interpretation ({location}): {first['msg']}",
            field=location,
        ) from error
    return build_interpretation(
        intent,
        args,
        confidence=claimed.confidence,
        source=claimed.source,
        suggestions=claimed.suggestions,
        refused=claimed.refused,
    )
