"""The local Xobin emulator, exercised over real loopback HTTP as the provider's client would."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import threading
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_xobin.emulator import Emulator, EmulatorAdmin

API_KEY = "emulator-test-key"
PASSWORD = "pw-6f1c-very-secret"
APIKEY_VALUE = "key-93ab-very-secret"
GLOBAL = "/ai-interviews/settings/webhooks"
GLOBAL_PATH = "/api/v2" + GLOBAL
PROVIDER_DIR = Path(__file__).resolve().parents[2] / "provider"

FULL_BASIC = {
    "webhooks": {
        "start": {"status": True, "url": "https://hooks.example.com/start"},
        "submission": {"status": True, "url": "https://hooks.example.com/submission"},
        "auth": {"type": "basic", "basic": {"username": "svc", "password": PASSWORD}},
    }
}
NULL_APIKEY = {"header": None, "apikey": None}


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """With GET, so tests can read what they wrote; the doc-faithful default has its own tests."""
    with Emulator(api_key=API_KEY, get_enabled=True) as running:
        yield running


@pytest.fixture
def admin(emulator: Emulator) -> EmulatorAdmin:
    return emulator.admin


@pytest.fixture
def client(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=emulator.url, headers={"apiKey": API_KEY}, timeout=5.0, trust_env=False
    ) as http:
        yield http


def webhooks(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()["webhooks"]


def test_missing_or_wrong_key_is_401_and_changes_nothing(
    emulator: Emulator, client: httpx.Client, admin: EmulatorAdmin
) -> None:
    before = admin.state()
    with httpx.Client(base_url=emulator.url, timeout=5.0, trust_env=False) as anonymous:
        missing = anonymous.post(GLOBAL, json=FULL_BASIC)
        wrong = anonymous.post(GLOBAL, json=FULL_BASIC, headers={"apiKey": "not-the-key"})
        wrong_get = anonymous.get(GLOBAL, headers={"apiKey": "not-the-key"})
    for response in (missing, wrong, wrong_get):
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/json"
        assert response.json() == {"error": "Unauthorized: invalid or missing apiKey"}
    assert admin.state() == before


def test_full_post_is_stored_unmasked_and_answered_masked(client: httpx.Client, admin: EmulatorAdmin) -> None:
    posted = client.post(GLOBAL, json={**FULL_BASIC, "updateAll": False})
    read = client.get(GLOBAL)

    expected = {
        "start": {"status": True, "url": "https://hooks.example.com/start"},
        "submission": {"status": True, "url": "https://hooks.example.com/submission"},
        "auth": {
            "type": "basic",
            "basic": {"username": "svc", "password": None, "hasPassword": True},
            "apikey": NULL_APIKEY,
        },
    }
    assert webhooks(posted) == expected
    assert webhooks(read) == expected
    assert "updateAll" not in posted.json()
    assert PASSWORD not in posted.text + read.text
    assert admin.state()["global"]["auth"]["basic"] == {"username": "svc", "password": PASSWORD}


def test_apikey_value_is_masked_and_has_apikey_reported_on_request(
    client: httpx.Client, admin: EmulatorAdmin
) -> None:
    auth = {"type": "apikey", "apikey": {"header": "X-Hook-Key", "apikey": APIKEY_VALUE}}
    plain = client.post(GLOBAL, json={"webhooks": {"auth": auth}})
    admin.configure(report_has_apikey=True)
    flagged = client.get(GLOBAL)

    assert webhooks(plain)["auth"]["apikey"] == {"header": "X-Hook-Key", "apikey": None}
    assert webhooks(flagged)["auth"]["apikey"] == {"header": "X-Hook-Key", "apikey": None, "hasApikey": True}
    assert webhooks(flagged)["auth"]["basic"] == {"username": None, "password": None, "hasPassword": False}
    assert APIKEY_VALUE not in plain.text + flagged.text
    assert admin.state()["global"]["auth"]["apikey"] == {"header": "X-Hook-Key", "apikey": APIKEY_VALUE}


def test_post_global_rejects_the_per_interview_key_value_spelling(
    client: httpx.Client, admin: EmulatorAdmin
) -> None:
    before = admin.state()
    interview_spelling = {"type": "apikey", "apikey": {"key": "X-Hook-Key", "value": APIKEY_VALUE}}

    wrong = client.post(GLOBAL, json={"webhooks": {"auth": interview_spelling}})

    assert wrong.status_code == 400
    assert wrong.json() == {"error": "webhooks.auth.apikey.header must be a non-empty string"}
    assert APIKEY_VALUE not in wrong.text
    assert admin.state() == before


def test_partial_update_keeps_the_omitted_webhook_and_auth(client: httpx.Client) -> None:
    client.post(GLOBAL, json=FULL_BASIC)
    answer = webhooks(client.post(GLOBAL, json={"webhooks": {"start": {"status": False}}}))

    assert answer["start"] == {"status": False, "url": "https://hooks.example.com/start"}
    assert answer["submission"] == {"status": True, "url": "https://hooks.example.com/submission"}
    assert answer["auth"]["type"] == "basic"
    assert answer["auth"]["basic"]["hasPassword"] is True


def test_auth_is_replaced_whole(client: httpx.Client, admin: EmulatorAdmin) -> None:
    client.post(GLOBAL, json=FULL_BASIC)
    auth = {"type": "apikey", "apikey": {"header": "X-Hook-Key", "apikey": APIKEY_VALUE}}
    answer = webhooks(client.post(GLOBAL, json={"webhooks": {"auth": auth}}))

    assert answer["auth"]["type"] == "apikey"
    assert answer["auth"]["basic"] == {"username": None, "password": None, "hasPassword": False}
    stored = admin.state()["global"]["auth"]
    assert stored["basic"] == {"username": None, "password": None}
    assert stored["apikey"] == {"header": "X-Hook-Key", "apikey": APIKEY_VALUE}


def test_update_all_copies_global_settings_onto_every_interview(
    client: httpx.Client, admin: EmulatorAdmin
) -> None:
    client.post(GLOBAL, json=FULL_BASIC)
    untouched = admin.state()["interviews"]
    client.post(
        GLOBAL, json={"webhooks": {"start": {"url": "https://hooks.example.com/s2"}}, "updateAll": True}
    )
    state = admin.state()

    assert all(settings["start"]["status"] is False for settings in untouched.values())
    assert set(state["interviews"]) == {"ai-interview-1", "ai-interview-2", "ai-interview-3"}
    for settings in state["interviews"].values():
        assert settings == state["global"]
    assert state["global"]["start"]["url"] == "https://hooks.example.com/s2"
    assert state["global"]["auth"]["basic"]["password"] == PASSWORD


def test_put_per_interview_uses_key_value_spelling(client: httpx.Client, admin: EmulatorAdmin) -> None:
    body = {
        "webhooks": {
            "start": {"status": True, "url": "https://hooks.example.com/i1"},
            "auth": {
                "type": "apikey",
                "status": True,
                "apikey": {"key": "X-Hook-Key", "value": APIKEY_VALUE},
            },
        }
    }
    put = client.put(f"{GLOBAL}/ai-interview-1", json=body)
    read = client.get(f"{GLOBAL}/ai-interview-1")
    state = admin.state()

    assert webhooks(put) == webhooks(read)
    assert webhooks(put)["start"] == {"status": True, "url": "https://hooks.example.com/i1"}
    assert webhooks(put)["auth"]["apikey"] == {"header": "X-Hook-Key", "apikey": None}
    assert APIKEY_VALUE not in put.text + read.text
    assert state["interviews"]["ai-interview-1"]["auth"]["apikey"] == {
        "header": "X-Hook-Key",
        "apikey": APIKEY_VALUE,
    }
    assert state["interviews"]["ai-interview-2"]["start"]["status"] is False
    assert state["global"]["start"]["status"] is False

    global_spelling = {"type": "apikey", "apikey": {"header": "X-Hook-Key", "apikey": APIKEY_VALUE}}
    wrong = client.put(f"{GLOBAL}/ai-interview-1", json={"webhooks": {"auth": global_spelling}})
    assert wrong.status_code == 400
    assert wrong.json() == {"error": "webhooks.auth.apikey.key must be a non-empty string"}


def test_unknown_interview_is_404(client: httpx.Client) -> None:
    for response in (
        client.put(f"{GLOBAL}/no-such-interview", json=FULL_BASIC),
        client.get(f"{GLOBAL}/nope"),
    ):
        assert response.status_code == 404
        assert response.json() == {"error": "AI interview not found"}
    assert client.get("/ai-interviews/elsewhere").json() == {"error": "Not Found"}


def test_get_is_405_by_default_as_in_the_published_docs() -> None:
    with Emulator(api_key=API_KEY) as faithful, httpx.Client(trust_env=False) as http:
        get = http.get(faithful.url + GLOBAL, headers={"apiKey": API_KEY})
        assert get.status_code == 405
        assert get.headers["allow"] == "POST"
        assert faithful.admin.state()["config"]["get_enabled"] is False


def test_get_disabled_is_405_and_an_empty_post_reads_without_change(
    client: httpx.Client, admin: EmulatorAdmin
) -> None:
    client.post(GLOBAL, json=FULL_BASIC)
    admin.configure(get_enabled=False)
    before = admin.state()["global"]

    get = client.get(GLOBAL)
    get_interview = client.get(f"{GLOBAL}/ai-interview-1")
    read = client.post(GLOBAL, json={"webhooks": {}})

    assert get.status_code == 405
    assert get.headers["allow"] == "POST"
    assert get.json() == {"error": "Method Not Allowed"}
    assert get_interview.status_code == 405
    assert get_interview.headers["allow"] == "PUT"
    assert webhooks(read)["start"] == {"status": True, "url": "https://hooks.example.com/start"}
    assert webhooks(read)["auth"]["basic"]["hasPassword"] is True
    assert admin.state()["global"] == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"webhooks": {"start": {"status": "yes"}}}, "webhooks.start.status must be a boolean"),
        ({"webhooks": {"submission": {"url": 5}}}, "webhooks.submission.url must be a string or null"),
        ({"webhooks": {"auth": {"type": "oauth"}}}, "webhooks.auth.type must be 'basic' or 'apikey'"),
        (
            {"webhooks": {"auth": {"type": "basic", "basic": {"username": "", "password": PASSWORD}}}},
            "webhooks.auth.basic.username must be a non-empty string",
        ),
        ({"webhooks": []}, "webhooks must be an object"),
        ([1, 2], "request body must be a JSON object"),
        ({"webhooks": {}, "updateAll": "yes"}, "updateAll must be a boolean"),
        # A later invalid field must keep the earlier valid one from being stored.
        ({"webhooks": {"start": {"status": True}, "submission": {"status": 1}}}, "submission.status"),
    ],
)
def test_invalid_body_is_400_naming_the_field_and_changes_nothing(
    client: httpx.Client, admin: EmulatorAdmin, body: object, message: str
) -> None:
    before = admin.state()
    response = client.post(GLOBAL, json=body)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert PASSWORD not in response.text
    assert admin.state() == before


def test_non_json_body_is_400(client: httpx.Client) -> None:
    response = client.post(GLOBAL, content=b"webhooks=please", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400
    assert response.json() == {"error": "request body must be valid JSON"}


def test_admin_patches_edit_settings_out_of_band(client: httpx.Client, admin: EmulatorAdmin) -> None:
    client.post(GLOBAL, json=FULL_BASIC)
    stored = admin.patch_global(
        {"auth": {"basic": {"password": None}}, "start": {"url": "https://evil.example/x"}}
    )
    answer = webhooks(client.get(GLOBAL))

    assert stored["auth"]["basic"] == {"username": "svc", "password": None}
    assert answer["auth"]["basic"] == {"username": "svc", "password": None, "hasPassword": False}
    assert answer["start"] == {"status": True, "url": "https://evil.example/x"}

    emptied = admin.patch_interview("ai-interview-2", {"submission": None})
    assert emptied["submission"] == {"status": None, "url": None}
    with pytest.raises(urllib.error.HTTPError) as unknown:
        admin.patch_interview("no-such-interview", {})
    assert unknown.value.code == 404


def test_admin_accepts_the_api_url(emulator: Emulator) -> None:
    assert EmulatorAdmin(emulator.url).state()["config"] == {
        "get_enabled": True,
        "latency_ms": 0,
        "report_has_apikey": False,
    }


def test_requests_are_counted_and_logged_but_admin_calls_are_not(
    emulator: Emulator, client: httpx.Client, admin: EmulatorAdmin
) -> None:
    client.post(GLOBAL, json=FULL_BASIC)
    client.get(GLOBAL)
    client.get(f"{GLOBAL}?ignored=1")
    client.put(f"{GLOBAL}/ai-interview-3", json={"webhooks": {}})
    admin.state()

    seen = admin.requests()
    assert seen["counts"] == {
        f"POST {GLOBAL_PATH}": 1,
        f"GET {GLOBAL_PATH}": 2,
        f"PUT {GLOBAL_PATH}/ai-interview-3": 1,
    }
    assert seen["total"] == 4
    httpx_agent = f"python-httpx/{httpx.__version__}"
    assert seen["log"][0] == {
        "method": "POST",
        "path": GLOBAL_PATH,
        "status": 200,
        "read": False,
        "user_agent": httpx_agent,
    }
    # A write of nothing ({"webhooks": {}}) only reads, as a GET does.
    assert [entry["read"] for entry in seen["log"]] == [False, True, True, True]
    assert seen["connections"] == 1  # keep-alive: one pooled connection served all four
    assert seen["peak_in_flight"] == 1  # one after the other

    with httpx.Client(base_url=emulator.url, timeout=5.0, trust_env=False) as second:
        second.get(GLOBAL)
    seen = admin.requests()
    assert seen["connections"] == 2
    assert seen["log"][-1] == {
        "method": "GET",
        "path": GLOBAL_PATH,
        "status": 401,
        "read": True,
        "user_agent": httpx_agent,
    }

    admin.clear_requests()
    assert admin.requests() == {"counts": {}, "log": [], "total": 0, "connections": 0, "peak_in_flight": 0}


def test_status_fault_with_retry_after_does_not_touch_state(
    client: httpx.Client, admin: EmulatorAdmin
) -> None:
    admin.inject(status=429, retry_after="2")
    faulted = client.post(GLOBAL, json=FULL_BASIC)
    served = client.get(GLOBAL)

    assert faulted.status_code == 429
    assert faulted.headers["retry-after"] == "2"
    assert faulted.json() == {"error": "injected fault"}
    assert webhooks(served)["start"]["status"] is False
    assert admin.state()["global"]["auth"]["type"] is None
    assert [entry["status"] for entry in admin.requests()["log"]] == [429, 200]


def test_raw_body_faults(client: httpx.Client, admin: EmulatorAdmin) -> None:
    admin.inject(status=502, body="<html>Bad Gateway</html>")
    admin.inject(body='{"unexpected": true}')
    html = client.get(GLOBAL)
    wrong_shape = client.post(GLOBAL, json=FULL_BASIC)

    assert html.status_code == 502
    assert html.headers["content-type"] == "application/json"
    assert html.text == "<html>Bad Gateway</html>"
    assert wrong_shape.status_code == 200
    assert wrong_shape.json() == {"unexpected": True}
    assert admin.state()["global"]["start"]["status"] is False


def test_delay_fault_then_serves_normally(client: httpx.Client, admin: EmulatorAdmin) -> None:
    admin.inject(delay_ms=300)
    started = time.monotonic()
    delayed = client.post(GLOBAL, json=FULL_BASIC)
    elapsed = time.monotonic() - started

    assert elapsed >= 0.3
    assert webhooks(delayed)["start"]["status"] is True
    assert admin.state()["global"]["start"]["status"] is True


def test_drop_fault_is_a_transport_error(client: httpx.Client, admin: EmulatorAdmin) -> None:
    admin.inject(drop=True)
    with pytest.raises(httpx.TransportError):
        client.post(GLOBAL, json=FULL_BASIC)
    after = client.get(GLOBAL)

    assert webhooks(after)["start"]["status"] is False
    assert [entry["status"] for entry in admin.requests()["log"]] == [0, 200]
    assert admin.state()["global"]["auth"]["type"] is None


def test_faults_expire_after_count_and_respect_filters(client: httpx.Client, admin: EmulatorAdmin) -> None:
    admin.inject(count=2, status=503, method="get", path=GLOBAL_PATH)
    admin.inject(status=500, path=f"{GLOBAL_PATH}/ai-interview-2")

    statuses = [
        client.post(GLOBAL, json={"webhooks": {}}).status_code,  # method does not match the first rule
        client.get(GLOBAL).status_code,
        client.get(f"{GLOBAL}/ai-interview-1").status_code,  # prefix match on the first rule
        client.get(GLOBAL).status_code,  # first rule used up
        client.get(f"{GLOBAL}/ai-interview-2").status_code,
        client.get(f"{GLOBAL}/ai-interview-2").status_code,
    ]
    assert statuses == [200, 503, 503, 200, 500, 200]

    admin.inject(count=5, status=500)
    admin.clear_faults()
    assert client.get(GLOBAL).status_code == 200


def test_latency_applies_to_every_api_request(client: httpx.Client, admin: EmulatorAdmin) -> None:
    admin.configure(latency_ms=200)
    started = time.monotonic()
    client.get(GLOBAL)
    client.post(GLOBAL, json={"webhooks": {}})
    assert time.monotonic() - started >= 0.4


def test_latency_spares_admin_calls_and_ends_when_set_to_zero(
    client: httpx.Client, admin: EmulatorAdmin
) -> None:
    # A latency far above both clients' timeouts (admin 10 s, API 5 s): a delayed call fails, so no
    # clock is needed to tell.
    admin.configure(latency_ms=60_000)
    assert admin.state()["config"]["latency_ms"] == 60_000

    admin.configure(latency_ms=0)
    assert client.get(GLOBAL).status_code == 200


def test_latency_from_the_constructor() -> None:
    with Emulator(api_key=API_KEY, latency_ms=150) as slow, httpx.Client(trust_env=False) as http:
        started = time.monotonic()
        response = http.post(slow.url + GLOBAL, json={"webhooks": {}}, headers={"apiKey": API_KEY})
        assert response.status_code == 200
        assert time.monotonic() - started >= 0.15


def test_reset_restores_settings_config_faults_and_log(client: httpx.Client, admin: EmulatorAdmin) -> None:
    initial = admin.state()
    client.post(GLOBAL, json={**FULL_BASIC, "updateAll": True})
    admin.configure(get_enabled=False, report_has_apikey=True)
    admin.inject(count=3, status=500)

    admin.reset()

    assert admin.state() == initial
    assert admin.requests()["total"] == 0
    assert client.get(GLOBAL).status_code == 200


@pytest.mark.parametrize(
    ("flags", "get_status"), [([], 405), (["--with-get"], 200)], ids=["default", "with-get"]
)
def test_cli_prints_its_url_and_stops_on_sigterm(flags: list[str], get_status: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROVIDER_DIR), "XOBIN_API_KEY": "cli-key"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pulumi_xobin.emulator", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert process.stdout is not None
        # A bound against hanging, not a speed claim (BENCHMARKS.md has the figures).
        ready, _, _ = select.select([process.stdout], [], [], 30.0)
        assert ready, "no output within 30 s"
        line = process.stdout.readline()
        assert line.startswith("Xobin emulator listening on http://127.0.0.1:")
        url = line.removeprefix("Xobin emulator listening on ").strip()
        assert url.endswith("/api/v2")

        with httpx.Client(base_url=url, timeout=5.0, trust_env=False) as http:
            read = http.post(GLOBAL, json={"webhooks": {}}, headers={"apiKey": "cli-key"})
            assert read.status_code == 200
            assert http.get(GLOBAL, headers={"apiKey": "cli-key"}).status_code == get_status
            assert http.get(GLOBAL, headers={"apiKey": "test-api-key"}).status_code == 401

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert process.stdout.read() == ""
        assert process.stderr is not None
        assert process.stderr.read() == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_readme_s_emulator_command_prints_its_url() -> None:
    """The `xobin-emulator` command as the README shows it, on any free port (CI may run other things)."""
    readme = (PROVIDER_DIR.parent / "README.md").read_text()
    (shown,) = [line for line in readme.splitlines() if line.startswith("xobin-emulator ")]
    args = shown.split("  #")[0].split()[1:]
    args[args.index("--port") + 1] = "0"
    emulator = subprocess.Popen(
        [str(Path(sys.executable).parent / "xobin-emulator"), *args], stdout=subprocess.PIPE, text=True
    )
    try:
        assert emulator.stdout is not None
        line = emulator.stdout.readline()
    finally:
        emulator.terminate()
        emulator.wait(timeout=30)
    assert re.fullmatch(r"Xobin emulator listening on http://127\.0\.0\.1:\d+/api/v2\n", line)


def test_stop_cuts_idle_keep_alive_connections() -> None:
    running = Emulator(api_key=API_KEY).start()
    with httpx.Client(
        base_url=running.url, headers={"apiKey": API_KEY}, timeout=2.0, trust_env=False
    ) as http:
        assert http.post(GLOBAL, json={"webhooks": {}}).status_code == 200
        # Waiting for the idle connection would wait for this client, which is still open: forever.
        stopper = threading.Thread(target=running.stop)
        stopper.start()
        stopper.join(timeout=30)
        assert not stopper.is_alive(), "stop() waits for an idle keep-alive connection"
        with pytest.raises(httpx.TransportError):
            http.post(GLOBAL, json={"webhooks": {}})
