"""The dynamic Pulumi resources users write in their programs.

Thin on purpose: turn arguments into the property bag the provider checks (`_args`) and register the
dynamic resource, leaving the pickler as it was (`_pickler_guard`: Pulumi's serialization of the provider
would otherwise cost more with every resource, and fail near a thousand).
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi.dynamic

from ._args import AuthInput, WebhookInput, settings_props
from ._pickler_guard import pickler_as_found
from .provider import InterviewWebhookSettingsProvider, WebhookSettingsProvider

__all__ = ["InterviewWebhookSettings", "WebhookSettings"]


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
        props = settings_props(start, submission, auth, update_all=update_all)
        with pickler_as_found():
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
        props = settings_props(start, submission, auth, interview_id=interview_id)
        with pickler_as_found():
            super().__init__(InterviewWebhookSettingsProvider(), resource_name, props, opts)
