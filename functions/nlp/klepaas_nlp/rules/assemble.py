"""Turn what a command names into the arguments its intent takes, and nothing else.

A bare name is an app name (the target) unless a kind word stands beside it: "nginx pod" names a
pod, "nginx 서비스" a service. For intents that take only a namespace, a name written as a place
("monitoring에서") is that namespace.
"""

from __future__ import annotations

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules.entities import Entities
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.names import Name
from klepaas_nlp.rules.vocabulary import ENVIRONMENT_KEYS

RawArgs = dict[str, object]

TARGET_INTENTS = frozenset({Intent.DEPLOY, Intent.SCALE, Intent.RESTART, Intent.ROLLBACK, Intent.LIST_ROLLBACK})
_CHANGES = frozenset({Intent.DEPLOY, Intent.SCALE, Intent.RESTART, Intent.ROLLBACK})
NAMESPACE_ONLY_INTENTS = frozenset(
    {
        Intent.OVERVIEW,
        Intent.LIST_PODS,
        Intent.LIST_DEPLOYMENTS,
        Intent.LIST_SERVICES,
        Intent.LIST_ENDPOINTS,
        Intent.COST_ANALYSIS,
    }
)
_NAME_ARG = {"pod": "pod_name", "service": "service_name", "deployment": "deployment_name"}


def _first(names: list[Name], *kinds: str | None) -> Name | None:
    return next((name for name in names if name.kind in kinds), None)


def _put_target(args: RawArgs, entities: Entities, name: Name | None) -> None:
    found = entities.references
    if found.repository is not None:
        args["github_owner"], args["github_repo"] = found.repository
    elif name is not None:
        args["app_name"] = name.value
    elif found.kind_prefixed is not None:
        args["app_name"] = found.kind_prefixed[1]
    if found.environment is not None:
        args["environment"] = found.environment


def _put_namespace(args: RawArgs, entities: Entities) -> None:
    if entities.references.namespace is not None:
        args["namespace"] = entities.references.namespace


