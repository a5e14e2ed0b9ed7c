"""State written by one installation of pulumi-xobin is read and changed by another.

The quickstart stack is brought up with the repo's editable install (the test virtualenv). Then a new
virtualenv gets a normal, non-editable install of the package, the stack's project is pointed at it, and
refresh, update and destroy all run there: the dynamic provider that Pulumi unpickles from state is
imported from the new installation. A `.pth` file in the new virtualenv records every Python process
started from it, which proves the new installation did the work.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import REPO, E2EStack, StackFactory

pytestmark = pytest.mark.e2e

START = "https://hooks.example.com/start"
NEW_START = "https://hooks.example.com/v2/start"
SUBMISSION = "https://hooks.example.com/submission"
SETTINGS = "/api/v2/ai-interviews/settings/webhooks"

# Appends the command line of every Python process of the new virtualenv to a log file.
_MARKER_PTH = 'import sys; open({log!r}, "a").write(repr(sys.orig_argv) + "\\n")\n'


def install_elsewhere(tmp_path: Path) -> Path:
    """A new virtualenv with a regular (non-editable) install of this repo; returns its folder.

    The install is made from a copy of the sources, so pip's build leaves nothing behind in the repo.
    """
    source = tmp_path / "pulumi-xobin-src"
    source.mkdir()
    for name in ("pyproject.toml", "constraints.txt", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "provider" / "pulumi_xobin",
        source / "provider" / "pulumi_xobin",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    venv = tmp_path / "upgraded-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    done = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "-c", str(REPO / "constraints.txt"), str(source)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return venv


def installed_from(venv: Path) -> Path:
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import pulumi_xobin.provider as p; print(p.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ.get("PATH", os.defpath)},
    )
    return Path(done.stdout.strip())


def site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python3*/site-packages"))
    assert len(found) == 1, found
    return found[0]


def provider_pickle(stack: E2EStack) -> str:
    deployment = json.loads(stack.export_text())["deployment"]
    settings = next(r for r in deployment["resources"] if r["type"].endswith("xobin:WebhookSettings"))
    value: str = settings["outputs"]["__provider"]
    return value


def test_state_from_one_installation_is_refreshed_updated_and_destroyed_by_another(
    make_stack: StackFactory, emulator: Emulator, api_key: str, password: str, tmp_path: Path
) -> None:
    stack = make_stack(emulator=emulator, api_key=api_key, secrets={"webhookPassword": password})
    assert stack.up().summary.resource_changes == {"create": 2}
    pickle_before = provider_pickle(stack)

    venv = install_elsewhere(tmp_path)
    module = installed_from(venv)
    assert module.is_relative_to(venv), module
    assert not module.is_relative_to(REPO), module
    process_log = tmp_path / "upgraded-venv-processes.log"
    (site_packages(venv) / "zz_process_log.pth").write_text(_MARKER_PTH.format(log=str(process_log)))

    work = Path(stack.stack.workspace.work_dir)
    project = (work / "Pulumi.yaml").read_text()
    assert f"virtualenv: {sys.prefix}\n" in project
    (work / "Pulumi.yaml").write_text(re.sub(r"virtualenv: .*\n", f"virtualenv: {venv}\n", project))

    refresh = stack.refresh()
    assert refresh.summary.resource_changes == {"same": 2}

    emulator.admin.clear_requests()
    stack.set_config("startUrl", NEW_START)
    up = stack.up()
    assert up.summary.resource_changes == {"update": 1, "same": 1}
    assert up.outputs["start_url"].value == NEW_START
    live = emulator.admin.state()["global"]
    assert live["start"] == {"status": True, "url": NEW_START}
    assert live["submission"] == {"status": True, "url": SUBMISSION}
    assert live["auth"]["basic"] == {"username": "svc", "password": password}
    writes = [entry for entry in emulator.admin.requests()["log"] if not entry["read"]]
    assert [(entry["method"], entry["path"]) for entry in writes] == [("POST", SETTINGS)]
    # The new installation writes the very same by-reference pickle into state.
    assert provider_pickle(stack) == pickle_before
    assert b"pulumi_xobin.provider" in base64.b64decode(pickle_before)

    stack.destroy()
    after = emulator.admin.state()["global"]
    assert after["start"] == {"status": False, "url": NEW_START}
    assert after["submission"] == {"status": False, "url": SUBMISSION}

    # The program and the dynamic provider both ran on the new virtualenv's Python: the provider once
    # for each of refresh, up and destroy, the program for up.
    started = set(process_log.read_text().splitlines()) if process_log.exists() else set()
    providers = [line for line in started if "'pulumi.dynamic'" in line]
    programs = [line for line in started if "pulumi-language-python-exec" in line]
    assert len(providers) >= 3, started
    assert programs, started

    text = stack.all_output()
    assert password not in text
    assert api_key not in text
