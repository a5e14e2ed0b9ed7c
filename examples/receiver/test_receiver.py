"""The receiver's test, as a team runs it in CI: apply the Pulumi program to a Xobin emulator (the
`xobin_emulator` fixture that pulumi-xobin's pytest plugin provides), have it send Xobin's events, and
check what the receiver got. It needs `pip install pulumi-xobin pytest` and the `pulumi` CLI on PATH;
the stack lives in a temporary folder and is destroyed at the end.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import webhooks
from pulumi import automation as auto
from receiver import Receiver

from pulumi_xobin.emulator import Emulator

PASSWORD = secrets.token_urlsafe(16)
PILOT = "ai-interview-3"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(username="xobin", password=PASSWORD) as running:
        yield running


@pytest.fixture
def stack(tmp_path: Path, xobin_emulator: Emulator, receiver: Receiver) -> Iterator[auto.Stack]:
    """The program applied to the emulator, as a stack on a local file backend; destroyed afterwards."""
    backend = tmp_path / "state"
    backend.mkdir()
    stack = auto.create_stack(
        stack_name="receiver-test",
        project_name="xobin-receiver",
        program=webhooks.program,
        opts=auto.LocalWorkspaceOptions(
            secrets_provider="passphrase",
            env_vars={
                "PULUMI_BACKEND_URL": backend.as_uri(),
                "PULUMI_CONFIG_PASSPHRASE": "receiver-test",
                # The provider runs in a process of its own: this interpreter has pulumi-xobin.
                "PULUMI_PYTHON_CMD": sys.executable,
            },
        ),
    )
    stack.set_all_config(
        {
            "xobin:baseUrl": auto.ConfigValue(xobin_emulator.url),
            "xobin:apiKey": auto.ConfigValue(xobin_emulator.api_key, secret=True),
            "receiverUrl": auto.ConfigValue(receiver.url),
            "webhookPassword": auto.ConfigValue(PASSWORD, secret=True),
            "pilotInterview": auto.ConfigValue(PILOT),
        }
    )
    stack.up()
    yield stack
    stack.destroy()
    stack.workspace.remove_stack("receiver-test")


def test_the_receiver_gets_the_events_the_settings_route_to_it(
    stack: auto.Stack, xobin_emulator: Emulator, receiver: Receiver
) -> None:
    start = xobin_emulator.send("start", interview_id="ai-interview-1")
    submission = xobin_emulator.send("submission", interview_id="ai-interview-1")
    assert (start["status"], submission["status"]) == (200, 200)
    assert [(path, event["invite_status"]) for path, event in receiver.events] == [
        ("/xobin/start", "Started"),
        ("/xobin/submission", "Completed"),
    ]
    assert receiver.events[1][1]["ai_interview_id"] == "ai-interview-1"

    # The pilot interview's submission webhook is off: nothing is sent.
    silent = xobin_emulator.send("submission", interview_id=PILOT)
    assert silent["status"] is None
    assert silent["skipped"].endswith("is disabled")
    assert len(receiver.events) == 2

    # The receiver's password changes before Xobin's settings follow: the old one is refused.
    receiver.password = secrets.token_urlsafe(16)
    refused = xobin_emulator.send("start", interview_id="ai-interview-1")
    assert refused["status"] == 401
    assert len(receiver.events) == 2
    assert PASSWORD not in str(xobin_emulator.admin.deliveries())
