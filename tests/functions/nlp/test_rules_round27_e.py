"""Round 27's last attack (new wordings): an exception to a negated deletion is a deletion; times and the
branches every repository has name no app; a git-flow branch family names a branch, not an owner."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    "text",
    [
        "bounce ledger, and don't delete anything other than the old namespace",
        "don't remove anything except the billing app",
        "ledger 말고는 지우지 마세요",
    ],
)
def test_an_exception_to_a_negated_deletion_is_refused(text: str) -> None:
    answer = interpret(text).interpretation
    assert answer.refused, (text, answer)


@pytest.mark.parametrize(
    "text", ["restart ledger but don't delete its pods", "ledger 재시작해 주세요, 지우지는 말고요"]
)
def test_a_plain_negated_deletion_still_asks_for_the_restart(text: str) -> None:
    reads_exactly(text, Intent.RESTART, {"app_name": "ledger"})


@pytest.mark.parametrize(
    ("text", "intent"),
    [("friday is slammed, scale it to 6", Intent.SCALE), ("master is broken, roll it back", Intent.ROLLBACK)],
)
def test_a_time_or_a_common_branch_told_of_is_no_app(text: str, intent: Intent) -> None:
    reads_within(text, intent, {}, missing=["target"])


def test_a_branch_family_names_a_branch_not_an_owner() -> None:
    reads_exactly(
        "hotfix/tax-rounding is ready, ship it", Intent.DEPLOY, {"branch": "hotfix/tax-rounding"}, missing=["target"]
    )


@pytest.mark.parametrize(
    "text", ["bounce ledger, and do not keep its old volumes", "ledger 재시작하고 파드는 남기지 마세요"]
)
def test_a_resource_not_to_be_kept_is_a_deletion(text: str) -> None:
    answer = interpret(text).interpretation
    assert answer.refused, (text, answer)


def test_a_phrase_of_keep_that_is_no_resource_is_no_deletion() -> None:
    reads_exactly("don't keep me waiting, restart ledger", Intent.RESTART, {"app_name": "ledger"})


def test_leave_asked_for_one_app_then_another_also_is_two_acts() -> None:
    # It deployed only the second app: the first, asked leave for, was dropped.
    reads_exactly("ledger 재시작해도 될까요? 되면 billing-api도 재시작해 주세요", Intent.AMBIGUOUS, {})
