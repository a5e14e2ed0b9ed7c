"""Request bodies sent to Xobin and responses parsed from it."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from pulumi_xobin._api.wire import ApiKeyWireStyle, SettingsResponse, live_from, request_for
from pulumi_xobin._core.fields import WebhookName
from pulumi_xobin._core.model import ApiKeyAuth, BasicAuth, DesiredSettings, LiveAuth, LiveSettings, Webhook
from support.samples import API_KEY_VALUE, PASSWORD, START, SUBMISSION


@pytest.mark.parametrize(
    ("desired", "style", "with_update_all", "expected"),
    [
        pytest.param(
            DesiredSettings(
                {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
                auth=BasicAuth("svc", PASSWORD),
                update_all=True,
            ),
            "header/apikey",
            True,
            {
                "webhooks": {
                    "start": {"status": True, "url": START},
                    "submission": {"status": True, "url": SUBMISSION},
                    "auth": {"type": "basic", "basic": {"username": "svc", "password": PASSWORD}},
                },
                "updateAll": True,
            },
            id="documented-global-example",
        ),
        pytest.param(
            DesiredSettings(auth=ApiKeyAuth("X-Webhook-Key", API_KEY_VALUE)),
            "header/apikey",
            True,
            {
                "webhooks": {
                    "auth": {"type": "apikey", "apikey": {"header": "X-Webhook-Key", "apikey": API_KEY_VALUE}}
                }
            },
            id="global-apikey-style",
        ),
        pytest.param(
            DesiredSettings(auth=ApiKeyAuth("X-Webhook-Key", API_KEY_VALUE), update_all=True),
            "key/value",
            False,
            {
                "webhooks": {
                    "auth": {"type": "apikey", "apikey": {"key": "X-Webhook-Key", "value": API_KEY_VALUE}}
                }
            },
            id="per-interview-key-value-style",
        ),
        pytest.param(
            DesiredSettings(auth=BasicAuth("svc", PASSWORD)),
            "key/value",
            False,
            {"webhooks": {"auth": {"type": "basic", "basic": {"username": "svc", "password": PASSWORD}}}},
            id="basic-same-in-both-styles",
        ),
        pytest.param(
            DesiredSettings({"start": Webhook(START, True)}, update_all=False),
            "header/apikey",
            True,
            {"webhooks": {"start": {"status": True, "url": START}}},
            id="update-all-false-omitted",
        ),
        pytest.param(
            DesiredSettings({"start": Webhook(START, True)}, update_all=True),
            "header/apikey",
            False,
            {"webhooks": {"start": {"status": True, "url": START}}},
            id="update-all-not-sent-when-not-taken",
        ),
        pytest.param(
            DesiredSettings({"submission": Webhook(None, False)}),
            "header/apikey",
            True,
            {"webhooks": {"submission": {"status": False}}},
            id="disabled-without-url-sends-no-url",
        ),
        pytest.param(DesiredSettings(), "header/apikey", True, {"webhooks": {}}, id="nothing-managed"),
    ],
)
def test_request_body(
    desired: DesiredSettings, style: ApiKeyWireStyle, with_update_all: bool, expected: dict[str, Any]
) -> None:
    assert request_for(desired, style, with_update_all=with_update_all).to_json() == expected


DOCUMENTED_RESPONSE: dict[str, Any] = {
    "webhooks": {
        "start": {"status": True, "url": START},
        "submission": {"status": True, "url": SUBMISSION},
        "auth": {
            "type": "basic",
            "basic": {"username": "svc", "password": None, "hasPassword": True},
            "apikey": {"header": None, "apikey": None},
        },
    }
}


def apikey_response(apikey: dict[str, Any]) -> dict[str, Any]:
    return {
        "webhooks": {
            "start": {"status": False, "url": START},
            "submission": {"status": True, "url": SUBMISSION},
            "auth": {"type": "apikey", "basic": {"username": None, "password": None}, "apikey": apikey},
        }
    }


APIKEY_HOOKS: dict[WebhookName, Webhook] = {
    "start": Webhook(START, False),
    "submission": Webhook(SUBMISSION, True),
}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            DOCUMENTED_RESPONSE,
            LiveSettings(
                {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
                LiveAuth(type="basic", username="svc", has_password=True),
            ),
            id="documented-example",
        ),
        pytest.param(
            apikey_response({"header": "X-Webhook-Key", "apikey": None}),
            LiveSettings(APIKEY_HOOKS, LiveAuth(type="apikey", header="X-Webhook-Key", has_value=None)),
            id="header-apikey-spelling",
        ),
        pytest.param(
            apikey_response({"key": "X-Webhook-Key", "value": None}),
            LiveSettings(APIKEY_HOOKS, LiveAuth(type="apikey", header="X-Webhook-Key", has_value=None)),
            id="key-value-spelling",
        ),
        pytest.param(
            apikey_response({"header": "X-Webhook-Key", "apikey": None, "hasApikey": True}),
            LiveSettings(APIKEY_HOOKS, LiveAuth(type="apikey", header="X-Webhook-Key", has_value=True)),
            id="hasApikey",
        ),
        pytest.param(
            apikey_response({"header": "X-Webhook-Key", "hasApiKey": False}),
            LiveSettings(APIKEY_HOOKS, LiveAuth(type="apikey", header="X-Webhook-Key", has_value=False)),
            id="hasApiKey",
        ),
        pytest.param(
            apikey_response({"key": "X-Webhook-Key", "hasValue": True}),
            LiveSettings(APIKEY_HOOKS, LiveAuth(type="apikey", header="X-Webhook-Key", has_value=True)),
            id="hasValue",
        ),
        pytest.param(
            {"webhooks": {"start": {"status": True, "url": START}, "submission": None, "auth": None}},
            LiveSettings({"start": Webhook(START, True), "submission": Webhook(None, False)}, LiveAuth()),
            id="null-submission-and-auth",
        ),
        pytest.param(
            {"webhooks": {"start": None}},
            LiveSettings({"start": Webhook(None, False), "submission": Webhook(None, False)}, LiveAuth()),
            id="null-start-rest-missing",
        ),
        pytest.param(
            {"webhooks": {"auth": {"type": "basic", "basic": None, "apikey": None}}},
            LiveSettings(
                {"start": Webhook(None, False), "submission": Webhook(None, False)}, LiveAuth(type="basic")
            ),
            id="null-basic",
        ),
        pytest.param(
            {"webhooks": {"auth": {"type": None}}},
            LiveSettings({"start": Webhook(None, False), "submission": Webhook(None, False)}, LiveAuth()),
            id="null-type",
        ),
        pytest.param(
            {
                "requestId": "r-1",
                "webhooks": {
                    "start": {"status": True, "url": START, "lastDelivery": "2024-01-01"},
                    "auth": {
                        "type": "basic",
                        "status": True,
                        "basic": {"username": "svc", "hasPassword": False, "rotatedAt": None},
                    },
                    "retries": 3,
                },
            },
            LiveSettings(
                {"start": Webhook(START, True), "submission": Webhook(None, False)},
                LiveAuth(type="basic", username="svc", has_password=False),
            ),
            id="unknown-fields-ignored",
        ),
    ],
)
def test_response_parsing(body: dict[str, Any], expected: LiveSettings) -> None:
    assert live_from(SettingsResponse.model_validate(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="empty-object"),
        pytest.param({"settings": DOCUMENTED_RESPONSE["webhooks"]}, id="other-name"),
        pytest.param({"error": "limit_exceed", "message": "Too many requests"}, id="error-body"),
        pytest.param({"webhooks": None}, id="null-webhooks"),
    ],
)
def test_response_without_webhooks_is_rejected(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SettingsResponse.model_validate(body)
