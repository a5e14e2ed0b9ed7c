"""Where the provider finds its API key, base URL, timeout and retry count."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pulumi_xobin._api.connection import DEFAULT_BASE_URL, ConnectionSettings
from pulumi_xobin._core.errors import ConfigurationError

CONFIG_KEY = "acct-key-from-config-8d1f"
ENV_KEY = "acct-key-from-env-2b9c"


def config_of(values: dict[str, Any]) -> Callable[[str], Any]:
    return values.get


def resolve(config: dict[str, Any], environ: dict[str, str]) -> ConnectionSettings:
    return ConnectionSettings.resolve(config_of(config), environ=environ)


@pytest.mark.parametrize(
    ("config", "environ", "expected"),
    [
        pytest.param(
            {"xobin:apiKey": CONFIG_KEY},
            {},
            ConnectionSettings(DEFAULT_BASE_URL, CONFIG_KEY, 30.0, 4),
            id="defaults",
        ),
        pytest.param(
            {"xobin:apiKey": CONFIG_KEY, "xobin:baseUrl": "https://config.example.com/api"},
            {"XOBIN_API_KEY": ENV_KEY, "XOBIN_BASE_URL": "https://env.example.com/api"},
            ConnectionSettings("https://config.example.com/api", CONFIG_KEY),
            id="config-beats-env",
        ),
        pytest.param(
            {},
            {"XOBIN_API_KEY": ENV_KEY, "XOBIN_BASE_URL": "http://127.0.0.1:8080/api/v2"},
            ConnectionSettings("http://127.0.0.1:8080/api/v2", ENV_KEY),
            id="env-when-config-missing",
        ),
        pytest.param(
            {"xobin:apiKey": "", "xobin:baseUrl": "", "xobin:timeoutSeconds": "", "xobin:maxRetries": ""},
            {
                "XOBIN_API_KEY": ENV_KEY,
                "XOBIN_BASE_URL": "https://env.example.com",
                "XOBIN_TIMEOUT_SECONDS": "2.5",
                "XOBIN_MAX_RETRIES": "1",
            },
            ConnectionSettings("https://env.example.com", ENV_KEY, 2.5, 1),
            id="env-when-config-empty",
        ),
        pytest.param(
            {"xobin:apiKey": CONFIG_KEY, "xobin:baseUrl": "https://app.example.com/api/v2///"},
            {},
            ConnectionSettings("https://app.example.com/api/v2", CONFIG_KEY),
            id="trailing-slashes-stripped",
        ),
        pytest.param(
            {"xobin:apiKey": CONFIG_KEY},
            {"XOBIN_BASE_URL": "", "XOBIN_TIMEOUT_SECONDS": "", "XOBIN_MAX_RETRIES": ""},
            ConnectionSettings(DEFAULT_BASE_URL, CONFIG_KEY, 30.0, 4),
            id="empty-env-means-default",
        ),
        pytest.param(
            {"xobin:apiKey": CONFIG_KEY, "xobin:timeoutSeconds": "0.5", "xobin:maxRetries": "0"},
            {"XOBIN_TIMEOUT_SECONDS": "99", "XOBIN_MAX_RETRIES": "9"},
            ConnectionSettings(DEFAULT_BASE_URL, CONFIG_KEY, 0.5, 0),
            id="numbers-from-config-zero-retries",
        ),
        pytest.param(
            {"xobin:apiKey": CONFIG_KEY, "xobin:timeoutSeconds": 12, "xobin:maxRetries": 7},
            {},
            ConnectionSettings(DEFAULT_BASE_URL, CONFIG_KEY, 12.0, 7),
            id="non-string-config-values",
        ),
    ],
)
def test_resolve(config: dict[str, Any], environ: dict[str, str], expected: ConnectionSettings) -> None:
    settings = resolve(config, environ)
    assert settings == expected
    assert isinstance(settings.timeout_seconds, float)
    assert isinstance(settings.max_retries, int)


@pytest.mark.parametrize(
    ("config", "environ"),
    [
        pytest.param({}, {}, id="nowhere"),
        pytest.param({"xobin:apiKey": ""}, {"XOBIN_API_KEY": ""}, id="both-empty"),
        pytest.param({"xobin:apiKey": None}, {"XOBIN_BASE_URL": "https://app.example.com"}, id="config-none"),
    ],
)
def test_missing_api_key(config: dict[str, Any], environ: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError) as raised:
        resolve(config, environ)
    message = str(raised.value)
    assert "xobin:apiKey" in message
    assert "XOBIN_API_KEY" in message
    assert CONFIG_KEY not in message
    assert ENV_KEY not in message


@pytest.mark.parametrize(
    "base_url",
    [
        pytest.param("ftp://app.example.com/api", id="ftp"),
        pytest.param("https://", id="no-host"),
        pytest.param("https:///api/v2", id="empty-host"),
        pytest.param("not a url", id="not-a-url"),
        pytest.param("app.example.com/api/v2", id="no-scheme"),
        pytest.param("http://[::1/api", id="unclosed-ipv6"),
    ],
)
def test_bad_base_url(base_url: str) -> None:
    with pytest.raises(ConfigurationError) as raised:
        resolve({"xobin:apiKey": CONFIG_KEY, "xobin:baseUrl": base_url}, {})
    message = str(raised.value)
    assert "xobin:baseUrl" in message
    assert CONFIG_KEY not in message


@pytest.mark.parametrize(
    ("key", "value", "phrase"),
    [
        pytest.param(
            "xobin:timeoutSeconds",
            "soon",
            "xobin:timeoutSeconds must be a number of seconds",
            id="timeout-text",
        ),
        pytest.param(
            "xobin:timeoutSeconds",
            "0",
            "xobin:timeoutSeconds must be a number of seconds greater than zero",
            id="timeout-zero",
        ),
        pytest.param(
            "xobin:timeoutSeconds",
            "-1.5",
            "xobin:timeoutSeconds must be a number of seconds greater than zero",
            id="timeout-negative",
        ),
        pytest.param("xobin:timeoutSeconds", "nan", "xobin:timeoutSeconds", id="timeout-nan"),
        pytest.param("xobin:timeoutSeconds", "inf", "xobin:timeoutSeconds", id="timeout-inf"),
        pytest.param(
            "xobin:maxRetries", "2.5", "xobin:maxRetries must be a whole number", id="retries-fraction"
        ),
        pytest.param(
            "xobin:maxRetries", "many", "xobin:maxRetries must be a whole number", id="retries-text"
        ),
        pytest.param(
            "xobin:maxRetries",
            "-1",
            "xobin:maxRetries must be a whole number zero or more",
            id="retries-negative",
        ),
    ],
)
def test_bad_numbers(key: str, value: str, phrase: str) -> None:
    with pytest.raises(ConfigurationError) as raised:
        resolve({"xobin:apiKey": CONFIG_KEY, key: value}, {})
    message = str(raised.value)
    assert phrase in message
    assert repr(value) in message
    assert CONFIG_KEY not in message


@pytest.mark.parametrize(
    ("variable", "value", "config_key"),
    [
        pytest.param("XOBIN_TIMEOUT_SECONDS", "soon", "xobin:timeoutSeconds", id="timeout"),
        pytest.param("XOBIN_MAX_RETRIES", "-3", "xobin:maxRetries", id="retries"),
    ],
)
def test_bad_numbers_from_env_name_the_setting(variable: str, value: str, config_key: str) -> None:
    with pytest.raises(ConfigurationError, match=config_key):
        resolve({}, {"XOBIN_API_KEY": ENV_KEY, variable: value})


def test_repr_never_shows_the_api_key() -> None:
    settings = resolve({"xobin:apiKey": CONFIG_KEY}, {})
    assert CONFIG_KEY not in repr(settings)
    assert CONFIG_KEY not in str(settings)
    assert DEFAULT_BASE_URL in repr(settings)
