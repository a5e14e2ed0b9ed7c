"""The bad-input suite: malformed programs and config fail the provider's `check`, by field, quietly.

Every row goes through the provider the way the engine drives it: the provider is pickled as
`pulumi.dynamic.Resource` does, unpickled and configured as `pulumi.dynamic`'s host does
(`ConfigureRequest(Config({...}, project))`), then `check({}, news)` runs on the property bag with its
`__provider` entry. Each row names the field its failure must name (or, for connection settings, the
config key its reason must name). No reason may quote a secret. What each field's rule says is
tests/unit/test_inputs.py's; here are the rows that carry a secret, and the connection settings. Nothing
is sent: `check` makes no client, and the unit layer's conftest refuses any connection.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

import dill
import pytest
from pulumi.dynamic import CheckResult, ConfigureRequest
from pulumi.dynamic.config import Config
from pulumi.dynamic.dynamic import PROVIDER_KEY, serialize_provider

from pulumi_xobin import XobinError
from pulumi_xobin.provider import (
    InterviewWebhookSettingsProvider,
    WebhookSettingsProvider,
)
from support.samples import API_KEY_VALUE, APIKEY, BASIC, PASSWORD, SETTINGS_ID, START, SUBMISSION, with_

PROJECT = "proj"
HUGE_PASSWORD = "pw-huge-" + "q" * 4992
NEWLINE_PASSWORD = "pw-line-one\npw-line-two"
CRLF_KEY = "whk-part-one\r\nwhk-part-two"
NEWLINE_API_KEY = "acct-key-0d5e-pasted-with-newline\n"
INJECTING_API_KEY = "acct-key-71b2\r\nX-Injected: 1"
NON_ASCII_API_KEY = "acct-key-schlüssel-88aa"
# A complete, valid property bag; each row breaks one thing in a copy of it.
GOOD: dict[str, Any] = {
    "start": {"url": START, "enabled": True},
    "submission": {"url": SUBMISSION, "enabled": True},
    "auth": BASIC,
    "update_all": True,
}
GOOD_INTERVIEW: dict[str, Any] = {
    "interview_id": "ai-interview-1",
    "start": {"url": START, "enabled": True},
    "submission": {"url": SUBMISSION, "enabled": True},
    "auth": APIKEY,
}
REMOVE = object()  # a config override that leaves the key out


@dataclass(frozen=True)
class BadInput:
    """One malformed input. `path` is the failure's property; "" with `config_key` for connection config."""

    id: str
    news: dict[str, Any]
    path: str
    interview: bool = False
    config: dict[str, object] = field(default_factory=dict)
    config_key: str | None = None
    secrets: tuple[str, ...] = ()


def start_url(url: Any) -> dict[str, Any]:
    return with_(GOOD, start={"url": url, "enabled": True})


def submission_url(url: Any) -> dict[str, Any]:
    return with_(GOOD, submission={"url": url, "enabled": True})


def interview_id(value: Any) -> dict[str, Any]:
    return with_(GOOD_INTERVIEW, interview_id=value)


