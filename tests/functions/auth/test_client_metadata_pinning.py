"""A Client ID Metadata Document is fetched from the address the SSRF check passed, never from a
second lookup of its name (DNS rebinding): the resolver answers a public address to the check and
a private one to anything after it."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import httpcore
import pytest

from klepaas_auth.authorization_server import clients
from klepaas_auth.authorization_server.settings import AsSettings

PUBLIC, PRIVATE = "93.184.216.34", "10.0.0.7"
URL = "https://cimd.test/hosts/client.json"


@pytest.fixture
def rebinding(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[tuple[str, int]]]:
    """(the lookups of cimd.test, where connections were opened). No connection leaves the
    machine: opening one is recorded and refused."""
    real = socket.getaddrinfo
    lookups: list[str] = []
    connects: list[tuple[str, int]] = []

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "cimd.test":
            return real(host, *args, **kwargs)
        lookups.append(host)
        address = PUBLIC if len(lookups) == 1 else PRIVATE
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, 443))]

    def connect_tcp(self: Any, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        connects.append((host, port))
        if host == "cimd.test":  # an unpinned client: the socket layer would look the name up again
            resolve(host, port)
        raise httpcore.ConnectError("the test opens no connection")

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return lookups, connects


def test_the_fetch_goes_to_the_checked_public_address_not_to_a_rebound_private_one(
    rebinding: tuple[list[str], list[tuple[str, int]]],
) -> None:
    lookups, connects = rebinding
    with pytest.raises(clients.ClientRefused, match="could not be fetched"):
        clients._fetch_metadata(URL, AsSettings(env="staging"))
    assert connects == [(PUBLIC, 443)]  # the address the check passed, by address
    assert lookups == ["cimd.test"]  # the check's lookup, and no other


def test_a_name_that_answers_a_private_address_to_the_check_is_refused_before_any_connection(
    rebinding: tuple[list[str], list[tuple[str, int]]],
) -> None:
    lookups, connects = rebinding
    lookups.append("an earlier lookup")  # the next answer is the private one
    with pytest.raises(clients.ClientRefused, match="private"):
        clients._fetch_metadata(URL, AsSettings(env="staging"))
    assert connects == []
    assert ipaddress.ip_address(PRIVATE).is_private and not ipaddress.ip_address(PUBLIC).is_private


def test_a_refused_metadata_address_is_on_the_audit_record(
    rebinding: tuple[list[str], list[tuple[str, int]]],
) -> None:
    from klepaas_shared.store import get_store

    lookups, _ = rebinding
    lookups.append("an earlier lookup")  # the check's answer is the private one
    with pytest.raises(clients.ClientRefused):
        clients._fetch_metadata(URL, AsSettings(env="staging"))
    found = [d.data for d in get_store().query("audit", [("action", "==", "auth.client_metadata.refused")])]
    assert [(a["actor"], a["target"], a["result"]) for a in found] == [("anonymous", "cimd.test", "denied")]
    assert "private" in found[0]["details"]["reason"]
