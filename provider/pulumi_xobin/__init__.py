"""Pulumi provider for Xobin's AI-interview webhook settings.

    import pulumi_xobin as xobin
    xobin.WebhookSettings("webhooks", start=xobin.WebhookArgs(url="https://hooks.example.com/start"))

Importing this package does no I/O and reads no config: Pulumi's dynamic-provider host imports it to
unpickle the provider (see pulumi/pulumi#7453 for what happens otherwise). Its names are imported when
first used: pytest loads `pulumi_xobin.testing` (a plugin) into every test run where the package is
installed, and that must not cost the import of Pulumi's SDK.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._api.errors import ApiError, RequestError, TransportError, UnexpectedResponseError
    from ._args import ApiKeyAuthArgs, BasicAuthArgs, WebhookArgs
    from ._core.errors import ConfigurationError, XobinError
    from ._dynamic.resources import InterviewWebhookSettings, WebhookSettings

# Each public name, and the module that defines it.
_MODULES = {
    "ApiError": "._api.errors",
    "RequestError": "._api.errors",
    "TransportError": "._api.errors",
    "UnexpectedResponseError": "._api.errors",
    "ApiKeyAuthArgs": "._args",
    "BasicAuthArgs": "._args",
    "WebhookArgs": "._args",
    "ConfigurationError": "._core.errors",
    "XobinError": "._core.errors",
    "InterviewWebhookSettings": "._dynamic.resources",
    "WebhookSettings": "._dynamic.resources",
}

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


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULES[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
