"""The `cost_estimate` of a pending mutation, from deploy's cost estimate (the `cost_analysis` read).

Deploy prices the requested CPU, memory and load balancers of the target's namespace per month.
A restart, a rollback or a new image changes no requested resources, so their `estimated_cost`
equals the current cost. Deploy gives no per-app price, so a scale carries only `current_cost`
(the console shows no cost box for a scale anyway); a key the estimate cannot fill is left out
rather than sent as null. When deploy cannot tell at all (no cluster, an error), the whole
estimate is None.
"""

from __future__ import annotations

from typing import Any

from klepaas_nlp import deploy_client
from klepaas_nlp.intents import Intent, Interpretation
from klepaas_shared.auth import Principal
from klepaas_shared.errors import KlepaasError
from klepaas_shared.operations import OperationRequest

_TARGET_KEYS = ("github_owner", "github_repo", "app_name", "environment", "namespace")
_UNCHANGED = frozenset({Intent.RESTART, Intent.ROLLBACK, Intent.DEPLOY})


def _number(value: object) -> int | float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0 else None


def _read(principal: Principal, it: Interpretation) -> dict[str, Any] | None:
    args = {key: it.args[key] for key in _TARGET_KEYS if key in it.args}
    request = OperationRequest.model_validate({"type": "cost_analysis", "args": args, "source": "nlp"})
    try:
        data = deploy_client.operations().run(request, principal).data
    except KlepaasError:
        return None
    return data if isinstance(data, dict) and _number(data.get("current_cost")) is not None else None


# The console prints the period after its own Korean label ("기간: …").
_PERIOD_SHOWN = {"month": "1개월", "day": "1일", "hour": "1시간", "year": "1년"}


def estimate(principal: Principal, it: Interpretation) -> dict[str, Any] | None:
    """The console's CostEstimate for the pending `it` (ISO currency), or None when deploy can't tell."""
    data = _read(principal, it)
    if data is None:
        return None
    current = float(data["current_cost"])
    estimated = current if it.intent in _UNCHANGED else None
    currency = data.get("currency")
    shown: dict[str, Any] = {
        "current_cost": round(current),
        "currency": currency if isinstance(currency, str) and len(currency) == 3 and currency.isupper() else "KRW",
        "period": _PERIOD_SHOWN.get(str(data.get("period") or "month"), str(data.get("period"))),
        "breakdown": data.get("breakdown") if isinstance(data.get("breakdown"), dict) else {},
    }
    if estimated is not None:
        shown |= {"estimated_cost": round(estimated), "savings": max(0, round(current - estimated))}
    return shown
