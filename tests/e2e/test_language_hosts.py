"""Pulumi's official language hosts, as scripts/install-pulumi installs them, run the smallest programs.

Python (a stack without any config, and `pulumi install`), Node.js and YAML: the hosts that the SDKs
and examples of the next resources need, proven here on programs without Xobin resources.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pulumi import automation as auto

from hermetic import REPO, TOOLS, Hermetic
from support.pulumi_stack import PROGRAMS, StackFactory, copy_program, create_stack

pytestmark = pytest.mark.e2e


def pinned_pulumi_version() -> str:
    match = re.search(r"^pulumi==(\S+)$", (REPO / "constraints.txt").read_text(), re.MULTILINE)
    assert match, "constraints.txt pins pulumi"
    return match.group(1)


def test_python_stack_without_any_config_runs(make_stack: StackFactory) -> None:
    stack = make_stack(PROGRAMS / "no_config", project="no-config")
    assert stack.stack.get_all_config() == {}
    assert stack.up().outputs["project"].value == "no-config"
    stack.destroy()


def test_pulumi_install_creates_a_python_projects_virtualenv(tmp_path: Path) -> None:
    work = tmp_path / "installed"
    shutil.copytree(PROGRAMS / "no_config", work)
    (work / "Pulumi.yaml").write_text(
        "name: installed\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n"
    )
    (work / "requirements.txt").write_text(f"pulumi=={pinned_pulumi_version()}\n")
    done = Hermetic(tmp_path).pulumi("install", cwd=work, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (work / "venv" / "bin" / "python").exists()
    # The program runs in the virtualenv that `pulumi install` made.
    stack = create_stack(work, tmp_path)
    assert stack.up().outputs["project"].value == "installed"
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


def test_yaml_program_runs(tmp_path: Path) -> None:
    work = copy_program(PROGRAMS / "yaml_minimal", tmp_path / "yaml_minimal", "yaml-minimal")
    stack = create_stack(work, tmp_path)
    outputs = stack.up().outputs
    assert {key: output.value for key, output in outputs.items()} == {
        "project": "yaml-minimal",
        "stack": "dev",
    }
    stack.destroy()
