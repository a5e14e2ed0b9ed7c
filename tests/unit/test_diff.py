"""Deciding updates and drift: desired inputs against the last outputs and the live settings."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._core.diff import Change, describe, diff_settings
from pulumi_xobin._core.fields import WEBHOOK_SETTINGS, WEBHOOKS, WebhookName
from pulumi_xobin._core.model import LiveAuth, LiveSettings, Webhook
from pulumi_xobin._core.outputs import outputs_from_live
from support.samples import API_KEY_VALUE, NEW_PASSWORD, OTHER, PASSWORD, START, SUBMISSION, with_

DESIRED_BASIC: dict[str, Any] = {
    "start": {"url": START, "enabled": True},
    "submission": {"url": SUBMISSION, "enabled": True},
    "auth": {"type": "basic", "username": "svc", "password": PASSWORD, "secret_version": None},
    "update_all": False,
}
OLD_BASIC: dict[str, Any] = {
    "start": {"url": START, "enabled": True},
    "submission": {"url": SUBMISSION, "enabled": True},
    "auth": {
        "type": "basic",
        "username": "svc",
        "password": PASSWORD,
        "secret_version": None,
        "has_password": True,
    },
    "update_all": False,
}
LIVE_BASIC = LiveSettings(
    {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
    LiveAuth(type="basic", username="svc", has_password=True),
)

DESIRED_APIKEY: dict[str, Any] = {
    **DESIRED_BASIC,
    "auth": {"type": "apikey", "header": "X-Webhook-Key", "value": API_KEY_VALUE, "secret_version": None},
}
OLD_APIKEY: dict[str, Any] = {
    **OLD_BASIC,
    "auth": {
        "type": "apikey",
        "header": "X-Webhook-Key",
        "value": API_KEY_VALUE,
        "secret_version": None,
        "has_value": True,
    },
}
LIVE_APIKEY = LiveSettings(
    {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
    LiveAuth(type="apikey", header="X-Webhook-Key", has_value=True),
)


def live_with(base: LiveSettings, **changes: Any) -> LiveSettings:
    """`base` with webhooks (`start=`) or auth fields (`auth__username=`) changed."""
    auth = {k[len("auth__") :]: v for k, v in changes.items() if k.startswith("auth__")}
    hooks: dict[WebhookName, Webhook] = {k: v for k, v in changes.items() if k in WEBHOOKS}
    return LiveSettings(
        {**base.webhooks, **hooks},
        dataclasses.replace(base.auth, **auth),
    )


ROWS: list[Any] = [
    pytest.param(DESIRED_BASIC, OLD_BASIC, LIVE_BASIC, [], id="nothing-changed-basic"),
    pytest.param(DESIRED_APIKEY, OLD_APIKEY, LIVE_APIKEY, [], id="nothing-changed-apikey"),
    pytest.param(
        with_(DESIRED_BASIC, start__url=OTHER),
        OLD_BASIC,
        LIVE_BASIC,
        [("start.url", False)],
        id="url-changed-in-program",
    ),
    pytest.param(
        with_(DESIRED_BASIC, submission__enabled=False),
        OLD_BASIC,
        LIVE_BASIC,
        [("submission.enabled", False)],
        id="enabled-changed-in-program",
    ),
    pytest.param(
        DESIRED_BASIC,
        OLD_BASIC,
        live_with(LIVE_BASIC, start=Webhook(OTHER, True)),
        [("start.url", True)],
        id="url-changed-out-of-band",
    ),
    pytest.param(
        DESIRED_BASIC,
        OLD_BASIC,
        live_with(LIVE_BASIC, submission=Webhook(SUBMISSION, False)),
        [("submission.enabled", True)],
        id="enabled-changed-out-of-band",
    ),
    pytest.param(
        DESIRED_BASIC,
        OLD_BASIC,
        live_with(LIVE_BASIC, start=Webhook(None, False)),
        [("start.url", True), ("start.enabled", True)],
        id="webhook-cleared-out-of-band",
    ),
    pytest.param(
        with_(DESIRED_BASIC, start__url=OTHER),
        OLD_BASIC,
        live_with(LIVE_BASIC, start=Webhook(OTHER, True)),
        [("start.url", False)],
        id="url-changed-in-program-to-what-live-has",
    ),
    pytest.param(
        DESIRED_APIKEY,
        OLD_BASIC,
        LIVE_BASIC,
        [("auth.type", False), ("auth.header", False), ("auth.value", False)],
        id="auth-type-changed-in-program",
    ),
    pytest.param(
        DESIRED_BASIC,
        OLD_BASIC,
        live_with(LIVE_BASIC, auth__type="apikey", auth__username=None, auth__has_password=False),
        [("auth.type", True), ("auth.username", True), ("auth.password", True)],
        id="auth-type-changed-out-of-band",
    ),
    pytest.param(
        with_(DESIRED_BASIC, auth__username="svc2"),
        OLD_BASIC,
        LIVE_BASIC,
        [("auth.username", False)],
        id="username-changed-in-program",
    ),
    pytest.param(
        DESIRED_BASIC,
        OLD_BASIC,
        live_with(LIVE_BASIC, auth__username="intruder"),
        [("auth.username", True)],
        id="username-changed-out-of-band",
    ),
    pytest.param(
        with_(DESIRED_APIKEY, auth__header="X-Other-Key"),
        OLD_APIKEY,
        LIVE_APIKEY,
        [("auth.header", False)],
        id="header-changed-in-program",
    ),
    pytest.param(
        DESIRED_APIKEY,
        OLD_APIKEY,
        live_with(LIVE_APIKEY, auth__header="X-Other-Key"),
        [("auth.header", True)],
        id="header-changed-out-of-band",
    ),
    pytest.param(
        with_(DESIRED_BASIC, auth__password=NEW_PASSWORD),
        OLD_BASIC,
        LIVE_BASIC,
        [("auth.password", False)],
        id="password-changed-in-program",
    ),
    pytest.param(
        DESIRED_BASIC,
        OLD_BASIC,
        live_with(LIVE_BASIC, auth__has_password=False),
        [("auth.password", True)],
        id="has-password-false-live-is-drift",
    ),
    pytest.param(
        with_(DESIRED_BASIC, auth__password=NEW_PASSWORD),
        OLD_BASIC,
        live_with(LIVE_BASIC, auth__has_password=False),
        [("auth.password", False)],
        id="password-changed-in-program-while-none-stored",
    ),
    pytest.param(
        with_(DESIRED_APIKEY, auth__value="key-rotated"),
        OLD_APIKEY,
        LIVE_APIKEY,
        [("auth.value", False)],
        id="apikey-value-changed-in-program",
    ),
    pytest.param(
        DESIRED_APIKEY,
        OLD_APIKEY,
        live_with(LIVE_APIKEY, auth__has_value=False),
        [("auth.value", True)],
        id="has-value-false-live-is-drift",
    ),
    pytest.param(
        DESIRED_APIKEY,
        OLD_APIKEY,
        live_with(LIVE_APIKEY, auth__has_value=None),
        [],
        id="has-value-unreported-is-not-drift",
    ),
    pytest.param(
        with_(DESIRED_BASIC, start=None, auth=None),
        with_(OLD_BASIC, start=None, auth=None),
        live_with(
            LIVE_BASIC,
            start=Webhook(OTHER, False),
            auth__type="apikey",
            auth__username=None,
            auth__has_password=False,
            auth__header="X-Other",
        ),
        [],
        id="parts-left-out-are-not-compared",
    ),
    pytest.param(
        {"update_all": False},
        {"start": None, "submission": None, "auth": None, "update_all": False},
        LiveSettings({"start": Webhook(None, False), "submission": Webhook(OTHER, True)}, LiveAuth()),
        [],
        id="nothing-managed",
    ),
    pytest.param(
        with_(DESIRED_BASIC, update_all=True),
        OLD_BASIC,
        LIVE_BASIC,
        [("update_all", False)],
        id="update-all-off-to-on",
    ),
    pytest.param(
        with_(DESIRED_BASIC, update_all=True),
        with_(OLD_BASIC, update_all=None),
        LIVE_BASIC,
        [("update_all", False)],
        id="update-all-unset-to-on",
    ),
    pytest.param(
        DESIRED_BASIC,
        with_(OLD_BASIC, update_all=True),
        LIVE_BASIC,
        [],
        id="update-all-on-to-off-is-not-a-change",
    ),
    pytest.param(
        with_(DESIRED_BASIC, update_all=True),
        with_(OLD_BASIC, update_all=True),
        LIVE_BASIC,
        [],
        id="update-all-on-to-on-is-not-a-change",
    ),
    pytest.param(
        with_(DESIRED_BASIC, start=UNKNOWN), OLD_BASIC, LIVE_BASIC, [("start", False)], id="unknown-webhook"
    ),
    pytest.param(
        with_(DESIRED_BASIC, start__url=UNKNOWN),
        OLD_BASIC,
        LIVE_BASIC,
        [("start.url", False)],
        id="unknown-url",
    ),
    pytest.param(
        with_(DESIRED_BASIC, submission__enabled=UNKNOWN),
        OLD_BASIC,
        LIVE_BASIC,
        [("submission.enabled", False)],
        id="unknown-enabled",
    ),
    pytest.param(
        with_(DESIRED_BASIC, auth=UNKNOWN), OLD_BASIC, LIVE_BASIC, [("auth", False)], id="unknown-auth"
    ),
    pytest.param(
        with_(DESIRED_BASIC, auth={"type": UNKNOWN}),
        OLD_BASIC,
        LIVE_BASIC,
        [("auth.type", False)],
        id="unknown-auth-type",
    ),
    pytest.param(
        with_(DESIRED_BASIC, auth__username=UNKNOWN),
        OLD_BASIC,
        LIVE_BASIC,
        [("auth.username", False)],
        id="unknown-username",
    ),
    pytest.param(
        with_(DESIRED_BASIC, auth__password=UNKNOWN),
        OLD_BASIC,
        LIVE_BASIC,
        [("auth.password", False)],
        id="unknown-password",
    ),
    pytest.param(
        with_(DESIRED_APIKEY, auth__value=UNKNOWN),
        OLD_APIKEY,
        LIVE_APIKEY,
        [("auth.value", False)],
        id="unknown-apikey-value",
    ),
    pytest.param(
        with_(DESIRED_BASIC, update_all=UNKNOWN),
        OLD_BASIC,
        LIVE_BASIC,
        [("update_all", False)],
        id="unknown-update-all-may-turn-on",
    ),
    pytest.param(
        with_(DESIRED_BASIC, update_all=UNKNOWN),
        with_(OLD_BASIC, update_all=True),
        LIVE_BASIC,
        [],
        id="unknown-update-all-already-on",
    ),
    pytest.param(
        DESIRED_BASIC,
        with_(OLD_BASIC, start=None),
        LIVE_BASIC,
        [("start.url", False), ("start.enabled", False)],
        id="newly-managed-webhook",
    ),
    pytest.param(
        DESIRED_BASIC,
        {k: v for k, v in OLD_BASIC.items() if k != "submission"},
        LIVE_BASIC,
        [("submission.url", False), ("submission.enabled", False)],
        id="newly-managed-webhook-key-absent",
    ),
    pytest.param(
        DESIRED_BASIC,
        with_(OLD_BASIC, auth=None),
        LIVE_BASIC,
        [("auth.type", False), ("auth.username", False), ("auth.password", False)],
        id="newly-managed-auth",
    ),
]


@pytest.mark.parametrize(("desired", "old", "live", "expected"), ROWS)
def test_diff_rules(
    desired: dict[str, Any], old: dict[str, Any], live: LiveSettings, expected: list[tuple[str, bool]]
) -> None:
    changes = diff_settings(WEBHOOK_SETTINGS, desired, old, live)
    assert [(c.path, c.drift) for c in changes] == expected


@pytest.mark.parametrize(
    "desired",
    [
        pytest.param(with_(DESIRED_BASIC, start=UNKNOWN), id="webhook"),
        pytest.param(with_(DESIRED_BASIC, start__url=UNKNOWN), id="url"),
        pytest.param(with_(DESIRED_BASIC, auth=UNKNOWN), id="auth"),
        pytest.param(with_(DESIRED_BASIC, auth={"type": UNKNOWN}), id="auth-type"),
        pytest.param(with_(DESIRED_BASIC, auth__password=UNKNOWN), id="password"),
    ],
)
def test_unknown_values_are_known_after_apply(desired: dict[str, Any]) -> None:
    [change] = diff_settings(WEBHOOK_SETTINGS, desired, OLD_BASIC, LIVE_BASIC)
    assert change.reason == "known after apply"
    assert not change.drift


def test_reasons_name_the_old_live_and_new_values() -> None:
    [in_program] = diff_settings(
        WEBHOOK_SETTINGS, with_(DESIRED_BASIC, start__url=OTHER), OLD_BASIC, LIVE_BASIC
    )
    assert "changed in the program" in in_program.reason
    assert START in in_program.reason
    assert OTHER in in_program.reason
    [out_of_band] = diff_settings(
        WEBHOOK_SETTINGS, DESIRED_BASIC, OLD_BASIC, live_with(LIVE_BASIC, start=Webhook(OTHER, True))
    )
    assert "changed outside Pulumi" in out_of_band.reason
    assert START in out_of_band.reason
    assert OTHER in out_of_band.reason


@pytest.mark.parametrize(
    ("desired", "old", "live"),
    [
        pytest.param(
            with_(DESIRED_BASIC, auth__password=NEW_PASSWORD), OLD_BASIC, LIVE_BASIC, id="basic-changed"
        ),
        pytest.param(
            DESIRED_BASIC, OLD_BASIC, live_with(LIVE_BASIC, auth__has_password=False), id="basic-drift"
        ),
        pytest.param(DESIRED_BASIC, with_(OLD_BASIC, auth=None), LIVE_BASIC, id="basic-new"),
        pytest.param(DESIRED_APIKEY, OLD_BASIC, LIVE_BASIC, id="basic-to-apikey"),
        pytest.param(
            with_(DESIRED_APIKEY, auth__value=NEW_PASSWORD), OLD_APIKEY, LIVE_APIKEY, id="apikey-changed"
        ),
        pytest.param(
            DESIRED_APIKEY, OLD_APIKEY, live_with(LIVE_APIKEY, auth__has_value=False), id="apikey-drift"
        ),
        pytest.param(
            with_(DESIRED_BASIC, auth__secret_version="v2"), OLD_BASIC, LIVE_BASIC, id="basic-resent"
        ),
        pytest.param(
            with_(DESIRED_APIKEY, auth__secret_version="v2"), OLD_APIKEY, LIVE_APIKEY, id="apikey-resent"
        ),
    ],
)
def test_no_reason_contains_a_secret(
    desired: dict[str, Any], old: dict[str, Any], live: LiveSettings
) -> None:
    changes = diff_settings(WEBHOOK_SETTINGS, desired, old, live)
    assert changes
    text = describe(changes) + "\n".join(c.reason for c in changes)
    for secret in (PASSWORD, NEW_PASSWORD, API_KEY_VALUE):
        assert secret not in text


def test_describe_lists_only_drift() -> None:
    changes = diff_settings(
        WEBHOOK_SETTINGS,
        with_(DESIRED_BASIC, submission__url=OTHER, update_all=True),
        OLD_BASIC,
        live_with(LIVE_BASIC, start=Webhook(START, False), auth__has_password=False),
    )
    assert [(c.path, c.drift) for c in changes] == [
        ("start.enabled", True),
        ("submission.url", False),
        ("auth.password", True),
        ("update_all", False),
    ]
    lines = describe(changes).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("  start.enabled: changed outside Pulumi")
    assert lines[1].startswith("  auth.password: not set in Xobin")
    assert PASSWORD not in describe(changes)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param([], id="no-changes"),
        pytest.param([Change("start.url", "changed in the program: 'a' => 'b'")], id="program-changes-only"),
    ],
)
def test_describe_is_empty_without_drift(changes: list[Change]) -> None:
    assert describe(changes) == ""


@pytest.mark.parametrize(
    ("desired", "live"),
    [
        pytest.param(DESIRED_BASIC, LIVE_BASIC, id="basic"),
        pytest.param(DESIRED_APIKEY, LIVE_APIKEY, id="apikey"),
        pytest.param(DESIRED_APIKEY, live_with(LIVE_APIKEY, auth__has_value=None), id="apikey-unreported"),
        pytest.param(with_(DESIRED_BASIC, update_all=True), LIVE_BASIC, id="update-all-on"),
        pytest.param(
            {"start": {"url": START, "enabled": True}, "submission": None, "auth": None, "update_all": False},
            LIVE_BASIC,
            id="start-only",
        ),
        pytest.param(
            with_(DESIRED_BASIC, start={"url": None, "enabled": False}),
            live_with(LIVE_BASIC, start=Webhook(START, False)),
            id="disabled-without-url-api-keeps-url",
        ),
        pytest.param(with_(DESIRED_BASIC, auth__secret_version="v3"), LIVE_BASIC, id="secret-version-set"),
        pytest.param(
            with_(DESIRED_APIKEY, auth__secret_version="v3"), LIVE_APIKEY, id="apikey-secret-version"
        ),
    ],
)
def test_no_change_right_after_an_apply(desired: dict[str, Any], live: LiveSettings) -> None:
    outputs = outputs_from_live(WEBHOOK_SETTINGS, desired, live)
    assert diff_settings(WEBHOOK_SETTINGS, desired, outputs, live) == []


# auth.secret_version: a changed version sends the secret again, whatever the live flags say.

V1_BASIC = with_(DESIRED_BASIC, auth__secret_version="v1")
V1_OLD_BASIC = with_(OLD_BASIC, auth__secret_version="v1")


@pytest.mark.parametrize(
    ("desired", "old", "live", "expected"),
    [
        pytest.param(V1_BASIC, OLD_BASIC, LIVE_BASIC, [("auth.secret_version", False)], id="set"),
        pytest.param(
            with_(DESIRED_BASIC, auth__secret_version="v2"),
            V1_OLD_BASIC,
            LIVE_BASIC,
            [("auth.secret_version", False)],
            id="changed",
        ),
        pytest.param(V1_BASIC, V1_OLD_BASIC, LIVE_BASIC, [], id="unchanged"),
        pytest.param(DESIRED_BASIC, V1_OLD_BASIC, LIVE_BASIC, [("auth.secret_version", False)], id="removed"),
        pytest.param(
            with_(DESIRED_BASIC, auth__secret_version=UNKNOWN),
            V1_OLD_BASIC,
            LIVE_BASIC,
            [("auth.secret_version", False)],
            id="unknown",
        ),
        pytest.param(
            with_(V1_BASIC, auth__password=NEW_PASSWORD),
            OLD_BASIC,
            LIVE_BASIC,
            [("auth.password", False), ("auth.secret_version", False)],
            id="with-a-new-password",
        ),
        pytest.param(
            V1_BASIC,
            OLD_BASIC,
            live_with(LIVE_BASIC, auth__has_password=False),
            [("auth.password", True), ("auth.secret_version", False)],
            id="with-the-password-gone-live",
        ),
        pytest.param(
            with_(DESIRED_APIKEY, auth__secret_version="v1"),
            OLD_APIKEY,
            live_with(LIVE_APIKEY, auth__has_value=None),
            [("auth.secret_version", False)],
            id="apikey-value-unreported",
        ),
        pytest.param(
            DESIRED_BASIC,
            with_(OLD_BASIC, auth={k: v for k, v in OLD_BASIC["auth"].items() if k != "secret_version"}),
            LIVE_BASIC,
            [],
            id="state-written-before-the-field-existed",
        ),
        pytest.param(
            with_(DESIRED_BASIC, auth=None), V1_OLD_BASIC, LIVE_BASIC, [], id="auth-no-longer-managed"
        ),
    ],
)
def test_secret_version_rule(
    desired: dict[str, Any], old: dict[str, Any], live: LiveSettings, expected: list[tuple[str, bool]]
) -> None:
    assert [(c.path, c.drift) for c in diff_settings(WEBHOOK_SETTINGS, desired, old, live)] == expected


@pytest.mark.parametrize(
    ("desired", "old", "live", "reason"),
    [
        pytest.param(
            V1_BASIC,
            OLD_BASIC,
            LIVE_BASIC,
            "changed in the program: the password will be sent again",
            id="basic",
        ),
        pytest.param(
            with_(DESIRED_APIKEY, auth__secret_version="v1"),
            OLD_APIKEY,
            LIVE_APIKEY,
            "changed in the program: the API-key value will be sent again",
            id="apikey",
        ),
        pytest.param(
            with_(DESIRED_BASIC, auth__secret_version=UNKNOWN),
            OLD_BASIC,
            LIVE_BASIC,
            "known after apply",
            id="unknown",
        ),
    ],
)
def test_secret_version_reasons_say_what_is_sent_again(
    desired: dict[str, Any], old: dict[str, Any], live: LiveSettings, reason: str
) -> None:
    [change] = diff_settings(WEBHOOK_SETTINGS, desired, old, live)
    assert change == Change("auth.secret_version", reason)
    assert describe([change]) == ""
