"""The hermetic set-up's PATH without Python (scripts/hermetic.py), which the install tests rely on to show
that the self-contained plugin needs none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hermetic import Hermetic


def test_a_path_without_python_keeps_every_other_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for name in ("python", "python3", "python3.11", "node", "go"):
        (bin_ / name).write_text("#!/bin/sh\n")
        (bin_ / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_))

    path = Hermetic(tmp_path / "run", python=False).settings()["PATH"]

    for name in ("python", "python3", "python3.11"):
        assert shutil.which(name, path=path) is None
    for name in ("node", "go"):
        found = shutil.which(name, path=path)
        assert found is not None
        assert Path(found).resolve() == bin_ / name
    assert shutil.which("python3", path=Hermetic(tmp_path / "other").settings()["PATH"]) == str(
        bin_ / "python3"
    )
