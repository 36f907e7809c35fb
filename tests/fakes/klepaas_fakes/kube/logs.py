"""Container logs: seeded text per pod (or per app label), generated lines otherwise, kubelet-style errors."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from .errors import bad_request
from .meta import Obj, dig, iso_nano, name_of, namespace_of, now

_PULL_WAIT = "trying and failing to pull image"


class LogStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pods: dict[tuple[str, str, str | None, bool], list[tuple[datetime, str]]] = {}
        self._apps: dict[tuple[str, str, bool], list[tuple[datetime, str]]] = {}

    @staticmethod
    def _lines(text: str) -> list[tuple[datetime, str]]:
        start = now()
        return [(start + timedelta(milliseconds=i), line) for i, line in enumerate(text.splitlines())]

    def set_pod(
        self, namespace: str, pod: str, text: str, *, container: str | None = None, previous: bool = False
    ) -> None:
        with self._lock:
            self._pods[(namespace, pod, container, previous)] = self._lines(text)

    def set_app(self, namespace: str, app: str, text: str, *, previous: bool = False) -> None:
        """Logs for every pod labelled `app=<app>` that has no log of its own."""
        with self._lock:
            self._apps[(namespace, app, previous)] = self._lines(text)

    def _seeded(self, pod: Obj, container: str, previous: bool) -> list[tuple[datetime, str]] | None:
        ns, name = namespace_of(pod), name_of(pod)
        app = (pod["metadata"].get("labels") or {}).get("app", "")
        with self._lock:
            for key in ((ns, name, container, previous), (ns, name, None, previous)):
                if key in self._pods:
                    return self._pods[key]
            return self._apps.get((ns, app, previous))

    def read(self, pod: Obj, query: dict[str, str]) -> str:
        containers = [c["name"] for c in dig(pod, "spec.containers") or []]
        name = query.get("container") or ""
        if not name:
            if len(containers) != 1:
                choices = " ".join(containers)
                raise bad_request(
                    f"a container name must be specified for pod {name_of(pod)}, choose one of: [{choices}]"
                )
            name = containers[0]
        if name not in containers:
            raise bad_request(f"container {name} is not valid for pod {name_of(pod)}")
        previous = query.get("previous", "false") == "true"
        if previous and not self._restarts(pod, name):
            # Asked before anything was seeded, as the kubelet is: a container that never ended has no
            # previous log, whatever a test set for it.
            raise bad_request(f'previous terminated container "{name}" in pod "{name_of(pod)}" not found')
        lines = self._seeded(pod, name, previous)
        if lines is None:
            lines = self._generated(pod, name, previous)
        since = query.get("sinceSeconds")
        if since is not None:  # applied before tailLines, as the kubelet does
            cutoff = now() - timedelta(seconds=int(since))
            lines = [(at, line) for at, line in lines if at >= cutoff]
        tail = query.get("tailLines")
        if tail is not None:
            lines = lines[-int(tail) :] if int(tail) > 0 else []
        stamp = query.get("timestamps", "false") == "true"
        text = "".join(f"{iso_nano(at)} {line}\n" if stamp else f"{line}\n" for at, line in lines)
        limit = query.get("limitBytes")
        return text[: int(limit)] if limit else text

    @staticmethod
    def _restarts(pod: Obj, container: str) -> int:
        status = next((s for s in dig(pod, "status.containerStatuses") or [] if s.get("name") == container), None)
        return int((status or {}).get("restartCount", 0))

    def _generated(self, pod: Obj, container: str, previous: bool) -> list[tuple[datetime, str]]:
        status = next((s for s in dig(pod, "status.containerStatuses") or [] if s.get("name") == container), None)
        restarts = self._restarts(pod, container)
        waiting = dig(status, "state.waiting.reason") if status else "ContainerCreating"
        if previous and not restarts:
            raise bad_request(f'previous terminated container "{container}" in pod "{name_of(pod)}" not found')
        if (
            not previous
            and waiting in {"ContainerCreating", "ErrImagePull", "ImagePullBackOff", None}
            and not (status and status.get("state", {}).get("running"))
        ):
            detail = _PULL_WAIT if waiting in {"ErrImagePull", "ImagePullBackOff"} else "ContainerCreating"
            raise bad_request(f'container "{container}" in pod "{name_of(pod)}" is waiting to start: {detail}')
        image = (status or {}).get("image", "")
        lines = [f"Starting {container} ({image})", "Loading configuration", "Listening on 0.0.0.0:8080"]
        if restarts:
            lines += ["Connecting to database", "Error: connection refused; exiting with status 1"]
        else:
            lines += [f"GET /healthz 200 {i}ms" for i in range(1, 8)]
        return self._lines("\n".join(lines))
