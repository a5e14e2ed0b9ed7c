"""Deliveries over real loopback HTTP: the emulator sends each event to the webhook the settings route it
to, with the configured credentials, and a held-out receiver (tests/support/webhook_receiver.py, not the
example's) checks what arrived."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import urllib.error
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_xobin.emulator import Emulator, EmulatorAdmin
from support.webhook_receiver import WebhookReceiver

GLOBAL = "/ai-interviews/settings/webhooks"
PASSWORD = "pw-3f9e-delivery-secret"
APIKEY_VALUE = "key-7c21-delivery-secret"
OVERRIDE_PASSWORD = "pw-81aa-override-secret"
START_FIELDS = {
    "ai_interview_id",
    "ai_interview_name",
    "candidate_email",
    "candidate_id",
    "candidate_name",
    "invite_status",
    "response_id",
}
SUBMISSION_EXTRA = {
    "candidate_summary",
    "completed_date",
    "integrity_score",
    "interview_recording",
    "recommendation",
}
RECORD_KEYS = {"event", "interviewId", "url", "authType", "status", "error", "skipped", "ms"}
SECRETS = (PASSWORD, APIKEY_VALUE, OVERRIDE_PASSWORD)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as running:
        yield running


@pytest.fixture
def api(emulator: Emulator, api_key: str) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=emulator.url, headers={"apiKey": api_key}, timeout=10.0, trust_env=False
    ) as http:
        yield http


def configure(
    api: httpx.Client, webhooks: dict[str, Any], interview: str | None = None, **extra: Any
) -> None:
    body = {"webhooks": webhooks, **extra}
    response = api.put(f"{GLOBAL}/{interview}", json=body) if interview else api.post(GLOBAL, json=body)
    assert response.status_code == 200, response.text


def basic(username: str, password: str) -> dict[str, Any]:
    return {"type": "basic", "basic": {"username": username, "password": password}}


def account(receiver: WebhookReceiver, **auth: Any) -> dict[str, Any]:
    return {
        "start": {"status": True, "url": f"{receiver.url}/account/start"},
        "submission": {"status": True, "url": f"{receiver.url}/account/submission"},
        "auth": auth or basic("svc", PASSWORD),
    }


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def test_start_and_submission_reach_the_account_webhooks_with_basic_auth(
    emulator: Emulator, api: httpx.Client, receiver: WebhookReceiver
) -> None:
    configure(api, account(receiver))

    start = emulator.send("start", interview_id="ai-interview-2")
    submission = emulator.send("submission", interview_id="ai-interview-2")

    assert set(start) == RECORD_KEYS
    assert start | {"ms": 0} == {
        "event": "start",
        "interviewId": "ai-interview-2",
        "url": f"{receiver.url}/account/start",
        "authType": "basic",
        "status": 200,
        "error": None,
        "skipped": None,
        "ms": 0,
    }
    assert isinstance(start["ms"], float)
    assert submission["url"] == f"{receiver.url}/account/submission"
    first, second = receiver.received
    assert (first.method, first.path, second.path) == ("POST", "/account/start", "/account/submission")
    expected = "Basic " + base64.b64encode(f"svc:{PASSWORD}".encode()).decode()
    assert first.headers["authorization"] == expected
    assert first.headers["content-type"] == "application/json"
    assert set(first.body) == START_FIELDS
    assert first.body["ai_interview_id"] == "ai-interview-2"
    assert first.body["invite_status"] == "Started"
    assert set(second.body) == START_FIELDS | SUBMISSION_EXTRA
    assert second.body["invite_status"] == "Completed"
    assert all(key.isdigit() for key in second.body["interview_recording"])
    assert_no_secret(json.dumps(emulator.admin.deliveries()))


def test_apikey_auth_is_the_configured_header_on_both_paths(
    emulator: Emulator, api: httpx.Client, receiver: WebhookReceiver
) -> None:
    configure(
        api, account(receiver, type="apikey", apikey={"header": "X-Account-Key", "apikey": APIKEY_VALUE})
    )
    configure(
        api,
        {
            "start": {"status": True, "url": f"{receiver.url}/two/start"},
            "auth": {"type": "apikey", "apikey": {"key": "X-Interview-Key", "value": OVERRIDE_PASSWORD}},
        },
        interview="ai-interview-2",
    )

    one = emulator.send("start", interview_id="ai-interview-1")
    two = emulator.send("start", interview_id="ai-interview-2")

    assert (one["authType"], two["authType"]) == ("apikey", "apikey")
    account_call, override_call = receiver.received
    assert account_call.headers["x-account-key"] == APIKEY_VALUE
    assert "authorization" not in account_call.headers
    assert override_call.path == "/two/start"
    assert override_call.headers["x-interview-key"] == OVERRIDE_PASSWORD
    assert "x-account-key" not in override_call.headers
    assert_no_secret(json.dumps([one, two]))


def test_an_interview_s_own_parts_win_and_the_rest_come_from_the_account(
    emulator: Emulator, api: httpx.Client, receiver: WebhookReceiver
) -> None:
    configure(api, account(receiver))
    # ai-interview-2 sets only its submission webhook and its own password.
    configure(
        api,
        {
            "submission": {"status": True, "url": f"{receiver.url}/two/submission"},
            "auth": basic("two", OVERRIDE_PASSWORD),
        },
        interview="ai-interview-2",
    )
    # ai-interview-3 switches its start webhook off.
    configure(api, {"start": {"status": False}}, interview="ai-interview-3")

    records = [
        emulator.send(event, interview_id=interview)
        for interview in ("ai-interview-1", "ai-interview-2", "ai-interview-3")
        for event in ("start", "submission")
    ]

    assert receiver.paths() == [
        "/account/start",
        "/account/submission",
        "/account/start",
        "/two/submission",
        "/account/submission",
    ]
    passwords = [base64.b64decode(r.headers["authorization"].split()[1]).decode() for r in receiver.received]
    assert passwords == [
        f"svc:{PASSWORD}",
        f"svc:{PASSWORD}",
        f"two:{OVERRIDE_PASSWORD}",  # the interview's auth applies to the account's start webhook too
        f"two:{OVERRIDE_PASSWORD}",
        f"svc:{PASSWORD}",
    ]
    skipped = records[4]
    assert (
        skipped["skipped"] == "the start webhook of ai-interview-3 (the interview's own settings) is disabled"
    )
    assert (skipped["url"], skipped["authType"], skipped["status"]) == (None, None, None)
    assert emulator.admin.state()["overrides"] == {
        "ai-interview-1": [],
        "ai-interview-2": ["auth", "submission"],
        "ai-interview-3": ["start"],
    }


def test_disabled_and_unset_webhooks_deliver_nothing(
    emulator: Emulator, api: httpx.Client, receiver: WebhookReceiver
) -> None:
    unset = emulator.send("start", interview_id="ai-interview-1")
    configure(
        api, {"start": {"status": True, "url": None}, "submission": {"status": False, "url": receiver.url}}
    )
    no_url = emulator.send("start", interview_id="ai-interview-1")
    disabled = emulator.send("submission", interview_id="ai-interview-1")

    assert unset["skipped"] == "the start webhook of ai-interview-1 (the account's settings) is disabled"
    assert no_url["skipped"] == "the start webhook of ai-interview-1 (the account's settings) has no URL"
    assert (
        disabled["skipped"] == "the submission webhook of ai-interview-1 (the account's settings) is disabled"
    )
    assert receiver.received == []
    assert [r["skipped"] is not None for r in emulator.admin.deliveries()] == [True, True, True]


def test_update_all_replaces_the_overrides_and_get_shows_it(
    emulator: Emulator, api: httpx.Client, receiver: WebhookReceiver
) -> None:
    configure(api, account(receiver))
    configure(
        api, {"start": {"status": True, "url": f"{receiver.url}/two/start"}}, interview="ai-interview-2"
    )
    before = emulator.send("start", interview_id="ai-interview-2")

    configure(api, {}, updateAll=True)
    after = emulator.send("start", interview_id="ai-interview-2")

    assert (before["url"], after["url"]) == (f"{receiver.url}/two/start", f"{receiver.url}/account/start")
    live = api.get(f"{GLOBAL}/ai-interview-2").json()["webhooks"]
    assert live["start"] == {"status": True, "url": f"{receiver.url}/account/start"}


def test_unknown_event_or_interview_is_an_error_not_a_record(emulator: Emulator) -> None:
    admin = emulator.admin
    with pytest.raises(urllib.error.HTTPError) as bad_event:
        admin.send("finish", "ai-interview-1")
    with pytest.raises(urllib.error.HTTPError) as bad_interview:
        admin.send("start", "ai-interview-99")
    with httpx.Client(trust_env=False) as http:
        extra_key = http.post(
            emulator.url.removesuffix("/api/v2") + "/_emulator/deliveries",
            json={"event": "start", "interviewId": "ai-interview-1", "url": "http://x"},
        )
        number = http.post(
            emulator.url.removesuffix("/api/v2") + "/_emulator/deliveries",
            json={"event": "start", "interviewId": 2},
        )
    with pytest.raises(ValueError, match="event must be 'start' or 'submission'"):
        emulator.send("finish", interview_id="ai-interview-1")
    with pytest.raises(LookupError, match="AI interview not found"):
        emulator.send("start", interview_id="ai-interview-99")

    assert bad_event.value.code == 400
    assert json.loads(bad_event.value.read()) == {"error": "event must be 'start' or 'submission'"}
    assert bad_interview.value.code == 404
    assert json.loads(bad_interview.value.read()) == {"error": "AI interview not found"}
    assert extra_key.status_code == 400
    assert (number.status_code, number.json()) == (400, {"error": "interviewId must be a string"})
    assert admin.deliveries() == []


def closed_port() -> int:
    """A loopback port nobody listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_dead_receiver_is_a_record_and_the_emulator_keeps_serving(api_key: str) -> None:
    with (
        Emulator(api_key=api_key, delivery_timeout_s=0.5) as emulator,
        WebhookReceiver(answer=500) as failing,
        WebhookReceiver() as hanging,
    ):
        hanging.hang = True
        refused_url = f"http://127.0.0.1:{closed_port()}/refused"
        http = httpx.Client(base_url=emulator.url, headers={"apiKey": api_key}, trust_env=False)
        records = []
        for url in (f"{failing.url}/500", refused_url, f"{hanging.url}/hang"):
            configure(http, {"start": {"status": True, "url": url}, "auth": basic("svc", PASSWORD)})
            records.append(emulator.send("start", interview_id="ai-interview-1"))
        http.close()

        failed, refused, hung = records
        assert (failed["status"], failed["error"]) == (500, None)
        assert refused["status"] is None
        assert refused["error"].startswith("ConnectionRefusedError: ")
        assert hung["status"] is None
        assert hung["error"] == "TimeoutError: timed out"
        assert emulator.admin.state()["global"]["start"]["url"] == f"{hanging.url}/hang"
        assert_no_secret(json.dumps(emulator.admin.deliveries()))


