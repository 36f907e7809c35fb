"""Round 33 (nlp33h): an act declined beside the act asked, and leave or a ban with no request.

An act word with its own negation or "no" in its clause is set aside ("X는 no", "X는 not yet", "안 건드려도
돼", "안 해도 되니까", "이제 그만 … 보고"); what remains is the request. Leave given as a background
("건드려도 되는데") or over a quantifier ("you may restart anything …") asks for nothing. The double negative
"안 하면 안 돼" asks for the act.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_CASES = [
    # A Latin act word turned down by "no" or "not yet" after its topic particle.
    ("ledger-api는 status만, rollback은 no", Intent.STATUS, {"app_name": "ledger-api"}),
    ("quay-sync는 not yet, 대신 tide-api 재시작해줘", Intent.RESTART, {"app_name": "tide-api"}),
    # Not needed: 안 with any verb's -어도 되다, the causal -니까 no question's.
    ("deploy 안 해도 되니까 tide-api 로그만", Intent.LOGS, {"app_name": "tide-api"}),
    ("rollback은 안 건드려도 돼, quay-sync 상태만 보여줘", Intent.STATUS, {"app_name": "quay-sync"}),
    ("replicas는 안 늘려도 돼, ledger-api 로그 보여줘", Intent.LOGS, {"app_name": "ledger-api"}),
    # Stopped: 그만 before a verb of looking or doing, then the request.
    ("이제 그만 로그 보고 quay-sync 재시작해", Intent.RESTART, {"app_name": "quay-sync"}),
    ("그만 배포하고 tide-api 롤백해줘", Intent.ROLLBACK, {"app_name": "tide-api"}),
    # The double negative asks.
    ("tide-api 롤백 안 하면 안 돼, 해줘", Intent.ROLLBACK, {"app_name": "tide-api"}),
    ("quay-sync 재시작 안하면안돼", Intent.RESTART, {"app_name": "quay-sync"}),
    # Leave given, or a ban, with nothing asked.
    ("ledger-api는 재시작해도 되는데 quay-sync는 절대 안 돼", Intent.UNKNOWN, {}),
    ("You may roll back anything in harbor except ledger-api", Intent.UNKNOWN, {}),
    ("you're free to deploy any app in qa", Intent.UNKNOWN, {}),
    # Near misses that keep their reading: a ban alone, leave asked, a plain request, a question of 됩니까.
    ("quay-sync 재시작하면 안 돼", Intent.UNKNOWN, {}),
    ("quay-sync 재시작하면 안 돼, 로그만 보여줘", Intent.LOGS, {"app_name": "quay-sync"}),
    ("ledger-api 재시작해도 되는데 로그 먼저 보여줘", Intent.LOGS, {"app_name": "ledger-api"}),
    ("can you restart tide-api", Intent.RESTART, {"app_name": "tide-api"}),
    ("tide-api 로그 보여줘", Intent.LOGS, {"app_name": "tide-api"}),
    ("restart tide-api, no rollback", Intent.RESTART, {"app_name": "tide-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _CASES)
def test_declined_acts_and_leave(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
