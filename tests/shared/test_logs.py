"""JSON log lines for Cloud Logging, with no secret or token in them."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

from klepaas_shared.auth import mint
from klepaas_shared.logs import JsonFormatter, get_logger, log_fields, redact, request_id_var, trace_var

SLACK = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp"
GITHUB = "ghp_" + "A1b2C3d4E5" * 4
GITHUB_PAT = "github_pat_" + "Z9y8X7w6V5" * 3
LLM = "sk-" + "proj0123456789abcdefXYZ"


def test_a_line_is_one_json_object_with_severity_and_request_id() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    log = get_logger("unit")
    logging.getLogger("klepaas").addHandler(handler)
    rid, trace = request_id_var.set("req-123"), trace_var.set("projects/p/traces/abc")
    try:
        log.warning("deploy %s started", "test01", extra=log_fields(owner="K-Le-PaaS", replicas=3))
    finally:
        request_id_var.reset(rid)
        trace_var.reset(trace)
    log.error("no ids here")
    logging.getLogger("klepaas").removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["severity"] == "WARNING"
    assert first["message"] == "deploy test01 started"
    assert (first["owner"], first["replicas"]) == ("K-Le-PaaS", 3)
    assert first["request_id"] == "req-123"
    assert first["logging.googleapis.com/trace"] == "projects/p/traces/abc"
    assert first["logger"] == "klepaas.unit"
    assert first["time"].startswith("20")
    assert second["severity"] == "ERROR"
    assert "request_id" not in second


def _format(msg: str, fields: dict[str, Any] | None = None, exc: bool = False) -> str:
    record = logging.LogRecord("klepaas.t", logging.INFO, __file__, 1, msg, None, None)
    if fields is not None:
        record.fields = fields
    if exc:
        try:
            raise RuntimeError(f"failed with {msg}")
        except RuntimeError:
            import sys

            record.exc_info = sys.exc_info()
    return JsonFormatter().format(record)


def test_tokens_in_messages_and_traces_are_redacted() -> None:
    jwt_token = mint("u", ["admin:write"])
    message = f"Authorization: Bearer {jwt_token} slack {SLACK} gh {GITHUB} pat {GITHUB_PAT} llm {LLM} raw {jwt_token}"
    line = _format(message, exc=True)
    for secret in (jwt_token, SLACK, GITHUB, GITHUB_PAT, LLM):
        assert secret not in line
    entry = json.loads(line)
    assert entry["message"].startswith("Authorization: Bearer [REDACTED]")
    assert "[REDACTED]" in entry["stack_trace"]


def test_fields_named_like_secrets_are_redacted_at_any_depth() -> None:
    fields = {
        "password": "hunter2",
        "client_secret": "s3cr3t",
        "headers": {"Authorization": "Basic abc", "X-Hub-Signature-256": "sha256=ff", "Accept": "json"},
        "items": [{"api_key": "k"}, {"note": f"token {GITHUB}"}],
        "user": "u1",
    }
    entry = json.loads(_format("m", fields))
    assert entry["password"] == entry["client_secret"] == "[REDACTED]"
    assert entry["headers"] == {"Authorization": "[REDACTED]", "X-Hub-Signature-256": "[REDACTED]", "Accept": "json"}
    assert entry["items"] == [{"api_key": "[REDACTED]"}, {"note": "token [REDACTED]"}]
    assert entry["user"] == "u1"
    assert "hunter2" not in json.dumps(entry)


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "deployed K-Le-PaaS/test01 at 3f2a9c1 to staging (3 replicas)"
    assert redact(text) == text
    assert redact({"n": 1, "ok": True, "none": None}) == {"n": 1, "ok": True, "none": None}
