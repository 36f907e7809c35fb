"""The login flow's attacks (issue 22): state, PKCE and the one-time code, against the stand-ins over HTTP.

The provider's consent page and token endpoint are real HTTP servers; our side is the function's
entry point. Each test plays one attack and checks that nobody is signed in.
"""

from __future__ import annotations

import urllib.parse

import flask.testing
import pytest

from klepaas_auth import login
from klepaas_auth.login import flow
from klepaas_fakes.oauth import GitHubOAuth, GoogleOAuth
from klepaas_shared.store import get_store

from .conftest import (
    BACKEND,
    CALLBACK,
    Env,
    at_backend,
    backend_callback,
    follow_consent,
    query_of,
    redeem,
    start,
    to_console,
)

OTHER_CALLBACK = "http://127.0.0.1:3000/console/auth/callback"


def _no_users() -> bool:
    return get_store().query("users") == []


@pytest.mark.parametrize("provider", ["google", "github"])
def test_a_provider_code_never_reaches_the_console_and_a2_takes_only_ours(
    client: flask.testing.FlaskClient, google: GoogleOAuth, github: GitHubOAuth, provider: str
) -> None:
    at_provider = follow_consent(start(client, provider))
    provider_code = query_of(at_provider)["code"]
    back = at_backend(client, at_provider)
    console = query_of(back.headers["Location"])
    assert console["code"] != provider_code and console["code"].startswith("kl_")
    assert provider_code not in back.headers["Location"]
    status, body = redeem(client, provider, provider_code)  # the old contract: a provider code in A2
    assert status == 400 and body["success"] is False
    assert redeem(client, provider, console["code"])[0] == 200


def test_a_replayed_state_is_refused(client: flask.testing.FlaskClient) -> None:
    at_provider = follow_consent(start(client, "github"))
    assert at_backend(client, at_provider).status_code == 302
    replay = at_backend(client, at_provider)
    assert replay.status_code == 400
    assert "already completed" in replay.get_json()["error"]["message"]


def test_a_callback_without_a_state_we_issued_is_refused_and_signs_nobody_in(
    client: flask.testing.FlaskClient, github: GitHubOAuth
) -> None:
    # Login CSRF: the attacker consents with their own account and hands the victim the link.
    url = f"{github.authorize_url}?" + urllib.parse.urlencode(
        {"client_id": github.client_id, "redirect_uri": backend_callback("github"), "state": "x.provider=github"}
    )
    attacker_link = follow_consent(url)
    for link in (
        attacker_link,
        attacker_link.split("&state=")[0],
        attacker_link.replace("x.provider", "A" * 43 + ".provider"),
    ):
        refused = at_backend(client, link)
        assert refused.status_code == 400, link
        assert "Location" not in refused.headers
    assert _no_users()


def test_a_state_is_bound_to_its_provider(client: flask.testing.FlaskClient, google: GoogleOAuth) -> None:
    github_state = query_of(start(client, "github"))["state"]
    code = google.issue_code(backend_callback("google"))
    moved = github_state.replace("provider=github", "provider=google")
    for state in (github_state, moved):
        response = client.get("/api/v1/auth/oauth2/callback/google", query_string={"code": code, "state": state})
        assert response.status_code == 400
    assert _no_users()


def test_a_one_time_code_is_bound_to_the_redirect_uri_it_was_issued_for(
    client: flask.testing.FlaskClient, env: Env
) -> None:
    env.set(KLEPAAS_AUTH_REDIRECT_URIS=f"{CALLBACK},{OTHER_CALLBACK}")
    console = to_console(client, "github")
    status, body = redeem(client, "github", console["code"], redirect_uri=OTHER_CALLBACK)
    assert status == 400 and "for another page" in body["message"]
    assert redeem(client, "github", console["code"])[0] == 400  # a refused try burns it too
    assert _no_users()


def test_a_one_time_code_is_bound_to_its_provider(client: flask.testing.FlaskClient) -> None:
    console = to_console(client, "github")
    assert redeem(client, "google", console["code"])[0] == 400
    assert _no_users()


