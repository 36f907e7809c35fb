"""Settings fail fast with the variable's name and the expected form; secrets never print."""

from __future__ import annotations

import pytest
from pydantic import Field

from klepaas_fakes.env import reset_caches
from klepaas_shared.errors import ConfigError
from klepaas_shared.settings import CommonSettings, common, load, require_secret


@pytest.mark.parametrize(
    ("variable", "value", "hint"),
    [
        ("KLEPAAS_MAX_BODY_BYTES", "abc", "integer"),
        ("KLEPAAS_MAX_BODY_BYTES", "0", "greater than 0"),
        ("KLEPAAS_STORE", "mysql", "'sqlite' or 'firestore'"),
        ("KLEPAAS_EVENTS", "kafka", "'local' or 'pubsub'"),
        ("KLEPAAS_ENV", "prod", "'production'"),
    ],
)
def test_a_wrong_value_fails_fast_naming_the_variable_and_the_form(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, hint: str
) -> None:
    monkeypatch.setenv(variable, value)
    reset_caches()
    with pytest.raises(ConfigError) as raised:
        common()
    assert variable in raised.value.message
    assert hint in raised.value.message
    assert repr(value) in raised.value.message


def test_every_wrong_variable_is_named_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KLEPAAS_STORE", "mysql")
    monkeypatch.setenv("KLEPAAS_MAX_BODY_BYTES", "-1")
    with pytest.raises(ConfigError, match=r"KLEPAAS_STORE.*KLEPAAS_MAX_BODY_BYTES"):
        load(CommonSettings)


def test_a_function_subclass_reads_its_own_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    class NlpSettings(CommonSettings):
        max_turns: int = Field(20, gt=0)

    monkeypatch.setenv("KLEPAAS_MAX_TURNS", "7")
    assert load(NlpSettings).max_turns == 7
    monkeypatch.setenv("KLEPAAS_MAX_TURNS", "many")
    with pytest.raises(ConfigError, match="KLEPAAS_MAX_TURNS"):
        load(NlpSettings)


def test_the_test_settings_are_read_once_and_secrets_do_not_print() -> None:
    settings = common()
    assert settings is common()
    assert (settings.env, settings.store, settings.events) == ("test", "sqlite", "local")
    assert settings.jwt_secret.get_secret_value() not in repr(settings)
    assert settings.jwt_secret.get_secret_value() not in str(settings.model_dump())


def test_a_missing_or_short_secret_names_the_variable_never_the_value() -> None:
    from pydantic import SecretStr

    with pytest.raises(ConfigError, match="KLEPAAS_JWT_SECRET must be set") as raised:
        require_secret(SecretStr("short-value"), "KLEPAAS_JWT_SECRET", min_length=32)
    assert "short-value" not in raised.value.message
    assert require_secret(SecretStr("x" * 32), "V", min_length=32) == "x" * 32


def test_a_container_setting_is_read_as_json_and_a_keyword_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class RoutingSettings(CommonSettings):
        channels: dict[str, str] = Field(default_factory=dict)

    monkeypatch.setenv("klepaas_channels", '{"K-Le-PaaS/test01": "#deploys"}')  # any case, as before
    monkeypatch.setenv("KLEPAAS_BEHIND_API_GATEWAY", "true")
    settings = load(RoutingSettings)
    assert settings.channels == {"K-Le-PaaS/test01": "#deploys"}
    assert settings.behind_api_gateway is True
    assert RoutingSettings(channels={"a/b": "#c"}).channels == {"a/b": "#c"}
    monkeypatch.setenv("KLEPAAS_CHANNELS", "#deploys")
    with pytest.raises(ConfigError, match=r"KLEPAAS_CHANNELS: must be JSON") as raised:
        load(RoutingSettings)
    assert "'#deploys'" in raised.value.message
