"""A guard for PromQL a caller wrote (an assistant over MCP, say): short, printable, and not one of
the obviously expensive shapes (every series at once, ranges beyond a day, deep nesting)."""

from __future__ import annotations

import re

from .errors import BadRequest

MAX_LENGTH = 1000
MAX_RANGE_S = 24 * 3600
MAX_DEPTH = 12
MAX_SUBQUERY_POINTS = 11_000  # Prometheus's own limit for a range query's points

_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}
_DURATION = re.compile(r"(\d+)(ms|s|m|h|d|w|y)")
_BRACKETS = re.compile(r"\[([^\]]*)\]")
# A matcher on the metric name that is not an equality picks metrics by pattern: every series.
_NAME_PATTERN = re.compile(r"__name__\s*(=~|!=|!~)")
# A selector without a metric name whose matcher matches the empty string or anything.
_NAMELESS_ANY = re.compile(r"(?:^|[^\w:\s])\s*\{\s*[a-zA-Z_]\w*\s*(=~\s*\"\.[*+]\"|!=\s*\"\"|!~\s*\"\")\s*\}")


def seconds(text: str) -> float:
    """A PromQL duration (``90s``, ``1h30m``) in seconds; ``BadRequest`` when it is not one."""
    text = text.strip()
    parts = _DURATION.findall(text)
    if not text or "".join(n + u for n, u in parts) != text:
        raise BadRequest(f"'{text}' is not a PromQL duration")
    return sum(int(n) * _UNITS[u] for n, u in parts)


def check(query: str) -> str:
    """``query`` stripped, or ``BadRequest`` naming what is refused and why."""
    query = query.strip()
    if not query:
        raise BadRequest("the PromQL query is empty")
    if len(query) > MAX_LENGTH:
        raise BadRequest(f"the PromQL query is {len(query)} characters; at most {MAX_LENGTH} are accepted")
    if any(not ch.isprintable() for ch in query):
        raise BadRequest("the PromQL query contains control characters")
    if _NAME_PATTERN.search(query) or _NAMELESS_ANY.search(query):
        raise BadRequest("the PromQL query selects every series by pattern; name the metric")
    depth = 0
    for ch in query:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth > MAX_DEPTH:
            raise BadRequest(f"the PromQL query nests deeper than {MAX_DEPTH} levels")
    for inside in _BRACKETS.findall(query):
        window, _, step = inside.partition(":")
        span = seconds(window)
        if span > MAX_RANGE_S:
            raise BadRequest(f"the range [{inside}] is longer than {MAX_RANGE_S // 3600} hours")
        if step.strip() and span / max(seconds(step), 0.001) > MAX_SUBQUERY_POINTS:
            raise BadRequest(f"the subquery [{inside}] asks for more than {MAX_SUBQUERY_POINTS} points")
    return query
