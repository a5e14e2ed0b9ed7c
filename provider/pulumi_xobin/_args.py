"""The argument classes of the resources, shared by the dynamic and the native Python resources.

Nested inputs take these classes or plain dicts with the same snake_case keys. `auth_props` wraps the
secret fields (from the declaration in `_core.fields`) so they are encrypted in state and masked in every
preview even when the program passes a plain string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi

from ._core.fields import AUTH, WEBHOOK, ResourceType
from ._core.secrets import SECRET_PATHS

__all__ = [
    "ApiKeyAuthArgs",
    "AuthInput",
    "BasicAuthArgs",
    "WebhookArgs",
    "WebhookInput",
    "auth_props",
    "settings_props",
    "webhook_props",
]

_AUTH_SECRETS = frozenset(p.split(".", 1)[1] for p in SECRET_PATHS if p.startswith("auth."))


@dataclass(frozen=True)
class WebhookArgs:
    """One webhook: where Xobin sends the event, and whether it does."""

    url: pulumi.Input[str] | None = None
    enabled: pulumi.Input[bool] = True


@dataclass(frozen=True)
class BasicAuthArgs:
    """HTTP basic auth for webhook deliveries. The password is always a secret.

    `secret_version`: any string; changing it sends the password again (see the README's "Drift").
    """

    username: pulumi.Input[str]
    password: pulumi.Input[str]
    secret_version: pulumi.Input[str] | None = None


@dataclass(frozen=True)
class ApiKeyAuthArgs:
    """An API-key header for webhook deliveries. The value is always a secret.

    `secret_version`: any string; changing it sends the value again (see the README's "Drift").
    """

    header: pulumi.Input[str]
    value: pulumi.Input[str]
    secret_version: pulumi.Input[str] | None = None


WebhookInput = WebhookArgs | Mapping[str, Any]
AuthInput = BasicAuthArgs | ApiKeyAuthArgs | Mapping[str, Any]


def webhook_props(value: pulumi.Input[WebhookInput] | None) -> Any:
    if isinstance(value, WebhookArgs):
        return {"url": value.url, "enabled": value.enabled}
    if isinstance(value, Mapping):
        return dict(value)
    return value  # None, an Output, or a wrong type that the provider's check reports by field name


def auth_props(value: pulumi.Input[AuthInput] | None) -> Any:
    props: dict[str, Any]
    if isinstance(value, BasicAuthArgs):
        props = {"type": "basic", "username": value.username, "password": value.password}
    elif isinstance(value, ApiKeyAuthArgs):
        props = {"type": "apikey", "header": value.header, "value": value.value}
    elif isinstance(value, Mapping):
        props = dict(value)
    elif isinstance(value, pulumi.Output):
        # Its fields cannot be wrapped one by one before it resolves: keep the whole object secret.
        return pulumi.Output.secret(value)
    else:
        return value
    if isinstance(value, (BasicAuthArgs, ApiKeyAuthArgs)) and value.secret_version is not None:
        props["secret_version"] = value.secret_version
    return {
        k: pulumi.Output.secret(v) if k in _AUTH_SECRETS and v is not None else v for k, v in props.items()
    }


def settings_props(resource: ResourceType, **inputs: Any) -> dict[str, Any]:
    """The property bag of `resource` from its constructor's arguments, one per declared input, in Python
    names: webhooks and auth taken from their `*Args` classes (auth's secrets wrapped), the rest as given."""
    props = {}
    for f in resource.inputs():
        value = inputs[f.name]
        if f.type is WEBHOOK:
            value = webhook_props(value)
        elif f.type is AUTH:
            value = auth_props(value)
        props[f.name] = value
    return props
