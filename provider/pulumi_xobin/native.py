"""Python resources of the native plugin `pulumi-resource-xobin`, and its explicit provider.

    import pulumi_xobin.native as xobin

    account_b = xobin.Provider("account-b", api_key=config.require_secret("accountBKey"))
    xobin.WebhookSettings(
        "hooks",
        start=xobin.WebhookArgs(url="https://hooks.example.com/start"),
        opts=pulumi.ResourceOptions(provider=account_b),
    )

The same arguments as the dynamic resources in `pulumi_xobin`, with what only a native provider gives:
per-property diffs, `pulumi import`, errors without tracebacks, and several accounts in one program.
Every resource asks the engine for the plugin of this distribution's own version, from the project's
releases: the engine installs it on first use, as it does for the SDKs generated from the schema.
"""

from __future__ import annotations

import importlib.metadata
from typing import Any

import pulumi

from ._args import (
    ApiKeyAuthArgs,
    AuthInput,
    BasicAuthArgs,
    WebhookArgs,
    WebhookInput,
    settings_props,
)
from ._core.fields import INTERVIEW_WEBHOOK_SETTINGS, PROVIDER_CONFIG, WEBHOOK_SETTINGS, schema_name
from ._plugin.schema import PACKAGE, PLUGIN_DOWNLOAD_URL

__all__ = [
    "ApiKeyAuthArgs",
    "BasicAuthArgs",
    "InterviewWebhookSettings",
    "Provider",
    "WebhookArgs",
    "WebhookSettings",
]


_PLUGIN_VERSION = importlib.metadata.version("pulumi-xobin")


def _with_plugin(opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
    """`opts`, asking for the plugin of this version and saying where it is released, unless `opts`
    says otherwise. The distribution's pulumi-plugin.json asks for no plugin up front, so a program of
    dynamic resources only never downloads one; the engine fetches it when a resource here needs it."""
    wanted = pulumi.ResourceOptions(version=_PLUGIN_VERSION, plugin_download_url=PLUGIN_DOWNLOAD_URL)
    return pulumi.ResourceOptions.merge(wanted, opts)


def _python_name(name: str) -> str:
    """`hasPassword` -> `has_password`: the engine's names as the outputs' Python keys."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


class Provider(pulumi.ProviderResource):
    """An explicit `xobin` provider: another Xobin account, or other connection settings.

    Every argument left out falls back to the stack config (`xobin:apiKey`, ...), then the environment
    (`XOBIN_API_KEY`, ...), as for the default provider.
    """

    def __init__(
        self,
        resource_name: str,
        *,
        api_key: pulumi.Input[str] | None = None,
        base_url: pulumi.Input[str] | None = None,
        timeout_seconds: pulumi.Input[float] | None = None,
        max_retries: pulumi.Input[int] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        given: dict[str, Any] = {
            "api_key": api_key,
            "base_url": base_url,
            "timeout_seconds": timeout_seconds,
            "max_retries": max_retries,
        }
        # Paired by name with the declarations, not by position.
        props: dict[str, Any] = {}
        for f in PROVIDER_CONFIG:
            value = given[f.name]
            props[f.schema_name] = pulumi.Output.secret(value) if f.secret and value is not None else value
        super().__init__(PACKAGE, resource_name, props, _with_plugin(opts))


class _NativeResource(pulumi.CustomResource):
    """Arguments and outputs in Python names; the engine and the plugin speak the schema's camelCase."""

    def translate_input_property(self, prop: str) -> str:
        return schema_name(prop)

    def translate_output_property(self, prop: str) -> str:
        return _python_name(prop)


class WebhookSettings(_NativeResource):
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
        super().__init__(WEBHOOK_SETTINGS.token, resource_name, props, _with_plugin(opts))


class InterviewWebhookSettings(_NativeResource):
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
        super().__init__(INTERVIEW_WEBHOOK_SETTINGS.token, resource_name, props, _with_plugin(opts))
