"""Plain, typed values for webhook settings: what a program wants, and what Xobin has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

# The wire models (pydantic) are only loaded where the API is called: a Pulumi program imports this
# package for its resources and never calls the API, and pydantic takes a tenth of a second to load.
if TYPE_CHECKING:
    from ._wire import ApiKeyWireStyle, SettingsRequest, SettingsResponse, WebhookWire

__all__ = [
    "ApiKeyAuth",
    "Auth",
    "BasicAuth",
    "DesiredSettings",
    "LiveAuth",
    "LiveSettings",
    "Webhook",
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

    def to_request(self, style: ApiKeyWireStyle, *, with_update_all: bool) -> SettingsRequest:
        from ._wire import AuthRequest, SettingsRequest, WebhooksRequest

        auth: AuthRequest | None = None
        if isinstance(self.auth, BasicAuth):
            auth = AuthRequest.basic_auth(self.auth.username, self.auth.password)
        elif isinstance(self.auth, ApiKeyAuth):
            auth = AuthRequest.apikey_auth(self.auth.header, self.auth.value, style)
        webhooks = WebhooksRequest(
            start=_wire_webhook(self.start), submission=_wire_webhook(self.submission), auth=auth
        )
        return SettingsRequest(
            webhooks=webhooks, update_all=True if with_update_all and self.update_all else None
        )


def _wire_webhook(webhook: Webhook | None) -> WebhookWire | None:
    from ._wire import WebhookWire

    return None if webhook is None else WebhookWire(status=webhook.enabled, url=webhook.url)


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

    def webhook(self, name: WebhookName) -> Webhook:
        return self.start if name == "start" else self.submission

    @classmethod
    def from_response(cls, response: SettingsResponse) -> LiveSettings:
        hooks = response.webhooks
        auth = hooks.auth
        basic = auth.basic if auth else None
        apikey = auth.apikey if auth else None
        return cls(
            start=Webhook(url=hooks.start.url, enabled=hooks.start.status)
            if hooks.start
            else Webhook(None, False),
            submission=(
                Webhook(url=hooks.submission.url, enabled=hooks.submission.status)
                if hooks.submission
                else Webhook(None, False)
            ),
            auth=LiveAuth(
                type=auth.type if auth else None,
                username=basic.username if basic else None,
                has_password=basic.has_password if basic else False,
                header=apikey.header if apikey else None,
                has_value=apikey.has_value if apikey else None,
            ),
        )
