"""Each face's Python resources take exactly the declared inputs, in the declared order, and say what
the declarations say: the constructors are the typed public API, written out, and held to the fields here."""

from __future__ import annotations

import inspect

import pytest

import pulumi_xobin
import pulumi_xobin.native
from pulumi_xobin._core.fields import (
    INTERVIEW_WEBHOOK_SETTINGS,
    PROVIDER_CONFIG,
    WEBHOOK_SETTINGS,
    ResourceType,
)

RESOURCES = [
    pytest.param(face.WebhookSettings, WEBHOOK_SETTINGS, id=f"{face.__name__}.WebhookSettings")
    for face in (pulumi_xobin, pulumi_xobin.native)
] + [
    pytest.param(
        face.InterviewWebhookSettings,
        INTERVIEW_WEBHOOK_SETTINGS,
        id=f"{face.__name__}.InterviewWebhookSettings",
    )
    for face in (pulumi_xobin, pulumi_xobin.native)
]
NOT_INPUTS = ("self", "resource_name", "opts")


def arguments(cls: type) -> dict[str, inspect.Parameter]:
    params = inspect.signature(cls.__init__).parameters  # type: ignore[misc]
    return {name: p for name, p in params.items() if name not in NOT_INPUTS}


@pytest.mark.parametrize(("cls", "resource"), RESOURCES)
def test_a_resource_takes_the_declared_inputs_as_keywords(cls: type, resource: ResourceType) -> None:
    params = arguments(cls)
    assert list(params) == [f.name for f in resource.inputs()]
    assert {p.kind for p in params.values()} == {inspect.Parameter.KEYWORD_ONLY}
    required = [name for name, p in params.items() if p.default is inspect.Parameter.empty]
    assert required == [f.name for f in resource.inputs() if f.required]


@pytest.mark.parametrize(("cls", "resource"), RESOURCES)
def test_a_resource_declares_its_outputs_and_documents_itself_from_the_declarations(
    cls: type, resource: ResourceType
) -> None:
    assert list(cls.__annotations__) == [f.name for f in resource.fields]
    assert cls.__doc__ == resource.doc


def test_the_explicit_provider_takes_the_declared_settings() -> None:
    assert list(arguments(pulumi_xobin.native.Provider)) == [f.name for f in PROVIDER_CONFIG]
