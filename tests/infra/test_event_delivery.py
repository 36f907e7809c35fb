"""Pub/Sub's delivery to the event functions fits the lease (issue 16, item 11).

Eventarc owns the subscription behind each trigger; the module sets its ack deadline and retry
backoff on it (terraform_data + gcloud, Eventarc's documented way). These checks read the HCL and
compute the schedule Pub/Sub follows: a redelivery of a message whose worker died comes no
earlier than the dead worker's lease can have run out, a running function is not redelivered, and
a message is neither dead-lettered before a lease could pass nor dropped as stale before it is.
"""

from __future__ import annotations

import re

from klepaas_deploy.settings import DeploySettings
from klepaas_shared import entrypoints
from klepaas_shared.settings import CommonSettings

from .conftest import MODULE, blocks, parsed, root_locals

PUBSUB_MAX_BACKOFF_S = 600  # Pub/Sub's range for both retry delays and the ack deadline


def _default(name: str) -> int:
    value = blocks("variable")[name]["default"]
    assert isinstance(value, int), (name, value)
    return value


def _delivery() -> dict[str, object]:
    for resource in parsed()[f"{MODULE}/main.tf"]["resource"]:
        if "terraform_data" in resource and "trigger_delivery" in resource["terraform_data"]:
            found: dict[str, object] = resource["terraform_data"]["trigger_delivery"]
            return found
    raise AssertionError("the module sets no delivery on its triggers' subscriptions")


def _backoffs(first_s: int, longest_s: int, retries: int) -> list[int]:
    """Pub/Sub's exponential backoff: the waits before each of ``retries`` redeliveries."""
    return [min(longest_s, first_s * 2**n) for n in range(retries)]


def test_every_trigger_subscription_gets_the_ack_deadline_and_backoff() -> None:
    delivery = _delivery()
    assert delivery["for_each"] == "${google_eventarc_trigger.topic}"
    command = str(delivery["provisioner"][0]["local-exec"]["command"])  # type: ignore[index]
    subscription = "${each.value.transport[0].pubsub[0].subscription}"
    assert f"gcloud pubsub subscriptions update {subscription}" in command
    for flag, value in (
        ("--ack-deadline", "${local.ack_deadline_s}"),
        ("--min-retry-delay", "${var.event_retry_min_backoff_s}s"),
        ("--max-retry-delay", "${var.event_retry_max_backoff_s}s"),
    ):
        assert f"{flag}={value}" in command, flag
    # Re-run whenever the subscription or a value changes.
    assert set(delivery["triggers_replace"]) == {  # type: ignore[arg-type]
        subscription,
        "${local.ack_deadline_s}",
        "${var.event_retry_min_backoff_s}",
        "${var.event_retry_max_backoff_s}",
    }
    assert blocks("locals", MODULE)["ack_deadline_s"] == "${max(10, min(600, var.timeout_s))}"


def test_the_first_redelivery_waits_for_the_lease_the_functions_are_given() -> None:
    module = blocks("module")["entry_point"]
    assert module["event_retry_min_backoff_s"] == "${var.lease_s}"
    assert module["event_retry_max_backoff_s"] == "${var.event_retry_max_backoff_s}"
    local = root_locals()
    assert local["common_env"]["KLEPAAS_LEASE_S"] == "${tostring(var.lease_s)}"
    assert local["function_env"]["deploy"]["KLEPAAS_PIPELINE_LEASE_S"] == "${tostring(var.lease_s)}"
    # Terraform's default is the code's: the lease a run renews is the one the backoff waits out.
    lease_s = _default("lease_s")
    assert lease_s == CommonSettings.model_fields["lease_s"].default
    assert lease_s == DeploySettings.model_fields["pipeline_lease_s"].default
    assert lease_s <= _default("event_retry_max_backoff_s") <= PUBSUB_MAX_BACKOFF_S
    # The variables refuse a lease Pub/Sub's backoff could not wait out, and a max below it.
    lease_rule = blocks("variable")["lease_s"]["validation"][0]["condition"]
    assert re.search(r"var\.lease_s <= 600", lease_rule), lease_rule
    max_rule = blocks("variable")["event_retry_max_backoff_s"]["validation"][0]["condition"]
    assert "var.event_retry_max_backoff_s >= var.lease_s" in max_rule, max_rule


def test_no_event_function_runs_longer_than_pubsub_waits_for_its_answer() -> None:
    functions = root_locals()["functions"]
    consumers = {e.function for e in entrypoints.ENTRY_POINTS if e.kind == "event"}
    assert consumers
    for function in consumers:
        timeout_s = functions[function]["timeout_s"]
        ack_deadline_s = max(10, min(PUBSUB_MAX_BACKOFF_S, timeout_s))
        assert ack_deadline_s >= timeout_s, f"{function} may run {timeout_s} s; Pub/Sub waits {ack_deadline_s} s"


def test_a_message_is_dead_lettered_neither_within_a_lease_nor_after_it_went_stale() -> None:
    lease_s, longest_s = _default("lease_s"), _default("event_retry_max_backoff_s")
    attempts, max_age_s = _default("event_max_attempts"), _default("event_max_age_s")
    waits = _backoffs(lease_s, longest_s, attempts - 1)
    assert waits and min(waits) >= lease_s  # every retry comes after a dead worker's lease ran out
    assert sum(waits) >= 2 * lease_s, waits  # more than one lease passes before a message is given up
    assert sum(waits) <= max_age_s, (waits, max_age_s)  # and it is given up before it is dropped as stale
    condition = blocks("variable")["event_max_attempts"]["validation"][0]["condition"]
    assert "var.event_max_attempts >= 2" in condition, condition
