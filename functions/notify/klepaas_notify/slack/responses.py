"""Telling the person who pressed a button something only they see: a POST to the interaction's
``response_url`` (``response_type: "ephemeral"``, the message pressed left as it is). Slack shows
nothing of the HTTP answer to a ``block_actions`` interaction, so this is the only way a refusal
reaches that person. Called from Pub/Sub consumers only, never within Slack's 3 s.

A ``response_url`` comes inside a signed payload, yet it is still checked before anything is sent
to it: only Slack's hooks host (``https://hooks.slack.com/...``) is called, so a payload that got
past the signature some other way cannot make notify call an arbitrary host."""

from __future__ import annotations

from urllib.parse import urlsplit

from klepaas_shared.errors import BadRequest

from ..settings import notify_settings
from . import retries
from .errors import from_status, unreachable

SLACK_HOOKS = ("https", "hooks.slack.com", None)  # scheme, host, port (None: the scheme's own)
LOCAL_ENVS = frozenset({"local", "test"})
MAX_URL = 512
ATTEMPTS = 3  # the press's answer went out long ago: a few tries, then the outcome stays in the message


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of an absolute URL without credentials, or None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return None
    return parts.scheme, parts.hostname, port


def allowed(url: str) -> bool:
    """Whether notify may POST to ``url`` as a response_url: Slack's hooks host over https, or
    (local and test only) the Slack stand-in's origin named by ``slack_response_url_local_origin``."""
    # ASCII without spaces or control characters: nothing a header or the HTTP client could misread
    if not url or len(url) > MAX_URL or not url.isascii() or any(c.isspace() or not c.isprintable() for c in url):
        return False
    origin = _origin(url)
    if origin is None or len(urlsplit(url).path) <= 1:
        return False
    if origin == SLACK_HOOKS or origin == ("https", SLACK_HOOKS[1], 443):
        return True
    settings = notify_settings()
    local = settings.slack_response_url_local_origin
    return bool(local) and settings.env in LOCAL_ENVS and origin == _origin(local)


def check(url: str) -> str:
    """``url`` when it may be responded to; a 400 otherwise."""
    if not allowed(url):
        raise BadRequest("the Slack payload's response_url is not a Slack hooks URL (https://hooks.slack.com/...)")
    return url


def tell(url: str, text: str) -> None:
    """Show ``text`` to the person behind ``url`` only. Raises the shared error for Slack's answer
    (retryable for a 429 / 5xx / no answer, not for an expired or used-up URL)."""
    from slack_sdk.webhook import WebhookClient

    check(url)
    client = WebhookClient(url, timeout=10, retry_handlers=retries.handlers(ATTEMPTS - 1))
    try:
        response = client.send(text=text[:2900], response_type="ephemeral", replace_original=False)
    except OSError as exc:
        raise unreachable(exc) from None
    if response.status_code != 200:
        raise from_status(response.status_code, response.body, retries.retry_after_s(response.headers))
