"""The PromQL guard: ordinary queries pass untouched, abusive shapes are refused with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klepaas_shared.errors import BadRequest
from klepaas_shared.prometheus import PER_NODE
from klepaas_shared.promql import check, seconds


@pytest.mark.parametrize(
    "query",
    [
        *PER_NODE.values(),
        "up",
        'sum(rate(http_requests_total{app="web-app"}[5m]))',
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=~"web.*"}[10m])))',
        "max_over_time(rate(container_cpu_usage_seconds_total[5m])[1h:1m])",
        'kube_pod_status_phase{phase!="Running"} == 1',
    ],
)
def test_ordinary_queries_pass_unchanged(query: str) -> None:
    assert check(f"  {query} ") == query


def test_durations_are_read_like_prometheus() -> None:
    assert seconds("1h30m") == 5400 and seconds("90s") == 90 and seconds("250ms") == 0.25
    with pytest.raises(BadRequest):
        seconds("5 minutes")


def test_empty_and_overlong_queries_are_refused() -> None:
    with pytest.raises(BadRequest, match="empty"):
        check("   ")
    with pytest.raises(BadRequest, match="at most 1000"):
        check("up+" * 400)


@given(st.text(max_size=300))
def test_any_text_is_accepted_or_refused_with_bad_request(text: str) -> None:
    try:
        check(text)
    except BadRequest as exc:
        assert exc.message
