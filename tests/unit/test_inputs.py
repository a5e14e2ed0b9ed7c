"""Input validation, normalisation and parsing of the webhook-settings resources: `_core.check` over
`_core.fields`."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._core.check import Failure, check_inputs
from pulumi_xobin._core.fields import INTERVIEW_WEBHOOK_SETTINGS, WEBHOOK_SETTINGS, ResourceType
from pulumi_xobin._core.model import ApiKeyAuth, BasicAuth, DesiredSettings, Webhook
from pulumi_xobin._core.rules import url_problem
from support.samples import API_KEY_VALUE, APIKEY, BASIC, PASSWORD

URL = "https://hooks.example.com/start"


def check(
    news: dict[str, Any], resource: ResourceType = WEBHOOK_SETTINGS
) -> tuple[dict[str, Any], list[Failure]]:
    return check_inputs(resource, news)


def failures_of(news: dict[str, Any], resource: ResourceType = WEBHOOK_SETTINGS) -> list[tuple[str, str]]:
    return [(f.property, f.reason) for f in check_inputs(resource, news)[1]]


def assert_failures(news: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    found = failures_of(news)
    assert [p for p, _ in found] == [p for p, _ in expected], found
    for (_, reason), (_, phrase) in zip(found, expected, strict=True):
        assert phrase in reason, (reason, phrase)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://hooks.example.com/start", id="https"),
        pytest.param("https://hooks.example.com:8443/a/b?x=1&y=%20#frag", id="https-port-path-query"),
        pytest.param("https://203.0.113.7/hook", id="https-ip"),
        pytest.param("http://localhost/hook", id="http-localhost"),
        pytest.param("http://localhost:8080/hook", id="http-localhost-port"),
        pytest.param("HTTP://LOCALHOST/hook", id="http-localhost-uppercase"),
        pytest.param("http://127.0.0.1:9000/hook", id="http-127.0.0.1"),
        pytest.param("http://[::1]:9000/hook", id="http-ipv6-loopback"),
        pytest.param("https://example.com/" + "a" * (2048 - len("https://example.com/")), id="exactly-2048"),
    ],
)
def test_valid_urls_pass(url: str) -> None:
    assert url_problem(url) is None
    checked, failures = check({"start": {"url": url}})
    assert failures == []
    assert checked["start"] == {"url": url, "enabled": True}


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        pytest.param("http://hooks.example.com/start", "must use https", id="http-public-host"),
        pytest.param("http://192.168.1.10/hook", "must use https", id="http-private-ip"),
        pytest.param("http://0.0.0.0/hook", "must use https", id="http-any-address"),
        pytest.param("http://localhost.example.com/hook", "must use https", id="http-localhost-lookalike"),
        pytest.param(
            "https://svc:pw@hooks.example.com/", "must not carry credentials", id="user-and-password"
        ),
        pytest.param("https://svc@hooks.example.com/", "must not carry credentials", id="user-only"),
        pytest.param("https://hööks.example.com/", "must be ASCII", id="non-ascii-host"),
        pytest.param("https://hooks.example.com/a b", "without spaces", id="space"),
        pytest.param("https://hooks.example.com/\ta", "control characters", id="tab"),
        pytest.param("https://hooks.example.com/\x7f", "control characters", id="del"),
        pytest.param("https://example.com/" + "a" * 2048, "at most 2048 characters", id="too-long"),
        pytest.param("", "must not be empty", id="empty"),
        pytest.param("   ", "must not be empty", id="blank"),
        pytest.param("ftp://hooks.example.com/start", "absolute http or https URL", id="ftp"),
        pytest.param("javascript:alert(document.cookie)", "absolute http or https URL", id="javascript"),
        pytest.param("/hooks/start", "absolute http or https URL", id="relative-path"),
        pytest.param("hooks.example.com/start", "absolute http or https URL", id="no-scheme"),
        pytest.param("https://", "must name a host", id="no-host"),
        pytest.param("https:///start", "must name a host", id="empty-host-with-path"),
        pytest.param("https://hooks.example.com:abc/", "is not a valid URL", id="port-not-a-number"),
        pytest.param("https://hooks.example.com:70000/", "is not a valid URL", id="port-out-of-range"),
        pytest.param("http://[::1/hook", "is not a valid URL", id="unclosed-ipv6"),
    ],
)
def test_invalid_urls_fail_on_the_url_path(url: str, phrase: str) -> None:
    problem = url_problem(url)
    assert problem is not None
    assert phrase in problem
    assert_failures({"submission": {"url": url}}, [("submission.url", phrase)])


@pytest.mark.parametrize(
    ("hook", "expected"),
    [
        pytest.param({"url": URL}, {"url": URL, "enabled": True}, id="enabled-defaults-true"),
        pytest.param(
            {"url": URL, "enabled": None}, {"url": URL, "enabled": True}, id="enabled-none-means-true"
        ),
        pytest.param({"url": URL, "enabled": False}, {"url": URL, "enabled": False}, id="disabled-with-url"),
        pytest.param({"enabled": False}, {"url": None, "enabled": False}, id="disabled-without-url"),
    ],
)
def test_webhook_is_normalised(hook: dict[str, Any], expected: dict[str, Any]) -> None:
    checked, failures = check({"start": hook})
    assert failures == []
    assert checked["start"] == expected


@pytest.mark.parametrize(
    "hook",
    [
        pytest.param({}, id="empty-object"),
        pytest.param({"enabled": True}, id="explicitly-enabled"),
        pytest.param({"url": None, "enabled": None}, id="all-null"),
    ],
)
def test_enabled_webhook_needs_a_url(hook: dict[str, Any]) -> None:
    assert_failures({"start": hook}, [("start.url", "an enabled webhook needs a URL")])


@pytest.mark.parametrize(
    ("news", "expected"),
    [
        pytest.param(
            {"start": {"url": URL, "enabled": "yes"}},
            [("start.enabled", "must be a boolean, got a string")],
            id="enabled-yes",
        ),
        pytest.param(
            {"start": {"url": URL, "enabled": 1}},
            [("start.enabled", "must be a boolean, got a number")],
            id="enabled-1",
        ),
        pytest.param(
            {"start": {"url": 5}}, [("start.url", "must be a string, got a number")], id="url-number"
        ),
        pytest.param({"start": "string"}, [("start", "object, got a string")], id="start-string"),
        pytest.param({"submission": [URL]}, [("submission", "object, got a list")], id="submission-list"),
        pytest.param(
            {"update_all": "true"},
            [("update_all", "must be a boolean, got a string")],
            id="update-all-string",
        ),
        pytest.param({"auth": "basic"}, [("auth", "object, got a string")], id="auth-string"),
        pytest.param(
            {"auth": {**BASIC, "username": 5}},
            [("auth.username", "must be a string, got a number")],
            id="username-number",
        ),
        pytest.param(
            {"auth": {**BASIC, "password": True}},
            [("auth.password", "must be a string, got a boolean")],
            id="password-boolean",
        ),
        pytest.param(
            {"auth": {**APIKEY, "value": 42}},
            [("auth.value", "must be a string, got a number")],
            id="value-number",
        ),
    ],
)
def test_wrong_types_fail(news: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert_failures(news, expected)


@pytest.mark.parametrize(
    ("news", "expected"),
    [
        pytest.param({"strat": {"url": URL}}, [("strat", "unknown property")], id="top-level-typo"),
        pytest.param(
            {"start": {"urll": URL, "enabled": False}}, [("start.urll", "unknown property")], id="start-urll"
        ),
        pytest.param(
            {"auth": {**BASIC, "passwd": "x"}}, [("auth.passwd", "unknown property")], id="auth-passwd"
        ),
        pytest.param(
            {"start": {"urll": URL}},
            [("start.urll", "unknown property"), ("start.url", "needs a URL")],
            id="typo-leaves-url-missing",
        ),
    ],
)
def test_unknown_properties_fail(news: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert_failures(news, expected)


def test_unknown_property_reason_lists_the_expected_names() -> None:
    [(_, top)] = failures_of({"updateAll": True})
    assert "start" in top
    assert "update_all" in top
    [(_, nested)] = failures_of({"start": {"url": URL, "enable": True}})
    assert "url" in nested
    assert "enabled" in nested


def test_engine_properties_and_a_resource_s_own_names_are_allowed() -> None:
    assert failures_of({"__provider": "pickled", "interview_id": "iv-1"}, INTERVIEW_WEBHOOK_SETTINGS) == []
    assert failures_of({"__provider": "pickled"}) == []
    assert [p for p, _ in failures_of({"interview_id": "iv-1"})] == ["interview_id"]


def test_unknown_property_reason_lists_each_resource_s_names() -> None:
    assert failures_of({"colour": "blue"}) == [
        ("colour", "unknown property; expected one of: auth, start, submission, update_all")
    ]
    assert failures_of({"colour": "blue", "interview_id": "iv-1"}, INTERVIEW_WEBHOOK_SETTINGS) == [
        ("colour", "unknown property; expected one of: auth, interview_id, start, submission")
    ]


@pytest.mark.parametrize(
    ("auth", "expected"),
    [
        pytest.param(BASIC, [], id="basic-ok"),
        pytest.param(APIKEY, [], id="apikey-ok"),
        pytest.param({**BASIC, "username": "u" * 256, "password": "p" * 4096}, [], id="basic-at-max-length"),
        pytest.param(
            {"type": "basic", "password": PASSWORD}, [("auth.username", "is required")], id="username-missing"
        ),
        pytest.param(
            {**BASIC, "username": ""}, [("auth.username", "must not be empty")], id="username-empty"
        ),
        pytest.param(
            {"type": "basic", "username": "svc"}, [("auth.password", "is required")], id="password-missing"
        ),
        pytest.param(
            {**BASIC, "password": "  "}, [("auth.password", "must not be empty")], id="password-blank"
        ),
        pytest.param(
            {"type": "basic"},
            [("auth.username", "is required"), ("auth.password", "is required")],
            id="basic-without-fields",
        ),
        pytest.param(
            {**APIKEY, "header": "X Webhook Key"},
            [("auth.header", "valid HTTP header name")],
            id="header-with-spaces",
        ),
        pytest.param(
            {**APIKEY, "header": "X-Key:"},
            [("auth.header", "valid HTTP header name")],
            id="header-with-colon",
        ),
        pytest.param(
            {**APIKEY, "header": "X-Kéy"}, [("auth.header", "valid HTTP header name")], id="header-non-ascii"
        ),
        pytest.param({**APIKEY, "header": ""}, [("auth.header", "must not be empty")], id="header-empty"),
        pytest.param(
            {"type": "apikey", "value": API_KEY_VALUE}, [("auth.header", "is required")], id="header-missing"
        ),
        pytest.param({**APIKEY, "value": ""}, [("auth.value", "must not be empty")], id="value-empty"),
        pytest.param(
            {"type": "apikey", "header": "X-Key"}, [("auth.value", "is required")], id="value-missing"
        ),
        pytest.param(
            {**BASIC, "type": "oauth"}, [("auth.type", "must be 'basic' or 'apikey'")], id="unknown-type"
        ),
        pytest.param(
            {"username": "svc", "password": PASSWORD, "header": "X-Key", "value": API_KEY_VALUE},
            [("auth", "not both")],
            id="both-kinds-inferred",
        ),
        pytest.param({**BASIC, "header": "X-Key"}, [("auth", "not both")], id="both-kinds-typed-basic"),
        pytest.param({**APIKEY, "username": "svc"}, [("auth", "not both")], id="both-kinds-typed-apikey"),
        pytest.param(
            {**BASIC, "username": "svc\nroot"}, [("auth.username", "line breaks")], id="username-newline"
        ),
        pytest.param(
            {**BASIC, "password": PASSWORD + "\r"}, [("auth.password", "line breaks")], id="password-cr"
        ),
        pytest.param(
            {**APIKEY, "header": "X-Key\n"}, [("auth.header", "line breaks")], id="header-trailing-newline"
        ),
        pytest.param({**APIKEY, "value": "a\0b"}, [("auth.value", "NUL")], id="value-nul"),
        pytest.param(
            {**BASIC, "username": "u" * 257},
            [("auth.username", "at most 256 characters")],
            id="username-huge",
        ),
        pytest.param(
            {**BASIC, "password": "p" * 4097},
            [("auth.password", "at most 4096 characters")],
            id="password-huge",
        ),
        pytest.param(
            {**APIKEY, "header": "X" * 257}, [("auth.header", "at most 256 characters")], id="header-huge"
        ),
        pytest.param(
            {**APIKEY, "value": "v" * 100_000}, [("auth.value", "at most 4096 characters")], id="value-huge"
        ),
        pytest.param({**BASIC, "secret_version": "2024-06"}, [], id="secret-version-ok"),
        pytest.param(
            {**BASIC, "secret_version": 2},
            [("auth.secret_version", "must be a string, got a number")],
            id="secret-version-number",
        ),
        pytest.param(
            {**APIKEY, "secret_version": " "},
            [("auth.secret_version", "must not be empty")],
            id="secret-version-blank",
        ),
        pytest.param(
            {**BASIC, "secret_version": "v1\nv2"},
            [("auth.secret_version", "line breaks")],
            id="secret-version-newline",
        ),
        pytest.param(
            {**BASIC, "secret_version": "v" * 257},
            [("auth.secret_version", "at most 256 characters")],
            id="secret-version-huge",
        ),
    ],
)
def test_auth_rules(auth: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert_failures({"auth": auth}, expected)


@pytest.mark.parametrize(
    ("auth", "expected"),
    [
        pytest.param(
            {"username": "svc", "password": PASSWORD},
            {"type": "basic", "username": "svc", "password": PASSWORD, "secret_version": None},
            id="basic-from-fields",
        ),
        pytest.param(
            {"header": "X-Webhook-Key", "value": API_KEY_VALUE},
            {"type": "apikey", "header": "X-Webhook-Key", "value": API_KEY_VALUE, "secret_version": None},
            id="apikey-from-fields",
        ),
        pytest.param(
            {"type": "apikey", "header": "X-Webhook-Key", "value": API_KEY_VALUE, "username": None},
            {"type": "apikey", "header": "X-Webhook-Key", "value": API_KEY_VALUE, "secret_version": None},
            id="null-fields-of-the-other-kind-dropped",
        ),
        pytest.param(
            {**BASIC, "secret_version": "2024-06"},
            {**BASIC, "secret_version": "2024-06"},
            id="basic-secret-version-kept",
        ),
        pytest.param(
            {"header": "X-Webhook-Key", "value": API_KEY_VALUE, "secret_version": "v2"},
            {"type": "apikey", "header": "X-Webhook-Key", "value": API_KEY_VALUE, "secret_version": "v2"},
            id="apikey-secret-version-kept",
        ),
    ],
)
def test_auth_type_is_inferred_and_normalised(auth: dict[str, Any], expected: dict[str, Any]) -> None:
    checked, failures = check({"auth": auth})
    assert failures == []
    assert checked["auth"] == expected


def test_empty_auth_is_taken_as_basic_and_needs_its_fields() -> None:
    checked, failures = check({"auth": {}})
    assert checked["auth"]["type"] == "basic"
    assert [f.property for f in failures] == ["auth.username", "auth.password"]


def test_every_failure_is_reported_not_just_the_first() -> None:
    news: dict[str, Any] = {
        "strat": {},
        "start": {"url": "ftp://hooks.example.com", "enabled": "yes"},
        "submission": {"url": "http://hooks.example.com"},
        "auth": {"type": "apikey", "header": "X Key", "value": ""},
        "update_all": "true",
    }
    assert [p for p, _ in failures_of(news)] == [
        "strat",
        "start.url",
        "start.enabled",
        "submission.url",
        "auth.header",
        "auth.value",
        "update_all",
    ]


@pytest.mark.parametrize(
    "news",
    [
        pytest.param({"start": UNKNOWN}, id="whole-start"),
        pytest.param({"start": {"url": UNKNOWN}}, id="start-url"),
        pytest.param({"start": {"url": UNKNOWN, "enabled": UNKNOWN}}, id="start-url-and-enabled"),
        pytest.param({"submission": {"enabled": UNKNOWN}}, id="enabled-without-url"),
        pytest.param({"auth": UNKNOWN}, id="whole-auth"),
        pytest.param({"auth": {"type": UNKNOWN}}, id="auth-type-alone"),
        pytest.param({"auth": {**BASIC, "type": UNKNOWN}}, id="auth-type-with-fields"),
        pytest.param({"auth": {**BASIC, "password": UNKNOWN}}, id="auth-password"),
        pytest.param({"auth": {"username": UNKNOWN, "password": UNKNOWN}}, id="basic-fields-inferred"),
        pytest.param({"auth": {**APIKEY, "header": UNKNOWN, "value": UNKNOWN}}, id="apikey-fields"),
        pytest.param({"update_all": UNKNOWN}, id="update-all"),
        pytest.param(
            {
                "start": UNKNOWN,
                "submission": {"url": UNKNOWN},
                "auth": {"type": UNKNOWN},
                "update_all": UNKNOWN,
            },
            id="everywhere",
        ),
    ],
)
def test_unknown_values_never_fail(news: dict[str, Any]) -> None:
    assert failures_of(news) == []


def test_unknown_values_are_kept_for_the_diff() -> None:
    checked, _ = check(
        {"start": UNKNOWN, "submission": {"url": UNKNOWN}, "auth": {"type": UNKNOWN}, "update_all": UNKNOWN}
    )
    assert checked == {
        "start": UNKNOWN,
        "submission": {"url": UNKNOWN, "enabled": True},
        "auth": {"type": UNKNOWN},
        "update_all": UNKNOWN,
    }


@pytest.mark.parametrize(
    ("news", "expected"),
    [
        pytest.param(
            {}, {"start": None, "submission": None, "auth": None, "update_all": False}, id="nothing"
        ),
        pytest.param(
            {"update_all": None},
            {"start": None, "submission": None, "auth": None, "update_all": False},
            id="null",
        ),
        pytest.param(
            {"update_all": True},
            {"start": None, "submission": None, "auth": None, "update_all": True},
            id="on",
        ),
    ],
)
def test_parts_left_out_stay_none_and_update_all_defaults_false(
    news: dict[str, Any], expected: dict[str, Any]
) -> None:
    checked, failures = check(news)
    assert failures == []
    assert checked == expected


def test_interview_inputs_are_normalised_without_update_all() -> None:
    checked, failures = check({"interview_id": "ai-interview-1", "auth": APIKEY}, INTERVIEW_WEBHOOK_SETTINGS)
    assert failures == []
    assert checked == {
        "interview_id": "ai-interview-1",
        "start": None,
        "submission": None,
        "auth": {**APIKEY, "secret_version": None},
    }


def test_update_all_is_an_unknown_property_of_an_interview() -> None:
    for value in (True, False):
        assert failures_of(
            {"interview_id": "ai-interview-1", "update_all": value}, INTERVIEW_WEBHOOK_SETTINGS
        ) == [("update_all", "unknown property; expected one of: auth, interview_id, start, submission")]


@pytest.mark.parametrize("interview_id", ["ai-interview-1", "A.b_c~d-9", "x", "i" * 256, UNKNOWN], ids=str)
def test_valid_interview_ids_pass(interview_id: str) -> None:
    assert failures_of({"interview_id": interview_id}, INTERVIEW_WEBHOOK_SETTINGS) == []


@pytest.mark.parametrize(
    ("interview_id", "expected"),
    [
        pytest.param(None, ("interview_id", "is required"), id="missing"),
        pytest.param(42, ("interview_id", "must be a string, got a number"), id="number"),
        pytest.param(["iv"], ("interview_id", "must be a string, got a list"), id="list"),
        pytest.param("a/b", ("interview_id", "it is a URL path segment"), id="slash"),
        pytest.param("a b", ("interview_id", "it is a URL path segment"), id="space"),
        pytest.param("", ("interview_id", "it is a URL path segment"), id="empty"),
        pytest.param("i" * 257, ("interview_id", "it is a URL path segment"), id="too-long"),
        pytest.param("..", ("interview_id", "must not be '.' or '..'"), id="dot-dot"),
        pytest.param(".", ("interview_id", "must not be '.' or '..'"), id="dot"),
    ],
)
def test_bad_interview_ids_fail(interview_id: Any, expected: tuple[str, str]) -> None:
    [(path, reason)] = failures_of({"interview_id": interview_id}, INTERVIEW_WEBHOOK_SETTINGS)
    assert path == expected[0]
    assert expected[1] in reason


@pytest.mark.parametrize(
    ("news", "expected"),
    [
        pytest.param({}, DesiredSettings(), id="nothing-managed"),
        pytest.param(
            {"start": {"url": URL}, "update_all": True},
            DesiredSettings({"start": Webhook(URL, True)}, update_all=True),
            id="start-only",
        ),
        pytest.param(
            {"submission": {"enabled": False}},
            DesiredSettings({"submission": Webhook(None, False)}),
            id="disabled-without-url",
        ),
        pytest.param(
            {"start": {"url": URL, "enabled": False}, "submission": {"url": URL}, "auth": BASIC},
            DesiredSettings(
                {"start": Webhook(URL, False), "submission": Webhook(URL, True)},
                auth=BasicAuth("svc", PASSWORD),
            ),
            id="basic",
        ),
        pytest.param(
            {"auth": {"header": "X-Webhook-Key", "value": API_KEY_VALUE}},
            DesiredSettings(auth=ApiKeyAuth("X-Webhook-Key", API_KEY_VALUE)),
            id="apikey-inferred",
        ),
    ],
)
def test_parse_desired_from_checked_inputs(news: dict[str, Any], expected: DesiredSettings) -> None:
    checked, failures = check(news)
    assert failures == []
    assert DesiredSettings.from_inputs(checked) == expected


def test_parse_desired_defaults_enabled_and_update_all() -> None:
    assert DesiredSettings.from_inputs({"start": {"url": URL}}) == DesiredSettings(
        {"start": Webhook(URL, True)}, update_all=False
    )
