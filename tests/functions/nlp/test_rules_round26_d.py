"""Round 26 (d): slots written in words the rules also use as commands or counts.

- An app named by a read's or an act's noun (status, logs, deploy, restart …) is a name where an app's kind
  word labels it ("info 앱", "the restart service") or a scale verb takes it with its count; the bare
  words keep their ordinary readings.
- Counts in dozens are counts; a factor or a level ("triple", "halve", "back to normal") asks for the count.
- A word of hex letters alone is a commit where a rollback goes; "by N" after a rollback counts steps.
All wording here is new.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from tests.functions.nlp.readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("details 앱 다시 시작해 줘", Intent.RESTART, {"app_name": "details"}),
        ("info 앱 2개로 줄여줘", Intent.SCALE, {"app_name": "info", "replicas": 2}),
        ("state 서비스 로그 좀 보여줄래", Intent.LOGS, {"app_name": "state"}),
        ("deploy 앱 상태 어때?", Intent.STATUS, {"app_name": "deploy"}),
        ("please reboot the status service", Intent.RESTART, {"app_name": "status"}),
        ("our logs application needs a reboot", Intent.RESTART, {"app_name": "logs"}),
        ("can I see the logs of the restart app?", Intent.LOGS, {"app_name": "restart"}),
        ("scale logs down to 2", Intent.SCALE, {"app_name": "logs", "replicas": 2}),
    ],
)
def test_a_command_word_labelled_or_scaled_is_the_apps_name(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("show status", Intent.STATUS), ("scale status", Intent.STATUS), ("deploy logs", Intent.LOGS)],
)
def test_bare_command_words_keep_their_reading(text: str, intent: Intent) -> None:
    reads_exactly(text, intent, {})


@pytest.mark.parametrize(
    ("text", "replicas"),
    [
        ("scale cart-web to half a dozen pods", 6),
        ("give cart-web half-dozen replicas", 6),
        ("cart-web 파드 half a dozen으로 늘려줘", 6),
    ],
)
def test_a_dozen_counts(text: str, replicas: int) -> None:
    reads_exactly(text, Intent.SCALE, {"app_name": "cart-web", "replicas": replicas})


def test_a_dozen_over_the_limit_is_still_that_count() -> None:
    reads_exactly("scale cart-web to a dozen", Intent.SCALE, {"app_name": "cart-web", "replicas": 12})


@pytest.mark.parametrize(
    "text",
    [
        "triple cart-web",
        "halve the pods of cart-web",
        "double cart-web's instances",
        "scale cart-web back to the usual",
    ],
)
def test_a_factor_or_a_level_asks_for_the_count(text: str) -> None:
    reads_exactly(text, Intent.SCALE, {"app_name": "cart-web"}, missing=["replicas"])


def test_double_check_is_a_read() -> None:
    reads_exactly("double check the cart-web logs", Intent.LOGS, {"app_name": "cart-web"})


@pytest.mark.parametrize(
    ("text", "sha"),
    [
        ("roll ledger-api back to cafebabe", "cafebabe"),
        ("revert ledger-api to fadedbee", "fadedbee"),
        ("ledger-api 를 abcdefab 로 되돌려줘", "abcdefab"),
    ],
)
def test_hex_letters_where_a_rollback_goes_are_a_commit(text: str, sha: str) -> None:
    reads_exactly(text, Intent.ROLLBACK, {"app_name": "ledger-api", "target_commit_sha": sha})


def test_hex_letters_elsewhere_are_no_commit() -> None:
    reads_exactly("deploy fadedbee to staging", Intent.DEPLOY, {"app_name": "fadedbee", "environment": "staging"})


@pytest.mark.parametrize(("text", "steps"), [("roll ledger-api back by two", 2), ("revert ledger-api by 4", 4)])
def test_by_after_a_rollback_counts_steps(text: str, steps: int) -> None:
    reads_exactly(text, Intent.ROLLBACK, {"app_name": "ledger-api", "steps_back": steps})


def test_a_kind_word_carrying_the_verb_labels_no_name() -> None:
    reads_exactly("rollback 앱해줘", Intent.ROLLBACK, {}, missing=["target"])
