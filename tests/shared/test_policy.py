"""The one policy: roles × actions, system namespaces, derived namespaces, four eyes, admin."""

from __future__ import annotations

import pytest

from klepaas_shared.auth import ADMIN_READ, ADMIN_WRITE, ALL_SCOPES, DEPLOY_EXECUTE, READ, Principal
from klepaas_shared.errors import BadRequest, Conflict, Forbidden
from klepaas_shared.namespaces import derive, is_system, validate_overrides
from klepaas_shared.policy import ROLE_NEEDED, Action, decide, enforce
from klepaas_shared.projects import Project, ProjectRepository, Role, checked_id, repository_id
from klepaas_shared.settings import CommonSettings
from klepaas_shared.store import get_store

SETTINGS = CommonSettings(namespaces={"production": "prod", "staging": "stage"}, system_namespaces="monitoring")
DEV_SCOPES = (READ, DEPLOY_EXECUTE)


def who(sub: str, *scopes: str) -> Principal:
    return Principal(sub=sub, scopes=frozenset(scopes or DEV_SCOPES))


def project(**members: str) -> Project:
    return Project(id="repo:acme~shop", kind="repository", name="acme/shop", owner="owner-1", members=members)


ROLES = [None, *Role]


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.label if r else "non-member")
def test_each_role_may_do_exactly_what_its_rank_allows(action: Action, role: Role | None) -> None:
    members = {"u": role.label} if role else {}
    decision = decide(who("u"), action, project(**members), environment="staging", settings=SETTINGS)
    expected = role is not None and role >= ROLE_NEEDED[action]
    assert decision.allowed is expected, decision.reason
    if not expected:
        assert decision.reason and decision.reason_ko  # a refusal says why, in English and Korean


@pytest.mark.parametrize("namespace", ["kube-system", "kube-public", "kube-node-lease", "klepaas-system", "monitoring"])
@pytest.mark.parametrize("action", sorted(set(Action) - {Action.READ}))
def test_no_one_changes_a_system_namespace_not_even_an_admin(namespace: str, action: Action) -> None:
    admin = who("root", *ALL_SCOPES)
    decision = decide(
        admin, action, project(root="owner"), environment="staging", namespace=namespace, settings=SETTINGS
    )
    assert decision.verdict == "deny" and "system namespace" in decision.reason


def test_reading_a_system_namespace_needs_admin_read() -> None:
    assert not decide(who("u", READ), Action.READ, None, namespace="kube-system", settings=SETTINGS).allowed
    assert decide(who("u", READ, ADMIN_READ), Action.READ, None, namespace="kube-system", settings=SETTINGS).allowed
    assert decide(who("u", READ), Action.READ, None, namespace="team-a", settings=SETTINGS).allowed


def test_a_mutation_naming_another_namespace_than_the_derived_one_is_refused() -> None:
    member = project(u="developer")
    assert decide(who("u"), Action.SCALE, member, environment="staging", namespace="stage", settings=SETTINGS).allowed
    refused = decide(who("u"), Action.SCALE, member, environment="staging", namespace="team-b", settings=SETTINGS)
    assert refused.verdict == "deny" and "stage" in refused.reason
    overridden = member.model_copy(update={"namespaces": {"staging": "shop-staging"}})
    assert derive(overridden, "staging", SETTINGS) == "shop-staging" and derive(member, "staging", SETTINGS) == "stage"
    assert decide(
        who("u"), Action.SCALE, overridden, environment="staging", namespace="shop-staging", settings=SETTINGS
    ).allowed


def test_mutations_in_protected_environments_need_an_approval_even_for_admins() -> None:
    for principal, member in ((who("u"), project(u="developer")), (who("root", *ALL_SCOPES), project())):
        for action in (Action.DEPLOY, Action.SCALE, Action.RESTART, Action.ROLLBACK):
            assert (
                decide(principal, action, member, environment="production", settings=SETTINGS).verdict
                == "needs_approval"
            )
    custom = project(u="developer").model_copy(update={"protected_environments": ["staging"]})
    assert decide(who("u"), Action.DEPLOY, custom, environment="staging", settings=SETTINGS).verdict == "needs_approval"
    assert decide(who("u"), Action.DEPLOY, custom, environment="production", settings=SETTINGS).verdict == "allow"


