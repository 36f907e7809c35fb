"""Time as the store and the console want it: timezone-aware UTC, ISO-8601 with ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """Fixed-width ISO-8601 in UTC with ``Z``, so that strings order like times."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"  # "+00:00" → "Z"


def now_iso() -> str:
    return iso(now())


def parse_iso(text: str) -> datetime:
    """Parse an ISO-8601 string; a string without a zone is taken as UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# Korea keeps no daylight saving time: a fixed offset needs no time-zone database on the instance.
KST = timezone(timedelta(hours=9), "KST")


def shown_in_korea(value: object) -> str:
    """A stored time as a person reading the Korean console says it ("2026-12-07 15:09:57 KST"): the
    console prints some cards' times as they come, and UTC ISO strings read nine hours early there.
    Anything that is no ISO time is given back as text, unchanged."""
    if not isinstance(value, str) or not value:
        return "" if value is None else str(value)
    try:
        moment = parse_iso(value)
    except ValueError:
        return value
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M:%S KST")
