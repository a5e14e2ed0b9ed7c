"""The delivery rules without a socket: which settings route an event, what credentials and body it
carries, and what a record may show."""

from __future__ import annotations

import base64

import pytest

from pulumi_xobin.emulator._deliveries import Deliverer, auth_headers, payload, record_url
from pulumi_xobin.emulator._settings import GLOBAL_RULES, INTERVIEW_RULES, initial_settings, parse_update
from pulumi_xobin.emulator._state import Config, EmulatorState


def state_with(account: dict[str, object], **interviews: dict[str, object]) -> EmulatorState:
    state = EmulatorState(Config())
    state.update(None, parse_update({"webhooks": account}, GLOBAL_RULES))
    for interview_id, webhooks in interviews.items():
        state.update(interview_id.replace("_", "-"), parse_update({"webhooks": webhooks}, INTERVIEW_RULES))
    return state


def test_basic_and_apikey_credentials_become_headers() -> None:
    auth = initial_settings()["auth"]
    assert auth_headers(auth) == (None, {})
    basic = {**auth, "type": "basic", "basic": {"username": "svc", "password": "s3cret"}}
    token = base64.b64encode(b"svc:s3cret").decode()
    assert auth_headers(basic) == ("basic", {"Authorization": f"Basic {token}"})
    apikey = {**auth, "type": "apikey", "apikey": {"header": "X-Key", "apikey": "v"}}
    assert auth_headers(apikey) == ("apikey", {"X-Key": "v"})
    # A password cleared out of band leaves incomplete credentials: none are sent.
    assert auth_headers({**basic, "basic": {"username": "svc", "password": None}}) == (None, {})


def test_payloads_follow_the_docs_samples() -> None:
    start, submission = payload("start", "ai-interview-2"), payload("submission", "ai-interview-2")
    assert start["ai_interview_id"] == "ai-interview-2"
    assert start["invite_status"] == "Started"
    assert submission["invite_status"] == "Completed"
    assert set(submission) - set(start) == {
        "candidate_summary",
        "completed_date",
        "integrity_score",
        "interview_recording",
        "recommendation",
    }


def test_records_never_show_credentials_in_a_url() -> None:
    assert record_url("http://user:pw@127.0.0.1:8080/hook?x=1") == "http://127.0.0.1:8080/hook?x=1"
    assert record_url("http://127.0.0.1:8080/hook") == "http://127.0.0.1:8080/hook"


def test_routes_take_each_part_from_the_interview_where_it_set_one() -> None:
    account = {
        "start": {"status": True, "url": "http://127.0.0.1:1/start"},
        "submission": {"status": True, "url": "http://127.0.0.1:1/submission"},
        "auth": {"type": "basic", "basic": {"username": "svc", "password": "a"}},
    }
    state = state_with(account, ai_interview_2={"submission": {"status": False}})

    start, submission = state.route("ai-interview-2", "start"), state.route("ai-interview-2", "submission")
    assert (start.webhook["url"], start.source) == ("http://127.0.0.1:1/start", "the account's settings")
    assert submission.webhook == {"status": False, "url": None}
    assert submission.source == "the interview's own settings"
    assert start.auth["basic"]["username"] == "svc"

    state.update(None, parse_update({"webhooks": {}, "updateAll": True}, GLOBAL_RULES))
    after = state.route("ai-interview-2", "submission")
    assert after.webhook == {"status": True, "url": "http://127.0.0.1:1/submission"}


@pytest.mark.parametrize(
    ("hook", "reason"),
    [
        ({"status": False, "url": "http://127.0.0.1:1/x"}, "is disabled"),
        ({"status": True, "url": None}, "has no URL"),
        ({"status": True, "url": "ftp://127.0.0.1/x"}, "is not an http or https URL"),
        ({"status": True, "url": "http://127.0.0.1:port/x"}, "is not an http or https URL"),
    ],
)
def test_what_cannot_be_sent_is_skipped_with_its_reason(hook: dict[str, object], reason: str) -> None:
    state = state_with({"start": hook})
    record = Deliverer().send(state, "start", "ai-interview-1")
    assert record["skipped"] == f"the start webhook of ai-interview-1 (the account's settings) {reason}"
    assert (record["url"], record["status"], record["error"]) == (None, None, None)
    assert state.deliveries() == [record]


def test_an_invalid_api_key_header_is_skipped_without_echoing_its_value() -> None:
    auth = {"type": "apikey", "apikey": {"header": "X-Key", "apikey": "line\nbreak-secret"}}
    state = state_with({"start": {"status": True, "url": "http://127.0.0.1:1/x"}, "auth": auth})
    record = Deliverer().send(state, "start", "ai-interview-1")
    assert record["skipped"].endswith("its API-key header is not a valid HTTP header")
    assert "break-secret" not in str(record)
