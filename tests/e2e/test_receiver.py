"""Deliveries configured through the real `pulumi` CLI: the receiver example's own test, run as users run
it, and a held-out receiver (tests/support/webhook_receiver.py) that gets exactly what `pulumi up` routes
to it."""

from __future__ import annotations

import base64
import importlib.metadata
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hermetic import Hermetic
from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import EXAMPLES, PROGRAMS, StackFactory, assert_no_secrets
from support.webhook_receiver import WebhookReceiver

pytestmark = pytest.mark.e2e

EVENTS = ("start", "submission")
INTERVIEWS = ("ai-interview-1", "ai-interview-2", "ai-interview-3")


def test_the_receiver_example_passes_as_users_run_it(tmp_path: Path) -> None:
    """The example's folder on its own, with pytest and the plugin that installing pulumi-xobin registers."""
    plugins = [e.value for e in importlib.metadata.entry_points(group="pytest11")]
    assert "pulumi_xobin.testing" in plugins, "the pytest plugin is not registered: run make .venv/.installed"
    project = tmp_path / "receiver"
    shutil.copytree(EXAMPLES / "receiver", project, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        env=Hermetic(tmp_path).env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def send_all(emulator: Emulator) -> dict[tuple[str, str], dict[str, object]]:
    return {(i, e): emulator.send(e, interview_id=i) for i in INTERVIEWS for e in EVENTS}


def credentials(receiver: WebhookReceiver) -> list[tuple[str, str]]:
    """Each request's path and the credentials it carried."""
    seen = []
    for request in receiver.received:
        if "authorization" in request.headers:
            basic = base64.b64decode(request.headers["authorization"].removeprefix("Basic ")).decode()
            seen.append((request.path, f"basic {basic}"))
        else:
            seen.append((request.path, f"X-Two-Key {request.headers['x-two-key']}"))
    return seen


def test_a_held_out_receiver_gets_exactly_what_pulumi_up_routes_to_it(
    make_stack: StackFactory, api_key: str, password: str
) -> None:
    two_key = f"two-{password}"
    with Emulator(api_key=api_key) as emulator, WebhookReceiver() as receiver:
        stack = make_stack(
            PROGRAMS / "receiver_routing",
            project="xobin-receiver-routing",
            emulator=emulator,
            api_key=api_key,
            config={"receiverUrl": receiver.url},
            secrets={"webhookPassword": password, "twoKey": two_key},
        )
        unset = send_all(emulator)
        assert all(r["skipped"] for r in unset.values())
        assert stack.up().summary.resource_changes == {"create": 4}

        records = send_all(emulator)
        assert credentials(receiver) == [
            ("/account/start", f"basic svc:{password}"),
            ("/account/submission", f"basic svc:{password}"),
            ("/two/start", f"X-Two-Key {two_key}"),
            ("/account/submission", f"X-Two-Key {two_key}"),  # the interview's own auth, the account's URL
            ("/account/start", f"basic svc:{password}"),
        ]
        assert records["ai-interview-3", "submission"]["skipped"] == (
            "the submission webhook of ai-interview-3 (the interview's own settings) is disabled"
        )
        assert all(r["status"] == 200 for r in records.values() if r["skipped"] is None)

        # updateAll copies the account's settings onto every interview: the overrides stop winning.
        receiver.received.clear()
        stack.set_config("updateAll", "true")
        assert stack.up().summary.resource_changes == {"update": 1, "same": 3}
        send_all(emulator)
        assert credentials(receiver) == [
            (f"/account/{event}", f"basic svc:{password}") for _ in INTERVIEWS for event in EVENTS
        ]
        # A server that answers GET shows the per-interview resources drifted from the program.
        emulator.admin.configure(get_enabled=True)
        assert stack.preview().change_summary == {"same": 2, "update": 2}

        # Destroying switches off what each resource manages, and sends no updateAll: the copies that
        # updateAll made stay on, except where an interview's own resource switches its webhook off.
        stack.destroy()
        receiver.received.clear()
        after = send_all(emulator)
        assert [key for key, r in after.items() if r["skipped"]] == [
            ("ai-interview-2", "start"),
            ("ai-interview-3", "submission"),
        ]
        assert len(receiver.received) == 4

        assert_no_secrets(stack, password, two_key, api_key)
        deliveries = json.dumps(emulator.admin.deliveries())
        for secret in (password, two_key, api_key):
            assert secret not in deliveries
