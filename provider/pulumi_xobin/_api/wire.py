"""The JSON the Xobin webhook-settings endpoints take and give, as pydantic models, and their meaning.

Requests are built from the model's `DesiredSettings` (`request_for`) and serialised by alias (camelCase
on the wire). Responses ignore unknown fields, since the API may add some at any time, accept both
documented spellings of the API-key auth (`header`/`apikey` on the global path, `key`/`value` on the
per-interview path), and become the model's `LiveSettings` (`live_from`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from .._core.fields import WEBHOOKS, WebhookName
from .._core.model import ApiKeyAuth, BasicAuth, DesiredSettings, LiveAuth, LiveSettings, Webhook

__all__ = [
    "ApiKeyWireStyle",
    "AuthRequest",
    "SettingsRequest",
    "SettingsResponse",
    "WebhookWire",
    "WebhooksRequest",
    "live_from",
    "request_for",
]

# Which field names an API-key auth request uses: the global path documents `header`/`apikey`, the
# per-interview path `key`/`value` (see the project's API notes). One constant per path.
ApiKeyWireStyle = Literal["header/apikey", "key/value"]


class _Request(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, serialize_by_alias=True, extra="forbid"
    )


class _Response(BaseModel):
    # Strict: a "yes" where the docs show a boolean is a wrong answer, not True.
    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True, extra="ignore", strict=True)


class WebhookWire(_Request):
    """One webhook as sent: `status` is the enabled flag."""

    status: bool
    url: str | None


class AuthRequest(_Request):
    """The `auth` object of a request; it replaces the stored auth as a whole."""

    type: Literal["basic", "apikey"]
    basic: dict[str, str] | None = None
    apikey: dict[str, str] | None = None

    @classmethod
    def basic_auth(cls, username: str, password: str) -> AuthRequest:
        return cls(type="basic", basic={"username": username, "password": password})

    @classmethod
    def apikey_auth(cls, header: str, value: str, style: ApiKeyWireStyle) -> AuthRequest:
        fields = (
            {"header": header, "apikey": value}
            if style == "header/apikey"
            else {"key": header, "value": value}
        )
        return cls(type="apikey", apikey=fields)


class WebhooksRequest(_Request):
    """The `webhooks` object of a request: `auth`, and each webhook sent, by its name (`WEBHOOKS`)."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, WebhookWire]
    auth: AuthRequest | None = None


class SettingsRequest(_Request):
    """Body of the settings POST (global) or PUT (per interview, without `updateAll`)."""

    webhooks: WebhooksRequest
    update_all: bool | None = None

    def to_json(self) -> dict[str, object]:
        # Parts left out are left out of the body: the API keeps what is not sent.
        return self.model_dump(mode="json", exclude_none=True)


class WebhookState(_Response):
    status: bool = False
    url: str | None = None


class BasicAuthState(_Response):
    username: str | None = None
    has_password: bool = False


class ApiKeyAuthState(_Response):
    header: str | None = Field(default=None, validation_alias=AliasChoices("header", "key"))
    # Not documented; used like hasPassword when a server reports it.
    has_value: bool | None = Field(
        default=None, validation_alias=AliasChoices("hasApikey", "hasApiKey", "hasValue")
    )


class AuthState(_Response):
    type: Literal["basic", "apikey"] | None = None
    basic: BasicAuthState | None = None
    apikey: ApiKeyAuthState | None = None


class WebhooksState(_Response):
    """The `webhooks` object of an answer: `auth`, and each webhook by its name (`WEBHOOKS`)."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, WebhookState | None]
    auth: AuthState | None = None

    @model_validator(mode="before")
    @classmethod
    def _known_parts(cls, data: Any) -> Any:
        # The API may add fields at any time: only the webhooks and auth are read (and validated).
        if not isinstance(data, dict):
            return data
        return {key: value for key, value in data.items() if key in (*WEBHOOKS, "auth")}

    def webhook(self, name: WebhookName) -> WebhookState | None:
        return self.__pydantic_extra__.get(name)


class SettingsResponse(_Response):
    """The settings as the API answers them, credentials masked."""

    webhooks: WebhooksState


def request_for(
    desired: DesiredSettings, style: ApiKeyWireStyle, *, with_update_all: bool
) -> SettingsRequest:
    """The request body that applies `desired`; parts it leaves as None are left out, so Xobin keeps them."""
    auth: AuthRequest | None = None
    if isinstance(desired.auth, BasicAuth):
        auth = AuthRequest.basic_auth(desired.auth.username, desired.auth.password)
    elif isinstance(desired.auth, ApiKeyAuth):
        auth = AuthRequest.apikey_auth(desired.auth.header, desired.auth.value, style)
    # Each managed webhook under its name; those left out are left out of the body, so Xobin keeps them.
    sent = {name: WebhookWire(status=hook.enabled, url=hook.url) for name, hook in desired.webhooks.items()}
    webhooks = WebhooksRequest.model_validate({"auth": auth, **sent})
    return SettingsRequest(
        webhooks=webhooks, update_all=True if with_update_all and desired.update_all else None
    )


def live_from(response: SettingsResponse) -> LiveSettings:
    """The settings an answer describes; a part it leaves out is reported as disabled and empty."""
    hooks = response.webhooks
    auth = hooks.auth
    basic = auth.basic if auth else None
    apikey = auth.apikey if auth else None
    return LiveSettings(
        {name: _live_webhook(hooks.webhook(name)) for name in WEBHOOKS},
        LiveAuth(
            type=auth.type if auth else None,
            username=basic.username if basic else None,
            has_password=basic.has_password if basic else False,
            header=apikey.header if apikey else None,
            has_value=apikey.has_value if apikey else None,
        ),
    )


def _live_webhook(state: WebhookState | None) -> Webhook:
    return Webhook(None, False) if state is None else Webhook(url=state.url, enabled=state.status)
