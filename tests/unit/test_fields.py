"""The field declarations: names in both spellings, secrets, IDs, and what each resource declares."""

from __future__ import annotations

import typing

import pytest

from pulumi_xobin._core import fields as _fields
from pulumi_xobin._core.fields import (
    AUTH,
    AUTH_STATUS,
    GLOBAL_SETTINGS,
    INTERVIEW_SETTINGS,
    PROVIDER_CONFIG,
    RESOURCES,
    WEBHOOK,
    Field,
    ObjectType,
    ResourceType,
    schema_name,
    schema_path,
    secret_paths,
)
from pulumi_xobin._core.rules import interview_id_problem, url_problem
from pulumi_xobin.provider import GLOBAL_SETTINGS_ID


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("url", "url"),
        ("update_all", "updateAll"),
        ("secret_version", "secretVersion"),
        ("interview_id", "interviewId"),
        ("timeout_seconds", "timeoutSeconds"),
        ("has_password", "hasPassword"),
    ],
)
def test_schema_name_is_camel_case(name: str, expected: str) -> None:
    assert schema_name(name) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("start", "start"),
        ("start.url", "start.url"),
        ("auth.secret_version", "auth.secretVersion"),
        ("auth.has_value", "auth.hasValue"),
        ("update_all", "updateAll"),
    ],
)
def test_schema_path_spells_every_part(path: str, expected: str) -> None:
    assert schema_path(path) == expected


def test_a_field_knows_its_schema_name_and_config_key() -> None:
    field = Field("max_retries", "integer", "Retries.")
    assert field.schema_name == "maxRetries"
    assert field.config_key == "xobin:maxRetries"


def test_provider_config_keys_and_environment_variables() -> None:
    assert [(f.config_key, f.env, f.default) for f in PROVIDER_CONFIG] == [
        ("xobin:apiKey", "XOBIN_API_KEY", None),
        ("xobin:baseUrl", "XOBIN_BASE_URL", "https://app.xobin.com/api/v2"),
        ("xobin:timeoutSeconds", "XOBIN_TIMEOUT_SECONDS", 30.0),
        ("xobin:maxRetries", "XOBIN_MAX_RETRIES", 4),
    ]
    assert [f.name for f in PROVIDER_CONFIG if f.secret] == ["api_key"]


def test_secret_paths_are_the_password_and_the_api_key_value_once_each() -> None:
    # Both resources, and the auth's input and output types, declare them: each path is listed once.
    assert secret_paths() == ("auth.password", "auth.value")
    assert all(AUTH.field(path.split(".")[1]).type == "string" for path in secret_paths())


def test_secret_paths_follow_the_declarations(monkeypatch: pytest.MonkeyPatch) -> None:
    """A secret declared anywhere, in an input or an output type, is found by its dotted path, once."""
    inner = ObjectType(
        "Inner", "doc", (Field("token", "string", "doc", secret=True), Field("n", "integer", "d"))
    )
    outer = ObjectType("Outer", "doc", (Field("inner", inner, "doc"), Field("plain", "string", "doc")))
    status = ObjectType("OuterStatus", "doc", (*outer.fields, Field("key", "string", "doc", secret=True)))
    first = ResourceType(
        "First",
        "doc",
        "id",
        (Field("outer", outer, "doc", output_type=status), Field("pin", "string", "doc", secret=True)),
        fixed_id="first",
    )
    second = ResourceType("Second", "doc", "id", (Field("outer", outer, "doc"),), fixed_id="second")
    monkeypatch.setattr(_fields, "RESOURCES", (first, second))

    assert secret_paths() == ("outer.inner.token", "outer.key", "pin")


def test_the_global_id_is_fixed() -> None:
    assert GLOBAL_SETTINGS.id_for({}) == "xobin-ai-interview-webhooks"
    assert (
        GLOBAL_SETTINGS.id_for({"start": {"url": "https://x.example.com"}}) == "xobin-ai-interview-webhooks"
    )
    assert GLOBAL_SETTINGS.id_for({}) == GLOBAL_SETTINGS_ID


def test_an_interview_id_is_its_interview_id_input() -> None:
    assert INTERVIEW_SETTINGS.id_for({"interview_id": "ai-interview-7"}) == "ai-interview-7"
    with pytest.raises(KeyError):
        INTERVIEW_SETTINGS.id_for({})


def test_resources_and_their_tokens() -> None:
    assert [r.token for r in RESOURCES] == [
        "xobin:index:WebhookSettings",
        "xobin:index:InterviewWebhookSettings",
    ]


def test_each_resource_declares_its_own_inputs() -> None:
    assert [f.name for f in GLOBAL_SETTINGS.inputs()] == ["start", "submission", "auth", "update_all"]
    assert [f.name for f in INTERVIEW_SETTINGS.inputs()] == ["interview_id", "start", "submission", "auth"]
    assert GLOBAL_SETTINGS.field("update_all").default is False


def test_only_the_interview_id_is_required_and_replaces() -> None:
    fields = [f for r in RESOURCES for f in r.fields]
    assert [f.name for f in fields if f.required] == ["interview_id"]
    assert [f.name for f in fields if f.replaces] == ["interview_id"]
    assert INTERVIEW_SETTINGS.field("interview_id").rule is interview_id_problem


def test_the_auth_status_adds_only_output_only_flags_to_the_auth() -> None:
    assert AUTH_STATUS.inputs() == AUTH.fields
    assert [f.name for f in AUTH_STATUS.fields if f.output_only] == ["has_password", "has_value"]
    assert GLOBAL_SETTINGS.field("auth").output_type is AUTH_STATUS
    assert AUTH.field("type").choices == ("basic", "apikey")
    assert AUTH.field("secret_version").secret is False


def test_a_webhook_is_a_url_and_an_enabled_flag_that_defaults_on() -> None:
    assert [f.name for f in WEBHOOK.fields] == ["url", "enabled"]
    assert WEBHOOK.field("enabled").default is True
    assert WEBHOOK.field("url").rule is url_problem


def test_every_field_is_documented() -> None:
    objects = {f.type for r in RESOURCES for f in r.fields if isinstance(f.type, ObjectType)} | {AUTH_STATUS}
    fields = [f for r in RESOURCES for f in r.fields] + [f for o in objects for f in o.fields]
    assert all(f.doc.strip() for f in (*fields, *PROVIDER_CONFIG))
    assert all(f.left_out.strip() for f in fields if not f.output_only)


def test_the_webhook_names_are_the_type_that_names_them() -> None:
    assert typing.get_args(_fields.WebhookName) == _fields.WEBHOOKS
    for resource in _fields.RESOURCES:
        assert [f.name for f in resource.fields if f.type is _fields.WEBHOOK] == list(_fields.WEBHOOKS)
