"""The README's first command: the demo runs to its end against the emulator with the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hermetic import REPO, TOOLS_BIN

pytestmark = pytest.mark.e2e


def test_demo_creates_repairs_drift_and_destroys(tmp_path: Path) -> None:
    # The caller's own Pulumi settings, and a PATH without .tools/bin: the demo must use neither.
    users_state, users_home = tmp_path / "users-state", tmp_path / "users-pulumi-home"
    users_state.mkdir()
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != TOOLS_BIN)
    env = {
        **os.environ,
        "PATH": path,
        "PULUMI_BACKEND_URL": users_state.as_uri(),
        "PULUMI_HOME": str(users_home),
        "PULUMI_CONFIG_PASSPHRASE": "the-users-own-passphrase",
    }
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
    assert list(users_state.iterdir()) == []
    assert not users_home.exists()
