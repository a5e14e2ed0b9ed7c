"""The native plugin `pulumi-resource-xobin` through the real engine and CLI, from Python programs.

The programs find the plugin the way the README tells users (`plugins.providers` in Pulumi.yaml, the
virtualenv's bin folder). Every test ends with the leak scan: no secret in the state or in any output,
and no Python traceback in any output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import PROGRAMS, E2EStack, StackFactory, assert_clean, in_state

pytestmark = pytest.mark.e2e

SETTINGS = "/api/v2/ai-interviews/settings/webhooks"
INTERVIEW = f"{SETTINGS}/ai-interview-1"
START = "https://hooks.example.com/start"
SUBMISSION = "https://hooks.example.com/submission"
OVERRIDE = "https://hooks.example.com/interview/submission"
GLOBAL_TYPE = "xobin:index:WebhookSettings"
INTERVIEW_TYPE = "xobin:index:InterviewWebhookSettings"


def native_stack(
    make_stack: StackFactory, emulator: Emulator, api_key: str | None, password: str
) -> E2EStack:
    """A stack of examples/native against `emulator` (with no API key configured when `api_key` is None)."""
    return make_stack(
        "native",
        project="xobin-native",
        emulator=emulator,
        api_key=api_key,
        secrets={"webhookPassword": password},
        plugin=True,
    )


@pytest.fixture
def native(make_stack: StackFactory, emulator: Emulator, api_key: str, password: str) -> E2EStack:
    return native_stack(make_stack, emulator, api_key, password)


def diagnostics(output: str, resource: str) -> list[str]:
    """The lines the CLI shows under one resource's heading in its Diagnostics section."""
    section = output.split("Diagnostics:", 1)[1].split(f"{resource}:\n", 1)[1]
    return [line.strip() for line in section.split("\n\n", 1)[0].splitlines()]


def providers_in_state(stack: E2EStack) -> dict[str, dict[str, Any]]:
    """The xobin provider resources in state, by name; `default` is the one the engine made from the stack
    config (its name also carries the plugin version and download URL the resources asked for)."""
    found = {}
    for r in stack.deployment()["resources"]:
        if r["type"] == "pulumi:providers:xobin":
            name = r["urn"].rsplit("::", 1)[-1]
            found["default" if name.startswith("default_") else name] = r
    return found


def counts(emulator: Emulator) -> dict[str, int]:
    found: dict[str, int] = emulator.admin.requests()["counts"]
    return found


