"""Before a confirmation question: deploy's dry run of the very mutation the question would ask about.

Deploy's dry run is a check (klepaas_deploy.operations.engine.check): its policy decides as it
would for the real run, the mutator reads its target and says what it would do, and nothing is
recorded, queued or changed. A mutation the policy refuses (a system namespace, a namespace other
than the project's, a project the user is not a member of), whose target is not there, or whose
arguments deploy rejects would fail after the user said yes; the chat answers that instead of
asking. When deploy cannot tell now (unreachable, slow, busy), the question is asked and the real
run decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klepaas_nlp import deploy_client
from klepaas_nlp.intents import Interpretation
from klepaas_shared.auth import Principal
from klepaas_shared.errors import KlepaasError
from klepaas_shared.operations import OperationRequest

# What the real run would answer the same way: said now rather than after the user's yes.
DECISIVE = frozenset({"forbidden", "not_found", "bad_request", "validation_failed", "conflict", "unauthorized"})


@dataclass(frozen=True)
class Check:
    preview: dict[str, Any] | None = None
    """What deploy would do (its dry-run data: the scale's current replicas, the namespace), or None."""
    refusal: KlepaasError | None = None
    """Why the real run would be refused or fail: answered instead of the question."""


def check(principal: Principal, it: Interpretation, *, policy_only: bool = False) -> Check:
    """Deploy's dry run of `it` (`policy_only`: its policy's answer alone, no target read)."""
    request = OperationRequest.model_validate(
        {"type": it.intent.value, "args": dict(it.args), "source": "nlp", "dry_run": True, "policy_only": policy_only}
    )
    try:
        response = deploy_client.operations().run(request, principal)
    except KlepaasError as exc:
        return Check(refusal=exc) if exc.code in DECISIVE else Check()
    return Check(preview=response.data if isinstance(response.data, dict) else None)


def refused_by_policy(principal: Principal, it: Interpretation) -> Interpretation:
    """`it`, refused with deploy's reason (English and Korean) when deploy's policy would refuse the
    mutation; else `it` unchanged (a missing target or a bad argument is not a refusal: the
    interpretation stands, and the chat says so instead of asking)."""
    refusal = check(principal, it, policy_only=True).refusal  # the target and the source are not its concern
    if refusal is None or refusal.code != "forbidden":
        return it
    return it.rebuilt(refused=refusal.message)
