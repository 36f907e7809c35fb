"""nlp under faults: the deploy function unreachable or slow at confirmation, Redis stopped or
paused. Answers stay clear, a confirmed action is never lost and
never run twice."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from klepaas_fakes import services
from klepaas_nlp import deploy_client
from klepaas_nlp.settings import settings as nlp_settings
from klepaas_shared.context import get_context
from klepaas_shared.settings import common
from klepaas_shared.store import get_store

from .faults_support import assert_envelope, audit_of, deploy_app, http_client, serve


@pytest.fixture
def nlp(make_token: Callable[..., str]) -> Iterator[Callable[..., Any]]:
    """POST to nlp as one user: ``nlp(path, body)``."""
    client = http_client("nlp")
    headers = {"Authorization": f"Bearer {make_token(sub='operator')}"}
    deploy_client.use(None)
    nlp_settings.cache_clear()
    yield lambda path, body: client.post(path, json=body, headers=headers)
    nlp_settings.cache_clear()


@pytest.fixture
def use(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Change settings for the rest of the test: ``use(redis_url=...)``."""

    def change(**values: str) -> None:
        for key, value in values.items():
            monkeypatch.setenv(f"KLEPAAS_{key.upper()}", value)
        common.cache_clear()  # settings and the context store, not the (in-memory) document store
        get_context.cache_clear()
        nlp_settings.cache_clear()

    return change


def _propose(nlp: Callable[..., Any], sid: str) -> None:
    first = nlp("/api/v1/nlp/conversation", {"command": "K-Le-PaaS/test01 재시작해줘", "session_id": sid}).get_json()
    assert first["requires_confirmation"] is True, first


def test_deploy_unreachable_at_confirmation_keeps_the_action_and_a_later_confirm_runs_it_once(
    nlp: Callable[..., Any], use: Callable[..., None]
) -> None:
    use(api_base_url=f"http://127.0.0.1:{services.free_port()}")  # nothing listens there
    _propose(nlp, "s-down")
    failed = nlp("/api/v1/nlp/confirm", {"session_id": "s-down", "confirmed": True})
    assert failed.status_code == 200 and failed.get_json()["status"] == "failed"
    # Said in the language of the command (round 5): deploy's "unreachable", in Korean.
    assert "연결할 수 없습니다" in failed.get_json()["message"]
    with serve(deploy_app()) as server:
        use(api_base_url=f"http://127.0.0.1:{server.port}")
        done = nlp("/api/v1/nlp/confirm", {"session_id": "s-down", "confirmed": True})
        assert done.status_code == 200 and done.get_json()["status"] == "completed", done.get_json()
        again = nlp("/api/v1/nlp/confirm", {"session_id": "s-down", "confirmed": True})
        assert_envelope(again, 409)
    runs = audit_of("deploy.restart")
    assert [a["result"] for a in runs] == ["succeeded"] and runs[0]["actor"] == "operator"


class _AnswersLate:
    """The deploy function, answering ``delay_s`` after it has done the work (a slow network back)."""

    def __init__(self, app: Any) -> None:
        self.app, self.delay_s = app, 0.0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        body = list(self.app(environ, start_response))
        time.sleep(self.delay_s)
        return body


def test_a_deploy_that_answers_after_nlp_gave_up_is_not_run_twice_on_the_second_confirm(
    nlp: Callable[..., Any], use: Callable[..., None]
) -> None:
    from klepaas_shared import operations

    late = _AnswersLate(deploy_app())
    with serve(late) as server:
        use(api_base_url=f"http://127.0.0.1:{server.port}")
        _propose(nlp, "s-slow")
        original = operations.HttpOperationsClient.__init__

        def impatient(self: Any, base_url: str, *, service: str, **options: Any) -> None:
            original(self, base_url, service=service, **{**options, "timeout_s": 0.3})

        operations.HttpOperationsClient.__init__ = impatient  # type: ignore[method-assign]
        late.delay_s = 1.5
        try:
            gave_up = nlp("/api/v1/nlp/confirm", {"session_id": "s-slow", "confirmed": True})
        finally:
            operations.HttpOperationsClient.__init__ = original  # type: ignore[method-assign]
        assert gave_up.get_json()["status"] == "failed", gave_up.get_json()
        deadline = time.monotonic() + 5
        while not audit_of("deploy.restart") and time.monotonic() < deadline:
            time.sleep(0.05)  # deploy finishes the work nlp stopped waiting for
        late.delay_s = 0.0
        done = nlp("/api/v1/nlp/confirm", {"session_id": "s-slow", "confirmed": True})
        assert done.status_code == 200 and done.get_json()["status"] == "completed", done.get_json()
    assert len(audit_of("deploy.restart")) == 1
    assert len(get_store().query("operations")) == 1


@pytest.mark.redis
@pytest.mark.parametrize("fault", ["stopped", "paused"])
def test_nlp_keeps_answering_while_redis_is_stopped_or_paused(
    nlp: Callable[..., Any], use: Callable[..., None], fault: str
) -> None:
    with services.redis_server() as url:
        use(redis_url=url)
        port = url.rsplit(":", 1)[1].split("/")[0]
        found = subprocess.run(["pgrep", "-f", f"redis-server.*{port}"], capture_output=True, text=True, check=False)
        pid = int(found.stdout.split()[0])
        assert nlp("/api/v1/nlp/conversation", {"command": "도움말", "session_id": "r1"}).status_code == 200
        os.kill(pid, signal.SIGSTOP if fault == "paused" else signal.SIGKILL)
        try:
            started = time.monotonic()
            reply = nlp("/api/v1/nlp/conversation", {"command": "K-Le-PaaS/test01 재시작해줘", "session_id": "r1"})
            assert reply.status_code == 200, reply.data[:300]
            assert reply.get_json()["requires_confirmation"] is True
            assert time.monotonic() - started < 10  # bounded by Redis timeouts, not hung
        finally:
            if fault == "paused":
                os.kill(pid, signal.SIGCONT)
