"""The auth function's own settings (``KLEPAAS_*``), read once per instance."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field, SecretStr

from klepaas_shared.settings import CommonSettings, load

Role = Literal["viewer", "developer", "admin"]
CALLBACK_PATHS = ("/console/oauth2-callback", "/console/auth/callback")


class AuthSettings(CommonSettings):
    """Login providers, the admin account, token lifetimes and the failed-login policy."""

    # Exact redirect URIs the console may use (comma-separated). Empty: the console origin's
    # two callback pages (FRONTEND_API §3.1).
    auth_redirect_uris: str = ""
    auth_state_ttl_s: int = Field(600, ge=30, le=3600)
    auth_token_ttl_s: int = Field(24 * 3600, ge=60, le=30 * 24 * 3600)
    auth_default_role: Role = "viewer"
    auth_http_timeout_s: float = Field(5.0, gt=0, le=30)
    auth_google_client_id: str = ""
    auth_google_client_secret: SecretStr = SecretStr("")
    auth_google_authorize_url: str = "https://accounts.google.com/o/oauth2/v2/auth"
    auth_google_token_url: str = "https://oauth2.googleapis.com/token"  # noqa: S105 - a URL
    auth_google_userinfo_url: str = "https://openidconnect.googleapis.com/v1/userinfo"
    auth_github_client_id: str = ""
    auth_github_client_secret: SecretStr = SecretStr("")
    auth_github_authorize_url: str = "https://github.com/login/oauth/authorize"
    auth_github_token_url: str = "https://github.com/login/oauth/access_token"  # noqa: S105 - a URL
    auth_github_api_url: str = "https://api.github.com"
    # The admin account: a username and an scrypt hash made by `python -m klepaas_auth.passwords`.
    admin_username: str = ""
    admin_password_hash: SecretStr = SecretStr("")
    admin_subject: str = Field("admin_user", min_length=1, max_length=64)
    # Failed admin logins per client address: slowed after `throttle_after`, locked after `lockout_after`
    # (an attacker locks out only their own address). Per account: exponential backoff only, never a
    # lockout, and an address that signed in to the account before is exempt from it.
    auth_account_throttle_after: int = Field(5, ge=1)
    auth_known_address_s: int = Field(30 * 24 * 3600, ge=60, description="how long a signed-in address is known")
    auth_throttle_after: int = Field(3, ge=1)
    auth_lockout_after: int = Field(10, ge=2)
    auth_lockout_s: int = Field(900, ge=1)
    auth_max_delay_s: int = Field(60, ge=1)
    # Machine tokens minted by an admin (POST /api/v1/auth/token).
    auth_token_audiences: str = "klepaas-api,klepaas-mcp"  # noqa: S105 - audience names
    auth_machine_token_max_ttl_s: int = Field(30 * 24 * 3600, ge=60)

    def redirect_uris(self) -> frozenset[str]:
        listed = {uri.strip() for uri in self.auth_redirect_uris.split(",") if uri.strip()}
        if listed:
            return frozenset(listed)
        origin = self.console_origin.rstrip("/")
        return frozenset(origin + path for path in CALLBACK_PATHS)

    def token_audiences(self) -> frozenset[str]:
        return frozenset(a.strip() for a in self.auth_token_audiences.split(",") if a.strip())


@cache
def get_settings() -> AuthSettings:
    """This instance's auth settings (tests clear the cache with ``get_settings.cache_clear``)."""
    return load(AuthSettings)
