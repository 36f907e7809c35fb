"""The commit a deploy without one will build: its branch's head, as GitHub has it.

A push or the console's manual deploy (webhook function) carries the commit; a deploy asked for
in the chat or over MCP names only the repository and the branch. Without this the history held
just the sha the build resolved, and the console showed "Initial deployment", "System" and
"메시지 없음" where it reads the commit's message and author (FRONTEND_API D2, D6, K1). Asked
through this function's App and its hourly installation-token cache; when GitHub cannot say
(no App, not installed, unreachable), the deploy goes on as before and the build resolves the head.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from klepaas_shared.contracts import Commit
from klepaas_shared.errors import KlepaasError
from klepaas_shared.github_app import installation_tokens
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.text import particle

from ..settings import DeploySettings

log = get_logger("deploy.commits")


def head_commit(settings: DeploySettings, owner: str, repo: str, ref: str) -> Commit | None:
    """``ref``'s commit (sha, message, author, link), or None when GitHub cannot say."""
    key = settings.github_app_private_key.get_secret_value()
    if not (settings.github_app_id and key and ref):
        return None
    from github import GithubException
    from requests.exceptions import RequestException

    tokens = installation_tokens(settings.github_app_id, key, settings.github_api_url)
    try:
        installation = tokens.integration().get_repo_installation(owner, repo)
        found = tokens.client(installation.id).get_repo(f"{owner}/{repo}").get_commit(ref)
        author = found.author.login if found.author else found.commit.author.name
        return Commit(sha=found.sha, message=found.commit.message, author=author or "", url=found.html_url or "")
    except (GithubException, RequestException, KlepaasError) as exc:
        log.info("commit not read", extra=log_fields(repository=f"{owner}/{repo}", reason=type(exc).__name__))
        return None


# A deploy question waits on this check: GitHub gets this long, in all, to say (else nothing is said).
CHECK_BUDGET_S = 3.0
_checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="github-check")


def missing_source(settings: DeploySettings, owner: str, repo: str, ref: str) -> tuple[str, str] | None:
    """Why ``owner/repo`` at ``ref`` cannot be built, in English and Korean, when GitHub says so (the
    App is not installed on it, it does not exist, or it has no such branch or commit); None when it
    can be, or when GitHub cannot say within CHECK_BUDGET_S (no App, unreachable, slow): a deploy is
    never refused on a guess, and a question never waits on GitHub longer than that."""
    key = settings.github_app_private_key.get_secret_value()
    if not (settings.github_app_id and key and ref):
        return None
    asked = _checks.submit(_ask_github, settings.github_app_id, key, settings.github_api_url, owner, repo, ref)
    try:
        return asked.result(timeout=CHECK_BUDGET_S)
    except FutureTimeout:
        log.info("source not checked in time", extra=log_fields(repository=f"{owner}/{repo}"))
        return None


def _ask_github(app_id: str, key: str, api_url: str, owner: str, repo: str, ref: str) -> tuple[str, str] | None:
    from github import GithubException
    from requests.exceptions import RequestException

    tokens = installation_tokens(app_id, key, api_url, timeout_s=CHECK_BUDGET_S)
    repository = f"{owner}/{repo}"
    try:
        installation = tokens.integration().get_repo_installation(owner, repo)
    except GithubException as exc:
        if exc.status == 404:
            return (
                f"{repository} was not found, or the K-Le-PaaS GitHub App is not installed on it",
                f"{particle(repository, '을')} 찾을 수 없거나 K-Le-PaaS GitHub App이 설치되어 있지 않습니다",
            )
        return None
    except (RequestException, KlepaasError):
        return None
    try:
        # get_commit answers a lazy object: reading its git commit is what asks GitHub.
        tokens.client(installation.id).get_repo(repository).get_commit(ref).commit.message  # noqa: B018
    except GithubException as exc:
        if exc.status in (404, 422):
            return (
                f"{repository} has no branch or commit named {ref}",
                f"{repository}에는 {ref} 브랜치나 커밋이 없습니다",
            )
        return None
    except (RequestException, KlepaasError):
        return None
    return None
