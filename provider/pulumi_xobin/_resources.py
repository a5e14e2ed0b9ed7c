"""The Pulumi resources users write in their programs, and their argument classes.

Thin on purpose: turn arguments into the property bag the provider checks, wrap the secret fields
(from the declaration in `_inputs.FIELDS`) so they are encrypted in state and masked in every preview
even when the program passes a plain string, and register the dynamic resource.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi.dynamic

from ._inputs import secret_paths
from .provider import InterviewWebhookSettingsProvider, WebhookSettingsProvider

__all__ = ["ApiKeyAuthArgs", "BasicAuthArgs", "InterviewWebhookSettings", "WebhookArgs", "WebhookSettings"]

_AUTH_SECRETS = frozenset(p.split(".", 1)[1] for p in secret_paths() if p.startswith("auth."))


@dataclass(frozen=True)
class WebhookArgs:
    """One webhook: where Xobin sends the event, and whether it does."""

    url: pulumi.Input[str] | None = None
    enabled: pulumi.Input[bool] = True


@dataclass(frozen=True)
class BasicAuthArgs:
    """HTTP basic auth for webhook deliveries. The password is always a secret."""

    username: pulumi.Input[str]
    password: pulumi.Input[str]


@dataclass(frozen=True)
class ApiKeyAuthArgs:
    """An API-key header for webhook deliveries. The value is always a secret."""

    header: pulumi.Input[str]
    value: pulumi.Input[str]


WebhookInput = WebhookArgs | Mapping[str, Any]
AuthInput = BasicAuthArgs | ApiKeyAuthArgs | Mapping[str, Any]


def webhook_props(value: pulumi.Input[WebhookInput] | None) -> Any:
    if isinstance(value, WebhookArgs):
        return {"url": value.url, "enabled": value.enabled}
    if isinstance(value, Mapping):
        return dict(value)
    return value  # None, an Output, or a wrong type that the provider's check reports by field name


def auth_props(value: pulumi.Input[AuthInput] | None) -> Any:
    if isinstance(value, BasicAuthArgs):
        props: dict[str, Any] = {"type": "basic", "username": value.username, "password": value.password}
    elif isinstance(value, ApiKeyAuthArgs):
        props = {"type": "apikey", "header": value.header, "value": value.value}
    elif isinstance(value, Mapping):
        props = dict(value)
    elif isinstance(value, pulumi.Output):
        # Its fields cannot be wrapped one by one before it resolves: keep the whole object secret.
        return pulumi.Output.secret(value)
    else:
        return value
    return {
        k: pulumi.Output.secret(v) if k in _AUTH_SECRETS and v is not None else v for k, v in props.items()
    }


class WebhookSettings(pulumi.dynamic.Resource, module="xobin", name="WebhookSettings"):
    """The account-wide AI-interview webhook settings of a Xobin account.

    There is one set per account: creating this resource adopts it, and destroying it switches off the
    webhooks it manages. Every argument left out is not managed, and its live value is left alone.
    """

    start: pulumi.Output[dict[str, Any] | None]
    submission: pulumi.Output[dict[str, Any] | None]
    auth: pulumi.Output[dict[str, Any] | None]
    update_all: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        start: pulumi.Input[WebhookInput] | None = None,
        submission: pulumi.Input[WebhookInput] | None = None,
        auth: pulumi.Input[AuthInput] | None = None,
        update_all: pulumi.Input[bool] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props = {
            "start": webhook_props(start),
            "submission": webhook_props(submission),
            "auth": auth_props(auth),
            "update_all": update_all,
        }
        super().__init__(WebhookSettingsProvider(), resource_name, props, opts)


class InterviewWebhookSettings(pulumi.dynamic.Resource, module="xobin", name="InterviewWebhookSettings"):
    """One AI interview's webhook settings, overriding the account-wide ones for that interview.

    Changing `interview_id` replaces the resource. Destroying it switches off the webhooks it manages.
    Drift is seen only where the server answers GET on the interview's settings (see the README).
    """

    interview_id: pulumi.Output[str]
    start: pulumi.Output[dict[str, Any] | None]
    submission: pulumi.Output[dict[str, Any] | None]
    auth: pulumi.Output[dict[str, Any] | None]

    def __init__(
        self,
        resource_name: str,
        *,
        interview_id: pulumi.Input[str],
        start: pulumi.Input[WebhookInput] | None = None,
        submission: pulumi.Input[WebhookInput] | None = None,
        auth: pulumi.Input[AuthInput] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props = {
            "interview_id": interview_id,
            "start": webhook_props(start),
            "submission": webhook_props(submission),
            "auth": auth_props(auth),
        }
        super().__init__(InterviewWebhookSettingsProvider(), resource_name, props, opts)
