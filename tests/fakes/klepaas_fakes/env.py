"""Test settings: set KLEPAAS_* variables and forget every per-instance cache."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

TEST_JWT_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"


def reset_caches() -> None:
    """Forget settings, store, context, publisher and bus so the next use reads the environment."""
    from klepaas_shared import auth, bus, context, events, settings, store

    settings.common.cache_clear()
    store.get_store.cache_clear()
    context.get_context.cache_clear()
    context.security_context.cache_clear()
    events.get_publisher.cache_clear()
    if bus.local_bus.cache_info().currsize:
        bus.local_bus().close()
    bus.local_bus.cache_clear()
    auth._jwks_client.cache_clear()


@contextmanager
def klepaas_env(values: Mapping[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    reset_caches()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        reset_caches()
