"""The Slack stand-in through slack_sdk's WebClient answers as Slack's method reference says."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from klepaas_fakes.slack import FakeSlack, slack_server

REDIRECT = "https://api.klepaas.test/api/v1/slack/auth/callback"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with slack_server() as fake:
        yield fake


def error_of(call: object) -> str:
    try:
        call()  # type: ignore[operator]
    except SlackApiError as exc:
        return str(exc.response["error"])
    raise AssertionError("Slack accepted the call")


def test_a_call_without_a_token_is_not_authed_and_a_wrong_one_invalid_auth(slack: FakeSlack) -> None:
    assert error_of(lambda: WebClient(base_url=slack.api_url).auth_test()) == "not_authed"
    assert error_of(lambda: WebClient("xoxb-wrong", base_url=slack.api_url).auth_test()) == "invalid_auth"


def test_auth_test_names_the_bot_user_and_bot(slack: FakeSlack) -> None:
    answer = WebClient("xoxb-test-token", base_url=slack.api_url).auth_test()
    assert answer["user"] and answer["user_id"] == "UBOT" and answer["bot_id"] == "B000" and answer["team_id"]


def test_chat_update_answers_the_updated_message(slack: FakeSlack) -> None:
    client = WebClient("xoxb-test-token", base_url=slack.api_url)
    posted = client.chat_postMessage(channel="C1", text="before")
    assert posted["message"]["text"] == "before" and posted["message"]["ts"] == posted["ts"]
    updated = client.chat_update(channel="C1", ts=posted["ts"], text="after")
    assert updated["text"] == "after" and updated["message"]["text"] == "after" and updated["message"]["bot_id"]


def test_oauth_access_needs_the_redirect_uri_the_authorization_was_sent_with(slack: FakeSlack) -> None:
    client = WebClient(base_url=slack.api_url)
    grant = {"access_token": "xoxb-new", "team": {"id": "T000"}, "redirect_uri": REDIRECT}
    secrets = {"client_id": "cid-1", "client_secret": "csecret-1"}
    slack.state.oauth_codes["c1"] = dict(grant)
    assert error_of(lambda: client.oauth_v2_access(**secrets, code="c1", redirect_uri="https://evil.test/cb")) == (
        "bad_redirect_uri"
    )
    slack.state.oauth_codes["c2"] = dict(grant)
    assert error_of(lambda: client.oauth_v2_access(**secrets, code="c2")) == "bad_redirect_uri"
    slack.state.oauth_codes["c3"] = dict(grant)
    answer = client.oauth_v2_access(**secrets, code="c3", redirect_uri=REDIRECT)
    assert answer["access_token"] == "xoxb-new" and "redirect_uri" not in answer.data  # type: ignore[operator]


def test_a_response_url_shows_ephemerals_to_its_user_edits_on_replace_and_is_used_up_after_5(slack: FakeSlack) -> None:
    from slack_sdk.webhook import WebhookClient

    posted = WebClient("xoxb-test-token", base_url=slack.api_url).chat_postMessage(channel="C1", text="pressed")
    url = slack.response_url("U1", "C1", posted["ts"])
    client = WebhookClient(url)
    assert client.send(text="only you", response_type="ephemeral", replace_original=False).status_code == 200
    assert slack.told("U1") == ["only you"] and slack.told("U2") == [] and len(slack.posts("C1")) == 1
    assert client.send(text="edited", replace_original=True).status_code == 200
    assert [m.text for m in slack.posts("C1")] == ["edited"]
    assert client.send(text="new in channel").status_code == 200
    assert [m.text for m in slack.posts("C1")] == ["edited", "new in channel"]
    assert client.send(blocks=[]).status_code == 400  # neither text nor blocks
    form = urllib.request.Request(url, data=b"text=form", headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(form)
    assert (refused.value.code, refused.value.read()) == (400, b"invalid_payload")  # a response_url takes JSON only
    assert client.send(text="4").status_code == 200 and client.send(text="5").status_code == 200
    used = client.send(text="6", response_type="ephemeral")
    assert (used.status_code, used.body) == (404, "used_url") and slack.told("U1") == ["only you"]
    stranger = WebhookClient(slack.url + "/actions/T000/999/forged").send(text="x")
    assert (stranger.status_code, stranger.body) == (404, "expired_url")
    slack.state.response_urls[slack.response_url("U1").removeprefix(slack.url)].expires = 0.0
    expired = WebhookClient(slack.url + next(reversed(slack.state.response_urls))).send(text="late")
    assert (expired.status_code, expired.body) == (404, "expired_url")
