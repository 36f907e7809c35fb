from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klepaas_nlp.intents import (
    INTENT_POLICIES,
    MUTATING_INTENTS,
    CommandValidationError,
    Intent,
    Interpretation,
    RiskLevel,
    validate_args,
    validate_interpretation,
)

REPO = {"github_owner": "K-Le-PaaS", "github_repo": "test01"}


def test_every_intent_has_a_policy_and_only_mutations_need_confirmation() -> None:
    assert set(INTENT_POLICIES) == set(Intent)
    assert {Intent.DEPLOY, Intent.SCALE, Intent.RESTART, Intent.ROLLBACK} == MUTATING_INTENTS
    for intent, policy in INTENT_POLICIES.items():
        if intent in MUTATING_INTENTS:
            assert policy.risk in {RiskLevel.MEDIUM, RiskLevel.HIGH}
        else:
            assert policy.risk is RiskLevel.LOW
            assert not policy.requires_confirmation


def test_rollback_is_high_risk_with_strict_confirmation() -> None:
    policy = INTENT_POLICIES[Intent.ROLLBACK]
    assert policy.risk is RiskLevel.HIGH
    assert policy.requires_confirmation and policy.strict_confirmation


def test_risk_levels_are_uppercase_strings() -> None:
    assert [level.value for level in RiskLevel] == ["LOW", "MEDIUM", "HIGH", "CRITICAL"]


def test_interpretation_has_exactly_the_dry_run_fields() -> None:
    assert list(Interpretation.model_fields) == [
        "intent",
        "args",
        "missing",
        "confidence",
        "risk_level",
        "requires_confirmation",
        "refused",
        "source",
        "suggestions",
    ]


@pytest.mark.parametrize(
    ("intent", "args", "expected"),
    [
        (
            Intent.DEPLOY,
            {"app_name": "Web-App", "environment": "스테이징"},
            {"app_name": "web-app", "environment": "staging"},
        ),
        (Intent.DEPLOY, {**REPO, "environment": "prod"}, {**REPO, "environment": "production"}),
        (Intent.DEPLOY, {**REPO, "environment": "운영"}, {**REPO, "environment": "production"}),
        (Intent.DEPLOY, {**REPO, "environment": "개발"}, {**REPO, "environment": "development"}),
        (Intent.DEPLOY, {**REPO, "branch": "feature/Login-2"}, {**REPO, "branch": "feature/Login-2"}),
        (
            Intent.DEPLOY,
            {**REPO, "image": "ghcr.io/k-le-paas/web:v2"},
            {**REPO, "image": "ghcr.io/k-le-paas/web:v2"},
        ),
        (Intent.SCALE, {**REPO, "replicas": 0}, {**REPO, "replicas": 0}),
        (Intent.SCALE, {**REPO, "replicas": 10}, {**REPO, "replicas": 10}),
        (Intent.ROLLBACK, {**REPO, "target_commit_sha": "A1B2C3D"}, {**REPO, "target_commit_sha": "a1b2c3d"}),
        (Intent.ROLLBACK, {**REPO, "steps_back": 10}, {**REPO, "steps_back": 10}),
        (Intent.DEPLOY, {"github_owner": "K-Le-PaaS", "github_repo": "test01.git"}, REPO),
        (Intent.LIST_PODS, {"namespace": "Kube-System"}, {"namespace": "kube-system"}),
        (
            Intent.LOGS,
            {"pod_name": "nginx-7d9f8.abc", "lines": 100, "previous": True},
            {"pod_name": "nginx-7d9f8.abc", "lines": 100, "previous": True},
        ),
        (
            Intent.STATUS,
            {"resource_type": "파드", "pod_name": "nginx"},
            {"resource_type": "pod", "pod_name": "nginx"},
        ),
        (Intent.COST_ANALYSIS, {"analysis_type": "최적화"}, {"analysis_type": "optimization"}),
        ("scale", {**REPO, "replicas": 3}, {**REPO, "replicas": 3}),
    ],
)
def test_valid_arguments_are_normalised(intent: Intent | str, args: dict[str, Any], expected: dict[str, Any]) -> None:
    assert validate_args(intent, args) == expected


def test_repository_names_keep_their_case() -> None:
    assert validate_args(Intent.DEPLOY, {"github_owner": "K-Le-PaaS", "github_repo": "Test01"}) == {
        "github_owner": "K-Le-PaaS",
        "github_repo": "Test01",
    }


