"""The per-caller tool-call limit, on a pinned clock: it does not depend on where the calls fall
against the clock's minutes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from klepaas_fakes.env import klepaas_env
from klepaas_mcp import safety, settings
from klepaas_shared.auth import Principal
from klepaas_shared.errors import RateLimited


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    now = [1_000_000 * 60 - 0.2]  # 0.2 s before a minute begins
    monkeypatch.setattr(safety.time, "time", lambda: now[0])
    with klepaas_env({"KLEPAAS_MCP_RATE_LIMIT_PER_MINUTE": "2"}):
        settings.settings.cache_clear()
        yield now
    settings.settings.cache_clear()


def _allowed(principal: Principal) -> bool:
    try:
        safety.check_rate(principal)
    except RateLimited:
        return False
    return True


def test_calls_across_a_minute_boundary_count_together(clock: list[float]) -> None:
    busy = Principal(sub="busy", scopes=frozenset({"read"}))
    calls = []
    for step in (0.0, 0.1, 0.2):  # the third call falls in the next clock minute
        clock[0] += step
        calls.append(_allowed(busy))
    assert calls == [True, True, False]


def test_the_limit_refills_over_the_minute_and_is_per_caller(clock: list[float]) -> None:
    busy, calm = (Principal(sub=s, scopes=frozenset({"read"})) for s in ("busy", "calm"))
    assert [_allowed(busy) for _ in range(3)] == [True, True, False]
    assert _allowed(calm)
    clock[0] += 29.0  # a limit of 2 a minute gives one call back every 30 s
    assert not _allowed(busy)
    clock[0] += 1.5
    assert _allowed(busy)
    assert not _allowed(busy)


def test_a_refusal_says_when_to_come_back(clock: list[float]) -> None:
    busy = Principal(sub="busy", scopes=frozenset({"read"}))
    _allowed(busy), _allowed(busy)
    with pytest.raises(RateLimited) as refused:
        safety.check_rate(busy)
    assert 0 < refused.value.retry_after_s <= 30
