"""Issue 24, round 26 (part C): ops-chat English.

New phrasings (none is a line of a dev set): chat abbreviations read as the words they shorten (how
soon, a reason, the domain's nouns, "depl" by position), kubectl's "-n" said as "ns" after a resource's
name, the cluster as no namespace, and the help asked as what the bot understands or can be asked to do.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # How soon is no name and no second act.
        ("restart quota-api rn", Intent.RESTART, {"app_name": "quota-api"}),
        ("scale quota-api to 3 asap", Intent.SCALE, {"app_name": "quota-api", "replicas": 3}),
        # A reason clause is no owner/repo.
        ("reboot ledger-sync b/c it's eating mem", Intent.RESTART, {"app_name": "ledger-sync"}),
        # "depl": the verb at a clause's head, the noun elsewhere.
        ("depl invoice-ui to staging pls", Intent.DEPLOY, {"app_name": "invoice-ui", "environment": "staging"}),
        (
            "depl Northwind/invoice-ui to prod",
            Intent.DEPLOY,
            {"github_owner": "Northwind", "github_repo": "invoice-ui", "environment": "production"},
        ),
        (
            "status of depl quota-api pls",
            Intent.STATUS,
            {"deployment_name": "quota-api", "resource_type": "deployment"},
        ),
        # The domain's nouns shortened.
        ("svcs in ns payments plz", Intent.LIST_SERVICES, {"namespace": "payments"}),
        (
            "prev logs pod ledger-sync-5f6d7c8b9-q1w2e, it died",
            Intent.LOGS,
            {"pod_name": "ledger-sync-5f6d7c8b9-q1w2e", "previous": True},
        ),
        # kubectl's -n said as "ns" after the resource's name.
        (
            "describe deployment invoice-ui ns payments",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "invoice-ui", "namespace": "payments"},
        ),
        (
            "logs pod quota-api-6b7c8d9f0-z9y8x ns payments last 40 lines",
            Intent.LOGS,
            {"pod_name": "quota-api-6b7c8d9f0-z9y8x", "namespace": "payments", "lines": 40},
        ),
        # The cluster is all namespaces, none of them.
        ("list every service in the cluster", Intent.LIST_SERVICES, {}),
        ("show all pods in the k8s cluster", Intent.LIST_PODS, {}),
        # The help asked as what the bot understands or can be asked to do.
        ("Could you list what you understand?", Intent.LIST_COMMANDS, {}),
        ("which sorts of tasks can I get the bot to do?", Intent.LIST_COMMANDS, {}),
        ("이 봇이 어떤 말 알아듣는지 알려줘", Intent.LIST_COMMANDS, {}),
    ],
)
def test_ops_chat_english(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A name holding an abbreviation's letters is never rewritten.
        ("restart env-api", Intent.RESTART, {"app_name": "env-api"}),
        ("logs of rn-gateway", Intent.LOGS, {"app_name": "rn-gateway"}),
        # "ns" after a plain command word stays as it was read.
        ("show the pods of the ledger ns", Intent.LIST_PODS, {"namespace": "ledger"}),
    ],
)
def test_names_keep_their_letters(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
