"""The HTTP adapter every function shares: dispatch, auth, bodies, errors, CORS."""

from __future__ import annotations

from collections.abc import Callable

import flask
import pytest

from klepaas_shared.errors import Conflict
from klepaas_shared.http import FunctionApp, Reply, Req


@pytest.fixture
def client() -> flask.testing.FlaskClient:
    app = FunctionApp("deploy")

    @app.route("POST", "/api/v1/deployments/{owner}/{repo}/scale")
    def scale(req: Req) -> dict[str, object]:
        body = req.json()
        return {"owner": req.params["owner"], "replicas": body.get("replicas"), "by": req.user().sub}

    @app.route("GET", "/api/v1/deployments/{owner}/{repo}/config")
    def config(req: Req) -> Reply:
        if req.params["repo"] == "taken":
            raise Conflict("already there")
        return Reply({"replica_count": 2}, 200, {"X-Extra": "1"})

    flask_app = flask.Flask("test")
    flask_app.add_url_rule(
        "/<path:path>",
        "all",
        lambda path: app(flask.request),
        methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    )
    return flask_app.test_client()


def test_healthz_is_served_without_a_token() -> None:
    app = FunctionApp("nlp")
    with flask.Flask("t").test_request_context("/healthz"):
        response = app(flask.request)
    assert response.status_code == 200
    assert response.get_json()["function"] == "nlp"


def test_a_handler_gets_path_params_body_and_the_verified_caller(
    client: flask.testing.FlaskClient, auth_headers: dict[str, str]
) -> None:
    response = client.post("/api/v1/deployments/K-Le-PaaS/test01/scale", json={"replicas": 3}, headers=auth_headers)
    assert response.status_code == 200
    assert response.get_json() == {"owner": "K-Le-PaaS", "replicas": 3, "by": "user-1"}


def test_no_token_is_401_and_missing_scope_is_403(
    client: flask.testing.FlaskClient, make_token: Callable[..., str]
) -> None:
    assert client.post("/api/v1/deployments/a/b/scale", json={}).status_code == 401
    viewer = {"Authorization": f"Bearer {make_token(scopes=('read',))}"}
    response = client.post("/api/v1/deployments/a/b/scale", json={}, headers=viewer)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_a_client_set_scope_header_grants_nothing(
    client: flask.testing.FlaskClient, make_token: Callable[..., str]
) -> None:
    viewer = {
        "Authorization": f"Bearer {make_token(scopes=('read',))}",
        "X-Scopes": "deploy:execute admin:write",
    }
    assert client.post("/api/v1/deployments/a/b/scale", json={}, headers=viewer).status_code == 403


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 400, "bad_request"),
        (b"[1, 2]", "application/json", 400, "bad_request"),
        (b"replicas=3", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        (b"{" + b'"a":"' + b"x" * 1_100_000 + b'"}', "application/json", 413, "payload_too_large"),
    ],
)
def test_bad_bodies_get_a_4xx_envelope(
    client: flask.testing.FlaskClient,
    auth_headers: dict[str, str],
    body: bytes,
    content_type: str,
    status: int,
    code: str,
) -> None:
    response = client.post("/api/v1/deployments/a/b/scale", data=body, content_type=content_type, headers=auth_headers)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert response.get_json()["error"]["message"]


def test_unserved_route_of_the_function_is_501_and_foreign_route_is_404(
    client: flask.testing.FlaskClient, auth_headers: dict[str, str]
) -> None:
    response = client.post("/api/v1/deployments/a/b/restart", json={}, headers=auth_headers)
    assert response.status_code == 501
    assert response.get_json()["error"]["code"] == "not_implemented"
    assert client.get("/api/v1/nlp/history", headers=auth_headers).status_code == 404


def test_wrong_method_is_405_with_allow(client: flask.testing.FlaskClient, auth_headers: dict[str, str]) -> None:
    response = client.delete("/api/v1/deployments/a/b/scale", headers=auth_headers)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_errors_map_to_the_envelope_and_replies_keep_headers(
    client: flask.testing.FlaskClient, auth_headers: dict[str, str]
) -> None:
    conflict = client.get("/api/v1/deployments/a/taken/config", headers=auth_headers)
    assert conflict.status_code == 409
    assert conflict.get_json() == {"error": {"code": "conflict", "message": "already there"}}
    ok = client.get("/api/v1/deployments/a/b/config?user_id=u&user_id=u", headers=auth_headers)
    assert ok.headers["X-Extra"] == "1"
    assert ok.get_json() == {"replica_count": 2}


def test_preflight_allows_the_console_headers(client: flask.testing.FlaskClient) -> None:
    response = client.options("/api/v1/deployments/a/b/scale", headers={"Origin": "https://klepaas.com"})
    assert response.status_code == 204
    allowed = response.headers["Access-Control-Allow-Headers"]
    for header in ("Authorization", "Content-Type", "Cache-Control", "Pragma"):
        assert header in allowed
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_registering_a_path_outside_the_routing_table_fails() -> None:
    app = FunctionApp("deploy")
    with pytest.raises(ValueError, match="not a route"):
        app.route("GET", "/api/v1/nlp/history")


def test_a_lazy_handler_is_imported_on_its_first_request(auth_headers: dict[str, str]) -> None:
    app = FunctionApp("deploy")
    app.lazy("GET", "/api/v1/deployments/{owner}/{repo}/config", "builtins:repr")
    with flask.Flask("t").test_request_context("/api/v1/deployments/a/b/config", headers=auth_headers):
        response = app(flask.request)
    assert response.status_code == 200
    assert response.get_json().startswith("Req(")  # repr(req): resolved at the request, then called
    with pytest.raises(ValueError, match=r"package\.module:function"):
        app.lazy("GET", "/api/v1/deployments/{namespace}/{app}/pods", "json.dumps")
