"""Bad input everywhere in the shared HTTP adapter: whatever arrives, the answer is a 2xx, a 4xx
or a 501 (or a 503 for a dependency not configured) with the JSON envelope, never a 500, and
nothing is half-written."""

from __future__ import annotations

import functools
import re
import time
from typing import Any
from urllib.parse import urlsplit

import flask
import jwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field

from klepaas_fakes.clients import function_client
from klepaas_fakes.env import TEST_JWT_SECRET
from klepaas_shared import routes
from klepaas_shared.auth import key_id, mint
from klepaas_shared.http import FunctionApp, Req
from klepaas_shared.store import get_store

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "application/merge-patch+json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/octet-stream",
    "",
    "application/json; charset=euc-kr",
    "\u00e9/\u00e8",
]


class Scale(BaseModel):
    replicas: int = Field(ge=0, le=10)
    user_id: str | None = None


def fuzz_app() -> flask.testing.FlaskClient:
    """A function with handlers that read bodies every way the adapter offers, and write."""
    app = FunctionApp("deploy")

    @app.route("POST", "/api/v1/deployments/{owner}/{repo}/scale")
    def scale(req: Req) -> dict[str, Any]:
        body = req.model(Scale)
        get_store().set("fuzz", f"{req.params['owner']}-{req.params['repo']}", body.model_dump())
        return {"ok": True}

    @app.route("PUT", "/api/v1/deployments/{owner}/{repo}/config")
    def config(req: Req) -> dict[str, Any]:
        body = req.json(allow_empty=False)
        get_store().set("fuzz", "config", {"keys": sorted(body)})
        return {"ok": True}

    @app.route("POST", "/api/v1/operations")
    def operations(req: Req) -> dict[str, Any]:
        return {"size": len(req.raw_body())}

    @app.route("GET", "/api/v1/deployment-histories/{deployment_id}")
    def history(req: Req) -> dict[str, Any]:
        return {"id": req.params["deployment_id"], "limit": req.args.get("limit")}

    flask_app = flask.Flask("fuzz")
    flask_app.add_url_rule("/", "root", lambda: app(flask.request), methods=METHODS)
    flask_app.add_url_rule("/<path:path>", "all", lambda path: app(flask.request), methods=METHODS)
    return flask_app.test_client()


CLIENTS: dict[str, Any] = {}


def client_for(name: str) -> Any:
    if name not in CLIENTS:
        if name == "adapter":
            CLIENTS[name] = fuzz_app()
        else:
            CLIENTS[name] = function_client(f"{name}_http", f"functions/{name}/main.py")
    return CLIENTS[name]


def _fill(template: str, values: list[str]) -> str:
    parts = iter(values)
    return re.sub(r"\{\w+\}", lambda _: next(parts, "x"), template)


segment = st.one_of(
    st.sampled_from(["x", "K-Le-PaaS", "..", ".", "%2F", "%00", "a%20b", "한글", "' OR 1=1 --", "a" * 300, "{owner}"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"), min_size=1, max_size=20),
)
route_paths = st.builds(
    _fill, st.sampled_from([r.path for r in routes.ROUTES if r.path != "/api/v1/health"]), st.lists(segment, max_size=3)
)
random_paths = st.builds(lambda segs: "/" + "/".join(segs), st.lists(segment, max_size=6))
# The test client parses the path as a URL, dropping tabs and newlines: "/\t/../x" becomes
# "//../x", a host it cannot encode. Such a path never reaches the app, so it is not generated.
paths = st.one_of(
    route_paths, random_paths, st.sampled_from(["/", "//", "/api/v1/", "/healthz/", "/api/v1/health/x"])
).filter(lambda path: not urlsplit(path).netloc)


@functools.cache
def _tokens() -> dict[str, str | None]:
    now = int(time.time())
    return {
        "none": None,
        "garbage": "Bearer not.a.token",
        "empty": "Bearer ",
        "basic": "Basic dXNlcjpwYXNz",
        "viewer": f"Bearer {mint('u', ['read'])}",
        "admin": f"Bearer {mint('u', ['read', 'deploy:execute', 'admin:read', 'admin:write'])}",
        "expired": f"Bearer {mint('u', ['read'], ttl_s=-300)}",
        "alg_none": "Bearer "
        + jwt.encode(
            {"sub": "u", "scope": "admin:write", "iss": "klepaas", "aud": "klepaas-api", "iat": now, "exp": now + 60},
            None,
            algorithm="none",
            headers={"kid": key_id(TEST_JWT_SECRET)},
        ),
        "huge": "Bearer " + "a" * 20_000,
    }


bodies = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(str.encode),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
        max_leaves=12,
    ).map(lambda v: __import__("json").dumps(v).encode()),
    st.sampled_from([b'{"replicas": 3}', b'{"replicas": 99}', b'{"replicas": "3"}', b"{", b"\xff\xfe", b"null"]),
    st.just(b"<huge>"),
)
HUGE = b'{"a": "' + b"x" * 1_100_000 + b'"}'  # over the 1 MiB default


