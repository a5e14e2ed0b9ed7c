"""The dynamic providers against the emulator, called the way the Pulumi engine calls them.

Each test configures a provider from stack config, runs `check` first and hands its inputs to
create/update/diff, and then looks at what reached the emulator and what the provider returned.
Behaviour both resources share is one test run for each `Kind`; what only one of them does (the global
read-by-POST, `update_all`, the interview id) has tests of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_xobin._api.client import GLOBAL_SETTINGS_PATH, interview_path
from pulumi_xobin.emulator import Emulator, EmulatorAdmin
from pulumi_xobin.provider import (
    GLOBAL_SETTINGS_ID,
    InterviewWebhookSettingsProvider,
    WebhookSettingsProvider,
)

API_PREFIX = "/api/v2"
GLOBAL = API_PREFIX + GLOBAL_SETTINGS_PATH
START_URL = "https://hooks.example.com/start"
SUBMISSION_URL = "https://hooks.example.com/submission"
OTHER_URL = "https://elsewhere.example.com/hook"
HEADER = "X-Webhook-Key"
INTERVIEW = "ai-interview-2"
NO_APIKEY = {"header": None, "apikey": None}
NO_BASIC = {"username": None, "password": None}
DRIFT_HEADER = "warning: Xobin webhook settings ({id}) drifted from the program:\n"

Provider = WebhookSettingsProvider | InterviewWebhookSettingsProvider
P = TypeVar("P", bound=Provider)


def configured(provider: P, emulator: Emulator, api_key: str) -> P:
    config = Config({"xobin:apiKey": api_key, "xobin:baseUrl": emulator.url}, "proj")
    provider.configure(ConfigureRequest(config))
    return provider


@pytest.fixture
def admin(emulator: Emulator) -> EmulatorAdmin:
    return emulator.admin


@pytest.fixture
def provider(emulator: Emulator, api_key: str) -> WebhookSettingsProvider:
    return configured(WebhookSettingsProvider(), emulator, api_key)


@pytest.fixture
def interview_provider(emulator: Emulator, api_key: str) -> InterviewWebhookSettingsProvider:
    return configured(InterviewWebhookSettingsProvider(), emulator, api_key)


@pytest.fixture
def apikey_value() -> str:
    return "hook-value-0b7c-secret"


def global_props(password: str, **changes: Any) -> dict[str, Any]:
    props: dict[str, Any] = {
        "start": {"url": START_URL, "enabled": True},
        "submission": {"url": SUBMISSION_URL, "enabled": True},
        "auth": {"type": "basic", "username": "svc", "password": password},
        "update_all": False,
    }
    props.update(changes)
    return props


def interview_props(apikey_value: str, **changes: Any) -> dict[str, Any]:
    props: dict[str, Any] = {
        "interview_id": INTERVIEW,
        "start": {"url": START_URL, "enabled": True},
        "submission": {"url": SUBMISSION_URL, "enabled": False},
        "auth": {"type": "apikey", "header": HEADER, "value": apikey_value},
    }
    props.update(changes)
    return props


def checked(provider: Provider, props: dict[str, Any]) -> Any:
    """The inputs the engine hands to create/update/diff: check's, after asserting it found no problem."""
    result = provider.check({}, props)
    assert result.failures == []
    return result.inputs