BAD_INPUTS: tuple[BadInput, ...] = (
    # What each field's rule says is tests/unit/test_inputs.py's; these rows carry a secret in a broken
    # input, through the provider as the engine drives it, and check that no failure quotes it.
    BadInput(
        "url-credentials",
        start_url(f"https://svc:{PASSWORD}@hooks.example.com/start"),
        "start.url",
        secrets=(PASSWORD,),
    ),
    BadInput("password-pasted-into-type", with_(GOOD, auth={**BASIC, "type": PASSWORD}), "auth.type"),
    BadInput("auth-both-kinds", with_(GOOD, auth={**BASIC, **APIKEY, "type": "basic"}), "auth"),
    BadInput(
        "password-huge",
        with_(GOOD, auth={**BASIC, "password": HUGE_PASSWORD}),
        "auth.password",
        secrets=(HUGE_PASSWORD,),
    ),
    BadInput(
        "password-newline",
        with_(GOOD, auth={**BASIC, "password": NEWLINE_PASSWORD}),
        "auth.password",
        secrets=(NEWLINE_PASSWORD, *NEWLINE_PASSWORD.splitlines()),
    ),
    BadInput("password-nul", with_(GOOD, auth={**BASIC, "password": f"{PASSWORD}\0"}), "auth.password"),
    BadInput(
        "apikey-value-crlf",
        with_(GOOD, auth={**APIKEY, "value": CRLF_KEY}),
        "auth.value",
        secrets=(CRLF_KEY, *CRLF_KEY.splitlines()),
    ),
    BadInput("apikey-value-huge", with_(GOOD, auth={**APIKEY, "value": API_KEY_VALUE * 300}), "auth.value"),
    BadInput("secret-under-a-typo", with_(GOOD, auth={**BASIC, "passwd": PASSWORD}), "auth.passwd"),
    # The per-interview resource: "." passes the character rule, but as a path segment it would turn
    # the PUT for one interview into a PUT on the account-wide settings path.
    BadInput("interview-id-dot", interview_id("."), "interview_id", interview=True),
    # Connection settings: the failure has no property, and its reason names the config key.
    BadInput("config-no-api-key", GOOD, "", config={"xobin:apiKey": REMOVE}, config_key="xobin:apiKey"),
    BadInput("config-empty-api-key", GOOD, "", config={"xobin:apiKey": ""}, config_key="xobin:apiKey"),
    BadInput(
        "config-no-api-key-interview",
        GOOD_INTERVIEW,
        "",
        interview=True,
        config={"xobin:apiKey": REMOVE},
        config_key="xobin:apiKey",
    ),
    BadInput(
        "config-base-url-ftp", GOOD, "", config={"xobin:baseUrl": "ftp://x"}, config_key="xobin:baseUrl"
    ),
    BadInput(
        "config-base-url-not-a-url",
        GOOD,
        "",
        config={"xobin:baseUrl": "not a url"},
        config_key="xobin:baseUrl",
    ),
    BadInput(
        "config-base-url-unclosed-ipv6",
        GOOD,
        "",
        config={"xobin:baseUrl": "http://[::1"},
        config_key="xobin:baseUrl",
    ),
    BadInput(
        "config-timeout-not-a-number",
        GOOD,
        "",
        config={"xobin:timeoutSeconds": "soon"},
        config_key="xobin:timeoutSeconds",
    ),
    BadInput(
        "config-timeout-zero",
        GOOD,
        "",
        config={"xobin:timeoutSeconds": "0"},
        config_key="xobin:timeoutSeconds",
    ),
    BadInput(
        "config-retries-negative", GOOD, "", config={"xobin:maxRetries": "-1"}, config_key="xobin:maxRetries"
    ),
    BadInput(
        "config-retries-fraction", GOOD, "", config={"xobin:maxRetries": "2.5"}, config_key="xobin:maxRetries"
    ),
    # An account key that cannot be sent as an HTTP header value (a line break pasted in with it, say).
    BadInput(
        "config-api-key-trailing-newline",
        GOOD,
        "",
        config={"xobin:apiKey": NEWLINE_API_KEY},
        config_key="xobin:apiKey",
        secrets=(NEWLINE_API_KEY, NEWLINE_API_KEY.strip()),
    ),
    BadInput(
        "config-api-key-header-injection",
        GOOD,
        "",
        config={"xobin:apiKey": INJECTING_API_KEY},
        config_key="xobin:apiKey",
        secrets=(INJECTING_API_KEY, *INJECTING_API_KEY.splitlines()),
    ),
    BadInput(
        "config-api-key-non-ascii",
        GOOD,
        "",
        config={"xobin:apiKey": NON_ASCII_API_KEY},
        config_key="xobin:apiKey",
        secrets=(NON_ASCII_API_KEY,),
    ),
    # Base URLs that pass a look at scheme and host but that no HTTP client can use.
    BadInput(
        "config-base-url-port-not-a-number",
        GOOD,
        "",
        config={"xobin:baseUrl": "https://app.xobin.com:x/api/v2"},
        config_key="xobin:baseUrl",
    ),
    BadInput(
        "config-base-url-port-out-of-range",
        GOOD,
        "",
        config={"xobin:baseUrl": "https://app.xobin.com:99999/api/v2"},
        config_key="xobin:baseUrl",
    ),
    BadInput(
        "config-base-url-trailing-newline",
        GOOD,
        "",
        config={"xobin:baseUrl": "https://app.xobin.com/api/v2\n"},
        config_key="xobin:baseUrl",
    ),
    BadInput(
        "config-base-url-space-in-host",
        GOOD,
        "",
        config={"xobin:baseUrl": "https://app.xo bin.com/api/v2"},
        config_key="xobin:baseUrl",
    ),
)


