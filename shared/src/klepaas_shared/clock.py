"""Time as the store and the console want it: timezone-aware UTC, ISO-8601 with ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


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
