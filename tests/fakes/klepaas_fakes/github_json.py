"""The GitHub stand-in's resource representations, with every property GitHub's description
(npm ``@octokit/openapi``, see :mod:`.github_schema`) marks required.

Each builder takes the stand-in's API base (``api``) so every ``*_url`` points back at it, as
GitHub's point at ``https://api.github.com``. ``html_url``s point at ``https://github.com``.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

WEB = "https://github.com"
DOCS = "https://docs.github.com/rest"
CREATED = "2024-05-01T10:00:00Z"


def node_id(kind: str, number: int) -> str:
    return base64.b64encode(f"0:{kind}{number}".encode()).decode().rstrip("=")


def user_id(login: str) -> int:
    """A stable id per login (GitHub's ids are stable per account)."""
    return int(hashlib.sha256(login.lower().encode()).hexdigest()[:7], 16)


def user(api: str, login: str, kind: str = "User") -> dict[str, Any]:
    """A ``simple-user``."""
    uid = user_id(login)
    base = f"{api}/users/{login}"
    return {
        "login": login,
        "id": uid,
        "node_id": node_id("U", uid),
        "type": kind,
        "site_admin": False,
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "gravatar_id": "",
        "url": base,
        "html_url": f"{WEB}/{login}",
        "events_url": base + "/events{/privacy}",
        "followers_url": base + "/followers",
        "following_url": base + "/following{/other_user}",
        "gists_url": base + "/gists{/gist_id}",
        "organizations_url": base + "/orgs",
        "received_events_url": base + "/received_events",
        "repos_url": base + "/repos",
        "starred_url": base + "/starred{/owner}{/repo}",
        "subscriptions_url": base + "/subscriptions",
    }


def account(api: str, login: str, account_id: int) -> dict[str, Any]:
    """A ``simple-user`` whose id is a known account id (the stand-in's ``users``)."""
    return user(api, login) | {"id": account_id, "node_id": node_id("U", account_id)}


def public_user(api: str, login: str, account_id: int) -> dict[str, Any]:
    """A ``public-user``: what ``GET /user/{account_id}`` answers about someone else."""
    profile = {"name": None, "company": None, "blog": "", "location": None, "email": None, "hireable": None}
    counts = {"bio": None, "public_repos": 0, "public_gists": 0, "followers": 0, "following": 0}
    stamps = {"created_at": CREATED, "updated_at": CREATED, "user_view_type": "public"}
    return account(api, login, account_id) | profile | counts | stamps


def collaborator_permission(api: str, login: str, account_id: int, role: str) -> dict[str, Any]:
    """A ``repository-collaborator-permission``: ``permission`` is GitHub's legacy level (maintain
    reads as write, triage as read), ``role_name`` the role itself."""
    legacy = {"maintain": "write", "triage": "read"}.get(role, role)
    return {"permission": legacy, "role_name": role, "user": account(api, login, account_id) | {"role_name": role}}


def repository(api: str, repo: Any, *, full: bool = False) -> dict[str, Any]:
    """A ``repository`` (``full``: a ``full-repository``, what ``GET /repos/{o}/{r}`` answers)."""
    base = f"{api}/repos/{repo.full_name}"
    templated = {
        name: f"{base}/{path}"
        for name, path in {
            "archive_url": "{archive_format}{/ref}",
            "assignees_url": "assignees{/user}",
            "blobs_url": "git/blobs{/sha}",
            "branches_url": "branches{/branch}",
            "collaborators_url": "collaborators{/collaborator}",
            "comments_url": "comments{/number}",
            "commits_url": "commits{/sha}",
            "compare_url": "compare/{base}...{head}",
            "contents_url": "contents/{+path}",
            "git_commits_url": "git/commits{/sha}",
            "git_refs_url": "git/refs{/sha}",
            "git_tags_url": "git/tags{/sha}",
            "issue_comment_url": "issues/comments{/number}",
            "issue_events_url": "issues/events{/number}",
            "issues_url": "issues{/number}",
            "keys_url": "keys{/key_id}",
            "labels_url": "labels{/name}",
            "milestones_url": "milestones{/number}",
            "notifications_url": "notifications{?since,all,participating}",
            "pulls_url": "pulls{/number}",
            "releases_url": "releases{/id}",
            "statuses_url": "statuses/{sha}",
            "trees_url": "git/trees{/sha}",
            "contributors_url": "contributors",
            "deployments_url": "deployments",
            "downloads_url": "downloads",
            "events_url": "events",
            "forks_url": "forks",
            "hooks_url": "hooks",
            "languages_url": "languages",
            "merges_url": "merges",
            "stargazers_url": "stargazers",
            "subscribers_url": "subscribers",
            "subscription_url": "subscription",
            "tags_url": "tags",
            "teams_url": "teams",
        }.items()
    }
    body: dict[str, Any] = {
        "id": repo.id,
        "node_id": node_id("R", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": user(api, repo.owner, "Organization"),
        "private": repo.private,
        "description": None,
        "fork": False,
        "url": base,
        "html_url": f"{WEB}/{repo.full_name}",
        "clone_url": f"{WEB}/{repo.full_name}.git",
        "git_url": f"git://github.com/{repo.full_name}.git",
        "ssh_url": f"git@github.com:{repo.full_name}.git",
        "svn_url": f"{WEB}/{repo.full_name}",
        "mirror_url": None,
        "homepage": None,
        "language": None,
        "license": None,
        "default_branch": repo.default_branch,
        **dict.fromkeys(("forks", "forks_count", "open_issues", "open_issues_count", "size"), 0),
        **dict.fromkeys(("stargazers_count", "watchers", "watchers_count"), 0),
        **dict.fromkeys(("has_issues", "has_projects", "has_wiki", "has_downloads"), True),
        **dict.fromkeys(("has_pages", "has_discussions", "archived", "disabled"), False),
        "visibility": "private" if repo.private else "public",
        "pushed_at": CREATED,
        "created_at": CREATED,
        "updated_at": CREATED,
        **templated,
    }
    if full:
        body.update(network_count=0, subscribers_count=0)
    return body


def installation(api: str, installation_id: int, app_id: int, account: str) -> dict[str, Any]:
    """An ``installation`` of the App on ``account``'s repositories."""
    owner = user(api, account, "Organization")
    return {
        "id": installation_id,
        "app_id": app_id,
        "app_slug": "klepaas",
        "account": owner,
        "target_id": owner["id"],
        "target_type": "Organization",
        "single_file_name": None,
        "repository_selection": "selected",
        "access_tokens_url": f"{api}/app/installations/{installation_id}/access_tokens",
        "html_url": f"{WEB}/organizations/{account}/settings/installations/{installation_id}",
        "repositories_url": f"{api}/installation/repositories",
        "events": ["push", "pull_request", "deployment"],
        "permissions": {"contents": "write", "pull_requests": "write", "deployments": "write", "statuses": "read"},
        "created_at": CREATED,
        "updated_at": CREATED,
        "suspended_by": None,
        "suspended_at": None,
    }


def git_user(name: str, date: str) -> dict[str, Any]:
    return {"name": name, "email": f"{name}@users.noreply.github.com", "date": date}


def commit(api: str, repo: Any, sha: str, stored: dict[str, Any]) -> dict[str, Any]:
    """A ``commit`` (``GET /repos/{o}/{r}/commits/{ref}``)."""
    base = f"{api}/repos/{repo.full_name}"
    author, date = stored["author"], stored["date"]
    tree = hashlib.sha1(sha.encode()).hexdigest()
    return {
        "sha": sha,
        "node_id": node_id("C", int(sha[:7], 16)),
        "url": f"{base}/commits/{sha}",
        "html_url": f"{WEB}/{repo.full_name}/commit/{sha}",
        "comments_url": f"{base}/commits/{sha}/comments",
        "commit": {
            "url": f"{base}/git/commits/{sha}",
            "message": stored["message"],
            "author": git_user(author, date),
            "committer": git_user(author, date),
            "comment_count": 0,
            "tree": {"sha": tree, "url": f"{base}/git/trees/{tree}"},
        },
        "author": user(api, author),
        "committer": user(api, author),
        "parents": [
            {"sha": p, "url": f"{base}/commits/{p}", "html_url": f"{WEB}/{repo.full_name}/commit/{p}"}
            for p in stored.get("parents", [])
        ],
        "files": [],
        "stats": {"additions": 0, "deletions": 0, "total": 0},
    }


def git_commit(api: str, repo: Any, sha: str, stored: dict[str, Any]) -> dict[str, Any]:
    """The ``commit`` part of a ``file-commit`` (a git commit object)."""
    full = commit(api, repo, sha, stored)
    return {
        "sha": sha,
        "node_id": full["node_id"],
        "url": full["commit"]["url"],
        "html_url": full["html_url"],
        "author": full["commit"]["author"],
        "committer": full["commit"]["committer"],
        "message": stored["message"],
        "tree": full["commit"]["tree"],
        "parents": full["parents"],
        "verification": {
            "verified": False,
            "reason": "unsigned",
            "payload": None,
            "signature": None,
            "verified_at": None,
        },
    }


def commit_status(api: str, repo: Any, sha: str, stored: dict[str, Any], number: int) -> dict[str, Any]:
    """A ``simple-commit-status``; ``stored`` needs only ``state`` and ``context``."""
    status_id = int(stored.get("id", number))
    return {
        "id": status_id,
        "node_id": node_id("SC", status_id),
        "state": stored["state"],
        "context": stored.get("context", "default"),
        "description": stored.get("description"),
        "target_url": stored.get("target_url"),
        "avatar_url": None,
        "url": f"{api}/repos/{repo.full_name}/statuses/{sha}",
        "created_at": stored.get("created_at", CREATED),
        "updated_at": stored.get("created_at", CREATED),
    }


def check_run(api: str, repo: Any, sha: str, stored: dict[str, Any]) -> dict[str, Any]:
    """A ``check-run``; ``stored`` needs ``id``, ``name``, ``status`` and ``conclusion``."""
    run_id = int(stored["id"])
    done = stored["status"] == "completed"
    return {
        "id": run_id,
        "node_id": node_id("CR", run_id),
        "head_sha": sha,
        "name": stored["name"],
        "url": f"{api}/repos/{repo.full_name}/check-runs/{run_id}",
        "html_url": f"{WEB}/{repo.full_name}/runs/{run_id}",
        "details_url": f"{WEB}/{repo.full_name}/runs/{run_id}",
        "external_id": "",
        "status": stored["status"],
        "conclusion": stored.get("conclusion"),
        "started_at": CREATED,
        "completed_at": CREATED if done else None,
        "output": {
            "title": None,
            "summary": None,
            "text": None,
            "annotations_count": 0,
            "annotations_url": f"{api}/repos/{repo.full_name}/check-runs/{run_id}/annotations",
        },
        "check_suite": {"id": run_id},
        "app": None,
        "pull_requests": [],
    }


def pull(api: str, repo: Any, stored: dict[str, Any], repo_json: dict[str, Any]) -> dict[str, Any]:
    """A ``pull-request`` (a superset of ``pull-request-simple``, what listing answers)."""
    number = stored["number"]
    base = f"{api}/repos/{repo.full_name}"
    html = f"{WEB}/{repo.full_name}/pull/{number}"
    merged_at = stored.get("merged_at")

    def side(ref: str, sha: str) -> dict[str, Any]:
        return {"label": f"{repo.owner}:{ref}", "ref": ref, "sha": sha, "repo": repo_json, "user": repo_json["owner"]}

    links = {
        "self": f"{base}/pulls/{number}",
        "html": html,
        "issue": f"{base}/issues/{number}",
        "comments": f"{base}/issues/{number}/comments",
        "commits": f"{base}/pulls/{number}/commits",
        "review_comments": f"{base}/pulls/{number}/comments",
        "review_comment": f"{base}/pulls/comments{{/number}}",
        "statuses": f"{base}/statuses/{stored['head_sha']}",
    }
    created = stored.get("created_at", CREATED)
    return {
        "id": repo.id * 1000 + number,
        "node_id": node_id("PR", repo.id * 1000 + number),
        "number": number,
        "title": stored["title"],
        "body": stored.get("body"),
        "state": stored.get("state", "open"),
        "locked": False,
        "draft": False,
        "user": user(api, stored.get("author", "octocat")),
        "author_association": "MEMBER",
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "labels": [],
        "milestone": None,
        "auto_merge": None,
        "active_lock_reason": None,
        "url": links["self"],
        "html_url": html,
        "diff_url": html + ".diff",
        "patch_url": html + ".patch",
        "issue_url": links["issue"],
        "comments_url": links["comments"],
        "commits_url": links["commits"],
        "review_comments_url": links["review_comments"],
        "review_comment_url": links["review_comment"],
        "statuses_url": links["statuses"],
        "_links": {name: {"href": href} for name, href in links.items()},
        "created_at": created,
        "updated_at": stored.get("merged_at") or created,
        "closed_at": merged_at or stored.get("closed_at"),
        "merged_at": merged_at,
        "merge_commit_sha": None,
        "head": side(stored["head"], stored["head_sha"]),
        "base": side(stored["base"], stored.get("base_sha", "0" * 40)),
        "merged": merged_at is not None,
        "mergeable": None,
        "mergeable_state": "unknown",
        "merged_by": None,
        "maintainer_can_modify": False,
        "comments": 0,
        "review_comments": 0,
        "commits": 1,
        "additions": 0,
        "deletions": 0,
        "changed_files": 0,
    }


def deployment(api: str, repo: Any, deployment_id: int, body: dict[str, Any], sha: str, creator: str) -> dict[str, Any]:
    base = f"{api}/repos/{repo.full_name}"
    environment = body.get("environment", "production")
    return {
        "id": deployment_id,
        "node_id": node_id("DE", deployment_id),
        "url": f"{base}/deployments/{deployment_id}",
        "sha": sha,
        "ref": body["ref"],
        "task": body.get("task", "deploy"),
        "environment": environment,
        "original_environment": environment,
        "description": body.get("description") or "",
        "payload": body.get("payload", {}),
        "creator": user(api, creator, "Bot"),
        "transient_environment": bool(body.get("transient_environment", False)),
        "production_environment": bool(body.get("production_environment", environment == "production")),
        "created_at": CREATED,
        "updated_at": CREATED,
        "statuses_url": f"{base}/deployments/{deployment_id}/statuses",
        "repository_url": base,
    }


def deployment_status(
    api: str, repo: Any, deployment_id: int, status_id: int, body: dict[str, Any], creator: str, now: str
) -> dict[str, Any]:
    base = f"{api}/repos/{repo.full_name}"
    return {
        **body,
        "id": status_id,
        "node_id": node_id("DES", status_id),
        "state": body["state"],
        "creator": user(api, creator, "Bot"),
        "description": body.get("description") or "",
        "environment": body.get("environment", ""),
        "target_url": body.get("target_url") or body.get("log_url") or "",
        "log_url": body.get("log_url") or body.get("target_url") or "",
        "environment_url": body.get("environment_url") or "",
        "url": f"{base}/deployments/{deployment_id}/statuses/{status_id}",
        "deployment_url": f"{base}/deployments/{deployment_id}",
        "repository_url": base,
        "created_at": now,
        "updated_at": now,
    }


def content_file(api: str, repo: Any, path: str, text: str, blob: str, ref: str) -> dict[str, Any]:
    self_url = f"{api}/repos/{repo.full_name}/contents/{path}?ref={ref}"
    git_url = f"{api}/repos/{repo.full_name}/git/blobs/{blob}"
    html = f"{WEB}/{repo.full_name}/blob/{ref}/{path}"
    return {
        "type": "file",
        "encoding": "base64",
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": blob,
        "size": len(text.encode()),
        "content": base64.b64encode(text.encode()).decode(),
        "url": self_url,
        "git_url": git_url,
        "html_url": html,
        "download_url": f"https://raw.githubusercontent.com/{repo.full_name}/{ref}/{path}",
        "_links": {"self": self_url, "git": git_url, "html": html},
    }


def git_ref(api: str, repo: Any, branch: str, sha: str) -> dict[str, Any]:
    return {
        "ref": f"refs/heads/{branch}",
        "node_id": node_id("REF", int(sha[:7], 16)),
        "url": f"{api}/repos/{repo.full_name}/git/refs/heads/{branch}",
        "object": {"type": "commit", "sha": sha, "url": f"{api}/repos/{repo.full_name}/git/commits/{sha}"},
    }


def error(status: int, message: str, doc: str = "") -> dict[str, Any]:
    """A ``basic-error`` body, as GitHub sends with 401, 403, 404 and 409."""
    return {"message": message, "documentation_url": f"{DOCS}{doc}", "status": str(status)}


def validation_failed(resource: str, field: str, code: str, message: str = "", doc: str = "") -> dict[str, Any]:
    """A ``validation-error`` body (422)."""
    item = {"resource": resource, "field": field, "code": code}
    if message:
        item["message"] = message
    return {"message": "Validation Failed", "errors": [item], "documentation_url": f"{DOCS}{doc}", "status": "422"}