def test_the_requester_never_approves_their_own_operation() -> None:
    member = project(u="approver", v="approver")
    assert decide(who("u"), Action.APPROVE, member, requested_by="u", settings=SETTINGS).verdict == "deny"
    assert (
        decide(who("root", *ALL_SCOPES), Action.APPROVE, member, requested_by="root", settings=SETTINGS).verdict
        == "deny"
    )
    assert decide(who("v"), Action.APPROVE, member, requested_by="u", settings=SETTINGS).allowed


def test_admin_write_may_do_anything_else_and_is_audited() -> None:
    admin = who("root", READ, DEPLOY_EXECUTE, ADMIN_WRITE)
    decision = enforce(get_store(), admin, Action.MANAGE, project(), target="repo:acme~shop", source="test")
    assert decision.allowed and decision.admin_override
    [record] = [d.data for d in get_store().query("audit")]
    assert (record["actor"], record["result"], record["action"]) == ("root", "admin_override", "policy.manage")


def test_a_refusal_is_a_403_with_both_languages_and_is_audited() -> None:
    with pytest.raises(Forbidden) as refused:
        enforce(
            get_store(), who("u"), Action.DEPLOY, project(), target="acme/shop", source="test", environment="staging"
        )
    assert "not a member" in refused.value.message and "구성원" in refused.value.message
    [record] = [d.data for d in get_store().query("audit")]
    assert record["result"] == "denied" and record["details"]["project"] == "repo:acme~shop"


def test_a_token_without_the_scope_is_refused_whatever_the_role() -> None:
    assert not decide(
        who("u", READ), Action.DEPLOY, project(u="owner"), environment="staging", settings=SETTINGS
    ).allowed


def test_only_connect_and_reads_pass_without_a_project() -> None:
    assert decide(who("u"), Action.CONNECT, None, settings=SETTINGS).allowed
    assert decide(who("u"), Action.READ, None, settings=SETTINGS).allowed
    assert not decide(who("u"), Action.DEPLOY, None, environment="staging", settings=SETTINGS).allowed


def test_a_project_is_claimed_once_and_keeps_an_owner() -> None:
    projects = ProjectRepository(get_store())
    first, created = projects.claim(repository_id("Acme", "Shop"), "repository", "Acme/Shop", "alice")
    again, created_again = projects.claim(repository_id("acme", "shop"), "repository", "acme/shop", "mallory")
    assert created and not created_again and again.owner == "alice" and again.role_of("mallory") is None
    projects.set_role(first.id, "bob", Role.APPROVER)
    assert [p.id for p in projects.of_member("bob")] == ["repo:acme~shop"]
    with pytest.raises(Conflict):
        projects.remove_member(first.id, "alice")
    projects.set_role(first.id, "bob", Role.OWNER)
    assert projects.remove_member(first.id, "alice").owners() == ["bob"]
    assert projects.of_member("alice") == []


@pytest.mark.parametrize("raw", ["repo:acme/shop", "app:Bad", "repo:a~b~c", "x" * 300, "../etc"])
def test_project_ids_from_requests_are_checked(raw: str) -> None:
    with pytest.raises(BadRequest):
        checked_id(raw)


def test_namespace_overrides_are_validated() -> None:
    environments = ("staging", "production")
    assert validate_overrides({"staging": "shop-stg"}, environments, SETTINGS) == {"staging": "shop-stg"}
    for bad in ({"staging": "kube-system"}, {"staging": "Monitoring"}, {"qa": "x"}, {"staging": "monitoring"}):
        with pytest.raises(BadRequest):
            validate_overrides(bad, environments, SETTINGS)
    assert is_system("kube-anything", SETTINGS) and not is_system("shop", SETTINGS)
