"""State written by an earlier release is refreshed, previewed, updated and destroyed by today's code.

tests/fixtures/state/<version>/<stack>/ holds what a release's quickstart and per-interview stacks left
behind, written by `scripts/release-fixtures v<version>` with that release installed: `pulumi stack
export` (its pickled provider references, its output shape), the stack's config file (encryption salt,
encrypted secrets) and the emulator's settings that the state describes. Each test imports one into a
new stack of today's example program, seeds a new emulator with those settings, and runs refresh, a
quiet preview, an update and destroy with the code of this checkout. Every release adds its folder and
none is ever removed, so the matrix grows with each release.
"""

from __future__ import annotations

import importlib.metadata
import json
import secrets
import shutil
from pathlib import Path
from typing import Any

import pytest

from hermetic import REPO
from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import E2EStack, StackFactory, assert_no_secrets

pytestmark = pytest.mark.e2e

FIXTURES = REPO / "tests" / "fixtures" / "state"
# scripts/release_fixtures.py encrypts every fixture's secrets with this passphrase.
PASSPHRASE = "xobin-release-fixtures"
# The stacks every release leaves fixtures of; each is named after the example it runs.
STACKS = ("quickstart", "per-interview")
XOBIN_TYPE = "pulumi-python:dynamic/xobin:"


def fixtures() -> list[Path]:
    return sorted(folder for folder in FIXTURES.glob("*/*") if folder.is_dir())


def test_every_release_left_fixtures_of_every_stack() -> None:
    releases = sorted(folder.name for folder in FIXTURES.iterdir())
    assert "0.1.0" in releases, releases
    for release in releases:
        assert sorted(p.name for p in (FIXTURES / release).iterdir()) == sorted(STACKS), release


def imported(fixture: Path, make_stack: StackFactory) -> E2EStack:
    """A new stack of today's example program holding the fixture's state and config."""
    name = fixture.name
    export = json.loads((fixture / "stack.json").read_text())
    # urn:pulumi:<stack>::<project>::...: import needs the project the state was written in.
    project = export["deployment"]["resources"][0]["urn"].split("::")[1]
    stack = make_stack(name, stack_name=name, project=project)
    stack.env["PULUMI_CONFIG_PASSPHRASE"] = PASSPHRASE
    assert stack.stack.workspace.env_vars["PULUMI_CONFIG_PASSPHRASE"] == PASSPHRASE
    shutil.copy2(fixture / f"Pulumi.{name}.yaml", Path(stack.stack.workspace.work_dir))
    done = stack.cli("stack", "import", "--file", str(fixture / "stack.json"))
    assert done.returncode == 0, done.stderr
    return stack


def xobin_resources(stack: E2EStack) -> list[dict[str, Any]]:
    resources: list[dict[str, Any]] = stack.deployment()["resources"]
    return [r for r in resources if r["type"].startswith(XOBIN_TYPE)]


def settings_of(resource: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """The emulator's stored settings that a WebhookSettings or InterviewWebhookSettings manages."""
    interview_id = resource["outputs"].get("interview_id")
    settings: dict[str, Any] = state["global"] if interview_id is None else state["interviews"][interview_id]
    return settings


def stored_secrets(settings: dict[str, Any]) -> set[str]:
    auth = settings["auth"]
    return {value for value in (auth["basic"]["password"], auth["apikey"]["apikey"]) if value}


@pytest.mark.parametrize("fixture", fixtures(), ids=lambda folder: f"{folder.parent.name}-{folder.name}")
def test_state_of_a_release_is_refreshed_previewed_updated_and_destroyed(
    fixture: Path, make_stack: StackFactory
) -> None:
    stack = imported(fixture, make_stack)
    config = stack.stack.get_all_config()
    project = stack.stack.workspace.project_settings().name
    old_password = config[f"{project}:webhookPassword"].value
    seed = json.loads((fixture / "emulator.json").read_text())
    every_settings = [seed["global"], *seed["interviews"].values()]
    hidden = {v.value for v in config.values() if v.secret}.union(*map(stored_secrets, every_settings))
    assert old_password in hidden

    with Emulator(api_key=config["xobin:apiKey"].value, interviews=len(seed["interviews"])) as emulator:
        emulator.admin.patch_global(seed["global"])
        for interview_id, settings in seed["interviews"].items():
            emulator.admin.patch_interview(interview_id, settings)
        # The settings the fixture describes (the emulator's state also holds its config, and which parts
        # each interview set itself).
        stored = emulator.admin.state()
        assert {key: stored[key] for key in seed} == seed
        # As when the fixture was written: the API's URL from the environment, not from state.
        stack.env["XOBIN_BASE_URL"] = emulator.url
        managed = xobin_resources(stack)
        count = len(managed) + 1  # and the stack itself

        assert stack.refresh().summary.resource_changes == {"same": count}
        assert stack.preview().change_summary == {"same": count}
        assert "drifted" not in stack.all_output()

        # Rotating the password updates every resource, each comparing it with the one in the old state.
        new_password = f"rotated-{secrets.token_hex(8)}"
        hidden.add(new_password)
        stack.set_config("webhookPassword", new_password, secret=True)
        emulator.admin.clear_requests()
        assert stack.up().summary.resource_changes == {"update": len(managed), "same": 1}
        live = emulator.admin.state()
        for resource in managed:
            assert settings_of(resource, live)["auth"]["basic"]["password"] == new_password, resource["urn"]
        version = importlib.metadata.version("pulumi-xobin")
        agents = {entry["user_agent"] for entry in emulator.admin.requests()["log"]}
        assert agents
        assert all(agent.startswith(f"pulumi-xobin/{version} ") for agent in agents), agents
        # Today's code writes the very same by-reference provider pickles as the release did.
        assert [r["outputs"]["__provider"] for r in xobin_resources(stack)] == [
            r["outputs"]["__provider"] for r in managed
        ]

        assert stack.destroy().summary.resource_changes == {"delete": count}
        after = emulator.admin.state()
        for resource in managed:
            for webhook in ("start", "submission"):
                if resource["outputs"].get(webhook) is not None:
                    assert settings_of(resource, after)[webhook]["status"] is False, (
                        resource["urn"],
                        webhook,
                    )

    assert_no_secrets(stack, *hidden)
