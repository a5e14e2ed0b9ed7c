"""Plain, typed values for webhook settings: what a program wants, and what Xobin has.

No wire format here: how these travel to and from the API is `_api.wire`'s business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .fields import WEBHOOKS, WebhookName

__all__ = [
    "ApiKeyAuth",
    "Auth",
    "BasicAuth",
    "DesiredSettings",
    "LiveAuth",
    "LiveSettings",
    "Webhook",
]


@dataclass(frozen=True)
class Webhook:
    url: str | None
    enabled: bool


@dataclass(frozen=True)
class BasicAuth:
    username: str
    password: str


@dataclass(frozen=True)
class ApiKeyAuth:
    header: str
    value: str


Auth = BasicAuth | ApiKeyAuth


@dataclass(frozen=True)
class DesiredSettings:
    """What a program asks for. A webhook missing from `webhooks`, or auth left None, is not managed:
    its live value is left alone."""

    webhooks: Mapping[WebhookName, Webhook] = field(default_factory=dict)
    auth: Auth | None = None
    update_all: bool = False

    @classmethod
    def from_inputs(cls, props: Mapping[str, Any]) -> DesiredSettings:
        """Typed settings from checked, fully known inputs (as create and update receive them)."""
        return cls(
            webhooks={name: _webhook(props[name]) for name in WEBHOOKS if props.get(name) is not None},
            auth=_auth(props.get("auth")),
            update_all=bool(props.get("update_all")),
        )


def _webhook(value: Mapping[str, Any]) -> Webhook:
    enabled = value.get("enabled")
    return Webhook(url=value.get("url"), enabled=True if enabled is None else bool(enabled))


def _auth(value: Mapping[str, Any] | None) -> Auth | None:
    if value is None:
        return None
    if value.get("type") == "apikey":
        return ApiKeyAuth(header=str(value["header"]), value=str(value["value"]))
    return BasicAuth(username=str(value["username"]), password=str(value["password"]))


@dataclass(frozen=True)
class LiveAuth:
    """Auth as Xobin reports it: never the password or API-key value, only whether one is stored."""

    type: Literal["basic", "apikey"] | None = None
    username: str | None = None
    has_password: bool = False
    header: str | None = None
    # None when the API does not say whether an API-key value is stored.
    has_value: bool | None = None


@dataclass(frozen=True)
class LiveSettings:
    """The settings as Xobin reports them: every webhook (disabled and empty where it has none) and auth."""

    webhooks: Mapping[WebhookName, Webhook]
    auth: LiveAuth

    def webhook(self, name: WebhookName) -> Webhook:
        return self.webhooks[name]
