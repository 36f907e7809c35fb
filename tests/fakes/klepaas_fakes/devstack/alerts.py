"""Alertmanager for `make dev`: once the dev server answers, one sample alert (Alertmanager's webhook,
version 4) about the stand-in cluster's node, with the bearer token the receiver checks."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from typing import Any


def sample_alert(node: str) -> dict[str, Any]:
    """A firing warning for ``node``; its fingerprint is fixed, so a restart re-sends the same alert."""
    labels = {"alertname": "NodeMemoryPressure", "instance": f"{node}:9100", "severity": "warning"}
    alert = {
        "status": "firing",
        "labels": labels,
        "annotations": {
            "summary": f"Memory usage above 80% on {node}",
            "description": "A sample alert that make dev's Alertmanager stand-in sent on start.",
        },
        "startsAt": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "endsAt": "0001-01-01T00:00:00Z",
        "generatorURL": "http://127.0.0.1/prometheus/graph",
        "fingerprint": "d0e1a2b3c4d5e6f7",
    }
    return {
        "version": "4",
        "groupKey": '{}:{alertname="NodeMemoryPressure"}',
        "truncatedAlerts": 0,
        "status": "firing",
        "receiver": "klepaas-notify",
        "groupLabels": {"alertname": "NodeMemoryPressure"},
        "commonLabels": labels,
        "commonAnnotations": {},
        "externalURL": "http://127.0.0.1/alertmanager",
        "alerts": [alert],
    }


def _post(url: str, token: str, payload: dict[str, Any]) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.status)


def send_when_up(base_url: str, token: str, node: str, *, wait_s: float = 60.0) -> threading.Thread:
    """In the background: wait for ``base_url``'s health, then send :func:`sample_alert` once."""

    def run() -> None:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base_url}/api/v1/health", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        try:
            _post(f"{base_url}/api/v1/alerts/alertmanager", token, sample_alert(node))
        except (urllib.error.URLError, OSError) as exc:
            print(f"make dev: the sample alert was not delivered: {exc}")

    thread = threading.Thread(target=run, daemon=True, name="dev-alertmanager")
    thread.start()
    return thread
