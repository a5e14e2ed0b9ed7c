"""XobinClient against the emulator over loopback: reads, writes, auth spellings, pooling and threads.

Every test uses the project's real httpx client; the emulator is the only server.
"""

from __future__ import annotations

import importlib.metadata
import json
import platform
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pulumi_xobin._client import GLOBAL_SETTINGS_PATH, XobinClient, client_for, interview_path
from pulumi_xobin._connection import ConnectionSettings
from pulumi_xobin._errors import ApiError
from pulumi_xobin._wire import (
    AuthRequest,
    SettingsRequest,
    SettingsResponse,
    WebhooksRequest,
    WebhookWire,
)
from pulumi_xobin.emulator import Emulator, EmulatorAdmin

API_PREFIX = "/api/v2"
GLOBAL = API_PREFIX + GLOBAL_SETTINGS_PATH
START_URL = "https://hooks.example.com/start"
SUBMISSION_URL = "https://hooks.example.com/submission"
HEADER = "X-Webhook-Key"
APIKEY_VALUE = "hook-value-5d1e-secret"
NO_APIKEY = {"header": None, "apikey": None}
NO_BASIC = {"username": None, "password": None}


@pytest.fixture
def admin(emulator: Emulator) -> EmulatorAdmin:
    return emulator.admin


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def client(emulator: Emulator, api_key: str, waits: list[float]) -> Iterator[XobinClient]:
    settings = ConnectionSettings(base_url=emulator.url, api_key=api_key, timeout_seconds=5.0, max_retries=2)
    xobin = XobinClient(settings, sleep=waits.append)
    yield xobin
    xobin.close()


def full_basic_request(password: str, *, update_all: bool | None = None) -> SettingsRequest:
    return SettingsRequest(
        webhooks=WebhooksRequest(
            start=WebhookWire(status=True, url=START_URL),
            submission=WebhookWire(status=True, url=SUBMISSION_URL),
            auth=AuthRequest.basic_auth("svc", password),
        ),
        update_all=update_all,
    )


def stored_full_basic(password: str) -> dict[str, Any]:
    """The emulator's unmasked stored settings after `full_basic_request(password)`."""
    return {
        "start": {"status": True, "url": START_URL},
        "submission": {"status": True, "url": SUBMISSION_URL},
        "auth": {
            "type": "basic",
            "basic": {"username": "svc", "password": password},
            "apikey": NO_APIKEY,
        },
    }


def masked_full_basic() -> dict[str, Any]:
    """`SettingsResponse.model_dump()` of the answer to `full_basic_request`."""
    return {
        "webhooks": {
            "start": {"status": True, "url": START_URL},
            "submission": {"status": True, "url": SUBMISSION_URL},
            "auth": {
                "type": "basic",
                "basic": {"username": "svc", "has_password": True},
                "apikey": {"header": None, "has_value": None},
            },
        }
    }


def initial_dump() -> dict[str, Any]:
    """`SettingsResponse.model_dump()` of a never-configured account."""
    return {
        "webhooks": {
            "start": {"status": False, "url": None},
            "submission": {"status": False, "url": None},
            "auth": {
                "type": None,
                "basic": {"username": None, "has_password": False},
                "apikey": {"header": None, "has_value": None},
            },
        }
    }


def seed_global(admin: EmulatorAdmin, password: str) -> None:
    admin.patch_global(stored_full_basic(password))


# Reading


