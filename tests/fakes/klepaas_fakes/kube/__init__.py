"""A Kubernetes API server stand-in for the real `kubernetes` Python client (tests only).

    with KubeStandIn(ready_after_ticks=1) as kube:
        with kube.api_client() as api:
            AppsV1Api(api).create_namespaced_deployment("default", body)
        kube.tick()

Served: core/v1 namespaces, nodes, pods (+log, status), services, endpoints, events; apps/v1
deployments (+scale, status) and replicasets; networking.k8s.io/v1 ingresses; discovery and
/version. Verbs get, list, watch, create, update, patch (strategic, merge, JSON patch), delete,
deletecollection. A scheduler, kubelet, ReplicaSet and Deployment controllers, an endpoints and
load-balancer controller and a garbage collector act on every write and on every `tick()`.
"""

from .auth import Rule, rule
from .errors import ApiError
from .failures import FailureModes, PodMode
from .faults import Fault, RequestRecord
from .seed import SeededApp
from .standin import DEFAULT_USER, KubeStandIn

__all__ = [
    "DEFAULT_USER",
    "ApiError",
    "FailureModes",
    "Fault",
    "KubeStandIn",
    "PodMode",
    "RequestRecord",
    "Rule",
    "SeededApp",
    "rule",
]
