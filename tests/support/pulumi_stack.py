"""Helpers to drive the real `pulumi` CLI (through `pulumi.automation`) against the emulator, hermetically.

Each test gets its own hermetic set-up (scripts/hermetic.py, shared with the demo and the benchmark) in
a temporary folder. The CLI comes from scripts/install-pulumi; when it is missing these tests fail (they
never skip): run `make test`, which installs it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi import automation as auto

from hermetic import PULUMI, REPO, TOOLS, Hermetic, dev_plugin, python_project

EXAMPLES = REPO / "examples"
PROGRAMS = REPO / "tests" / "e2e" / "programs"


def copy_program(
    program: str | Path, dest: Path, project: str, virtualenv: Path | None = None, *, plugin: bool = False
) -> Path:
    """A project folder with a program and its stack files, run in `virtualenv` (default: the
    environment running these tests). `program` is an example's name or a program folder. With `plugin`,
    the engine runs the native plugin of that virtualenv (`hermetic.dev_plugin`), not a release."""
    source = program if isinstance(program, Path) else EXAMPLES / program
    ignored = shutil.ignore_patterns("Pulumi.yaml", "__pycache__", "node_modules", "bin", "target")
    shutil.copytree(source, dest, ignore=ignored)
    if (source / "node_modules").exists():
        # Installed once by `make setup`; every copy of the program shares it.
        (dest / "node_modules").symlink_to(source / "node_modules")
    if (source / "go.mod").exists():
        # A Go program's `replace` of this repository's SDK names a folder relative to the original.
        go_mod = dest / "go.mod"
        go_mod.write_text(
            re.sub(r"=> (\.\S*)", lambda m: f"=> {(source / m[1]).resolve()}", go_mod.read_text())
        )
    venv = virtualenv or Path(sys.prefix)
    original = (source / "Pulumi.yaml").read_text() if (source / "Pulumi.yaml").exists() else ""
    if re.search(r"(?m)^runtime: (yaml|nodejs|go|java)$", original):
        # Kept as written, with its name set for the test.
        project_file = re.sub(r"(?m)^name: .*$", f"name: {project}", original)
        if plugin:
            project_file += dev_plugin(venv)
    else:
        project_file = python_project(project, venv, plugin=plugin)
    (dest / "Pulumi.yaml").write_text(project_file)
    return dest


def create_stack(
    work: Path,
    home: Path,
    stack_name: str = "dev",
    *,
    release_host: str | None = None,
    python: bool = True,
) -> E2EStack:
    """A new stack of the project in `work`, with its state and PULUMI_HOME under `home`; with
    `release_host`, the engine downloads plugins, the project's from there; without `python`, no Python
    is on the PATH of the CLI and what it starts (see `Hermetic`)."""
    hermetic = Hermetic(home, release_host=release_host, python=python)
    env = hermetic.env()
    opts = auto.LocalWorkspaceOptions(
        env_vars=env,
        pulumi_home=str(hermetic.home),
        secrets_provider="passphrase",
        pulumi_command=auto.PulumiCommand(root=str(TOOLS)),
    )
    return E2EStack(auto.create_stack(stack_name, work_dir=str(work), opts=opts), env)


@dataclass
class E2EStack:
    """An automation-API stack that keeps every line any command printed, for the secret checks. `env` is
    the hermetic environment its commands run in (the workspace's own dict: changing it changes them)."""

    stack: auto.Stack
    env: dict[str, str]
    output: list[str] = field(default_factory=list)

    def _capture(self, fn: Callable[..., Any], **kwargs: Any) -> Any:
        try:
            result = fn(on_output=self.output.append, color="never", **kwargs)
        except auto.CommandError as err:
            self.output.append(str(err))
            raise
        for attr in ("stdout", "stderr"):
            self.output.append(getattr(result, attr, "") or "")
        return result

    def up(self, **kwargs: Any) -> auto.UpResult:
        result: auto.UpResult = self._capture(self.stack.up, **kwargs)
        return result

    def preview(self, **kwargs: Any) -> auto.PreviewResult:
        result: auto.PreviewResult = self._capture(self.stack.preview, **kwargs)
        return result

    def refresh(self, **kwargs: Any) -> auto.RefreshResult:
        result: auto.RefreshResult = self._capture(self.stack.refresh, **kwargs)
        return result

    def destroy(self, **kwargs: Any) -> auto.DestroyResult:
        result: auto.DestroyResult = self._capture(self.stack.destroy, **kwargs)
        return result

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`pulumi ARGS` on this stack, for what the automation API does not offer or does otherwise than
        users; its output is kept for the secret checks, and the caller judges its exit code."""
        done = subprocess.run(
            [str(PULUMI), *args, "--stack", self.stack.name, "--non-interactive"],
            cwd=self.stack.workspace.work_dir,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.output.append(done.stdout + done.stderr)
        return done

    def export_text(self) -> str:
        """`pulumi stack export` as users run it (the automation API's export shows secrets)."""
        done = self.cli("stack", "export")
        assert done.returncode == 0, done.stderr
        return done.stdout

    def deployment(self) -> dict[str, Any]:
        """The `deployment` of `pulumi stack export`, as users run it."""
        deployment: dict[str, Any] = json.loads(self.export_text())["deployment"]
        return deployment

    def set_config(self, key: str, value: str, *, secret: bool = False) -> None:
        self.stack.set_config(key, auto.ConfigValue(value=value, secret=secret))

    def all_output(self) -> str:
        return "\n".join(self.output)


StackFactory = Callable[..., E2EStack]


def in_state(stack: E2EStack, type_: str) -> dict[str, Any]:
    """The one resource of `type_` in the stack's state."""
    (found,) = [r for r in stack.deployment().get("resources", []) if r["type"] == type_]
    return dict(found)


def assert_no_secrets(stack: E2EStack, *secrets: str) -> None:
    """None of `secrets` in the exported state or in any output of any command run on the stack."""
    text = stack.export_text() + stack.all_output()
    for secret in secrets:
        assert secret not in text


def assert_clean(stack: E2EStack, *secrets: str) -> None:
    """No secret anywhere, and no Python frame of this package in any output (the export included).

    (A Python program that the engine stops after a failure prints a KeyboardInterrupt traceback under
    the stack: Pulumi's Python language host interrupts it. That traceback is Pulumi's, not ours.)
    """
    assert_no_secrets(stack, *secrets)
    assert not re.search(r'File "[^"]*pulumi_xobin', stack.all_output()), "a Python frame of the provider"
