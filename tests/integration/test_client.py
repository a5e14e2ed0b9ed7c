"""XobinClient against the emulator over loopback: reads, writes, auth spellings, pooling and threads.

Every test uses the project's real httpx client; the emulator is the only server. These check that what
the client sends is what an independent reading of the API docs stores, and what needs connections;
the client's own rules (which request, which error, which retry) are tests/unit/test_client.py's.
"""

from __future__ import annotations

import importlib.metadata
import platform
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pulumi_xobin._api.client import GLOBAL_SETTINGS_PATH, XobinClient, client_for, interview_path
from pulumi_xobin._api.connection import ConnectionSettings
from pulumi_xobin._api.errors import ApiError
from pulumi_xobin._core.model import ApiKeyAuth, BasicAuth, DesiredSettings, LiveAuth, LiveSettings, Webhook
from pulumi_xobin.emulator import Emulator, EmulatorAdmin
from support.samples import API_KEY_VALUE, HEADER, START, SUBMISSION

API_PREFIX = "/api/v2"
GLOBAL = API_PREFIX + GLOBAL_SETTINGS_PATH
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


def full_basic(password: str, *, update_all: bool = False) -> DesiredSettings:
    return DesiredSettings(
        {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
        auth=BasicAuth("svc", password),
        update_all=update_all,
    )


def stored_full_basic(password: str) -> dict[str, Any]:
    """The emulator's unmasked stored settings after applying `full_basic(password)`."""
    return {
        "start": {"status": True, "url": START},
        "submission": {"status": True, "url": SUBMISSION},
        "auth": {
            "type": "basic",
            "basic": {"username": "svc", "password": password},
            "apikey": NO_APIKEY,
        },
    }


# The settings after applying `full_basic`, as the masked answer reports them.
LIVE_FULL_BASIC = LiveSettings(
    {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)},
    LiveAuth(type="basic", username="svc", has_password=True, header=None, has_value=None),
)
# A never-configured account.
LIVE_INITIAL = LiveSettings({"start": Webhook(None, False), "submission": Webhook(None, False)}, LiveAuth())


def seed_global(admin: EmulatorAdmin, password: str) -> None:
    admin.patch_global(stored_full_basic(password))


# Reading


