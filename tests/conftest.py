"""Fixtures for the whole suite.

Every test runs with test settings, a fresh in-memory SQLite store, the in-memory context store
and a fresh local bus. Real servers (Firestore and Pub/Sub emulators, redis-server) are started
once per run, on first use, each on a free loopback port, and stopped at the end.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from hypothesis import settings as hypothesis_settings

from klepaas_fakes import github_schema, services
from klepaas_fakes.env import TEST_JWT_SECRET, klepaas_env
from klepaas_shared.auth import ALL_SCOPES, mint
from klepaas_shared.store.queries import declare_query

# The suite runs the same examples every time (a failure in CI is reproducible, never luck); set
# HYPOTHESIS_PROFILE=explore locally to search new ones.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Queries only the tests make, to see what the code wrote (single-field: they need no index).
declare_query("audit", equal=["action"])

TEST_ENV = {
    "KLEPAAS_ENV": "test",
    "KLEPAAS_JWT_SECRET": TEST_JWT_SECRET,
    "KLEPAAS_JWT_PREVIOUS_SECRET": "",
    "KLEPAAS_STORE": "sqlite",
    "KLEPAAS_SQLITE_PATH": ":memory:",
    "KLEPAAS_REDIS_URL": "",
    "KLEPAAS_EVENTS": "local",
    "KLEPAAS_PROJECT_ID": "demo-test",
}


@pytest.fixture(autouse=True)
def klepaas_test_env() -> Iterator[None]:
    with klepaas_env(TEST_ENV):
        yield


@pytest.fixture(autouse=True)
def github_replies_match_the_published_schema() -> Iterator[None]:
    """Fail any test during which the GitHub stand-in gave a reply GitHub's OpenAPI description
    does not allow (checked in the stand-in, see :mod:`klepaas_fakes.github_schema`)."""
    github_schema.take_mismatches()
    yield
    mismatches = github_schema.take_mismatches()
    assert not mismatches, "GitHub stand-in replies that GitHub would not give:\n" + "\n".join(mismatches[:20])


@pytest.fixture
def make_token() -> Callable[..., str]:
    """``make_token(scopes=("read",), sub="u1")``: a valid token signed with the test key."""

    def make(scopes: tuple[str, ...] = ALL_SCOPES, sub: str = "user-1", **kwargs: object) -> str:
        return mint(sub, scopes, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture
def auth_headers(make_token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token()}"}


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with services.redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def firestore_host() -> Iterator[str]:
    with services.firestore_emulator() as host:
        yield host


@pytest.fixture(scope="session")
def pubsub_host() -> Iterator[str]:
    with services.pubsub_emulator() as host:
        yield host
