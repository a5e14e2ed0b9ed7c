"""Pulumi YAML programs through the official YAML host: no SDK, the plugin's schema is all they need.

examples/yaml manages both resources on one account and the global settings of a second account
through an explicit provider. Every test ends with the leak scan over the state and every output.
"""

from __future__ import annotations

import pytest

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import PROGRAMS, StackFactory, assert_clean

pytestmark = pytest.mark.e2e

OTHER_KEY = "acct-key-yaml-account-b-5e0c"


def test_yaml_program_with_two_accounts(make_stack: StackFactory, api_key: str, password: str) -> None:
    with Emulator(api_key=api_key) as first, Emulator(api_key=OTHER_KEY) as second:
        stack = make_stack(
            "yaml",
            project="xobin-yaml",
            emulator=first,
            api_key=api_key,
            config={"accountBUrl": second.url},
            secrets={"webhookPassword": password, "accountBKey": OTHER_KEY},
            plugin=True,
        )
        up = stack.up()
        assert up.summary.resource_changes == {"create": 5}
        assert up.outputs["startUrl"].value == "https://hooks.example.com/start"
        assert up.outputs["hasPassword"].value is True
        live_a, live_b = first.admin.state(), second.admin.state()
        assert live_a["global"]["auth"]["basic"] == {"username": "svc", "password": password}
        assert live_a["interviews"]["ai-interview-1"]["submission"]["url"].endswith("/interview/submission")
        assert live_b["global"]["start"] == {"status": True, "url": "https://hooks.example.com/b/start"}
        assert live_b["global"]["auth"]["apikey"] == {"header": "X-Webhook-Key", "apikey": password}
        assert stack.preview().change_summary == {"same": 5}

        first.admin.patch_global({"start": {"url": "https://ui-edit.example.com/start"}})
        preview = stack.preview(diff=True)
        assert preview.change_summary == {"update": 1, "same": 4}
        assert (
            '~ url: "https://hooks.example.com/start" => "https://hooks.example.com/start"' in preview.stdout
        )
        stack.up()
        assert first.admin.state()["global"]["start"]["url"] == "https://hooks.example.com/start"

        stack.destroy()
        assert first.admin.state()["global"]["start"]["status"] is False
        assert second.admin.state()["global"]["start"]["status"] is False
        assert_clean(stack, password, api_key, OTHER_KEY)


def test_a_password_written_as_a_yaml_literal_is_encrypted_in_state(
    make_stack: StackFactory, emulator: Emulator, api_key: str
) -> None:
    literal = "yaml-literal-password-81f3"  # as written in the program
    stack = make_stack(
        PROGRAMS / "yaml_literal_secret",
        project="xobin-yaml-literal",
        emulator=emulator,
        api_key=api_key,
        plugin=True,
    )
    stack.up()
    assert emulator.admin.state()["global"]["auth"]["basic"]["password"] == literal
    deployment = stack.deployment()
    (settings,) = [r for r in deployment["resources"] if r["type"] == "xobin:index:WebhookSettings"]
    assert "ciphertext" in settings["inputs"]["auth"]["password"]
    assert "ciphertext" in settings["outputs"]["auth"]["password"]
    assert stack.preview().change_summary == {"same": 2}
    assert_clean(stack, literal, api_key)
