"""The bearer token is verified once per request: the front check hands the principal over and
the SDK's verifier takes it, once, for that exact token only."""

from __future__ import annotations

from klepaas_mcp import handoff
from klepaas_shared.auth import Principal

from .test_python_client import session_run


def test_a_handed_over_principal_is_taken_once_and_only_for_its_token() -> None:
    alice = Principal(sub="alice", scopes=frozenset({"mcp:execute"}), audience="klepaas-mcp")
    handoff.hand_over("token-a", alice)
    assert handoff.take("token-b") is None
    assert handoff.take("token-a") == alice
    assert handoff.take("token-a") is None


def test_every_request_takes_what_its_front_check_handed_over(serve, mcp_token) -> None:
    served = serve()
    result = session_run(served.url, mcp_token(), lambda s: s.call_tool("cluster_overview", {}))
    assert not result.is_error
    assert handoff._waiting == {}  # nothing left behind: the SDK took each request's principal
