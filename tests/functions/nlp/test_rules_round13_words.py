"""Round 13 words, typos and slots: idioms for a restart or a deploy, typos repaired by rule, reads
named by a word the rules did not know.

Each case is a phrasing of its own, not one from a development set.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.spelling import repair


def _read(command: str) -> tuple[str, dict[str, object]]:
    it = interpret(command).interpretation
    return it.intent.value, dict(it.args)


@pytest.mark.parametrize(
    ("command", "app"),
    [
        ("give ledger-sync a fresh start please", "ledger-sync"),
        ("kick mail-relay, nothing is going out", "mail-relay"),
        ("kick mail-relay", "mail-relay"),
        ("invoice-api 다시 켜줘", "invoice-api"),
    ],
)
def test_idioms_for_starting_again_restart(command: str, app: str) -> None:
    assert _read(command) == ("restart", {"app_name": app})


def test_kick_off_begins_something_new_and_is_no_restart() -> None:
    assert _read("kick off a deploy of mail-relay")[0] != "restart"


def test_getting_the_newest_code_running_deploys_it() -> None:
    assert _read("get the latest ledger-api build live in staging") == (
        "deploy",
        {"app_name": "ledger-api", "environment": "staging"},
    )


def test_getting_the_latest_logs_is_still_a_read() -> None:
    assert _read("get the latest logs of ledger-api")[0] == "logs"


def test_a_count_of_copies_scales() -> None:
    assert _read("I need invoice-api on 4 copies") == ("scale", {"app_name": "invoice-api", "replicas": 4})


def test_enumerate_lists() -> None:
    assert _read("enumerate the services")[0] == "list_services"


def test_the_done_with_auxiliary_after_a_verb_keeps_the_verb() -> None:
    assert _read("ledger-api 스테이징에 올려버려") == ("deploy", {"app_name": "ledger-api", "environment": "staging"})


def test_a_list_put_on_screen_is_a_read_not_a_deploy() -> None:
    assert _read("billing 네임스페이스 파드 목록 띄워줘") == ("list_pods", {"namespace": "billing"})


@pytest.mark.parametrize(
    ("typed", "word"),
    [("statsu", "status"), ("hsitory", "history"), ("rpod", "prod"), ("rooll", "roll"), ("helpp", "help")],
)
def test_english_command_words_with_letters_swapped_doubled_or_single_are_repaired(typed: str, word: str) -> None:
    assert repair(f"show {typed} now") == f"show {word} now"


def test_names_beside_command_words_are_never_rewritten() -> None:
    assert repair("roll back rool-api") == "roll back rool-api"


def test_a_doubled_letter_in_roll_back_still_rolls_back() -> None:
    assert _read("please rooll back ledger-api") == ("rollback", {"app_name": "ledger-api"})


def test_a_swapped_environment_word_is_the_environment() -> None:
    assert _read("deploy acme/ledger to rpod")[1].get("environment") == "production"


def test_a_stray_final_consonant_before_the_verb_is_repaired() -> None:
    assert _read("ledger-api 스테이징에 배폭해줘") == ("deploy", {"app_name": "ledger-api", "environment": "staging"})


def test_a_deletion_typed_with_shift_held_is_still_refused() -> None:
    answer = interpret("파드 삭졔 부탁해 ledger-api").interpretation
    assert answer.refused is not None


def test_a_shift_held_vowel_in_a_command_word_is_repaired() -> None:
    assert repair("스톄이징") == "스테이징"


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("any forecast for retail-prod?", {"namespace": "retail-prod", "analysis_type": "forecast"}),
        ("where is the bill heading by the rest of the month", {"analysis_type": "forecast"}),
    ],
)
def test_forecasts_are_cost_forecasts(command: str, args: dict[str, object]) -> None:
    assert _read(command) == ("cost_analysis", args)


def test_the_things_it_can_do_list_the_commands() -> None:
    assert _read("show me the stuff you can do")[0] == "list_commands"


def test_a_name_opening_a_status_summary_is_that_places_overview() -> None:
    assert _read("fintech 현황 알려줘") == ("overview", {"namespace": "fintech"})


def test_whole_is_no_namespace() -> None:
    assert _read("the whole cluster overview please") == ("overview", {})


def test_logs_in_a_named_place_are_logs_and_log_in_is_not() -> None:
    answer = interpret("crash logs in retail-dev please").interpretation
    assert answer.intent.value == "logs"
    assert answer.args.get("namespace") == "retail-dev"
    assert interpret("the user logs in again").interpretation.intent.value != "logs"


def test_so_many_steps_back_rolls_back_that_far() -> None:
    assert _read("acme/ledger 2 versions back") == (
        "rollback",
        {"github_owner": "acme", "github_repo": "ledger", "steps_back": 2},
    )


@pytest.mark.parametrize(
    "command",
    ["retail-dev에 뭐가 돌고 있는지 서비스별로 알려줘", "retail-dev 네임스페이스 서비스 단위로 보여줘"],
)
def test_one_line_for_each_of_a_kind_lists_that_kind(command: str) -> None:
    assert _read(command) == ("list_services", {"namespace": "retail-dev"})
