"""What users `pip install` is what is tested: the quickstart, run from the built wheel."""

from __future__ import annotations

import json
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from hermetic import REPO
from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import StackFactory

pytestmark = pytest.mark.e2e


def test_quickstart_runs_from_the_installed_wheel(
    make_stack: StackFactory, wheel_venv: Path, emulator: Emulator, api_key: str, password: str
) -> None:
    where = subprocess.run(
        [
            str(wheel_venv / "bin" / "python"),
            "-c",
            "import pulumi_xobin, pathlib; print(pathlib.Path(pulumi_xobin.__file__).parent)",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    installed = Path(where)
    assert REPO not in installed.parents, "the wheel's copy must be used, not the repo's sources"
    assert (installed / "py.typed").exists()
    # Tells Pulumi's Python host that the package needs no plugin (see test_plugin_acquisition.py).
    assert json.loads((installed / "pulumi-plugin.json").read_text()) == {"resource": False}

    stack = make_stack(
        emulator=emulator, api_key=api_key, secrets={"webhookPassword": password}, virtualenv=wheel_venv
    )
    assert stack.up().summary.resource_changes == {"create": 2}
    assert emulator.admin.state()["global"]["auth"]["basic"]["password"] == password
    assert stack.preview().change_summary == {"same": 2}
    stack.destroy()
    assert emulator.admin.state()["global"]["start"]["status"] is False


def test_the_sdist_and_the_wheel_carry_the_license(dist: Path) -> None:
    license_text = (REPO / "LICENSE").read_text()
    assert "Apache License" in license_text
    (sdist,) = dist.glob("pulumi_xobin-*.tar.gz")
    (wheel,) = dist.glob("pulumi_xobin-*.whl")
    version = wheel.name.split("-")[1]

    with tarfile.open(sdist) as archive:
        member = archive.extractfile(f"pulumi_xobin-{version}/LICENSE")
        assert member is not None
        assert member.read().decode() == license_text
    with zipfile.ZipFile(wheel) as archive:
        info = f"pulumi_xobin-{version}.dist-info"
        assert archive.read(f"{info}/licenses/LICENSE").decode() == license_text
        metadata = archive.read(f"{info}/METADATA").decode().splitlines()
    assert "License-Expression: Apache-2.0" in metadata
    assert "License-File: LICENSE" in metadata
