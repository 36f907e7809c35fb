"""Admin password hashes: scrypt (hashlib) with its parameters in the string.

Format: ``scrypt$n=<N>,r=<r>,p=<p>$<salt>$<key>`` (salt and key in unpadded URL-safe base64).
Make one with ``python -m klepaas_auth.passwords`` and mount it as ``KLEPAAS_ADMIN_PASSWORD_HASH``.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import re
import secrets
import sys
from dataclasses import dataclass

DEFAULT_N, DEFAULT_R, DEFAULT_P = 1 << 15, 8, 1
MAX_MEMORY_BYTES = 256 * 1024 * 1024
_FORMAT = re.compile(
    r"^scrypt\$n=([0-9]{1,8}),r=([0-9]{1,3}),p=([0-9]{1,3})\$([A-Za-z0-9_-]{22,172})\$([A-Za-z0-9_-]{22,172})$"
)


@dataclass(frozen=True)
class ScryptHash:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(password: str, n: int, r: int, p: int, salt: bytes, length: int) -> bytes:
    memory = 128 * n * r * (p + 1)
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=memory + (1 << 20))


def parse(encoded: str) -> ScryptHash:
    """Read a stored hash; ValueError (naming no secret) when it is malformed or unreasonable."""
    found = _FORMAT.match(encoded.strip())
    if not found:
        raise ValueError("the password hash is not of the form scrypt$n=N,r=R,p=P$salt$key")
    n, r, p = (int(found.group(i)) for i in (1, 2, 3))
    if n < 1024 or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16 or 128 * n * r * p > MAX_MEMORY_BYTES:
        raise ValueError("the password hash has scrypt parameters out of range")
    salt, key = _unb64(found.group(4)), _unb64(found.group(5))
    if len(salt) < 16 or not 16 <= len(key) <= 128:
        raise ValueError("the password hash has a salt or key of the wrong length")
    return ScryptHash(n, r, p, salt, key)


def make(password: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P) -> str:
    """Hash ``password`` with a fresh 16-byte salt."""
    salt = secrets.token_bytes(16)
    key = _derive(password, n, r, p, salt, 32)
    encoded = f"scrypt$n={n},r={r},p={p}${_b64(salt)}${_b64(key)}"
    parse(encoded)  # refuse to print a hash this module would not accept
    return encoded


def check(password: str, stored: ScryptHash) -> bool:
    """Constant-time comparison of ``password`` against a parsed hash."""
    candidate = _derive(password, stored.n, stored.r, stored.p, stored.salt, len(stored.key))
    return hmac.compare_digest(candidate, stored.key)


def main() -> int:
    """Prompt for a password (or read one line from stdin) and print its hash."""
    if sys.stdin.isatty():
        first = getpass.getpass("admin password: ")
        if first != getpass.getpass("again: "):
            print("the two passwords differ", file=sys.stderr)
            return 1
    else:
        first = sys.stdin.readline().rstrip("\n")
    if len(first) < 12:
        print("use at least 12 characters", file=sys.stderr)
        return 1
    print(make(first))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
