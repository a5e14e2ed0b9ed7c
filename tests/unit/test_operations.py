"""The shared resource logic (`_operations.GLOBAL` / `INTERVIEW`) over a fake `SettingsApi`: no server.

What is checked here is how often and with what the API is called, and which answer the outputs come
from; what the outputs and diffs contain is test_outputs.py's and test_diff.py's business.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._core import operations as _operations
from pulumi_xobin._core.errors import XobinError
from pulumi_xobin._core.fields import GLOBAL_SETTINGS, INTERVIEW_SETTINGS
from pulumi_xobin._core.model import ApiKeyAuth, BasicAuth, DesiredSettings, LiveAuth, LiveSettings, Webhook
from pulumi_xobin._core.operations import GLOBAL, INTERVIEW, RecentReads, SettingsResource
from pulumi_xobin._core.outputs import imported, outputs_from_desired, outputs_from_live

PASSWORD = "pw-0a7e-operations-secret"
API_KEY_VALUE = "key-5c21-operations-secret"
START = "https://hooks.example.com/start"
SUBMISSION = "https://hooks.example.com/submission"
OTHER = "https://elsewhere.example.com/hook"
GLOBAL_ID = "xobin-ai-interview-webhooks"
INTERVIEW_ID = "ai-interview-4"

BASIC: dict[str, Any] = {"type": "basic", "username": "svc", "password": PASSWORD, "secret_version": None}
APIKEY: dict[str, Any] = {"type": "apikey", "header": "X-Key", "value": API_KEY_VALUE, "secret_version": None}
LIVE = LiveSettings(
    {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
    LiveAuth(type="basic", username="svc", has_password=True),
)


class FakeApi:
    """A `SettingsApi` in memory: it records every call and answers with `live` (reads) and `answer`
    (writes). For an interview, None means "cannot be read" and "answered without the settings"."""

    def __init__(self, live: LiveSettings | None = LIVE, answer: LiveSettings | None = LIVE) -> None:
        self.live = live
        self.answer = answer
        self.calls: list[tuple[str, str | None]] = []
        self.written: list[DesiredSettings] = []
        self.secrets: list[tuple[str, ...]] = []

    def _record(self, call: str, id_: str | None, secrets: Iterable[str]) -> None:
        self.calls.append((call, id_))
        self.secrets.append(tuple(secrets))

    def read_settings(self, secrets: Iterable[str] = ()) -> LiveSettings:
        self._record("read", None, secrets)
        assert self.live is not None
        return self.live

    def apply_settings(self, desired: DesiredSettings, secrets: Iterable[str] = ()) -> LiveSettings:
        self._record("apply", None, secrets)
        self.written.append(desired)
        assert self.answer is not None
        return self.answer

    def read_interview_settings(self, interview_id: str, secrets: Iterable[str] = ()) -> LiveSettings | None:
        self._record("read", interview_id, secrets)
        return self.live

    def apply_interview_settings(
        self, interview_id: str, desired: DesiredSettings, secrets: Iterable[str] = ()
    ) -> LiveSettings | None:
        self._record("apply", interview_id, secrets)
        self.written.append(desired)
        return self.answer


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


LIVE_APIKEY = LiveSettings(
    LIVE.webhooks,
    LiveAuth(type="apikey", header="X-Key", has_value=True),
)
# (resource, its ID, inputs, the live settings those inputs leave behind, what a read call is recorded as)
KINDS = [
    pytest.param(GLOBAL, GLOBAL_ID, global_inputs(), LIVE, ("read", None), id="global"),
    pytest.param(
        INTERVIEW, INTERVIEW_ID, interview_inputs(), LIVE_APIKEY, ("read", INTERVIEW_ID), id="interview"
    ),
]


# check


def test_check_uses_each_resource_s_declarations() -> None:
    assert GLOBAL.check({"interview_id": "x"})[1][0].property == "interview_id"
    checked, failures = INTERVIEW.check({"interview_id": "iv-1", "update_all": True})
    assert [f.property for f in failures] == ["update_all"]
    assert checked["interview_id"] == "iv-1"
    assert "update_all" not in checked
    assert [f.property for f in INTERVIEW.check({"auth": {"header": "X-Key"}}, lambda n: n.upper())[1]] == [
        "INTERVIEW_ID",
        "AUTH.VALUE",
    ]


# diff


@pytest.mark.parametrize(("kind", "id_", "inputs", "live", "read"), KINDS)
def test_diff_reads_exactly_once(
    kind: SettingsResource, id_: str, inputs: dict[str, Any], live: LiveSettings, read: tuple[str, Any]
) -> None:
    api = FakeApi(live=live)
    olds = outputs_from_live(kind.resource, inputs, live)

    outcome = kind.diff(api, id_, olds, inputs, RecentReads())

    assert outcome.changes == []
    assert outcome.replaces == []
    assert api.calls == [read]
    # The secrets of the old and the new inputs are kept out of any error the read may raise.
    secret = PASSWORD if kind is GLOBAL else API_KEY_VALUE
    assert api.secrets == [(secret, secret)]


@pytest.mark.parametrize(("kind", "id_", "inputs", "live", "read"), KINDS)
def test_diff_finds_drift_in_what_it_read(
    kind: SettingsResource, id_: str, inputs: dict[str, Any], live: LiveSettings, read: tuple[str, Any]
) -> None:
    olds = outputs_from_live(kind.resource, inputs, live)
    moved = LiveSettings({**live.webhooks, "start": Webhook(OTHER, True)}, live.auth)

    outcome = kind.diff(FakeApi(live=moved), id_, olds, inputs, RecentReads())

    assert [(c.path, c.drift) for c in outcome.changes] == [("start.url", True)]
    assert outcome.replaces == []


def test_diff_does_not_read_when_an_input_that_replaces_changed() -> None:
    api = FakeApi(live=LIVE_APIKEY)
    olds = outputs_from_live(INTERVIEW_SETTINGS, interview_inputs(), LIVE_APIKEY)
    news = interview_inputs(interview_id="ai-interview-5", start={"url": OTHER, "enabled": True})

    outcome = INTERVIEW.diff(api, INTERVIEW_ID, olds, news, RecentReads())

    assert outcome.replaces == ["interview_id"]
    assert outcome.changes == []
    assert api.calls == []


def test_diff_without_a_read_compares_with_the_last_outputs() -> None:
    api = FakeApi(live=None)
    olds = outputs_from_live(INTERVIEW_SETTINGS, interview_inputs(), LIVE_APIKEY)

    unchanged = INTERVIEW.diff(api, INTERVIEW_ID, olds, interview_inputs(), RecentReads())
    changed = INTERVIEW.diff(
        api, INTERVIEW_ID, olds, interview_inputs(start={"url": OTHER, "enabled": True}), RecentReads()
    )

    assert unchanged.changes == []
    assert [(c.path, c.drift) for c in changed.changes] == [("start.url", False)]
    assert api.calls == [("read", INTERVIEW_ID)] * 2


# refresh, and the diff right after it


@pytest.mark.parametrize(("kind", "id_", "inputs", "live", "read"), KINDS)
def test_a_refresh_s_read_is_reused_once_by_the_next_diff(
    kind: SettingsResource, id_: str, inputs: dict[str, Any], live: LiveSettings, read: tuple[str, Any]
) -> None:
    olds = outputs_from_live(kind.resource, inputs, live)
    api = FakeApi(live=live)
    recent = RecentReads()

    refreshed = kind.refresh(api, id_, olds, recent)
    assert refreshed is not None
    outs, _ = refreshed
    # The server moves after the refresh: only a diff that reads again can see it.
    api.live = LiveSettings({**live.webhooks, "start": Webhook(OTHER, False)}, live.auth)
    first = kind.diff(api, id_, outs, inputs, recent)
    second = kind.diff(api, id_, outs, inputs, recent)

    assert first.changes == []
    assert [(c.path, c.drift) for c in second.changes] == [("start.url", True), ("start.enabled", True)]
    assert api.calls == [read, read]


def test_a_refresh_s_read_is_kept_for_its_own_resource_only() -> None:
    api = FakeApi(live=LIVE_APIKEY)
    recent = RecentReads()
    olds = outputs_from_live(INTERVIEW_SETTINGS, interview_inputs(), LIVE_APIKEY)
    INTERVIEW.refresh(api, INTERVIEW_ID, olds, recent)
    other = interview_inputs(interview_id="ai-interview-9")

    INTERVIEW.diff(
        api, "ai-interview-9", outputs_from_live(INTERVIEW_SETTINGS, other, LIVE_APIKEY), other, recent
    )

    assert api.calls == [("read", INTERVIEW_ID), ("read", "ai-interview-9")]
    assert recent.take(INTERVIEW_ID) == LIVE_APIKEY
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
    recent.put(GLOBAL_ID, LIVE)
    clock.now += RecentReads.MAX_AGE_SECONDS + 0.5
    assert recent.take(GLOBAL_ID) is None

    recent.put(GLOBAL_ID, LIVE)
    clock.now += RecentReads.MAX_AGE_SECONDS - 0.5
    assert recent.take(GLOBAL_ID) == LIVE


@pytest.mark.parametrize(("kind", "id_", "inputs", "live", "read"), KINDS)
def test_refresh_returns_outputs_and_inputs_from_the_read(
    kind: SettingsResource, id_: str, inputs: dict[str, Any], live: LiveSettings, read: tuple[str, Any]
) -> None:
    olds = {**outputs_from_live(kind.resource, inputs, live), "__provider": "pickled"}
    moved = LiveSettings({**live.webhooks, "submission": Webhook(OTHER, False)}, live.auth)
    api = FakeApi(live=moved)

    refreshed = kind.refresh(api, id_, olds, RecentReads())

    assert refreshed is not None
    outs, new_inputs = refreshed
    assert outs["submission"] == {"url": OTHER, "enabled": False}
    assert outs["__provider"] == "pickled"  # what the engine put in the state stays
    assert new_inputs["submission"] == {"url": OTHER, "enabled": False}
    assert new_inputs["auth"] == inputs["auth"]
    assert api.calls == [read]


def test_refresh_without_a_read_returns_none_and_keeps_nothing_for_the_diff() -> None:
    api = FakeApi(live=None)
    recent = RecentReads()
    olds = outputs_from_live(INTERVIEW_SETTINGS, interview_inputs(), LIVE_APIKEY)

    assert INTERVIEW.refresh(api, INTERVIEW_ID, olds, recent) is None
    assert recent.take(INTERVIEW_ID) is None
    assert api.calls == [("read", INTERVIEW_ID)]


# create and apply


def test_create_of_the_global_settings_writes_once_and_reports_the_api_s_answer() -> None:
    answer = LiveSettings(
        {"start": Webhook(OTHER, True), "submission": Webhook(SUBMISSION, False)},
        LiveAuth(type="basic", username="svc", has_password=False),
    )
    api = FakeApi(answer=answer)

    id_, outs = GLOBAL.create(api, global_inputs())

    assert id_ == GLOBAL_ID
    assert outs == outputs_from_live(GLOBAL_SETTINGS, global_inputs(), answer)
    assert outs["start"] == {"url": OTHER, "enabled": True}
    assert outs["auth"]["password"] is None  # none stored, says the answer: the next update sets it
    assert api.calls == [("apply", None)]
    assert api.written == [
        DesiredSettings(
            {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
            BasicAuth("svc", PASSWORD),
        )
    ]
    assert api.secrets == [(PASSWORD,)]


def test_create_of_interview_settings_writes_once_to_that_interview() -> None:
    api = FakeApi(answer=LIVE_APIKEY)

    id_, outs = INTERVIEW.create(api, interview_inputs())

    assert id_ == INTERVIEW_ID
    assert outs == outputs_from_live(INTERVIEW_SETTINGS, interview_inputs(), LIVE_APIKEY)
    assert outs["interview_id"] == INTERVIEW_ID
    assert api.calls == [("apply", INTERVIEW_ID)]
    assert api.written == [
        DesiredSettings(
            {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
            ApiKeyAuth("X-Key", API_KEY_VALUE),
        )
    ]
    assert api.secrets == [(API_KEY_VALUE,)]


def test_apply_without_an_answer_reports_what_was_sent() -> None:
    api = FakeApi(answer=None)
    props = interview_inputs(start={"url": None, "enabled": False})

    outs = INTERVIEW.apply(api, INTERVIEW_ID, props)

    assert outs == outputs_from_desired(INTERVIEW_SETTINGS, props)
    assert outs["start"] == {"url": None, "enabled": False}
    assert outs["auth"]["has_value"] is True
    assert outs["auth"]["value"] == API_KEY_VALUE
    assert api.calls == [("apply", INTERVIEW_ID)]


def test_apply_passes_update_all_to_the_global_write() -> None:
    api = FakeApi()

    outs = GLOBAL.apply(api, GLOBAL_ID, global_inputs(update_all=True))

    assert api.written[0].update_all is True
    assert outs["update_all"] is True


@pytest.mark.parametrize(("kind", "id_", "inputs", "live", "read"), KINDS)
def test_preview_expects_what_is_sent_but_not_whether_a_secret_is_then_stored(
    kind: SettingsResource, id_: str, inputs: dict[str, Any], live: LiveSettings, read: tuple[str, Any]
) -> None:
    expected = outputs_from_desired(kind.resource, inputs)
    flag = "has_password" if kind is GLOBAL else "has_value"
    expected["auth"] = {**expected["auth"], flag: UNKNOWN}

    assert kind.preview(inputs) == expected


# import


@pytest.mark.parametrize(("kind", "id_", "inputs", "live", "read"), KINDS)
def test_import_adopts_the_live_settings(
    kind: SettingsResource, id_: str, inputs: dict[str, Any], live: LiveSettings, read: tuple[str, Any]
) -> None:
    api = FakeApi(live=live)

    assert kind.import_(api, id_) == imported(kind.resource, id_, live)
    assert api.calls == [read]
    assert api.secrets == [()]


def test_import_of_the_global_settings_under_another_id_is_refused() -> None:
    api = FakeApi()

    with pytest.raises(XobinError) as caught:
        GLOBAL.import_(api, "my-settings")

    assert str(caught.value) == (
        "cannot import WebhookSettings 'my-settings': its ID is always 'xobin-ai-interview-webhooks'"
    )
    assert api.calls == []


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
        INTERVIEW.import_(api, id_)

    assert str(caught.value) == f"cannot import InterviewWebhookSettings {id_!r}: the ID {problem}"
    assert api.calls == []


def test_import_where_the_server_answers_no_read_is_refused() -> None:
    api = FakeApi(live=None)

    with pytest.raises(XobinError) as caught:
        INTERVIEW.import_(api, INTERVIEW_ID)

    assert str(caught.value) == (
        f"cannot import InterviewWebhookSettings {INTERVIEW_ID!r}: the server answers no read on that path "
        "(GET answered 405), so its settings cannot be known"
    )
    assert api.calls == [("read", INTERVIEW_ID)]


# delete


@pytest.mark.parametrize(("kind", "id_", "inputs", "live", "read"), KINDS)
def test_delete_switches_off_only_the_managed_webhooks(
    kind: SettingsResource, id_: str, inputs: dict[str, Any], live: LiveSettings, read: tuple[str, Any]
) -> None:
    api = FakeApi(answer=live)
    outs = outputs_from_live(kind.resource, {**inputs, "submission": None}, live)

    kind.delete(api, id_, outs)

    # Only `start` is managed: it is switched off with its URL; the submission and the auth are left alone.
    assert api.written == [DesiredSettings({"start": Webhook(START, False)})]
    assert api.calls == [("apply", read[1])]
    assert api.secrets == [(PASSWORD if kind is GLOBAL else API_KEY_VALUE,)]


@pytest.mark.parametrize(("kind", "id_", "inputs", "live", "read"), KINDS)
def test_delete_writes_nothing_when_no_webhook_is_managed(
    kind: SettingsResource, id_: str, inputs: dict[str, Any], live: LiveSettings, read: tuple[str, Any]
) -> None:
    api = FakeApi(answer=live)
    outs = outputs_from_live(kind.resource, {**inputs, "start": None, "submission": None}, live)

    kind.delete(api, id_, outs)

    assert api.calls == []
