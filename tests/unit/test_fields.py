"""The field declarations: names in both spellings, the secret paths, an interview's ID, and the rules
that hold across them. What each resource declares is pinned by the schema that the committed SDKs are
generated from (tests/e2e/test_sdk.py), not by a second copy here."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from pulumi_xobin._core import fields as _fields
from pulumi_xobin._core.fields import (
    AUTH,
    AUTH_STATUS,
    INTERVIEW_WEBHOOK_SETTINGS,
    PROVIDER_CONFIG,
    RESOURCES,
    WEBHOOK_SETTINGS,
    Field,
    ObjectType,
    ResourceType,
    schema_name,
    schema_path,
    secret_paths,
)


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


def test_an_interview_id_is_its_interview_id_input() -> None:
    assert INTERVIEW_WEBHOOK_SETTINGS.id_for({"interview_id": "ai-interview-7"}) == "ai-interview-7"
    with pytest.raises(KeyError):
        INTERVIEW_WEBHOOK_SETTINGS.id_for({})


def test_the_auth_status_adds_only_output_only_flags_to_the_auth() -> None:
    assert AUTH_STATUS.inputs() == AUTH.fields
    assert all(f.output_only for f in AUTH_STATUS.fields if f not in AUTH.fields)
    assert WEBHOOK_SETTINGS.field("auth").output_type is AUTH_STATUS


def test_every_field_is_documented() -> None:
    objects = {f.type for r in RESOURCES for f in r.fields if isinstance(f.type, ObjectType)} | {AUTH_STATUS}
    fields = [f for r in RESOURCES for f in r.fields] + [f for o in objects for f in o.fields]
    assert all(f.doc.strip() for f in (*fields, *PROVIDER_CONFIG))
    assert all(f.left_out_doc.strip() for f in fields if not f.output_only)


def test_the_webhook_names_are_the_type_that_names_them() -> None:
    assert typing.get_args(_fields.WebhookName) == _fields.WEBHOOKS
    for resource in _fields.RESOURCES:
        assert [f.name for f in resource.fields if f.type is _fields.WEBHOOK] == list(_fields.WEBHOOKS)


@pytest.mark.parametrize("module", ["diff", "outputs"])
def test_the_diff_and_the_outputs_name_no_field_of_an_object(module: str) -> None:
    """They walk the declarations: a new auth or webhook field needs no line in either."""
    source = (Path(_fields.__file__).parent / f"{module}.py").read_text()
    named = [f.name for f in (*AUTH_STATUS.fields, *_fields.WEBHOOK.fields) if f'"{f.name}"' in source]
    assert named == []
