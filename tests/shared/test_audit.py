"""Audit records: who, what, when, from where, the result; never a secret."""

from __future__ import annotations

from klepaas_shared import audit
from klepaas_shared.logs import request_id_var
from klepaas_shared.store import get_store
from klepaas_shared.store.queries import declare_query


def test_a_record_says_who_did_what_when_from_where_and_how_it_ended() -> None:
    token = request_id_var.set("req-9")
    try:
        audit_id = audit.record(
            get_store(),
            actor="github:42",
            action="deployment.scale",
            target="K-Le-PaaS/test01",
            source="nlp",
            result="succeeded",
            details={"replicas": 3, "github_token": "ghp_secret", "note": "Bearer abc.def.ghi"},
            via="nlp",
        )
    finally:
        request_id_var.reset(token)
    record = get_store().get(audit.COLLECTION, audit_id)
    assert record is not None
    assert {k: record[k] for k in ("actor", "action", "target", "source", "via", "result", "request_id")} == {
        "actor": "github:42",
        "action": "deployment.scale",
        "target": "K-Le-PaaS/test01",
        "source": "nlp",
        "via": "nlp",
        "result": "succeeded",
        "request_id": "req-9",
    }
    assert record["at"].endswith("Z")
    assert record["details"] == {"replicas": 3, "github_token": "[REDACTED]", "note": "Bearer [REDACTED]"}


# Only this test reads the audit trail by actor in order (nothing in the functions does, so no index).
declare_query("audit", equal=["actor"], order_by=[("at", "asc")])
declare_query("audit", equal=["actor"])


def test_records_are_separate_and_queryable_by_actor() -> None:
    store = get_store()
    for action in ("a", "b"):
        audit.record(store, actor="u1", action=action, target="t", source="console", result="failed")
    audit.record(store, actor="u2", action="c", target="t", source="mcp", result="succeeded", request_id="explicit")
    mine = store.query(audit.COLLECTION, where=[("actor", "==", "u1")], order_by=[("at", "asc")])
    assert sorted(d.data["action"] for d in mine) == ["a", "b"]
    other = store.query(audit.COLLECTION, where=[("actor", "==", "u2")])
    assert other[0].data["request_id"] == "explicit"
