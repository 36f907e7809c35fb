"""A person at the login and consent page, over plain HTTP: read the form, fill it in, submit it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", "")))
        elif self.forms and tag == "input" and a.get("type") == "hidden":
            self.forms[-1].fields[a["name"]] = a.get("value", "")
        elif self.forms and tag == "button" and a.get("name"):
            self.forms[-1].buttons.append((a["name"], a.get("value", "")))


def forms(page: str) -> list[Form]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


@dataclass
class Outcome:
    location: str
    params: dict[str, str]
    consent_page: str


def sign_in_and_consent(
    authorization_url: str,
    username: str,
    password: str,
    *,
    approve: bool = True,
    language: str = "en",
    client: httpx.Client | None = None,
) -> Outcome:
    """Open the authorization URL, sign in as the admin, then allow (or deny); the redirect it ends in."""
    if client is None:
        with httpx.Client(follow_redirects=False, timeout=30, headers={"Accept-Language": language}) as http:
            return _walk(http, authorization_url, username, password, approve)
    return _walk(client, authorization_url, username, password, approve)


def _walk(http: httpx.Client, authorization_url: str, username: str, password: str, approve: bool) -> Outcome:
    page = http.get(authorization_url)
    assert page.status_code == 200, page.text
    login = next(f for f in forms(page.text) if f.fields.get("action") == "login")
    target = urljoin(authorization_url, login.action)
    consent = http.post(target, data={**login.fields, "username": username, "password": password})
    assert consent.status_code == 200, consent.text
    form = next(f for f in forms(consent.text) if "ticket" in f.fields)
    answer = http.post(target, data={**form.fields, "action": "approve" if approve else "deny"})
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    params = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    return Outcome(location, params, consent.text)