def test_replicas_beyond_the_policy_maximum_are_rejected_with_a_clear_message() -> None:
    with pytest.raises(CommandValidationError) as caught:
        validate_args(Intent.SCALE, {**REPO, "replicas": 11})
    assert caught.value.field == "replicas"
    assert "최대 10개" in caught.value.message_ko
    assert "limited to 10" in caught.value.message_en


def test_policy_maximum_is_a_parameter() -> None:
    assert validate_args(Intent.SCALE, {**REPO, "replicas": 15}, max_replicas=20)["replicas"] == 15
    with pytest.raises(CommandValidationError):
        validate_args(Intent.SCALE, {**REPO, "replicas": 3}, max_replicas=2)


@pytest.mark.parametrize(
    ("intent", "args", "field"),
    [
        (Intent.SCALE, {**REPO, "replicas": -1}, "replicas"),
        (Intent.SCALE, {**REPO, "replicas": True}, "replicas"),
        (Intent.SCALE, {**REPO, "replicas": "3"}, "replicas"),
        (Intent.SCALE, {**REPO, "replicas": 2.0}, "replicas"),
        (Intent.LOGS, {"pod_name": "nginx", "lines": 0}, "lines"),
        (Intent.LOGS, {"pod_name": "nginx", "lines": 101}, "lines"),
        (Intent.LOGS, {"pod_name": "nginx", "previous": "yes"}, "previous"),
        (Intent.ROLLBACK, {**REPO, "steps_back": 0}, "steps_back"),
        (Intent.ROLLBACK, {**REPO, "steps_back": 11}, "steps_back"),
        (Intent.ROLLBACK, {**REPO, "target_commit_sha": "a1b2c3"}, "target_commit_sha"),
        (Intent.ROLLBACK, {**REPO, "target_commit_sha": "a" * 41}, "target_commit_sha"),
        (Intent.ROLLBACK, {**REPO, "target_commit_sha": "g1b2c3d"}, "target_commit_sha"),
        (Intent.ROLLBACK, {**REPO, "target_commit_sha": "a1b2c3d", "steps_back": 2}, "steps_back"),
        (Intent.DEPLOY, {**REPO, "environment": "qa"}, "environment"),
        (Intent.DEPLOY, {**REPO, "branch": "../etc"}, "branch"),
        (Intent.DEPLOY, {**REPO, "branch": "-rf"}, "branch"),
        (Intent.DEPLOY, {"app_name": "my_app"}, "app_name"),
        (Intent.DEPLOY, {"app_name": "-web"}, "app_name"),
        (Intent.DEPLOY, {"app_name": "a" * 64}, "app_name"),
        (Intent.DEPLOY, {"app_name": ""}, "app_name"),
        (Intent.DEPLOY, {"app_name": 42}, "app_name"),
        (Intent.DEPLOY, {"github_owner": "K-Le-PaaS"}, "github_repo"),
        (Intent.DEPLOY, {"github_owner": "-bad-", "github_repo": "x"}, "github_owner"),
        (Intent.GET_SERVICE, {"service_name": "1nginx"}, "service_name"),
        (Intent.STATUS, {"pod_name": "a", "service_name": "b"}, "service_name"),
        (Intent.STATUS, {"resource_type": "service", "pod_name": "a"}, "pod_name"),
        (Intent.STATUS, {"resource_type": "node"}, "resource_type"),
        (Intent.COST_ANALYSIS, {"analysis_type": "everything"}, "analysis_type"),
        (Intent.LIST_PODS, {"namespace": "Bad Namespace"}, "namespace"),
    ],
)
def test_bad_values_are_rejected(intent: Intent, args: dict[str, Any], field: str) -> None:
    with pytest.raises(CommandValidationError) as caught:
        validate_args(intent, args)
    assert caught.value.field == field
    assert caught.value.message_ko and caught.value.message_en


@pytest.mark.parametrize(
    ("intent", "args"),
    [
        (Intent.RESTART, {**REPO, "replicas": 3}),
        (Intent.LIST_INGRESSES, {"namespace": "default"}),
        (Intent.UNKNOWN, {"app_name": "web"}),
        (Intent.DEPLOY, {**REPO, "command": "rm -rf /"}),
        (Intent.SCALE, {**REPO, "replicas": 2, "force": True}),
    ],
)
def test_argument_names_outside_the_intent_are_rejected(intent: Intent, args: dict[str, Any]) -> None:
    with pytest.raises(CommandValidationError):
        validate_args(intent, args)


