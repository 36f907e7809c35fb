"""Clusters: GKE (endpoint, CA, Google credentials), NKS (kubeconfig), and a dry-run target.

A target is chosen per app and environment from the settings; its ``kubernetes`` client is
imported on first use and created once per target and instance.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from klepaas_shared.errors import ConfigError
from klepaas_shared.resilience import CircuitBreaker

from ..settings import DeploySettings, TargetKind, deploy_settings


@dataclass
class Target:
    """One cluster (or none, for dry-run) with its lazily created client and its circuit breaker."""

    kind: TargetKind
    settings: DeploySettings
    breaker: CircuitBreaker = field(init=False)
    _client: Any = field(default=None, init=False, repr=False)
    glance: Any = field(default=None, init=False, repr=False)  # kube.glance_of: one attempt, short timeout
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self.breaker = CircuitBreaker(f"cluster {self.kind}", failure_threshold=5, reset_timeout_s=30.0)

    @property
    def dry_run(self) -> bool:
        return self.kind == "dry-run"

    def api_client(self) -> Any:
        """The ``kubernetes.client.ApiClient`` of this cluster, created on first use."""
        if self.dry_run:
            raise ConfigError("the dry-run target has no cluster")
        with self._lock:
            if self._client is None:
                self._client = _gke_client(self.settings) if self.kind == "gke" else _nks_client(self.settings)
            return self._client


def _ca_file(text: str) -> str:
    pem = text.strip()
    if not pem.startswith("-----BEGIN"):
        try:
            pem = base64.b64decode(pem, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            raise ConfigError("KLEPAAS_GKE_CA_CERT must be a PEM certificate or its base64") from None
    handle = tempfile.NamedTemporaryFile("w", prefix="gke-ca-", suffix=".pem", delete=False)  # noqa: SIM115
    with handle:
        handle.write(pem)
    return handle.name


def google_token() -> str:
    """A Google access token from the default credentials (google-auth refreshes it near expiry)."""
    from klepaas_shared.google_tokens import access_token

    return access_token()


def _gke_client(settings: DeploySettings) -> Any:
    from kubernetes import client

    if not settings.gke_endpoint:
        raise ConfigError("KLEPAAS_GKE_ENDPOINT must be set for the gke target")
    config = client.Configuration(host=settings.gke_endpoint)
    config.retries = 0
    if settings.gke_ca_cert:
        config.ssl_ca_cert = _ca_file(settings.gke_ca_cert)
    static = settings.gke_token.get_secret_value()
    config.api_key = {"authorization": static or google_token()}
    config.api_key_prefix = {"authorization": "Bearer"}
    if not static:
        # The client asks before every request; the cached credentials answer without a fetch
        # until the token nears its expiry.
        def refresh(conf: Any) -> None:
            conf.api_key["authorization"] = google_token()

        config.refresh_api_key_hook = refresh  # type: ignore[assignment]
    return client.ApiClient(config)


def _nks_client(settings: DeploySettings) -> Any:
    from kubernetes import client, config

    if not settings.nks_kubeconfig:
        raise ConfigError("KLEPAAS_NKS_KUBECONFIG must name a kubeconfig for the nks target")
    conf = client.Configuration()
    try:
        config.load_kube_config(  # type: ignore[no-untyped-call]
            config_file=settings.nks_kubeconfig, context=settings.nks_context or None, client_configuration=conf
        )
    except (OSError, config.ConfigException) as exc:
        raise ConfigError(f"KLEPAAS_NKS_KUBECONFIG could not be loaded: {type(exc).__name__}") from None
    conf.retries = 0  # one retry policy (ours, which knows what is safe to repeat), not urllib3's as well
    if conf.refresh_api_key_hook is not None:
        conf.refresh_api_key_hook = throttled(conf.refresh_api_key_hook, REFRESH_EVERY_S)
    return client.ApiClient(conf)


# The kubeconfig loader re-applies the whole configuration before every request (re-reading the
# proxy environment each time); its tokens are renewed 5 minutes before they expire, so checking
# once every 30 s keeps them fresh at a fraction of the cost.
REFRESH_EVERY_S = 30.0


def throttled(hook: Callable[[Any], None], every_s: float) -> Callable[[Any], None]:
    """``hook`` run at most once every ``every_s`` seconds (the first call always runs it); it stays
    installed on the configuration it is called with."""
    last = [-every_s]
    lock = threading.Lock()

    def run(conf: Any) -> None:
        with lock:
            if time.monotonic() - last[0] < every_s:
                return
            last[0] = time.monotonic()
        hook(conf)
        conf.refresh_api_key_hook = run  # the loader's hook installs itself again each time it runs

    return run


def kind_for(settings: DeploySettings, app: str, environment: str) -> TargetKind:
    """The target of ``app`` in ``environment``: the most specific setting wins."""
    chosen = settings.targets.get(f"{app}/{environment}") or settings.targets.get(environment)
    if chosen:
        return chosen
    if settings.default_target:
        return settings.default_target
    if settings.nks_kubeconfig:
        return "nks"
    return "gke" if settings.gke_endpoint else "dry-run"


@cache
def target(kind: TargetKind) -> Target:
    """The one :class:`Target` of this kind in this instance."""
    return Target(kind, deploy_settings())


def target_for(app: str, environment: str) -> Target:
    return target(kind_for(deploy_settings(), app, environment))
