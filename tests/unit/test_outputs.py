"""Outputs from live settings, and the inputs a refresh hands back."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_xobin._model import LiveAuth, LiveSettings, Webhook
from pulumi_xobin._outputs import inputs_from_outputs, outputs_from_live

PASSWORD = "pw-91aa-do-not-print"
API_KEY_VALUE = "key-2f6d-do-not-print"
START = "https://hooks.example.com/start"
SUBMISSION = "https://hooks.example.com/submission"

BASIC: dict[str, Any] = {"type": "basic", "username": "svc", "password": PASSWORD}
APIKEY: dict[str, Any] = {"type": "apikey", "header": "X-Webhook-Key", "value": API_KEY_VALUE}
HOOKS = (Webhook(START, True), Webhook(SUBMISSION, False))


def live(auth: LiveAuth) -> LiveSettings:
    return LiveSettings(*HOOKS, auth=auth)


@pytest.mark.parametrize(
    ("want", "live_auth", "expected"),
    [
        pytest.param(
            BASIC,
            LiveAuth(type="basic", username="svc", has_password=True),
            {"type": "basic", "username": "svc", "password": PASSWORD, "has_password": True},
            id="basic-stored-keeps-password",
        ),
        pytest.param(
            BASIC,
            LiveAuth(type="basic", username="svc", has_password=False),
            {"type": "basic", "username": "svc", "password": None, "has_password": False},
            id="basic-none-stored-nulls-password",
        ),
        pytest.param(
            BASIC,
            LiveAuth(type="basic", username="someone-else", has_password=True),
            {"type": "basic", "username": "someone-else", "password": PASSWORD, "has_password": True},
            id="username-from-live",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="basic", username="svc", has_password=True),
            {"type": "basic", "username": "svc", "password": None, "has_password": True},
            id="apikey-wanted-basic-live-no-password",
        ),
        pytest.param(
            BASIC,
            LiveAuth(),
            {"type": None, "username": None, "password": None, "has_password": False},
            id="no-auth-live",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="apikey", header="X-Webhook-Key", has_value=True),
            {"type": "apikey", "header": "X-Webhook-Key", "value": API_KEY_VALUE, "has_value": True},
            id="apikey-stored-keeps-value",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="apikey", header="X-Webhook-Key", has_value=None),
            {"type": "apikey", "header": "X-Webhook-Key", "value": API_KEY_VALUE, "has_value": None},
            id="apikey-unreported-keeps-value",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="apikey", header="X-Webhook-Key", has_value=False),
            {"type": "apikey", "header": "X-Webhook-Key", "value": None, "has_value": False},
            id="apikey-none-stored-nulls-value",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="apikey", header="X-Other", has_value=True),
            {"type": "apikey", "header": "X-Other", "value": API_KEY_VALUE, "has_value": True},
            id="header-from-live",
        ),
        pytest.param(
            BASIC,
            LiveAuth(type="apikey", header="X-Webhook-Key", has_value=True, has_password=True),
            {"type": "apikey", "header": "X-Webhook-Key", "value": None, "has_value": True},
            id="basic-wanted-apikey-live-no-value",
        ),
    ],
)
def test_auth_outputs(want: dict[str, Any], live_auth: LiveAuth, expected: dict[str, Any]) -> None:
    assert outputs_from_live({"auth": want}, live(live_auth))["auth"] == expected


def test_webhooks_come_from_live_settings() -> None:
    managed = {"start": {"url": "https://old.example.com", "enabled": False}, "submission": {"enabled": True}}
    outs = outputs_from_live(managed, live(LiveAuth()))
    assert outs["start"] == {"url": START, "enabled": True}
    assert outs["submission"] == {"url": SUBMISSION, "enabled": False}


@pytest.mark.parametrize(
    ("managed", "expected"),
    [
        pytest.param(
            {}, {"start": None, "submission": None, "auth": None, "update_all": False}, id="nothing"
        ),
        pytest.param(
            {"start": {"url": START}},
            {"start": {"url": START, "enabled": True}, "submission": None, "auth": None, "update_all": False},
            id="start-only",
        ),
        pytest.param(
            {"submission": {"url": SUBMISSION}, "update_all": True},
            {
                "start": None,
                "submission": {"url": SUBMISSION, "enabled": False},
                "auth": None,
                "update_all": True,
            },
            id="submission-and-update-all",
        ),
        pytest.param(
            {"start": None, "submission": None, "auth": None, "update_all": None},
            {"start": None, "submission": None, "auth": None, "update_all": False},
            id="explicit-nulls",
        ),
    ],
)
def test_unmanaged_parts_are_none(managed: dict[str, Any], expected: dict[str, Any]) -> None:
    assert (
        outputs_from_live(managed, live(LiveAuth(type="basic", username="svc", has_password=True)))
        == expected
    )


def test_previous_outputs_as_managed_keep_the_password() -> None:
    first = outputs_from_live(
        {"auth": BASIC}, live(LiveAuth(type="basic", username="svc", has_password=True))
    )
    again = outputs_from_live(first, live(LiveAuth(type="basic", username="svc", has_password=True)))
    assert again == first
    assert again["auth"]["password"] == PASSWORD


@pytest.mark.parametrize(
    ("outs", "expected"),
    [
        pytest.param(
            {
                "start": {"url": START, "enabled": True},
                "submission": None,
                "auth": {"type": "basic", "username": "svc", "password": PASSWORD, "has_password": True},
                "update_all": True,
            },
            {
                "start": {"url": START, "enabled": True},
                "submission": None,
                "auth": {"type": "basic", "username": "svc", "password": PASSWORD},
                "update_all": True,
            },
            id="basic",
        ),
        pytest.param(
            {
                "start": None,
                "submission": {"url": SUBMISSION, "enabled": False},
                "auth": {"type": "apikey", "header": "X-Webhook-Key", "value": None, "has_value": False},
                "update_all": False,
            },
            {
                "start": None,
                "submission": {"url": SUBMISSION, "enabled": False},
                "auth": {"type": "apikey", "header": "X-Webhook-Key", "value": None},
                "update_all": False,
            },
            id="apikey",
        ),
        pytest.param(
            {"start": None, "submission": None, "auth": None, "update_all": False},
            {"start": None, "submission": None, "auth": None, "update_all": False},
            id="no-auth",
        ),
        pytest.param(
            {"auth": {"type": "basic", "has_password": True}},
            {"start": None, "submission": None, "auth": {"type": "basic"}, "update_all": None},
            id="missing-keys",
        ),
    ],
)
def test_inputs_from_outputs_drops_has_fields(outs: dict[str, Any], expected: dict[str, Any]) -> None:
    assert inputs_from_outputs(outs) == expected
