"""The in-memory object store: one lock, a global resourceVersion counter, a change history for watches."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from .errors import ApiError, already_exists, conflict, not_found
from .meta import Obj, clone, iso, name_of, namespace_of, new_uid, random_suffix
from .resources import KINDS, Kind


@dataclass(frozen=True)
class Change:
    rv: int
    type: str
    kind: Kind
    obj: Obj
    old: Obj | None


def _spec_part(obj: Obj) -> Obj:
    return {key: value for key, value in obj.items() if key not in {"metadata", "status"}}


class Store:
    """Objects by kind and (namespace, name). Everything returned is a copy."""

    def __init__(self, history: int = 20_000) -> None:
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.closed = False
        self._objects: dict[Kind, dict[tuple[str, str], Obj]] = {kind: {} for kind in KINDS}
        self._rv = 1000
        self._history: deque[Change] = deque(maxlen=history)

    @property
    def resource_version(self) -> int:
        return self._rv

    def find(self, kind: Kind, namespace: str, name: str) -> Obj | None:
        with self.lock:
            found = self._objects[kind].get((namespace if kind.namespaced else "", name))
            return clone(found) if found is not None else None

    def get(self, kind: Kind, namespace: str, name: str) -> Obj:
        found = self.find(kind, namespace, name)
        if found is None:
            raise not_found(kind, name)
        return found

    def list(self, kind: Kind, namespace: str | None = None) -> list[Obj]:
        with self.lock:
            items = sorted(self._objects[kind].items())
            return [clone(obj) for (ns, _), obj in items if namespace is None or ns == namespace]

    def create(self, kind: Kind, obj: Obj) -> Obj:
        with self.lock:
            obj = clone(obj)
            obj["apiVersion"], obj["kind"] = kind.api_version, kind.kind
            meta = obj.setdefault("metadata", {})
            if not meta.get("name") and meta.get("generateName"):
                meta["name"] = meta["generateName"] + random_suffix()
            if not kind.namespaced:
                meta.pop("namespace", None)
            key = (namespace_of(obj), name_of(obj))
            if key in self._objects[kind]:
                raise already_exists(kind, key[1])
            meta.update(uid=new_uid(), creationTimestamp=iso())
            for transient in ("deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion"):
                meta.pop(transient, None)
            if kind.has_generation:
                meta["generation"] = 1
            return self._commit(kind, key, obj, None)

    def update(self, kind: Kind, obj: Obj) -> Obj:
        """Replace a stored object; a stale non-empty `metadata.resourceVersion` is a 409 Conflict."""
        with self.lock:
            obj = clone(obj)
            obj["apiVersion"], obj["kind"] = kind.api_version, kind.kind
            meta = obj.setdefault("metadata", {})
            key = (namespace_of(obj) if kind.namespaced else "", name_of(obj))
            stored = self._objects[kind].get(key)
            if stored is None:
                raise not_found(kind, key[1])
            old_meta = stored["metadata"]
            if meta.get("resourceVersion") not in (None, "", old_meta["resourceVersion"]):
                raise conflict(kind, key[1])
            for fixed in ("uid", "creationTimestamp", "namespace", "generation", "deletionTimestamp"):
                if fixed in old_meta:
                    meta[fixed] = old_meta[fixed]
            if not kind.namespaced:
                meta.pop("namespace", None)
            meta["resourceVersion"] = old_meta["resourceVersion"]
            if obj == stored:
                return clone(stored)
            if kind.has_generation and _spec_part(obj) != _spec_part(stored):
                meta["generation"] = int(old_meta.get("generation", 1)) + 1
            return self._commit(kind, key, obj, stored)

    def delete(self, kind: Kind, namespace: str, name: str) -> Obj:
        with self.lock:
            key = (namespace if kind.namespaced else "", name)
            stored = self._objects[kind].pop(key, None)
            if stored is None:
                raise not_found(kind, name)
            self._rv += 1
            gone = clone(stored)
            gone["metadata"]["resourceVersion"] = str(self._rv)
            self._record(Change(self._rv, "DELETED", kind, gone, stored))
            return clone(gone)

    def _commit(self, kind: Kind, key: tuple[str, str], obj: Obj, old: Obj | None) -> Obj:
        self._rv += 1
        obj["metadata"]["resourceVersion"] = str(self._rv)
        self._objects[kind][key] = obj
        self._record(Change(self._rv, "MODIFIED" if old else "ADDED", kind, clone(obj), old))
        return clone(obj)

    def _record(self, change: Change) -> None:
        self._history.append(change)
        self.changed.notify_all()

    def changes_since(self, rv: int) -> list[Change]:
        """Changes after `rv`; raises 410 Expired when history no longer reaches back that far."""
        with self.lock:
            oldest = self._history[0].rv if self._history else self._rv + 1
            if self._history and rv < oldest - 1:
                raise ApiError(410, f"too old resource version: {rv} ({oldest - 1})", "Expired")
            newer: list[Change] = []
            for change in reversed(self._history):
                if change.rv <= rv:
                    break
                newer.append(change)
            return newer[::-1]

    def close(self) -> None:
        with self.lock:
            self.closed = True
            self.changed.notify_all()
