"""The dynamic providers against the emulator over real HTTP, called the way the Pulumi engine calls them.

What the lifecycle does, step by step and on both faces, is tests/unit/test_lifecycle.py's, over a fake
API. These few tests walk it through the real client to a server: what a create, an update and a delete
leave stored (and nothing else touched), the drift warning a diff prints, and the read by POST where the
server has no GET.
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
    InterviewWebhookSettingsProvider,
    WebhookSettingsProvider,
)
from support.samples import HEADER, OTHER, SETTINGS_ID, START, SUBMISSION

API_PREFIX = "/api/v2"
GLOBAL = API_PREFIX + GLOBAL_SETTINGS_PATH
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


def global_props(password: str, **changes: Any) -> dict[str, Any]:
    props: dict[str, Any] = {
        "start": {"url": START, "enabled": True},
        "submission": {"url": SUBMISSION, "enabled": True},
        "auth": {"type": "basic", "username": "svc", "password": password},
        "update_all": False,
    }
    props.update(changes)
    return props


def interview_props(apikey_value: str, **changes: Any) -> dict[str, Any]:
    props: dict[str, Any] = {
        "interview_id": INTERVIEW,
        "start": {"url": START, "enabled": True},
        "submission": {"url": SUBMISSION, "enabled": False},
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
        "start": {"url": START, "enabled": True},
        "submission": {"url": SUBMISSION, "enabled": True},
        "auth": basic_outputs(password),
    }


def stored_basic(password: str) -> dict[str, Any]:
    return {"type": "basic", "basic": {"username": "svc", "password": password}, "apikey": NO_APIKEY}


def stored_global(password: str) -> dict[str, Any]:
    return {
        "start": {"status": True, "url": START},
        "submission": {"status": True, "url": SUBMISSION},
        "auth": stored_basic(password),
    }


def interview_outputs(apikey_value: str) -> dict[str, Any]:
    return {
        "interview_id": INTERVIEW,
        "start": {"url": START, "enabled": True},
        "submission": {"url": SUBMISSION, "enabled": False},
        "auth": {
            "type": "apikey",
            "header": HEADER,
            "value": apikey_value,
            "secret_version": None,
            "has_value": None,
        },
    }


def stored_interview(apikey_value: str) -> dict[str, Any]:
    return {
        "start": {"status": True, "url": START},
        "submission": {"status": False, "url": SUBMISSION},
        "auth": {"type": "apikey", "basic": NO_BASIC, "apikey": {"header": HEADER, "apikey": apikey_value}},
    }


def interview_api_path() -> str:
    return API_PREFIX + interview_path(INTERVIEW)


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
        return interviews if self.id == SETTINGS_ID else {"global": state["global"], **interviews}

    def patch(self, admin: EmulatorAdmin, patch: dict[str, Any]) -> None:
        """Change this resource's settings out of band, as a user of the Xobin UI would."""
        if self.id == INTERVIEW:
            admin.patch_interview(INTERVIEW, patch)
        else:
            admin.patch_global(patch)


KINDS = [
    pytest.param(
        Kind(
            SETTINGS_ID,
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


# Both resources: create, update, delete, and drift seen by a diff


def test_create_applies_the_program_with_one_write_and_touches_nothing_else(
    kind: Kind, kind_provider: Provider, admin: EmulatorAdmin, password: str
) -> None:
    kind.patch(
        admin,
        {
            "start": {"status": False, "url": OTHER},
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
            start={"url": OTHER, "enabled": False},
            auth={"username": "svc", "password": new_password},
        ),
    )
    before = admin.state()

    result = kind_provider.update(kind.id, olds, news)

    assert result.outs == {
        **kind.outputs(password),
        "start": {"url": OTHER, "enabled": False},
        "auth": basic_outputs(new_password),
    }
    assert admin.requests()["counts"] == {kind.write: 1}
    state = admin.state()
    assert kind.settings(state) == {
        **kind.stored(password),
        "start": {"status": False, "url": OTHER},
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


def test_diff_sees_a_url_changed_out_of_band(
    kind: Kind,
    kind_provider: Provider,
    admin: EmulatorAdmin,
    password: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    news, olds = created(kind_provider, kind.props(password))
    kind.patch(admin, {"submission": {"url": OTHER}})
    capsys.readouterr()

    result = kind_provider.diff(kind.id, olds, news)

    assert result.changes is True
    assert result.replaces == []
    err = capsys.readouterr().err
    assert err == (
        DRIFT_HEADER.format(id=kind.id)
        + f"  submission.url: changed outside Pulumi: live {OTHER!r}, program {SUBMISSION!r}\n"
    )
    assert password not in err


# WebhookSettings: a server without GET


def test_read_without_get_reads_with_an_empty_post_and_tries_get_only_once(
    provider: WebhookSettingsProvider, admin: EmulatorAdmin, password: str
) -> None:
    _, outs = created(provider, global_props(password))
    admin.patch_global({"submission": {"url": OTHER, "status": False}})
    admin.configure(get_enabled=False)
    admin.clear_requests()
    before = admin.state()

    first = provider.read(SETTINGS_ID, outs)
    second = provider.read(SETTINGS_ID, outs)

    expected_outs = {**global_outputs(password), "submission": {"url": OTHER, "enabled": False}}
    assert first.outs == second.outs == expected_outs
    assert first.inputs == {
        "update_all": False,
        "start": {"url": START, "enabled": True},
        "submission": {"url": OTHER, "enabled": False},
        "auth": {"type": "basic", "username": "svc", "password": password, "secret_version": None},
    }
    assert admin.requests()["counts"] == {f"GET {GLOBAL}": 1, f"POST {GLOBAL}": 2}
    # The read-by-POST changed nothing.
    assert admin.state() == before