def _named_resource(entities: Entities, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    prefixed = entities.references.kind_prefixed
    if prefixed is not None and prefixed[0] in kinds:
        return prefixed
    name = _first(entities.names, *kinds)
    return None if name is None or name.kind is None else (name.kind, name.value)


def _resource_for_read(intent: Intent, resource_type: str | None, entities: Entities) -> tuple[str, str] | None:
    """The (kind, name) of the one resource a status, logs or endpoint request names, if any."""
    own_kinds = {Intent.LOGS: ("pod",), Intent.ENDPOINT: ("service",)}.get(intent, ("pod", "service", "deployment"))
    named = _named_resource(entities, own_kinds)
    if named is not None or intent is not Intent.STATUS or resource_type not in _NAME_ARG:
        return named
    # "서비스 상태 nginx", "deployment status of api": the written kind names the bare name, unless it is said as
    # many ("X 배포 후에 파드 다 Running이야?": X's pods, X the app).
    bare = _first(entities.names, None)
    if bare is None or entities.references.repository is not None or entities.many_of_kind:
        return None
    return (resource_type, bare.value)


def _for_target_intent(intent: Intent, entities: Entities) -> RawArgs:
    args: RawArgs = {}
    # "crypto-staging에 있는 gas-oracle 재시작", "restart api in payments": a name written as a place
    # says where the target runs and is never what is changed, while another name is there to be.
    place = _first(entities.names, "located")
    acted_on = next((name for name in entities.names if name.kind != "located"), None)
    # "gov-prod에서 재시작 좀": a change said only where it happens has no object yet; the place is its
    # namespace and the target is asked for. Otherwise a place with nothing else named is what is acted on.
    lone_place = place is not None and place.at and len(entities.names) == 1 and intent in _CHANGES
    if not lone_place and (place is None or acted_on is None):
        place, acted_on = None, entities.names[0] if entities.names else None
    _put_target(args, entities, acted_on)
    found, counts = entities.references, entities.quantities
    if intent is Intent.DEPLOY:
        for key, value in (("branch", found.branch), ("image", found.image)):
            if value is not None:
                args[key] = value
    if intent in {Intent.DEPLOY, Intent.SCALE} and counts.replicas is not None and not counts.replicas_relative:
        args["replicas"] = counts.replicas
    if intent is not Intent.LIST_ROLLBACK:
        # Kept as written: for a mutation, the authorization policy decides whether it may be used.
        _put_namespace(args, entities)
        if place is not None and ("app_name" in args or acted_on is None):
            args.setdefault("namespace", place.value)
    if intent is Intent.ROLLBACK:
        if found.commit_sha is not None:
            args["target_commit_sha"] = found.commit_sha
        elif counts.steps_back is not None:
            args["steps_back"] = counts.steps_back
    return args


def _for_named_read(intent: Intent, resource_type: str | None, entities: Entities) -> RawArgs:
    args: RawArgs = {}
    place: str | None = None
    any_name: Name | None = None
    named = _resource_for_read(intent, resource_type, entities)
    if named is not None:
        kind, value = named
        args[_NAME_ARG[kind]] = value
        if intent is Intent.STATUS:
            args["resource_type"] = kind
        if entities.references.environment is not None:
            args["environment"] = entities.references.environment
    else:
        # A name written as a place ("shop-ns의 cart-api 로그") is where the one read runs, not it.
        any_name = _first(entities.names, None, "app", "pod", "service", "deployment") or _first(
            entities.names, "located"
        )
        if any_name is not None and any_name.kind in (None, "located") and names_a_namespace(any_name.value):
            # "fin-prod 로그 좀": a name made of a team and an environment names the team's namespace.
            place, any_name = any_name.value, None
        if intent is Intent.LOGS and entities.pod_logs and any_name is not None and any_name.kind is None:
            # "show the pod logs" about site-inspector: the logs are its pod's.
            args["pod_name"] = any_name.value
        else:
            _put_target(args, entities, any_name)
    if intent is Intent.STATUS and resource_type is not None:
        args.setdefault("resource_type", resource_type)
    if intent is Intent.LOGS:
        _put_log_options(args, entities)
    _put_namespace(args, entities)
    target = named[1] if named is not None else any_name.value if any_name is not None else None
    if place is None and target is not None:
        place = _place_after_target(entities, target)
    if place is not None:
        args.setdefault("namespace", place)
    return args


def _place_after_target(entities: Entities, target: str) -> str | None:
    """A read's second name, once its target is named: one written as a place ("realty에서"), or one
    that closes the clause after the target and the read's words, shaped like a name ("파드 로그 100줄
    agri-prod"; English says a place with "in", and ends a question with a plain word: "did api deploy
    successfully?"), says where the target runs."""
    others = [name for name in entities.names if name.value != target]
    if len(others) != 1 or entities.references.repository is not None:
        return None
    other = others[0]
    if other.kind == "located" or (
        entities.korean
        and other.kind is None
        and other.trailing
        and not other.lead
        and _NAME_SHAPED.search(other.value)
    ):
        return other.value
    return None


def _put_log_options(args: RawArgs, entities: Entities) -> None:
    counts = entities.quantities
    # "로그 20개" counts lines with the counter word that elsewhere counts replicas.
    lines = counts.lines if counts.lines is not None else counts.replicas
    if lines is not None:
        args["lines"] = lines
    if entities.previous_logs:
        args["previous"] = True


def _for_detail(arg_name: str, kind: str, entities: Entities) -> RawArgs:
    args: RawArgs = {}
    prefixed = entities.references.kind_prefixed
    name = _first(entities.names, kind) or _first(entities.names, None, "app", "located")
    if prefixed is not None and prefixed[0] == kind:
        args[arg_name] = prefixed[1]
    elif name is not None:
        args[arg_name] = name.value
    _put_namespace(args, entities)
    place = _first(entities.names, "located")
    if "namespace" not in args and place is not None and place.value != args.get(arg_name):
        # "telco-core에 있는 roaming-gw 서비스 상세": the other name is written as where it runs.
        args["namespace"] = place.value
    return args


def names_a_namespace(name: str) -> bool:
    """Whether `name` is a team's name with an environment after it ("fin-prod", "edu-staging"),
    or with the kind's own abbreviation ("quiz-ns"): namespaces are named so, apps are deployed to
    environments and not named after one."""
    head, _, last = name.rpartition("-")
    return bool(head) and (last.lower() in ENVIRONMENT_KEYS or last.lower() in ("ns", "namespace"))


_NAME_SHAPED = LazyPattern(r"[A-Za-z][-_.0-9]|[0-9]")


def _only_place(entities: Entities) -> bool:
    """One name, no repository, in a Korean command or shaped like a name ("edu-prod"): English
    introduces a place with its preposition ("in retail"), so a plain English word there ("forecast
    next month's bill") is no namespace."""
    if entities.references.repository is not None or len(entities.names) != 1 or entities.names[0].governed:
        return False
    return entities.korean or _NAME_SHAPED.search(entities.names[0].value) is not None


def assemble(intent: Intent, resource_type: str | None, entities: Entities) -> RawArgs:
    """The arguments `intent` takes, as written in the command (values are checked afterwards)."""
    if intent in TARGET_INTENTS:
        return _for_target_intent(intent, entities)
    if intent in {Intent.STATUS, Intent.LOGS, Intent.ENDPOINT}:
        return _for_named_read(intent, resource_type, entities)
    if intent is Intent.GET_SERVICE:
        return _for_detail("service_name", "service", entities)
    if intent is Intent.GET_DEPLOYMENT:
        return _for_detail("deployment_name", "deployment", entities)
    if intent in NAMESPACE_ONLY_INTENTS:
        args: RawArgs = {}
        located = _first(entities.names, "located") or next((name for name in entities.names if name.scoped), None)
        if located is None and _only_place(entities):
            # These intents take no target: the one name written ("retail 파드들", "edu-prod 엔드포인트
            # 목록", "디플로이먼트 목록 edu") can only say where, as does a name after "for" ("costs for
            # utilities").
            located = entities.names[0]
        namespace = entities.references.namespace or (located.value if located else None)
        if namespace is not None:
            args["namespace"] = namespace
        if intent is Intent.COST_ANALYSIS and entities.analysis_type is not None:
            args["analysis_type"] = entities.analysis_type
        return args
    return {}
