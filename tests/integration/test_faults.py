"""The fault suite over real HTTP: what the client and the providers do when Xobin misbehaves.

Faults are injected into the emulator; the client is the real one, with a sleep function that records
the waits it asks for and does not sleep. Every rule of retrying, error wording and redaction is
tests/unit/test_client.py's, over a mock transport, and that both faces tell the client every secret to
keep out of errors is tests/unit/test_lifecycle.py's. What stays here needs a server: a dropped
connection, a timeout, an unreachable host, a status line as a server sends it, and the providers end
to end.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from pulumi_xobin._api import client as _client
from pulumi_xobin._api.client import GLOBAL_SETTINGS_PATH, XobinClient, interview_path
from pulumi_xobin._api.connection import ConnectionSettings
from pulumi_xobin._api.errors import ApiError, TransportError
from pulumi_xobin._core.errors import XobinError
from pulumi_xobin._core.model import BasicAuth, DesiredSettings, Webhook
from pulumi_xobin.emulator import Emulator, EmulatorAdmin
from pulumi_xobin.provider import (
    InterviewWebhookSettingsProvider,
    WebhookSettingsProvider,
)
from support.errors import assert_no_pydantic, error_texts
from support.samples import HEADER, SETTINGS_ID, START, SUBMISSION

API_PREFIX = "/api/v2"
GLOBAL = API_PREFIX + GLOBAL_SETTINGS_PATH
INTERVIEW = "ai-interview-1"
SHORT_TIMEOUT_S = 0.15
SLOW_MS = 450
READ_PREFIX = f"Xobin answered GET {GLOBAL_SETTINGS_PATH} with "
TRANSPORT_PREFIX = f"could not get an answer from Xobin for GET {GLOBAL_SETTINGS_PATH} after 3 attempt(s): "


@pytest.fixture
def admin(emulator: Emulator) -> EmulatorAdmin:
    return emulator.admin


@pytest.fixture
def apikey_value() -> str:
    return "hook-value-91fa-secret"


@pytest.fixture
def waits() -> list[float]:
    return []


ClientFactory = Callable[..., XobinClient]


@pytest.fixture
def make_client(emulator: Emulator, api_key: str, waits: list[float]) -> Iterator[ClientFactory]:
    made: list[XobinClient] = []

    def factory(*, timeout_seconds: float = 5.0, max_retries: int = 2) -> XobinClient:
        settings = ConnectionSettings(
            base_url=emulator.url, api_key=api_key, timeout_seconds=timeout_seconds, max_retries=max_retries
        )
        client = XobinClient(settings, sleep=waits.append)
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


def wait_for_requests(admin: EmulatorAdmin, total: int, settle_s: float = 0.02) -> dict[str, Any]:
    """The request log once it holds `total` requests (timed-out ones are logged late), and no more."""
    deadline = time.monotonic() + 5.0
    requests = admin.requests()
    while requests["total"] < total and time.monotonic() < deadline:
        time.sleep(0.02)
        requests = admin.requests()
    time.sleep(settle_s)
    return admin.requests()


def basic_settings(password: str) -> DesiredSettings:
    return DesiredSettings(
        {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
        auth=BasicAuth("svc", password),
    )


# Faults only a real connection shows: a dropped connection and a read timeout, each retried, and an
# unreachable host. (When and how long the client waits, and what its errors say, is
# tests/unit/test_client.py's.)


@dataclass(frozen=True)
class NetworkFault:
    id: str
    fault: dict[str, Any]
    final_message: str  # how the message after 3 attempts begins
    timeout_seconds: float = 5.0


NETWORK_FAULTS = [
    NetworkFault("dropped-connection", {"drop": True}, TRANSPORT_PREFIX),
    NetworkFault(
        "read-timeout",
        {"delay_ms": SLOW_MS},
        TRANSPORT_PREFIX + "ReadTimeout",
        timeout_seconds=SHORT_TIMEOUT_S,
    ),
]


@pytest.mark.parametrize("case", NETWORK_FAULTS, ids=[c.id for c in NETWORK_FAULTS])
def test_a_network_fault_is_retried_to_success(
    case: NetworkFault, make_client: ClientFactory, admin: EmulatorAdmin, waits: list[float]
) -> None:
    admin.patch_global({"start": {"status": True, "url": START}})
    admin.clear_requests()
    client = make_client(timeout_seconds=case.timeout_seconds, max_retries=2)
    admin.inject(count=2, **case.fault)

    settings = client.read_settings()

    assert settings.webhook("start") == Webhook(START, True)
    assert wait_for_requests(admin, 3)["counts"] == {f"GET {GLOBAL}": 3}
    assert len(waits) == 2


@pytest.mark.parametrize("case", NETWORK_FAULTS, ids=[c.id for c in NETWORK_FAULTS])
def test_a_network_fault_that_lasts_is_a_transport_error(
    case: NetworkFault, make_client: ClientFactory, admin: EmulatorAdmin
) -> None:
    client = make_client(timeout_seconds=case.timeout_seconds, max_retries=2)
    admin.inject(count=5, **case.fault)

    with pytest.raises(TransportError) as caught:
        client.read_settings()

    assert str(caught.value).startswith(case.final_message), str(caught.value)
    assert caught.value.attempts == 3
    settle_s = 0.2 if case.id == "read-timeout" else 0.02
    assert wait_for_requests(admin, 3, settle_s)["total"] == 3


def test_the_status_line_is_the_server_s_own(
    make_client: ClientFactory, admin: EmulatorAdmin, password: str
) -> None:
    """The reason phrase comes from the server's status line, not from a table of ours."""
    client = make_client(max_retries=2)
    admin.inject(count=5, status=422, body="", method="POST")
    before = admin.state()

    with pytest.raises(ApiError) as caught:
        client.apply_settings(basic_settings(password), secrets=[password])

    # The emulator's phrase is http.server's: Python 3.13 renamed 422's (RFC 9110).
    assert (
        str(caught.value) == f"Xobin answered POST {GLOBAL_SETTINGS_PATH} with 422 {HTTPStatus(422).phrase}"
    )
    assert admin.requests()["total"] == 1
    assert admin.state() == before


