"""Round 34, English written as a second language: dropped subjects and articles, a formal address, chat spellings
and verbs of placing must not make a word of the sentence the app's name, nor lose the act or its count."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

TAUGHT = [
    # A formal vocative with the word honouring it is the address, never a name.
    ("Honoured madam, please show the logs of card-vault", Intent.LOGS, {"app_name": "card-vault"}, None),
    ("Respected sir, kindly restart the ledger-sync", Intent.RESTART, {"app_name": "ledger-sync"}, None),
    # A modal with its subject dropped asks as "can you" does.
    ("can redeploy quote-engine?", Intent.DEPLOY, {"app_name": "quote-engine"}, None),
    ("could roll back the fare-rules?", Intent.ROLLBACK, {"app_name": "fare-rules"}, None),
    ("can restart it? it froze", Intent.RESTART, {}, ["target"]),
    # "and" joining the count to the change's other arguments.
    (
        "deploy quote-engine to staging with image ghcr.io/acme/quote-engine:3.2.1 and 5 replicas",
        Intent.DEPLOY,
        {
            "app_name": "quote-engine",
            "environment": "staging",
            "image": "ghcr.io/acme/quote-engine:3.2.1",
            "replicas": 5,
        },
        None,
    ),
    # Slips of "with" and chat's plural z.
    (
        "deploy card-vault to staging wtih 3 replicas",
        Intent.DEPLOY,
        {"app_name": "card-vault", "environment": "staging", "replicas": 3},
        None,
    ),
    ("give me the logz for ledger-sync", Intent.LOGS, {"app_name": "ledger-sync"}, None),
    # Copies made more, with no count: a scale asking its count.
    ("make extra replicas for quote-engine", Intent.SCALE, {"app_name": "quote-engine"}, ["replicas"]),
    # A verb of placing with an environment as its goal.
    ("take the fare-rules to production", Intent.DEPLOY, {"app_name": "fare-rules", "environment": "production"}, None),
    ("bring card-vault onto staging pls", Intent.DEPLOY, {"app_name": "card-vault", "environment": "staging"}, None),
]

KEPT = [
    ("take a look at card-vault on prod", Intent.UNKNOWN, {}, None),
    (
        "bring up the logs of card-vault on prod",
        Intent.LOGS,
        {"app_name": "card-vault", "environment": "production"},
        None,
    ),
    ("get the logs of card-vault on staging", Intent.LOGS, {"app_name": "card-vault", "environment": "staging"}, None),
    ("bring card-vault back to staging", Intent.ROLLBACK, {"app_name": "card-vault", "environment": "staging"}, None),
    ("restart card-vault and ledger-sync", Intent.AMBIGUOUS, {}, None),
    ("make card-vault 4 pods", Intent.SCALE, {"app_name": "card-vault", "replicas": 4}, None),
    ("hey bro, restart card-vault", Intent.RESTART, {"app_name": "card-vault"}, None),
]


@pytest.mark.parametrize(("text", "intent", "args", "missing"), TAUGHT + KEPT)
def test_reads(text: str, intent: Intent, args: dict[str, object], missing: list[str] | None) -> None:
    reads_exactly(text, intent, args, missing)
