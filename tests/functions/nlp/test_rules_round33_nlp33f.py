"""Round 33 (nlp33f): English verbs, idioms and polite frames. A polite frame ("might I ask you to", "I would be
much obliged if you could", "kindly") is no name, and the word after it is in the verb's place; a verb's particle
belongs with its verb ("kick off", "get … live", "put … out on", "get rid of", "get restarted"); a word is a target
only in a target's place (not the verb after a pronoun, not "billing" naming a team); the leisure a request is left
to is no condition; "if not" and "if it works" after a first act offer a second one."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import MUTATING_INTENTS, Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly, reads_within

_POLITE_FRAMES = [
    # The frame's own words name nothing; the verb after it is the act's.
    ("might I ask you to roll back ledger-svc on staging?", Intent.ROLLBACK, {"app_name": "ledger-svc"}),
    ("I'd be most obliged if you could restart ledger-svc", Intent.RESTART, {"app_name": "ledger-svc"}),
    ("I would be very grateful if you could list the pods in orders", Intent.LIST_PODS, {"namespace": "orders"}),
    ("would you be so kind as to restart ledger-svc", Intent.RESTART, {"app_name": "ledger-svc"}),
    # A verb no act is known for, in the verb's place after the frame, is still no name.
    ("could you kindly send over the last 50 lines of logs for ledger-svc", Intent.LOGS, {"app_name": "ledger-svc"}),
    ("could you kindly pass along the logs of ledger-svc", Intent.LOGS, {"app_name": "ledger-svc"}),
    # The one addressed before the frame is who is asked.
    ("Madam, kindly pass along the previous logs of ledger-svc", Intent.LOGS, {"app_name": "ledger-svc"}),
    # Two verbs over one object: the second opens its conjunct before a definite object.
    ("please look at and forward the previous logs of ledger-svc", Intent.LOGS, {"app_name": "ledger-svc"}),
    # The gerund after "would you mind" with its particle, and a manner word before the operation's noun.
    ("would you mind kicking off a quick redeploy of ledger-svc?", Intent.DEPLOY, {"app_name": "ledger-svc"}),
    ("kick off a clean rollback of ledger-svc", Intent.ROLLBACK, {"app_name": "ledger-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _POLITE_FRAMES)
def test_a_polite_frame_is_no_name_and_frames_the_verb(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_within(text, intent, args)


def test_a_name_after_a_frame_with_no_object_after_it_stays_a_name() -> None:
    reads_exactly("please ledger restart", Intent.RESTART, {"app_name": "ledger"})
    reads_exactly("would you mind restarting ledger-svc?", Intent.RESTART, {"app_name": "ledger-svc"})


_PARTICLE_VERBS = [
    # Made live, or put out into an environment: deployed there.
    ("get ledger-svc live on staging", Intent.DEPLOY, {"app_name": "ledger-svc", "environment": "staging"}),
    ("put ledger-svc out on production", Intent.DEPLOY, {"app_name": "ledger-svc", "environment": "production"}),
    # Back on a version its noun names: rolled back, asked or wanted.
    ("put ledger-svc back on the previous build", Intent.ROLLBACK, {"app_name": "ledger-svc"}),
    ("we need ledger-svc back on the old version", Intent.ROLLBACK, {"app_name": "ledger-svc"}),
    # The get-passive after an obligation: the change is what is owed.
    ("ledger-svc needs to get restarted", Intent.RESTART, {"app_name": "ledger-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _PARTICLE_VERBS)
def test_a_particle_belongs_with_its_verb(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_getting_rid_of_an_app_is_a_deletion_refused() -> None:
    result = interpret("get rid of ledger-svc for good").interpretation
    assert result.intent is Intent.UNKNOWN and result.refused is not None


_READS_STAY_READS = [
    # "live" describing the logs, or asked about, deploys nothing.
    ("get the live logs of ledger-svc", Intent.LOGS, {"app_name": "ledger-svc"}),
    ("is ledger-svc live on production?", Intent.STATUS, {"app_name": "ledger-svc", "environment": "production"}),
    # "get" reading a history, no get-passive.
    ("I need to get the restart history of ledger-svc", Intent.STATUS, {"app_name": "ledger-svc"}),
    # Whether it can be reached at all asks how it is; where it is reached asks its address.
    ("is ledger-svc reachable?", Intent.STATUS, {"app_name": "ledger-svc"}),
    ("where is ledger-svc reachable from?", Intent.ENDPOINT, {"app_name": "ledger-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _READS_STAY_READS)
def test_reads_stay_reads(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_the_leisure_a_request_is_left_to_is_no_condition() -> None:
    reads_exactly("recycle ledger-svc when you get a sec", Intent.RESTART, {"app_name": "ledger-svc"})
    reads_exactly("restart ledger-svc if possible", Intent.RESTART, {"app_name": "ledger-svc"})


def test_a_condition_on_the_cluster_still_holds_the_change_back() -> None:
    for text in ("restart ledger-svc if not running", "scale ledger-svc to 3 if not busy"):
        assert interpret(text).interpretation.intent not in MUTATING_INTENTS, text


def test_the_verb_after_a_pronoun_is_no_name_and_a_fault_says_which_app() -> None:
    reads_exactly(
        "something is off in ledger-svc, show me the last 20 lines it printed",
        Intent.LOGS,
        {"app_name": "ledger-svc", "lines": 20},
    )
    # A place named plainly stays a place.
    reads_exactly("show me the pods in orders", Intent.LIST_PODS, {"namespace": "orders"})


def test_how_many_of_a_kind_there_are_is_their_list() -> None:
    reads_exactly("how many services are running in orders?", Intent.LIST_SERVICES, {"namespace": "orders"})
    # How many an app has is still about that app.
    assert interpret("how many pods does ledger-svc have").interpretation.intent is Intent.STATUS


_MONEY_ASKED_BY_ITS_VERB = [
    ("what are we spending on the cluster this month", {}),
    ("what will we be spending next month", {"analysis_type": "forecast"}),
    ("how much r we paying for the cluster", {}),
]


@pytest.mark.parametrize(("text", "args"), _MONEY_ASKED_BY_ITS_VERB)
def test_money_asked_after_by_the_verb_that_spends_it(text: str, args: dict[str, object]) -> None:
    reads_within(text, Intent.COST_ANALYSIS, args)


def test_what_is_burned_that_is_no_money_is_no_cost() -> None:
    assert interpret("how much memory is ledger-svc burning").interpretation.intent is not Intent.COST_ANALYSIS


def test_billing_naming_a_team_or_a_duty_is_no_cost() -> None:
    for text in ("the billing squad wants a new dashboard", "anyone on call for billing tonight?"):
        assert interpret(text).interpretation.intent is not Intent.COST_ANALYSIS, text
    reads_within("show billing costs", Intent.COST_ANALYSIS, {})
    reads_exactly("restart billing", Intent.RESTART, {"app_name": "billing"})


_FOLLOW_UPS = [
    # A check, then the act if what was checked is not so.
    "check whether ledger-svc is healthy, if not roll it back",
    # An act, then a second one if the first works out.
    "deploy ledger-svc to dev, then if that works promote it to staging",
]


@pytest.mark.parametrize("text", _FOLLOW_UPS)
def test_a_second_act_on_the_outcome_of_the_first_makes_two(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})