def test_up_preview_destroy_with_secrets_encrypted(
    native: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    emulator.admin.clear_requests()
    assert native.preview().change_summary == {"create": 3}
    assert emulator.admin.requests()["total"] == 0, "a preview of creates calls no API"

    assert native.up().summary.resource_changes == {"create": 3}
    live = emulator.admin.state()
    assert live["global"]["start"] == {"status": True, "url": START}
    assert live["global"]["auth"]["basic"] == {"username": "svc", "password": password}
    assert live["interviews"]["ai-interview-1"]["submission"] == {"status": True, "url": OVERRIDE}
    assert live["interviews"]["ai-interview-1"]["auth"]["basic"]["password"] == password

    settings = in_state(native, GLOBAL_TYPE)
    assert settings["id"] == "xobin-ai-interview-webhooks"
    assert "__provider" not in settings["outputs"]
    assert set(settings["inputs"]["auth"]["password"]) >= {"ciphertext"}
    assert settings["outputs"]["auth"]["hasPassword"] is True
    assert settings["outputs"]["updateAll"] is False
    assert in_state(native, INTERVIEW_TYPE)["id"] == "ai-interview-1"
    # The default provider reads the API key from the stack config in every command: state never holds it.
    (provider,) = providers_in_state(native).values()
    assert "apiKey" not in provider["inputs"]
    assert "apiKey" not in provider["outputs"]
    assert provider["inputs"]["baseUrl"] == emulator.url

    assert native.preview().change_summary == {"same": 3}

    native.destroy()
    after = emulator.admin.state()
    assert after["global"]["start"] == {"status": False, "url": START}
    assert after["interviews"]["ai-interview-1"]["submission"] == {"status": False, "url": OVERRIDE}
    assert_clean(native, password, api_key)


def test_drift_is_shown_per_property_and_warned_on_the_resource(
    native: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    native.up()
    emulator.admin.patch_global(
        {"start": {"url": "https://ui-edit.example.com/start"}, "auth": {"basic": {"password": None}}}
    )

    preview = native.preview(diff=True)

    assert preview.change_summary == {"update": 1, "same": 2}
    assert f'~ url: "{START}" => "{START}"' in preview.stdout
    assert "password: [secret] => [secret]" in preview.stdout
    # The plain display groups diagnostics by resource.
    plain = native.preview().stdout
    warning = plain.split("Diagnostics:", 1)[1].split(f"{GLOBAL_TYPE} (ai-interview-webhooks):", 1)[1]
    assert "drifted from the program" in warning
    assert (
        f"start.url: changed outside Pulumi: live 'https://ui-edit.example.com/start', program '{START}'"
        in (warning)
    )
    assert "auth.password: not set in Xobin" in warning
    assert "pulumi:pulumi:Stack (" not in plain, "the warning belongs to the resource, not the stack"

    native.up()
    assert emulator.admin.state()["global"]["start"]["url"] == START
    assert emulator.admin.state()["global"]["auth"]["basic"]["password"] == password
    assert native.preview().change_summary == {"same": 3}
    assert_clean(native, password, api_key)


def test_program_change_updates_that_property_only(
    make_stack: StackFactory, api_key: str, password: str
) -> None:
    # GET answered, so reads and writes are told apart by method.
    with Emulator(api_key=api_key, get_enabled=True) as emulator:
        stack = native_stack(make_stack, emulator, api_key, password)
        stack.up()
        before = emulator.admin.state()["global"]
        stack.set_config("startUrl", "https://hooks.example.com/v2/start")

        emulator.admin.clear_requests()
        preview = stack.preview(diff=True)
        assert preview.change_summary == {"update": 1, "same": 2}
        assert f'~ url: "{START}" => "https://hooks.example.com/v2/start"' in preview.stdout
        assert all(entry["read"] for entry in emulator.admin.requests()["log"]), "a preview only reads"

        emulator.admin.clear_requests()
        stack.up()
        after = emulator.admin.state()["global"]
        assert after["start"]["url"] == "https://hooks.example.com/v2/start"
        assert {k: v for k, v in after.items() if k != "start"} == {
            k: v for k, v in before.items() if k != "start"
        }
        writes = {k: v for k, v in counts(emulator).items() if not k.startswith("GET ")}
        assert writes == {f"POST {SETTINGS}": 1}
        assert_clean(stack, password, api_key)


def test_refresh_records_the_live_settings(
    native: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    native.up()
    emulator.admin.patch_global({"submission": {"url": "https://ui.example.com/submission"}})

    refresh = native.refresh()

    assert refresh.summary.resource_changes == {"update": 1, "same": 2}
    settings = in_state(native, GLOBAL_TYPE)
    assert settings["outputs"]["submission"]["url"] == "https://ui.example.com/submission"
    assert settings["inputs"]["submission"]["url"] == "https://ui.example.com/submission"
    preview = native.preview(diff=True)
    assert f'~ url: "https://ui.example.com/submission" => "{SUBMISSION}"' in preview.stdout
    assert_clean(native, password, api_key)


def test_import_adopts_the_live_settings_and_then_only_the_password_differs(
    make_stack: StackFactory, api_key: str, password: str
) -> None:
    with Emulator(api_key=api_key, get_enabled=True) as emulator:
        # Settings made in the Xobin UI, matching the program except for the password it cannot read.
        emulator.admin.patch_global(
            {
                "start": {"status": True, "url": START},
                "submission": {"status": True, "url": SUBMISSION},
                "auth": {"type": "basic", "basic": {"username": "svc", "password": "set-in-the-ui"}},
            }
        )
        emulator.admin.patch_interview(
            "ai-interview-1",
            {
                "submission": {"status": True, "url": OVERRIDE},
                "auth": {"type": "basic", "basic": {"username": "svc", "password": "set-in-the-ui"}},
            },
        )
        stack = native_stack(make_stack, emulator, api_key, password)
        work = Path(stack.stack.workspace.work_dir)
        generated = []
        for type_, name, id_ in (
            (GLOBAL_TYPE, "ai-interview-webhooks", "xobin-ai-interview-webhooks"),
            (INTERVIEW_TYPE, "interview-override", "ai-interview-1"),
        ):
            code = work.parent / f"{name}.py"
            done = stack.cli("import", type_, name, id_, "--yes", "--out", str(code))
            assert done.returncode == 0, done.stdout + done.stderr
            generated.append(code.read_text())
        imported = in_state(stack, GLOBAL_TYPE)
        assert imported["outputs"]["start"] == {"enabled": True, "url": START}
        assert imported["outputs"]["auth"]["hasPassword"] is True
        assert "auth" not in imported["inputs"]

        # The code `pulumi import` writes uses the native resources (`pulumi_xobin_native`, the schema's
        # Python package, which the distribution ships), and runs as printed, describing the state exactly.
        assert all("import pulumi_xobin_native as xobin" in code for code in generated)
        program = (work / "__main__.py").read_text()
        (work / "__main__.py").write_text(generated[0] + generated[1].split("\n\n", 1)[1])
        assert stack.preview().change_summary == {"same": 3}

        # The example program states the same settings and a password: that is the only difference.
        (work / "__main__.py").write_text(program)
        preview = stack.preview(diff=True)

        assert preview.change_summary == {"update": 2, "same": 1}
        steps = preview.stdout.split("--outputs:--")[0]
        changed = [line.strip() for line in steps.splitlines() if line.strip().startswith(("~ ", "+ "))]
        properties = [line for line in changed if not line.startswith(("~ xobin:", "+ auth", "~ auth"))]
        assert properties == ["+ password: [secret]", "+ password: [secret]"], preview.stdout
        stack.up()
        assert emulator.admin.state()["global"]["auth"]["basic"]["password"] == password
        assert stack.preview().change_summary == {"same": 3}
        assert_clean(stack, password, api_key, "set-in-the-ui")


def test_bad_input_fails_preview_by_property_and_sends_nothing(
    native: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    native.set_config("startUrl", "ftp://hooks.example.com/start")
    with pytest.raises(auto.CommandError) as failure:
        native.preview()
    assert diagnostics(str(failure.value), f"{GLOBAL_TYPE} (ai-interview-webhooks)") == [
        f"error: {GLOBAL_TYPE} resource 'ai-interview-webhooks': property start.url value {{<nil>}} has a "
        "problem: must be an absolute http or https URL"
    ]
    assert emulator.admin.requests()["total"] == 0
    assert_clean(native, password, api_key)


def test_missing_api_key_fails_preview_with_a_hint(
    make_stack: StackFactory, emulator: Emulator, password: str
) -> None:
    stack = native_stack(make_stack, emulator, None, password)
    with pytest.raises(auto.CommandError) as failure:
        stack.preview()
    assert "xobin:apiKey" in str(failure.value)
    assert emulator.admin.requests()["total"] == 0
    assert_clean(stack, password)


def test_api_errors_read_as_one_line_and_keep_the_state(
    native: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    native.up()
    native.set_config("startUrl", "https://hooks.example.com/v2/start")
    native.set_config("xobin:maxRetries", "1")
    emulator.admin.inject(count=10, status=500, method="POST")

    with pytest.raises(auto.CommandError) as failure:
        native.up()

    (line,) = diagnostics(str(failure.value), f"{GLOBAL_TYPE} (ai-interview-webhooks)")
    assert line.startswith("error: Xobin answered POST /ai-interviews/settings/webhooks with 500")
    assert line.endswith("[after 2 attempts]")
    assert in_state(native, GLOBAL_TYPE)["outputs"]["start"]["url"] == START
    emulator.admin.clear_faults()
    native.up()
    assert emulator.admin.state()["global"]["start"]["url"] == "https://hooks.example.com/v2/start"
    assert_clean(native, password, api_key)


def test_two_accounts_in_one_program(make_stack: StackFactory, api_key: str, password: str) -> None:
    other_key = "acct-key-account-b-7d21"
    with Emulator(api_key=api_key) as first, Emulator(api_key=other_key) as second:
        stack = make_stack(
            PROGRAMS / "native_two_accounts",
            project="xobin-two-accounts",
            emulator=first,
            api_key=api_key,
            config={"accountBUrl": second.url},
            secrets={"accountBKey": other_key, "webhookPassword": password},
            plugin=True,
        )
        stack.up()
        providers = providers_in_state(stack)
        assert "apiKey" not in providers["default"]["inputs"]
        # The explicit provider's key comes from the program, so state keeps it (encrypted) for destroy.
        assert set(providers["account-b"]["inputs"]["apiKey"]) >= {"ciphertext"}
        assert first.admin.state()["global"]["start"]["url"] == "https://hooks.example.com/a/start"
        assert second.admin.state()["global"]["start"]["url"] == "https://hooks.example.com/b/start"
        assert stack.preview().change_summary == {"same": 4}
        stack.destroy()
        assert first.admin.state()["global"]["start"]["status"] is False
        assert second.admin.state()["global"]["start"]["status"] is False
        assert_clean(stack, password, api_key, other_key)


def test_secret_version_sends_a_password_changed_in_the_ui_again(
    native: E2EStack, emulator: Emulator, api_key: str, password: str
) -> None:
    native.up()
    # Changed in the UI: Xobin still reports a password stored, so nothing can tell.
    emulator.admin.patch_global({"auth": {"basic": {"password": "changed-in-the-ui"}}})
    assert native.preview().change_summary == {"same": 3}

    native.set_config("passwordVersion", "2")
    preview = native.preview(diff=True)
    # The example shares its auth with the interview override: both send the password again.
    assert preview.change_summary == {"update": 2, "same": 1}
    assert "+ secret" in preview.stdout
    native.up()

    assert emulator.admin.state()["global"]["auth"]["basic"]["password"] == password
    assert native.preview().change_summary == {"same": 3}
    assert_clean(native, password, api_key, "changed-in-the-ui")
