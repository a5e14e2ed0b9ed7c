"""A program of dynamic resources only looks up and downloads no plugin at all.

The Python package tells Pulumi's Python host that it needs no plugin: without the `pulumi-plugin.json`
it ships, the official host takes any `pulumi-*` distribution for a resource provider and the engine
would fetch a `xobin` plugin on every command. Only the native resources ask for the plugin (see
test_install.py). Here automatic plugin acquisition is on, as users have it, and the project's release
URL leads to a stand-in release host that would serve the plugin if it were asked.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from hermetic import PULUMI
from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import assert_clean, copy_program, create_stack
from support.release_host import ReleaseHost

pytestmark = pytest.mark.e2e

# What the engine logs at -v=7 when it installs or downloads a plugin ("plugin xobin 0.1.0 not
# installed, doing install", "xobin downloading from ..."); not its "pluginDownloadURL" lines.
PLUGIN_INSTALL = re.compile(r"doing install|\binstalling\b|\bdownload", re.IGNORECASE)


def test_a_dynamic_only_program_from_the_wheel_attempts_no_plugin_install_or_download(
    tmp_path: Path,
    wheel_venv: Path,
    release_host: ReleaseHost,
    emulator: Emulator,
    api_key: str,
    password: str,
) -> None:
    work = copy_program("quickstart", tmp_path / "program", "dynamic-user", wheel_venv)
    stack = create_stack(work, tmp_path, release_host=release_host.url)
    stack.set_config("xobin:baseUrl", emulator.url)
    stack.set_config("xobin:apiKey", api_key, secret=True)
    stack.set_config("webhookPassword", password, secret=True)
    done = subprocess.run(
        [str(PULUMI), "up", "--yes", "--stack", "dev", "-v=7", "--logtostderr"],
        cwd=work,
        env=stack.env,
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
    assert release_host.requests == {}
    assert list((tmp_path / "pulumi-home").glob("plugins/resource-xobin-*")) == []
    start = emulator.admin.state()["global"]["start"]
    assert start["status"] is True
    assert start["url"].startswith("https://hooks.example.com/")
    assert password not in done.stdout + done.stderr
    assert api_key not in done.stdout + done.stderr
    stack.destroy()
    assert_clean(stack, password, api_key)
