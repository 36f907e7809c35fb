"""Developers without an invitation at the deploy function's doors (deploy, scale, restart, roll
back): :mod:`klepaas_shared.github_access`, asking GitHub through this function's App (PyGithub)."""

from __future__ import annotations

from klepaas_shared import github_access
from klepaas_shared.auth import Principal
from klepaas_shared.errors import UpstreamError
from klepaas_shared.github_app import installation_tokens
from klepaas_shared.projects import Project, Role

from ..settings import DeploySettings


def _permission(app_id: str, key: str, api_url: str, owner: str, repo: str, account_id: int) -> str:
    from github import GithubException
    from requests.exceptions import RequestException

    # The App's one installation-token cache (klepaas_shared.github_app): one integration per
    # instance, and an installation token fetched once an hour, not once per permission lookup.
    tokens = installation_tokens(app_id, key, api_url)
    try:
        try:
            installation = tokens.integration().get_repo_installation(owner, repo)
        except GithubException as exc:
            if exc.status == 404:
                return "none"  # the App is not installed there: GitHub vouches for nobody
            raise
        gh = tokens.client(installation.id)
        login = gh.get_user_by_id(account_id).login
        return str(gh.get_repo(f"{owner}/{repo}").get_collaborator_permission(login))
    except GithubException as exc:
        if exc.status == 404:
            return "none"
        raise UpstreamError(f"GitHub did not say who may push to {owner}/{repo} ({exc.status})") from None
    except RequestException:
        raise UpstreamError(f"GitHub could not be reached for {owner}/{repo}") from None


def implied_role(settings: DeploySettings, who: Principal, project: Project | None) -> Role | None:
    """DEVELOPER when ``who``'s GitHub account may push to the project's repository, else None."""
    key = settings.github_app_private_key.get_secret_value()
    if not (settings.github_app_id and key):
        return None

    def lookup(owner: str, repo: str, account_id: int) -> str:
        return _permission(settings.github_app_id, key, settings.github_api_url, owner, repo, account_id)

    return github_access.implied_role(who, project, lookup, settings.github_permission_cache_s)
