"""Outputs from live settings, from what was sent and in a preview; the inputs of a refresh or an import."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._core.fields import INTERVIEW_WEBHOOK_SETTINGS, WEBHOOK_SETTINGS, WebhookName
from pulumi_xobin._core.model import LiveAuth, LiveSettings, Webhook
from pulumi_xobin._core.operations import WEBHOOK_SETTINGS_OPERATIONS
from pulumi_xobin._core.outputs import (
    imported,
    inputs_from_outputs,
    outputs_from_desired,
    outputs_from_live,
    preview_outputs,
)
from support.samples import API_KEY_VALUE, APIKEY, BASIC, PASSWORD, START, SUBMISSION

HOOKS: dict[WebhookName, Webhook] = {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, False)}


def live(auth: LiveAuth) -> LiveSettings:
    return LiveSettings(HOOKS, auth)


@pytest.mark.parametrize(
    ("want", "live_auth", "expected"),
    [
        pytest.param(
            BASIC,
            LiveAuth(type="basic", username="svc", has_password=True),
            {
                "type": "basic",
                "username": "svc",
                "password": PASSWORD,
                "secret_version": None,
                "has_password": True,
            },
            id="basic-stored-keeps-password",
        ),
        pytest.param(
            BASIC,
            LiveAuth(type="basic", username="svc", has_password=False),
            {
                "type": "basic",
                "username": "svc",
                "password": None,
                "secret_version": None,
                "has_password": False,
            },
            id="basic-none-stored-nulls-password",
        ),
        pytest.param(
            BASIC,
            LiveAuth(type="basic", username="someone-else", has_password=True),
            {
                "type": "basic",
                "username": "someone-else",
                "password": PASSWORD,
                "secret_version": None,
                "has_password": True,
            },
            id="username-from-live",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="basic", username="svc", has_password=True),
            {
                "type": "basic",
                "username": "svc",
                "password": None,
                "secret_version": None,
                "has_password": True,
            },
            id="apikey-wanted-basic-live-no-password",
        ),
        pytest.param(
            BASIC,
            LiveAuth(),
            {"type": None, "username": None, "password": None, "secret_version": None, "has_password": False},
            id="no-auth-live",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="apikey", header="X-Webhook-Key", has_value=True),
            {
                "type": "apikey",
                "header": "X-Webhook-Key",
                "value": API_KEY_VALUE,
                "secret_version": None,
                "has_value": True,
            },
            id="apikey-stored-keeps-value",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="apikey", header="X-Webhook-Key", has_value=None),
            {
                "type": "apikey",
                "header": "X-Webhook-Key",
                "value": API_KEY_VALUE,
                "secret_version": None,
                "has_value": None,
            },
            id="apikey-unreported-keeps-value",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="apikey", header="X-Webhook-Key", has_value=False),
            {
                "type": "apikey",
                "header": "X-Webhook-Key",
                "value": None,
                "secret_version": None,
                "has_value": False,
            },
            id="apikey-none-stored-nulls-value",
        ),
        pytest.param(
            APIKEY,
            LiveAuth(type="apikey", header="X-Other", has_value=True),
            {
                "type": "apikey",
                "header": "X-Other",
                "value": API_KEY_VALUE,
                "secret_version": None,
                "has_value": True,
            },
            id="header-from-live",
        ),
        pytest.param(
            BASIC,
            LiveAuth(type="apikey", header="X-Webhook-Key", has_value=True, has_password=True),
            {
                "type": "apikey",
                "header": "X-Webhook-Key",
                "value": None,
                "secret_version": None,
                "has_value": True,
            },
            id="basic-wanted-apikey-live-no-value",
        ),
    ],
)
def test_auth_outputs(want: dict[str, Any], live_auth: LiveAuth, expected: dict[str, Any]) -> None:
    assert outputs_from_live(WEBHOOK_SETTINGS, {"auth": want}, live(live_auth))["auth"] == expected


def test_webhooks_come_from_live_settings() -> None:
    managed = {"start": {"url": "https://old.example.com", "enabled": False}, "submission": {"enabled": True}}
    outs = outputs_from_live(WEBHOOK_SETTINGS, managed, live(LiveAuth()))
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
        outputs_from_live(
            WEBHOOK_SETTINGS, managed, live(LiveAuth(type="basic", username="svc", has_password=True))
        )
        == expected
    )


def test_previous_outputs_as_managed_keep_the_password() -> None:
    first = outputs_from_live(
        WEBHOOK_SETTINGS, {"auth": BASIC}, live(LiveAuth(type="basic", username="svc", has_password=True))
    )
    again = outputs_from_live(
        WEBHOOK_SETTINGS, first, live(LiveAuth(type="basic", username="svc", has_password=True))
    )
    assert again == first
    assert again["auth"]["password"] == PASSWORD


@pytest.mark.parametrize(
    ("outs", "expected"),
    [
        pytest.param(
            {
                "start": {"url": START, "enabled": True},
                "submission": None,
                "auth": {
                    "type": "basic",
                    "username": "svc",
                    "password": PASSWORD,
                    "secret_version": None,
                    "has_password": True,
                },
                "update_all": True,
            },
            {
                "start": {"url": START, "enabled": True},
                "submission": None,
                "auth": {"type": "basic", "username": "svc", "password": PASSWORD, "secret_version": None},
                "update_all": True,
            },
            id="basic",
        ),
        pytest.param(
            {
                "start": None,
                "submission": {"url": SUBMISSION, "enabled": False},
                "auth": {
                    "type": "apikey",
                    "header": "X-Webhook-Key",
                    "value": None,
                    "secret_version": None,
                    "has_value": False,
                },
                "update_all": False,
            },
            {
                "start": None,
                "submission": {"url": SUBMISSION, "enabled": False},
                "auth": {"type": "apikey", "header": "X-Webhook-Key", "value": None, "secret_version": None},
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
    assert inputs_from_outputs(WEBHOOK_SETTINGS, outs) == expected


@pytest.mark.parametrize(
    ("want", "live_auth"),
    [
        pytest.param(BASIC, LiveAuth(type="basic", username="svc", has_password=True), id="basic"),
        pytest.param(APIKEY, LiveAuth(type="apikey", header="X-Webhook-Key", has_value=None), id="apikey"),
        pytest.param(BASIC, LiveAuth(type="basic", username="svc", has_password=False), id="none-stored"),
    ],
)
def test_secret_version_is_carried_from_the_program_and_back(
    want: dict[str, Any], live_auth: LiveAuth
) -> None:
    outs = outputs_from_live(WEBHOOK_SETTINGS, {"auth": {**want, "secret_version": "v7"}}, live(live_auth))
    assert outs["auth"]["secret_version"] == "v7"
    assert inputs_from_outputs(WEBHOOK_SETTINGS, outs)["auth"]["secret_version"] == "v7"
    # Refreshed against the previous outputs, it stays.
    assert outputs_from_live(WEBHOOK_SETTINGS, outs, live(live_auth)) == outs


def test_interview_outputs_carry_the_id_and_no_update_all() -> None:
    managed = {"interview_id": "ai-interview-2", "start": {"url": START}, "auth": APIKEY}
    outs = outputs_from_live(
        INTERVIEW_WEBHOOK_SETTINGS,
        managed,
        live(LiveAuth(type="apikey", header="X-Webhook-Key", has_value=True)),
    )
    assert outs == {
        "interview_id": "ai-interview-2",
        "start": {"url": START, "enabled": True},
        "submission": None,
        "auth": {
            "type": "apikey",
            "header": "X-Webhook-Key",
            "value": API_KEY_VALUE,
            "secret_version": None,
            "has_value": True,
        },
    }
    assert inputs_from_outputs(INTERVIEW_WEBHOOK_SETTINGS, outs) == {
        "interview_id": "ai-interview-2",
        "start": {"url": START, "enabled": True},
        "submission": None,
        "auth": {**APIKEY, "secret_version": None},
    }


def test_outputs_from_desired_report_what_was_sent_as_stored() -> None:
    props = {
        "interview_id": "ai-interview-2",
        "start": {"url": START, "enabled": False},
        "submission": None,
        "auth": {**BASIC, "secret_version": "v1"},
    }
    assert outputs_from_desired(INTERVIEW_WEBHOOK_SETTINGS, props) == {
        "interview_id": "ai-interview-2",
        "start": {"url": START, "enabled": False},
        "submission": None,
        "auth": {**BASIC, "secret_version": "v1", "has_password": True},
    }
    apikey = outputs_from_desired(WEBHOOK_SETTINGS, {"auth": APIKEY, "update_all": True})
    assert apikey == {
        "start": None,
        "submission": None,
        "auth": {**APIKEY, "secret_version": None, "has_value": True},
        "update_all": True,
    }


@pytest.mark.parametrize(
    ("auth", "expected_auth"),
    [
        pytest.param(
            BASIC, {**BASIC, "secret_version": None, "has_password": UNKNOWN}, id="basic-has-password-unknown"
        ),
        pytest.param(
            {**APIKEY, "secret_version": "v2"},
            {**APIKEY, "secret_version": "v2", "has_value": UNKNOWN},
            id="apikey-has-value-unknown",
        ),
        pytest.param(None, None, id="no-auth"),
    ],
)
def test_preview_outputs_are_the_inputs_with_only_the_stored_flags_unknown(
    auth: dict[str, Any] | None, expected_auth: dict[str, Any] | None
) -> None:
    props = {"start": {"url": START, "enabled": True}, "submission": None, "auth": auth, "update_all": False}
    assert preview_outputs(WEBHOOK_SETTINGS, props) == {
        "start": {"url": START, "enabled": True},
        "submission": None,
        "auth": expected_auth,
        "update_all": False,
    }


def test_preview_outputs_keep_unknown_inputs_unknown() -> None:
    props = {
        "interview_id": "ai-interview-1",
        "start": {"url": UNKNOWN, "enabled": True},
        "auth": {**BASIC, "username": UNKNOWN, "password": UNKNOWN},
    }
    outs = preview_outputs(INTERVIEW_WEBHOOK_SETTINGS, props)
    assert outs["start"] == {"url": UNKNOWN, "enabled": True}
    assert outs["auth"] == {
        "type": "basic",
        "username": UNKNOWN,
        "password": UNKNOWN,
        "secret_version": None,
        "has_password": UNKNOWN,
    }


LIVE_EVERYTHING = LiveSettings(
    {"start": Webhook(START, True), "submission": Webhook(None, False)},
    LiveAuth(type="basic", username="svc", has_password=True),
)


def test_imported_manages_everything_live_but_leaves_auth_out_of_the_inputs() -> None:
    outs, inputs = imported(WEBHOOK_SETTINGS, "xobin-ai-interview-webhooks", LIVE_EVERYTHING)
    assert outs == {
        "start": {"url": START, "enabled": True},
        "submission": {"url": None, "enabled": False},
        # What Xobin reports of the auth; its password cannot be read.
        "auth": {
            "type": "basic",
            "username": "svc",
            "password": None,
            "secret_version": None,
            "has_password": True,
        },
        "update_all": False,
    }
    assert inputs == {
        "start": {"url": START, "enabled": True},
        "submission": {"url": None, "enabled": False},
        "auth": None,
        "update_all": False,
    }


def test_imported_interview_takes_its_id_and_reports_no_auth_when_none_is_set() -> None:
    live_settings = LiveSettings(
        {"start": Webhook(None, False), "submission": Webhook(SUBMISSION, True)}, LiveAuth()
    )
    outs, inputs = imported(INTERVIEW_WEBHOOK_SETTINGS, "ai-interview-3", live_settings)
    assert outs == {
        "interview_id": "ai-interview-3",
        "start": {"url": None, "enabled": False},
        "submission": {"url": SUBMISSION, "enabled": True},
        "auth": None,
    }
    assert inputs == outs


@pytest.mark.parametrize(
    ("props", "part"),
    [
        pytest.param({"start": UNKNOWN}, "start", id="whole-webhook"),
        pytest.param({"auth": UNKNOWN}, "auth", id="whole-auth"),
        pytest.param({"auth": {"type": UNKNOWN, "header": "X-Key", "value": "v"}}, "auth", id="auth-kind"),
    ],
)
def test_preview_keeps_a_part_not_known_yet_unknown(props: dict[str, Any], part: str) -> None:
    checked, failures = WEBHOOK_SETTINGS_OPERATIONS.check(props)
    assert failures == []
    outs = WEBHOOK_SETTINGS_OPERATIONS.preview(checked)
    assert outs[part] == UNKNOWN
    assert outs["update_all"] is False
