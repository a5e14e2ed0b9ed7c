"""Malformed programs through the real Pulumi CLI: `preview` fails naming the field, and sends nothing.

The programs live in tests/e2e/programs/<name>/ (they are not examples). Each is run as its own project
in a temporary folder with the same hermetic CLI setup as the `make_stack` fixture, against a fresh
emulator, with the webhook password and the account API key as stack secrets. Neither secret may show
in anything the CLI printed, and the emulator must not have seen a single request.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pulumi import automation as auto

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import TOOLS, E2EStack, pulumi_env

pytestmark = pytest.mark.e2e

PROGRAMS = Path(__file__).resolve().parent / "programs"

ProgramStackFactory = Callable[[str], E2EStack]


@pytest.fixture
def program_stack(tmp_path: Path, emulator: Emulator, api_key: str, password: str) -> ProgramStackFactory:
    """A stack of one program from tests/e2e/programs, configured for the emulator, as make_stack does."""

    def factory(name: str) -> E2EStack:
        work = tmp_path / name
        shutil.copytree(PROGRAMS / name, work, ignore=shutil.ignore_patterns("Pulumi*.yaml", "__pycache__"))
        project = "xobin-" + name.replace("_", "-")
        (work / "Pulumi.yaml").write_text(
            f"name: {project}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
        )
        env = pulumi_env(tmp_path)
        opts = auto.LocalWorkspaceOptions(
            env_vars=env,
            pulumi_home=str(tmp_path / "pulumi-home"),
            secrets_provider="passphrase",
            pulumi_command=auto.PulumiCommand(root=str(TOOLS)),
        )
        (tmp_path / "state").mkdir(exist_ok=True)
        stack = E2EStack(auto.create_stack("dev", work_dir=str(work), opts=opts), env)
        stack.set_config("xobin:baseUrl", emulator.url)
        stack.set_config("xobin:apiKey", api_key, secret=True)
        stack.set_config("webhookPassword", password, secret=True)
        return stack

    return factory


@pytest.mark.parametrize(
    ("program", "field", "phrase"),
    [
        pytest.param("auth_oauth", "auth.type", "must be 'basic' or 'apikey'", id="unknown-auth-type"),
        pytest.param("auth_both_kinds", "auth", "not both", id="both-auth-kinds"),
        pytest.param("header_colon", "auth.header", "valid HTTP header name", id="header-with-colon"),
        pytest.param("interview_id_slash", "interview_id", "URL path segment", id="interview-id-with-slash"),
        pytest.param("http_public_host", "start.url", "must use https", id="http-to-a-public-host"),
        pytest.param("typo_in_webhook", "submission.enabeld", "unknown property", id="misspelt-field"),
    ],
)
def test_malformed_program_fails_preview_naming_the_field(
    program: str,
    field: str,
    phrase: str,
    program_stack: ProgramStackFactory,
    emulator: Emulator,
    api_key: str,
    password: str,
) -> None:
    stack = program_stack(program)
    with pytest.raises(auto.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    # The engine words it "property <field> value {...} has a problem: <reason>".
    assert re.search(
        rf"property {re.escape(field)} value .* has a problem: [^\n]*{re.escape(phrase)}", message
    ), message
    assert emulator.admin.requests()["total"] == 0
    printed = stack.all_output() + stack.export_text()
    assert password not in printed
    assert api_key not in printed
