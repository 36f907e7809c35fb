"""Core/v1 Events, recorded the way controllers and the kubelet do (repeats aggregate into `count`)."""

from __future__ import annotations

import secrets

from .meta import Obj, iso, name_of, namespace_of
from .resources import EVENTS
from .store import Store


def involved(obj: Obj, field_path: str | None = None) -> Obj:
    ref: Obj = {
        "kind": obj["kind"],
        "namespace": namespace_of(obj) or None,
        "name": name_of(obj),
        "uid": obj["metadata"]["uid"],
        "apiVersion": obj["apiVersion"],
        "resourceVersion": obj["metadata"].get("resourceVersion"),
    }
    if field_path:
        ref["fieldPath"] = field_path
    return {key: value for key, value in ref.items() if value is not None}


def record(
    store: Store,
    obj: Obj,
    reason: str,
    message: str,
    *,
    warning: bool = False,
    component: str = "kubelet",
    field_path: str | None = None,
) -> Obj:
    """Record an event about `obj`, bumping `count` on an identical earlier one."""
    namespace = namespace_of(obj) or "default"
    uid = obj["metadata"]["uid"]
    with store.lock:
        for event in store.list(EVENTS, namespace):
            if (
                event.get("involvedObject", {}).get("uid") == uid
                and event.get("reason") == reason
                and event.get("message") == message
            ):
                event["count"] = int(event.get("count", 1)) + 1
                event["lastTimestamp"] = iso()
                return store.update(EVENTS, event)
        stamp = iso()
        source: Obj = {"component": component}
        if component == "kubelet" and obj.get("spec", {}).get("nodeName"):
            source["host"] = obj["spec"]["nodeName"]
        return store.create(
            EVENTS,
            {
                "metadata": {"name": f"{name_of(obj)}.{secrets.token_hex(8)}", "namespace": namespace},
                "involvedObject": involved(obj, field_path),
                "reason": reason,
                "message": message,
                "type": "Warning" if warning else "Normal",
                "count": 1,
                "firstTimestamp": stamp,
                "lastTimestamp": stamp,
                "source": source,
                "reportingComponent": component,
                "reportingInstance": source.get("host", ""),
            },
        )
