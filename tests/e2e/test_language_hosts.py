"""Pulumi's official language hosts, as scripts/install-pulumi installs them, run the smallest programs.

Python (a stack without any config) and Node.js (at the CLI's version), proven here on programs without
Xobin resources. `pulumi install` runs in test_install.py, the YAML host in test_yaml.py and
test_install.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pulumi import automation as auto

from hermetic import TOOLS
from support.pulumi_stack import PROGRAMS, StackFactory, copy_program, create_stack

pytestmark = pytest.mark.e2e


def test_python_stack_without_any_config_runs(make_stack: StackFactory) -> None:
    stack = make_stack(PROGRAMS / "no_config", project="no-config")
    assert stack.stack.get_all_config() == {}
    assert stack.up().outputs["project"].value == "no-config"
    stack.destroy()


def test_nodejs_program_runs(tmp_path: Path) -> None:
    source = PROGRAMS / "nodejs_minimal"
    sdk = source / "node_modules" / "@pulumi" / "pulumi" / "package.json"
    assert sdk.exists(), f"@pulumi/pulumi is not installed in {source}: run `make test` (or `make setup`)"
    cli_version = auto.PulumiCommand(root=str(TOOLS)).version
    assert json.loads(sdk.read_text())["version"] == str(cli_version)

    work = copy_program(source, tmp_path / "nodejs_minimal", "nodejs-minimal")
    stack = create_stack(work, tmp_path)
    outputs = stack.up().outputs
    assert {key: output.value for key, output in outputs.items()} == {
        "project": "nodejs-minimal",
        "stack": "dev",
    }
    stack.destroy()
