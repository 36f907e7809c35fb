"""kubectl command lines, read by kubectl's grammar (klepaas_nlp.rules.kubectl)."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.calibration import SKIP_CONFIDENCE
from klepaas_nlp.rules.kubectl import read_kubectl


@pytest.mark.parametrize(
    ("line", "intent", "args"),
    [
        ("kubectl scale deployment/cart --replicas=4", Intent.SCALE, {"app_name": "cart", "replicas": 4}),
        ("kubectl scale deploy cart --replicas 2", Intent.SCALE, {"app_name": "cart", "replicas": 2}),
        ("kubectl logs checkout-7c9d --tail=50", Intent.LOGS, {"pod_name": "checkout-7c9d", "lines": 50}),
        ("kubectl logs deploy/web -p", Intent.LOGS, {"app_name": "web", "previous": True}),
        ("kubectl rollout undo deployment/orders", Intent.ROLLBACK, {"app_name": "orders"}),
        ("kubectl rollout restart deployment/api -n shop", Intent.RESTART, {"app_name": "api", "namespace": "shop"}),
        ("kubectl get ing", Intent.LIST_INGRESSES, {}),
        ("kubectl get pods -n kube-system", Intent.LIST_PODS, {"namespace": "kube-system"}),
        ("kubectl describe svc payments", Intent.GET_SERVICE, {"service_name": "payments"}),
        ("kubectl get deploy web -o yaml", Intent.GET_DEPLOYMENT, {"deployment_name": "web"}),
    ],
)
def test_kubectl_lines_are_read_by_their_grammar(line: str, intent: Intent, args: dict[str, object]) -> None:
    it = interpret(line).interpretation
    assert it.intent is intent and it.args == args
    assert it.confidence < SKIP_CONFIDENCE  # no corpus measured this reading: never claimed sure


@pytest.mark.parametrize(
    "line", ["kubectl apply -f x.yaml", "kubectl get", "kubectl scale deployment/cart --force", "kubectl top pods"]
)
def test_what_the_grammar_does_not_cover_is_left_to_the_ordinary_reading(line: str) -> None:
    assert read_kubectl(line) is None


@pytest.mark.parametrize(
    "line", ["kubectl delete pod web", "kubectl exec -it web -- sh", "kubectl rollout restart deployment/api && ls"]
)
def test_refusals_still_come_first(line: str) -> None:
    assert interpret(line).interpretation.refused is not None
