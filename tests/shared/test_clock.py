"""The console's times: stored in UTC, shown as a reader in Korea reads them."""

from __future__ import annotations

import pytest

from klepaas_shared.clock import shown_in_korea


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-12-07T06:09:55.417Z", "2026-12-07 15:09:55 KST"),
        ("2026-12-31T20:30:00+00:00", "2027-01-01 05:30:00 KST"),  # the day and the year turn in Korea
        ("2026-07-01T00:00:00", "2026-07-01 09:00:00 KST"),  # no zone: UTC, as the store writes; no summer time
        ("2026-12-07T15:09:55+09:00", "2026-12-07 15:09:55 KST"),
        ("not a time", "not a time"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_stored_time_is_shown_as_korea_reads_it(stored: object, shown: str) -> None:
    assert shown_in_korea(stored) == shown