def test_an_unreachable_server_is_a_transport_error(api_key: str, waits: list[float]) -> None:
    with Emulator(api_key=api_key) as gone:
        url = gone.url
    client = XobinClient(
        ConnectionSettings(base_url=url, api_key=api_key, timeout_seconds=1.0, max_retries=1),
        sleep=waits.append,
    )
    try:
        with pytest.raises(TransportError) as caught:
            client.read_settings()
    finally:
        client.close()

    assert str(caught.value).startswith(
        f"could not get an answer from Xobin for GET {GLOBAL_SETTINGS_PATH} after 2 attempt(s): ConnectError"
    )
    assert api_key not in error_texts(caught.value)
    assert len(waits) == 1


# Through the providers: a failure raises and changes nothing; a retried apply lands exactly once.


@pytest.fixture
def recording_providers(
    emulator: Emulator, api_key: str, waits: list[float], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[WebhookSettingsProvider, InterviewWebhookSettingsProvider]]:
    """Providers configured like the engine does, whose shared client records its waits.

    Config asks for 2 retries and a short timeout; the client `client_for` hands out for exactly these
    settings is seeded with the recording one, so nothing really sleeps.
    """
    config = Config(
        {
            "xobin:apiKey": api_key,
            "xobin:baseUrl": emulator.url,
            "xobin:maxRetries": "2",
            "xobin:timeoutSeconds": str(SHORT_TIMEOUT_S),
        },
        "proj",
    )
    settings = ConnectionSettings.resolve(config.get)
    client = XobinClient(settings, sleep=waits.append)
    monkeypatch.setitem(_client._clients, settings, client)
    providers = (WebhookSettingsProvider(), InterviewWebhookSettingsProvider())
    for provider in providers:
        provider.configure(ConfigureRequest(config))
    yield providers
    client.close()


def global_props(password: str, start_url: str = START) -> dict[str, Any]:
    return {
        "start": {"url": start_url, "enabled": True},
        "submission": {"url": SUBMISSION, "enabled": True},
        "auth": {"type": "basic", "username": "svc", "password": password},
        "update_all": False,
    }


def interview_props(apikey_value: str, start_url: str = START) -> dict[str, Any]:
    return {
        "interview_id": INTERVIEW,
        "start": {"url": start_url, "enabled": True},
        "auth": {"type": "apikey", "header": HEADER, "value": apikey_value},
    }


PROVIDER_FAILURES = [
    pytest.param(
        {"status": 403, "body": '{"message": "Plan limit reached", "error": "limit_exceed"}'}, 1, id="403"
    ),
    pytest.param({"status": 400, "body": '{"error": "webhooks.start.url is invalid"}'}, 1, id="400"),
    pytest.param({"status": 503}, 3, id="503-after-retries"),
    pytest.param({"status": 429, "retry_after": "0"}, 3, id="429-after-retries"),
    pytest.param({"drop": True}, 3, id="dropped-after-retries"),
    pytest.param({"status": 200, "body": "<html>oops</html>"}, 1, id="answer-not-json"),
]


@pytest.mark.parametrize(("fault", "requests"), PROVIDER_FAILURES)
def test_a_failed_create_raises_and_changes_nothing(
    fault: dict[str, Any],
    requests: int,
    recording_providers: tuple[WebhookSettingsProvider, InterviewWebhookSettingsProvider],
    admin: EmulatorAdmin,
    password: str,
    api_key: str,
) -> None:
    provider, _ = recording_providers
    inputs = provider.check({}, global_props(password)).inputs
    before = admin.state()
    admin.inject(count=5, method="POST", **fault)

    with pytest.raises(XobinError) as caught:
        provider.create(inputs)

    assert admin.state() == before
    assert admin.requests()["counts"] == {f"POST {GLOBAL}": requests}
    text = error_texts(caught.value)
    assert password not in text
    assert api_key not in text
    assert_no_pydantic(caught.value)


