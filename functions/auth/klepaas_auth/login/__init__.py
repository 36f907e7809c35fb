"""Signing a person in with Google or GitHub, for the console and for any page of this server.

The provider sends the browser back to this server (``/api/v1/auth/oauth2/callback/{provider}``),
never to the page that asked: the callback checks the server-side ``state`` and the PKCE verifier,
exchanges the provider's code, and only then sends the browser on to the page with a one-time
K-Le-PaaS code of its own. A provider's code never leaves this server.

To sign a user in from another page (the MCP consent page, say):

1. ``auth_url = begin(provider, return_to)``: send the browser there. ``return_to`` is a console
   callback on ``KLEPAAS_AUTH_REDIRECT_URIS`` or a URL on this server's own origin
   (``KLEPAAS_API_BASE_URL``).
2. The browser comes back to ``return_to?code=…&state=…provider=<provider>`` (or with ``error=…``).
3. ``user = redeem(code, provider, return_to)``: the stored user (``users`` document), once.
"""

from __future__ import annotations

from .flow import begin, finish, redeem

__all__ = ["begin", "finish", "redeem"]
