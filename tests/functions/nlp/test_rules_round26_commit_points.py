"""Round 26 (a walk of the console): a Korean rollback to a point written with (으)로 that is no commit
id asks which commit; it was read as a rollback of one step, a different change from the one asked."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Acme/ledger qqqq로 롤백해줘", {"github_owner": "Acme", "github_repo": "ledger"}),
        ("ledger-api abc12로 되돌려 주세요", {"app_name": "ledger-api"}),
        ("ledger-api xyz로 복구해", {"app_name": "ledger-api"}),
    ],
)
def test_a_point_that_is_no_commit_id_is_asked_about(text: str, target: dict[str, object]) -> None:
    reads_exactly(text, Intent.ROLLBACK, target, missing=["target_commit_sha"])


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("ledger-api 3f9c2e1로 롤백해줘", {"app_name": "ledger-api", "target_commit_sha": "3f9c2e1"}),
        ("ledger-api 직전 버전으로 롤백해줘", {"app_name": "ledger-api"}),
        ("ledger-api production으로 롤백해줘", {"app_name": "ledger-api", "environment": "production"}),
    ],
)
def test_ids_steps_and_environments_stay_what_they_were(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.ROLLBACK, args)


def test_hex_of_a_commits_length_in_letters_only_is_the_commit() -> None:
    reads_exactly(
        "ledger-api cafebabe로 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-api", "target_commit_sha": "cafebabe"}
    )
