"""The TypeScript, Go and Java examples, each with its SDK generated from the plugin's schema, through
the real engine and Pulumi's official language host for its language.

`make setup` builds sdk/nodejs and installs the TypeScript example's packages, and installs sdk/java into
the local Maven repository; the Go example uses sdk/go through its `replace`. Each program finds the
plugin the way the README says, and runs the same settings: so each test walks the same life.
"""

from __future__ import annotations

import pytest

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import E2EStack, StackFactory, assert_clean, in_state

pytestmark = pytest.mark.e2e

START = "https://hooks.example.com/start"


@pytest.fixture(params=["typescript", "go", "java"])
def program(
    request: pytest.FixtureRequest, make_stack: StackFactory, emulator: Emulator, api_key: str, password: str
) -> E2EStack:
    return make_stack(
        request.param,
        project=f"xobin-{request.param}",
        emulator=emulator,
        api_key=api_key,
        secrets={"webhookPassword": password},
        plugin=True,
    )


def test_program_creates_previews_quietly_repairs_drift_and_destroys(
    program: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    up = program.up()

    assert up.summary.resource_changes == {"create": 3}
    assert up.outputs["startUrl"].value == START
    assert up.outputs["hasPassword"].value is True
    live = emulator.admin.state()
    assert live["global"]["auth"]["basic"] == {"username": "svc", "password": password}
    assert live["interviews"]["ai-interview-1"]["submission"]["url"].endswith("/interview/submission")
    settings = in_state(program, "xobin:index:WebhookSettings")
    assert "ciphertext" in settings["inputs"]["auth"]["password"]
    assert program.preview(expect_no_changes=True).change_summary == {"same": 3}

    emulator.admin.patch_global({"start": {"url": "https://ui-edit.example.com/start"}})
    preview = program.preview(diff=True)
    assert preview.change_summary == {"update": 1, "same": 2}
    assert f'~ url: "{START}" => "{START}"' in preview.stdout
    plain = program.preview().stdout
    assert "start.url: changed outside Pulumi: live 'https://ui-edit.example.com/start'" in plain
    assert program.up().summary.resource_changes == {"update": 1, "same": 2}
    assert emulator.admin.state()["global"]["start"] == {"status": True, "url": START}

    program.destroy()
    assert emulator.admin.state()["global"]["start"] == {"status": False, "url": START}
    assert_clean(program, password, api_key)