@pytest.mark.parametrize(("fault", "requests"), PROVIDER_FAILURES)
def test_a_failed_update_raises_and_changes_nothing(
    fault: dict[str, Any],
    requests: int,
    recording_providers: tuple[WebhookSettingsProvider, InterviewWebhookSettingsProvider],
    admin: EmulatorAdmin,
    password: str,
) -> None:
    provider, _ = recording_providers
    olds = provider.create(provider.check({}, global_props(password)).inputs).outs
    assert olds is not None
    news = provider.check(
        {}, global_props(password + "-new", start_url="https://hooks.example.com/v2")
    ).inputs
    before = admin.state()
    admin.clear_requests()
    admin.inject(count=5, method="POST", **fault)

    with pytest.raises(XobinError) as caught:
        provider.update(SETTINGS_ID, olds, news)

    assert admin.state() == before
    assert admin.requests()["counts"] == {f"POST {GLOBAL}": requests}
    assert password not in error_texts(caught.value)


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param({"status": 403, "body": '{"error": "limit_exceed"}'}, id="403"),
        pytest.param({"status": 502}, id="502-after-retries"),
        pytest.param({"drop": True}, id="dropped-after-retries"),
    ],
)
def test_a_failed_interview_update_raises_and_changes_nothing(
    fault: dict[str, Any],
    recording_providers: tuple[WebhookSettingsProvider, InterviewWebhookSettingsProvider],
    admin: EmulatorAdmin,
    apikey_value: str,
) -> None:
    _, provider = recording_providers
    olds = provider.create(provider.check({}, interview_props(apikey_value)).inputs).outs
    assert olds is not None
    news = provider.check({}, interview_props(apikey_value + "-new", "https://hooks.example.com/v2")).inputs
    before = admin.state()
    admin.inject(count=5, method="PUT", **fault)

    with pytest.raises(XobinError) as caught:
        provider.update(INTERVIEW, olds, news)

    assert admin.state() == before
    assert apikey_value not in error_texts(caught.value)


def test_creating_settings_for_an_unknown_interview_fails_clearly(
    recording_providers: tuple[WebhookSettingsProvider, InterviewWebhookSettingsProvider],
    admin: EmulatorAdmin,
    apikey_value: str,
) -> None:
    _, provider = recording_providers
    props = {**interview_props(apikey_value), "interview_id": "ai-interview-42"}
    inputs = provider.check({}, props).inputs
    before = admin.state()

    with pytest.raises(ApiError) as caught:
        provider.create(inputs)

    assert str(caught.value) == (
        f"Xobin answered PUT {interview_path('ai-interview-42')} with 404 Not Found: AI interview not found "
        "(no AI interview has this id in the account)"
    )
    assert admin.state() == before


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param({"status": 503}, id="503"),
        pytest.param({"status": 429, "retry_after": "1"}, id="429"),
        pytest.param({"drop": True}, id="dropped"),
        pytest.param({"delay_ms": SLOW_MS}, id="timeout"),
    ],
)
def test_a_retried_create_leaves_exactly_the_desired_settings(
    fault: dict[str, Any],
    recording_providers: tuple[WebhookSettingsProvider, InterviewWebhookSettingsProvider],
    admin: EmulatorAdmin,
    waits: list[float],
    password: str,
) -> None:
    provider, _ = recording_providers
    inputs = provider.check({}, global_props(password)).inputs
    admin.inject(count=2, method="POST", **fault)

    result = provider.create(inputs)

    assert result.outs is not None
    assert result.outs["auth"] == {
        "type": "basic",
        "username": "svc",
        "password": password,
        "secret_version": None,
        "has_password": True,
    }
    requests = wait_for_requests(admin, 3, settle_s=0.2 if "delay_ms" in fault else 0.02)
    assert requests["counts"] == {f"POST {GLOBAL}": 3}
    assert len(waits) == 2
    state = admin.state()
    assert state["global"] == {
        "start": {"status": True, "url": START},
        "submission": {"status": True, "url": SUBMISSION},
        "auth": {
            "type": "basic",
            "basic": {"username": "svc", "password": password},
            "apikey": {"header": None, "apikey": None},
        },
    }
    assert all(s["start"]["status"] is False for s in state["interviews"].values())


def test_a_retried_interview_create_leaves_exactly_the_desired_settings(
    recording_providers: tuple[WebhookSettingsProvider, InterviewWebhookSettingsProvider],
    admin: EmulatorAdmin,
    waits: list[float],
    apikey_value: str,
) -> None:
    _, provider = recording_providers
    inputs = provider.check({}, interview_props(apikey_value)).inputs
    admin.inject(count=1, method="PUT", status=503, retry_after="1")
    admin.inject(count=1, method="PUT", drop=True)

    provider.create(inputs)

    assert waits[0] == 1.0
    assert len(waits) == 2
    assert admin.requests()["counts"] == {f"PUT {API_PREFIX}{interview_path(INTERVIEW)}": 3}
    assert admin.state()["interviews"][INTERVIEW] == {
        "start": {"status": True, "url": START},
        "submission": {"status": False, "url": None},
        "auth": {
            "type": "apikey",
            "basic": {"username": None, "password": None},
            "apikey": {"header": HEADER, "apikey": apikey_value},
        },
    }
