"""FirestoreStore: Google API errors become ours, and nothing heavy loads before first use."""

from __future__ import annotations

import subprocess
import sys

import pytest
from google.api_core import exceptions as gexc

from klepaas_fakes.env import reset_caches
from klepaas_shared.errors import ConfigError, Conflict, KlepaasError, NotFound, Unavailable, UpstreamError
from klepaas_shared.store import get_store
from klepaas_shared.store.firestore import FirestoreStore, google_errors


@pytest.mark.parametrize(
    ("raised", "expected", "retryable"),
    [
        (gexc.ServiceUnavailable("down"), Unavailable, True),
        (gexc.DeadlineExceeded("slow"), Unavailable, True),
        (gexc.Aborted("contention"), Unavailable, True),
        (gexc.RetryError("gave up", cause=None), Unavailable, True),
        (gexc.NotFound("gone"), NotFound, False),
        (gexc.AlreadyExists("there"), Conflict, False),
        (gexc.PermissionDenied("no"), ConfigError, False),
        (gexc.InvalidArgument("bad"), UpstreamError, True),
    ],
)
def test_google_errors_map_to_our_error_classes(
    raised: Exception, expected: type[KlepaasError], retryable: bool
) -> None:
    with pytest.raises(expected) as caught, google_errors("things/x"):
        raise raised
    assert caught.value.retryable is retryable
    assert caught.value.__cause__ is raised


def test_the_firestore_store_is_chosen_by_setting_and_loads_the_sdk_on_first_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KLEPAAS_STORE", "firestore")
    reset_caches()
    assert isinstance(get_store(), FirestoreStore)
    probe = (
        "import sys, klepaas_shared.store.firestore as f; f.FirestoreStore('p');"
        " print('google.cloud.firestore' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