def test_read_uses_get_and_returns_the_stored_settings(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    seed_global(admin, password)
    admin.clear_requests()

    settings = client.read_settings()

    assert isinstance(settings, SettingsResponse)
    assert settings.model_dump() == masked_full_basic()
    assert password not in settings.model_dump_json()
    assert admin.requests()["counts"] == {f"GET {GLOBAL}": 1}


def test_read_of_a_never_configured_account(client: XobinClient) -> None:
    assert client.read_settings().model_dump() == initial_dump()


def test_read_falls_back_to_an_empty_post_when_get_is_405(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    seed_global(admin, password)
    admin.configure(get_enabled=False)
    admin.clear_requests()
    before = admin.state()

    answers = [client.read_settings() for _ in range(3)]

    assert [a.model_dump() for a in answers] == [masked_full_basic()] * 3
    requests = admin.requests()
    assert requests["counts"] == {f"GET {GLOBAL}": 1, f"POST {GLOBAL}": 3}
    assert [(r["method"], r["status"]) for r in requests["log"]] == [
        ("GET", 405),
        ("POST", 200),
        ("POST", 200),
        ("POST", 200),
    ]
    # The read-by-POST changed nothing: not the global settings, not an interview, not the config.
    assert admin.state() == before


def test_read_fallback_on_a_404_get_is_remembered(client: XobinClient, admin: EmulatorAdmin) -> None:
    admin.inject(status=404, method="GET", path=GLOBAL)
    before = admin.state()

    first = client.read_settings()
    second = client.read_settings()

    assert first.model_dump() == second.model_dump() == initial_dump()
    assert admin.requests()["counts"] == {f"GET {GLOBAL}": 1, f"POST {GLOBAL}": 2}
    assert admin.state() == before


# Writing


def test_apply_settings_stores_them_and_returns_them_masked(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    answer = client.apply_settings(full_basic_request(password), secrets=[password])

    assert answer.model_dump() == masked_full_basic()
    assert password not in answer.model_dump_json()
    assert answer.webhooks.auth is not None
    assert answer.webhooks.auth.basic is not None
    assert answer.webhooks.auth.basic.has_password is True
    state = admin.state()
    assert state["global"] == stored_full_basic(password)
    assert admin.requests()["counts"] == {f"POST {GLOBAL}": 1}
    # No updateAll: the interviews keep their own settings.
    assert all(s["start"]["status"] is False for s in state["interviews"].values())


def test_apply_settings_with_update_all_reaches_every_interview(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    client.apply_settings(full_basic_request(password, update_all=True), secrets=[password])

    state = admin.state()
    assert set(state["interviews"]) == {"ai-interview-1", "ai-interview-2", "ai-interview-3"}
    for settings in state["interviews"].values():
        assert settings == stored_full_basic(password)


def test_apply_leaves_out_what_is_not_sent(client: XobinClient, admin: EmulatorAdmin, password: str) -> None:
    seed_global(admin, password)
    request = SettingsRequest(webhooks=WebhooksRequest(start=WebhookWire(status=False, url=None)))

    answer = client.apply_settings(request)

    expected = stored_full_basic(password)
    expected["start"]["status"] = False
    assert admin.state()["global"] == expected
    assert answer.webhooks.start is not None
    assert answer.webhooks.start.url == START_URL


# API-key auth


@pytest.mark.parametrize(("report_has_apikey", "has_value"), [(False, None), (True, True)])
def test_global_apikey_auth_uses_the_header_apikey_spelling(
    client: XobinClient, admin: EmulatorAdmin, report_has_apikey: bool, has_value: bool | None
) -> None:
    admin.configure(report_has_apikey=report_has_apikey)
    request = SettingsRequest(
        webhooks=WebhooksRequest(auth=AuthRequest.apikey_auth(HEADER, APIKEY_VALUE, "header/apikey"))
    )

    answer = client.apply_settings(request, secrets=[APIKEY_VALUE])
    read = client.read_settings()

    stored = admin.state()["global"]["auth"]
    assert stored == {
        "type": "apikey",
        "basic": NO_BASIC,
        "apikey": {"header": HEADER, "apikey": APIKEY_VALUE},
    }
    for settings in (answer, read):
        assert settings.webhooks.auth is not None
        assert settings.webhooks.auth.type == "apikey"
        assert settings.webhooks.auth.apikey is not None
        assert settings.webhooks.auth.apikey.model_dump() == {"header": HEADER, "has_value": has_value}
        assert APIKEY_VALUE not in settings.model_dump_json()


def test_global_path_rejects_the_per_interview_spelling(client: XobinClient, admin: EmulatorAdmin) -> None:
    request = SettingsRequest(
        webhooks=WebhooksRequest(auth=AuthRequest.apikey_auth(HEADER, APIKEY_VALUE, "key/value"))
    )
    before = admin.state()

    with pytest.raises(ApiError) as caught:
        client.apply_settings(request, secrets=[APIKEY_VALUE])

    assert caught.value.status == 400
    assert str(caught.value) == (
        f"Xobin answered POST {GLOBAL_SETTINGS_PATH} with 400 Bad Request: "
        "webhooks.auth.apikey.header must be a non-empty string"
    )
    assert admin.state() == before


def test_responses_in_the_key_value_spelling_are_understood(
    client: XobinClient, admin: EmulatorAdmin
) -> None:
    body = {
        "webhooks": {
            "start": {"status": True, "url": START_URL},
            "auth": {"type": "apikey", "apikey": {"key": HEADER, "value": None, "hasValue": False}},
            "somethingNew": {"ignored": True},
        }
    }
    admin.inject(body=json.dumps(body), method="GET")

    settings = client.read_settings()

    assert settings.webhooks.auth is not None
    assert settings.webhooks.auth.apikey is not None
    assert settings.webhooks.auth.apikey.header == HEADER
    assert settings.webhooks.auth.apikey.has_value is False
    assert settings.webhooks.submission is None


# Per-interview settings


def test_interview_read_uses_get(client: XobinClient, admin: EmulatorAdmin) -> None:
    admin.patch_interview("ai-interview-2", {"start": {"status": True, "url": START_URL}})
    admin.clear_requests()

    settings = client.read_interview_settings("ai-interview-2")

    assert settings is not None
    assert settings.webhooks.start is not None
    assert settings.webhooks.start.model_dump() == {"status": True, "url": START_URL}
    assert admin.requests()["counts"] == {f"GET {API_PREFIX}{interview_path('ai-interview-2')}": 1}


def test_interview_apply_puts_the_key_value_spelling(client: XobinClient, admin: EmulatorAdmin) -> None:
    before = admin.state()
    request = SettingsRequest(
        webhooks=WebhooksRequest(
            start=WebhookWire(status=True, url=START_URL),
            auth=AuthRequest.apikey_auth(HEADER, APIKEY_VALUE, "key/value"),
        )
    )

    answer = client.apply_interview_settings("ai-interview-2", request, secrets=[APIKEY_VALUE])

    state = admin.state()
    # The emulator accepts only key/value on this path and stores it in its own shape.
    assert state["interviews"]["ai-interview-2"] == {
        "start": {"status": True, "url": START_URL},
        "submission": {"status": False, "url": None},
        "auth": {"type": "apikey", "basic": NO_BASIC, "apikey": {"header": HEADER, "apikey": APIKEY_VALUE}},
    }
    assert state["global"] == before["global"]
    assert state["interviews"]["ai-interview-1"] == before["interviews"]["ai-interview-1"]
    assert state["interviews"]["ai-interview-3"] == before["interviews"]["ai-interview-3"]
    assert admin.requests()["counts"] == {f"PUT {API_PREFIX}{interview_path('ai-interview-2')}": 1}
    assert answer is not None
    assert answer.webhooks.auth is not None
    assert answer.webhooks.auth.apikey is not None
    assert answer.webhooks.auth.apikey.header == HEADER
    assert APIKEY_VALUE not in answer.model_dump_json()


def test_interview_apply_with_an_answer_that_is_not_settings_returns_none(
    client: XobinClient, admin: EmulatorAdmin
) -> None:
    admin.inject(status=200, body="", method="PUT")
    request = SettingsRequest(webhooks=WebhooksRequest(start=WebhookWire(status=False, url=None)))

    assert client.apply_interview_settings("ai-interview-1", request) is None


def test_interview_get_405_returns_none_and_is_not_asked_again(
    client: XobinClient, admin: EmulatorAdmin
) -> None:
    admin.configure(get_enabled=False)

    answers = [
        client.read_interview_settings(i) for i in ("ai-interview-1", "ai-interview-1", "ai-interview-3")
    ]

    assert answers == [None, None, None]
    requests = admin.requests()
    assert requests["counts"] == {f"GET {API_PREFIX}{interview_path('ai-interview-1')}": 1}
    assert requests["log"][0]["status"] == 405


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_unknown_interview_is_an_api_error_saying_so(
    client: XobinClient, admin: EmulatorAdmin, method: str
) -> None:
    request = SettingsRequest(webhooks=WebhooksRequest(start=WebhookWire(status=False, url=None)))
    calls: dict[str, Callable[[], object]] = {
        "GET": lambda: client.read_interview_settings("ai-interview-99"),
        "PUT": lambda: client.apply_interview_settings("ai-interview-99", request),
    }

    with pytest.raises(ApiError) as caught:
        calls[method]()

    err = caught.value
    assert err.status == 404
    assert err.server_message == "AI interview not found"
    assert str(err) == (
        f"Xobin answered {method} {GLOBAL_SETTINGS_PATH}/ai-interview-99 with 404 Not Found: "
        "AI interview not found (no AI interview has this id in the account)"
    )
    assert "no AI interview has this id" in str(err)
    assert admin.requests()["total"] == 1


# Authentication


@pytest.mark.parametrize("operation", ["read", "apply"])
def test_wrong_api_key_is_a_401_with_the_hint_and_without_the_key(
    emulator: Emulator, admin: EmulatorAdmin, waits: list[float], operation: str
) -> None:
    wrong_key = "wrong-account-key-7e3f"
    settings = ConnectionSettings(
        base_url=emulator.url, api_key=wrong_key, timeout_seconds=5.0, max_retries=2
    )
    xobin = XobinClient(settings, sleep=waits.append)
    before = admin.state()
    calls: dict[str, Callable[[], object]] = {
        "read": xobin.read_settings,
        "apply": lambda: xobin.apply_settings(full_basic_request("pw-unused"), secrets=["pw-unused"]),
    }
    try:
        with pytest.raises(ApiError) as caught:
            calls[operation]()
    finally:
        xobin.close()

    err = caught.value
    method = "GET" if operation == "read" else "POST"
    assert err.status == 401
    assert str(err) == (
        f"Xobin answered {method} {GLOBAL_SETTINGS_PATH} with 401 Unauthorized: "
        "Unauthorized: invalid or missing apiKey "
        "(check the account API key (`xobin:apiKey` or XOBIN_API_KEY))"
    )
    assert wrong_key not in str(err)
    assert wrong_key not in repr(err)
    # Neither retried nor read another way.
    assert admin.requests()["total"] == 1
    assert waits == []
    assert admin.state() == before


# Connections and threads


def test_every_request_says_who_is_calling(client: XobinClient, admin: EmulatorAdmin, password: str) -> None:
    client.read_settings()
    client.apply_settings(full_basic_request(password), secrets=[password])
    client.read_interview_settings("ai-interview-1")

    expected = (
        f"pulumi-xobin/{importlib.metadata.version('pulumi-xobin')} "
        f"(python/{platform.python_version()}; pulumi/{importlib.metadata.version('pulumi')})"
    )
    assert re.fullmatch(r"pulumi-xobin/\d+\.\d+\.\d+ \(python/3\.\d+\.\d+; pulumi/3\.\d+\.\d+\)", expected)
    log = admin.requests()["log"]
    assert len(log) >= 3, log
    assert {entry["user_agent"] for entry in log} == {expected}


def test_one_pooled_connection_serves_many_calls(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    for _ in range(5):
        client.read_settings()
        client.apply_settings(full_basic_request(password), secrets=[password])
    client.read_interview_settings("ai-interview-1")
    with pytest.raises(ApiError):
        client.read_interview_settings("ai-interview-99")
    client.read_settings()

    requests = admin.requests()
    assert requests["total"] == 13
    assert requests["connections"] == 1


def test_client_for_shares_one_client_per_settings(emulator: Emulator, api_key: str) -> None:
    settings = ConnectionSettings(base_url=emulator.url, api_key=api_key, timeout_seconds=5.0, max_retries=1)
    same = ConnectionSettings(base_url=emulator.url, api_key=api_key, timeout_seconds=5.0, max_retries=1)
    other = ConnectionSettings(base_url=emulator.url, api_key=api_key, timeout_seconds=5.0, max_retries=2)

    assert client_for(settings) is client_for(same)
    assert client_for(settings) is not client_for(other)


def test_threads_share_one_client(client: XobinClient, admin: EmulatorAdmin, password: str) -> None:
    seed_global(admin, password)
    admin.clear_requests()
    threads_count, reads_each = 20, 5
    barrier = threading.Barrier(threads_count)
    results: list[dict[str, Any]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            for _ in range(reads_each):
                dump = client.read_settings().model_dump()
                with lock:
                    results.append(dump)
        except BaseException as err:
            with lock:
                errors.append(err)

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(results) == threads_count * reads_each
    assert all(result == masked_full_basic() for result in results)
    requests = admin.requests()
    assert requests["counts"] == {f"GET {GLOBAL}": threads_count * reads_each}
    assert 1 <= requests["connections"] <= threads_count
