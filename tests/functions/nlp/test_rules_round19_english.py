"""Issue 24, round 19 (part B): English and mixed verbs, kubectl habits and slots.

New phrasings (none is a line of a dev set): a phrasal verb is a verb of its act and never a name; a
kubectl subcommand is never a name; a namespace is read from its syntax; a kind outside the closed
set, or a translation, asks about something else.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # Brought up where it was not, with no count: a deploy.
        ("spin up label-printer on staging", Intent.DEPLOY, {"app_name": "label-printer", "environment": "staging"}),
        ("fire up quote-engine in prod", Intent.DEPLOY, {"app_name": "quote-engine", "environment": "production"}),
        ("stand up docs-portal on dev", Intent.DEPLOY, {"app_name": "docs-portal", "environment": "development"}),
        # A phrasal verb of degree with the count it goes to: a scale.
        ("bring down fax-gateway to 2", Intent.SCALE, {"app_name": "fax-gateway", "replicas": 2}),
        ("dial sms-relay down to 1", Intent.SCALE, {"app_name": "sms-relay", "replicas": 1}),
        ("crank up geo-cache to 7 replicas", Intent.SCALE, {"app_name": "geo-cache", "replicas": 7}),
        ("scale in feed-ranker to 3", Intent.SCALE, {"app_name": "feed-ranker", "replicas": 3}),
        ("scale out feed-ranker to 5", Intent.SCALE, {"app_name": "feed-ranker", "replicas": 5}),
        (
            "we need extra capacity on feed-ranker, bump it to 9 instances",
            Intent.SCALE,
            {"app_name": "feed-ranker", "replicas": 9},
        ),
        # A bare count after the verb's object, or glued to "to".
        ("scale pdf-stamper 4", Intent.SCALE, {"app_name": "pdf-stamper", "replicas": 4}),
        (
            "scale pdf-stamper 4 on staging",
            Intent.SCALE,
            {"app_name": "pdf-stamper", "replicas": 4, "environment": "staging"},
        ),
        ("scale pdf-stamper to5", Intent.SCALE, {"app_name": "pdf-stamper", "replicas": 5}),
        # Restarts: a kick or a nudge given, bounce inside a Korean clause.
        ("give invoice-mailer a nudge, it hangs", Intent.RESTART, {"app_name": "invoice-mailer"}),
        ("give invoice-mailer a kick please", Intent.RESTART, {"app_name": "invoice-mailer"}),
        ("zip-builder 파드들 bounce 좀 해줘", Intent.RESTART, {"app_name": "zip-builder"}),
        # Back to an earlier version with a phrasal verb.
        ("put seat-map back to the last release", Intent.ROLLBACK, {"app_name": "seat-map"}),
        ("take seat-map back to the previous build", Intent.ROLLBACK, {"app_name": "seat-map"}),
    ],
)
def test_phrasal_verbs_are_verbs_of_their_act(text: str, intent: Intent, args: dict[str, object]) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, args), got


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("k rollout undo promo-api", Intent.ROLLBACK, {"app_name": "promo-api"}),
        ("kubectl rollout restart promo-api -n shop", Intent.RESTART, {"app_name": "promo-api", "namespace": "shop"}),
        ("kubectl top pods", Intent.LIST_PODS, {}),
        ("k top pods -n ledger", Intent.LIST_PODS, {"namespace": "ledger"}),
    ],
)
def test_kubectl_habits(text: str, intent: Intent, args: dict[str, object]) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, args), got


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # owner/repo whose repository's name holds the word "image".
        (
            "Acme/image-cropper 5개로 ㄱ",
            Intent.SCALE,
            {"github_owner": "Acme", "github_repo": "image-cropper", "replicas": 5},
        ),
        (
            "Acme/image-cropper x3으로 늘려줘",
            Intent.SCALE,
            {"github_owner": "Acme", "github_repo": "image-cropper", "replicas": 3},
        ),
        # Namespaces read from their syntax.
        ("how much is the payroll namespace costing us?", Intent.COST_ANALYSIS, {"namespace": "payroll"}),
        ("which services are exposed in billing", Intent.LIST_SERVICES, {"namespace": "billing"}),
        ("which endpoints live in billing", Intent.LIST_ENDPOINTS, {"namespace": "billing"}),
        ("kube-public 엔드포인트", Intent.LIST_ENDPOINTS, {"namespace": "kube-public"}),
        (
            "how can we slash spending in the search namespace?",
            Intent.COST_ANALYSIS,
            {"namespace": "search", "analysis_type": "optimization"},
        ),
        # Korean clauses with English nouns.
        ("seat-map deploy 설정 좀 보여줘", Intent.GET_DEPLOYMENT, {"deployment_name": "seat-map"}),
        ("seat-map 예전 container 로그 보여줘", Intent.LOGS, {"app_name": "seat-map", "previous": True}),
        ("what can u even do", Intent.LIST_COMMANDS, {}),
    ],
)
def test_slots_read_from_their_syntax(text: str, intent: Intent, args: dict[str, object]) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, args), got


@pytest.mark.parametrize(
    "text",
    [
        "show me the configmaps in payroll",
        "spin up a statefulset for redis",
        "cronjob 목록 보여줘",
        "translate 롤백 to Korean",
        "my terminal is blank",
    ],
)
def test_something_else_is_unknown_not_refused(text: str) -> None:
    got = interpret(text).interpretation
    assert got.intent is Intent.UNKNOWN and got.refused is None, got


def test_a_shell_asked_for_is_still_refused() -> None:
    assert interpret("open a terminal in the seat-map pod").interpretation.refused is not None
