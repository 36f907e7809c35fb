"""Issue 24, round 22 (part A): English as Southeast Asian engineers write it.

New phrasings (none is a line of a dev set):
- sentence particles (lah, leh, lor, ah, ya, po, naman), "pls"/"plz", an @mention, an opening
  vocative or interjection, and urgency after a comma are never names, targets or second clauses;
- Singlish frames ("can help VERB …", "can VERB X or not", "X up or not") and Taglish ones (pa-/paki-
  on an English verb, "ng" before the object, "sa" before the place, "tapos" joining two requests);
- a remark that leaves out its verb of being ("queue very long", "promo starting") or says it saves money;
- spacing slips ("re boot", "rollingback", "intoprod"), "and" joining an argument's label, and
  phrasings of list_commands, rollback, list_rollback and cost_analysis.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        # Particles, "pls", mentions and vocatives name nothing.
        ("reboot ledger-svc plz lor", Intent.RESTART, {"app_name": "ledger-svc"}, None),
        ("restart leh", Intent.RESTART, {}, ["target"]),
        ("@oncall restart", Intent.RESTART, {}, ["target"]),
        ("@deploy-bot: rollback coupon-api plz", Intent.ROLLBACK, {"app_name": "coupon-api"}, None),
        ("aiyo boss, restart stock-sync lah", Intent.RESTART, {"app_name": "stock-sync"}, None),
        (
            "deploy loyalty-web to prod ah",
            Intent.DEPLOY,
            {"app_name": "loyalty-web", "environment": "production"},
            None,
        ),
        ("rollback plz, asap", Intent.ROLLBACK, {}, ["target"]),
        ("restart invoice-api pls, super urgent", Intent.RESTART, {"app_name": "invoice-api"}, None),
        ("restart ledger-svc na po, salamat", Intent.RESTART, {"app_name": "ledger-svc"}, None),
        # Singlish frames.
        ("can help rollback coupon-api?", Intent.ROLLBACK, {"app_name": "coupon-api"}, None),
        ("can help me restart the service?", Intent.RESTART, {}, ["target"]),
        (
            "can deploy loyalty-web to staging or not",
            Intent.DEPLOY,
            {"app_name": "loyalty-web", "environment": "staging"},
            None,
        ),
        (
            "service ledger-svc running or not",
            Intent.STATUS,
            {"resource_type": "service", "service_name": "ledger-svc"},
            None,
        ),
        # Taglish frames.
        ("paki-restart ng stock-sync", Intent.RESTART, {"app_name": "stock-sync"}, None),
        (
            "pa-deploy naman ng loyalty-web sa prod",
            Intent.DEPLOY,
            {"app_name": "loyalty-web", "environment": "production"},
            None,
        ),
        ("pa-restart po ng stock-sync tapos pa-rollback ng coupon-api", Intent.AMBIGUOUS, {}, None),
        # Remarks without their verb of being, and saving as the purpose.
        ("scale queue-worker to 6, queue very long", Intent.SCALE, {"app_name": "queue-worker", "replicas": 6}, None),
        ("scale banner-api to 8, promo starting soon", Intent.SCALE, {"app_name": "banner-api", "replicas": 8}, None),
        ("scale down report-job to 2, cut costs", Intent.SCALE, {"app_name": "report-job", "replicas": 2}, None),
        ("scale out, orders very many", Intent.SCALE, {}, ["target", "replicas"]),
        # Spacing slips.
        ("re boot ledger-svc", Intent.RESTART, {"app_name": "ledger-svc"}, None),
        ("rollingback coupon-api", Intent.ROLLBACK, {"app_name": "coupon-api"}, None),
        ("deploy loyalty-web intoprod", Intent.DEPLOY, {"app_name": "loyalty-web", "environment": "production"}, None),
        # "and" before an argument's label joins a second argument of the one act.
        (
            "deploy media-svc to prod with two replicas and image media-svc:3.1.0",
            Intent.DEPLOY,
            {"app_name": "media-svc", "environment": "production", "replicas": 2, "image": "media-svc:3.1.0"},
            None,
        ),
        # Phrasings the grammar already models.
        ("what can the bot do", Intent.LIST_COMMANDS, {}, None),
        ("which cmds do you have", Intent.LIST_COMMANDS, {}, None),
        ("wut commands are there", Intent.LIST_COMMANDS, {}, None),
        ("take ledger-svc back 2 versions", Intent.ROLLBACK, {"app_name": "ledger-svc", "steps_back": 2}, None),
        ("put coupon-api back how it was before the last release", Intent.ROLLBACK, {"app_name": "coupon-api"}, None),
        ("list older versions of stock-sync", Intent.LIST_ROLLBACK, {"app_name": "stock-sync"}, None),
        ("how much cash are we burning on the cluster", Intent.COST_ANALYSIS, {}, None),
        ("projected cost next quarter", Intent.COST_ANALYSIS, {"analysis_type": "forecast"}, None),
    ],
)
def test_reads(text: str, intent: Intent, args: dict[str, object], missing: list[str] | None) -> None:
    reads_exactly(text, intent, args, missing)