def created(provider: Provider, props: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """Check, then create, as the engine does on a first `up`: the checked inputs and the outputs."""
    news = checked(provider, props)
    outs = provider.create(news).outs
    assert outs is not None
    return news, outs


def basic_outputs(password: str) -> dict[str, Any]:
    return {
        "type": "basic",
        "username": "svc",
        "password": password,
        "secret_version": None,
        "has_password": True,
    }


def global_outputs(password: str) -> dict[str, Any]:
    return {
        "update_all": False,
        "start": {"url": START_URL, "enabled": True},
        "submission": {"url": SUBMISSION_URL, "enabled": True},
        "auth": basic_outputs(password),
    }


def stored_basic(password: str) -> dict[str, Any]:
    return {"type": "basic", "basic": {"username": "svc", "password": password}, "apikey": NO_APIKEY}


def stored_global(password: str) -> dict[str, Any]:
    return {
        "start": {"status": True, "url": START_URL},
        "submission": {"status": True, "url": SUBMISSION_URL},
        "auth": stored_basic(password),
    }


def interview_outputs(apikey_value: str, has_value: bool | None = None) -> dict[str, Any]:
    return {
        "interview_id": INTERVIEW,
        "start": {"url": START_URL, "enabled": True},
        "submission": {"url": SUBMISSION_URL, "enabled": False},
        "auth": {
            "type": "apikey",
            "header": HEADER,
            "value": apikey_value,
            "secret_version": None,
            "has_value": has_value,
        },
    }


def stored_interview(apikey_value: str) -> dict[str, Any]:
    return {
        "start": {"status": True, "url": START_URL},
        "submission": {"status": False, "url": SUBMISSION_URL},
        "auth": {"type": "apikey", "basic": NO_BASIC, "apikey": {"header": HEADER, "apikey": apikey_value}},
    }


def interview_api_path(interview_id: str = INTERVIEW) -> str:
    return API_PREFIX + interview_path(interview_id)


def has_keys(value: Any) -> list[str]:
    """Every `has_*` key anywhere in a nested mapping."""
    if not isinstance(value, Mapping):
        return []
    found = [k for k in value if isinstance(k, str) and k.startswith("has_")]
    for item in value.values():
        found.extend(has_keys(item))
    return found


@dataclass(frozen=True)
class Kind:
    """One resource, for the tests of what both do alike: the account-wide settings with basic auth, or
    one interview's with API-key auth. `secret` is the password or the API-key value."""

    id: str
    new_provider: Callable[[], Provider]
    props: Callable[..., dict[str, Any]]  # (secret, **changes)
    outputs: Callable[[str], dict[str, Any]]
    stored: Callable[[str], dict[str, Any]]
    write: str  # the request that applies the settings, as the emulator counts it
    read: str

    def settings(self, state: Mapping[str, Any]) -> Any:
        """This resource's settings in the emulator's state."""
        return state["interviews"][INTERVIEW] if self.id == INTERVIEW else state["global"]

    def others(self, state: Mapping[str, Any]) -> dict[str, Any]:
        """Every other set of settings in the emulator's state, which this resource must never touch."""
        interviews = {k: v for k, v in state["interviews"].items() if k != self.id}
        return interviews if self.id == GLOBAL_SETTINGS_ID else {"global": state["global"], **interviews}

    def patch(self, admin: EmulatorAdmin, patch: dict[str, Any]) -> None:
        """Change this resource's settings out of band, as a user of the Xobin UI would."""
        if self.id == INTERVIEW:
            admin.patch_interview(INTERVIEW, patch)
        else:
            admin.patch_global(patch)


KINDS = [
    pytest.param(
        Kind(
            GLOBAL_SETTINGS_ID,
            WebhookSettingsProvider,
            global_props,
            global_outputs,
            stored_global,
            write=f"POST {GLOBAL}",
            read=f"GET {GLOBAL}",
        ),
        id="global",
    ),
    pytest.param(
        Kind(
            INTERVIEW,
            InterviewWebhookSettingsProvider,
            interview_props,
            interview_outputs,
            stored_interview,
            write=f"PUT {interview_api_path()}",
            read=f"GET {interview_api_path()}",
        ),
        id="interview",
    ),
]


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> Kind:
    result: Kind = request.param
    return result


@pytest.fixture
def kind_provider(kind: Kind, emulator: Emulator, api_key: str) -> Provider:
    return configured(kind.new_provider(), emulator, api_key)


# Both resources: create, read, update, delete, diff and a refresh's economy


def test_create_applies_the_program_with_one_write_and_touches_nothing_else(
    kind: Kind, kind_provider: Provider, admin: EmulatorAdmin, password: str
) -> None:
    kind.patch(
        admin,
        {
            "start": {"status": False, "url": OTHER_URL},
            "auth": {"type": "apikey", "apikey": {"header": "X-Old", "apikey": "old-value"}},
        },
    )
    before = admin.state()
    admin.clear_requests()
    inputs = checked(kind_provider, kind.props(password))

    result = kind_provider.create(inputs)

    assert result.id == kind.id
    assert result.outs == kind.outputs(password)
    state = admin.state()
    assert kind.settings(state) == kind.stored(password)
    assert kind.others(state) == kind.others(before)
    assert admin.requests()["counts"] == {kind.write: 1}


def test_read_returns_live_outputs_and_inputs(
    kind: Kind, kind_provider: Provider, admin: EmulatorAdmin, password: str
) -> None:
    _, outs = created(kind_provider, kind.props(password))
    kind.patch(admin, {"start": {"url": OTHER_URL, "status": False}})
    admin.clear_requests()
    before = admin.state()

    result = kind_provider.read(kind.id, outs)

    expected_outs = {**kind.outputs(password), "start": {"url": OTHER_URL, "enabled": False}}
    assert result.id == kind.id
    assert result.outs == expected_outs
    auth = {k: v for k, v in expected_outs["auth"].items() if k not in ("has_password", "has_value")}
    assert result.inputs == {**expected_outs, "auth": auth}
    assert has_keys(result.inputs) == []
    assert admin.requests()["counts"] == {kind.read: 1}
    assert admin.state() == before


def test_update_writes_once_and_stores_exactly_the_program(
    kind: Kind, kind_provider: Provider, admin: EmulatorAdmin, password: str
) -> None:
    _, olds = created(kind_provider, kind.props(password))
    admin.clear_requests()
    new_password = password + "-2"
    news = checked(
        kind_provider,
        kind.props(
            password,
            start={"url": OTHER_URL, "enabled": False},
            auth={"username": "svc", "password": new_password},
        ),
    )
    before = admin.state()

    result = kind_provider.update(kind.id, olds, news)

    assert result.outs == {
        **kind.outputs(password),
        "start": {"url": OTHER_URL, "enabled": False},
        "auth": basic_outputs(new_password),
    }
    assert admin.requests()["counts"] == {kind.write: 1}
    state = admin.state()
    assert kind.settings(state) == {
        **kind.stored(password),
        "start": {"status": False, "url": OTHER_URL},
        "auth": stored_basic(new_password),
    }
    assert kind.others(state) == kind.others(before)


def test_delete_disables_the_webhooks_and_keeps_urls_and_auth(
    kind: Kind, kind_provider: Provider, admin: EmulatorAdmin, password: str
) -> None:
    _, outs = created(kind_provider, kind.props(password))
    admin.clear_requests()
    before = admin.state()

    kind_provider.delete(kind.id, outs)

    expected = kind.stored(password)
    expected["start"]["status"] = False
    expected["submission"]["status"] = False
    state = admin.state()
    assert kind.settings(state) == expected
    assert kind.others(state) == kind.others(before)
    assert admin.requests()["counts"] == {kind.write: 1}


def test_delete_leaves_unmanaged_webhooks_alone(
    kind: Kind, kind_provider: Provider, admin: EmulatorAdmin, password: str
) -> None:
    kind.patch(admin, {"submission": {"status": True, "url": OTHER_URL}})
    _, outs = created(kind_provider, kind.props(password, submission=None, auth=None))

    kind_provider.delete(kind.id, outs)

    stored = kind.settings(admin.state())
    assert stored["start"] == {"status": False, "url": START_URL}
    assert stored["submission"] == {"status": True, "url": OTHER_URL}


def test_delete_of_a_resource_managing_only_auth_sends_nothing(
    kind: Kind, kind_provider: Provider, admin: EmulatorAdmin, password: str
) -> None:
    _, outs = created(kind_provider, kind.props(password, start=None, submission=None))
    admin.clear_requests()
    before = admin.state()

    kind_provider.delete(kind.id, outs)

    assert admin.requests()["total"] == 0
    assert admin.state() == before


def test_diff_without_change_reads_once_and_reports_none(
    kind: Kind,
    kind_provider: Provider,
    admin: EmulatorAdmin,
    password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    news, olds = created(kind_provider, kind.props(password))
    admin.clear_requests()

    result = kind_provider.diff(kind.id, olds, news)

    assert result.changes is False
    assert result.replaces == []
    assert admin.requests()["counts"] == {kind.read: 1}
    assert capsys.readouterr().err == ""


def test_diff_sees_a_url_changed_out_of_band(
    kind: Kind,
    kind_provider: Provider,
    admin: EmulatorAdmin,
    password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    news, olds = created(kind_provider, kind.props(password))
    kind.patch(admin, {"submission": {"url": OTHER_URL}})
    capsys.readouterr()

    result = kind_provider.diff(kind.id, olds, news)

    assert result.changes is True
    assert result.replaces == []
    err = capsys.readouterr().err
    assert err == (
        DRIFT_HEADER.format(id=kind.id)
        + f"  submission.url: changed outside Pulumi: live {OTHER_URL!r}, program {SUBMISSION_URL!r}\n"
    )
    assert password not in err


def test_diff_ignores_out_of_band_changes_to_unmanaged_parts(
    kind: Kind,
    kind_provider: Provider,
    admin: EmulatorAdmin,
    password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    news, olds = created(kind_provider, kind.props(password, submission=None, auth=None))
    kind.patch(
        admin,
        {
            "submission": {"status": True, "url": OTHER_URL},
            "auth": {"type": "apikey", "apikey": {"header": "X-Other", "apikey": "other-value"}},
        },
    )

    result = kind_provider.diff(kind.id, olds, news)

    assert result.changes is False
    assert capsys.readouterr().err == ""


def test_diff_sees_a_program_change_and_prints_nothing(
    kind: Kind,
    kind_provider: Provider,
    admin: EmulatorAdmin,
    password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, olds = created(kind_provider, kind.props(password))

    result = kind_provider.diff(kind.id, olds, checked(kind_provider, kind.props(password + "-new")))

    assert result.changes is True
    assert result.replaces == []
    # A program change is not drift: nothing is printed.
    assert capsys.readouterr().err == ""


def test_a_new_secret_version_sends_the_secret_again(
    kind: Kind,
    kind_provider: Provider,
    admin: EmulatorAdmin,
    password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    news, olds = created(kind_provider, kind.props(password))
    # The secret is changed in the Xobin UI: the API only says one is stored, so no diff can see it.
    kind.patch(admin, {"auth": kind.stored("changed-in-the-ui")["auth"]})
    assert kind_provider.diff(kind.id, olds, news).changes is False
    bumped = checked(
        kind_provider, kind.props(password, auth={**kind.props(password)["auth"], "secret_version": "2"})
    )

    diff = kind_provider.diff(kind.id, olds, bumped)
    admin.clear_requests()
    result = kind_provider.update(kind.id, olds, bumped)

    assert diff.changes is True
    assert diff.replaces == []
    assert capsys.readouterr().err == ""
    assert admin.requests()["counts"] == {kind.write: 1}
    assert kind.settings(admin.state()) == kind.stored(password)
    assert result.outs is not None
    assert result.outs["auth"]["secret_version"] == "2"
    # Sent once: the next diff is quiet again.
    assert kind_provider.diff(kind.id, result.outs, bumped).changes is False


def test_refresh_reads_once_for_read_and_diff(
    kind: Kind, kind_provider: Provider, admin: EmulatorAdmin, password: str
) -> None:
    news, olds = created(kind_provider, kind.props(password))
    admin.clear_requests()

    read = kind_provider.read(kind.id, olds)
    assert read.outs is not None
    diff = kind_provider.diff(kind.id, read.outs, news)

    assert diff.changes is False
    assert admin.requests()["counts"] == {kind.read: 1}
    # The cached read is used once: the next diff reads again.
    kind_provider.diff(kind.id, read.outs, news)
    assert admin.requests()["counts"] == {kind.read: 2}


# WebhookSettings: create


def test_create_outputs_come_from_the_answer(
    provider: WebhookSettingsProvider, admin: EmulatorAdmin, password: str
) -> None:
    answer = (
        '{"webhooks": {"start": {"status": true, "url": "https://hooks.example.com/from-server"},'
        ' "submission": {"status": false, "url": "https://hooks.example.com/submission"},'
        ' "auth": {"type": "basic", "basic": {"username": "svc-server", "password": null,'
        ' "hasPassword": false}, "apikey": {"header": null, "apikey": null}}}}'
    )
    admin.inject(body=answer, method="POST")

    result = provider.create(checked(provider, global_props(password)))

    assert result.outs == {
        "update_all": False,
        "start": {"url": "https://hooks.example.com/from-server", "enabled": True},
        "submission": {"url": SUBMISSION_URL, "enabled": False},
        # The answer says no password is stored: the output is null, so the next update sets it again.
        "auth": {
            "type": "basic",
            "username": "svc-server",
            "password": None,
            "secret_version": None,
            "has_password": False,
        },
    }


def test_create_of_only_some_parts_reports_only_those(
    provider: WebhookSettingsProvider, admin: EmulatorAdmin, password: str
) -> None:
    admin.patch_global({"submission": {"status": True, "url": OTHER_URL}})

    result = provider.create(checked(provider, {"start": {"url": START_URL}}))

    assert result.outs == {
        "update_all": False,
        "start": {"url": START_URL, "enabled": True},
        "submission": None,
        "auth": None,
    }
    stored = admin.state()["global"]
    assert stored["submission"] == {"status": True, "url": OTHER_URL}
    assert stored["auth"]["type"] is None


# WebhookSettings: read


def test_read_without_get_reads_with_an_empty_post_and_tries_get_only_once(
    provider: WebhookSettingsProvider, admin: EmulatorAdmin, password: str
) -> None:
    _, outs = created(provider, global_props(password))
    admin.patch_global({"submission": {"url": OTHER_URL, "status": False}})
    admin.configure(get_enabled=False)
    admin.clear_requests()
    before = admin.state()

    first = provider.read(GLOBAL_SETTINGS_ID, outs)
    second = provider.read(GLOBAL_SETTINGS_ID, outs)

    expected_outs = {**global_outputs(password), "submission": {"url": OTHER_URL, "enabled": False}}
    assert first.outs == second.outs == expected_outs
    assert first.inputs == {
        "update_all": False,
        "start": {"url": START_URL, "enabled": True},
        "submission": {"url": OTHER_URL, "enabled": False},
        "auth": {"type": "basic", "username": "svc", "password": password, "secret_version": None},
    }
    assert admin.requests()["counts"] == {f"GET {GLOBAL}": 1, f"POST {GLOBAL}": 2}
    # The read-by-POST changed nothing.
    assert admin.state() == before


def test_read_after_the_password_was_removed_clears_it(
    provider: WebhookSettingsProvider, admin: EmulatorAdmin, password: str
) -> None:
    _, outs = created(provider, global_props(password))
    admin.patch_global({"auth": {"basic": {"password": None}}})

    result = provider.read(GLOBAL_SETTINGS_ID, outs)

    assert result.outs is not None
    assert result.outs["auth"] == {
        "type": "basic",
        "username": "svc",
        "password": None,
        "secret_version": None,
        "has_password": False,
    }
    assert result.inputs is not None
    assert result.inputs["auth"] == {
        "type": "basic",
        "username": "svc",
        "password": None,
        "secret_version": None,
    }


# WebhookSettings: update


def test_update_to_apikey_auth_replaces_basic_auth(
    provider: WebhookSettingsProvider, admin: EmulatorAdmin, password: str, apikey_value: str
) -> None:
    _, olds = created(provider, global_props(password))
    news = checked(provider, global_props(password, auth={"header": HEADER, "value": apikey_value}))

    result = provider.update(GLOBAL_SETTINGS_ID, olds, news)

    assert result.outs is not None
    assert result.outs["auth"] == {
        "type": "apikey",
        "header": HEADER,
        "value": apikey_value,
        "secret_version": None,
        "has_value": None,
    }
    assert admin.state()["global"]["auth"] == {
        "type": "apikey",
        "basic": NO_BASIC,
        "apikey": {"header": HEADER, "apikey": apikey_value},
    }


# WebhookSettings: diff


def test_diff_sees_a_password_removed_out_of_band(
    provider: WebhookSettingsProvider,
    admin: EmulatorAdmin,
    password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    news, olds = created(provider, global_props(password))
    admin.patch_global({"auth": {"basic": {"password": None}}})
    capsys.readouterr()

    result = provider.diff(GLOBAL_SETTINGS_ID, olds, news)

    assert result.changes is True
    err = capsys.readouterr().err
    assert err == (
        DRIFT_HEADER.format(id=GLOBAL_SETTINGS_ID)
        + "  auth.password: not set in Xobin (the API reports none stored): will be set again\n"
    )
    assert password not in err


def test_update_all_pushes_the_settings_to_every_interview(
    provider: WebhookSettingsProvider, admin: EmulatorAdmin, password: str
) -> None:
    _, olds = created(provider, global_props(password))
    assert all(s["start"]["status"] is False for s in admin.state()["interviews"].values())
    news = checked(provider, global_props(password, update_all=True))

    assert provider.diff(GLOBAL_SETTINGS_ID, olds, news).changes is True
    result = provider.update(GLOBAL_SETTINGS_ID, olds, news)

    assert result.outs is not None
    assert result.outs["update_all"] is True
    state = admin.state()
    assert set(state["interviews"]) == {"ai-interview-1", "ai-interview-2", "ai-interview-3"}
    for settings in state["interviews"].values():
        assert settings == stored_global(password)
    # Once on, it stays quiet: the next diff has nothing to do.
    assert provider.diff(GLOBAL_SETTINGS_ID, result.outs, news).changes is False


# WebhookSettings: check


def test_check_with_bad_inputs_fails_without_calling_xobin(
    provider: WebhookSettingsProvider, admin: EmulatorAdmin, password: str
) -> None:
    props = {
        "start": {"url": "http://hooks.example.com/start"},
        "submission": {"enabled": True},
        "auth": {"type": "basic", "username": "svc"},
        "update_all": "yes",
        "colour": "blue",
    }

    result = provider.check({}, props)

    failures = {(f.property, f.reason) for f in result.failures}
    assert failures == {
        ("colour", "unknown property; expected one of: auth, start, submission, update_all"),
        ("start.url", "must use https (plain http is allowed only for loopback hosts)"),
        ("submission.url", "an enabled webhook needs a URL"),
        ("auth.password", "is required"),
        ("update_all", "must be a boolean, got a string"),
    }
    assert admin.requests()["total"] == 0


def test_check_without_an_api_key_names_the_setting(
    emulator: Emulator, admin: EmulatorAdmin, password: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XOBIN_API_KEY", raising=False)
    monkeypatch.delenv("XOBIN_BASE_URL", raising=False)
    provider = WebhookSettingsProvider()
    provider.configure(ConfigureRequest(Config({}, "proj")))

    result = provider.check({}, global_props(password))

    assert len(result.failures) == 1
    assert result.failures[0].property == ""
    assert "xobin:apiKey" in result.failures[0].reason
    assert "XOBIN_API_KEY" in result.failures[0].reason
    assert admin.requests()["total"] == 0


def test_an_unconfigured_provider_cannot_check(password: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XOBIN_API_KEY", raising=False)

    result = WebhookSettingsProvider().check({}, global_props(password))

    assert [f.property for f in result.failures] == [""]
    assert "xobin:apiKey" in result.failures[0].reason


# InterviewWebhookSettings


def test_interview_diff_sees_an_apikey_value_removed_when_the_server_reports_it(
    interview_provider: InterviewWebhookSettingsProvider,
    admin: EmulatorAdmin,
    apikey_value: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    admin.configure(report_has_apikey=True)
    news = checked(interview_provider, interview_props(apikey_value))
    olds = interview_provider.create(news).outs
    assert olds == interview_outputs(apikey_value, has_value=True)
    admin.patch_interview(INTERVIEW, {"auth": {"apikey": {"apikey": None}}})

    result = interview_provider.diff(INTERVIEW, olds, news)

    assert result.changes is True
    err = capsys.readouterr().err
    assert "  auth.value: not set in Xobin (the API reports none stored): will be set again\n" in err
    assert apikey_value not in err


def test_interview_create_with_an_answer_that_is_not_settings_reports_what_was_sent(
    interview_provider: InterviewWebhookSettingsProvider, admin: EmulatorAdmin, apikey_value: str
) -> None:
    # The docs do not show the PUT's answer: any 2xx is success, and the outputs are what was sent.
    admin.inject(status=200, body="", method="PUT")

    result = interview_provider.create(checked(interview_provider, interview_props(apikey_value)))

    assert result.id == INTERVIEW
    assert result.outs == interview_outputs(apikey_value, has_value=True)
    assert admin.requests()["counts"] == {f"PUT {interview_api_path()}": 1}


def test_interview_id_change_replaces_without_calling_xobin(
    interview_provider: InterviewWebhookSettingsProvider, admin: EmulatorAdmin, apikey_value: str
) -> None:
    _, olds = created(interview_provider, interview_props(apikey_value))
    admin.clear_requests()
    news = checked(interview_provider, interview_props(apikey_value, interview_id="ai-interview-3"))

    result = interview_provider.diff(INTERVIEW, olds, news)

    assert result.changes is True
    assert result.replaces == ["interview_id"]
    assert admin.requests()["total"] == 0


def test_interview_check_rejects_update_all_and_bad_ids(
    interview_provider: InterviewWebhookSettingsProvider, admin: EmulatorAdmin, apikey_value: str
) -> None:
    with_update_all = interview_provider.check({}, interview_props(apikey_value, update_all=True))
    bad_id = interview_provider.check({}, interview_props(apikey_value, interview_id="a/b"))
    no_id = interview_provider.check({}, {"start": {"url": START_URL}})

    assert [(f.property, f.reason) for f in with_update_all.failures] == [
        ("update_all", "unknown property; expected one of: auth, interview_id, start, submission")
    ]
    assert [f.property for f in bad_id.failures] == ["interview_id"]
    assert [(f.property, f.reason) for f in no_id.failures] == [("interview_id", "is required")]
    assert admin.requests()["total"] == 0


def test_interview_read_without_get_returns_the_props_unchanged(
    interview_provider: InterviewWebhookSettingsProvider,
    admin: EmulatorAdmin,
    apikey_value: str,
) -> None:
    news, outs = created(interview_provider, interview_props(apikey_value))
    admin.configure(get_enabled=False)
    admin.patch_interview(INTERVIEW, {"start": {"url": OTHER_URL}})
    admin.clear_requests()
    props = dict(outs)

    result = interview_provider.read(INTERVIEW, props)
    again = interview_provider.read(INTERVIEW, props)
    diff = interview_provider.diff(INTERVIEW, outs, news)

    assert result.id == INTERVIEW
    assert result.outs == outs
    assert result.inputs is None
    assert again.outs == outs
    # Without a read there is no drift to see: the diff compares with the last applied outputs.
    assert diff.changes is False
    assert admin.requests()["counts"] == {f"GET {interview_api_path()}": 1}


# Refresh economy: the refreshed state is what the next diff compares with


def test_refresh_then_diff_still_sees_drift_found_by_the_read(
    provider: WebhookSettingsProvider,
    admin: EmulatorAdmin,
    password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    news, olds = created(provider, global_props(password))
    admin.patch_global({"start": {"status": False}})
    admin.clear_requests()

    read = provider.read(GLOBAL_SETTINGS_ID, olds)
    assert read.outs is not None
    diff = provider.diff(GLOBAL_SETTINGS_ID, read.outs, news)

    assert diff.changes is True
    assert admin.requests()["counts"] == {f"GET {GLOBAL}": 1}
    # The refreshed state already holds the live value, so it is a plain program change, not drift.
    assert capsys.readouterr().err == ""
