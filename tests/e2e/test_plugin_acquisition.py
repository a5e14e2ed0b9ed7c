"""No plugin download, whichever face and language a program uses.

The Python package tells Pulumi's Python host that it needs no plugin: without the `pulumi-plugin.json`
it ships, the official host takes any `pulumi-*` distribution for a resource provider and the engine
tries to download a `xobin` plugin on every command. Programs of the native provider (Python, YAML,
TypeScript) name the plugin's folder in Pulumi.yaml, as the README says, so the engine finds it there.
The rest of the suite turns automatic plugin acquisition off; this test leaves it on, as users have it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from hermetic import PULUMI
from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import StackFactory

pytestmark = pytest.mark.e2e

# What the engine logs at -v=7 when it installs or downloads a plugin ("plugin xobin 0.1.0 not
# installed, doing install", "xobin downloading from ..."); not its "pluginDownloadURL" lines.
PLUGIN_INSTALL = re.compile(r"doing install|\binstalling\b|\bdownload", re.IGNORECASE)


@pytest.mark.parametrize(
    ("example", "plugin"),
    [("quickstart", False), ("native", True), ("yaml", True), ("typescript", True)],
)
def test_up_from_the_wheel_attempts_no_plugin_install_or_download(
    example: str,
    plugin: bool,
    make_stack: StackFactory,
    wheel_venv: Path,
    emulator: Emulator,
    api_key: str,
    password: str,
) -> None:
    stack = make_stack(
        example,
        project=f"xobin-{example}",
        emulator=emulator,
        api_key=api_key,
        # The YAML example's second account is pointed at the same emulator.
        config={"accountBUrl": emulator.url} if example == "yaml" else None,
        secrets={"webhookPassword": password, "accountBKey": api_key},
        virtualenv=wheel_venv,
        plugin=plugin,
    )
    env = dict(stack.env)
    del env["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"]
    done = subprocess.run(
        [str(PULUMI), "up", "--yes", "--stack", "dev", "-v=7", "--logtostderr"],
        cwd=stack.stack.workspace.work_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # The engine did reach its plugin check, and logged it at this verbosity.
    assert "ensurePluginsAreInstalled(): beginning" in done.stderr
    attempts = [line for line in done.stderr.splitlines() if PLUGIN_INSTALL.search(line)]
    assert attempts == []
    start = emulator.admin.state()["global"]["start"]
    assert start["status"] is True
    assert start["url"].startswith("https://hooks.example.com/")
    assert password not in done.stdout + done.stderr
    assert api_key not in done.stdout + done.stderr
    stack.destroy()
