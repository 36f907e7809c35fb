"""Issue 24, round 10: where a target runs, and which words around a request are acts.

New phrasings of the structural rules (none is a line of a dev set):
- a name written as a place (X에 있는, X에서, X 안의, in X) is never the target of a mutation when
  another name is there to be: it is the namespace;
- one act over two places or two reads that differ in an argument is two acts (dev_aa);
- a background clause or a remark around one request adds no act.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("billing-ops에 있는 invoice-svc 재시작해줘", Intent.RESTART, {"app_name": "invoice-svc", "namespace": "billing-ops"}),
        ("media-prod에서 thumb-gen 4개로 늘려", Intent.SCALE, {"app_name": "thumb-gen", "replicas": 4, "namespace": "media-prod"}),
        ("restart invoice-svc in billing-ops", Intent.RESTART, {"app_name": "invoice-svc", "namespace": "billing-ops"}),
        ("billing-ops 안의 invoice-svc 롤백해줘", Intent.ROLLBACK, {"app_name": "invoice-svc", "namespace": "billing-ops"}),
        # One name only: it is the target, however it is written.
        ("invoice-svc 재시작해줘", Intent.RESTART, {"app_name": "invoice-svc"}),
    ],
)
def test_a_name_written_as_a_place_is_never_what_a_mutation_changes(text: str, intent: Intent, args: dict) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, args)
