"""Pulumi provider for Xobin's AI-interview webhook settings.

    import pulumi_xobin as xobin
    xobin.WebhookSettings("webhooks", start=xobin.WebhookArgs(url="https://hooks.example.com/start"))

Importing this package does no I/O and reads no config: Pulumi's dynamic-provider host imports it to
unpickle the provider (see pulumi/pulumi#7453 for what happens otherwise).
"""

from ._api.errors import ApiError, RequestError, TransportError, UnexpectedResponseError
from ._args import ApiKeyAuthArgs, BasicAuthArgs, WebhookArgs
from ._core.errors import ConfigurationError, XobinError
from ._dynamic.resources import InterviewWebhookSettings, WebhookSettings

__all__ = [
    "ApiError",
    "ApiKeyAuthArgs",
    "BasicAuthArgs",
    "ConfigurationError",
    "InterviewWebhookSettings",
    "RequestError",
    "TransportError",
    "UnexpectedResponseError",
    "WebhookArgs",
    "WebhookSettings",
    "XobinError",
]