def test_only_loopback_receivers_unless_deliver_anywhere(api_key: str, receiver: WebhookReceiver) -> None:
    # 192.0.2.1 is TEST-NET-1: never routed, so an attempt fails without reaching anyone.
    far = {"start": {"status": True, "url": "http://192.0.2.1:9/hook"}, "auth": basic("svc", PASSWORD)}
    near = {"start": {"status": True, "url": receiver.url.replace("127.0.0.1", "localhost") + "/near"}}
    with (
        Emulator(api_key=api_key) as strict,
        Emulator(api_key=api_key, deliver_anywhere=True, delivery_timeout_s=0.2) as anywhere,
    ):
        for emulator in (strict, anywhere):
            with httpx.Client(base_url=emulator.url, headers={"apiKey": api_key}, trust_env=False) as http:
                configure(http, far)
        refused = strict.send("start", interview_id="ai-interview-1")
        attempted = anywhere.send("start", interview_id="ai-interview-1")
        with httpx.Client(base_url=strict.url, headers={"apiKey": api_key}, trust_env=False) as http:
            configure(http, near)
        local = strict.send("start", interview_id="ai-interview-1")

    assert refused["skipped"] == (
        "the start webhook of ai-interview-1 (the account's settings) points to 192.0.2.1, not a loopback "
        "address (start the emulator with --deliver-anywhere to deliver there)"
    )
    assert refused["url"] is None
    assert attempted["skipped"] is None
    assert attempted["url"] == "http://192.0.2.1:9/hook"
    assert attempted["error"] is not None
    assert local["status"] == 200
    assert receiver.paths() == ["/near"]


