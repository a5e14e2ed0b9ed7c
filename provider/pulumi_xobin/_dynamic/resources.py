"""The dynamic Pulumi resources users write in their programs.

Thin on purpose: turn arguments into the property bag the provider checks (`_args`) and register the
dynamic resource, leaving the pickler as it was (`pickler_guard`: Pulumi's serialization of the provider
would otherwise cost more with every resource, and fail near a thousand).
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi.dynamic

from .._args import AuthInput, WebhookInput, settings_props
from .._core.fields import INTERVIEW_WEBHOOK_SETTINGS, WEBHOOK_SETTINGS
from ..provider import InterviewWebhookSettingsProvider, WebhookSettingsProvider
from .pickler_guard import pickler_as_found

__all__ = ["InterviewWebhookSettings", "WebhookSettings"]


class WebhookSettings(pulumi.dynamic.Resource, module="xobin", name="WebhookSettings"):
    __doc__ = WEBHOOK_SETTINGS.doc

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
        props = settings_props(
            WEBHOOK_SETTINGS, start=start, submission=submission, auth=auth, update_all=update_all
        )
        with pickler_as_found():
            super().__init__(WebhookSettingsProvider(), resource_name, props, opts)


class InterviewWebhookSettings(pulumi.dynamic.Resource, module="xobin", name="InterviewWebhookSettings"):
    __doc__ = INTERVIEW_WEBHOOK_SETTINGS.doc

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
        props = settings_props(
            INTERVIEW_WEBHOOK_SETTINGS,
            interview_id=interview_id,
            start=start,
            submission=submission,
            auth=auth,
        )
        with pickler_as_found():
            super().__init__(InterviewWebhookSettingsProvider(), resource_name, props, opts)
