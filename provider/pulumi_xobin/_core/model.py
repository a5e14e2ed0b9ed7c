"""Plain, typed values for webhook settings: what a program wants, and what Xobin has.

No wire format here: how these travel to and from the API is `_api.wire`'s business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "WEBHOOKS",
    "ApiKeyAuth",
    "Auth",
    "BasicAuth",
    "DesiredSettings",
    "LiveAuth",
    "LiveSettings",
    "Webhook",
    "WebhookName",
]

WebhookName = Literal["start", "submission"]
WEBHOOKS: tuple[WebhookName, ...] = ("start", "submission")


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
    """What a program asks for. A part left as None is not managed: its live value is left alone."""

    start: Webhook | None = None
    submission: Webhook | None = None
    auth: Auth | None = None
    update_all: bool = False

    def webhook(self, name: WebhookName) -> Webhook | None:
        return self.start if name == "start" else self.submission

    @classmethod
    def from_inputs(cls, props: Mapping[str, Any]) -> DesiredSettings:
        """Typed settings from checked, fully known inputs (as create and update receive them)."""
        return cls(
            start=_webhook(props.get("start")),
            submission=_webhook(props.get("submission")),
            auth=_auth(props.get("auth")),
            update_all=bool(props.get("update_all")),
        )


def _webhook(value: Mapping[str, Any] | None) -> Webhook | None:
    if value is None:
        return None
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
    start: Webhook
    submission: Webhook
    auth: LiveAuth

    def webhook(self, name: str) -> Webhook:
        return self.start if name == "start" else self.submission