def test_records_list_oldest_first_and_reset_clears_them(
    emulator: Emulator, receiver: WebhookReceiver
) -> None:
    emulator.admin.patch_global({"start": {"status": True, "url": f"{receiver.url}/start"}})
    emulator.send("start", interview_id="ai-interview-3")
    emulator.admin.send("submission", "ai-interview-1")
    emulator.send("start", interview_id="ai-interview-2")

    listed = emulator.admin.deliveries()
    assert [(r["event"], r["interviewId"]) for r in listed] == [
        ("start", "ai-interview-3"),
        ("submission", "ai-interview-1"),
        ("start", "ai-interview-2"),
    ]
    emulator.admin.reset()
    assert emulator.admin.deliveries() == []
    assert emulator.admin.state()["overrides"]["ai-interview-1"] == []


def xobin_emulator_command() -> str:
    return str(Path(sys.executable).parent / "xobin-emulator")


def run_send(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [xobin_emulator_command(), "send", *args, "--emulator", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_send_command_prints_the_record_and_exits_by_the_receiver_s_answer(
    receiver: WebhookReceiver,
) -> None:
    server = subprocess.Popen(
        [xobin_emulator_command(), "--api-key", APIKEY_VALUE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split()[-1]
        admin = EmulatorAdmin(url)
        hook = {"status": True, "url": f"{receiver.url}/start"}
        admin.patch_global({"start": hook, "auth": basic("svc", PASSWORD)})
        ok = run_send(url, "start", "--interview", "ai-interview-2")
        receiver.answer = 401
        refused = run_send(url, "start", "--interview", "ai-interview-2")
        skipped = run_send(url, "submission", "--interview", "ai-interview-2")
        unknown = run_send(url, "start", "--interview", "ai-interview-99")
        admin.patch_global({"start": {"url": f"http://127.0.0.1:{closed_port()}/start"}})
        dead = run_send(url, "start", "--interview", "ai-interview-2")
        records = admin.deliveries()
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)

    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == records[0]
    assert json.loads(ok.stdout)["status"] == 200
    assert (refused.returncode, json.loads(refused.stdout)["status"]) == (1, 401)
    assert skipped.returncode == 1
    assert json.loads(skipped.stdout)["skipped"].endswith("is disabled")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == "xobin-emulator send: 404: AI interview not found\n"
    assert dead.returncode == 1
    assert json.loads(dead.stdout)["error"].startswith("ConnectionRefusedError: ")
    assert len(receiver.received) == 2
    assert (out, err) == ("", "")  # nothing after the line that named the URL
    for done in (ok, refused, skipped, unknown, dead):
        assert_no_secret(done.stdout + done.stderr)


def test_the_pytest_plugin_gives_users_a_running_emulator(tmp_path: Path, receiver: WebhookReceiver) -> None:
    """In a pytest run of its own, as in a user's project: the entry point loads the plugin."""
    (tmp_path / "test_users.py").write_text(
        "import httpx\n"
        "def test_delivery(xobin_emulator):\n"
        "    assert xobin_emulator.url.startswith('http://127.0.0.1:')\n"
        "    http = httpx.Client(base_url=xobin_emulator.url, trust_env=False)\n"
        "    hook = {'start': {'status': True, 'url': " + repr(receiver.url + "/users") + "}}\n"
        "    answer = http.post('/ai-interviews/settings/webhooks', json={'webhooks': hook},\n"
        "                       headers={'apiKey': xobin_emulator.api_key})\n"
        "    assert answer.status_code == 200\n"
        "    assert xobin_emulator.send('start', interview_id='ai-interview-1')['status'] == 200\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_users.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert receiver.paths() == ["/users"]
