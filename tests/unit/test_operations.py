"""What only the core shows, over the shared fake API: each resource's declarations in `check`, which
resource a refresh's read is kept for and for how long, the preview's outputs, and the import ID rules.

The lifecycle both faces carry (which calls each step makes, and what it reports) is test_lifecycle.py's.
"""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._core import operations as _operations
from pulumi_xobin._core.errors import XobinError
from pulumi_xobin._core.fields import INTERVIEW_WEBHOOK_SETTINGS
from pulumi_xobin._core.model import LiveAuth, LiveSettings, Webhook
from pulumi_xobin._core.operations import (
    INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS,
    WEBHOOK_SETTINGS_OPERATIONS,
    Operations,
    RecentReads,
)
from pulumi_xobin._core.outputs import outputs_from_desired, outputs_from_live
from support.fake_api import FakeApi, read
from support.samples import API_KEY_VALUE, INTERVIEW_ID, PASSWORD, SETTINGS_ID, START, SUBMISSION

BASIC: dict[str, Any] = {"type": "basic", "username": "svc", "password": PASSWORD, "secret_version": None}
APIKEY: dict[str, Any] = {"type": "apikey", "header": "X-Key", "value": API_KEY_VALUE, "secret_version": None}
LIVE = LiveSettings(
    {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
    LiveAuth(type="basic", username="svc", has_password=True),
)


def global_inputs(**changes: Any) -> dict[str, Any]:
    return {
        "start": {"url": START, "enabled": True},
        "submission": {"url": SUBMISSION, "enabled": True},
        "auth": BASIC,
        "update_all": False,
        **changes,
    }


def interview_inputs(**changes: Any) -> dict[str, Any]:
    return {
        "interview_id": INTERVIEW_ID,
        "start": {"url": START, "enabled": True},
        "submission": {"url": SUBMISSION, "enabled": True},
        "auth": APIKEY,
        **changes,
    }


# check


def test_check_uses_each_resource_s_declarations() -> None:
    assert WEBHOOK_SETTINGS_OPERATIONS.check({"interview_id": "x"})[1][0].property == "interview_id"
    checked, failures = INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS.check(
        {"interview_id": "iv-1", "update_all": True}
    )
    assert [f.property for f in failures] == ["update_all"]
    assert checked["interview_id"] == "iv-1"
    assert "update_all" not in checked
    assert [
        f.property
        for f in INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS.check(
            {"auth": {"header": "X-Key"}}, lambda n: n.upper()
        )[1]
    ] == [
        "INTERVIEW_ID",
        "AUTH.VALUE",
    ]


# refresh, and the diff right after it


def test_a_refresh_s_read_is_kept_for_its_own_resource_only() -> None:
    api = FakeApi()
    api.edit(INTERVIEW_ID, start=Webhook(START, True))
    live = api.settings(INTERVIEW_ID)
    recent = RecentReads()
    INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS.refresh(
        api, INTERVIEW_ID, outputs_from_live(INTERVIEW_WEBHOOK_SETTINGS, interview_inputs(), live), recent
    )
    other = interview_inputs(interview_id="ai-interview-9")
    other_outputs = outputs_from_live(INTERVIEW_WEBHOOK_SETTINGS, other, api.settings("ai-interview-9"))

    INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS.diff(api, "ai-interview-9", other_outputs, other, recent)

    assert api.calls == [read(INTERVIEW_ID), read("ai-interview-9")]
    assert recent.take(INTERVIEW_ID) == live
    assert recent.take(INTERVIEW_ID) is None


class FakeClock:
    """Stands in for the `time` module in `_operations`: the monotonic clock moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def test_a_stale_read_is_not_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    monkeypatch.setattr(_operations, "time", clock)
    recent = RecentReads()
    recent.put(SETTINGS_ID, LIVE)
    clock.now += RecentReads.MAX_AGE_SECONDS + 0.5
    assert recent.take(SETTINGS_ID) is None

    recent.put(SETTINGS_ID, LIVE)
    clock.now += RecentReads.MAX_AGE_SECONDS - 0.5
    assert recent.take(SETTINGS_ID) == LIVE


# preview


@pytest.mark.parametrize(
    ("kind", "inputs", "flag"),
    [
        pytest.param(WEBHOOK_SETTINGS_OPERATIONS, global_inputs(), "has_password", id="global"),
        pytest.param(INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS, interview_inputs(), "has_value", id="interview"),
    ],
)
def test_preview_expects_what_is_sent_but_not_whether_a_secret_is_then_stored(
    kind: Operations, inputs: dict[str, Any], flag: str
) -> None:
    expected = outputs_from_desired(kind.resource, inputs)
    expected["auth"] = {**expected["auth"], flag: UNKNOWN}

    assert kind.preview(inputs) == expected


# import


@pytest.mark.parametrize(
    ("id_", "problem"),
    [
        pytest.param(
            "a/b", "must be 1 to 256 letters, digits or . _ ~ - (it is a URL path segment)", id="slash"
        ),
        pytest.param("..", "must not be '.' or '..' (it would name another path)", id="dot-dot"),
        pytest.param(
            "", "must be 1 to 256 letters, digits or . _ ~ - (it is a URL path segment)", id="empty"
        ),
    ],
)
def test_import_of_a_bad_interview_id_is_refused(id_: str, problem: str) -> None:
    api = FakeApi()

    with pytest.raises(XobinError) as caught:
        INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS.import_(api, id_)

    assert str(caught.value) == f"cannot import InterviewWebhookSettings {id_!r}: the ID {problem}"
    assert api.calls == []
