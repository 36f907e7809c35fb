"""The OAuth 2.1 authorization server for MCP hosts, built on Authlib.

An MCP host (an assistant) finds this server through the mcp function's protected-resource
metadata, registers itself (a Client ID Metadata Document URL as its ``client_id``, or Dynamic
Client Registration), sends the person here to sign in with the console's accounts and consent,
and gets an access token whose audience is the MCP resource (RFC 8707), plus a refresh token that
is rotated on every use. Modules:

- ``settings``: issuer, resource and lifetimes;
- ``records``: codes, grants and refresh tokens in the store (TTL collections);
- ``clients``: registered clients, Client ID Metadata Documents (fetched under the SSRF rule),
  redirect URI rules by ``application_type``;
- ``server``: Authlib's AuthorizationServer with the code grant (PKCE S256 only), the refresh
  grant (rotation, reuse revokes the family), registration, revocation and RFC 9207 ``iss``;
- ``pages``: the login and consent page (Korean and English), its CSRF token and headers;
- ``signin``: the one seam to the console's sign-in code (admin, Google, GitHub);
- ``views``: the HTTP handlers the routing table names.
"""
