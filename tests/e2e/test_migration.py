"""A stack moves from the dynamic resources to the native ones, as the README's "Migrating" says.

The quickstart program is edited the way the README tells users to: first `retain_on_delete=True` on the
dynamic resource (one `up`, no API call), then the import switched to `pulumi_xobin.native` (one `up`:
the dynamic resource leaves the state untouched in Xobin, the native one adopts the settings by writing
the same values). The live settings never change, and the webhooks are never switched off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import StackFactory, assert_no_secrets

pytestmark = pytest.mark.e2e

SETTINGS = "/api/v2/ai-interviews/settings/webhooks"
RETAIN = "    opts=pulumi.ResourceOptions(retain_on_delete=True),\n"


def test_dynamic_stack_moves_to_the_native_provider_without_touching_the_live_settings(
    make_stack: StackFactory, api_key: str, password: str
) -> None:
    # GET answered, so the request log tells reads from writes.
    with Emulator(api_key=api_key, get_enabled=True) as emulator:
        stack = make_stack(
            emulator=emulator, api_key=api_key, secrets={"webhookPassword": password}, plugin=True
        )
        stack.up()
        live = emulator.admin.state()
        program = Path(stack.stack.workspace.work_dir) / "__main__.py"
        source = program.read_text()

        # Step 1: keep the live settings when the dynamic resource leaves the program.
        program.write_text(source.replace("    update_all=True,\n", f"    update_all=True,\n{RETAIN}"))
        emulator.admin.clear_requests()
        stack.up()
        assert emulator.admin.requests()["counts"] == {f"GET {SETTINGS}": 1}, "a state change only"

        # Step 2: the native resource, same arguments, and no retain_on_delete: the state keeps the
        # dynamic resource's, which is what its delete obeys.
        program.write_text(
            source.replace("import pulumi_xobin as xobin", "import pulumi_xobin.native as xobin")
        )
        emulator.admin.clear_requests()
        preview = stack.preview()
        assert preview.change_summary == {"create": 1, "delete": 1, "same": 1}
        up = stack.up()

        assert up.summary.resource_changes == {"create": 1, "delete": 1, "same": 1}
        assert emulator.admin.state() == live
        writes = {k: v for k, v in emulator.admin.requests()["counts"].items() if not k.startswith("GET ")}
        assert writes == {f"POST {SETTINGS}": 1}, "one write of the same settings; nothing switched off"
        types = [r["type"] for r in stack.deployment()["resources"]]
        assert "xobin:index:WebhookSettings" in types
        assert not any(t.startswith("pulumi-python:dynamic") for t in types)
        assert stack.preview().change_summary == {"same": 2}
        assert_no_secrets(stack, password, api_key)
