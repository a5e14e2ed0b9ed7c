"""WebhookSettings through the real Pulumi engine and CLI, against the emulator over loopback."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from pulumi import automation as auto

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import E2EStack, StackFactory, assert_no_secrets

pytestmark = pytest.mark.e2e

START = "https://hooks.example.com/start"
SUBMISSION = "https://hooks.example.com/submission"


@pytest.fixture
def quickstart(make_stack: StackFactory, emulator: Emulator, api_key: str, password: str) -> E2EStack:
    return make_stack(emulator=emulator, api_key=api_key, secrets={"webhookPassword": password})


def counts(emulator: Emulator) -> dict[str, int]:
    """API requests by kind: reads (a GET, or the `{"webhooks": {}}` POST that reads where GET is not
    served), writes, and GETs answered 405."""
    found: dict[str, int] = {}
    for entry in emulator.admin.requests()["log"]:
        kind = "405" if entry["status"] == 405 else "read" if entry["read"] else "write"
        found[kind] = found.get(kind, 0) + 1
    return found


def test_up_creates_preview_is_quiet_destroy_disables(
    quickstart: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    up = quickstart.up()
    assert up.summary.resource_changes == {"create": 2}
    stored = emulator.admin.state()
    assert stored["global"]["start"] == {"status": True, "url": START}
    assert stored["global"]["submission"] == {"status": True, "url": SUBMISSION}
    assert stored["global"]["auth"]["basic"] == {"username": "svc", "password": password}
    # update_all=True in the quickstart copies the settings onto every interview.
    assert all(i["start"]["url"] == START for i in stored["interviews"].values())
    assert up.outputs["start_url"].value == START

    assert quickstart.preview().change_summary == {"same": 2}

    quickstart.destroy()
    after = emulator.admin.state()["global"]
    assert after["start"] == {"status": False, "url": START}
    assert after["submission"] == {"status": False, "url": SUBMISSION}
    assert after["auth"]["basic"]["password"] == password, "destroy leaves auth alone"
    assert_no_secrets(quickstart, password, api_key)


def test_url_change_in_program_updates_exactly_that(
    quickstart: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    quickstart.up()
    before = emulator.admin.state()["global"]
    emulator.admin.clear_requests()
    quickstart.set_config("startUrl", "https://hooks.example.com/v2/start")

    preview = quickstart.preview(diff=True)
    assert preview.change_summary == {"update": 1, "same": 1}
    assert '"https://hooks.example.com/start" => "https://hooks.example.com/v2/start"' in preview.stdout

    up = quickstart.up()
    assert up.summary.resource_changes == {"update": 1, "same": 1}
    after = emulator.admin.state()["global"]
    assert after["start"] == {"status": True, "url": "https://hooks.example.com/v2/start"}
    assert {k: v for k, v in after.items() if k != "start"} == {
        k: v for k, v in before.items() if k != "start"
    }
    assert counts(emulator).get("write") == 1
    assert_no_secrets(quickstart, password, api_key)


def test_password_removed_out_of_band_is_found_and_restored(
    quickstart: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    quickstart.up()
    emulator.admin.patch_global({"auth": {"basic": {"password": None}}})

    preview = quickstart.preview()
    assert preview.change_summary == {"update": 1, "same": 1}
    assert "auth.password: not set in Xobin" in preview.stdout

    quickstart.up()
    assert emulator.admin.state()["global"]["auth"]["basic"]["password"] == password
    assert quickstart.preview().change_summary == {"same": 2}
    assert_no_secrets(quickstart, password, api_key)


def test_url_changed_out_of_band_is_reported_by_preview(
    quickstart: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    quickstart.up()
    emulator.admin.patch_global({"submission": {"url": "https://elsewhere.example/hook"}})

    preview = quickstart.preview()
    assert preview.change_summary == {"update": 1, "same": 1}
    assert (
        "submission.url: changed outside Pulumi: live 'https://elsewhere.example/hook', "
        f"program '{SUBMISSION}'" in preview.stdout
    )
    quickstart.up()
    assert emulator.admin.state()["global"]["submission"]["url"] == SUBMISSION
    assert_no_secrets(quickstart, password, api_key)


def test_unmanaged_part_changed_out_of_band_is_left_alone(
    make_stack: StackFactory, emulator: Emulator, api_key: str
) -> None:
    stack = make_stack("start-only", emulator=emulator, api_key=api_key, project="xobin-start-only")
    stack.up()
    emulator.admin.patch_global({"submission": {"status": True, "url": "https://ui.example/submission"}})
    assert stack.preview().change_summary == {"same": 2}
    stack.destroy()
    live = emulator.admin.state()["global"]
    assert live["start"]["status"] is False
    assert live["submission"] == {"status": True, "url": "https://ui.example/submission"}


def test_refresh_records_live_settings(
    quickstart: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    quickstart.up()
    emulator.admin.patch_global(
        {"start": {"url": "https://ui.example/start"}, "auth": {"basic": {"password": None}}}
    )

    refresh = quickstart.refresh()
    assert refresh.summary.resource_changes == {"update": 1, "same": 1}
    deployment = json.loads(quickstart.export_text())["deployment"]
    settings = next(r for r in deployment["resources"] if r["type"].endswith("xobin:WebhookSettings"))
    assert settings["outputs"]["start"]["url"] == "https://ui.example/start"
    assert settings["outputs"]["auth"]["has_password"] is False
    assert settings["inputs"]["start"]["url"] == "https://ui.example/start"

    # After a refresh the difference shows as a property diff, then `up` puts the program back.
    preview = quickstart.preview(diff=True)
    assert preview.change_summary == {"update": 1, "same": 1}
    assert f'"https://ui.example/start" => "{START}"' in preview.stdout
    quickstart.up()
    live = emulator.admin.state()["global"]
    assert live["start"]["url"] == START
    assert live["auth"]["basic"]["password"] == password
    assert_no_secrets(quickstart, password, api_key)


def test_bad_input_fails_preview_naming_the_field_and_sends_nothing(
    make_stack: StackFactory, emulator: Emulator, api_key: str, password: str
) -> None:
    stack = make_stack(
        emulator=emulator,
        api_key=api_key,
        secrets={"webhookPassword": password},
        config={"startUrl": "ftp://hooks.example.com/start"},
    )
    with pytest.raises(auto.CommandError) as failure:
        stack.preview()
    assert "start.url" in str(failure.value)
    assert "must be an absolute http or https URL" in str(failure.value)
    assert emulator.admin.requests()["total"] == 0
    assert_no_secrets(stack, password, api_key)


def test_missing_api_key_fails_preview_with_a_hint(make_stack: StackFactory, emulator: Emulator) -> None:
    stack = make_stack(emulator=emulator, secrets={"webhookPassword": "irrelevant"})
    with pytest.raises(auto.CommandError) as failure:
        stack.preview()
    assert "xobin:apiKey" in str(failure.value)
    assert emulator.admin.requests()["total"] == 0


def test_provider_is_pickled_by_reference_without_credentials(
    quickstart: E2EStack, password: str, api_key: str
) -> None:
    quickstart.up()
    deployment = json.loads(quickstart.export_text())["deployment"]
    settings = next(r for r in deployment["resources"] if r["type"].endswith("xobin:WebhookSettings"))
    pickled = base64.b64decode(settings["outputs"]["__provider"])
    assert len(pickled) < 200
    assert b"pulumi_xobin.provider" in pickled
    assert b"WebhookSettingsProvider" in pickled
    assert api_key.encode() not in pickled
    assert password.encode() not in pickled


def test_retain_on_delete_leaves_the_settings_untouched(
    make_stack: StackFactory, emulator: Emulator, api_key: str
) -> None:
    programs = Path(__file__).resolve().parent / "programs"
    stack = make_stack(programs / "retained", project="xobin-retained", emulator=emulator, api_key=api_key)
    stack.up()
    before = emulator.admin.state()["global"]
    emulator.admin.clear_requests()

    stack.destroy()

    assert emulator.admin.state()["global"] == before
    assert before["start"] == {"status": True, "url": START}
    assert emulator.admin.requests()["total"] == 0