@pytest.mark.parametrize("intent", ["delete_namespace", "exec", "shell", "", "SCALE_ALL", 3, None])
def test_intents_outside_the_closed_set_are_rejected(intent: object) -> None:
    with pytest.raises(CommandValidationError) as caught:
        validate_args(intent, {})  # type: ignore[arg-type]
    assert caught.value.field == "intent"


def _model_answer(**overrides: Any) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "intent": "scale",
        "args": {**REPO, "replicas": 3},
        "missing": [],
        "confidence": 0.92,
        "risk_level": "MEDIUM",
        "requires_confirmation": True,
        "refused": None,
        "source": "claude",
        "suggestions": [],
    }
    answer.update(overrides)
    return answer


def test_a_valid_model_answer_is_accepted() -> None:
    interpretation = validate_interpretation(_model_answer())
    assert interpretation.intent is Intent.SCALE
    assert interpretation.args == {**REPO, "replicas": 3}
    assert interpretation.source == "claude"


def test_a_model_answer_cannot_lower_risk_or_skip_confirmation() -> None:
    answer = _model_answer(
        intent="rollback", args={**REPO, "steps_back": 1}, risk_level="LOW", requires_confirmation=False
    )
    interpretation = validate_interpretation(answer)
    assert interpretation.risk_level is RiskLevel.HIGH
    assert interpretation.requires_confirmation


def test_a_model_answer_missing_a_target_is_recomputed_as_a_question() -> None:
    interpretation = validate_interpretation(_model_answer(args={"replicas": 3}, missing=[]))
    assert interpretation.missing == ["target"]
    assert not interpretation.requires_confirmation


@pytest.mark.parametrize(
    "overrides",
    [
        {"intent": "delete_app"},
        {"args": [["replicas", 3]]},
        {"args": {**REPO, "replicas": "3"}},
        {"args": {**REPO, "replicas": 500}},
        {"args": {**REPO, "replicas": 3, "shell": "bash"}},
        {"confidence": 1.5},
        {"confidence": "high"},
        {"source": "llama"},
        {"risk_level": "low"},
        {"suggestions": "try again"},
        {"tool_call": "kubectl delete ns default"},
    ],
)
def test_malformed_model_answers_are_rejected(overrides: dict[str, Any]) -> None:
    with pytest.raises(CommandValidationError):
        validate_interpretation(_model_answer(**overrides))


_JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3),
    max_leaves=8,
)
_ARG_NAMES = st.sampled_from(
    ["app_name", "github_owner", "github_repo", "replicas", "namespace", "lines", "steps_back", "shell", "x"]
)


@settings(max_examples=300, deadline=None)
@given(
    intent=st.sampled_from([intent.value for intent in Intent]) | st.text(max_size=15),
    args=st.dictionaries(_ARG_NAMES, _JSON_VALUES, max_size=4),
    confidence=_JSON_SCALARS,
)
def test_model_junk_is_either_a_valid_closed_interpretation_or_a_validation_error(
    intent: str, args: dict[str, Any], confidence: object
) -> None:
    answer = _model_answer(intent=intent, args=args, confidence=confidence)
    try:
        interpretation = validate_interpretation(answer)
    except CommandValidationError:
        return
    policy = INTENT_POLICIES[interpretation.intent]
    assert set(interpretation.args) <= policy.allowed_args
    assert interpretation.risk_level is policy.risk


@pytest.mark.parametrize(
    ("intent", "args", "expected"),
    [
        (Intent.RESTART, {"app_name": "node.js"}, "'node.js'는 올바른 쿠버네티스 이름이"),
        (Intent.RESTART, {"app_name": "web_app"}, "'web_app'은 올바른 쿠버네티스 이름이"),
        (Intent.ROLLBACK, {**REPO, "target_commit_sha": "xyz123"}, "'xyz123'은 올바른 커밋 SHA가"),
        (
            Intent.STATUS,
            {"pod_name": "web", "resource_type": "service"},
            "pod_name은 리소스 종류 service와 맞지 않습니다",
        ),
    ],
)
def test_korean_messages_take_the_particle_their_word_asks_for(
    intent: Intent, args: dict[str, object], expected: str
) -> None:
    with pytest.raises(CommandValidationError) as caught:
        validate_args(intent, args)
    assert expected in caught.value.message_ko
    assert "(는)" not in caught.value.message_ko and "(가)" not in caught.value.message_ko
