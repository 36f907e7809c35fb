"""A command written as kubectl would take it ("kubectl scale deployment/cart --replicas=4").

kubectl has a grammar of its own: a verb (with a sub-verb for rollout), a resource as `TYPE NAME`
or `TYPE/NAME`, and flags. It is read by that grammar, not by the words of a sentence, so "deployment"
there names the kind of the object, never a deploy. Only the verbs with an intent of the closed set
are read; anything else (delete, exec, apply, an unknown flag) is left to the ordinary reading and
its refusals, and a verb outside the closed set on a resource of a kind kubectl knows ("edit deploy X",
"set env deploy/X …", "rollout pause deployment/X") asks for nothing of ours (`kubectl_verb_outside`).
A line with words after it that the grammar has no place for ("… deploy/X 하지 마세요") is no kubectl line: the
sentence around it says what is asked of it (about.pointed_at reads "… 결과 보여줘", "… 해줘", "… equivalent pls").
kubectl's verb alone, as code in a sentence ("X `rollout restart` 해줘"), is the act's name (`names_a_kubectl_act`).
The reading is never claimed sure (calibration.py): the path is `kubectl/act/typed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules.lazy import LazyPattern

_KINDS = {
    "po": "pod",
    "pod": "pod",
    "pods": "pod",
    "deploy": "deployment",
    "deployment": "deployment",
    "deployments": "deployment",
    "svc": "service",
    "service": "service",
    "services": "service",
    "ing": "ingress",
    "ingress": "ingress",
    "ingresses": "ingress",
    "ns": "namespace",
    "namespace": "namespace",
    "namespaces": "namespace",
    "ep": "endpoints",
    "endpoints": "endpoints",
}
_LIST_OF = {
    "pod": Intent.LIST_PODS,
    "deployment": Intent.LIST_DEPLOYMENTS,
    "service": Intent.LIST_SERVICES,
    "ingress": Intent.LIST_INGRESSES,
    "namespace": Intent.LIST_NAMESPACES,
    "endpoints": Intent.LIST_ENDPOINTS,
}
_VALUED_FLAGS = {"-n": "namespace", "--namespace": "namespace", "--replicas": "replicas", "--tail": "lines"}
_IGNORED_FLAGS = {
    *("-o", "--output", "-l", "--selector", "--to-revision", "-c", "--container", "--context"),
    *("--since", "--since-time", "--sort-by", "--field-selector", "--limit-bytes", "--max-log-requests"),
}
_SWITCHES = {
    "-p": "previous",
    "--previous": "previous",
    **dict.fromkeys(("-f", "--follow", "-w", "--watch", "--timestamps", "--all-containers"), ""),
    **dict.fromkeys(("--show-labels", "--no-headers", "--prefix", "--ignore-errors"), ""),
    # Every namespace: no namespace argument (the reads without one cover them all).
    **dict.fromkeys(("-A", "--all-namespaces"), ""),
}
# kubectl, or "k": the alias nearly every kubectl user types ("alias k=kubectl"). What follows must
# still be a kubectl verb and resource, so a sentence opening with the letter is not read by it.
_KUBECTL = LazyPattern(r"^\s*(?:\$\s*)?(?:kubectl|k)\s+", re.IGNORECASE)
# Two command lines joined as a shell joins them ("kubectl get po && kubectl get svc").
_CHAINED = LazyPattern(r"\s*(?:&&|;)\s*", needs=("&&", ";"))
# "kubectl get po,svc": one verb over several kinds, each a line of its own.
_KIND_LIST = LazyPattern(r"^(\s*(?:\$\s*)?(?:kubectl|k)\s+(?:get|describe)\s+)([a-z.]+(?:,[a-z.]+)+)(?=\s|$)", re.I)
# The kubectl verbs that only read.
_READ_VERB = LazyPattern(
    r"^\s*(?:\$\s*)?(?:kubectl|k)\s+(?:get|describe|logs?|top|explain|events|api-resources|rollout\s+(?:status|history))\b",
    re.IGNORECASE,
)
_NAME = LazyPattern(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?")
# "describe deploy web -n ops": a kubectl read line with the program's name left off. Only kubectl's own
# shorthand for a kind ("deploy", "po", "svc") or its TYPE/NAME form says so; a sentence's kind word
# ("describe the deployment") is left to the ordinary reading.
_BARE_READ = LazyPattern(r"^\s*(?:get|describe)\s+", re.IGNORECASE)
_SHORTHAND_KINDS = frozenset({"deploy", "po", "svc", "ing", "ep"})


@dataclass
class _Parsed:
    words: list[str] = field(default_factory=list)
    flags: dict[str, str] = field(default_factory=dict)


def _parse(rest: str) -> _Parsed | None:
    parsed = _Parsed()
    tokens = rest.split()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not token.startswith("-"):
            parsed.words.append(token)
            continue
        flag, _, value = token.partition("=")
        if flag in _SWITCHES:
            if _SWITCHES[flag]:
                parsed.flags[_SWITCHES[flag]] = "true"
            continue
        if flag not in _VALUED_FLAGS and flag not in _IGNORED_FLAGS:
            return None  # a flag this reader does not know: not read by it
        if not value:
            if index >= len(tokens):
                return None
            value = tokens[index]
            index += 1
        if flag in _VALUED_FLAGS:
            parsed.flags[_VALUED_FLAGS[flag]] = value
    return parsed


def _resource(words: list[str]) -> tuple[str, str | None] | None:
    """(kind, name) from `TYPE NAME`, `TYPE/NAME` or `TYPE`, nothing after it."""
    if not words:
        return None
    kind_word, _, name = words[0].partition("/")
    # "deployments.apps", "ingresses.networking.k8s.io": a kind with its API group.
    kind = _KINDS.get(kind_word.lower().partition(".")[0])
    if kind is None:
        return None
    rest = words[1:]
    if not name and rest:
        name, rest = rest[0], rest[1:]
    if rest:
        # Words kubectl's grammar has no place for ("… deploy/web 하지 마세요", "… deploy/web 결과 보여줘"): the
        # line stands in a sentence, which says what is asked of it (about.pointed_at, the sentence's reading).
        return None
    if name and _NAME.fullmatch(name.lower()) is None:
        return None
    return kind, (name.lower() if name else None)


def _with_flags(
    args: dict[str, str | int | bool], flags: dict[str, str], allowed: tuple[str, ...]
) -> dict[str, str | int | bool]:
    for key in allowed:
        if key in flags:
            value = flags[key]
            args[key] = True if value == "true" else (int(value) if value.isdigit() else value)
    return args


# The one object of a kind read by name, as (intent, the argument naming it, resource_type for status).
_ONE_OF: dict[str, tuple[Intent, str, str | None]] = {
    "deployment": (Intent.GET_DEPLOYMENT, "deployment_name", None),
    "service": (Intent.GET_SERVICE, "service_name", None),
    "pod": (Intent.STATUS, "pod_name", "pod"),
    # Endpoints are named after their service: "get ep web" asks where web is reached.
    "endpoints": (Intent.ENDPOINT, "service_name", None),
}


def _read_kind(
    verb: str, kind: str, name: str | None, flags: dict[str, str]
) -> tuple[Intent, dict[str, str | int | bool]] | None:
    """`get` or `describe` of a kind. Named: that one object. Unnamed: `get` lists the kind; `describe`
    of a kind the closed set reads only one at a time (a deployment, a service) asks which one (the
    name is missing), of pods reads their status, of any other kind lists it."""
    one = _ONE_OF.get(kind)
    if name is None and (verb == "get" or kind not in ("deployment", "service", "pod")):
        intent = _LIST_OF.get(kind)
        return (intent, _with_flags({}, flags, ("namespace",))) if intent is not None else None
    if one is None:
        return None
    intent, key, resource_type = one
    args: dict[str, str | int | bool] = {key: name} if name else {}
    if resource_type is not None:
        args["resource_type"] = resource_type
    return intent, _with_flags(args, flags, ("namespace",))


def _each_kind(line: str) -> list[str]:
    listed = _KIND_LIST.match(line)
    if listed is None:
        return [line]
    opening, kinds = listed.group(1), listed.group(2)
    return [f"{opening}{kind}{line[listed.end() :]}" for kind in kinds.split(",")]


# kubectl's verbs the closed set has an intent for, with the sub-verbs of those that take one (rollout's,
# and "set image", a deploy of the image given); any other verb a kubectl line opens with ("edit",
# "expose", "set env", "annotate", "autoscale", "rollout pause") acts on the resource in a way the closed
# set has no intent for.
_OUR_VERBS = frozenset({"get", "describe", "logs", "log", "top", "explain", "events", "api-resources", "scale"})
_OUR_SUB_VERBS = {"rollout": frozenset({"restart", "undo", "status", "history"}), "set": frozenset({"image"})}
_VERB_WORD = LazyPattern(r"[a-z][a-z-]*")


def names_a_kubectl_act(span: str) -> bool:
    """Whether `span` holds only a kubectl verb the closed set has an intent for, with its sub-verb and
    maybe the program's name ("rollout restart", "kubectl rollout undo", "scale"): no resource, no flag.
    Written as code inside a sentence ("X `rollout restart` 해줘") it is the act's name borrowed from the
    tool, which the sentence asks for; a command line quoted names its resource."""
    words = span.lower().split()
    if words[:1] in (["kubectl"], ["k"]):
        words = words[1:]
    if not words or len(words) > 2:
        return False
    verb, *rest = words
    if verb in _OUR_SUB_VERBS:
        return len(rest) == 1 and rest[0] in _OUR_SUB_VERBS[verb]
    return verb in _OUR_VERBS and not rest


def kubectl_verb_outside(text: str) -> bool:
    """Whether `text` is a kubectl line whose verb is none of the closed set's, on a resource of a kind
    kubectl knows ("kubectl edit deploy web", "k set env deploy/web A=b", "kubectl rollout pause
    deployment/web"): "deploy" there is the resource's kind, and the line asks for nothing of ours."""
    opening = _KUBECTL.match(text)
    if opening is None:
        return False
    words = [token for token in text[opening.end() :].split() if not token.startswith("-")]
    if not words or _VERB_WORD.fullmatch(words[0].lower()) is None:
        return False
    verb, *rest = (word.lower() for word in words)
    if verb in _OUR_VERBS or (verb in _OUR_SUB_VERBS and (not rest or rest[0] in _OUR_SUB_VERBS[verb])):
        return False
    return any(_KINDS.get(word.partition("/")[0].partition(".")[0]) is not None for word in rest)


def kubectl_reads(text: str) -> bool:
    """Whether `text` is a kubectl line whose verb only reads (read or not by this grammar)."""
    return _READ_VERB.match(text) is not None


def read_kubectl_chain(text: str) -> list[tuple[str, tuple[Intent, dict[str, str | int | bool]]]] | None:
    """Each line and its reading when `text` is two or more kubectl lines, joined with && or ; or one
    verb over a list of kinds, every one read by this grammar; None otherwise (a line it does not read
    leaves the whole to the refusals and the ordinary reading)."""
    lines = [line for line in _CHAINED.split(text) if line] if _CHAINED.search(text) else [text]
    lines = [kind for line in lines for kind in _each_kind(line)]
    readings = [(line, read_kubectl(line)) for line in lines]
    if len(readings) < 2:
        return None
    read = [(line, reading) for line, reading in readings if reading is not None]
    return read if len(read) == len(readings) else None


_ACTS = {
    "scale": Intent.SCALE,
    "rollout restart": Intent.RESTART,
    "rollout undo": Intent.ROLLBACK,
    "rollout history": Intent.LIST_ROLLBACK,
    "rollout status": Intent.STATUS,
}


def read_kubectl(text: str) -> tuple[Intent, dict[str, str | int | bool]] | None:
    """The intent and raw arguments of a kubectl command line, or None when it is not one this reads."""
    opening = _KUBECTL.match(text)
    if opening is None:
        return _read_bare(text)
    parsed = _parse(text[opening.end() :])
    if parsed is None or not parsed.words:
        return None
    verb, *words = parsed.words
    verb = verb.lower()
    if verb == "rollout" and words:
        sub, *words = words
        verb = f"rollout {sub.lower()}"
    if verb == "logs":
        # "kubectl logs web-7c9d" names a pod; "kubectl logs deploy/web" the app behind a deployment.
        found = _resource(words) if words and "/" in words[0] else None
        if found is not None:
            key = "pod_name" if found[0] == "pod" else "app_name"
            name = found[1]
        elif len(words) == 1 and _NAME.fullmatch(words[0].lower()):
            key, name = "pod_name", words[0].lower()
        else:
            return None
        return Intent.LOGS, _with_flags({key: name} if name else {}, parsed.flags, ("lines", "previous", "namespace"))
    found = _resource(words)
    if found is None and verb in _ACTS and len(words) == 1 and _NAME.fullmatch(words[0].lower()):
        # "k rollout undo web", "k scale web --replicas=3": the habit of dropping the kind before the
        # name of what is rolled out or scaled, which only a deployment is here.
        found = "deployment", words[0].lower()
    if found is None:
        return None
    kind, name = found
    namespace = ("namespace",)
    if verb in ("get", "describe"):
        return _read_kind(verb, kind, name, parsed.flags)
    if name is None or kind not in ("deployment", "pod"):
        return None
    if verb == "rollout status":
        return Intent.STATUS, _with_flags(
            {"resource_type": "deployment", "deployment_name": name}, parsed.flags, namespace
        )
    intent = _ACTS.get(verb)
    if intent is None:
        return None
    allowed = ("replicas", "namespace") if intent is Intent.SCALE else namespace
    return intent, _with_flags({"app_name": name}, parsed.flags, allowed)


def _read_bare(text: str) -> tuple[Intent, dict[str, str | int | bool]] | None:
    """A get or describe line in kubectl's own grammar with "kubectl" left off: the kind in kubectl's
    shorthand or as TYPE/NAME, then at most the name and flags, nothing else."""
    opening = _BARE_READ.match(text)
    if opening is None:
        return None
    parsed = _parse(text)
    if parsed is None or not 2 <= len(parsed.words) <= 3:  # the verb, the kind, a name
        return None
    verb, kind_word, *rest = parsed.words
    if kind_word.lower() not in _SHORTHAND_KINDS and not ("/" in kind_word and not rest):
        return None
    found = _resource([kind_word, *rest])
    if found is None:
        return None
    return _read_kind(verb.lower(), found[0], found[1], parsed.flags)


# What kubectl prints after a change: `TYPE[.GROUP]/NAME` then the change as done ("deployment.apps/web
# scaled", "pod/web-1 deleted", "service/api created (dry run)"). Pasted, it reports what happened and asks
# for nothing; its `TYPE.GROUP` is a kind, never a name.
_REPORTED = LazyPattern(
    r"^\s*[a-z]+(?:\.[a-z0-9-]+)*/[a-z0-9]([a-z0-9.-]*[a-z0-9])?\s+"
    r"(?:scaled|deleted|created|configured|unchanged|patched|labeled|annotated|exposed|restarted|rolled\s+back"
    r"|replaced|edited|evicted|cordoned|drained|paused|resumed|autoscaled|image\s+updated|skipped\s+rollback\b.*)"
    r"(?:\s*\((?:dry\s+run|server\s+dry\s+run)\))?\s*[.!]?\s*$",
    re.IGNORECASE,
    needs=("/",),
)


def kubectl_output(text: str) -> bool:
    """Whether every non-empty line of `text` is a line kubectl prints after a change (`_REPORTED`),
    the kind's prefix naming a kind kubectl knows."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    for line in lines:
        found = _REPORTED.match(line)
        if found is None:
            return False
        kind = line.strip().partition("/")[0].partition(".")[0].lower()
        if kind not in _KINDS and kind not in _REPORTED_KINDS:
            return False
    return True


_REPORTED_KINDS = frozenset(
    {"replicaset", "statefulset", "daemonset", "job", "cronjob", "configmap", "secret", "horizontalpodautoscaler"}
)
