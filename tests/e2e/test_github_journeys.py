"""Journey 17 (FRONTEND_API §5): the GitHub tab connects a repository and toggles auto-deploy."""

from __future__ import annotations

from typing import Any

from .conftest import Console
from .standins import GITHUB_TAB_REPO, OWNER

REPOSITORY = f"{OWNER}/{GITHUB_TAB_REPO}"


def _connected(console: Console) -> dict[str, Any]:
    body = console.ok(console.get("/api/v1/github/repositories/connected", t=1))
    items = body.get("repositories") or body.get("items")
    found: dict[str, Any] = next(i for i in items if (i.get("fullName") or i.get("github_full_name")) == REPOSITORY)
    return found


def test_journey_17_connect_toggle_auto_deploy_and_list_pull_requests(admin: Console) -> None:
    admin.ok(admin.post("/api/v1/projects/github/connect", {"owner": OWNER, "repo": GITHUB_TAB_REPO}))
    item = _connected(admin)
    integration = int(item["id"])  # parseInt in the panel
    assert item["name"] == GITHUB_TAB_REPO and item["branch"] == "main" and item["lastSync"]
    assert isinstance(item["autoDeployEnabled"], bool) and "webhookConfigured" in item

    for enabled in (False, True):
        toggled = admin.ok(
            admin.send(
                "PUT",
                f"/api/v1/github/webhook/{integration}",
                None,
                enabled=str(enabled).lower(),
                user_id=admin.user_id,
            )
        )
        assert toggled["status"] == "success" and toggled["auto_deploy_enabled"] is enabled
        assert _connected(admin)["autoDeployEnabled"] is enabled

    prs = admin.ok(admin.get("/api/v1/github/pull-requests", t=1, repository=REPOSITORY))
    pulls = [p for r in prs["repositories"] for p in r["pullRequests"]]
    assert pulls
    for pull in pulls:
        assert {"id", "number", "title", "status", "created_at", "ciStatus", "htmlUrl"} <= pull.keys()
        assert pull.get("author") or pull["user"]["login"]
        assert pull["head"]["ref"] and pull["base"]["ref"] and "merged_at" in pull


def test_journey_17_connect_without_the_app_is_401_with_the_text_the_panel_matches(admin: Console) -> None:
    answer = admin.post("/api/v1/projects/github/connect", {"owner": OWNER, "repo": "not-installed"})
    assert answer.status_code == 401
    assert "GitHub App이 레포지토리" in answer.text