def test_read_uses_get_and_returns_the_stored_settings(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    seed_global(admin, password)
    admin.clear_requests()

    settings = client.read_settings()

    assert settings == LIVE_FULL_BASIC
    assert password not in repr(settings)
    assert admin.requests()["counts"] == {f"GET {GLOBAL}": 1}


def test_read_of_a_never_configured_account(client: XobinClient) -> None:
    assert client.read_settings() == LIVE_INITIAL


def test_read_falls_back_to_an_empty_post_when_get_is_405(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    seed_global(admin, password)
    admin.configure(get_enabled=False)
    admin.clear_requests()
    before = admin.state()

    answers = [client.read_settings() for _ in range(3)]

    assert answers == [LIVE_FULL_BASIC] * 3
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


# Writing


def test_apply_settings_stores_them_and_returns_them_masked(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    answer = client.apply_settings(full_basic(password), secrets=[password])

    assert answer == LIVE_FULL_BASIC
    assert answer.auth.has_password is True
    assert password not in repr(answer)
    state = admin.state()
    assert state["global"] == stored_full_basic(password)
    assert admin.requests()["counts"] == {f"POST {GLOBAL}": 1}
    # No updateAll: the interviews keep their own settings.
    assert all(s["start"]["status"] is False for s in state["interviews"].values())


def test_apply_settings_with_update_all_reaches_every_interview(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    client.apply_settings(full_basic(password, update_all=True), secrets=[password])

    state = admin.state()
    assert set(state["interviews"]) == {"ai-interview-1", "ai-interview-2", "ai-interview-3"}
    for settings in state["interviews"].values():
        assert settings == stored_full_basic(password)


def test_apply_leaves_out_what_is_not_sent(client: XobinClient, admin: EmulatorAdmin, password: str) -> None:
    seed_global(admin, password)
    answer = client.apply_settings(DesiredSettings({"start": Webhook(None, False)}))

    expected = stored_full_basic(password)
    expected["start"]["status"] = False
    assert admin.state()["global"] == expected
    # The answer reports the whole settings, the URL the request left out included.
    assert answer == LiveSettings(
        {**LIVE_FULL_BASIC.webhooks, "start": Webhook(START, False)}, LIVE_FULL_BASIC.auth
    )


# API-key auth: each path spells it its own way, and the client picks the spelling. The emulator accepts
# only its path's spelling (400 otherwise), so a stored value shows the client chose right.


@pytest.mark.parametrize(("report_has_apikey", "has_value"), [(False, None), (True, True)])
def test_global_apikey_auth_is_stored_through_the_header_apikey_spelling(
    client: XobinClient, admin: EmulatorAdmin, report_has_apikey: bool, has_value: bool | None
) -> None:
    admin.configure(report_has_apikey=report_has_apikey)

    answer = client.apply_settings(
        DesiredSettings(auth=ApiKeyAuth(HEADER, API_KEY_VALUE)), secrets=[API_KEY_VALUE]
    )
    read = client.read_settings()

    stored = admin.state()["global"]["auth"]
    assert stored == {
        "type": "apikey",
        "basic": NO_BASIC,
        "apikey": {"header": HEADER, "apikey": API_KEY_VALUE},
    }
    assert admin.requests()["counts"] == {f"POST {GLOBAL}": 1, f"GET {GLOBAL}": 1}
    for settings in (answer, read):
        assert settings.auth == LiveAuth(type="apikey", header=HEADER, has_value=has_value)
        assert API_KEY_VALUE not in repr(settings)


def test_a_rejected_global_apply_is_an_api_error_with_the_server_s_reason(
    client: XobinClient, admin: EmulatorAdmin, password: str
) -> None:
    before = admin.state()

    with pytest.raises(ApiError) as caught:
        client.apply_settings(DesiredSettings(auth=BasicAuth("", password)), secrets=[password])

    assert caught.value.status == 400
    assert str(caught.value) == (
        f"Xobin answered POST {GLOBAL_SETTINGS_PATH} with 400 Bad Request: "
        "webhooks.auth.basic.username must be a non-empty string"
    )
    assert password not in str(caught.value)
    assert admin.state() == before


# Per-interview settings


def test_interview_read_uses_get(client: XobinClient, admin: EmulatorAdmin) -> None:
    admin.patch_interview("ai-interview-2", {"start": {"status": True, "url": START}})
    admin.clear_requests()

    settings = client.read_interview_settings("ai-interview-2")

    assert settings == LiveSettings(
        {"start": Webhook(START, True), "submission": Webhook(None, False)}, LiveAuth()
    )
    assert admin.requests()["counts"] == {f"GET {API_PREFIX}{interview_path('ai-interview-2')}": 1}


def test_interview_apikey_auth_is_stored_through_the_key_value_spelling(
    client: XobinClient, admin: EmulatorAdmin
) -> None:
    before = admin.state()
    desired = DesiredSettings({"start": Webhook(START, True)}, auth=ApiKeyAuth(HEADER, API_KEY_VALUE))

    answer = client.apply_interview_settings("ai-interview-2", desired, secrets=[API_KEY_VALUE])

    state = admin.state()
    # The emulator accepts only key/value on this path and stores it in its own shape.
    assert state["interviews"]["ai-interview-2"] == {
        "start": {"status": True, "url": START},
        "submission": {"status": False, "url": None},
        "auth": {"type": "apikey", "basic": NO_BASIC, "apikey": {"header": HEADER, "apikey": API_KEY_VALUE}},
    }
    assert state["global"] == before["global"]
    assert state["interviews"]["ai-interview-1"] == before["interviews"]["ai-interview-1"]
    assert state["interviews"]["ai-interview-3"] == before["interviews"]["ai-interview-3"]
    assert admin.requests()["counts"] == {f"PUT {API_PREFIX}{interview_path('ai-interview-2')}": 1}
    assert answer == LiveSettings(
        {"start": Webhook(START, True), "submission": Webhook(None, False)},
        LiveAuth(type="apikey", header=HEADER),
    )
    assert API_KEY_VALUE not in repr(answer)


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_unknown_interview_is_an_api_error_saying_so(
    client: XobinClient, admin: EmulatorAdmin, method: str
) -> None:
    desired = DesiredSettings({"start": Webhook(None, False)})
    calls: dict[str, Callable[[], object]] = {
        "GET": lambda: client.read_interview_settings("ai-interview-99"),
        "PUT": lambda: client.apply_interview_settings("ai-interview-99", desired),
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
        "apply": lambda: xobin.apply_settings(full_basic("pw-unused"), secrets=["pw-unused"]),
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
    client.apply_settings(full_basic(password), secrets=[password])
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
        client.apply_settings(full_basic(password), secrets=[password])
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
    results: list[LiveSettings] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            for _ in range(reads_each):
                settings = client.read_settings()
                with lock:
                    results.append(settings)
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
    assert all(result == LIVE_FULL_BASIC for result in results)
    requests = admin.requests()
    assert requests["counts"] == {f"GET {GLOBAL}": threads_count * reads_each}
    assert 1 <= requests["connections"] <= threads_count
