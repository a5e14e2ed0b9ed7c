"""The TypeScript example, with the Node.js SDK generated from the plugin's schema, through the real engine.

`make setup` builds sdk/nodejs and installs the example's packages; the program runs on Pulumi's
official Node.js language host and finds the plugin the way the README says.
"""

from __future__ import annotations

import pytest

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import E2EStack, StackFactory, assert_clean, in_state

pytestmark = pytest.mark.e2e

START = "https://hooks.example.com/start"


@pytest.fixture
def typescript(make_stack: StackFactory, emulator: Emulator, api_key: str, password: str) -> E2EStack:
    return make_stack(
        "typescript",
        project="xobin-typescript",
        emulator=emulator,
        api_key=api_key,
        secrets={"webhookPassword": password},
        plugin=True,
    )


def test_typescript_program_creates_previews_quietly_shows_drift_and_destroys(
    typescript: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    up = typescript.up()

    assert up.summary.resource_changes == {"create": 3}
    assert up.outputs["startUrl"].value == START
    assert up.outputs["hasPassword"].value is True
    live = emulator.admin.state()
    assert live["global"]["auth"]["basic"] == {"username": "svc", "password": password}
    assert live["interviews"]["ai-interview-1"]["submission"]["url"].endswith("/interview/submission")
    settings = in_state(typescript, "xobin:index:WebhookSettings")
    assert "ciphertext" in settings["inputs"]["auth"]["password"]
    assert typescript.preview().change_summary == {"same": 3}

    emulator.admin.patch_global({"start": {"url": "https://ui-edit.example.com/start"}})
    preview = typescript.preview(diff=True)
    assert preview.change_summary == {"update": 1, "same": 2}
    assert f'~ url: "{START}" => "{START}"' in preview.stdout
    plain = typescript.preview().stdout
    assert "start.url: changed outside Pulumi: live 'https://ui-edit.example.com/start'" in plain

    typescript.destroy()
    assert emulator.admin.state()["global"]["start"] == {"status": False, "url": START}
    assert_clean(typescript, password, api_key)
