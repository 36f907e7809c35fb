"""Round 34 (nlp34c): corrections of a value, and a target set aside for "the other one".

A correction after a dash ("x3 — no, x5", "A/B — scratch that, A/C", "to <sha> — no, not that commit, use
<sha>") puts its value in place of the request's value of the same kind; a count set aside in words ("네 단계가
아니라 한 단계") leaves the other; the parts of an image's reference (tag, digest) are no app. A target set aside
with no other named ("not X though, the other one", "not from X, the other pod", "not the one you're thinking
of") is asked for, and the session's last target, the one in focus, is never lent to it.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.context import SessionContext

from .readings import reads_exactly

_CASES = [
    # A correction after a dash: the value of the same kind is replaced.
    ("ledger-api x3 — no, x5", Intent.SCALE, {"app_name": "ledger-api", "replicas": 5}, None),
    ("scale ledger-api to 2 — no, 4", Intent.SCALE, {"app_name": "ledger-api", "replicas": 4}, None),
    (
        "deploy Acme/cart-web — scratch that, Acme/cart-api",
        Intent.DEPLOY,
        {"github_owner": "Acme", "github_repo": "cart-api"},
        None,
    ),
    (
        "revert ledger-api to 9a8b7c6d — no, not that commit, use 1f2e3d4",
        Intent.ROLLBACK,
        {"app_name": "ledger-api", "target_commit_sha": "1f2e3d4"},
        None,
    ),
    # A count set aside in words goes whole; the count kept is the other.
    (
        "ledger-api 롤백 부탁해요. 네 단계가 아니라 한 단계 전으로요",
        Intent.ROLLBACK,
        {"app_name": "ledger-api", "steps_back": 1},
        None,
    ),
    ("ledger-api 두 개 말고 네 개로 늘려줘", Intent.SCALE, {"app_name": "ledger-api", "replicas": 4}, None),
    # The parts of an image's reference are no app.
    ("ledger-api 배포해줘, 태그 말고 digest로", Intent.DEPLOY, {"app_name": "ledger-api"}, None),
    # A target set aside with none other named: asked for.
    ("deploy to staging — not ledger-api though, the other one", Intent.DEPLOY, {"environment": "staging"}, ["target"]),
    ("tail 40 lines of logs — not from ledger-api, the other pod", Intent.LOGS, {"lines": 40}, ["pod_name"]),
    ("roll it back — no, not the one you're thinking of", Intent.ROLLBACK, {}, ["target"]),
    # Neighbours that keep their reading.
    ("ledger-api x3", Intent.SCALE, {"app_name": "ledger-api", "replicas": 3}, None),
    ("ledger-api 로그 50줄 말고 80줄 보여줘", Intent.LOGS, {"app_name": "ledger-api", "lines": 80}, None),
    ("not ledger-api, restart the other one", Intent.RESTART, {}, ["target"]),
    ("ledger-api 3단계 말고 2단계 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-api", "steps_back": 2}, None),
]


@pytest.mark.parametrize(("text", "intent", "args", "missing"), _CASES)
def test_corrected_value_or_other_target(
    text: str, intent: Intent, args: dict[str, object], missing: list[str] | None
) -> None:
    reads_exactly(text, intent, args, missing)


@pytest.mark.parametrize(
    "text",
    [
        "restart it — no, not the one you're thinking of",
        "restart the other one",
        "cart-web 말고 다른 거 재시작해줘",
    ],
)
def test_the_one_in_focus_is_not_lent(text: str) -> None:
    result = interpret(text, SessionContext(app_name="ledger-api")).interpretation
    assert result.intent is Intent.RESTART, (text, result.intent)
    assert "app_name" not in result.args and result.missing == ["target"], (text, result.args, result.missing)


def test_the_session_target_is_still_lent_to_it() -> None:
    result = interpret("restart it", SessionContext(app_name="ledger-api")).interpretation
    assert dict(result.args) == {"app_name": "ledger-api"}