def check(response: Any, method: str, path: str) -> None:
    status = response.status_code
    # 503 only names a dependency this run has none of (no Prometheus configured): never bad input.
    unavailable = status == 503 and (response.get_json(silent=True) or {}).get("error", {}).get("code") == "unavailable"
    assert status < 500 or status == 501 or unavailable, (method, path, status, response.data[:300])
    if status >= 400 and method != "HEAD":  # a HEAD answer has no body
        body = response.get_json(silent=True)
        found, _ = routes.match(method, path)
        # The OAuth authorization server's routes refuse in their protocol's format (Route.errors).
        oauth = found is not None and found.route.errors == "oauth"
        if oauth and isinstance(body, dict) and isinstance(body.get("error"), str):
            assert body["error"] and set(body) <= {"error", "error_description", "error_uri", "state"}, body
            return
        if found is not None and found.route.errors == "html" and response.mimetype == "text/html":
            assert b"<!doctype html>" in response.data and response.headers["X-Frame-Options"] == "DENY"
            return
        assert isinstance(body, dict), (method, path, status, response.data[:300])
        # The login routes answer the console's {success: false, message} beside the envelope (FRONTEND_API §1.1).
        login = path.rstrip("/").startswith(
            ("/api/v1/auth/oauth2/url/", "/api/v1/auth/oauth2/login", "/api/v1/auth/oauth2/admin")
        )
        allowed = ({"error"}, {"error", "success", "message"}) if login else ({"error"},)
        assert set(body) in allowed, (method, path, body)
        assert isinstance(body["error"]["code"], str) and body["error"]["code"]
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    target=st.sampled_from(["adapter", *routes.FUNCTIONS]),
    method=st.sampled_from(METHODS),
    path=paths,
    body=bodies,
    content_type=st.sampled_from(CONTENT_TYPES),
    token=st.sampled_from(["none", "garbage", "empty", "basic", "viewer", "admin", "expired", "alg_none", "huge"]),
    query=st.dictionaries(st.sampled_from(["limit", "user_id", "t", "x"]), st.text(max_size=30), max_size=3),
)
def test_any_request_gets_an_envelope_never_a_500(
    target: str, method: str, path: str, body: bytes, content_type: str, token: str, query: dict[str, str]
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    authorization = _tokens()[token]
    if authorization is not None:
        headers["Authorization"] = authorization
    body = HUGE if body == b"<huge>" else body
    before = get_store().query("fuzz")
    response = client_for(target).open(
        path, method=method, data=body if method not in ("GET", "HEAD") else b"", headers=headers, query_string=query
    )
    check(response, method, path)
    if response.status_code >= 400:
        assert get_store().query("fuzz") == before  # a refused request wrote nothing


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(replicas=st.one_of(st.integers(), st.text(max_size=5), st.none(), st.floats()), extra=st.booleans())
def test_a_valid_token_with_a_bad_model_is_422_and_writes_nothing(replicas: Any, extra: bool) -> None:
    get_store().delete("fuzz", "o-r")
    payload: dict[str, Any] = {"replicas": replicas}
    if extra:
        payload["user_id"] = ["not", "a", "string"]
    response = client_for("adapter").post(
        "/api/v1/deployments/o/r/scale",
        json=payload,
        headers={"Authorization": f"Bearer {mint('u', ['deploy:execute'])}"},
    )
    check(response, "POST", "scale")
    written = get_store().get("fuzz", "o-r")
    if response.status_code == 200:
        assert written == Scale.model_validate(payload).model_dump()
    else:
        assert response.status_code == 422
        assert written is None
        assert response.get_json()["error"]["details"]["fields"]
