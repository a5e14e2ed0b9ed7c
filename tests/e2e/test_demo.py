"""The README's first command: the demo runs to its end against the emulator with the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support.pulumi_stack import REPO, TOOLS

pytestmark = pytest.mark.e2e


def test_demo_creates_repairs_drift_and_destroys() -> None:
    env = {**os.environ, "PATH": f"{TOOLS / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "demo.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "+ 2 created" in output
    assert "auth.password: not set in Xobin" in output
    assert "~ 1 updated" in output
    assert "- 2 deleted" in output
    assert done.stdout.rstrip().endswith(
        "Demo finished: settings created, drift repaired, webhooks disabled."
    )
    assert not (REPO / "Pulumi.demo.yaml").exists()
