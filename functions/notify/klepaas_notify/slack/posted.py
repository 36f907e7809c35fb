"""Where a posted message is: its channel and Slack's timestamp (the id an update needs)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str
