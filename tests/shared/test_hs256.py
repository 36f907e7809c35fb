"""The standard-library HS256 check refuses and accepts exactly what PyJWT does, for the same
reason, on good tokens and on every way a token can be wrong; and PyJWT reads what it signs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

import jwt
import pytest

from klepaas_shared import hs256

KEY = "hs256-test-key-0123456789-abcdefghijklmnop"
OTHER_KEY = "another-hs256-key-0123456789-abcdefghijkl"
AUDIENCES = ["klepaas-api", "klepaas-internal"]
ISSUER = "klepaas"
LEEWAY_S = 30
REQUIRED = ("exp", "iat", "sub", "iss", "aud")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "klepaas-api", "sub": "u1", "scope": "read", "iat": now, "exp": now + 600}
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not _DROP}


_DROP = object()


def _pyjwt(claims: dict[str, Any], key: str = KEY, **headers: Any) -> str:
    return jwt.encode(claims, key, algorithm="HS256", headers={"kid": "k1", **headers})


def _raw(payload: bytes, header: dict[str, Any] | None = None) -> str:
    """A token over any payload bytes, signed with KEY (PyJWT's JWS layer)."""
    return jwt.api_jws.encode(payload, KEY, algorithm="HS256", headers=header or {"kid": "k1"})


def _with_header(header: dict[str, Any], claims: dict[str, Any]) -> str:
    """A token whose header PyJWT would not write, signed with KEY by hand."""
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = hmac.new(KEY.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def _swap_segment(token: str, index: int, segment: str) -> str:
    parts = token.split(".")
    parts[index] = segment
    return ".".join(parts)


def _stray_bits(token: str) -> str:
    """The same signature bytes spelled with non-zero unused low bits."""
    head, _, signature = token.rpartition(".")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(signature[-1])
    return f"{head}.{signature[:-1]}{alphabet[last | 1]}"


def _now() -> int:
    # Read when a token is made, not at collection: the suite reaches these tests minutes after
    # it collects them, and a token "600 s in the future" must still be in the future then.
    return int(time.time())


CASES: dict[str, Callable[[], str]] = {
    "good": lambda: _pyjwt(_claims()),
    "good with nbf and jti": lambda: _pyjwt(_claims(nbf=_now(), jti="abc")),
    "audience list with ours": lambda: _pyjwt(_claims(aud=["other", "klepaas-internal"])),
    "expired": lambda: _pyjwt(_claims(exp=_now() - 120)),
    "expired within leeway": lambda: _pyjwt(_claims(exp=_now() - 5)),
    "exp as digits": lambda: _pyjwt(_claims(exp=str(_now() + 600))),
    "exp as float": lambda: _pyjwt(_claims(exp=_now() + 600.5)),
    "exp not a number": lambda: _pyjwt(_claims(exp="soon")),
    "no exp": lambda: _pyjwt(_claims(exp=_DROP)),
    "exp null": lambda: _pyjwt(_claims(exp=None)),
    "issued in the future": lambda: _pyjwt(_claims(iat=_now() + 600)),
    "iat not a number": lambda: _pyjwt(_claims(iat=[1])),
    "not before in the future": lambda: _pyjwt(_claims(nbf=_now() + 600)),
    "nbf within leeway": lambda: _pyjwt(_claims(nbf=_now() + 10)),
    "nbf not a number": lambda: _pyjwt(_claims(nbf={"a": 1})),
    "wrong issuer": lambda: _pyjwt(_claims(iss="someone-else")),
    "issuer not a string": lambda: _raw(json.dumps(_claims(iss=7)).encode()),
    "no issuer": lambda: _pyjwt(_claims(iss=_DROP)),
    "wrong audience": lambda: _pyjwt(_claims(aud="klepaas-mcp")),
    "audience list without ours": lambda: _pyjwt(_claims(aud=["a", "b"])),
    "audience list with a number": lambda: _pyjwt(_claims(aud=["klepaas-api", 3])),
    "audience an object": lambda: _pyjwt(_claims(aud={"klepaas-api": 1})),
    "audience empty": lambda: _pyjwt(_claims(aud="")),
    "subject a number": lambda: _pyjwt(_claims(sub=42)),
    "no subject": lambda: _pyjwt(_claims(sub=_DROP)),
    "jti a number": lambda: _pyjwt(_claims(jti=5)),
    "another key": lambda: _pyjwt(_claims(), key=OTHER_KEY),
    "tampered payload": lambda: _swap_segment(
        _pyjwt(_claims()), 1, _b64(json.dumps(_claims(scope="admin:write")).encode())
    ),
    "HS512": lambda: jwt.encode(_claims(), KEY + KEY, algorithm="HS512", headers={"kid": "k1"}),
    "alg none": lambda: jwt.encode(_claims(), None, algorithm="none", headers={"kid": "k1"}),
    "signature cut off": lambda: _pyjwt(_claims()).rsplit(".", 1)[0] + ".",
    "signature stray bits": lambda: _stray_bits(_pyjwt(_claims())),
    "padded segments": lambda: ".".join(p + "=" * (-len(p) % 4) for p in _pyjwt(_claims()).split(".")),
    "too much padding": lambda: _swap_segment(_pyjwt(_claims()), 2, _pyjwt(_claims()).split(".")[2] + "===="),
    "not base64url": lambda: _swap_segment(_pyjwt(_claims()), 1, "e30!"),
    "two segments": lambda: ".".join(_pyjwt(_claims()).split(".")[:2]),
    "four segments": lambda: _pyjwt(_claims()) + ".e30",
    "one segment": lambda: "not-a-jwt",
    "empty": lambda: "",
    "non-ascii": lambda: _pyjwt(_claims()) + "\u00e9",
    "header an array": lambda: _swap_segment(_pyjwt(_claims()), 0, _b64(b"[1]")),
    "header not JSON": lambda: _swap_segment(_pyjwt(_claims()), 0, _b64(b"{nope")),
    "kid a number": lambda: _with_header({"alg": "HS256", "typ": "JWT", "kid": 12}, _claims()),
    "no kid": lambda: _with_header({"alg": "HS256"}, _claims()),
    "unknown critical extension": lambda: _pyjwt(_claims(), crit=["exp"]),
    "critical b64 without a detached payload": lambda: _pyjwt(_claims(), crit=["b64"]),
    "payload an array": lambda: _raw(b"[1, 2]"),
    "payload not JSON": lambda: _raw(b"{nope"),
}


def _pyjwt_outcome(token: str) -> str:
    try:
        jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return "malformed"
    try:
        jwt.decode(
            token,
            KEY,
            algorithms=["HS256"],
            audience=AUDIENCES,
            issuer=ISSUER,
            leeway=LEEWAY_S,
            options={"require": list(REQUIRED)},
        )
    except jwt.ExpiredSignatureError:
        return "expired"
    except jwt.ImmatureSignatureError:
        return "immature"
    except jwt.InvalidAudienceError:
        return "audience"
    except jwt.InvalidIssuerError:
        return "issuer"
    except jwt.InvalidTokenError:
        return "invalid"
    return "ok"


def _our_outcome(token: str) -> str:
    try:
        hs256.unverified_header(token)
        hs256.verify(token, KEY, audiences=AUDIENCES, issuer=ISSUER, leeway_s=LEEWAY_S, require=REQUIRED)
    except hs256.TokenError as exc:
        return exc.reason
    return "ok"


@pytest.mark.parametrize("name", list(CASES))
def test_the_same_tokens_pass_and_fail_for_the_same_reason_as_with_pyjwt(name: str) -> None:
    token = CASES[name]()
    assert _our_outcome(token) == _pyjwt_outcome(token), name


def test_the_cases_cover_every_reason() -> None:
    outcomes = {_our_outcome(make()) for make in CASES.values()}
    assert outcomes == {"ok", "malformed", "invalid", "expired", "immature", "audience", "issuer"}


def test_a_good_token_yields_its_claims() -> None:
    claims = _claims(act={"sub": "nlp"}, name="\ud55c\uae00")
    token = _pyjwt(claims)
    verified = hs256.verify(token, KEY, audiences=AUDIENCES, issuer=ISSUER, leeway_s=LEEWAY_S, require=REQUIRED)
    assert verified == claims


def test_pyjwt_reads_what_is_signed_here_with_the_header_it_would_write() -> None:
    claims = _claims(jti="j1", email="a@b.c", act={"sub": "nlp"}, name="\ud55c\uae00")
    token = hs256.sign(claims, KEY, "k1")
    assert jwt.decode(token, KEY, algorithms=["HS256"], audience="klepaas-api", issuer=ISSUER) == claims
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "kid": "k1", "typ": "JWT"}
    assert token == _pyjwt(claims)  # byte for byte what PyJWT signs


def test_a_token_that_is_not_even_text_is_malformed_where_pyjwt_would_raise_unicode_errors() -> None:
    assert _our_outcome(_pyjwt(_claims()) + "\ud800") == "malformed"


def test_parts_of_another_token_are_never_checked_in_its_place() -> None:
    """auth.verify cuts a token once and hands the parts over; parts of a different token (a
    valid one) must not stand in for the token being verified (a forged one)."""
    claims = _claims()
    good = _pyjwt(claims)
    forged = good.rsplit(".", 1)[0] + "." + _pyjwt(_claims(sub="mallory")).rsplit(".", 1)[1]
    checks: dict[str, Any] = {"audiences": AUDIENCES, "issuer": ISSUER, "leeway_s": LEEWAY_S, "require": REQUIRED}
    with pytest.raises(hs256.TokenError, match="invalid"):
        hs256.verify(forged, KEY, **checks, parsed=hs256.parse(good))
    assert hs256.verify(good, KEY, **checks, parsed=hs256.parse(good)) == claims