def test_a_replayed_one_time_code_is_refused(client: flask.testing.FlaskClient) -> None:
    console = to_console(client, "github")
    assert redeem(client, "github", console["code"])[0] == 200
    status, body = redeem(client, "github", console["code"])
    assert status == 400 and body["success"] is False and "access_token" not in body


def test_an_expired_one_time_code_is_refused(
    client: flask.testing.FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    console = to_console(client, "github")
    issued_at = flow._now()
    monkeypatch.setattr(flow, "_now", lambda: issued_at + flow.CODE_TTL_S + 1)
    assert redeem(client, "github", console["code"])[0] == 400
    assert _no_users()


def test_the_authorization_request_carries_an_s256_challenge_of_a_verifier_sent_only_to_the_provider(
    client: flask.testing.FlaskClient, github: GitHubOAuth
) -> None:
    from authlib.oauth2.rfc7636 import create_s256_code_challenge

    auth_url = start(client, "github")
    query = query_of(auth_url)
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert "code_verifier" not in auth_url
    at_backend(client, follow_consent(auth_url))
    sent = next(r for r in github.requests if r.path == "/login/oauth/access_token")
    assert create_s256_code_challenge(sent.form["code_verifier"]) == query["code_challenge"]


@pytest.mark.parametrize("challenge", ["", "some-other-challenge-of-the-attackers-own-request-0123456"])
def test_a_code_injected_from_another_authorization_request_fails_pkce(
    client: flask.testing.FlaskClient, github: GitHubOAuth, challenge: str
) -> None:
    # The attacker's own code (no PKCE, or their own challenge) put on the victim's callback with
    # the victim's state: our verifier does not fit it, so the provider refuses the exchange.
    stolen = github.issue_code(backend_callback("github"), code_challenge=challenge)
    state = query_of(start(client, "github"))["state"]
    back = at_backend(client, f"{backend_callback('github')}?code={stolen}&state={state}")
    console = query_of(back.headers["Location"])
    assert "code" not in console and "bad_verification_code" in console["error"]
    assert _no_users()


def test_the_stand_in_refuses_an_exchange_without_the_verifier(github: GitHubOAuth, google: GoogleOAuth) -> None:
    import httpx

    for stand_in, token_url in ((github, github.token_url), (google, google.token_url)):
        redirect = stand_in.redirect_uris[0]
        code = stand_in.issue_code(redirect, code_challenge="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect,
            "client_id": stand_in.client_id,
            "client_secret": stand_in.client_secret,
        }
        answer = httpx.post(token_url, data=form, headers={"Accept": "application/json"}).json()
        assert "access_token" not in answer and answer["error"] in {"invalid_grant", "bad_verification_code"}


def test_a_denied_consent_goes_back_to_the_console_as_an_error(client: flask.testing.FlaskClient) -> None:
    state = query_of(start(client, "google"))["state"]
    back = client.get(
        "/api/v1/auth/oauth2/callback/google", query_string={"error": "access_denied<script>", "state": state}
    )
    console = query_of(back.headers["Location"])
    assert console["error"] == "access_denied" and "code" not in console
    assert console["state"].split("provider=")[1] == "google"


def test_another_page_of_this_server_signs_a_user_in_with_begin_and_redeem(github: GitHubOAuth) -> None:
    page = f"{BACKEND}/oauth/consent?request=abc"
    back = query_of(follow_consent(login.begin("github", page)))
    location = login.finish("github", back)
    assert location.startswith(page + "&code=kl_")
    user = login.redeem(query_of(location)["code"], "github", page)
    assert user["id"] == "github:583231"


@pytest.mark.parametrize(
    "elsewhere",
    ["https://evil.example/oauth/consent", "http://127.0.0.1:8080.evil.example/x", "http://127.0.0.1:9999/x", "//evil"],
)
def test_begin_refuses_pages_elsewhere(elsewhere: str) -> None:
    with pytest.raises(flow.BadRequest):
        login.begin("github", elsewhere)