@pytest.fixture(autouse=True)
def no_xobin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connection settings come from the config under test only: XOBIN_API_KEY and friends are removed."""
    for name in ("XOBIN_API_KEY", "XOBIN_BASE_URL", "XOBIN_TIMEOUT_SECONDS", "XOBIN_MAX_RETRIES"):
        monkeypatch.delenv(name, raising=False)


def stack_config(api_key: str, overrides: dict[str, object]) -> dict[str, Any]:
    config: dict[str, Any] = {"xobin:apiKey": api_key}
    for key, value in overrides.items():
        if value is REMOVE:
            config.pop(key, None)
        else:
            config[key] = value
    return config


def engine_check(interview: bool, config: dict[str, Any], news: dict[str, Any]) -> CheckResult:
    """`check` as pulumi.dynamic's host runs it for a create: unpickle, configure, check({}, news)."""
    serialized = serialize_provider(
        InterviewWebhookSettingsProvider() if interview else WebhookSettingsProvider()
    )
    provider = dill.loads(base64.b64decode(serialized))  # noqa: S301 -- our own pickle, made just above
    provider.configure(ConfigureRequest(Config(config, PROJECT)))
    result: CheckResult = provider.check({}, {**news, PROVIDER_KEY: serialized})
    return result


@pytest.mark.parametrize("interview", [False, True], ids=["global", "interview"])
def test_the_baseline_inputs_pass(interview: bool, api_key: str) -> None:
    """The control: without the one broken thing, the same bag and config check cleanly."""
    result = engine_check(interview, stack_config(api_key, {}), GOOD_INTERVIEW if interview else GOOD)
    assert result.failures == []


@pytest.mark.parametrize("row", BAD_INPUTS, ids=[row.id for row in BAD_INPUTS])
def test_bad_input_fails_check_by_name_without_secrets(row: BadInput, api_key: str) -> None:
    result = engine_check(row.interview, stack_config(api_key, row.config), row.news)
    found = [(f.property, f.reason) for f in result.failures]
    assert found, f"{row.id}: check accepted it"
    if row.config_key is None:
        assert row.path in [prop for prop, _ in found], found
    else:
        assert any(prop == "" and row.config_key in reason for prop, reason in found), found
    for secret in (PASSWORD, API_KEY_VALUE, api_key, *row.secrets):
        for prop, reason in found:
            assert secret not in reason, (row.id, prop)
            assert secret not in prop, (row.id, prop)


@pytest.mark.parametrize(
    "bad_key",
    [
        pytest.param(NEWLINE_API_KEY, id="trailing-newline"),
        pytest.param(INJECTING_API_KEY, id="header-injection"),
        pytest.param(NON_ASCII_API_KEY, id="non-ascii"),
    ],
)
def test_an_unsendable_api_key_never_shows_in_an_error(bad_key: str) -> None:
    """Should such a key get past `check`, the first API call fails before any request, with an error of
    ours that does not quote it."""
    provider = WebhookSettingsProvider()
    provider.configure(ConfigureRequest(Config({"xobin:apiKey": bad_key}, PROJECT)))
    with pytest.raises(XobinError) as failure:
        provider.read(SETTINGS_ID, GOOD)
    message = str(failure.value)
    for part in (bad_key, *bad_key.split()):
        if len(part) >= 8:  # the key and each long piece of it
            assert part not in message, message
